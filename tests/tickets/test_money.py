"""Money stays consistent (issue 10, item 12): whatever codes and prices the services let an organizer set up,
an order's total is Σ max(price − discount, 0) per seat — never negative — and zero only for a free ticket, a
100 % code or a fixed amount equal to the price. See `tickets.services.tickets` for the rule."""

from decimal import Decimal

import pytest

from eventyay.errors import DomainError
from tests.factories import EventFactory, TicketFactory, UserFactory
from tickets.checkout import order_calculate_amount
from tickets.services import ticket_update
from tickets.services.codes import discount_code_create, discount_code_update

pytestmark = pytest.mark.django_db

PRICES = ["0.01", "9.99", "25.00"]
CODES = [("amount", "0.01"), ("amount", "9.99"), ("amount", "25.00"), ("percent", "33"), ("percent", "100")]


@pytest.mark.parametrize("price", PRICES)
@pytest.mark.parametrize("kind,value", CODES)
def test_order_totals_are_never_negative_or_accidentally_free(price, kind, value):
    event, actor = EventFactory(), UserFactory(is_admin=True)
    ticket = TicketFactory(event=event, type="paid", price=price, quantity=500, max_order=50)
    data = {"code": "C", "type": kind, "value": Decimal(value), "tickets": [ticket]}
    allowed = kind == "percent" or Decimal(value) <= Decimal(price)
    if not allowed:
        with pytest.raises(DomainError):
            discount_code_create(actor=actor, event=event, data=data)
        return
    discount_code_create(actor=actor, event=event, data=data)
    quote = order_calculate_amount(event=event, items=[{"ticket": ticket.pk, "quantity": 3}], discount_code="C")
    per_seat = Decimal(value) if kind == "amount" else Decimal(price) * Decimal(value) / 100
    expected = (max(Decimal(price) - per_seat.quantize(Decimal("0.01")), Decimal(0)) * 3).quantize(Decimal("0.01"))
    assert quote.total == expected >= 0
    assert (quote.total == 0) == (value == "100" or value == price)


def test_the_price_of_a_ticket_with_a_fixed_discount_cannot_go_below_it():
    event, actor = EventFactory(), UserFactory(is_admin=True)
    ticket = TicketFactory(event=event, type="paid", price=25, quantity=10)
    code = discount_code_create(
        actor=actor, event=event, data={"code": "OFF", "type": "amount", "value": Decimal(20), "tickets": [ticket]}
    )
    with pytest.raises(DomainError) as refused:
        ticket_update(actor=actor, instance=ticket, data={"price": Decimal(19)})
    assert refused.value.field == "price"
    with pytest.raises(DomainError):
        ticket_update(actor=actor, instance=ticket, data={"type": "donation", "price": 0, "max_price": Decimal(50)})
    with pytest.raises(DomainError) as refused:
        discount_code_update(actor=actor, instance=code, data={"value": Decimal(26)})
    assert refused.value.field == "value"
    ticket_update(actor=actor, instance=ticket, data={"price": Decimal(20)})  # equal: a deliberate free seat
