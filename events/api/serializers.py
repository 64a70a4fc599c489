from rest_framework_json_api import serializers
from rest_framework_json_api.relations import ResourceRelatedField

from events.models import Event, EventSubTopic, EventTopic, EventType
from eventyay.api.serializers import related_link
from roles.models import RoleInvite, User, UsersEventsRoles
from tickets.models import Ticket

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

#: the tickets app's serializer, referenced lazily by dotted path (it lives in the tickets app)
TICKET_SERIALIZER = "tickets.api.serializers.TicketSerializer"


class EventTopicSerializer(serializers.ModelSerializer):
    event_sub_topics = related_link(EventSubTopic, "event-topic-event-sub-topics", "event_topic_id")

    class Meta:
        model = EventTopic
        resource_name = "event-topic"
        fields = ("name", "slug", "system_image_url", "event_sub_topics", "created_at")
        read_only_fields = ("created_at",)


class EventSubTopicSerializer(serializers.ModelSerializer):
    event_topic = ResourceRelatedField(queryset=EventTopic.objects.all())

    included_serializers = {"event_topic": EventTopicSerializer}

    class Meta:
        model = EventSubTopic
        resource_name = "event-sub-topic"
        fields = ("name", "slug", "event_topic", "created_at")
        read_only_fields = ("created_at",)


class EventTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventType
        resource_name = "event-type"
        fields = ("name", "slug", "created_at")
        read_only_fields = ("created_at",)


class EventOwnerSerializer(serializers.ModelSerializer):
    """The public face of an event's owner (included with `include=owner`)."""

    class Meta:
        model = User
        resource_name = "user"
        fields = ("first_name", "last_name", "public_name", "avatar_url", "thumbnail_image_url", "icon_image_url")


class EventSerializer(serializers.ModelSerializer):
    event_topic = ResourceRelatedField(queryset=EventTopic.objects.all(), required=False, allow_null=True)
    event_sub_topic = ResourceRelatedField(queryset=EventSubTopic.objects.all(), required=False, allow_null=True)
    event_type = ResourceRelatedField(queryset=EventType.objects.all(), required=False, allow_null=True)
    owner = ResourceRelatedField(read_only=True)
    #: alive tickets the requester may see (prefetched by the view into `visible_tickets`)
    tickets = ResourceRelatedField(source="visible_tickets", many=True, read_only=True, model=Ticket)
    role_invites = related_link(RoleInvite, "event-role-invites", "event_id")
    roles = related_link(UsersEventsRoles, "event-users-events-roles", "event_id")
    user = ResourceRelatedField(source="owner", read_only=True)
    organizers = ResourceRelatedField(source="organizer_users", many=True, read_only=True, model=User)
    coorganizers = ResourceRelatedField(source="coorganizer_users", many=True, read_only=True, model=User)
    track_organizers = ResourceRelatedField(source="track_organizer_users", many=True, read_only=True, model=User)
    moderators = ResourceRelatedField(source="moderator_users", many=True, read_only=True, model=User)
    registrars = ResourceRelatedField(source="registrar_users", many=True, read_only=True, model=User)
    # event-scoped collections: related links to the nested routes (the client follows them on demand)
    tracks = related_link("events.Track", "event-track-list", "event_id")
    sessions = related_link("events.Session", "event-session-list", "event_id")
    speakers = related_link("events.Speaker", "event-speaker-list", "event_id")
    sponsors = related_link("events.Sponsor", "event-sponsor-list", "event_id")
    microlocations = related_link("events.Microlocation", "event-microlocation-list", "event_id")
    session_types = related_link("events.SessionType", "event-session-type-list", "event_id")
    social_links = related_link("events.SocialLink", "event-social-link-list", "event_id")
    custom_forms = related_link("events.CustomForm", "event-custom-form-list", "event_id")
    faqs = related_link("events.Faq", "event-faq-list", "event_id")
    faq_types = related_link("events.FaqType", "event-faq-type-list", "event_id")
    discount_code = related_link("tickets.DiscountCode", "event-discount-code", "event_id")
    discount_codes = related_link("tickets.DiscountCode", "event-discount-codes", "event_id")
    access_codes = related_link("tickets.AccessCode", "event-access-codes", "event_id")
    orders = related_link("tickets.Order", "event-orders", "event_id")
    attendees = related_link("tickets.Attendee", "event-attendees", "event_id")
    stripe_authorization = related_link("tickets.StripeAuthorization", "event-stripe-authorization", "event_id")
    pentabarf_url = serializers.CharField(read_only=True)
    ical_url = serializers.CharField(read_only=True)
    xcal_url = serializers.CharField(read_only=True)

    included_serializers = {
        "event_topic": EventTopicSerializer,
        "event_sub_topic": EventSubTopicSerializer,
        "event_type": EventTypeSerializer,
        "owner": EventOwnerSerializer,
        "tickets": TICKET_SERIALIZER,
    }

    class Meta:
        model = Event
        resource_name = "event"
        fields = (
            *EVENT_ATTRIBUTES,
            "event_topic",
            "event_sub_topic",
            "event_type",
            "owner",
            "tickets",
            "role_invites",
            "roles",
            "user",
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
        )
        read_only_fields = ("identifier", "created_at", "thumbnail_image_url", "large_image_url", "icon_image_url")
        extra_kwargs = {"deleted_at": {"required": False}}

    def validate(self, attrs):
        # A partial update is checked against the stored dates (the service repeats this in the transaction).
        starts = attrs.get("starts_at", getattr(self.instance, "starts_at", None))
        ends = attrs.get("ends_at", getattr(self.instance, "ends_at", None))
        if starts and ends and ends < starts:
            raise serializers.ValidationError({"ends_at": "The event cannot end before it starts."})
        return attrs
