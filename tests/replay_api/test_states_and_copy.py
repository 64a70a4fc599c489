"""attendees.apib `GET /v1/states` (an attendee's check-in state) and event_copy.apib (`POST …/copy` answers 200
with the copy's id and identifier)."""

import pytest

from events.models import Event
from tests.conftest import ApiClient
from tests.factories import TicketFactory, UserFactory
from tests.replay_api.conftest import give_role
from tickets.checkout import order_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def attendee(event):
    ticket = TicketFactory(event=event)
    order = order_create(actor=UserFactory(), event=event, items=[{"ticket": ticket.pk, "quantity": 1}])
    return order.attendees.get()


def state(api, event, attendee):
    return api.get(f"/v1/states?event_id={event.pk}&attendee_id={attendee.pk}")


def test_the_check_in_team_reads_an_attendees_state(event, attendee):
    registrar = ApiClient(give_role(UserFactory(), event, "registrar"))
    response = state(registrar, event, attendee)
    assert response.status_code == 200, response.content
    assert response.json() == {"is_registered": False, "register_times": None}
    attendee.is_checked_in, attendee.checkin_times = True, "2023-08-08 03:03:52,2023-08-09 10:00:00"
    attendee.save()
    assert state(registrar, event, attendee).json() == {"is_registered": True, "register_times": "2023-08-09 10:00:00"}


def test_the_buyer_reads_their_attendees_state(event, attendee):
    assert state(ApiClient(attendee.order.user), event, attendee).status_code == 200


def test_outsiders_and_other_events_get_404(event, attendee, organizer):
    assert state(ApiClient(UserFactory()), event, attendee).status_code == 404
    assert state(ApiClient(), event, attendee).status_code == 401
    other = Event.objects.exclude(pk=event.pk).first() or TicketFactory().event
    assert state(ApiClient(organizer), other, attendee).status_code == 404


def test_state_needs_both_ids(org_api, event):
    assert org_api.get(f"/v1/states?event_id={event.pk}").status_code == 422
    assert org_api.get(f"/v1/states?event_id={event.pk}&attendee_id=x").status_code == 422


def test_event_copy_answers_200_with_the_copys_id_and_identifier(org_api, event):
    response = org_api.post(f"/v1/events/{event.identifier}/copy", {})
    assert response.status_code == 200, response.content
    body = response.json()
    copy = Event.objects.get(pk=body["id"])
    assert body == {"copied": True, "id": copy.pk, "identifier": copy.identifier}
    assert copy.pk != event.pk
