from django.db.models import Prefetch, Q
from rest_framework import serializers

from events.models import Event, EventSubTopic, EventTopic, EventType, Group
from eventyay.api.relationships import Computed, NotServed, ToMany, ToOne
from eventyay.api.serializers import ResourceSerializer
from roles.models import User, UsersEventsRoles

EVENT_ATTRIBUTES = (
    "identifier",
    "name",
    "description",
    "starts_at",
    "ends_at",
    "timezone",
    "state",
    "privacy",
    "online",
    "location_name",
    "searchable_location_name",
    "latitude",
    "longitude",
    "external_event_url",
    "ticket_url",
    "public_stream_link",
    "stream_loop",
    "stream_autoplay",
    "chat_room_name",
    "logo_url",
    "original_image_url",
    "thumbnail_image_url",
    "large_image_url",
    "icon_image_url",
    "owner_name",
    "owner_description",
    "has_owner_info",
    "code_of_conduct",
    "refund_policy",
    "after_order_message",
    "document_links",
    "is_map_shown",
    "is_sessions_speakers_enabled",
    "is_sponsors_enabled",
    "is_ticket_form_enabled",
    "is_cfs_enabled",
    "is_featured",
    "is_promoted",
    "is_demoted",
    "is_announced",
    "is_chat_enabled",
    "is_videoroom_enabled",
    "is_document_enabled",
    "is_badges_enabled",
    "is_oneclick_signup_enabled",
    "is_billing_info_mandatory",
    "is_tax_enabled",
    "is_stripe_linked",
    "payment_country",
    "payment_currency",
    "paypal_email",
    "can_pay_by_paypal",
    "can_pay_by_stripe",
    "can_pay_by_cheque",
    "can_pay_by_bank",
    "can_pay_by_invoice",
    "can_pay_onsite",
    "can_pay_by_omise",
    "can_pay_by_alipay",
    "can_pay_by_paytm",
    "cheque_details",
    "bank_details",
    "onsite_details",
    "invoice_details",
    "schedule_published_on",
    "pentabarf_url",
    "ical_url",
    "xcal_url",
    "created_at",
    "deleted_at",
)


class EventTopicSerializer(ResourceSerializer):
    event_sub_topics = ToMany("event-sub-topic")
    events = ToMany("event")

    class Meta:
        model = EventTopic
        resource_name = "event-topic"
        fields = ("name", "slug", "system_image_url", "event_sub_topics", "events", "created_at")
        read_only_fields = ("created_at",)


class EventSubTopicSerializer(ResourceSerializer):
    event_topic = ToOne("event-topic", writable=True, required=True, allow_null=False)
    events = ToMany("event")
    custom_placeholder = ToOne("custom-placeholder", path="custom_placeholders")

    class Meta:
        model = EventSubTopic
        resource_name = "event-sub-topic"
        fields = ("name", "slug", "event_topic", "events", "custom_placeholder", "created_at")
        read_only_fields = ("created_at",)


class EventTypeSerializer(ResourceSerializer):
    events = ToMany("event")

    class Meta:
        model = EventType
        resource_name = "event-type"
        fields = ("name", "slug", "events", "created_at")
        read_only_fields = ("created_at",)


OWNER_FACE_FIELDS = ("first_name", "last_name", "public_name", "avatar_url", "thumbnail_image_url", "icon_image_url")


class EventOwnerSerializer(ResourceSerializer):
    """The public face of a user (an event's owner and team, a group's owner): name and pictures."""

    class Meta:
        model = User
        resource_name = "user"
        fields = OWNER_FACE_FIELDS


#: the event's team, read once per list (organizers, co-organizers, … are computed from it)
#: (only the columns the linkage and the owner face read: a full user row is ~30 columns to compile and load for
#: every event of a page)
TEAM = Prefetch(
    "user_roles",
    queryset=UsersEventsRoles.objects.select_related("user", "role")
    .only("event_id", "user_id", "role_id", "role__name", *(f"user__{name}" for name in OWNER_FACE_FIELDS))
    .order_by("pk"),
    to_attr="team_roles",
)


def _team(role):
    return ToMany(
        "user",
        getter=lambda event: event.team_members(role),
        prefetch=[TEAM],
        face=EventOwnerSerializer,
        data=True,
    )


