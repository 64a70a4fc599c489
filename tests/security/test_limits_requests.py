"""Bounded work per request (issue 10, item 11), as a careless or hostile client finds it over HTTP: huge
bodies, deep JSON, wrong JSON types, "give me everything" pages, dates at the end of the calendar, impossible
coordinates and orders of hundreds of seats. Each answer is a 4xx JSON:API error — never a 500, never a
hang, never stored junk."""

import base64
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from events.models import Event
from pages.models import Page
from roles.models import Role, UsersEventsRoles
from tests.factories import EventFactory, TicketFactory, UserFactory
from tests.security.http import raw_request
from tests.servers import needs_postgres_and_redis

pytestmark = [pytest.mark.integration, needs_postgres_and_redis]
#: for tests whose rows the server must see (each costs a flush of the database afterwards: keep them few)
committed = pytest.mark.django_db(transaction=True)


def event_document(**attributes):
    start = timezone.now() + timedelta(days=30)
    values = {
        "name": "Limits",
        "starts-at": start.isoformat(),
        "ends-at": (start + timedelta(hours=5)).isoformat(),
        "timezone": "UTC",
        **attributes,
    }
    return {"data": {"type": "event", "attributes": values}}


def error_status(answer):
    """The status of a JSON:API error answer (None when the answer is not one)."""
    if not answer.header("content-type", "").startswith("application/vnd.api+json"):
        return None
    return int(answer.json()["errors"][0]["status"])


def test_a_body_over_the_request_limit_is_refused_before_it_is_read(server):
    head = (
        "POST /v1/upload/files HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
        f"Content-Length: {settings.MAX_REQUEST_SIZE + 1}\r\n\r\n"
    )
    status, body = raw_request(server, head, b"x" * 1024, timeout=15)  # the rest never comes
    assert status == 413
    assert b'"status":"413"' in body.replace(b" ", b"")


def test_a_form_body_over_the_memory_limit_is_413_not_500(http):
    form = ("email=x%40example.org&password=" + "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)).encode()
    answer = http.post("/v1/auth/login", form, content_type="application/x-www-form-urlencoded")
    assert (answer.status, error_status(answer)) == (413, 413)


@committed
def test_a_data_url_over_the_memory_limit_is_413(sign_in):
    payload = base64.b64encode(b"\0" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 4 * 3 + 1024)).decode()
    answer = sign_in(UserFactory()).post(
        "/v1/upload/image", {"data": f"data:image/png;base64,{payload}"}, content_type="application/json"
    )
    assert (answer.status, error_status(answer)) == (413, 413)


@committed
def test_deep_malformed_and_wrongly_typed_documents_are_4xx_and_store_nothing(sign_in):
    client = sign_in(UserFactory())
    bodies = {}
    for depth in (50, 100_000):
        nested = "[" * depth + "]" * depth
        body = '{"data": {"type": "event", "attributes": {"name": "Deep", "document-links": ' + nested + "}}}"
        bodies[f"nested {depth}"] = (body.encode(), 400)
    for label, attributes in {
        "NUL in JSON": {"document-links": "x\u0000y"},  # PostgreSQL cannot store a NUL
        "object for a string": {"name": {"first": "object"}},
        "list for a date": {"starts-at": ["2031-01-01T10:00:00Z"]},
        "object for a flag": {"is-map-shown": {"yes": True}},
    }.items():
        bodies[label] = (event_document(**attributes), (400, 422))
    bodies["attributes not an object"] = ({"data": {"type": "event", "attributes": ["x"]}}, 400)
    bodies["relationships not an object"] = ({"data": {"type": "event", "relationships": "x"}}, 400)
    linkage = {"event-topic": {"data": 5}}
    bodies["linkage not an identifier"] = ({"data": {"type": "event", "relationships": linkage}}, 400)
    answers = {}
    for label, (body, expected) in bodies.items():
        answer = client.post("/v1/events", body)
        allowed = expected if isinstance(expected, tuple) else (expected,)
        answers[label] = (answer.status, error_status(answer)) if answer.status not in allowed else "ok"
    assert answers == dict.fromkeys(bodies, "ok")
    assert Event.objects.count() == 0


