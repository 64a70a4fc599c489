from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from eventyay.db import TimestampedModel


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(is_read=False)


class Notification(TimestampedModel):
    """A message to one user (seed 003 "User Notifications"): title, sanitized HTML message, the kind of
    action it is about (role invite, welcome, import finished, …), the object it is about (generic), when it
    was received and whether the user has read it."""

    class Kind(models.TextChoices):
        WELCOME = "welcome", "Welcome"
        ROLE_INVITE = "role_invite", "Role invite"
        EVENT_IMPORT = "event_import", "Event import finished"
        EVENT_EXPORT = "event_export", "Event export finished"
        MESSAGE = "message", "Message"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(max_length=255)
    message = models.TextField(blank=True, default="")
    #: what the notification is about; free-form so any feature can add its own (`Kind` lists the known ones)
    kind = models.CharField(max_length=64, default=Kind.MESSAGE)
    target_content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    target_object_id = models.CharField(max_length=64, null=True, blank=True)
    target = GenericForeignKey("target_content_type", "target_object_id")
    received_at = models.DateTimeField(default=timezone.now)
    is_read = models.BooleanField(default=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["user", "is_read", "-received_at"], name="notif_user_unread_idx")]

    def __str__(self):
        return f"{self.title} → {self.user_id}"


class OutboxMessage(models.Model):
    """A Celery task or a socket push that must reach Redis once its transaction has committed
    (`notifications.dispatch`). The row is written in the same transaction as the change it announces and
    deleted once Redis took the message; while Redis is away it waits here and the dispatcher sends it later."""

    class Kind(models.TextChoices):
        TASK = "task", "Celery task"
        PUSH = "push", "Socket push"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    #: the task's registered name (a push: the `meta` line of the socket message)
    name = models.CharField(max_length=255)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    task_id = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.kind} {self.name}"


from notifications.platform_models import (  # noqa: E402,F401  (mail and audit types; own module)
    Activity,
    EmailNotification,
    Mail,
    MessageSetting,
)
