"""Event export/import (`POST /v1/events/<id>/export/json`, `POST /v1/events/import/json`), the task status
the client polls (`GET /v1/tasks/<task_id>` → `{"state", "result"}`), answered as plain JSON like the Open
Event server, and the export's download (`GET /v1/tasks/<task_id>/download?token=…`).

A task that fails says FAILURE with a readable `result` (never an exception's text); one whose worker died
says FAILURE ("worker lost") once its lease expires (`events.transfer.lease`). Tasks are queued through the
outbox (`notifications.dispatch`): with Redis away the request still succeeds and the task runs once it is
back. An export's zip is private: the result holds a signed, expiring link (`events.transfer.downloads`)."""

import uuid

from celery.result import AsyncResult
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import parsers, renderers, serializers
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.response import Response
from rest_framework.views import APIView

from events import transfer
from events.models import TransferTask
from events.transfer import lease
from events.transfer.downloads import download_path, downloadable
from events.transfer.formats import CONTENT_TYPES
from eventyay import uploads
from eventyay.api.parsers import JsonParser, PlainJsonAsJsonApiParser
from eventyay.api.renderers import PlainJsonAsJsonApiRenderer
from eventyay.api.schema import plain_json
from eventyay.api.views import EventInUrlMixin
from eventyay.celery import app as celery_app
from eventyay.errors import DomainError
from eventyay.private_storage import is_local, private_storage
from notifications.dispatch import dispatch_task
from roles import permissions as rules

STATES = {"PENDING": "WAITING", "RECEIVED": "WAITING", "RETRY": "WAITING"}
IMPORT_EXTENSIONS = {"zip", "json"}


class PlainJsonView(APIView):
    renderer_classes = (renderers.JSONRenderer, PlainJsonAsJsonApiRenderer)

    def initial(self, request, *args, **kwargs):
        if not hasattr(self, request.method.lower()):  # 405 for everyone, before authentication answers 401
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)


def queue(task_name, kind, user, event, *args, file_name=""):
    """Record who owns the task and queue it once the transaction commits; returns the task URL."""
    task_id = str(uuid.uuid4())
    TransferTask.objects.create(task_id=task_id, user=user, kind=kind, event=event, file_name=file_name)
    dispatch_task(task_name, args, task_id=task_id)
    return f"/v1/tasks/{task_id}"


class EventExportView(EventInUrlMixin, PlainJsonView):
    """`{"image": bool, "video": bool, "document": bool, "audio": bool}` → `{"task_url"}`; the team only."""

    parser_classes = (JsonParser, PlainJsonAsJsonApiParser)
    permission_rules = {"*": "is_coorganizer"}

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
                "events.export_json",
                TransferTask.Kind.EXPORT,
                request.user,
                event,
                event.pk,
                request.user.pk,
                options,
                request.build_absolute_uri("/"),
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
        storage = private_storage()
        stored = storage.save(f"imports/pending/{uuid.uuid4().hex}/upload.zip", ContentFile(content))
        try:
            with transaction.atomic():
                args = (request.user.pk, request.build_absolute_uri("/"))
                url = queue("events.import_json", TransferTask.Kind.IMPORT, request.user, None, *args, file_name=stored)
        except BaseException:
            storage.delete(stored)
            raise
        return Response({"task_url": url})


class TaskStateSerializer(serializers.Serializer):
    """The shape of a task state (for the OpenAPI schema)."""

    state = serializers.CharField()
    result = serializers.JSONField(allow_null=True)


class TaskView(PlainJsonView):
    """`{"state": WAITING|STARTED|SUCCESS|FAILURE, "result": …}` for the task's owner (and admins). The
    `TransferTask` row is authoritative for the outcome (the task writes it in its final transaction); the
    result backend says whether a task not finished yet was picked up."""

    serializer_class = TaskStateSerializer
    permission_rules = {"*": "authenticated"}

    def get(self, request, task_id):
        owned = TransferTask.objects.select_related("event").filter(task_id=task_id)
        if not rules.is_admin(request.user):
            owned = owned.filter(user=request.user)
        task = owned.first()
        if task is None:
            raise Http404("No such task.")
        if not task.failure and task.finished_at is None:
            state = self.running_state(task)
            if state != "LOST":
                return Response({"state": state, "result": None})
            task.refresh_from_db()
        if task.failure:
            return Response({"state": "FAILURE", "result": task.failure})
        return Response({"state": "SUCCESS", "result": self.outcome(request, task)})

    def running_state(self, task):
        """WAITING or STARTED — or LOST when the task's lease expired (then declared lost)."""
        result = AsyncResult(task.task_id, app=celery_app)
        backend_state = result.state
        started_at = None
        if backend_state == "STARTED" and task.heartbeat_at is None:
            started_at = getattr(result, "date_done", None)
        if task.heartbeat_at is not None or backend_state == "STARTED":
            if lease.is_stale(task, started_at) and lease.declare_lost(task.task_id, started_at):
                return "LOST"
            return "STARTED"
        if backend_state == "FAILURE":  # failed before it could record a reason
            lease.fail(task.task_id, lease.UNEXPECTED)
            return "LOST"
        return STATES.get(backend_state, "WAITING")

    def outcome(self, request, task):
        if task.kind == TransferTask.Kind.EXPORT:
            if not task.file_name:
                return {"download_url": None, "detail": "The export was deleted; export the event again."}
            return {"download_url": request.build_absolute_uri(download_path(task))}
        event = task.event
        return {"id": event.pk, "identifier": event.identifier} if event is not None else None


class ExportDownloadSerializer(serializers.Serializer):
    """No body: the answer is the zip file itself (for the OpenAPI schema)."""


class ExportDownloadView(APIView):
    """`GET /v1/tasks/<task_id>/download?token=…`: the export's file (a zip, or iCal, XML, CSV, PDF), for the
    link's holder while it is valid and its user may still export the event; 404 otherwise (no token, a bad or
    expired one, another task's)."""

    authentication_classes = ()
    permission_rules = {"*": "public"}
    renderer_classes = (renderers.JSONRenderer, PlainJsonAsJsonApiRenderer)
    serializer_class = ExportDownloadSerializer

    @extend_schema(
        parameters=[OpenApiParameter("token", str, required=True, description="the signed link's token")],
        responses={(200, "application/zip"): OpenApiTypes.BINARY},
        filters=False,
    )
    def get(self, request, task_id):
        task = downloadable(task_id, request.query_params.get("token"))
        if task is None:
            raise Http404("No such download, or the link has expired.")
        storage = private_storage()
        extension = task.file_name.rsplit(".", 1)[-1].lower()
        content_type = CONTENT_TYPES.get(extension, "application/octet-stream")
        filename = f"{task.event.identifier}-export.zip"
        if extension != "zip":  # a file export (events.transfer.formats) is named after what it holds
            filename = task.file_name.rsplit("/", 1)[-1]
        if not is_local(storage):
            return HttpResponseRedirect(storage.url(task.file_name))  # a presigned URL, valid for a minute
        try:
            handle = storage.open(task.file_name, "rb")
        except OSError:
            raise Http404("The export is no longer stored; export the event again.")
        response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
