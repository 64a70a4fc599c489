"""JSON:API serializers for the tickets app. Names come from the contract (oef_models.json); the renderer
dasherizes them. Writes are validated here for shape only; the rules live in `tickets.services`."""

from django.db.models import Prefetch
from rest_framework_json_api import serializers

from eventyay.api.permissions import any_of
from eventyay.api.relationships import Computed, ToMany, ToOne
from eventyay.api.serializers import ResourceSerializer, TypeAttributeMixin
from roles.models import User
from tickets.models import AccessCode, Attendee, DiscountCode, Order, StripeAuthorization, Ticket
from tickets.services.codes import USED_FOR_ALIASES

TICKET_ATTRIBUTES = (
    "name", "description", "is_description_visible", "type", "price", "min_price", "max_price", "quantity",
    "is_hidden", "is_fee_absorbed", "sales_starts_at", "sales_ends_at", "min_order", "max_order", "position",
    "form_id", "badge_id", "is_checkin_restricted", "auto_checkin_enabled",
)  # fmt: skip


class BuyerSerializer(ResourceSerializer):
    """A buyer or ticket holder as seen by whoever may read the order or the attendee: name and e-mail."""

    class Meta:
        model = User
        resource_name = "user"
        fields = ("email", "first_name", "last_name", "public_name", "avatar_url")


def _money(**kwargs):
    return serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False, **kwargs)


class TicketSerializer(TypeAttributeMixin, ResourceSerializer):
    event = ToOne("event")
    attendees = ToMany("attendee")
    orders = ToMany("order", lookup="attendees__ticket")
    access_codes = ToMany("access-code")
    discount_codes = ToMany("discount-code", lookup="tickets")
    order_statistics = Computed("order-statistics-ticket")
    ticket_tags = ToMany("ticket-tag")
    price = _money(required=False, allow_null=True)
    min_price = _money(required=False, allow_null=True)
    max_price = _money(required=False, allow_null=True)

    class Meta:
        model = Ticket
        resource_name = "ticket"
        fields = (
            *TICKET_ATTRIBUTES, "deleted_at", "event", "attendees", "orders", "access_codes", "discount_codes",
            "order_statistics", "ticket_tags",
        )  # fmt: skip
        read_only_fields = ("deleted_at",)
        extra_kwargs = {"name": {"required": True}, "description": {"required": False, "allow_null": True}}


class DiscountCodeSerializer(TypeAttributeMixin, ResourceSerializer):
    event = ToOne("event")
    events = ToMany("event", lookup="discount_codes")
    marketer = ToOne("user", writable=True)
    tickets = ToMany("ticket", writable=True, data=True)
    orders = ToMany("order")
    value = _money()
    used_for = serializers.ChoiceField(choices=sorted(USED_FOR_ALIASES), required=False)

    class Meta:
        model = DiscountCode
        resource_name = "discount-code"
        fields = (
            "code", "discount_url", "type", "value", "tickets_number", "min_quantity", "max_quantity", "valid_from",
            "valid_till", "is_active", "used_for", "created_at", "deleted_at", "event", "events", "marketer",
            "tickets", "orders",
        )  # fmt: skip
        read_only_fields = ("created_at", "deleted_at")


class AccessCodeSerializer(ResourceSerializer):
    event = ToOne("event")
    marketer = ToOne("user", writable=True)
    tickets = ToMany("ticket", writable=True, data=True)
    orders = ToMany("order")

    class Meta:
        model = AccessCode
        resource_name = "access-code"
        fields = (
            "code", "access_url", "tickets_number", "min_quantity", "max_quantity", "valid_from", "valid_till",
            "is_active", "deleted_at", "event", "marketer", "tickets", "orders",
        )  # fmt: skip
        read_only_fields = ("deleted_at",)


class DiscountCodeLookupSerializer(DiscountCodeSerializer):
    """A code as the buyer who typed it sees it: with every ticket it applies to (hidden ones included)."""

    tickets = ToMany("ticket", face=TicketSerializer, data=True)


