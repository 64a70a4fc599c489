"""`POST /v1/orders/<identifier>/verify`, which the Open Event client posts on every order page it opens: the
order's status for whoever may read the order; nothing changes (no payment here awaits an outside provider)."""

import pytest

from tests.conftest import ApiClient
from tests.factories import EventFactory, TicketFactory, UserFactory
from tickets.checkout import order_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def order():
    event = EventFactory()
    ticket = TicketFactory(event=event)
    return order_create(actor=UserFactory(), event=event, items=[{"ticket": ticket.pk, "quantity": 1}])


def test_the_buyer_verifies_their_order_and_it_stays_as_it_was(order):
    status = order.status
    response = ApiClient(order.user).post(f"/v1/orders/{order.identifier}/verify", {}, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == {"status": status}
    order.refresh_from_db()
    assert order.status == status


def test_someone_elses_order_is_not_found(order, user_api):
    assert user_api.post(f"/v1/orders/{order.identifier}/verify").status_code == 404


def test_anonymous_verify_is_401(order, api):
    assert api.post(f"/v1/orders/{order.identifier}/verify").status_code == 401


# --- a buyer places a pending order with an offline payment mode (the client's "Pay Now") ---------------------
def _pending_paid_order(**event_flags):
    event = EventFactory(**event_flags)
    ticket = TicketFactory(event=event, type="paid", price=49)
    return order_create(actor=UserFactory(), event=event, items=[{"ticket": ticket.pk, "quantity": 1}])


def _pay(order, mode):
    body = {"data": {"type": "order", "id": order.identifier, "attributes": {"status": "placed", "payment-mode": mode}}}
    return ApiClient(order.user).patch(f"/v1/orders/{order.identifier}", body)


def test_the_buyer_places_a_pending_order_by_bank_transfer_when_the_event_accepts_it():
    order = _pending_paid_order(can_pay_by_bank=True)
    assert order.status == "pending"
    response = _pay(order, "bank")
    assert response.status_code == 200, response.content
    order.refresh_from_db()
    assert (order.status, order.payment_mode, order.expires_at) == ("placed", "bank", None)


def test_an_offline_mode_the_event_does_not_accept_cannot_place_the_order():
    order = _pending_paid_order(can_pay_by_bank=True)
    assert _pay(order, "cheque").status_code == 422
    order.refresh_from_db()
    assert order.status == "pending"


def test_the_buyer_cannot_complete_their_own_order():
    order = _pending_paid_order(can_pay_onsite=True)
    body = {"data": {"type": "order", "id": order.identifier, "attributes": {"status": "completed"}}}
    assert ApiClient(order.user).patch(f"/v1/orders/{order.identifier}", body).status_code == 422
