"""Order and attendee changes after checkout (status transitions, billing details, check-in)."""

import re
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from eventyay.errors import ConflictError, DomainError
from roles import permissions as rules
from tickets.models import Attendee, Order
from tickets.notify import announce_order, send_receipt

BILLING_FIELDS = (
    "is_billing_enabled", "company", "address", "city", "state", "country", "zipcode", "tax_business_info",
    "paid_via", "payment_mode", "order_notes", "cancel_note",
)  # fmt: skip
S = Order.Status
#: status transitions the event team may make (the team may also skip the attendee details of an initializing order)
TEAM_TRANSITIONS = {
    S.INITIALIZING: {S.PENDING, S.COMPLETED, S.PLACED, S.CANCELLED},
    S.PENDING: {S.COMPLETED, S.PLACED, S.CANCELLED},
    S.PLACED: {S.COMPLETED, S.CANCELLED},
    S.COMPLETED: {S.CANCELLED},
}
#: what the buyer may do: submit the attendee details of an initializing order (a free order is then completed,
#: a paid one pending until paid), or cancel an order not yet paid; see `_buyer_may`
BUYER_TRANSITIONS = {S.INITIALIZING: {S.PENDING, S.COMPLETED, S.CANCELLED}, S.PENDING: {S.CANCELLED}}
#: payment modes that need no outside provider, and the event flag that accepts each: the buyer places an
#: initializing or pending order with one of them (the Open Event client's "Pay Now" for bank transfer, cheque, on
#: site, invoice); the team then completes it once paid
OFFLINE_PAYMENT_MODES = {
    "bank": "can_pay_by_bank",
    "cheque": "can_pay_by_cheque",
    "onsite": "can_pay_onsite",
    "invoice": "can_pay_by_invoice",
}


def _is_team(actor, event, service="order"):
    """The actor may manage the event's orders (Role × Service matrix; admins always)."""
    return rules.can(actor, "update", service, event)


@transaction.atomic
def order_update(*, actor, instance, data):
    order = Order.objects.select_for_update().get(pk=instance.pk)
    data = dict(data)
    unknown = set(data) - set(BILLING_FIELDS) - {"status"}
    if unknown:
        name = sorted(unknown)[0]
        raise DomainError(f"{name.replace('_', '-')} cannot be changed.", field=name)
    if "cancel_note" in data and not _is_team(actor, order.event):
        raise DomainError("Only the event team writes the cancel note.", field="cancel_note", status=403)
    status = data.pop("status", None)
    for field, value in data.items():
        setattr(order, field, "" if value is None and field != "is_billing_enabled" else value)
    changed = status is not None and status != order.status
    if changed:
        _transition(actor, order, status)
    order.save()
    if changed:
        announce_order(order)
    return order


def _transition(actor, order, status):
    if status not in S.values:
        raise DomainError(f"status must be one of {', '.join(S.values)}.", field="status")
    team = _is_team(actor, order.event)
    allowed = TEAM_TRANSITIONS if team else BUYER_TRANSITIONS
    if status not in allowed.get(order.status, set()) and not _places_offline(order, status):
        raise DomainError(f"An order cannot go from {order.status} to {status}.", field="status")
    now = timezone.now()
    if order.status in Order.HELD_STATUSES and order.expires_at and order.expires_at <= now and status != S.CANCELLED:
        raise ConflictError("This order has expired; its seats were released.", field="status", code="expired")
    if not team:
        _buyer_may(order, status)
    if status == S.CANCELLED:
        order.attendees.update(seat=None, modified_at=now)
    if status in (S.COMPLETED, S.PLACED):
        order.expires_at = None
    if status == S.PENDING and order.status == S.INITIALIZING:
        # the details are in; the buyer now has the time to pay that a paid checkout always had
        order.expires_at = now + timedelta(minutes=settings.PAID_ORDER_EXPIRY_MINUTES)
    if status == S.COMPLETED:
        order.completed_at = now
    order.status = status


