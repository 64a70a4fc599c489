"""Event export/import (`POST /v1/events/<id>/export/json`, `POST /v1/events/import/json`) and the task
status the client polls (`GET /v1/tasks/<task_id>` → `{"state", "result"}`), answered as plain JSON like the
Open Event server. A task that fails says FAILURE with a readable `result` at once; it never stays WAITING."""

import uuid

from celery.result import AsyncResult
from django.db import transaction
from django.http import Http404
from rest_framework import parsers, renderers, serializers
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.response import Response
from rest_framework.views import APIView

from events import tasks, transfer
from events.models import TransferTask
from eventyay import uploads
from eventyay.api.parsers import JsonParser, PlainJsonAsJsonApiParser
from eventyay.api.renderers import PlainJsonAsJsonApiRenderer
from eventyay.api.schema import plain_json
from eventyay.api.views import resolve_event
from eventyay.errors import DomainError
from roles import permissions as rules

STATES = {"PENDING": "WAITING", "RECEIVED": "WAITING"}
IMPORT_EXTENSIONS = {"zip", "json"}


class PlainJsonView(APIView):
    renderer_classes = (renderers.JSONRenderer, PlainJsonAsJsonApiRenderer)

    def initial(self, request, *args, **kwargs):
        if not hasattr(self, request.method.lower()):  # 405 for everyone, before authentication answers 401
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)


def queue(task, kind, user, event, *args):
    """Record who owns the task and queue it once the transaction commits; returns the task URL."""
    task_id = str(uuid.uuid4())
    TransferTask.objects.create(task_id=task_id, user=user, kind=kind, event=event)
    transaction.on_commit(lambda: task.apply_async(args=args, task_id=task_id))
    return f"/v1/tasks/{task_id}"


class EventExportView(PlainJsonView):
    """`{"image": bool, "video": bool, "document": bool, "audio": bool}` → `{"task_url"}`; the team only."""

    parser_classes = (JsonParser, PlainJsonAsJsonApiParser)
    permission_rules = {"*": "is_coorganizer"}

    def get_permission_event(self, obj=None):
        if not hasattr(self, "_event"):
            self._event = resolve_event(self.request, self.kwargs["event_id"])
        return self._event

    @plain_json(
        "EventExport",
        request={"image": bool, "video": bool, "document": bool, "audio": bool},
        response={"task_url": str},
    )
    def post(self, request, event_id):
        body = request.data if isinstance(request.data, dict) else {}
        options = {key: bool(body.get(key)) for key in transfer.MEDIA_OPTIONS}
        event = self.get_permission_event()
        with transaction.atomic():
            url = queue(
                tasks.export_event_json,
                TransferTask.Kind.EXPORT,
                request.user,
                event,
                event.pk,
                request.user.pk,
                options,
            )
        return Response({"task_url": url})


class EventImportView(PlainJsonView):
    """Multipart `file` (an export zip or its event.json) → `{"task_url"}`; any signed-in user. The file's
    structure is checked here (a clear 422 at once); its rows are checked by the task (FAILURE with the reason)."""

    parser_classes = (parsers.MultiPartParser, parsers.FormParser)
    permission_rules = {"*": "authenticated"}

    @plain_json("EventImport", request={"file": dict}, response={"task_url": str})
    def post(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            raise DomainError("Send the export as a multipart `file`.", code="required")
        if uploads.extension_of(uploads.safe_name(upload.name)) not in IMPORT_EXTENSIONS:
            raise DomainError("Import a .zip export or its event.json.", code="file_type")
        content = uploads.read_upload(uploaded_file=upload)
        transfer.read_archive(content)
        with transaction.atomic():
            stored, _ = uploads.store_bytes(content, folder="imports/pending", name="upload.zip")
            args = (stored, request.user.pk, request.build_absolute_uri("/"))
            url = queue(tasks.import_event_json, TransferTask.Kind.IMPORT, request.user, None, *args)
        return Response({"task_url": url})


class TaskStateSerializer(serializers.Serializer):
    """The shape of a task state (for the OpenAPI schema)."""

    state = serializers.CharField()
    result = serializers.JSONField(allow_null=True)


class TaskView(PlainJsonView):
    """`{"state": WAITING|STARTED|SUCCESS|FAILURE|…, "result": …}` for the task's owner (and admins)."""

    serializer_class = TaskStateSerializer
    permission_rules = {"*": "authenticated"}

    def get(self, request, task_id):
        owned = TransferTask.objects.filter(task_id=task_id)
        if not rules.is_admin(request.user):
            owned = owned.filter(user=request.user)
        if not owned.exists():
            raise Http404("No such task.")
        result = AsyncResult(task_id)
        state = STATES.get(result.state, result.state)
        if state == "SUCCESS":
            return Response({"state": state, "result": result.result})
        if state == "FAILURE":
            return Response({"state": state, "result": str(result.result) or "The task failed."})
        return Response({"state": state, "result": None})
