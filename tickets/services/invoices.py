"""Event invoices: what the platform bills an event's organizer. Admins issue and settle them."""

from django.db import transaction
from django.utils import timezone

from eventyay.errors import DomainError
from tickets.models import EventInvoice

INVOICE_FIELDS = (
    "amount", "status", "paid_via", "payment_mode", "transaction_id", "paypal_token", "stripe_token", "brand",
    "last4", "exp_month", "exp_year", "issued_at", "due_at", "user",
)  # fmt: skip


def _apply(invoice, data):
    for field in INVOICE_FIELDS:
        if field in data:
            value = data[field]
            model_field = EventInvoice._meta.get_field(field)
            if value is None and not model_field.null:
                value = model_field.get_default()
            setattr(invoice, field, value)


def _validate(invoice):
    if invoice.amount is None or invoice.amount < 0:
        raise DomainError("The amount must not be negative.", field="amount")
    if invoice.status not in EventInvoice.Status.values:
        raise DomainError(f"status must be one of {', '.join(EventInvoice.Status.values)}.", field="status")
    if invoice.exp_month is not None and not (1 <= invoice.exp_month <= 12):
        raise DomainError("exp-month must be between 1 and 12.", field="exp_month")
    if invoice.status == EventInvoice.Status.PAID and invoice.completed_at is None:
        invoice.completed_at = timezone.now()


@transaction.atomic
def event_invoice_create(*, actor, event, data):
    invoice = EventInvoice(event=event, user=event.owner, issued_at=timezone.now())
    _apply(invoice, data)
    _validate(invoice)
    invoice.save()
    return invoice


@transaction.atomic
def event_invoice_update(*, actor, instance, data):
    invoice = EventInvoice.objects.select_for_update().get(pk=instance.pk)
    _apply(invoice, data)
    _validate(invoice)
    invoice.save()
    return invoice


@transaction.atomic
def event_invoice_delete(*, actor, instance):
    EventInvoice.objects.filter(pk=instance.pk).delete()
