"""Smaller parts of an event's public page: its copyright and its exhibitors."""

from django.db import models

from eventyay.db import SoftDeleteModel, TimestampedModel


class EventCopyright(SoftDeleteModel):
    """The licence an event's content is published under (the Open Event `event-copyright` type); one live row
    per event."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="copyrights")
    holder = models.CharField(max_length=255, blank=True, default="")
    holder_url = models.URLField(max_length=1000, blank=True, default="")
    year = models.IntegerField(null=True, blank=True)
    licence = models.CharField(max_length=255, blank=True, default="")
    licence_url = models.URLField(max_length=1000, blank=True, default="")
    logo_url = models.URLField(max_length=1000, blank=True, default="")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event"], condition=models.Q(deleted_at__isnull=True), name="one_live_copyright_per_event"
            )
        ]

    def __str__(self):
        return self.licence or self.holder or f"Copyright of event {self.event_id}"


class Exhibitor(TimestampedModel):
    class Status(models.TextChoices):
        PENDING = "pending"
        ACCEPTED = "accepted"

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="exhibitors")
    name = models.CharField(max_length=255)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    description = models.TextField(blank=True, default="")
    url = models.URLField(max_length=1000, blank=True, default="")
    position = models.IntegerField(default=0)
    logo_url = models.URLField(max_length=1000, blank=True, default="")
    banner_url = models.URLField(max_length=1000, blank=True, default="")
    thumbnail_image_url = models.URLField(max_length=1000, blank=True, default="")
    video_url = models.URLField(max_length=1000, blank=True, default="")
    slides_url = models.URLField(max_length=1000, blank=True, default="")
    contact_email = models.EmailField(blank=True, default="")
    contact_link = models.URLField(max_length=1000, blank=True, default="")
    enable_video_room = models.BooleanField(default=False)
    social_links = models.JSONField(null=True, blank=True)
    sessions = models.ManyToManyField("events.Session", blank=True, related_name="exhibitors")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.name
