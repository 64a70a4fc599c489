import pytest

from tests.conftest import ApiClient, resource
from tests.factories import TicketFactory, UserFactory
from tests.tickets.conftest import give_role
from tickets.models import Ticket

pytestmark = pytest.mark.django_db


def test_ticket_list_is_public_and_hides_hidden_tickets(api, event, ticket):
    TicketFactory(event=event, name="Secret", is_hidden=True)
    response = api.get(f"/v1/events/{event.identifier}/tickets")
    assert response.status_code == 200
    assert [item["attributes"]["name"] for item in response.json()["data"]] == ["Free"]


def test_ticket_list_shows_hidden_tickets_to_team_and_with_access_code(api, organizer_api, event, ticket):
    from tests.factories import AccessCodeFactory

    secret = TicketFactory(event=event, name="Secret", is_hidden=True)
    code = AccessCodeFactory(event=event, code="Friends")
    code.tickets.add(secret)
    names = [i["attributes"]["name"] for i in organizer_api.get(f"/v1/events/{event.pk}/tickets").json()["data"]]
    assert sorted(names) == ["Free", "Secret"]
    unlocked = api.get(f"/v1/events/{event.pk}/tickets?access_code=friends").json()["data"]
    assert sorted(i["attributes"]["name"] for i in unlocked) == ["Free", "Secret"]
    assert api.get(f"/v1/tickets/{secret.pk}").status_code == 404
    assert api.get(f"/v1/tickets/{secret.pk}?access_code=FRIENDS").status_code == 200


def test_ticket_create_by_organizer_returns_201_with_location(organizer_api, event):
    body = resource("ticket", {"name": "VIP", "type": "paid", "price": 99.5, "quantity": 20, "max-order": 5})
    response = organizer_api.post(f"/v1/events/{event.pk}/tickets", body)
    assert response.status_code == 201, response.content
    data = response.json()["data"]
    assert data["attributes"]["price"] == 99.5
    assert "data" not in data["relationships"]["event"]  # events: linkage only when included (the client's key)
    assert response["Location"].endswith(f"/v1/tickets/{data['id']}")


def test_ticket_create_paid_without_price_is_422_with_pointer(organizer_api, event):
    response = organizer_api.post(f"/v1/events/{event.pk}/tickets", resource("ticket", {"name": "X", "type": "paid"}))
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"] == {"pointer": "/data/attributes/price"}
    assert Ticket.objects.count() == 0


def test_ticket_create_by_attendee_is_forbidden(event):
    attendee = give_role(UserFactory(), event, "attendee")
    response = ApiClient(attendee).post(f"/v1/events/{event.pk}/tickets", resource("ticket", {"name": "X"}))
    assert response.status_code == 403


def test_ticket_update_and_soft_delete(organizer_api, ticket):
    body = resource("ticket", {"quantity": 5, "max-order": 5}, id=ticket.pk)
    response = organizer_api.patch(f"/v1/tickets/{ticket.pk}", body)
    assert response.status_code == 200, response.content
    assert response.json()["data"]["attributes"]["quantity"] == 5
    assert organizer_api.delete(f"/v1/tickets/{ticket.pk}").status_code == 200
    ticket.refresh_from_db()
    assert ticket.deleted_at is not None
    assert ApiClient().get(f"/v1/tickets/{ticket.pk}").status_code == 404


def test_ticket_delete_with_sales_is_409(organizer_api, event, ticket, buyer_api):
    assert buyer_api.post("/v1/orders", {"tickets": [{"id": ticket.pk, "quantity": 1}]}).status_code == 201
    response = organizer_api.delete(f"/v1/tickets/{ticket.pk}")
    assert response.status_code == 409


def test_ticket_availability_counts_sold_and_reserved(api, event, ticket, paid_ticket, buyer_api):
    buyer_api.post("/v1/orders", {"tickets": [{"id": ticket.pk, "quantity": 2}]})
    buyer_api.post("/v1/orders", {"tickets": [{"id": paid_ticket.pk, "quantity": 3}]})
    response = api.get(f"/v1/events/{event.identifier}/tickets/availability")
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()}
    assert (rows[ticket.pk]["sold"], rows[ticket.pk]["available"]) == (2, 8)
    assert (rows[paid_ticket.pk]["reserved"], rows[paid_ticket.pk]["available"]) == (3, 7)


@pytest.mark.parametrize("path", ["tickets", "tickets/availability"])
def test_ticket_lists_query_count_does_not_grow(api, event, django_assert_max_num_queries, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    TicketFactory(event=event)
    with CaptureQueriesContext(connection) as one:
        assert api.get(f"/v1/events/{event.pk}/{path}").status_code == 200
    TicketFactory.create_batch(4, event=event)
    with django_assert_max_num_queries(len(one)):
        assert api.get(f"/v1/events/{event.pk}/{path}").status_code == 200


def test_ticket_list_includes_the_event(api, event, ticket):
    response = api.get(f"/v1/events/{event.pk}/tickets?include=event")
    assert response.status_code == 200, response.content
    assert [(i["type"], i["id"]) for i in response.json()["included"]] == [("event", str(event.pk))]


def test_event_include_tickets_uses_the_ticket_serializer(api, event, ticket):
    response = api.get(f"/v1/events/{event.identifier}?include=tickets")
    assert response.status_code == 200, response.content
    assert response.json()["included"][0]["attributes"]["type"] == "free"
