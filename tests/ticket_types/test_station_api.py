import pytest

from tests.conftest import ApiClient, resource
from tests.factories import EventFactory, MicrolocationFactory, SessionFactory, TicketFactory, TrackFactory
from tests.ticket_types.conftest import assert_constant_queries
from tests.ticket_types.factories import RoomStationFactory, StationFactory, StationStorePaxFactory
from tickets.checkout import order_create
from tickets.models import Attendee, Order, Station, StationStorePax, UserCheckIn

pytestmark = pytest.mark.django_db


def rel(type_, obj):
    return {"data": {"type": type_, "id": str(obj.pk)}}


def station_doc(event, microlocation=None, **attrs):
    relationships = {"event": rel("event", event)}
    if microlocation is not None:
        relationships["microlocation"] = rel("microlocation", microlocation)
    attributes = {"station-name": "Gate", "station-type": "registration", **attrs}
    return resource("station", attributes, relationships=relationships)


def scan_doc(station, attendee, session=None):
    relationships = {"station": rel("station", station), "ticket_holder": rel("attendee", attendee)}
    if session is not None:
        relationships["session"] = rel("session", session)
    return resource("user_check_in", {}, relationships=relationships)


def sold_attendee(event, buyer, **ticket_attrs):
    ticket = TicketFactory(event=event, **ticket_attrs)
    order = order_create(actor=buyer, event=event, items=[{"ticket": ticket.pk, "quantity": 1}])
    assert order.status == Order.Status.COMPLETED
    return order.attendees.get()


# --- stations -------------------------------------------------------------------------------------------------
def test_station_created_at_the_singular_path(organizer_api, event):
    room = MicrolocationFactory(event=event)
    response = organizer_api.post("/v1/station", station_doc(event, room, **{"station-type": "check in"}))
    assert response.status_code == 201, response.content
    station = Station.objects.get()
    assert (station.event, station.microlocation, station.station_type) == (event, room, "check in")
    assert response.json()["data"]["type"] == "station"


def test_station_room_station_needs_a_microlocation(organizer_api, event):
    response = organizer_api.post("/v1/stations", station_doc(event, **{"station-type": "check out"}))
    assert response.status_code == 422
    assert Station.objects.count() == 0


def test_station_microlocation_of_another_event_is_rejected(organizer_api, event):
    foreign = MicrolocationFactory(event=EventFactory())
    response = organizer_api.post("/v1/stations", station_doc(event, foreign))
    assert response.status_code == 422
    assert Station.objects.count() == 0


def test_station_unknown_type_is_rejected(organizer_api, event):
    response = organizer_api.post("/v1/stations", station_doc(event, **{"station-type": "teleport"}))
    assert response.status_code in (400, 422)
    assert Station.objects.count() == 0


def test_station_is_hidden_outside_the_event_team(outsider_api, event):
    station = StationFactory(event=event)
    assert outsider_api.get(f"/v1/stations/{station.pk}").status_code == 404
    assert outsider_api.get(f"/v1/events/{event.pk}/stations").status_code == 403
    assert ApiClient().get(f"/v1/events/{event.pk}/stations").status_code == 401


def test_station_registrar_reads_but_does_not_write(registrar_api, event):
    station = StationFactory(event=event)
    assert registrar_api.get(f"/v1/events/{event.pk}/stations").json()["data"][0]["id"] == str(station.pk)
    body = resource("station", {"station-name": "Renamed"}, id=station.pk)
    assert registrar_api.patch(f"/v1/stations/{station.pk}", body).status_code == 403
    assert registrar_api.post("/v1/stations", station_doc(event)).status_code == 403


def test_station_with_records_cannot_be_deleted(organizer_api, event):
    pax = StationStorePaxFactory(station=StationFactory(event=event))
    idle = StationFactory(event=event)
    assert organizer_api.delete(f"/v1/stations/{pax.station_id}").status_code == 409
    assert organizer_api.delete(f"/v1/stations/{idle.pk}").status_code == 200
    assert list(Station.objects.all()) == [pax.station]


def test_station_list_query_count_does_not_grow(organizer_api, event, django_assert_max_num_queries):
    url = f"/v1/events/{event.pk}/stations?include=microlocation,event"
    assert_constant_queries(organizer_api, url, lambda: RoomStationFactory(event=event), django_assert_max_num_queries)


