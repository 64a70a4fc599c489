"""Platform ticket fees (admins only): `service_fee` percent of a paid ticket's price, capped at `maximum_fee`,
one alive fee per currency and country."""

from decimal import Decimal

from django.db import IntegrityError, transaction

from eventyay.errors import ConflictError, DomainError
from tickets.models import TicketFee

FEE_FIELDS = ("currency", "country", "service_fee", "maximum_fee")


def _apply(fee, data):
    for field in FEE_FIELDS:
        if field in data:
            value = data[field]
            if value is None:
                value = TicketFee._meta.get_field(field).get_default()
            setattr(fee, field, value)


def _validate(fee):
    fee.currency = (fee.currency or "").strip().upper()
    if len(fee.currency) != 3 or not fee.currency.isalpha():
        raise DomainError("The currency must be a three-letter ISO 4217 code.", field="currency")
    fee.country = (fee.country or "").strip()
    if not (0 <= Decimal(fee.service_fee) <= 100):
        raise DomainError("The service fee is a percentage between 0 and 100.", field="service_fee")
    if Decimal(fee.maximum_fee) < 0:
        raise DomainError("The maximum fee must not be negative.", field="maximum_fee")


def _save(fee):
    clash = TicketFee.objects.alive().filter(currency=fee.currency, country=fee.country).exclude(pk=fee.pk)
    if clash.exists():
        raise ConflictError("A fee for this currency and country exists already.", field="currency")
    try:
        with transaction.atomic():
            fee.save()
    except IntegrityError:
        raise ConflictError("A fee for this currency and country exists already.", field="currency")
    return fee


@transaction.atomic
def ticket_fee_create(*, actor, data):
    fee = TicketFee()
    _apply(fee, data)
    _validate(fee)
    return _save(fee)


@transaction.atomic
def ticket_fee_update(*, actor, instance, data):
    fee = TicketFee.objects.select_for_update().get(pk=instance.pk)
    _apply(fee, data)
    _validate(fee)
    return _save(fee)


@transaction.atomic
def ticket_fee_delete(*, actor, instance, permanent=False):
    fee = TicketFee.objects.select_for_update().get(pk=instance.pk)
    if permanent:
        fee.delete()
        return
    fee.soft_delete()
