"""Reusable reads: seats taken, code redemptions, visible tickets."""

from django.db.models import Count, Q
from django.utils import timezone

from roles.selectors import event_ids_granting  # noqa: F401  (re-exported; its home is roles)
from tickets.models import Attendee, Order


def live_order_q(prefix="", now=None):
    """Orders that hold seats: sold ones, and pending ones that have not expired yet."""
    now = now or timezone.now()
    return Q(**{f"{prefix}status__in": Order.SOLD_STATUSES}) | (
        Q(**{f"{prefix}status": Order.Status.PENDING})
        & (Q(**{f"{prefix}expires_at__isnull": True}) | Q(**{f"{prefix}expires_at__gt": now}))
    )


def live_attendees(now=None):
    return Attendee.objects.filter(live_order_q("order__", now), seat__isnull=False)


def seats_taken(ticket_ids, now=None):
    """{ticket_id: {"sold": n, "reserved": m}} for the given tickets (one query)."""
    now = now or timezone.now()
    rows = (
        live_attendees(now)
        .filter(ticket_id__in=list(ticket_ids))
        .values("ticket_id")
        .annotate(
            sold=Count("id", filter=Q(order__status__in=Order.SOLD_STATUSES)),
            reserved=Count("id", filter=Q(order__status=Order.Status.PENDING)),
        )
    )
    result = {tid: {"sold": 0, "reserved": 0} for tid in ticket_ids}
    for row in rows:
        result[row["ticket_id"]] = {"sold": row["sold"], "reserved": row["reserved"]}
    return result


def ticket_has_sales(ticket):
    """Seats of the ticket are sold or held by a live pending order."""
    return live_attendees().filter(ticket=ticket).exists()


def availability(event, tickets):
    tickets = list(tickets)
    taken = seats_taken([t.pk for t in tickets])
    result = []
    for ticket in tickets:
        counts = taken[ticket.pk]
        remaining = max(ticket.quantity - counts["sold"] - counts["reserved"], 0)
        result.append(
            {"id": ticket.pk, "name": ticket.name, "quantity": ticket.quantity, **counts, "available": remaining}
        )
    return result
