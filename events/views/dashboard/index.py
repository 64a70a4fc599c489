"""The organizer dashboard: the signed-in user's events, grouped by the role they hold."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.views.generic import TemplateView

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
        for role_name, event in events_for_user(self.request.user):
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
