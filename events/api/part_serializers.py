"""JSON:API serializers for the smaller parts of an event: speakers call, copyright, exhibitors, badge forms
(video streams: `events.api.video_serializers`). Names follow the Open Event Server's blueprint; the renderer
dasherizes them."""

from rest_framework import serializers

from events.api.content_serializers import ContentSerializer
from events.models import BadgeForm, EventCopyright, Exhibitor, SpeakersCall
from eventyay.api.relationships import NotServed, ToMany, ToOne


class SpeakersCallSerializer(ContentSerializer):
    class Meta:
        model = SpeakersCall
        resource_name = "speakers-call"
        fields = ("announcement", "starts_at", "ends_at", "hash", "privacy", "deleted_at", "event")
        read_only_fields = ("deleted_at",)

    def validate(self, attrs):
        starts = attrs.get("starts_at", getattr(self.instance, "starts_at", None))
        ends = attrs.get("ends_at", getattr(self.instance, "ends_at", None))
        if starts and ends and ends < starts:
            raise serializers.ValidationError({"ends_at": "The speakers call cannot end before it starts."})
        return attrs


class EventCopyrightSerializer(ContentSerializer):
    class Meta:
        model = EventCopyright
        resource_name = "event-copyright"
        fields = ("holder", "holder_url", "year", "licence", "licence_url", "logo_url", "deleted_at", "event")
        read_only_fields = ("deleted_at",)
        extra_kwargs = {"year": {"min_value": 0, "max_value": 9999}}


class ExhibitorSerializer(ContentSerializer):
    sessions = ToMany("session", writable=True)

    class Meta:
        model = Exhibitor
        resource_name = "exhibitor"
        fields = (
            "name",
            "status",
            "description",
            "url",
            "position",
            "logo_url",
            "banner_url",
            "thumbnail_image_url",
            "video_url",
            "slides_url",
            "contact_email",
            "contact_link",
            "enable_video_room",
            "social_links",
            "event",
            "sessions",
        )
        read_only_fields = ("thumbnail_image_url",)


class BadgeFormSerializer(ContentSerializer):
    ticket = ToOne("ticket", writable=True)
    badge_field_forms = NotServed("badge-field-form", many=True)

    class Meta:
        model = BadgeForm
        resource_name = "badge-form"
        fields = (
            "badge_id",
            "badge_size",
            "badge_color",
            "badge_image_url",
            "badge_orientation",
            "event",
            "ticket",
            "badge_field_forms",
        )
