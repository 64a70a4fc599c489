"""Discount codes (seed 001/002) and access codes."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from eventyay import limits
from eventyay.errors import ConflictError, DomainError
from tickets.models import AccessCode, DiscountCode, Ticket

USED_FOR_ALIASES = {"ticket": "ticket", "tickets": "ticket", "event": "event", "events": "event"}
DISCOUNT_FIELDS = (
    "code", "discount_url", "type", "value", "tickets_number", "min_quantity", "max_quantity", "valid_from",
    "valid_till", "is_active", "used_for", "marketer",
)  # fmt: skip
ACCESS_FIELDS = (
    "code", "access_url", "tickets_number", "min_quantity", "max_quantity", "valid_from", "valid_till",
    "is_active", "marketer",
)  # fmt: skip


def normalize_used_for(value):
    key = str(value or "").strip().lower()
    if key not in USED_FOR_ALIASES:
        raise DomainError("used-for must be 'ticket' or 'event'.", field="used_for")
    return USED_FOR_ALIASES[key]


def _set_fields(obj, data, allowed):
    for field in allowed:
        if field in data:
            setattr(obj, field, data[field])


def _validate_common(code, event, kind):
    code.code = (code.code or "").strip()
    if not code.code:
        raise DomainError("A code is required.", field="code")
    if code.min_quantity is None or code.min_quantity < 0:
        raise DomainError("The minimum quantity must be 0 or more.", field="min_quantity")
    if code.max_quantity is not None and code.max_quantity < code.min_quantity:
        raise DomainError("The maximum quantity must not be below the minimum quantity.", field="max_quantity")
    if code.tickets_number is not None:
        if code.tickets_number < 1:
            raise DomainError("tickets-number must be at least 1.", field="tickets_number")
        if code.max_quantity is not None and code.max_quantity > code.tickets_number:
            raise DomainError("The maximum quantity must not exceed tickets-number.", field="max_quantity")
        if code.min_quantity > code.tickets_number:
            raise DomainError("The minimum quantity must not exceed tickets-number.", field="min_quantity")
    if code.valid_till is None:
        code.valid_till = event.ends_at
    limits.check_instance(code, ["valid_from", "valid_till"])
    if code.valid_from and code.valid_till and code.valid_from > code.valid_till:
        raise DomainError("valid-from must not be after valid-till.", field="valid_till")
    clash = type(code).objects.alive().filter(event=event, code__iexact=code.code).exclude(pk=code.pk)
    if clash.exists():
        raise DomainError(f"This event already has the {kind} code {code.code!r}.", field="code", code="unique")


def _validate_value(code, tickets):
    if code.type not in DiscountCode.Type.values:
        raise DomainError("type must be 'amount' or 'percent'.", field="type")
    if code.value is None:
        raise DomainError("A value is required.", field="value")
    value = Decimal(code.value)
    if value < 0:
        raise DomainError("The value must not be negative.", field="value")
    if code.type == DiscountCode.Type.PERCENT and value > 100:
        raise DomainError("A percentage must be between 0 and 100.", field="value")
    from tickets.services.tickets import fixed_discount_problem

    for ticket in tickets:
        problem = fixed_discount_problem(code, ticket)  # the money rule: see tickets.services.tickets
        if problem:
            raise DomainError(problem, field="value")


def _resolve_tickets(event, tickets, field="tickets"):
    tickets = list(tickets or [])
    for ticket in tickets:
        if ticket.event_id != event.pk or ticket.deleted_at is not None:
            raise DomainError("Every ticket must belong to this event.", field=field)
    return tickets


def _save(obj):
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise DomainError("This code already exists for the event.", field="code", code="unique")
    return obj


@transaction.atomic
def discount_code_create(*, actor, event, data):
    data = dict(data)
    data.pop("event", None)
    tickets = data.pop("tickets", None)
    code = DiscountCode(event=event, created_by=actor if getattr(actor, "pk", None) else None)
    data["used_for"] = normalize_used_for(data.get("used_for", "ticket"))
    _set_fields(code, data, DISCOUNT_FIELDS)
    if code.used_for == DiscountCode.UsedFor.EVENT:
        if tickets:
            raise DomainError("An event-level code applies to no tickets.", field="tickets")
        if DiscountCode.objects.alive().filter(event=event, used_for=DiscountCode.UsedFor.EVENT).exists():
            raise ConflictError("This event already has an event-level discount code.", field="used_for")
    tickets = _resolve_tickets(event, tickets)
    _validate_common(code, event, "discount")
    _validate_value(code, tickets)
    _save(code)
    if tickets:
        Ticket.objects.filter(pk__in=[t.pk for t in tickets]).update(discount_code=code, modified_at=timezone.now())
    return code


@transaction.atomic
def discount_code_update(*, actor, instance, data):
    data = dict(data)
    data.pop("event", None)
    tickets = data.pop("tickets", None)
    code = DiscountCode.objects.select_for_update().get(pk=instance.pk)
    if "used_for" in data and normalize_used_for(data["used_for"]) != code.used_for:
        raise DomainError("used-for cannot change.", field="used_for")
    data.pop("used_for", None)
    _set_fields(code, data, DISCOUNT_FIELDS)
    _validate_common(code, code.event, "discount")
    if tickets is not None:
        if code.used_for == DiscountCode.UsedFor.EVENT and tickets:
            raise DomainError("An event-level code applies to no tickets.", field="tickets")
        linked = _resolve_tickets(code.event, tickets)
    else:
        linked = list(code.tickets.filter(deleted_at__isnull=True))
    _validate_value(code, linked)
    _save(code)
    if tickets is not None:
        _link_tickets(code, linked)
    return code


def _link_tickets(code, tickets):
    now = timezone.now()
    ids = [t.pk for t in tickets]
    code.tickets.exclude(pk__in=ids).update(discount_code=None, modified_at=now)
    Ticket.objects.filter(pk__in=ids).update(discount_code=code, modified_at=now)


@transaction.atomic
def discount_code_delete(*, actor, instance, permanent=False):
    code = DiscountCode.objects.select_for_update().get(pk=instance.pk)
    code.tickets.update(discount_code=None, modified_at=timezone.now())
    if permanent:
        if code.orders.exists() or code.redemptions.exists():
            raise ConflictError("This code was used in orders; it can only be soft-deleted.")
        code.delete()
        return
    code.soft_delete()


@transaction.atomic
def access_code_create(*, actor, event, data):
    data = dict(data)
    data.pop("event", None)
    tickets = _resolve_tickets(event, data.pop("tickets", None))
    code = AccessCode(event=event)
    _set_fields(code, data, ACCESS_FIELDS)
    _validate_common(code, event, "access")
    _save(code)
    code.tickets.set(tickets)
    return code


@transaction.atomic
def access_code_update(*, actor, instance, data):
    data = dict(data)
    data.pop("event", None)
    tickets = data.pop("tickets", None)
    code = AccessCode.objects.select_for_update().get(pk=instance.pk)
    _set_fields(code, data, ACCESS_FIELDS)
    _validate_common(code, code.event, "access")
    _save(code)
    if tickets is not None:
        code.tickets.set(_resolve_tickets(code.event, tickets))
    return code


@transaction.atomic
def access_code_delete(*, actor, instance, permanent=False):
    code = AccessCode.objects.select_for_update().get(pk=instance.pk)
    if permanent:
        if code.orders.exists():
            raise ConflictError("This code was used in orders; it can only be soft-deleted.")
        code.delete()
        return
    code.soft_delete()
