"""Export and import from the browser. The page's script starts the task through the API the way any client
does (`POST /v1/events/<id>/export/json`, `POST /v1/events/import/json`, session cookie + CSRF token), shows
the live progress the task pushes over the notification socket (`notifications.progress`), and reads the
outcome — the download link, or the failure's reason — from `/v1/tasks/<id>`."""

from django.urls import reverse
from django.views.generic import TemplateView

from events.transfer import MEDIA_OPTIONS
from events.views.dashboard.base import EventDashboardMixin

OPTION_LABELS = {"image": "Images", "audio": "Audio", "video": "Video", "document": "Documents (slides)"}


class TransferView(EventDashboardMixin, TemplateView):
    template_name = "dashboard/event/transfer.html"
    page = "transfer"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["options"] = [(key, OPTION_LABELS.get(key, key)) for key in MEDIA_OPTIONS]
        context["export_url"] = f"/v1/events/{self.event.identifier}/export/json"
        context["import_url"] = "/v1/events/import/json"
        context["event_url_template"] = reverse("dashboard-overview", args=["__identifier__"])
        return context