def _buyer_may(order, status):
    """The buyer's rules beyond the transition table: money decides where the details lead, and they must be
    complete (the event's required attendee form fields) before an initializing order moves on."""
    if status == S.CANCELLED:
        return
    if order.amount > 0 and (status == S.COMPLETED or order.payment_mode == "free"):
        raise DomainError("A paid order is completed by its payment, not by its buyer.", field="status")
    if order.amount == 0 and status != S.COMPLETED:
        raise DomainError("A free order has nothing to pay: submitting its details completes it.", field="status")
    if order.status == S.INITIALIZING:
        missing_attendee_details(order)


def attendee_form_fields(event):
    """The event's attendee form fields the buyer must fill: included and required (the client's order form)."""
    return list(event.custom_forms.filter(form="attendee", is_included=True, is_required=True).order_by("position"))


def _attendee_value(attendee, identifier, complex_field):
    if complex_field:
        values = attendee.complex_field_values if isinstance(attendee.complex_field_values, dict) else {}
        return values.get(identifier)
    name = re.sub(r"(?<!^)(?=[A-Z])", "_", identifier).lower()  # jobTitle → job_title
    return getattr(attendee, name, None) if name in Attendee.PROFILE_FIELDS else True


def _field_applies(field, attendee):
    """As the client shows them: fixed fields to every holder, the others when the event uses ticket forms and the
    field belongs to the holder's ticket form (or the ticket has none)."""
    if field.is_fixed:
        return True
    form_id = attendee.ticket.form_id
    return attendee.event.is_ticket_form_enabled and (not form_id or form_id == field.form_id)


def missing_attendee_details(order):
    """Refuse (422) an order whose attendees lack a value for a required attendee form field of the event."""
    fields = attendee_form_fields(order.event)
    if not fields:
        return
    attendees = order.attendees.filter(deleted_at__isnull=True).select_related("ticket", "event").order_by("pk")
    for attendee in attendees:
        for field in fields:
            if not _field_applies(field, attendee):
                continue
            value = _attendee_value(attendee, field.field_identifier, field.is_complex)
            if value in (None, "", False) or (isinstance(value, str) and not value.strip()):
                raise DomainError(
                    f"Attendee {attendee.pk} needs {field.name or field.field_identifier!r}.",
                    field="attendees",
                    code="attendee_details_missing",
                )


def _places_offline(order, status):
    """A paid initializing or pending order placed with an offline payment mode its event accepts (the buyer
    may do this)."""
    flag = OFFLINE_PAYMENT_MODES.get(order.payment_mode)
    return (
        order.status in Order.HELD_STATUSES
        and status == S.PLACED
        and order.amount > 0
        and flag is not None
        and getattr(order.event, flag)
    )


@transaction.atomic
def attendee_update(*, actor, instance, data):
    attendee = Attendee.objects.select_for_update().select_related("order").get(pk=instance.pk)
    data = dict(data)
    team = _is_team(actor, attendee.event, "attendee") or rules.has_access(actor, "is_registrar", event=attendee.event)
    before = {field: getattr(attendee, field) for field in Attendee.DESK_FIELDS}
    for field, value in data.items():
        if field in (*Attendee.DESK_FIELDS, "tag_id"):
            if not team and value == getattr(attendee, field):
                continue  # the client sends back every attribute it holds: an unchanged value is no change
            if not team:
                raise DomainError("Only the event team checks attendees in.", field=field, status=403)
        elif field not in Attendee.PROFILE_FIELDS:
            raise DomainError(f"{field.replace('_', '-')} cannot be changed.", field=field)
        if value is None and field not in ("birth_date", "complex_field_values", "tag_id"):
            value = False if field.startswith(("is_", "accept_", "same_")) else ""
        setattr(attendee, field, value)
    stamp = timezone.now().isoformat()
    for flag, stamps in (("is_checked_in", "checkin_times"), ("is_checked_out", "checkout_times"),
                         ("is_registered", "register_times")):  # fmt: skip
        if data.get(flag) and not before[flag] and stamps not in data:  # a flag re-sent unchanged stamps nothing
            previous = getattr(attendee, stamps)
            setattr(attendee, stamps, f"{previous},{stamp}" if previous else stamp)
    _flags_follow_the_stamps(attendee, before, data)
    attendee.save()
    return attendee


