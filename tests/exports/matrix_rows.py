"""Permission-matrix rows for the file exports (`events.api.export_views`): the event's organizers and
co-organizers (and admins) start them; everyone else signed in is refused, the organizer of another event too."""

from tests.exports.factories import AttendeeFactory, OrderFactory
from tests.matrix import Row, expect

TEAM = {"organizer": 200, "coorganizer": 200, "admin": 200, "super_admin": 200}
ALLOWED = expect(403, anonymous=401, **TEAM)

GET_ONLY = (
    "ical",
    "xcal",
    "pentabarf",
    "orders/csv",
    "orders/pdf",
    "attendees/csv",
    "attendees/pdf",
    "sessions/pdf",
    "speakers/pdf",
)


def rows(world):
    e = world.event.pk
    attendee = AttendeeFactory(order=OrderFactory(event=world.event))
    result = [Row("GET", f"/v1/events/{e}/export/{kind}", ALLOWED) for kind in GET_ONLY]
    result += [Row("POST", f"/v1/events/{e}/export/ical", expect(405), body={}, name="GET only")]
    for table in ("sessions", "speakers"):
        result += [
            Row("POST", f"/v1/events/{e}/export/{table}/csv", ALLOWED, body={"status": "all"}),
            Row("GET", f"/v1/events/{e}/export/{table}/csv?status=accepted", ALLOWED),
        ]
    result.append(
        Row("GET", f"/v1/badge-forms/print-badge-pdf?attendee_id={attendee.pk}&list_field_show=name,email", ALLOWED)
    )
    return result
