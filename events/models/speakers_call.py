"""The call for speakers of an event (the Open Event `speakers-call` type): one live call per event."""

from django.db import models

from eventyay.db import SoftDeleteModel


class SpeakersCall(SoftDeleteModel):
    class Privacy(models.TextChoices):
        PUBLIC = "public"
        PRIVATE = "private"

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="speakers_calls")
    announcement = models.TextField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    hash = models.CharField(max_length=255, blank=True, default="")
    privacy = models.CharField(max_length=16, choices=Privacy.choices, default=Privacy.PUBLIC)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event"], condition=models.Q(deleted_at__isnull=True), name="one_live_speakers_call_per_event"
            )
        ]

    def __str__(self):
        return f"Speakers call of event {self.event_id}"
