"""A scan at a registration station registers the attendee: `is_registered` is set and the scan's time appended
to `register_times` (what `/v1/states` and the attendee's attributes report). Scans elsewhere do not."""

import pytest
from django.utils.dateparse import parse_datetime

from tests.conftest import ApiClient
from tests.factories import EventFactory, SessionFactory, UserFactory
from tests.ticket_types.conftest import give_role
from tests.ticket_types.factories import RoomStationFactory, StationFactory
from tests.ticket_types.test_station_api import scan_doc, sold_attendee
from tickets.models import Attendee, Order, UserCheckIn

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
def registrar_api(event):
    return ApiClient(give_role(UserFactory(), event, "registrar"))


def test_a_registration_scan_registers_the_attendee(registrar_api, event, organizer):
    attendee = sold_attendee(event, organizer)
    assert attendee.is_registered is False
    response = registrar_api.post("/v1/user-check-in", scan_doc(StationFactory(event=event), attendee))
    assert response.status_code == 201, response.content
    attendee.refresh_from_db()
    assert attendee.is_registered is True
    scan = UserCheckIn.objects.get()
    assert attendee.register_times == scan.created_at.isoformat()


def test_every_registration_scan_is_stamped(registrar_api, event, organizer):
    attendee = sold_attendee(event, organizer)
    desk = StationFactory(event=event)
    for _ in range(2):
        assert registrar_api.post("/v1/user-check-in", scan_doc(desk, attendee)).status_code == 201
    stamps = Attendee.objects.get(pk=attendee.pk).register_times.split(",")
    assert len(stamps) == 2
    assert parse_datetime(stamps[0]) <= parse_datetime(stamps[1])


def test_the_desk_state_reports_the_registration(registrar_api, event, organizer):
    attendee = sold_attendee(event, organizer)
    registrar_api.post("/v1/user-check-in", scan_doc(StationFactory(event=event), attendee))
    state = ApiClient(organizer).get(f"/v1/states?event_id={event.pk}&attendee_id={attendee.pk}").json()
    assert state["is_registered"] is True
    assert state["register_times"] == Attendee.objects.get(pk=attendee.pk).register_times


def test_scans_at_room_and_daily_stations_do_not_register(registrar_api, event, organizer):
    attendee = sold_attendee(event, organizer, is_checkin_restricted=False)
    room = RoomStationFactory(event=event)
    session = SessionFactory(event=event, microlocation=room.microlocation)
    assert registrar_api.post("/v1/user-check-in", scan_doc(room, attendee, session)).status_code == 201
    daily = StationFactory(event=event, station_type="daily")
    assert registrar_api.post("/v1/user-check-in", scan_doc(daily, attendee)).status_code == 201
    attendee.refresh_from_db()
    assert (attendee.is_registered, attendee.register_times) == (False, "")
    assert attendee.is_checked_in is True


def test_a_refused_scan_registers_nobody(registrar_api, event, organizer):
    attendee = sold_attendee(event, organizer)
    Order.objects.filter(pk=attendee.order_id).update(status=Order.Status.CANCELLED)
    response = registrar_api.post("/v1/user-check-in", scan_doc(StationFactory(event=event), attendee))
    assert response.status_code == 422
    attendee.refresh_from_db()
    assert (attendee.is_registered, attendee.register_times) == (False, "")


def test_an_attendee_the_desk_registered_by_hand_enters_a_restricted_session(registrar_api, event, organizer):
    attendee = sold_attendee(event, organizer)
    assert attendee.ticket.is_checkin_restricted
    Attendee.objects.filter(pk=attendee.pk).update(is_registered=True)
    room = RoomStationFactory(event=event)
    session = SessionFactory(event=event, microlocation=room.microlocation)
    assert registrar_api.post("/v1/user-check-in", scan_doc(room, attendee, session)).status_code == 201
