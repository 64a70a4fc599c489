"""Order statistics of an event and of a ticket, and the event's general statistics: per-status figures
computed in the database, for the event's team only, in a number of queries that does not grow with orders."""

import pytest

from tests.conftest import ApiClient
from tests.factories import SessionFactory, SpeakerFactory, SponsorFactory, TicketFactory, UserFactory
from tests.orders_and_sales.conftest import give_role
from tests.orders_and_sales.helpers import place

pytestmark = pytest.mark.django_db


@pytest.fixture
def sold(event, free_ticket, paid_ticket, buyer):
    """completed: 2 free seats; pending: 1 paid (20); placed: 2 paid (40); cancelled: 1 paid; expired: 1 paid."""
    return {
        "completed": place(buyer, event, (free_ticket, 2)),
        "pending": place(buyer, event, (paid_ticket, 1)),
        "placed": place(buyer, event, (paid_ticket, 2), status="placed"),
        "cancelled": place(buyer, event, (paid_ticket, 1), status="cancelled"),
        "expired": place(buyer, event, (paid_ticket, 1), status="expired"),
    }


def test_event_order_statistics_count_orders_tickets_and_sales_per_status(organizer_api, event, sold):
    response = organizer_api.get(f"/v1/events/{event.pk}/order-statistics")
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert data["type"] == "order-statistics-event"
    assert data["id"] == str(event.pk)
    attributes = data["attributes"]
    assert attributes["identifier"] == event.identifier
    zero = {"draft": 0}
    assert attributes["orders"] == {
        **zero, "completed": 1, "pending": 1, "placed": 1, "cancelled": 1, "expired": 1, "total": 5
    }  # fmt: skip
    assert attributes["tickets"] == {
        **zero, "completed": 2, "pending": 1, "placed": 2, "cancelled": 1, "expired": 1, "total": 7
    }  # fmt: skip
    assert attributes["sales"] == {
        **zero, "completed": 0, "pending": 20, "placed": 40, "cancelled": 20, "expired": 20, "total": 100
    }  # fmt: skip


def test_event_order_statistics_by_identifier(organizer_api, event, sold):
    response = organizer_api.get(f"/v1/events/{event.identifier}/order-statistics")
    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["orders"]["total"] == 5


def test_ticket_order_statistics_count_that_ticket_only(organizer_api, event, sold, paid_ticket, free_ticket, buyer):
    place(buyer, event, (free_ticket, 1), (paid_ticket, 1), status="placed")  # a mixed order
    response = organizer_api.get(f"/v1/tickets/{paid_ticket.pk}/order-statistics")
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert data["type"] == "order-statistics-ticket"
    assert data["id"] == str(paid_ticket.pk)
    assert data["attributes"]["orders"]["placed"] == 2
    assert data["attributes"]["tickets"]["placed"] == 3
    assert data["attributes"]["sales"]["placed"] == 60
    assert data["attributes"]["orders"]["completed"] == 0
    assert data["attributes"]["tickets"]["total"] == 6


@pytest.mark.parametrize("role,status", [("coorganizer", 200), ("registrar", 200), ("track_organizer", 403)])
def test_order_statistics_for_those_who_read_orders(event, sold, role, status):
    member = give_role(UserFactory(), event, role)
    assert ApiClient(member).get(f"/v1/events/{event.pk}/order-statistics").status_code == status


def test_order_statistics_refused_to_buyers_and_strangers(event, sold, buyer_api, paid_ticket):
    assert buyer_api.get(f"/v1/events/{event.pk}/order-statistics").status_code == 403
    assert buyer_api.get(f"/v1/tickets/{paid_ticket.pk}/order-statistics").status_code == 403
    assert ApiClient().get(f"/v1/events/{event.pk}/order-statistics").status_code == 401


def test_organizer_of_another_event_cannot_read_these_statistics(event, sold, paid_ticket):
    from tests.factories import EventFactory

    other = UserFactory()
    give_role(other, EventFactory(owner=other), "organizer")
    api = ApiClient(other)
    assert api.get(f"/v1/events/{event.pk}/order-statistics").status_code == 403
    assert api.get(f"/v1/tickets/{paid_ticket.pk}/order-statistics").status_code == 403


def test_statistics_of_a_draft_event_are_hidden_from_outsiders(event, paid_ticket, buyer_api):
    event.state = "draft"
    event.save()
    assert buyer_api.get(f"/v1/events/{event.pk}/order-statistics").status_code == 404
    assert buyer_api.get(f"/v1/tickets/{paid_ticket.pk}/order-statistics").status_code == 404
    assert buyer_api.get("/v1/tickets/999999/order-statistics").status_code == 404


def test_order_statistics_queries_do_not_grow_with_orders(
    organizer_api, event, free_ticket, paid_ticket, buyer, django_assert_num_queries
):
    place(buyer, event, (free_ticket, 1))
    url_event = f"/v1/events/{event.pk}/order-statistics"
    url_ticket = f"/v1/tickets/{free_ticket.pk}/order-statistics"
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert organizer_api.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = count(url_event), count(url_ticket)
    for _ in range(5):
        place(buyer, event, (free_ticket, 2))
        place(buyer, event, (paid_ticket, 1), status="placed")
    assert (count(url_event), count(url_ticket)) == few


def test_general_statistics_count_sessions_per_state_speakers_and_sponsors(organizer_api, event):
    for state in ("draft", "pending", "pending", "accepted", "confirmed", "rejected"):
        SessionFactory(event=event, state=state)
    SpeakerFactory(event=event)
    SponsorFactory(event=event)
    SponsorFactory(event=event)
    response = organizer_api.get(f"/v1/events/{event.pk}/general-statistics")
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert data["type"] == "event-statistics-general"
    assert data["id"] == str(event.pk)
    assert data["attributes"] == {
        "identifier": event.identifier,
        "sessions": 6,
        "sessions-draft": 1,
        "sessions-submitted": 5,
        "sessions-pending": 2,
        "sessions-accepted": 1,
        "sessions-confirmed": 1,
        "sessions-rejected": 1,
        "speakers": 1,
        "sponsors": 2,
    }


@pytest.mark.parametrize("role,status", [("track_organizer", 200), ("moderator", 200), ("attendee", 403)])
def test_general_statistics_for_the_event_team(event, role, status):
    member = give_role(UserFactory(), event, role)
    assert ApiClient(member).get(f"/v1/events/{event.pk}/general-statistics").status_code == status


def test_general_statistics_ignore_deleted_sessions_and_other_events(organizer_api, event):
    from django.utils import timezone

    SessionFactory(event=event, state="accepted", deleted_at=timezone.now())
    SessionFactory(event=TicketFactory().event, state="accepted")
    attributes = organizer_api.get(f"/v1/events/{event.pk}/general-statistics").json()["data"]["attributes"]
    assert attributes["sessions"] == 0
    assert attributes["sessions-accepted"] == 0
