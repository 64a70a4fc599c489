"""The badge layout of an event's attendees, per ticket (the Open Event `badge-form` type)."""

from django.db import models

from eventyay.db import TimestampedModel


class BadgeForm(TimestampedModel):
    class Orientation(models.TextChoices):
        PORTRAIT = "portrait"
        LANDSCAPE = "landscape"

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="badge_forms")
    ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.CASCADE, related_name="badge_forms"
    )
    badge_id = models.CharField(max_length=255)
    badge_size = models.CharField(max_length=64, blank=True, default="")
    badge_color = models.CharField(max_length=32, blank=True, default="")
    badge_image_url = models.URLField(max_length=1000, blank=True, default="")
    badge_orientation = models.CharField(max_length=16, choices=Orientation.choices, blank=True, default="")

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.badge_id
