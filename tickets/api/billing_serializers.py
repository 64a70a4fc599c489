"""Serializers of an event's tax, the platform's ticket fees and event invoices."""

from rest_framework_json_api import serializers

from eventyay.api.relationships import ToOne
from eventyay.api.serializers import ResourceSerializer
from tickets.models import EventInvoice, Tax, TicketFee

#: the organizer's tax registration: for the event's managers (organizer, co-organizers) and admins
TAX_PRIVATE = (
    "tax_id", "country", "registered_company", "contact_name", "phone", "email", "address", "city", "state",
    "zip", "invoice_footer", "is_invoice_sent", "should_send_invoice",
)  # fmt: skip


def _money(**kwargs):
    return serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False, **kwargs)


class TaxSerializer(ResourceSerializer):
    event = ToOne("event")
    rate = serializers.DecimalField(max_digits=11, decimal_places=8, coerce_to_string=False)
    private_fields = {name: "is_coorganizer" for name in TAX_PRIVATE}

    class Meta:
        model = Tax
        resource_name = "tax"
        fields = ("name", "rate", "is_tax_included_in_price", *TAX_PRIVATE, "deleted_at", "event")
        read_only_fields = ("deleted_at",)
        extra_kwargs = {"name": {"required": True}, "tax_id": {"required": True}}


class TicketFeeSerializer(ResourceSerializer):
    service_fee = _money(required=False)
    maximum_fee = _money(required=False)

    class Meta:
        model = TicketFee
        resource_name = "ticket-fee"
        fields = ("currency", "country", "service_fee", "maximum_fee", "deleted_at")
        read_only_fields = ("deleted_at",)


class EventInvoiceSerializer(ResourceSerializer):
    amount = _money(required=False)
    event = ToOne("event")
    user = ToOne("user", face="roles.api.serializers.BilledUserSerializer", writable=True)

    class Meta:
        model = EventInvoice
        resource_name = "event-invoice"
        fields = (
            "identifier", "amount", "status", "paid_via", "payment_mode", "transaction_id", "paypal_token",
            "stripe_token", "brand", "last4", "exp_month", "exp_year", "invoice_pdf_url", "issued_at", "due_at",
            "completed_at", "created_at", "event", "user",
        )  # fmt: skip
        read_only_fields = ("identifier", "invoice_pdf_url", "completed_at", "created_at")
