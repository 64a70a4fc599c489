"""JSON:API serializers for event content. Names follow the contract; the renderer dasherizes them."""

from rest_framework_json_api import serializers
from rest_framework_json_api.relations import ResourceRelatedField

from events.models import (
    CustomForm,
    Faq,
    FaqType,
    Microlocation,
    Session,
    SessionType,
    SocialLink,
    Speaker,
    Sponsor,
    Track,
)
from eventyay.api.serializers import TypeAttributeMixin
from roles import permissions as rules
from roles.models import User

EVENT_SERIALIZER = "events.api.serializers.EventSerializer"
HERE = "events.api.content_serializers."


class ContentSerializer(serializers.ModelSerializer):
    """`event` is read-only: it comes from the URL (or, on a top-level POST, from the view)."""

    event = ResourceRelatedField(read_only=True)


class TrackSerializer(ContentSerializer):
    sessions = ResourceRelatedField(many=True, read_only=True)
    included_serializers = {"event": EVENT_SERIALIZER, "sessions": HERE + "SessionSerializer"}

    class Meta:
        model = Track
        resource_name = "track"
        fields = ("name", "description", "color", "font_color", "position", "event", "sessions")


class SessionTypeSerializer(ContentSerializer):
    sessions = ResourceRelatedField(many=True, read_only=True)
    included_serializers = {"event": EVENT_SERIALIZER, "sessions": HERE + "SessionSerializer"}

    class Meta:
        model = SessionType
        resource_name = "session-type"
        fields = ("name", "length", "position", "event", "sessions")

    def validate_length(self, value):
        hours, _, minutes = value.partition(":")
        if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and int(minutes) < 60):
            raise serializers.ValidationError("Length must be HH:MM.")
        return value


class MicrolocationSerializer(ContentSerializer):
    sessions = ResourceRelatedField(many=True, read_only=True)
    included_serializers = {"event": EVENT_SERIALIZER, "sessions": HERE + "SessionSerializer"}

    class Meta:
        model = Microlocation
        resource_name = "microlocation"
        fields = (
            "name",
            "latitude",
            "longitude",
            "floor",
            "position",
            "hidden_in_scheduler",
            "is_chat_enabled",
            "is_global_event_room",
            "event",
            "sessions",
        )


class SpeakerSerializer(ContentSerializer):
    sessions = ResourceRelatedField(many=True, read_only=True)
    user = ResourceRelatedField(queryset=User.objects.all(), required=False, allow_null=True)
    included_serializers = {"event": EVENT_SERIALIZER, "sessions": HERE + "SessionSerializer"}

    class Meta:
        model = Speaker
        resource_name = "speaker"
        fields = (
            "name",
            "email",
            "photo_url",
            "thumbnail_image_url",
            "small_image_url",
            "icon_image_url",
            "short_biography",
            "long_biography",
            "speaking_experience",
            "mobile",
            "website",
            "twitter",
            "facebook",
            "github",
            "linkedin",
            "instagram",
            "mastodon",
            "organisation",
            "position",
            "country",
            "city",
            "location",
            "gender",
            "heard_from",
            "is_featured",
            "is_email_overridden",
            "order",
            "complex_field_values",
            "speaker_positions",
            "event",
            "sessions",
            "user",
        )
        read_only_fields = ("thumbnail_image_url", "small_image_url", "icon_image_url")

    #: contact details only the event's team (whoever may read speakers per the matrix) sees
    PRIVATE_FIELDS = ("email", "mobile", "heard_from")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self._team_view(instance):
            for field in self.PRIVATE_FIELDS:
                data.pop(field, None)
        return data

    def _team_view(self, instance):
        request = self.context.get("request")
        view = self.context.get("view")
        user = getattr(request, "user", None)
        if rules.is_admin(user):
            return True
        event = view.get_event() if hasattr(view, "get_event") else None
        if event is None or event.pk != instance.event_id:
            event = instance.event
        return rules.can(user, "read", "speaker", event)


