"""Dashboard (server-rendered) views ask the same permission module as the API, through this mixin."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404

from roles import permissions as rules


def event_for_dashboard(user, value, check="is_coorganizer"):
    """The event `value` (numeric id or identifier) names, if `user` passes `check` on it; else Http404.
    Soft-deleted events are hidden from everyone but admins."""
    from events.models import Event
    from events.selectors import find_event

    qs = Event.objects.select_related("owner", "event_topic", "event_sub_topic", "event_type")
    event = find_event(qs, value)
    if event is None or (event.deleted_at is not None and not rules.is_admin(user)):
        raise Http404("No such event.")
    if not rules.check(user, check, event=event):
        raise Http404("No such event.")  # out of scope: do not reveal that it exists
    return event


class EventPermissionRequiredMixin(LoginRequiredMixin):
    """Resolves `self.event` from the URL kwarg `event_id` (id or identifier) and requires `required_check`
    (a `roles.permissions` rule: a has_access name such as "is_organizer", or an (action, service) pair).
    An event the user has no such role on answers 404, not 403."""

    required_check = "is_coorganizer"
    event_url_kwarg = "event_id"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.event = event_for_dashboard(request.user, kwargs[self.event_url_kwarg], self.required_check)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("event", self.event)
        return context
