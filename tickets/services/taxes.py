"""An event's tax (one alive tax per event). Written by the event's organizer and co-organizers."""

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction

from eventyay.errors import ConflictError, DomainError
from eventyay.sanitize import clean_html
from tickets.models import Tax

TAX_FIELDS = (
    "name", "rate", "tax_id", "country", "registered_company", "contact_name", "phone", "email", "address", "city",
    "state", "zip", "invoice_footer", "is_invoice_sent", "is_tax_included_in_price", "should_send_invoice",
)  # fmt: skip


def _apply(tax, data):
    for field in TAX_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field == "invoice_footer":
            value = clean_html(value or "")
        elif value is None and field not in ("rate",):
            value = "" if isinstance(Tax._meta.get_field(field).default, str) else Tax._meta.get_field(field).default
        setattr(tax, field, value)


def _validate(tax):
    tax.name = (tax.name or "").strip()
    if not tax.name:
        raise DomainError("A tax needs a name.", field="name")
    tax.tax_id = (tax.tax_id or "").strip()
    if not tax.tax_id:
        raise DomainError("A tax needs a tax id.", field="tax_id")
    try:
        rate = Decimal(str(tax.rate))
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError("The rate must be a number.", field="rate")
    if tax.rate is None or not (0 <= rate <= 100):
        raise DomainError("The rate must be between 0 and 100.", field="rate")


def _save(tax):
    try:
        with transaction.atomic():
            tax.save()
    except IntegrityError:
        raise ConflictError("This event already has a tax.", field="event", code="tax_exists")
    return tax


@transaction.atomic
def tax_create(*, actor, event, data):
    data = dict(data)
    data.pop("event", None)
    if Tax.objects.alive().filter(event=event).exists():
        raise ConflictError("This event already has a tax.", field="event", code="tax_exists")
    tax = Tax(event=event)
    _apply(tax, data)
    _validate(tax)
    return _save(tax)


@transaction.atomic
def tax_update(*, actor, instance, data):
    data = dict(data)
    data.pop("event", None)
    tax = Tax.objects.select_for_update().get(pk=instance.pk)
    _apply(tax, data)
    _validate(tax)
    return _save(tax)


@transaction.atomic
def tax_delete(*, actor, instance, permanent=False):
    tax = Tax.objects.select_for_update().get(pk=instance.pk)
    if permanent:
        tax.delete()
        return
    tax.soft_delete()
