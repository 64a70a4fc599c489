"""An order's `event-invoice`: the platform's invoice to the organizer that billed the fee on the order. Its
organizers and admins read it; the buyer, who may not read the organizer's invoices, gets it neither included
nor on the related route."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import ApiClient
from tests.factories import EventFactory, TicketFactory, UserFactory
from tests.orders_and_sales.conftest import give_role
from tests.orders_and_sales.helpers import place
from tests.ticket_types.factories import EventInvoiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer():
    return UserFactory()


@pytest.fixture
def event(organizer):
    event = EventFactory(owner=organizer)
    give_role(organizer, event, "organizer")
    return event


@pytest.fixture
def buyer():
    return UserFactory()


@pytest.fixture
def billed(event, buyer):
    ticket = TicketFactory(event=event, quantity=20, max_order=5)
    order = place(buyer, event, (ticket, 1))
    invoice = EventInvoiceFactory(event=event)
    order.event_invoice = invoice
    order.save(update_fields=["event_invoice"])
    return order, invoice


def linkage(client, order):
    response = client.get(f"/v1/orders/{order.identifier}")
    assert response.status_code == 200
    return response.json()["data"]["relationships"]["event-invoice"]


def test_the_organizer_sees_the_invoice_that_billed_the_order(organizer, billed):
    order, invoice = billed
    relationship = linkage(ApiClient(organizer), order)
    assert relationship["data"] == {"type": "event-invoice", "id": str(invoice.pk)}
    assert relationship["links"]["related"].endswith(f"/orders/{order.pk}/event-invoice")


def test_the_organizer_includes_the_invoice(organizer, billed):
    order, invoice = billed
    document = ApiClient(organizer).get(f"/v1/orders/{order.identifier}?include=event-invoice").json()
    assert [(i["type"], i["id"]) for i in document["included"]] == [("event-invoice", str(invoice.pk))]
    assert document["included"][0]["attributes"]["identifier"] == invoice.identifier


def test_the_buyer_cannot_read_the_organizers_invoice(buyer, billed):
    order, _ = billed
    client = ApiClient(buyer)
    document = client.get(f"/v1/orders/{order.identifier}?include=event-invoice").json()
    assert document.get("included", []) == []
    related = client.get(f"/v1/orders/{order.pk}/event-invoice")
    assert related.status_code in (200, 404)
    if related.status_code == 200:
        assert related.json()["data"] is None


def test_an_order_not_billed_yet_has_no_invoice(organizer, event, buyer):
    ticket = TicketFactory(event=event, quantity=20, max_order=5)
    order = place(buyer, event, (ticket, 1))
    assert linkage(ApiClient(organizer), order)["data"] is None


def test_deleting_the_invoice_keeps_the_order(organizer, billed):
    order, invoice = billed
    invoice.delete()
    order.refresh_from_db()
    assert order.event_invoice is None
    assert linkage(ApiClient(organizer), order)["data"] is None


def test_listing_orders_with_their_invoices_takes_constant_queries(organizer, event, buyer):
    ticket = TicketFactory(event=event, quantity=50, max_order=5)
    client = ApiClient(organizer)
    url = f"/v1/events/{event.pk}/orders?include=event-invoice"

    def bill_one():
        order = place(buyer, event, (ticket, 1))
        order.event_invoice = EventInvoiceFactory(event=event)
        order.save(update_fields=["event_invoice"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    bill_one()
    one = count()
    for _ in range(4):
        bill_one()
    assert count() == one
