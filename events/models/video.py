"""Online events: an event's video stream (the rooms it is shown in) and its translation channels."""

from django.db import models

from eventyay.db import TimestampedModel


class VideoStream(TimestampedModel):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="video_streams")
    name = models.CharField(max_length=255)
    url = models.URLField(max_length=1000)
    password = models.CharField(max_length=255, blank=True, default="")
    additional_information = models.TextField(blank=True, default="")
    bg_img_url = models.URLField(max_length=1000, blank=True, default="")
    extra = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name


class TranslationChannel(TimestampedModel):
    """A stream's channel in another language. `event` is the stream's (kept by the service)."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="translation_channels")
    video_stream = models.ForeignKey(VideoStream, on_delete=models.CASCADE, related_name="translation_channels")
    name = models.CharField(max_length=255)
    url = models.URLField(max_length=1000)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name
