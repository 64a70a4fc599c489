"""JSON:API serializers for event content. Names follow the contract; the renderer dasherizes them."""

from rest_framework_json_api import serializers

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
from eventyay.api.permissions import any_of
from eventyay.api.relationships import NotServed, ToMany, ToOne
from eventyay.api.serializers import ResourceSerializer, TypeAttributeMixin


class ContentSerializer(ResourceSerializer):
    """`event` is read-only: it comes from the URL (or, on a top-level POST, from `relationships.event`)."""

    event = ToOne("event")


class TrackSerializer(ContentSerializer):
    sessions = ToMany("session", data=True)

    class Meta:
        model = Track
        resource_name = "track"
        fields = ("name", "description", "color", "font_color", "position", "deleted_at", "event", "sessions")
        read_only_fields = ("deleted_at",)


class SessionTypeSerializer(ContentSerializer):
    sessions = ToMany("session", data=True)

    class Meta:
        model = SessionType
        resource_name = "session-type"
        fields = ("name", "length", "position", "deleted_at", "event", "sessions")
        read_only_fields = ("deleted_at",)

    def validate_length(self, value):
        hours, _, minutes = value.partition(":")
        if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and int(minutes) < 60):
            raise serializers.ValidationError("Length must be HH:MM.")
        return value


class MicrolocationSerializer(ContentSerializer):
    sessions = ToMany("session", data=True)
    video_stream = ToOne("video-stream", writable=True)

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
            "room",
            "deleted_at",
            "event",
            "sessions",
            "video_stream",
        )
        read_only_fields = ("deleted_at",)


class SpeakerSerializer(ContentSerializer):
    sessions = ToMany("session", data=True, writable=True)
    user = ToOne("user", writable=True)

    #: contact details: the speaker's own user and whoever may read the event's speakers (its team)
    private_fields = {
        "email": any_of("is_user_itself", ("read", "speaker")),
        "mobile": any_of("is_user_itself", ("read", "speaker")),
        "heard_from": any_of("is_user_itself", ("read", "speaker")),
    }

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
            "sponsorship_required",
            "deleted_at",
            "event",
            "sessions",
            "user",
        )
        read_only_fields = ("thumbnail_image_url", "small_image_url", "icon_image_url", "deleted_at")


class SessionSerializer(ContentSerializer):
    track = ToOne("track", writable=True)
    session_type = ToOne("session-type", writable=True)
    microlocation = ToOne("microlocation", writable=True)
    speakers = ToMany("speaker", writable=True, data=True)
    creator = ToOne("user")
    exhibitors = ToMany("exhibitor")
    #: the actor's own favourite of this session (favourites are private)
    favourite = ToOne("user-favourite-session", path="favourites")
    favourites = ToMany("user-favourite-session")
    feedbacks = ToMany("feedback")
    speaker_invites = NotServed("speaker-invite", many=True)

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
            "slides_url",
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
            "exhibitors",
            "favourite",
            "favourites",
            "feedbacks",
            "speaker_invites",
        )
        read_only_fields = ("average_rating", "favourite_count", "created_at", "deleted_at", "last_modified_at")

    def validate(self, attrs):
        starts = attrs.get("starts_at", getattr(self.instance, "starts_at", None))
        ends = attrs.get("ends_at", getattr(self.instance, "ends_at", None))
        if starts and ends and ends < starts:
            raise serializers.ValidationError({"ends_at": "A session cannot end before it starts."})
        return attrs


class SponsorSerializer(TypeAttributeMixin, ContentSerializer):
    class Meta:
        model = Sponsor
        resource_name = "sponsor"
        fields = ("name", "description", "url", "level", "type", "logo_url", "deleted_at", "event")
        read_only_fields = ("deleted_at",)


class SocialLinkSerializer(ContentSerializer):
    class Meta:
        model = SocialLink
        resource_name = "social-link"
        fields = ("name", "link", "identifier", "deleted_at", "event")
        read_only_fields = ("deleted_at",)
        extra_kwargs = {"identifier": {"required": False}}


class CustomFormSerializer(TypeAttributeMixin, ContentSerializer):
    custom_form_options = NotServed("custom-form-option", many=True)

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
            "custom_form_options",
        )

    def validate(self, attrs):
        low = attrs.get("min", getattr(self.instance, "min", None))
        high = attrs.get("max", getattr(self.instance, "max", None))
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError({"max": "Max must not be lower than min."})
        return attrs


class FaqTypeSerializer(ContentSerializer):
    faqs = ToMany("faq", data=True)

    class Meta:
        model = FaqType
        resource_name = "faq-type"
        fields = ("name", "event", "faqs")


class FaqSerializer(ContentSerializer):
    faq_type = ToOne("faq-type", writable=True)

    class Meta:
        model = Faq
        resource_name = "faq"
        fields = ("question", "answer", "deleted_at", "event", "faq_type")
        read_only_fields = ("deleted_at",)