# --- head counts ------------------------------------------------------------------------------------------------
def test_station_store_pax_counted_by_a_registrar(registrar_api, event):
    station, session = StationFactory(event=event), SessionFactory(event=event)
    body = resource(
        "station-store-pax",
        {"current_pax": "10"},
        relationships={"station": rel("station", station), "session": rel("session", session)},
    )
    response = registrar_api.post("/v1/station-store-paxs", body)
    assert response.status_code == 201, response.content
    assert response.json()["data"]["attributes"]["current-pax"] == 10
    listed = registrar_api.get(f"/v1/stations/{station.pk}/sessions/{session.pk}/station-store-paxs").json()["data"]
    assert [item["id"] for item in listed] == [response.json()["data"]["id"]]


def test_station_store_pax_session_of_another_event_is_rejected(organizer_api, event):
    station, foreign = StationFactory(event=event), SessionFactory(event=EventFactory())
    body = resource(
        "station-store-pax",
        {"current-pax": 3},
        relationships={"station": rel("station", station), "session": rel("session", foreign)},
    )
    assert organizer_api.post("/v1/station-store-paxs", body).status_code == 422
    assert StationStorePax.objects.count() == 0


def test_station_store_pax_negative_count_is_rejected(organizer_api, event):
    station, session = StationFactory(event=event), SessionFactory(event=event)
    body = resource(
        "station-store-pax",
        {"current-pax": -1},
        relationships={"station": rel("station", station), "session": rel("session", session)},
    )
    assert organizer_api.post("/v1/station-store-paxs", body).status_code in (400, 422)
    assert StationStorePax.objects.count() == 0


def test_station_store_pax_of_another_event_is_not_found(outsider_api, event):
    pax = StationStorePaxFactory(station=StationFactory(event=event))
    assert outsider_api.get(f"/v1/station-store-paxs/{pax.pk}").status_code == 404
    url = f"/v1/stations/{pax.station_id}/sessions/{pax.session_id}/station-store-paxs"
    assert outsider_api.get(url).status_code == 404
    assert outsider_api.get("/v1/station-store-paxs").json()["data"] == []


def test_station_store_pax_list_query_count_does_not_grow(organizer_api, event, django_assert_max_num_queries):
    station, session = StationFactory(event=event), SessionFactory(event=event)
    url = f"/v1/stations/{station.pk}/sessions/{session.pk}/station-store-paxs?include=station"
    add = lambda: StationStorePaxFactory(station=station, session=session)  # noqa: E731
    assert_constant_queries(organizer_api, url, add, django_assert_max_num_queries)


# --- scans ---------------------------------------------------------------------------------------------------------
def test_user_check_in_registration_scan(registrar_api, event, organizer):
    attendee = sold_attendee(event, organizer)
    station = StationFactory(event=event)
    response = registrar_api.post("/v1/user-check-in", scan_doc(station, attendee))
    assert response.status_code == 201, response.content
    data = response.json()["data"]
    assert data["type"] == "user_check_in"
    assert data["attributes"]["success"] is True
    assert data["attributes"]["message"] == "Ticket register successful."
    assert Attendee.objects.get(pk=attendee.pk).is_checked_in is False  # no auto check-in by default


def test_user_check_in_auto_checkin_on_registration(registrar_api, event, organizer):
    attendee = sold_attendee(event, organizer, auto_checkin_enabled=True)
    registrar_api.post("/v1/user-check-in", scan_doc(StationFactory(event=event), attendee))
    assert Attendee.objects.get(pk=attendee.pk).is_checked_in is True


def test_user_check_in_restricted_ticket_must_register_before_a_session(registrar_api, event, organizer):
    attendee = sold_attendee(event, organizer)
    room = RoomStationFactory(event=event)
    session = SessionFactory(event=event, microlocation=room.microlocation, track=TrackFactory(event=event))
    response = registrar_api.post("/v1/user-check-in", scan_doc(room, attendee, session))
    assert response.status_code == 422
    assert UserCheckIn.objects.count() == 0
    registrar_api.post("/v1/user-check-in", scan_doc(StationFactory(event=event), attendee))
    response = registrar_api.post("/v1/user-check-in", scan_doc(room, attendee, session))
    assert response.status_code == 201, response.content
    assert response.json()["data"]["attributes"]["session-name"] == session.title
    assert Attendee.objects.get(pk=attendee.pk).is_checked_in is True


