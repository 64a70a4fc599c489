"""Mail and audit types of the Open Event API: per-user e-mail notification preferences, the message settings
admins use to switch mails off, the log of sent mails, and the audit log of actions (activities)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from eventyay.db import SoftDeleteModel


class EmailNotification(SoftDeleteModel):
    """Which e-mails a user wants, overall or for one event."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_notifications")
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, null=True, blank=True, related_name="email_notifications"
    )
    next_event = models.BooleanField(default=False)
    new_paper = models.BooleanField(default=False)
    session_accept_reject = models.BooleanField(default=False)
    session_schedule = models.BooleanField(default=False)
    after_ticket_purchase = models.BooleanField(default=True)

    class Meta:
        app_label = "notifications"
        ordering = ["id"]

    def __str__(self):
        return f"e-mail preferences of user {self.user_id} for event {self.event_id or '-'}"


class MessageSetting(models.Model):
    """One kind of mail (`action`) the platform sends and whether it is sent at all. Seeded with the actions
    that may be switched off; mails about an account's security are not among them."""

    EVENT_ROLE = "event_role"
    USER_REGISTER = "user_register"

    action = models.CharField(max_length=64, unique=True)
    enabled = models.BooleanField(default=True)
    recipient = models.CharField(max_length=64, blank=True, default="")
    email_subject = models.CharField(max_length=255, blank=True, default="")
    email_message = models.TextField(blank=True, default="")
    notification_message = models.TextField(blank=True, default="")
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "notifications"
        ordering = ["id"]

    def __str__(self):
        return f"{self.action} ({'on' if self.enabled else 'off'})"


class Mail(models.Model):
    """One e-mail the platform queued, per recipient (the sent-mail log)."""

    recipient = models.EmailField(db_index=True)
    time = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=64, blank=True, default="")
    subject = models.CharField(max_length=998, blank=True, default="")
    message = models.TextField(blank=True, default="")

    class Meta:
        app_label = "notifications"
        ordering = ["-time", "-id"]

    def __str__(self):
        return f"{self.subject} → {self.recipient}"


class Activity(models.Model):
    """One action in the audit log: who (`actor`, their e-mail or "system"), what, when."""

    actor = models.CharField(max_length=255, blank=True, default="")
    time = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.TextField()

    class Meta:
        app_label = "notifications"
        ordering = ["-time", "-id"]
        verbose_name_plural = "activities"

    def __str__(self):
        return f"{self.actor}: {self.action}"
