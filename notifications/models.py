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
