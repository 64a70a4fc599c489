"""Ticket rules (seed 003: free, paid, donation). Every write goes through here.

Money (issue 10, item 12): a fixed (`amount`) discount code never exceeds the price of a ticket it applies
to. The rule holds from both sides — a ticket's price cannot be lowered below the amount of its discount code
(here), and a code's amount cannot be raised above the price of a ticket it is linked to
(`tickets.services.codes`) — and a fixed discount cannot apply to a donation ticket, whose price the buyer
chooses (any fixed amount could zero it). Both writers take the code's row lock (tickets before codes, the
checkout's order), so two concurrent edits cannot slip past each other. Checkout still caps each seat's
discount at its price, so no total is ever negative; an order is free only when the organizer made it so (a
free ticket, a 100 % code, or an amount equal to the price).
"""

from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from eventyay import limits
from eventyay.errors import ConflictError, DomainError
from eventyay.sanitize import clean_html
from tickets import selectors
from tickets.models import DiscountCode, Ticket

TICKET_FIELDS = (
    "name", "description", "is_description_visible", "type", "price", "min_price", "max_price", "quantity",
    "is_hidden", "is_fee_absorbed", "sales_starts_at", "sales_ends_at", "min_order", "max_order", "position",
    "form_id", "badge_id", "is_checkin_restricted", "auto_checkin_enabled",
)  # fmt: skip


def _apply(ticket, data):
    unknown = set(data) - set(TICKET_FIELDS) - {"discount_code"}
    if unknown:
        raise DomainError(f"Unknown ticket field {sorted(unknown)[0]!r}.", field=sorted(unknown)[0])
    for field, value in data.items():
        if field == "description":
            value = clean_html(value or "")
        if value is None and field in ("description", "form_id", "badge_id"):
            value = ""
        setattr(ticket, field, value)


def _validate(ticket, event):
    if not (ticket.name or "").strip():
        raise DomainError("A ticket needs a name.", field="name")
    ticket.name = ticket.name.strip()
    if ticket.type not in Ticket.Type.values:
        raise DomainError(f"Ticket type must be one of {', '.join(Ticket.Type.values)}.", field="type")
    if ticket.type == Ticket.Type.PAID:
        if ticket.price is None or Decimal(ticket.price) <= 0:
            raise DomainError("A paid ticket needs a price greater than 0.", field="price")
    else:
        if ticket.price not in (None, 0) and Decimal(ticket.price) != 0:
            raise DomainError(f"A {ticket.type} ticket has no fixed price; leave price at 0.", field="price")
        ticket.price = Decimal(0)
    if ticket.type == Ticket.Type.DONATION:
        if ticket.min_price is None or Decimal(ticket.min_price) < 0:
            raise DomainError("A donation ticket needs a minimum price of 0 or more.", field="min_price")
        if ticket.max_price is None:
            raise DomainError("A donation ticket needs a maximum price.", field="max_price")
        if Decimal(ticket.max_price) <= 0 or Decimal(ticket.min_price) > Decimal(ticket.max_price):
            raise DomainError(
                "The maximum price must be greater than 0 and not below the minimum price.", field="max_price"
            )
    else:
        ticket.min_price = Decimal(0)
        ticket.max_price = None
    if ticket.quantity is None or ticket.quantity < 1:
        raise DomainError("Quantity must be at least 1.", field="quantity")
    if ticket.min_order is None or ticket.min_order < 1:
        raise DomainError("The minimum order must be at least 1.", field="min_order")
    if ticket.max_order is None or ticket.max_order < ticket.min_order:
        raise DomainError("The maximum order must not be below the minimum order.", field="max_order")
    if ticket.max_order > ticket.quantity:
        raise DomainError("The maximum order must not exceed the quantity.", field="max_order")
    cap = settings.MAX_SEATS_PER_ORDER
    if ticket.max_order > cap:
        raise DomainError(f"The maximum order cannot exceed {cap} (the platform's limit per order).", field="max_order")
    limits.check_instance(ticket, ["sales_starts_at", "sales_ends_at"])
    if ticket.sales_starts_at and ticket.sales_ends_at and ticket.sales_starts_at > ticket.sales_ends_at:
        raise DomainError("Sales must start before they end.", field="sales_ends_at")
    if ticket.sales_ends_at and event.ends_at and ticket.sales_ends_at > event.ends_at:
        raise DomainError("Sales cannot end after the event ends.", field="sales_ends_at")


@transaction.atomic
def ticket_create(*, actor, event, data):
    data = dict(data)
    data.pop("event", None)
    ticket = Ticket(event=event)
    _apply(ticket, data)
    _validate(ticket, event)
    _check_discount_code(ticket)
    ticket.save()
    return ticket


@transaction.atomic
def ticket_update(*, actor, instance, data):
    data = dict(data)
    data.pop("event", None)
    ticket = Ticket.objects.select_for_update().get(pk=instance.pk)
    _apply(ticket, data)
    _validate(ticket, ticket.event)
    _check_discount_code(ticket)
    if "quantity" in data:
        counts = selectors.seats_taken([ticket.pk])[ticket.pk]
        taken = counts["sold"] + counts["reserved"]
        if ticket.quantity < taken:
            raise DomainError(
                f"{taken} seats of this ticket are already sold or reserved; the quantity cannot go below that.",
                field="quantity",
            )
    ticket.save()
    return ticket


def _check_discount_code(ticket):
    if ticket.discount_code_id is None:
        return
    code = DiscountCode.objects.select_for_update().get(pk=ticket.discount_code_id)  # after the ticket's lock
    if code.event_id != ticket.event_id or code.deleted_at is not None or code.used_for != code.UsedFor.TICKET:
        raise DomainError("The discount code must be a ticket code of the same event.", field="discount_code")
    problem = fixed_discount_problem(code, ticket)
    if problem:
        raise DomainError(problem, field="price" if ticket.type == Ticket.Type.PAID else "type")


def fixed_discount_problem(code, ticket):
    """Why the fixed discount `code` may not apply to `ticket` (None when it may): see the module's docstring."""
    if code.type != DiscountCode.Type.AMOUNT or code.value is None or Decimal(code.value) <= 0:
        return None
    if ticket.type == Ticket.Type.PAID and Decimal(code.value) > Decimal(ticket.price):
        return (
            f"The discount code {code.code!r} takes {code.value} off {ticket.name!r}; "
            f"its price cannot be below that."
        )
    if ticket.type == Ticket.Type.DONATION:
        return f"The fixed discount of code {code.code!r} cannot apply to the donation ticket {ticket.name!r}."
    return None


@transaction.atomic
def ticket_delete(*, actor, instance, permanent=False):
    ticket = Ticket.objects.select_for_update().get(pk=instance.pk)
    if selectors.ticket_has_sales(ticket):
        raise ConflictError("This ticket has sales and cannot be deleted.", code="ticket_has_sales")
    if permanent:
        if ticket.attendees.exists():
            raise ConflictError("This ticket has (past) orders; it can only be soft-deleted.", code="ticket_has_orders")
        ticket.delete()
        return
    ticket.deleted_at = timezone.now()
    ticket.save(update_fields=["deleted_at", "modified_at"])
