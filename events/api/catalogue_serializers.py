"""JSON:API serializers of the platform catalogues (event locations, custom placeholders, image sizes)."""

from events.models import CustomPlaceholder, EventLocation, ImageSize
from eventyay.api.relationships import ToOne
from eventyay.api.serializers import ResourceSerializer, TypeAttributeMixin


class EventLocationSerializer(ResourceSerializer):
    class Meta:
        model = EventLocation
        resource_name = "event-location"
        fields = ("name", "slug")
        extra_kwargs = {"slug": {"required": False}}


class CustomPlaceholderSerializer(ResourceSerializer):
    event_sub_topic = ToOne("event-sub-topic", writable=True)

    class Meta:
        model = CustomPlaceholder
        resource_name = "custom-placeholder"
        fields = (
            "name",
            "original_image_url",
            "thumbnail_image_url",
            "large_image_url",
            "icon_image_url",
            "copyright",
            "origin",
            "deleted_at",
            "event_sub_topic",
        )
        read_only_fields = ("deleted_at",)


EVENT_IMAGE_FIELDS = (
    "full_width",
    "full_height",
    "full_aspect",
    "full_quality",
    "icon_width",
    "icon_height",
    "icon_aspect",
    "icon_quality",
    "thumbnail_width",
    "thumbnail_height",
    "thumbnail_aspect",
    "thumbnail_quality",
    "logo_width",
    "logo_height",
)
SPEAKER_IMAGE_FIELDS = (
    "small_size_width_height",
    "small_size_quality",
    "thumbnail_size_width_height",
    "thumbnail_size_quality",
    "icon_size_width_height",
    "icon_size_quality",
)
_BOUNDS = {"min_value": 1, "max_value": 10000}
_QUALITY = {"min_value": 1, "max_value": 100}


def _limits(fields):
    return {name: _QUALITY if name.endswith("quality") else _BOUNDS for name in fields if not name.endswith("aspect")}


class EventImageSizeSerializer(TypeAttributeMixin, ResourceSerializer):
    class Meta:
        model = ImageSize
        resource_name = "event-image-size"
        fields = (*EVENT_IMAGE_FIELDS, "type")
        read_only_fields = ("type",)
        extra_kwargs = _limits(EVENT_IMAGE_FIELDS)


class SpeakerImageSizeSerializer(TypeAttributeMixin, ResourceSerializer):
    class Meta:
        model = ImageSize
        resource_name = "speaker-image-size"
        fields = (*SPEAKER_IMAGE_FIELDS, "type")
        read_only_fields = ("type",)
        extra_kwargs = _limits(SPEAKER_IMAGE_FIELDS)
