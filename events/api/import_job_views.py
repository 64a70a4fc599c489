"""`import-job` (import_jobs.apib): the event imports a user started, as the Open Event Server lists them — read
only, the user's own (admins: everyone's). A row is the `TransferTask` of an import; `/v1/tasks/<task>` stays the
place to poll one while it runs."""

from rest_framework import serializers

from events.api.feedback_views import OwnRowsViewSet
from events.models import TransferTask
from eventyay.api.relationships import ToOne
from eventyay.api.serializers import ResourceSerializer


class ImportJobSerializer(ResourceSerializer):
    task = serializers.CharField(source="task_id", read_only=True)
    starts_at = serializers.DateTimeField(source="created_at", read_only=True)
    result = serializers.SerializerMethodField()
    result_status = serializers.SerializerMethodField()
    user = ToOne("user")
    event = ToOne("event")

    class Meta:
        model = TransferTask
        resource_name = "import-job"
        fields = ("task", "starts_at", "result", "result_status", "user", "event")

    def get_result_status(self, job):
        """SUCCESS or FAILURE once it ended; STARTED while it runs (the task renews its heartbeat); else PENDING."""
        if job.failure:
            return "FAILURE"
        if job.finished_at is not None:
            return "SUCCESS"
        return "STARTED" if job.heartbeat_at is not None else "PENDING"

    def get_result(self, job):
        """The imported event's id once it succeeded (as the Open Event Server), the reason when it failed."""
        if job.failure:
            return job.failure
        if job.finished_at is not None and job.event_id is not None:
            return str(job.event_id)
        return None


class ImportJobViewSet(OwnRowsViewSet):
    http_method_names = ["get", "head", "options"]
    queryset = TransferTask.objects.filter(kind=TransferTask.Kind.IMPORT)
    serializer_class = ImportJobSerializer
    ordering = ("-created_at", "-id")
