"""`/v1/users/<id>/orders` and `/v1/users/<id>/attendees`: a buyer's own orders and tickets ("my tickets")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import ApiClient
from tests.factories import TicketFactory, UserFactory
from tickets.checkout import order_create

pytestmark = pytest.mark.django_db


def buy(user, ticket, quantity=1):
    return order_create(actor=user, event=ticket.event, items=[{"ticket": ticket.pk, "quantity": quantity}])


def test_buyer_lists_own_orders_and_tickets(buyer, buyer_api, ticket):
    order = buy(buyer, ticket, 2)
    buy(UserFactory(), ticket)  # someone else's
    orders = buyer_api.get(f"/v1/users/{buyer.pk}/orders").json()["data"]
    assert [o["id"] for o in orders] == [str(order.pk)]
    attendees = buyer_api.get(f"/v1/users/{buyer.pk}/attendees").json()["data"]
    assert sorted(a["id"] for a in attendees) == sorted(str(a.pk) for a in order.attendees.all())


def test_other_users_orders_are_404(buyer, ticket):
    buy(buyer, ticket)
    stranger = ApiClient(UserFactory())
    assert stranger.get(f"/v1/users/{buyer.pk}/orders").status_code == 404
    assert stranger.get(f"/v1/users/{buyer.pk}/attendees").status_code == 404


def test_anonymous_is_401(buyer):
    assert ApiClient().get(f"/v1/users/{buyer.pk}/orders").status_code == 401


def test_admin_reads_anyones_orders(buyer, ticket, admin_api):
    buy(buyer, ticket)
    assert admin_api.get(f"/v1/users/{buyer.pk}/orders").json()["meta"]["count"] == 1


def test_user_document_links_to_own_orders(buyer, buyer_api):
    links = buyer_api.get(f"/v1/users/{buyer.pk}").json()["data"]["relationships"]
    assert links["orders"]["links"]["related"].endswith(f"/v1/users/{buyer.pk}/orders")
    assert links["attendees"]["links"]["related"].endswith(f"/v1/users/{buyer.pk}/attendees")


@pytest.mark.parametrize("path", ["orders", "attendees"])
def test_user_lists_query_count_does_not_grow(buyer, buyer_api, event, path):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert buyer_api.get(f"/v1/users/{buyer.pk}/{path}").status_code == 200
        return len(ctx.captured_queries)

    buy(buyer, TicketFactory(event=event))
    one = count()
    for _ in range(4):
        buy(buyer, TicketFactory(event=event))
    assert count() == one