class EventSerializer(ResourceSerializer):
    #: the Open Event client keys events by `identifier` (its event serializer's primaryKey): a to-one linkage
    #: to an event renders links only unless the event is included (`eventyay.api.relationships`)
    client_key = "identifier"

    event_topic = ToOne("event-topic", writable=True)
    event_sub_topic = ToOne("event-sub-topic", writable=True)
    event_type = ToOne("event-type", writable=True)
    group = ToOne("group", writable=True)
    owner = ToOne("user", face=EventOwnerSerializer)
    user = ToOne("user", path="owner", face=EventOwnerSerializer)
    #: alive tickets the requester may see
    tickets = ToMany("ticket", data=True)
    role_invites = ToMany("role-invite")
    roles = ToMany("users-events-roles", path="user_roles")
    organizers = _team("organizer")
    coorganizers = _team("coorganizer")
    track_organizers = _team("track_organizer")
    moderators = _team("moderator")
    registrars = _team("registrar")
    tracks = ToMany("track")
    sessions = ToMany("session")
    speakers = ToMany("speaker")
    sponsors = ToMany("sponsor")
    microlocations = ToMany("microlocation")
    session_types = ToMany("session-type")
    social_links = ToMany("social-link")
    custom_forms = ToMany("custom-form")
    faqs = ToMany("faq")
    faq_types = ToMany("faq-type")
    discount_code = ToOne("discount-code", path="discount_codes", where=Q(used_for="event"))
    discount_codes = ToMany("discount-code")
    access_codes = ToMany("access-code")
    orders = ToMany("order")
    attendees = ToMany("attendee")
    stripe_authorization = ToOne("stripe-authorization")
    speakers_call = ToOne("speakers-call", path="speakers_calls", absent=404)
    event_copyright = ToOne("event-copyright", path="copyrights")
    exhibitors = ToMany("exhibitor")
    badge_forms = ToMany("badge-form")
    session_favourites = ToMany("user-favourite-session", lookup="session__event")
    #: the event's own stream (the first; rooms may have their own)
    video_stream = ToOne("video-stream", path="video_streams")
    # types served later (issue 14): empty until then
    badges = NotServed("badge", many=True)
    email_notifications = ToMany("email-notification")
    forms = NotServed("custom-form-ticket", many=True)
    general_statistics = Computed("event-statistics-general")
    invoice = ToMany("event-invoice", path="invoices")
    event_invoices = ToMany("event-invoice", path="invoices")
    ticket_tags = ToMany("ticket-tag")
    location = NotServed("event-location")
    order_statistics = Computed("order-statistics-event")
    speaker_invites = NotServed("speaker-invite", many=True)
    tags = ToMany("tag")
    tax = ToOne("tax", path="taxes", where=Q(deleted_at__isnull=True))

    class Meta:
        model = Event
        resource_name = "event"
        fields = (
            *EVENT_ATTRIBUTES,
            "event_topic",
            "event_sub_topic",
            "event_type",
            "group",
            "owner",
            "user",
            "tickets",
            "role_invites",
            "roles",
            "organizers",
            "coorganizers",
            "track_organizers",
            "moderators",
            "registrars",
            "tracks",
            "sessions",
            "speakers",
            "sponsors",
            "microlocations",
            "session_types",
            "social_links",
            "custom_forms",
            "faqs",
            "faq_types",
            "discount_code",
            "discount_codes",
            "access_codes",
            "orders",
            "attendees",
            "stripe_authorization",
            "badge_forms",
            "badges",
            "email_notifications",
            "event_copyright",
            "exhibitors",
            "forms",
            "general_statistics",
            "invoice",
            "event_invoices",
            "ticket_tags",
            "location",
            "order_statistics",
            "session_favourites",
            "speaker_invites",
            "speakers_call",
            "tags",
            "tax",
            "video_stream",
        )
        read_only_fields = (
            "identifier",
            "created_at",
            "thumbnail_image_url",
            "large_image_url",
            "icon_image_url",
            "pentabarf_url",
            "ical_url",
            "xcal_url",
        )
        extra_kwargs = {"deleted_at": {"required": False}}

    def validate(self, attrs):
        # A partial update is checked against the stored dates (the service repeats this in the transaction).
        starts = attrs.get("starts_at", getattr(self.instance, "starts_at", None))
        ends = attrs.get("ends_at", getattr(self.instance, "ends_at", None))
        if starts and ends and ends < starts:
            raise serializers.ValidationError({"ends_at": "The event cannot end before it starts."})
        return attrs


class GroupSerializer(ResourceSerializer):
    user = ToOne("user", face=EventOwnerSerializer)
    events = ToMany("event")
    follower = NotServed("user-follow-group")
    followers = NotServed("user-follow-group", many=True)
    roles = NotServed("users-groups-role", many=True)
    follower_count = serializers.SerializerMethodField()

    class Meta:
        model = Group
        resource_name = "group"
        fields = (
            "name",
            "about",
            "logo_url",
            "banner_url",
            "thumbnail_image_url",
            "is_promoted",
            "social_links",
            "follower_count",
            "created_at",
            "deleted_at",
            "user",
            "events",
            "follower",
            "followers",
            "roles",
        )
        read_only_fields = ("created_at", "deleted_at")

    def get_follower_count(self, group):
        return 0  # followers come with issue 14
