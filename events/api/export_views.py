"""File exports of an event (issue 14, item 4), each started here and built by the Celery task
`events.export_file` like the JSON export: the answer is `{"task_url": "/v1/tasks/<id>"}`, the task's state is
polled there, and the finished file is downloaded through the signed link its result holds.

* `GET /v1/events/<id>/export/{ical,xcal,pentabarf}` — the public schedule (published sessions only);
* `GET /v1/events/<id>/export/{orders,attendees}/{csv,pdf}`;
* `POST|GET /v1/events/<id>/export/{sessions,speakers}/csv` (`{"status": "all"|<session state>}`, or
  `?status=`), `GET …/{sessions,speakers}/pdf`;
* `GET /v1/badge-forms/print-badge-pdf?attendee_id=1[,2…]&list_field_show=name,email`.

Only the event's organizers and co-organizers (and admins) export: the files hold private data (buyers',
attendees' and speakers' contact details), and the download link checks the same rule again."""

from django.db import transaction
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from events.api.transfer_views import PlainJsonView, queue
from events.models import TransferTask
from events.transfer.formats import FORMATS
from events.transfer.formats.tables import STATUSES
from eventyay.api.parsers import JsonParser, PlainJsonAsJsonApiParser
from eventyay.api.schema import plain_json
from eventyay.api.views import EventInUrlMixin, resolve_event
from eventyay.errors import DomainError
from roles import permissions as rules

TASK_URL = {"task_url": str}


class TaskUrlSerializer(serializers.Serializer):
    """The answer of every export: where to poll the task (for the OpenAPI schema)."""

    task_url = serializers.CharField()


class FileExportView(EventInUrlMixin, PlainJsonView):
    """Start the export `format_name` of the event in the URL; `{"task_url"}`. The team only."""

    format_name = None
    serializer_class = TaskUrlSerializer
    parser_classes = (JsonParser, PlainJsonAsJsonApiParser)
    permission_rules = {"*": "is_coorganizer"}

    def export_options(self, request):
        return {}

    def start(self, request, event, options):
        if self.format_name not in FORMATS:
            raise Http404("No such export.")
        with transaction.atomic():
            url = queue(
                "events.export_file",
                TransferTask.Kind.EXPORT,
                request.user,
                event,
                event.pk,
                request.user.pk,
                self.format_name,
                options,
                request.build_absolute_uri("/"),
            )
        return Response({"task_url": url})

    @plain_json("FileExport", response=TASK_URL)
    def get(self, request, event_id):
        return self.start(request, self.get_permission_event(), self.export_options(request))


class StatusExportView(FileExportView):
    """Sessions or speakers: `{"status": "all"}` (POST body) or `?status=` picks the session state."""

    def export_options(self, request):
        body = request.data if request.method == "POST" and isinstance(request.data, dict) else {}
        status = body.get("status", request.query_params.get("status", "all"))
        if not isinstance(status, str) or status.lower() not in STATUSES:
            raise DomainError(f"status must be one of {', '.join(STATUSES)}.", field="status")
        return {"status": status.lower()}

    @plain_json("StatusExport", request={"status": str}, response=TASK_URL)
    def post(self, request, event_id):
        return self.get(request, event_id)


class BadgeExportView(FileExportView):
    """Badges of the attendees `attendee_id` (comma-separated ids, one event's) showing `list_field_show`."""

    format_name = "badges"

    def attendees(self):
        from tickets.models import Attendee

        raw = str(self.request.query_params.get("attendee_id", ""))
        try:
            ids = sorted({int(part) for part in raw.split(",") if part.strip()})
        except ValueError:
            raise DomainError("attendee_id: a comma-separated list of attendee ids.", parameter="attendee_id")
        if not ids:
            raise DomainError("attendee_id is required.", code="required", parameter="attendee_id")
        if len(ids) > 1000:
            raise DomainError("At most 1000 badges at a time.", parameter="attendee_id")
        attendees = list(Attendee.objects.filter(pk__in=ids).values_list("pk", "event_id"))
        events = {event_id for _, event_id in attendees}
        if len(attendees) != len(ids) or len(events) != 1:
            raise Http404("No such attendee (or attendees of several events).")
        return ids, events.pop()

    def get_permission_event(self, obj=None):
        if not rules.is_authenticated(self.request.user):
            return None
        if not hasattr(self, "_event"):
            self._ids, event_id = self.attendees()
            self._event = resolve_event(self.request, event_id)
        return self._event

    def export_options(self, request):
        from tickets.exports.badges import field_names

        try:
            fields = field_names(request.query_params.get("list_field_show", ""))
        except ValueError as exc:
            raise DomainError(str(exc), parameter="list_field_show")
        return {"attendee_ids": self._ids, "fields": fields}

    @extend_schema(
        parameters=[
            OpenApiParameter("attendee_id", str, required=True, description="attendee ids, comma-separated"),
            OpenApiParameter("list_field_show", str, description="badge fields, e.g. `name,email`"),
        ]
    )
    @plain_json("BadgeExport", response=TASK_URL)
    def get(self, request):
        return self.start(request, self.get_permission_event(), self.export_options(request))
