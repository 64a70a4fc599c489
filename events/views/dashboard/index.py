"""The organizer dashboard: the signed-in user's events, grouped by the role they hold."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.views.generic import TemplateView

from events import search
from events.models import Event
from roles.models import Role
from roles.selectors import ROLE_RANK, events_for_user

ROLE_LABELS = {
    Role.ORGANIZER: "Organizer",
    Role.COORGANIZER: "Co-organizer",
    Role.TRACK_ORGANIZER: "Track organizer",
    Role.MODERATOR: "Moderator",
    Role.REGISTRAR: "Registrar",
    Role.ATTENDEE: "Attendee",
}
#: roles that may open the wizard (the same as `roles.mixins.EventPermissionRequiredMixin`'s default check)
EDITING_ROLES = {Role.ORGANIZER, Role.COORGANIZER}


def home(request):
    return redirect("dashboard" if request.user.is_authenticated else "sign-in")


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "dashboard/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        grouped = {}
        rows = events_for_user(self.request.user)
        query = self.request.GET.get("q", "").strip()[:200]
        context["query"] = query
        if query:
            rows = self.search(rows, query)
            context["search_fallback"] = bool(self.search_meta and self.search_meta["fallback"])
        for role_name, event in rows:
            grouped.setdefault(role_name, []).append(event)
        context["groups"] = [
            {
                "role": name,
                "label": ROLE_LABELS.get(name, name),
                "events": grouped[name],
                "can_edit": name in EDITING_ROLES,
                "can_open": name != Role.ATTENDEE,  # the event dashboard is for its team
            }
            for name in ROLE_RANK
            if name in grouped
        ]
        return context

    def search(self, rows, query):
        """The user's events matching `query` (drafts included: they are the user's), most relevant first."""
        mine = Event.objects.filter(pk__in=[event.pk for _, event in rows])
        matches, meta = search.filter_queryset("event", mine, query, scope="all")
        rank = {pk: i for i, pk in enumerate(matches.order_by("search_order", "pk").values_list("pk", flat=True))}
        self.search_meta = meta
        return sorted(((role, event) for role, event in rows if event.pk in rank), key=lambda r: rank[r[1].pk])
