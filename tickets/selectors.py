"""Reusable reads: seats taken, code redemptions, visible tickets."""

from django.db.models import Count, Q
from django.utils import timezone

from roles.selectors import event_ids_granting  # noqa: F401  (re-exported; its home is roles)
from tickets.models import Attendee, Order


def live_order_q(prefix="", now=None):
    """Orders that hold seats: sold ones, and initializing or pending ones that have not expired yet."""
    now = now or timezone.now()
    return Q(**{f"{prefix}status__in": Order.SOLD_STATUSES}) | (
        Q(**{f"{prefix}status__in": Order.HELD_STATUSES})
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
            reserved=Count("id", filter=Q(order__status__in=Order.HELD_STATUSES)),
        )
    )
    result = {tid: {"sold": 0, "reserved": 0} for tid in ticket_ids}
    for row in rows:
        result[row["ticket_id"]] = {"sold": row["sold"], "reserved": row["reserved"]}
    return result


def ticket_has_sales(ticket):
    """Seats of the ticket are sold or held by a live initializing or pending order."""
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


def buyer_orders(user):
    """The orders `user` placed, newest first, with their event and tickets held ("my tickets")."""
    from django.db.models import Prefetch

    attendees = Attendee.objects.filter(deleted_at__isnull=True).select_related("ticket").order_by("id")
    return (
        Order.objects.filter(user=user)
        .select_related("event")
        .prefetch_related(Prefetch("attendees", queryset=attendees))
        .order_by("-created_at", "-id")
    )


# --- the organizer dashboard's figures (each one query, whatever the number of orders) ------------------------


def order_counts_by_status(event):
    """{status: number of orders} for every status (zero included)."""
    counts = dict(event.orders.order_by().values_list("status").annotate(n=Count("id")))
    return {status: counts.get(status, 0) for status in Order.Status.values}


def revenue(event):
    """The amount of the event's sold orders (completed and placed)."""
    from django.db.models import Sum

    total = event.orders.filter(status__in=Order.SOLD_STATUSES).aggregate(total=Sum("amount"))["total"]
    return total or 0


def check_in_counts(event):
    """{"checked_in": n, "total": m} over the attendees of sold orders."""
    return Attendee.objects.filter(
        event=event, order__status__in=Order.SOLD_STATUSES, deleted_at__isnull=True
    ).aggregate(total=Count("id"), checked_in=Count("id", filter=Q(is_checked_in=True)))


def seats_sold_per_day(event, tz):
    """[(date, seats)] of sold orders by the day (in `tz`) the order was placed, oldest first."""
    from django.db.models.functions import TruncDate

    rows = (
        Attendee.objects.filter(event=event, order__status__in=Order.SOLD_STATUSES, deleted_at__isnull=True)
        .annotate(day=TruncDate("order__created_at", tzinfo=tz))
        .order_by()
        .values("day")
        .annotate(seats=Count("id"))
        .order_by("day")
    )
    return [(row["day"], row["seats"]) for row in rows]
