"""Selectors for order statistics and sales reports. Every figure is a database aggregate (GROUP BY status and
key); the number of queries does not depend on the number of orders or attendees.

A pending (or initializing) order whose `expires_at` has passed counts as `expired` even before the beat job
marks it so: its seats are already free, so reporting it as pending would overstate the sales in flight."""

from decimal import Decimal

from django.db.models import Case, CharField, Count, F, Q, Sum, Value, When
from django.utils import timezone

from tickets.models import Attendee, Order, TicketFee

#: the statuses the order statistics report (the Open Event Server also has `draft`, which we never store)
STATISTICS_STATUSES = ("draft", "cancelled", "pending", "expired", "placed", "completed")
#: the statuses the admin sales reports break down
SALES_STATUSES = ("placed", "completed", "pending")


def effective_status(prefix="", now=None):
    """The order's status, with held (initializing, pending) orders past their `expires_at` reported as
    `expired`."""
    now = now or timezone.now()
    return Case(
        When(
            Q(**{f"{prefix}status__in": Order.HELD_STATUSES, f"{prefix}expires_at__lte": now}),
            then=Value(Order.Status.EXPIRED),
        ),
        default=F(f"{prefix}status"),
        output_field=CharField(),
    )


def _number(value):
    if value is None:
        return 0
    return int(value) if value == int(value) else float(value)


def _breakdown(rows, value_key, *, statuses=STATISTICS_STATUSES):
    """{"total": …, status: …} from rows of {"st": status, value_key: number}."""
    result = dict.fromkeys(statuses, 0)
    for row in rows:
        if row["st"] in result:
            result[row["st"]] = _number(row[value_key])
    result["total"] = sum(result.values())
    return result


def _order_statistics(orders, attendees, *, sales_from_attendees):
    """`orders`/`attendees`: the querysets counted. Sales come from the order amounts (discounts included) or,
    for one ticket, from the prices its attendees paid. Two queries."""
    now = timezone.now()
    order_rows = list(
        orders.annotate(st=effective_status(now=now))
        .values("st")
        .annotate(n=Count("pk", distinct=True), amount=Sum("amount"))
        .order_by()
    )
    attendee_rows = list(
        attendees.filter(deleted_at__isnull=True)
        .annotate(st=effective_status("order__", now))
        .values("st")
        .annotate(n=Count("pk"), amount=Sum("price"))
        .order_by()
    )
    return {
        "orders": _breakdown(order_rows, "n"),
        "tickets": _breakdown(attendee_rows, "n"),
        "sales": _breakdown(attendee_rows if sales_from_attendees else order_rows, "amount"),
    }


def event_order_statistics(event):
    """Orders, tickets (attendees) and sales of an event, per status."""
    return _order_statistics(
        Order.objects.filter(event=event), Attendee.objects.filter(event=event), sales_from_attendees=False
    )


def ticket_order_statistics(ticket):
    """The orders holding a ticket, its attendees and what they paid for it, per status."""
    return _order_statistics(
        Order.objects.filter(attendees__ticket=ticket, attendees__deleted_at__isnull=True),
        Attendee.objects.filter(ticket=ticket),
        sales_from_attendees=True,
    )


def sales_by(key, keys):
    """{key value: {status: {"sales_total": …, "ticket_count": …}}} for the orders whose `key` (a path from
    Order, e.g. "event_id", "event__owner_id", "marketer_id") is in `keys`. Two queries."""
    keys = list(keys)
    now = timezone.now()
    result = {k: {s: {"sales_total": 0, "ticket_count": 0} for s in SALES_STATUSES} for k in keys}
    if not keys:
        return result
    totals = (
        Order.objects.filter(**{f"{key}__in": keys})
        .annotate(st=effective_status(now=now))
        .filter(st__in=SALES_STATUSES)
        .values(key, "st")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in totals:
        result[row[key]][row["st"]]["sales_total"] = _number(row["total"])
    counts = (
        Attendee.objects.filter(deleted_at__isnull=True, **{f"order__{key}__in": keys})
        .annotate(st=effective_status("order__", now))
        .filter(st__in=SALES_STATUSES)
        .values(f"order__{key}", "st")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in counts:
        result[row[f"order__{key}"]][row["st"]]["ticket_count"] = row["n"]
    return result


def completed_sales_by_event(event_ids):
    """{event id: (completed sales total, completed ticket count)} (two queries)."""
    sales = sales_by("event_id", event_ids)
    return {k: (v["completed"]["sales_total"], v["completed"]["ticket_count"]) for k, v in sales.items()}


def service_fees():
    """The platform's ticket fee lookup from the alive ticket fees (one query): call the result with an event's
    currency and country for `(percentage, maximum per ticket)`; a fee for that country wins over the
    currency's fee without a country, and no fee for the currency is `(0, 0)`."""
    fees = {
        (fee.currency.upper(), fee.country.strip().lower()): (fee.service_fee, fee.maximum_fee)
        for fee in TicketFee.objects.alive()
    }

    def lookup(currency, country):
        currency = (currency or "").upper()
        country = (country or "").strip().lower()
        if country and (currency, country) in fees:
            return fees[(currency, country)]
        return fees.get((currency, ""), (Decimal(0), Decimal(0)))

    return lookup


def completed_ticket_prices(event_ids):
    """{event id: [(price, tickets sold at that price), …]} over the completed orders' attendees (one query)."""
    result = {pk: [] for pk in event_ids}
    rows = (
        Attendee.objects.filter(deleted_at__isnull=True, event_id__in=result, order__status=Order.Status.COMPLETED)
        .values("event_id", "price")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        result[row["event_id"]].append((row["price"], row["n"]))
    return result


def fee_revenue(prices, percentage, maximum):
    """The platform's fees on tickets sold at `prices`: `percentage` of each price, at most `maximum` per ticket
    (a maximum of 0 sets no cap)."""
    total = Decimal(0)
    for price, count in prices:
        fee = Decimal(price) * Decimal(percentage) / 100
        if maximum and fee > maximum:
            fee = Decimal(maximum)
        total += fee * count
    return total
