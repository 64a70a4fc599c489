from django.conf import settings
from django.db import models
from django.utils import timezone


class TransferTask(models.Model):
    """Who started an export or import task (`/v1/tasks/<task_id>` answers only them and admins), and how it
    went: the task renews `heartbeat_at` while it runs; `finished_at` is set in its final transaction;
    `failure` holds the reason shown when it failed (a lost worker included, see `events.transfer.lease`).
    `file_name`: the export's zip, or the uploaded file an import waits on, in private storage."""

    class Kind(models.TextChoices):
        EXPORT = "export", "Export"
        IMPORT = "import", "Import"

    task_id = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="transfer_tasks")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    event = models.ForeignKey("events.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    file_name = models.CharField(max_length=500, blank=True, default="")
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    failure = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} {self.task_id}"
