"""Badge forms (badge_forms.apib): an event's team reads them, its organizers write them; a ticket lists its
own."""

import pytest

from events.models import BadgeForm
from tests.conftest import ApiClient, resource
from tests.event_parts.conftest import give_role, rel
from tests.event_parts.factories import BadgeFormFactory
from tests.factories import EventFactory, TicketFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_organizer_makes_a_badge_form_for_a_ticket_and_the_ticket_lists_it(org_api, event):
    ticket = TicketFactory(event=event)
    body = resource(
        "badge-form",
        {"badge-id": "b1", "badge-size": "A6", "badge-color": "#fff", "badge-orientation": "portrait"},
        relationships={"ticket": rel("ticket", ticket.pk)},
    )
    created = org_api.post(f"/v1/events/{event.pk}/badge-forms", body)
    assert created.status_code == 201, created.content
    listed = org_api.get(f"/v1/tickets/{ticket.pk}/badge-forms")
    assert [b["id"] for b in listed.json()["data"]] == [created.json()["data"]["id"]]
    assert org_api.get(f"/v1/events/{event.pk}?include=badge-forms").json()["included"][0]["type"] == "badge-form"


def test_a_badge_form_cannot_use_another_events_ticket(org_api, event):
    foreign = TicketFactory(event=EventFactory())
    body = resource("badge-form", {"badge-id": "b1"}, relationships={"ticket": rel("ticket", foreign.pk)})
    assert org_api.post(f"/v1/events/{event.pk}/badge-forms", body).status_code == 422
    assert not BadgeForm.objects.exists()


def test_attendees_and_outsiders_do_not_read_badge_forms(event):
    ticket = TicketFactory(event=event)
    form = BadgeFormFactory(event=event, ticket=ticket)
    attendee = give_role(UserFactory(), event, "attendee")
    assert ApiClient(attendee).get(f"/v1/badge-forms/{form.pk}").status_code == 404
    assert ApiClient(attendee).get(f"/v1/tickets/{ticket.pk}/badge-forms").json()["data"] == []
    registrar = give_role(UserFactory(), event, "registrar")
    assert ApiClient(registrar).get(f"/v1/badge-forms/{form.pk}").status_code == 200
    assert ApiClient(UserFactory()).get("/v1/tickets/999999/badge-forms").status_code == 404