class SessionSerializer(ContentSerializer):
    track = ResourceRelatedField(queryset=Track.objects.all(), required=False, allow_null=True)
    session_type = ResourceRelatedField(queryset=SessionType.objects.all(), required=False, allow_null=True)
    microlocation = ResourceRelatedField(queryset=Microlocation.objects.all(), required=False, allow_null=True)
    speakers = ResourceRelatedField(queryset=Speaker.objects.all(), many=True, required=False)
    creator = ResourceRelatedField(read_only=True)
    included_serializers = {
        "event": EVENT_SERIALIZER,
        "track": TrackSerializer,
        "session_type": SessionTypeSerializer,
        "microlocation": MicrolocationSerializer,
        "speakers": SpeakerSerializer,
    }

    class Meta:
        model = Session
        resource_name = "session"
        fields = (
            "title",
            "subtitle",
            "short_abstract",
            "long_abstract",
            "comments",
            "language",
            "level",
            "state",
            "starts_at",
            "ends_at",
            "submitted_at",
            "slides",
            "audio_url",
            "video_url",
            "signup_url",
            "website",
            "twitter",
            "facebook",
            "github",
            "gitlab",
            "linkedin",
            "instagram",
            "mastodon",
            "is_locked",
            "is_mail_sent",
            "send_email",
            "average_rating",
            "favourite_count",
            "complex_field_values",
            "created_at",
            "deleted_at",
            "last_modified_at",
            "event",
            "creator",
            "track",
            "session_type",
            "microlocation",
            "speakers",
        )
        read_only_fields = ("average_rating", "favourite_count", "created_at", "deleted_at", "last_modified_at")

    def validate(self, attrs):
        starts = attrs.get("starts_at", getattr(self.instance, "starts_at", None))
        ends = attrs.get("ends_at", getattr(self.instance, "ends_at", None))
        if starts and ends and ends < starts:
            raise serializers.ValidationError({"ends_at": "A session cannot end before it starts."})
        return attrs


class SponsorSerializer(TypeAttributeMixin, ContentSerializer):
    included_serializers = {"event": EVENT_SERIALIZER}

    class Meta:
        model = Sponsor
        resource_name = "sponsor"
        fields = ("name", "description", "url", "level", "type", "logo_url", "event")


class SocialLinkSerializer(ContentSerializer):
    included_serializers = {"event": EVENT_SERIALIZER}

    class Meta:
        model = SocialLink
        resource_name = "social-link"
        fields = ("name", "link", "identifier", "event")
        extra_kwargs = {"identifier": {"required": False}}


class CustomFormSerializer(TypeAttributeMixin, ContentSerializer):
    included_serializers = {"event": EVENT_SERIALIZER}

    class Meta:
        model = CustomForm
        resource_name = "custom-form"
        fields = (
            "form",
            "form_id",
            "field_identifier",
            "type",
            "name",
            "description",
            "is_required",
            "is_included",
            "is_fixed",
            "is_complex",
            "is_public",
            "is_allow_edit",
            "position",
            "min",
            "max",
            "main_language",
            "translations",
            "event",
        )

    def validate(self, attrs):
        low = attrs.get("min", getattr(self.instance, "min", None))
        high = attrs.get("max", getattr(self.instance, "max", None))
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError({"max": "Max must not be lower than min."})
        return attrs


class FaqTypeSerializer(ContentSerializer):
    faqs = ResourceRelatedField(many=True, read_only=True)
    included_serializers = {"event": EVENT_SERIALIZER, "faqs": HERE + "FaqSerializer"}

    class Meta:
        model = FaqType
        resource_name = "faq-type"
        fields = ("name", "event", "faqs")


class FaqSerializer(ContentSerializer):
    faq_type = ResourceRelatedField(queryset=FaqType.objects.all(), required=False, allow_null=True)
    included_serializers = {"event": EVENT_SERIALIZER, "faq_type": FaqTypeSerializer}

    class Meta:
        model = Faq
        resource_name = "faq"
        fields = ("question", "answer", "deleted_at", "event", "faq_type")
        read_only_fields = ("deleted_at",)
