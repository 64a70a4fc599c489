"""Placing orders for the tests through the checkout service, in the state a test needs."""

from datetime import timedelta

from django.utils import timezone

from tickets.checkout import order_create
from tickets.models import Order


def place(buyer, event, *lines, status=None, discount_code=None):
    """An order of `lines` ((ticket, quantity), …) by `buyer`; `status` forces the state afterwards
    ("expired" = a pending order whose time ran out)."""
    items = [{"ticket": ticket.pk, "quantity": quantity} for ticket, quantity in lines]
    order = order_create(actor=buyer, event=event, items=items, discount_code=discount_code)
    if status == "expired":
        Order.objects.filter(pk=order.pk).update(
            status=Order.Status.PENDING, expires_at=timezone.now() - timedelta(minutes=1)
        )
    elif status is not None:
        Order.objects.filter(pk=order.pk).update(status=status)
    order.refresh_from_db()
    return order
