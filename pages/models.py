from django.db import models

from eventyay.db import TimestampedModel


class Page(TimestampedModel):
    """A static page (about, footer links). Seed 000: name, url, description required; index default 0."""

    class Place(models.TextChoices):
        FOOTER = "footer", "Footer"
        EVENT = "event", "Event"

    name = models.CharField(max_length=255)
    title = models.CharField(max_length=255, blank=True, default="")
    url = models.CharField(max_length=1000)
    description = models.TextField()
    place = models.CharField(max_length=16, choices=Place.choices, blank=True, default="")
    language = models.CharField(max_length=32, blank=True, default="")
    index = models.IntegerField(default=0)

    class Meta:
        ordering = ["index", "id"]

    def __str__(self):
        return self.name