class AccessCodeLookupSerializer(AccessCodeSerializer):
    """An access code as the buyer who typed it sees it: with the (hidden) tickets it unlocks."""

    tickets = ToMany("ticket", face=TicketSerializer, data=True)


class StripeAuthorizationSerializer(ResourceSerializer):
    """Only the auth code and the publishable key: the secret key and refresh token never leave the server."""

    event = ToOne("event")

    class Meta:
        model = StripeAuthorization
        resource_name = "stripe-authorization"
        fields = ("stripe_auth_code", "stripe_publishable_key", "event")


#: the buyer, the holder and those who may read the event's attendees (its team)
ATTENDEE_READERS = any_of("is_buyer", ("read", "attendee"))
#: the buyer and those who may read the event's orders
ORDER_READERS = any_of("is_buyer", ("read", "order"))


class AttendeeSerializer(ResourceSerializer):
    ticket_id = serializers.SerializerMethodField()
    event = ToOne("event")
    order = ToOne("order")
    ticket = ToOne("ticket")
    user = ToOne("user", face=BuyerSerializer)

    private_fields = {name: ATTENDEE_READERS for name in ("email", "phone", "work_phone", "birth_date")}

    class Meta:
        model = Attendee
        resource_name = "attendee"
        fields = (
            *Attendee.PROFILE_FIELDS, *Attendee.DESK_FIELDS, "tag_id", "pdf_url", "ticket_id", "deleted_at",
            "event", "order", "ticket", "user",
        )  # fmt: skip
        read_only_fields = ("pdf_url", "deleted_at")

    def get_ticket_id(self, attendee):
        return str(attendee.ticket_id)


ORDER_WRITABLE = (
    "is_billing_enabled", "company", "address", "city", "state", "country", "zipcode", "tax_business_info",
    "paid_via", "payment_mode", "status", "order_notes", "cancel_note",
)  # fmt: skip

#: an order's attendees with their tickets, read once per list (the order's `tickets` come from them)
ORDER_ATTENDEES = Prefetch(
    "attendees", queryset=Attendee.objects.filter(deleted_at__isnull=True).select_related("ticket").order_by("pk")
)


def order_tickets(order):
    seen = {}
    for attendee in order.attendees.all():
        seen.setdefault(attendee.ticket_id, attendee.ticket)
    return list(seen.values())


class OrderSerializer(ResourceSerializer):
    amount = _money(read_only=True)
    discount_code_id = serializers.SerializerMethodField()
    event = ToOne("event")
    user = ToOne("user", face=BuyerSerializer)
    marketer = ToOne("user", face=BuyerSerializer)
    event_invoice = ToOne("event-invoice")
    discount_code = ToOne("discount-code")
    access_code = ToOne("access-code")
    attendees = ToMany("attendee", data=True)
    tickets = ToMany("ticket", getter=order_tickets, prefetch=[ORDER_ATTENDEES], data=True)

    private_fields = {
        name: ORDER_READERS
        for name in ("company", "address", "city", "state", "country", "zipcode", "tax_business_info")
    }

    class Meta:
        model = Order
        resource_name = "order"
        #: the client keys it by `identifier`: linkage to it only when included (`eventyay.api.relationships`)
        linkage_when_included = True
        fields = (
            "identifier", "amount", "status", "paid_via", "payment_mode", "is_billing_enabled", "company", "address",
            "city", "state", "country", "zipcode", "tax_business_info", "brand", "exp_month", "exp_year", "last4",
            "transaction_id", "tickets_pdf_url", "completed_at", "created_at", "discount_code_id", "expires_at",
            "order_notes", "cancel_note", "payment_url", "event", "user", "marketer", "event_invoice", "discount_code",
            "access_code", "attendees", "tickets",
        )  # fmt: skip
        read_only_fields = tuple(
            f for f in ("identifier", "brand", "exp_month", "exp_year", "last4", "transaction_id", "tickets_pdf_url",
                        "completed_at", "created_at", "expires_at", "payment_url") if f not in ORDER_WRITABLE
        )  # fmt: skip

    def get_discount_code_id(self, order):
        return str(order.discount_code_id) if order.discount_code_id else None