def _flags_follow_the_stamps(attendee, before, data):
    """The Open Event client's attendee list checks in and out by appending a stamp to `checkin-times` or
    `checkout-times`, sending `is-checked-in` unchanged: when the stamps change and the flag is not changed by
    the same request, the attendee is checked in while there are more check-in than check-out stamps (and
    checked out once a check-out stamp outnumbers them). As with `attendee_check_in`, only the attendees of
    sold orders are checked in."""
    if all(getattr(attendee, field) == before[field] for field in ("checkin_times", "checkout_times")):
        return
    if "is_checked_in" in data and bool(data["is_checked_in"]) != before["is_checked_in"]:
        return
    checkins, checkouts = (
        len([s for s in (getattr(attendee, field) or "").split(",") if s.strip()])
        for field in ("checkin_times", "checkout_times")
    )
    attendee.is_checked_in = checkins > checkouts
    attendee.is_checked_out = not attendee.is_checked_in and checkouts > 0
    if attendee.is_checked_in and not before["is_checked_in"] and attendee.order.status not in Order.SOLD_STATUSES:
        raise DomainError(
            f"This attendee's order is {attendee.order.status}; only paid orders can be checked in.",
            field="checkin_times",
            code="order_not_sold",
        )


@transaction.atomic
def attendee_check_in(*, actor, instance, checked_in, undo=False):
    """Check an attendee in (`checked_in=True`) or out, stamping `checkin_times` / `checkout_times`. With
    `undo`, the last stamp of the opposite move is taken back instead (a mistaken click leaves no trace).
    Only the attendees of sold orders can be checked in."""
    attendee = Attendee.objects.select_for_update(of=("self",)).select_related("order", "event").get(pk=instance.pk)
    if not (
        _is_team(actor, attendee.event, "attendee") or rules.has_access(actor, "is_registrar", event=attendee.event)
    ):
        raise DomainError("Only the event team checks attendees in.", field="is_checked_in", status=403)
    checked_in = bool(checked_in)
    if checked_in and attendee.order.status not in Order.SOLD_STATUSES:
        raise DomainError(
            f"This attendee's order is {attendee.order.status}; only paid orders can be checked in.",
            field="is_checked_in",
            code="order_not_sold",
        )
    if attendee.is_checked_in == checked_in:
        return attendee  # a second click (or a second device) changes nothing
    attendee.is_checked_in = checked_in
    if undo:
        taken_back = "checkout_times" if checked_in else "checkin_times"
        stamps = [s for s in getattr(attendee, taken_back).split(",") if s]
        setattr(attendee, taken_back, ",".join(stamps[:-1]))
    else:
        field = "checkin_times" if checked_in else "checkout_times"
        stamps = [s for s in getattr(attendee, field).split(",") if s]
        setattr(attendee, field, ",".join([*stamps, timezone.now().isoformat()]))
    attendee.save(update_fields=["is_checked_in", "checkin_times", "checkout_times", "modified_at"])
    return attendee


@transaction.atomic
def attendee_delete(*, actor, instance):
    """The team removes an attendee: the row is kept (soft-deleted, hidden from reads) and its seat is freed."""
    attendee = Attendee.objects.select_for_update(of=("self",)).select_related("event").get(pk=instance.pk)
    if not rules.can(actor, "delete", "attendee", attendee.event):
        raise DomainError("Only the event team removes attendees.", status=403, code="permission_denied")
    attendee.deleted_at = timezone.now()
    attendee.seat = None
    attendee.save(update_fields=["deleted_at", "seat", "modified_at"])


def order_send_receipt(*, actor, instance):
    """E-mail the receipt of a sold order again; returns the recipients."""
    order = Order.objects.select_related("event", "user").get(pk=instance.pk)
    if order.status not in Order.SOLD_STATUSES:
        raise DomainError(f"A {order.status} order has no receipt.", field="status", code="no_receipt")
    recipients = send_receipt(order)
    if not recipients:
        raise DomainError("Neither the buyer nor the attendees have an e-mail address.", field="email")
    return recipients


def expire_pending_orders():
    """Celery beat: release every initializing or pending order past its `expires_at`."""
    from tickets.checkout import release_overdue_orders

    return release_overdue_orders()