@committed
def test_page_size_zero_still_obeys_the_maximum_page_size(http):
    limit = settings.API_MAX_PAGE_SIZE
    Page.objects.bulk_create([Page(name=f"p{i}", url=f"/p{i}", description="-") for i in range(limit + 1)])
    body = http.get("/v1/pages?page[size]=0").json()
    assert (len(body["data"]), body["meta"]["count"]) == (limit, limit + 1)
    assert "page%5Bnumber%5D=2" in body["links"]["next"] or "page[number]=2" in body["links"]["next"]
    assert len(http.get("/v1/pages?page[size]=100000").json()["data"]) == limit


@committed
def test_dates_and_coordinates_out_of_range_are_422_with_a_pointer(sign_in):
    client = sign_in(UserFactory())
    cases = [
        ({"starts-at": "9999-12-31T20:00:00Z", "ends-at": "9999-12-31T22:00:00Z"}, "starts-at"),
        ({"ends-at": "2999-01-01T00:00:00+05:00"}, "ends-at"),
        ({"starts-at": "0001-01-01T00:30:00+14:00"}, "starts-at"),
        ({"latitude": 91.5}, "latitude"),
        ({"longitude": -180.01}, "longitude"),
        ({"latitude": 1e308}, "latitude"),
    ]
    answers = []
    for attributes, _ in cases:
        answer = client.post("/v1/events", event_document(timezone="Pacific/Kiritimati", **attributes))
        error = answer.json()["errors"][0] if answer.status == 422 else {}
        answers.append((answer.status, error.get("source", {}).get("pointer")))
    assert answers == [(422, f"/data/attributes/{pointer}") for _, pointer in cases]
    assert Event.objects.count() == 0


@committed
def test_year_9999_in_the_dashboard_is_a_form_error_in_any_time_zone(dashboard):
    session = dashboard(UserFactory())
    for zone in ("America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago"):
        fields = {"name": "Far", "starts_at": "9999-12-31T23:00", "ends_at": "9999-12-31T23:30", "timezone": zone}
        answer = session.post("/events/create", fields)
        assert (zone, answer.status) == (zone, 200)
        assert b"Dates must lie between 1900 and 2199." in answer.body
    assert Event.objects.count() == 0


@committed
def test_the_dashboard_survives_an_event_stored_at_the_edge_of_the_calendar(dashboard):
    organizer = UserFactory()
    far = timezone.now().replace(year=9999, month=12, day=31, hour=23)
    event = EventFactory(starts_at=far - timedelta(hours=2), ends_at=far, timezone="Pacific/Kiritimati")
    UsersEventsRoles.objects.create(user=organizer, event=event, role=Role.objects.get(name="organizer"))
    session = dashboard(organizer)
    assert session.get(f"/events/{event.identifier}/edit").status == 200
    assert session.get("/dashboard").status == 200


@committed
def test_seats_per_order_are_capped(sign_in):
    organizer, buyer = UserFactory(), UserFactory()
    event = EventFactory()
    UsersEventsRoles.objects.create(user=organizer, event=event, role=Role.objects.get(name="organizer"))
    cap = settings.MAX_SEATS_PER_ORDER
    # a ticket's max-order cannot exceed the platform's cap
    document = {"data": {"type": "ticket", "attributes": {"name": "Bulk", "quantity": 5000, "max-order": cap * 10}}}
    answer = sign_in(organizer).post(f"/v1/events/{event.pk}/tickets", document)
    assert answer.status == 422
    assert answer.json()["errors"][0]["source"]["pointer"] == "/data/attributes/max-order"
    # and an order cannot gather more seats than the cap over several tickets
    first = TicketFactory(event=event, quantity=1000, max_order=cap)
    second = TicketFactory(event=event, quantity=1000, max_order=cap)
    half = cap // 2 + 1
    order = {"event": event.pk, "tickets": [{"id": first.pk, "quantity": half}, {"id": second.pk, "quantity": half}]}
    answer = sign_in(buyer).post("/v1/orders/create-order", order, content_type="application/json")
    assert (answer.status, error_status(answer)) == (422, 422)
    # attendee details of the wrong type or out of range are refused too
    attendee = {"firstname": {"an": "object"}, "birth-date": "9999-12-31T23:00:00-11:00"}
    order = {"event": event.pk, "tickets": [{"id": first.pk, "quantity": 1, "attendees": [attendee]}]}
    answer = sign_in(buyer).post("/v1/orders/create-order", order, content_type="application/json")
    assert (answer.status, error_status(answer)) == (422, 422)
    assert event.orders.count() == 0