def test_user_check_in_unrestricted_ticket_enters_and_leaves(registrar_api, event, organizer):
    attendee = sold_attendee(event, organizer, is_checkin_restricted=False)
    room = RoomStationFactory(event=event)
    exit_ = RoomStationFactory(event=event, station_type="check out", microlocation=room.microlocation)
    session = SessionFactory(event=event, microlocation=room.microlocation)
    assert registrar_api.post("/v1/user-check-in", scan_doc(room, attendee, session)).status_code == 201
    response = registrar_api.post("/v1/user-check-in", scan_doc(exit_, attendee, session))
    assert response.json()["data"]["attributes"]["message"] == "Attendee check out successful."
    attendee.refresh_from_db()
    assert attendee.is_checked_in is False
    assert attendee.checkin_times and attendee.checkout_times


def test_user_check_in_session_in_another_room_is_rejected(registrar_api, event, organizer):
    attendee = sold_attendee(event, organizer, is_checkin_restricted=False)
    room = RoomStationFactory(event=event)
    elsewhere = SessionFactory(event=event, microlocation=MicrolocationFactory(event=event))
    assert registrar_api.post("/v1/user-check-in", scan_doc(room, attendee, elsewhere)).status_code == 422


def test_user_check_in_pending_order_is_not_admitted(registrar_api, event, organizer):
    ticket = TicketFactory(event=event, type="paid", price=10)
    order = order_create(actor=organizer, event=event, items=[{"ticket": ticket.pk, "quantity": 1}])
    assert order.status == Order.Status.PENDING
    response = registrar_api.post("/v1/user-check-in", scan_doc(StationFactory(event=event), order.attendees.get()))
    assert response.status_code == 422
    assert UserCheckIn.objects.count() == 0


def test_user_check_in_attendee_of_another_event_is_rejected(registrar_api, event, organizer):
    other = EventFactory()
    attendee = sold_attendee(other, organizer)
    response = registrar_api.post("/v1/user-check-in", scan_doc(StationFactory(event=event), attendee))
    assert response.status_code == 422


def test_user_check_in_outsider_cannot_scan(outsider_api, event, organizer):
    attendee = sold_attendee(event, organizer)
    assert outsider_api.post("/v1/user-check-in", scan_doc(StationFactory(event=event), attendee)).status_code == 403
    assert UserCheckIn.objects.count() == 0


def test_user_check_in_stats_counts(registrar_api, event, organizer):
    registered = sold_attendee(event, organizer, is_checkin_restricted=False)
    sold_attendee(event, organizer)
    room = RoomStationFactory(event=event)
    track = TrackFactory(event=event, name="Main")
    session = SessionFactory(event=event, microlocation=room.microlocation, track=track)
    registrar_api.post("/v1/user-check-in", scan_doc(StationFactory(event=event), registered))
    registrar_api.post("/v1/user-check-in", scan_doc(room, registered, session))
    response = registrar_api.get(f"/v1/user-check-in/stats/event/{event.pk}?session_ids={session.pk}")
    assert response.status_code == 200
    stats = response.json()
    assert stats["total_attendee"] == 2
    assert stats["total_registered"] == 1
    assert stats["total_not_checked_in"] == 1
    assert stats["total_session_checked_in"] == 1
    assert stats["total_track_checked_in"] == 1
    assert stats["session_stats"] == [
        {
            "session_id": str(session.pk),
            "session_name": session.title,
            "track_name": "Main",
            "speakers": [],
            "check_in": 1,
            "check_out": 0,
            "manual_count": {},
        }
    ]
    assert stats["track_stats"] == [{"track_name": "Main", "check_in": 1, "check_out": 0}]


def test_user_check_in_stats_rejects_bad_session_ids(registrar_api, event):
    assert registrar_api.get(f"/v1/user-check-in/stats/event/{event.pk}?session_ids=1;drop").status_code in (400, 422)


def test_user_check_in_stats_query_count_does_not_grow(registrar_api, event, organizer, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    room = RoomStationFactory(event=event)
    sessions = [SessionFactory(event=event, microlocation=room.microlocation, track=TrackFactory(event=event))]
    url = lambda: f"/v1/user-check-in/stats/event/{event.pk}?session_ids={','.join(str(s.pk) for s in sessions)}"  # noqa: E731
    with CaptureQueriesContext(connection) as one:
        assert registrar_api.get(url()).status_code == 200
    for _ in range(4):
        sessions.append(SessionFactory(event=event, microlocation=room.microlocation, track=TrackFactory(event=event)))
        sold_attendee(event, organizer)
    with django_assert_max_num_queries(len(one)):
        assert len(registrar_api.get(url()).json()["session_stats"]) == 5
