"""Orders: the admins' list of every order, an order's tickets, the blueprint's order attributes, on-site
orders, and the checkout routes answering the client's `Accept: application/json`."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import ApiClient, resource
from tests.factories import DiscountCodeFactory, EventFactory, TicketFactory, UserFactory
from tests.orders_and_sales.conftest import give_role
from tests.orders_and_sales.helpers import place
from tickets.models import Order

pytestmark = pytest.mark.django_db


def test_every_order_is_listed_for_admins(admin_api, event, free_ticket, buyer):
    mine = place(buyer, event, (free_ticket, 1))
    other_ticket = TicketFactory(event=EventFactory())
    theirs = place(UserFactory(), other_ticket.event, (other_ticket, 1))
    document = admin_api.get("/v1/orders").json()
    assert document["meta"]["count"] == 2
    assert {item["attributes"]["identifier"] for item in document["data"]} == {mine.identifier, theirs.identifier}


@pytest.mark.parametrize("who", ["buyer", "organizer"])
def test_the_list_of_every_order_is_refused_to_others(who, event, free_ticket, buyer, organizer):
    place(buyer, event, (free_ticket, 1))
    assert ApiClient({"buyer": buyer, "organizer": organizer}[who]).get("/v1/orders").status_code == 403
    assert ApiClient().get("/v1/orders").status_code == 401


def test_list_of_orders_queries_do_not_grow(admin_api, event, free_ticket, paid_ticket, buyer):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert admin_api.get("/v1/orders?include=attendees").status_code == 200
        return len(ctx.captured_queries)

    place(buyer, event, (free_ticket, 1))
    one = count()
    for _ in range(4):
        place(buyer, event, (free_ticket, 2), (paid_ticket, 1))
    assert count() == one


def test_an_orders_tickets(buyer_api, event, free_ticket, paid_ticket, buyer):
    order = place(buyer, event, (free_ticket, 2), (paid_ticket, 1))
    TicketFactory(event=event, name="Not bought")
    response = buyer_api.get(f"/v1/orders/{order.identifier}/tickets")
    assert response.status_code == 200, response.content
    assert sorted(item["id"] for item in response.json()["data"]) == sorted([str(free_ticket.pk), str(paid_ticket.pk)])
    assert ApiClient(UserFactory()).get(f"/v1/orders/{order.identifier}/tickets").status_code == 404


def test_order_shows_notes_cancel_note_payment_url_and_marketer(buyer_api, event, paid_ticket, buyer):
    marketer = UserFactory(is_marketer=True)
    code = DiscountCodeFactory(event=event, code="MKT", marketer=marketer)
    code.tickets.add(paid_ticket)
    order = place(buyer, event, (paid_ticket, 1), discount_code="MKT")
    data = buyer_api.get(f"/v1/orders/{order.identifier}").json()["data"]
    assert (data["attributes"]["order-notes"], data["attributes"]["cancel-note"]) == ("", "")
    assert "payment-url" in data["attributes"]
    assert data["relationships"]["marketer"]["data"] == {"type": "user", "id": str(marketer.pk)}


def test_buyer_writes_order_notes_only_the_team_writes_the_cancel_note(
    buyer_api, organizer_api, event, paid_ticket, buyer
):
    order = place(buyer, event, (paid_ticket, 1))
    url = f"/v1/orders/{order.identifier}"
    ok = buyer_api.patch(url, resource("order", {"order-notes": "Vegetarian"}, id=order.identifier))
    assert ok.status_code == 200, ok.content
    assert ok.json()["data"]["attributes"]["order-notes"] == "Vegetarian"
    refused = buyer_api.patch(url, resource("order", {"cancel-note": "changed my mind"}, id=order.identifier))
    assert refused.status_code == 403
    body = resource("order", {"status": "cancelled", "cancel-note": "Duplicate"}, id=order.identifier)
    cancelled = organizer_api.patch(url, body)
    assert cancelled.status_code == 200, cancelled.content
    order.refresh_from_db()
    assert (order.status, order.cancel_note, order.order_notes) == ("cancelled", "Duplicate", "Vegetarian")


def test_order_notes_at_checkout(buyer_api, event, free_ticket):
    body = {
        "event": event.pk,
        "order-notes": "Please seat us together",
        "tickets": [{"id": free_ticket.pk, "quantity": 1}],
    }
    response = buyer_api.post("/v1/orders/create-order", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert Order.objects.get().order_notes == "Please seat us together"


def test_checkout_routes_answer_accept_application_json(buyer_api, event, free_ticket):
    body = {"tickets": [{"id": free_ticket.pk, "quantity": 1}]}
    headers = {"Accept": "application/json"}
    quote = buyer_api.post("/v1/orders/calculate-amount", body, headers=headers, content_type="application/json")
    assert quote.status_code == 200, quote.content
    assert quote["Content-Type"].startswith("application/json")
    assert quote.json()["sub_total"] == "0.00"
    placed = buyer_api.post("/v1/orders/create-order", body, headers=headers, content_type="application/json")
    assert placed.status_code == 201, placed.content
    assert placed["Content-Type"].startswith("application/json")
    assert placed.json()["data"]["type"] == "order"


def on_site_order(event, ticket, quantity="2"):
    entry = {"data": {"type": "on-site-ticket", "attributes": {"id": str(ticket.pk), "quantity": quantity}}}
    return resource(
        "order",
        {"payment-mode": "free", "order-notes": "walk-in", "on-site-tickets": [entry]},
        relationships={"event": {"data": {"type": "event", "id": str(event.pk)}}},
    )


def test_desk_staff_place_on_site_orders(event, free_ticket):
    registrar = give_role(UserFactory(), event, "registrar")
    response = ApiClient(registrar).post("/v1/orders?onsite=true", on_site_order(event, free_ticket))
    assert response.status_code == 201, response.content
    order = Order.objects.get()
    assert (order.attendees.count(), order.order_notes, order.status) == (2, "walk-in", "completed")


def test_on_site_orders_are_refused_to_buyers_and_bad_bodies(buyer_api, organizer_api, event, free_ticket):
    assert buyer_api.post("/v1/orders?onsite=true", on_site_order(event, free_ticket)).status_code == 403
    bad = organizer_api.post("/v1/orders?onsite=true", on_site_order(event, free_ticket, quantity="two"))
    assert bad.status_code == 422
    assert Order.objects.count() == 0
