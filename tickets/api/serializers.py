"""JSON:API serializers for the tickets app. Names come from the contract (oef_models.json); the renderer
dasherizes them. Writes are validated here for shape only; the rules live in `tickets.services`."""

from rest_framework_json_api import serializers
from rest_framework_json_api.relations import ResourceRelatedField, SerializerMethodResourceRelatedField

from events.models import Event
from eventyay.api.serializers import TypeAttributeMixin
from roles.models import User
from tickets.models import AccessCode, Attendee, DiscountCode, Order, StripeAuthorization, Ticket
from tickets.services.codes import USED_FOR_ALIASES


class LinkageField(ResourceRelatedField):
    """A to-one relationship rendered from the foreign key column alone (no query per row). `include=` still
    serializes the related object through the serializer's `included_serializers`."""

    def __init__(self, resource_type, **kwargs):
        self.resource_type = resource_type
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def use_pk_only_optimization(self):
        return True

    def to_representation(self, value):
        return {"type": self.resource_type, "id": str(value.pk)}


TICKET_ATTRIBUTES = (
    "name", "description", "is_description_visible", "type", "price", "min_price", "max_price", "quantity",
    "is_hidden", "is_fee_absorbed", "sales_starts_at", "sales_ends_at", "min_order", "max_order", "position",
    "form_id", "badge_id",
)  # fmt: skip


EVENT_SERIALIZER = "events.api.serializers.EventSerializer"


class TicketSerializer(TypeAttributeMixin, serializers.ModelSerializer):
    event = LinkageField("event")
    included_serializers = {"event": EVENT_SERIALIZER}
    price = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, coerce_to_string=False
    )
    min_price = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, coerce_to_string=False
    )
    max_price = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, coerce_to_string=False
    )

    class Meta:
        model = Ticket
        resource_name = "ticket"
        fields = (*TICKET_ATTRIBUTES, "event")
        extra_kwargs = {"name": {"required": True}, "description": {"required": False, "allow_null": True}}


class DiscountCodeSerializer(TypeAttributeMixin, serializers.ModelSerializer):
    event = LinkageField("event")
    marketer = ResourceRelatedField(queryset=User.objects.all(), required=False, allow_null=True)
    tickets = ResourceRelatedField(
        queryset=Ticket.objects.filter(deleted_at__isnull=True), many=True, required=False, source="live_tickets"
    )
    value = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False)
    used_for = serializers.ChoiceField(choices=sorted(USED_FOR_ALIASES), required=False)
    included_serializers = {"tickets": TicketSerializer}

    class Meta:
        model = DiscountCode
        resource_name = "discount-code"
        fields = (
            "code", "discount_url", "type", "value", "tickets_number", "min_quantity", "max_quantity", "valid_from",
            "valid_till", "is_active", "used_for", "created_at", "event", "marketer", "tickets",
        )  # fmt: skip
        read_only_fields = ("created_at",)

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        if "live_tickets" in values:
            values["tickets"] = values.pop("live_tickets")
        return values


class AccessCodeSerializer(serializers.ModelSerializer):
    event = LinkageField("event")
    marketer = ResourceRelatedField(queryset=User.objects.all(), required=False, allow_null=True)
    tickets = ResourceRelatedField(
        queryset=Ticket.objects.filter(deleted_at__isnull=True), many=True, required=False, source="live_tickets"
    )
    included_serializers = {"tickets": TicketSerializer}

    class Meta:
        model = AccessCode
        resource_name = "access-code"
        fields = (
            "code", "access_url", "tickets_number", "min_quantity", "max_quantity", "valid_from", "valid_till",
            "is_active", "event", "marketer", "tickets",
        )  # fmt: skip

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        if "live_tickets" in values:
            values["tickets"] = values.pop("live_tickets")
        return values


class StripeAuthorizationSerializer(serializers.ModelSerializer):
    """Only the auth code and the publishable key: the secret key and refresh token never leave the server."""

    event = ResourceRelatedField(queryset=Event.objects.all())

    class Meta:
        model = StripeAuthorization
        resource_name = "stripe-authorization"
        fields = ("stripe_auth_code", "stripe_publishable_key", "event")


ATTENDEE_READ_ONLY = ("pdf_url", "created_at")


class AttendeeSerializer(serializers.ModelSerializer):
    event = LinkageField("event")
    order = LinkageField("order")
    ticket = LinkageField("ticket")
    user = LinkageField("user")
    included_serializers = {"ticket": TicketSerializer, "order": "tickets.api.serializers.OrderSerializer"}

    class Meta:
        model = Attendee
        resource_name = "attendee"
        fields = (
            *Attendee.PROFILE_FIELDS, "is_checked_in", "checkin_times", "checkout_times", "tag_id", "pdf_url",
            "event", "order", "ticket", "user",
        )  # fmt: skip
        read_only_fields = ("pdf_url",)


ORDER_WRITABLE = (
    "is_billing_enabled", "company", "address", "city", "state", "country", "zipcode", "tax_business_info",
    "paid_via", "payment_mode", "status",
)  # fmt: skip


class OrderSerializer(serializers.ModelSerializer):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True, coerce_to_string=False)
    discount_code_id = serializers.SerializerMethodField()
    event = LinkageField("event")
    user = LinkageField("user")
    discount_code = LinkageField("discount-code")
    access_code = LinkageField("access-code")
    attendees = ResourceRelatedField(many=True, read_only=True)
    tickets = SerializerMethodResourceRelatedField(many=True, read_only=True, model=Ticket)
    included_serializers = {
        "attendees": AttendeeSerializer,
        "tickets": TicketSerializer,
        "discount_code": DiscountCodeSerializer,
        "access_code": AccessCodeSerializer,
    }

    class Meta:
        model = Order
        resource_name = "order"
        fields = (
            "identifier", "amount", "status", "paid_via", "payment_mode", "is_billing_enabled", "company", "address",
            "city", "state", "country", "zipcode", "tax_business_info", "brand", "exp_month", "exp_year", "last4",
            "transaction_id", "tickets_pdf_url", "completed_at", "created_at", "discount_code_id", "expires_at",
            "event", "user", "discount_code", "access_code", "attendees", "tickets",
        )  # fmt: skip
        read_only_fields = tuple(
            f for f in ("identifier", "brand", "exp_month", "exp_year", "last4", "transaction_id", "tickets_pdf_url",
                        "completed_at", "created_at", "expires_at") if f not in ORDER_WRITABLE
        )  # fmt: skip

    def get_discount_code_id(self, order):
        return str(order.discount_code_id) if order.discount_code_id else None

    def get_tickets(self, order):
        seen = {}
        for attendee in order.attendees.all():
            seen.setdefault(attendee.ticket_id, attendee.ticket)
        return list(seen.values())
