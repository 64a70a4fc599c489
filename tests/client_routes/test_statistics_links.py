"""The client reads an event's and a ticket's statistics through their relationships' `links.related` (the Open
Event Server renders those relationships with links only): with `data: null` it would never ask."""

import pytest

from roles.models import Role, UsersEventsRoles
from tests.conftest import ApiClient
from tests.factories import EventFactory, TicketFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_statistics_relationships_carry_links_the_client_can_follow():
    organizer = UserFactory()
    event = EventFactory()
    UsersEventsRoles.objects.create(user=organizer, event=event, role=Role.objects.get_or_create(name="organizer")[0])
    ticket = TicketFactory(event=event)
    api = ApiClient(organizer)
    for url, name, kind in (
        (f"/v1/events/{event.pk}", "order-statistics", "order-statistics-event"),
        (f"/v1/events/{event.pk}", "general-statistics", "event-statistics-general"),
        (f"/v1/tickets/{ticket.pk}", "order-statistics", "order-statistics-ticket"),
    ):
        relationship = api.get(url).json()["data"]["relationships"][name]
        assert "data" not in relationship
        followed = api.get(relationship["links"]["related"].replace("http://testserver", ""))
        assert (followed.status_code, followed.json()["data"]["type"]) == (200, kind)
