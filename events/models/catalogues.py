"""Platform catalogues the event pages use: event locations (the cities the start page lists), custom
placeholders (stock pictures per event sub-topic) and image sizes (how uploaded event and speaker images are
resized). Admins write them; everyone reads them."""

from django.db import models

from eventyay.db import SoftDeleteModel, TimestampedModel


class EventLocation(TimestampedModel):
    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class CustomPlaceholder(SoftDeleteModel):
    name = models.CharField(max_length=255)
    original_image_url = models.URLField(max_length=1000)
    thumbnail_image_url = models.URLField(max_length=1000, blank=True, default="")
    large_image_url = models.URLField(max_length=1000, blank=True, default="")
    icon_image_url = models.URLField(max_length=1000, blank=True, default="")
    copyright = models.CharField(max_length=255, blank=True, default="")
    origin = models.CharField(max_length=255, blank=True, default="")
    event_sub_topic = models.ForeignKey(
        "events.EventSubTopic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="custom_placeholders",
    )

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class ImageSize(TimestampedModel):
    """One row per kind of image (`type`): the event image sizes and the speaker image sizes."""

    class Kind(models.TextChoices):
        EVENT = "event-image"
        SPEAKER = "speaker-image"

    type = models.CharField(max_length=32, choices=Kind.choices, unique=True)
    # event images
    full_width = models.PositiveIntegerField(null=True, blank=True)
    full_height = models.PositiveIntegerField(null=True, blank=True)
    full_aspect = models.BooleanField(null=True, blank=True)
    full_quality = models.PositiveIntegerField(null=True, blank=True)
    icon_width = models.PositiveIntegerField(null=True, blank=True)
    icon_height = models.PositiveIntegerField(null=True, blank=True)
    icon_aspect = models.BooleanField(null=True, blank=True)
    icon_quality = models.PositiveIntegerField(null=True, blank=True)
    thumbnail_width = models.PositiveIntegerField(null=True, blank=True)
    thumbnail_height = models.PositiveIntegerField(null=True, blank=True)
    thumbnail_aspect = models.BooleanField(null=True, blank=True)
    thumbnail_quality = models.PositiveIntegerField(null=True, blank=True)
    logo_width = models.PositiveIntegerField(null=True, blank=True)
    logo_height = models.PositiveIntegerField(null=True, blank=True)
    # speaker images (square)
    small_size_width_height = models.PositiveIntegerField(null=True, blank=True)
    small_size_quality = models.PositiveIntegerField(null=True, blank=True)
    thumbnail_size_width_height = models.PositiveIntegerField(null=True, blank=True)
    thumbnail_size_quality = models.PositiveIntegerField(null=True, blank=True)
    icon_size_width_height = models.PositiveIntegerField(null=True, blank=True)
    icon_size_quality = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.type


#: the Open Event Server's defaults, seeded by the migration that creates `ImageSize`
IMAGE_SIZE_DEFAULTS = {
    ImageSize.Kind.EVENT: {
        "full_width": 1300,
        "full_height": 500,
        "full_quality": 80,
        "icon_width": 75,
        "icon_height": 30,
        "icon_quality": 80,
        "thumbnail_width": 500,
        "thumbnail_height": 200,
        "thumbnail_quality": 80,
    },
    ImageSize.Kind.SPEAKER: {
        "small_size_width_height": 50,
        "small_size_quality": 80,
        "thumbnail_size_width_height": 500,
        "thumbnail_size_quality": 80,
        "icon_size_width_height": 35,
        "icon_size_quality": 80,
    },
}
