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
