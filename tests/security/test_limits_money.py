"""Money stays consistent (issue 10, item 12). Design: a fixed discount never exceeds the price of a ticket it
applies to — the ticket's price cannot be lowered below it, the code's amount cannot be raised above it, and a
fixed amount cannot apply to a donation ticket (whose price the buyer picks). Checkout also caps each seat's
discount at its price. So an order total is never negative, and never free unless the organizer made it so."""

from decimal import Decimal

import pytest

from roles.models import Role, UsersEventsRoles
from tests.factories import DiscountCodeFactory, EventFactory, TicketFactory, UserFactory
from tests.servers import needs_postgres_and_redis
from tickets.models import Order

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), needs_postgres_and_redis]


def organizer_of(event):
    organizer = UserFactory()
    UsersEventsRoles.objects.create(user=organizer, event=event, role=Role.objects.get(name="organizer"))
    return organizer


def test_a_price_cannot_drop_below_its_fixed_discount_and_orders_are_never_free_by_accident(sign_in):
    event = EventFactory()
    code = DiscountCodeFactory(event=event, code="TWENTYOFF", type="amount", value=20)
    ticket = TicketFactory(event=event, type="paid", price=25, quantity=50, discount_code=code)
    organizer = sign_in(organizer_of(event))

    lower = {"data": {"type": "ticket", "id": str(ticket.pk), "attributes": {"price": 10}}}
    answer = organizer.patch(f"/v1/tickets/{ticket.pk}", lower)
    assert answer.status == 422
    assert answer.json()["errors"][0]["source"]["pointer"] == "/data/attributes/price"

    raise_code = {"data": {"type": "discount-code", "id": str(code.pk), "attributes": {"value": 30}}}
    assert organizer.patch(f"/v1/discount-codes/{code.pk}", raise_code).status == 422

    order = {"event": event.pk, "tickets": [{"id": ticket.pk, "quantity": 2}], "discount_code": "TWENTYOFF"}
    buyer = sign_in(UserFactory())
    quote = buyer.post("/v1/orders/calculate-amount", order, content_type="application/json").json()
    assert (quote["sub_total"], quote["discount"], quote["total"]) == ("50.00", "40.00", "10.00")
    answer = buyer.post("/v1/orders/create-order", order, content_type="application/json")
    assert answer.status in (200, 201), answer.body
    placed = Order.objects.get()
    assert (placed.amount, placed.status) == (Decimal("10.00"), "initializing")


def test_a_fixed_discount_cannot_apply_to_a_donation_ticket(sign_in):
    event = EventFactory()
    donation = TicketFactory(event=event, type="donation", price=0, min_price=0, max_price=100)
    code = {
        "data": {
            "type": "discount-code",
            "attributes": {"code": "FIVEOFF", "type": "amount", "value": 5},
            "relationships": {"tickets": {"data": [{"type": "ticket", "id": str(donation.pk)}]}},
        }
    }
    answer = sign_in(organizer_of(event)).post(f"/v1/events/{event.pk}/discount-codes", code)
    assert answer.status == 422, answer.body
    assert event.discount_codes.count() == 0
