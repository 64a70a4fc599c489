from rest_framework_json_api import serializers
from rest_framework_json_api.relations import HyperlinkedRelatedField, ResourceRelatedField

from events.models import Event, EventSubTopic, EventTopic, EventType
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
    class Meta:
        model = EventTopic
        resource_name = "event-topic"
        fields = ("name", "slug", "system_image_url", "created_at")
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


class RoleInvitesLink(HyperlinkedRelatedField):
    """`role-invites` of an event, as a related link only (no data: no query per event)."""

    model = RoleInvite


class TeamRolesLink(HyperlinkedRelatedField):
    """`roles` (users-events-roles) of an event, as a related link only."""

    model = UsersEventsRoles


class EventSerializer(serializers.ModelSerializer):
    event_topic = ResourceRelatedField(queryset=EventTopic.objects.all(), required=False, allow_null=True)
    event_sub_topic = ResourceRelatedField(queryset=EventSubTopic.objects.all(), required=False, allow_null=True)
    event_type = ResourceRelatedField(queryset=EventType.objects.all(), required=False, allow_null=True)
    owner = ResourceRelatedField(read_only=True)
    #: alive tickets the requester may see (prefetched by the view into `visible_tickets`)
    tickets = ResourceRelatedField(source="visible_tickets", many=True, read_only=True, model=Ticket)
    role_invites = RoleInvitesLink(
        read_only=True, related_link_view_name="event-role-invites", related_link_url_kwarg="event_id"
    )
    roles = TeamRolesLink(
        read_only=True, related_link_view_name="event-users-events-roles", related_link_url_kwarg="event_id"
    )
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
