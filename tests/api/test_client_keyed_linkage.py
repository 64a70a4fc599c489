"""Relationships to the types the Open Event client keys by their `identifier` (the event, the order) carry no
linkage unless included, as on the Open Event Server (links only). The client reads `{"type": "event", "id": "11"}`
as an event whose identifier is 11: it makes an empty event `11`, moves the ticket there and the real event's
`tickets` lose it — the wizard then hides Publish ("no tickets") after saving a step's tickets. Included, the
linkage is there (JSON:API full linkage), and the relationship route answers it as before."""

import pytest
from django.utils import timezone

from roles.models import Role, UsersEventsRoles
from tests.conftest import ApiClient, resource
from tests.factories import EventFactory, TicketFactory, UserFactory
from tickets.checkout import order_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(state="published")


def test_a_tickets_event_is_linked_but_not_identified(event):
    ticket = TicketFactory(event=event)
    for path in (f"/v1/tickets/{ticket.pk}", f"/v1/events/{event.pk}/tickets"):
        body = ApiClient().get(path).json()
        data = body["data"] if isinstance(body["data"], dict) else body["data"][0]
        relationship = data["relationships"]["event"]
        assert "data" not in relationship, path
        assert relationship["links"]["related"].endswith(f"/v1/tickets/{ticket.pk}/event")


def test_included_the_event_is_identified(event):
    ticket = TicketFactory(event=event)
    body = ApiClient().get(f"/v1/tickets/{ticket.pk}?include=event").json()
    assert body["data"]["relationships"]["event"]["data"] == {"type": "event", "id": str(event.pk)}
    assert [(item["type"], item["id"]) for item in body["included"]] == [("event", str(event.pk))]


def test_the_relationship_route_answers_the_linkage(event):
    ticket = TicketFactory(event=event)
    body = ApiClient().get(f"/v1/tickets/{ticket.pk}/relationships/event").json()
    assert body["data"] == {"type": "event", "id": str(event.pk)}


def test_a_saved_ticket_answers_without_event_linkage(event):
    """What the wizard meets: each step PATCHes the event's tickets and keeps what the answers say."""
    organizer = UserFactory()
    UsersEventsRoles.objects.create(user=organizer, event=event, role=Role.objects.get(name=Role.ORGANIZER))
    ticket = TicketFactory(event=event)
    api = ApiClient(organizer)
    response = api.patch(f"/v1/tickets/{ticket.pk}", resource("ticket", {"quantity": 70}, id=ticket.pk))
    assert response.status_code == 200, response.content
    assert "data" not in response.json()["data"]["relationships"]["event"]
    sales = {"sales-starts-at": timezone.now().isoformat(), "sales-ends-at": event.starts_at.isoformat()}
    link = {"event": {"data": {"type": "event", "id": str(event.pk)}}}
    created = api.post(
        "/v1/tickets", resource("ticket", {"name": "Late", "type": "free", "quantity": 50, **sales}, relationships=link)
    )
    assert created.status_code == 201, created.content
    assert "data" not in created.json()["data"]["relationships"]["event"]


def test_an_attendees_order_is_linked_but_not_identified(event):
    buyer = UserFactory()
    ticket = TicketFactory(event=event)
    order = order_create(actor=buyer, event=event, items=[{"ticket": ticket.pk, "quantity": 1}])
    attendee = order.attendees.get()
    api = ApiClient(buyer)
    relationships = api.get(f"/v1/attendees/{attendee.pk}").json()["data"]["relationships"]
    assert "data" not in relationships["order"]
    assert "data" in relationships["ticket"]  # other types keep their linkage
    included = api.get(f"/v1/attendees/{attendee.pk}?include=order").json()["data"]["relationships"]
    assert included["order"]["data"] == {"type": "order", "id": str(order.pk)}
