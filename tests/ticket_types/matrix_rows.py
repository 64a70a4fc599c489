"""Permission-matrix rows for taxes, ticket tags, attendee tags, ticket fees, stations, station store paxs,
user check-ins and event invoices (see tests/matrix.py).

On `world.event` (published): taxes and ticket tags are read by anyone who sees the event and written by its
organizer and co-organizers; attendee tags are read by those who read the event's attendees (registrars
included) and written by its organizer and co-organizers; ticket fees are the admins'; stations, head counts
and scans are for the event's registrars, co-organizers and organizer (stations written by the latter two);
invoices are read by the event's organizer (and the billed user) and written by admins. Rows an actor may not
read answer 404 on by-id routes.
"""

from roles.models import UsersEventsRoles
from tests.conftest import resource
from tests.factories import EventFactory, SessionFactory, TicketFactory
from tests.matrix import Row, expect
from tests.ticket_types.factories import (
    EventInvoiceFactory,
    StationFactory,
    StationStorePaxFactory,
    TagFactory,
    TaxFactory,
    TicketFeeFactory,
    TicketTagFactory,
)
from tickets.checkout import order_create
from tickets.models import UserCheckIn

MANAGERS = ("organizer", "coorganizer")
SCANNERS = ("organizer", "coorganizer", "registrar")


def allowed(ok, actors, *, default=403, anonymous=401):
    """`ok` for `actors` and admins, `anonymous` for anonymous, `default` for everyone else."""
    result = expect(default, anonymous=anonymous, admin=ok, super_admin=ok)
    for actor in actors:
        result[actor] = ok
    return result


def event_link(event):
    return {"event": {"data": {"type": "event", "id": str(event.pk)}}}


def twin_event(world):
    """A published event on which every actor holds the role they hold on `world.event`."""
    twin = EventFactory(name="Matrix twin", owner=world.users["organizer"])
    for link in UsersEventsRoles.objects.filter(event=world.event):
        UsersEventsRoles.objects.create(user=link.user, event=twin, role=link.role)
    return twin


def tax_rows(world):
    event, twin = world.event, twin_event(world)
    tax = TaxFactory(event=event)
    body = resource("tax", {"name": "GST", "rate": "5", "tax-id": "GST-1"}, relationships=event_link(twin))
    return [
        Row("GET", "/v1/taxes", expect(200)),
        Row("GET", f"/v1/events/{event.pk}/taxes", expect(200)),
        Row("POST", "/v1/taxes", allowed(201, MANAGERS), body=body),
        Row("POST", f"/v1/events/{twin.pk}/taxes", allowed(201, MANAGERS), body=body, name="nested create"),
        Row("GET", f"/v1/taxes/{tax.pk}", expect(200)),
        Row("GET", f"/v1/events/{event.pk}/tax", expect(200), name="the event's tax"),
        Row(
            "PATCH",
            f"/v1/taxes/{tax.pk}",
            allowed(200, MANAGERS),
            body=resource("tax", {"rate": "7.5"}, id=tax.pk),
        ),
        Row("DELETE", f"/v1/taxes/{tax.pk}", allowed(200, MANAGERS)),
        Row("GET", f"/v1/taxes/{tax.pk}/event", expect(200)),
        Row("GET", f"/v1/taxes/{tax.pk}/relationships/event", expect(200)),
    ]


def ticket_tag_rows(world):
    event = world.event
    ticket = TicketFactory(event=event, name="Tagged")
    tag = TicketTagFactory(event=event, name="VIP")
    tag.tickets.add(ticket)
    tickets = {"tickets": {"data": [{"type": "ticket", "id": str(ticket.pk)}]}}
    body = resource("ticket-tag", {"name": "Press"}, relationships={**event_link(event), **tickets})
    return [
        Row("GET", "/v1/ticket-tags", expect(200)),
        Row("GET", f"/v1/events/{event.pk}/ticket-tags", expect(200)),
        Row("GET", f"/v1/tickets/{ticket.pk}/ticket-tags", expect(200)),
        Row("POST", "/v1/ticket-tags", allowed(201, MANAGERS), body=body),
        Row("POST", f"/v1/events/{event.pk}/ticket-tags", allowed(201, MANAGERS), body=body, name="nested"),
        Row("GET", f"/v1/ticket-tags/{tag.pk}", expect(200)),
        Row(
            "PATCH",
            f"/v1/ticket-tags/{tag.pk}",
            allowed(200, MANAGERS),
            body=resource("ticket-tag", {"name": "VIP+"}, id=tag.pk),
        ),
        Row("DELETE", f"/v1/ticket-tags/{tag.pk}", allowed(200, MANAGERS)),
        Row("GET", f"/v1/ticket-tags/{tag.pk}/tickets", expect(200)),
        Row("GET", f"/v1/ticket-tags/{tag.pk}/relationships/tickets", expect(200)),
        Row(
            "PATCH",
            f"/v1/ticket-tags/{tag.pk}/relationships/tickets",
            allowed(200, MANAGERS),
            body={"data": []},
        ),
    ]


def tag_rows(world):
    """Attendee tags: read by those who read the event's attendees, written by its organizer and co-organizers."""
    event = world.event
    tag = TagFactory(event=event, name="Press")
    body = resource("tag", {"name": "VIPs", "color": "#0000FF", "is-read-only": True}, relationships=event_link(event))
    readers = allowed(200, ("organizer", "coorganizer", "registrar"))
    by_id = allowed(200, ("organizer", "coorganizer", "registrar"), default=404)
    managed = allowed(200, MANAGERS, default=404) | {"registrar": 403}  # registrars read them
    return [
        Row("GET", f"/v1/events/{event.pk}/tags", readers),
        Row("POST", "/v1/tags", allowed(201, MANAGERS), body=body),
        Row("POST", f"/v1/events/{event.pk}/tags", allowed(201, MANAGERS), body=body, name="nested"),
        Row("GET", f"/v1/tags/{tag.pk}", by_id),
        Row("PATCH", f"/v1/tags/{tag.pk}", managed, body=resource("tag", {"name": "Media"}, id=tag.pk)),
        Row("DELETE", f"/v1/tags/{tag.pk}", managed),
        Row("GET", f"/v1/tags/{tag.pk}/event", by_id),
        Row("GET", f"/v1/tags/{tag.pk}/relationships/event", by_id),
        Row("GET", f"/v1/events/{event.pk}/relationships/tags", expect(200)),
    ]


def ticket_fee_rows(world):
    fee = TicketFeeFactory(currency="EUR")
    admins_only = allowed(200, ())
    return [
        Row("GET", "/v1/ticket-fees", admins_only),
        Row(
            "POST",
            "/v1/ticket-fees",
            allowed(201, ()),
            body=resource("ticket-fee", {"currency": "USD", "service-fee": "3.14", "maximum-fee": "5.14"}),
        ),
        Row("GET", f"/v1/ticket-fees/{fee.pk}", admins_only),
        Row(
            "PATCH",
            f"/v1/ticket-fees/{fee.pk}",
            admins_only,
            body=resource("ticket-fee", {"service-fee": "2.14"}, id=fee.pk),
        ),
        Row("DELETE", f"/v1/ticket-fees/{fee.pk}", admins_only),
        Row("GET", f"/v1/ticket-fees/{fee.pk}/event", allowed(404, ()), name="no such relationship"),
        Row("GET", f"/v1/ticket-fees/{fee.pk}/relationships/event", allowed(404, ()), name="no such relationship"),
    ]


def station_rows(world):
    event = world.event
    station, idle = StationFactory(event=event), StationFactory(event=event)
    session = SessionFactory(event=event)
    pax = StationStorePaxFactory(station=station, session=session)
    ticket = TicketFactory(event=event, name="Free entry")
    order = order_create(actor=world.users["user"], event=event, items=[{"ticket": ticket.pk, "quantity": 2}])
    first, second = order.attendees.all()
    scan = UserCheckIn.objects.create(station=station, ticket_holder=first)
    station_body = resource(
        "station", {"station-name": "Gate", "station-type": "registration"}, relationships=event_link(event)
    )
    station_link = {"station": {"data": {"type": "station", "id": str(station.pk)}}}
    session_link = {"session": {"data": {"type": "session", "id": str(session.pk)}}}
    pax_body = resource("station-store-pax", {"current-pax": 3}, relationships={**station_link, **session_link})
    scan_body = resource(
        "user_check_in",
        {},
        relationships={**station_link, "ticket_holder": {"data": {"type": "attendee", "id": str(second.pk)}}},
    )
    readers = allowed(200, SCANNERS, default=404)
    return [
        Row("GET", "/v1/stations", allowed(200, ())),
        Row("GET", f"/v1/events/{event.pk}/stations", allowed(200, SCANNERS)),
        Row("POST", "/v1/station", allowed(201, MANAGERS), body=station_body),
        Row("POST", "/v1/stations", allowed(201, MANAGERS), body=station_body),
        Row("POST", f"/v1/events/{event.pk}/stations", allowed(201, MANAGERS), body=station_body, name="nested"),
        Row("GET", f"/v1/stations/{station.pk}", readers),
        Row(
            "PATCH",
            f"/v1/stations/{station.pk}",
            allowed(200, MANAGERS, default=404) | {"registrar": 403},
            body=resource("station", {"station-name": "Main gate"}, id=station.pk),
        ),
        Row("DELETE", f"/v1/stations/{idle.pk}", allowed(200, MANAGERS, default=404) | {"registrar": 403}),
        Row("GET", f"/v1/stations/{station.pk}/event", readers),
        Row("GET", f"/v1/stations/{station.pk}/relationships/microlocation", readers),
        # head counts
        Row("GET", "/v1/station-store-paxs", expect(200, anonymous=401)),
        Row("POST", "/v1/station-store-paxs", allowed(201, SCANNERS), body=pax_body),
        Row("GET", f"/v1/station-store-paxs/{pax.pk}", readers),
        Row(
            "PATCH",
            f"/v1/station-store-paxs/{pax.pk}",
            readers,
            body=resource("station-store-pax", {"current-pax": 20}, id=pax.pk),
        ),
        Row("DELETE", f"/v1/station-store-paxs/{pax.pk}", readers),
        Row(
            "GET",
            f"/v1/station-store-paxs/{pax.pk}/session",
            readers | {"registrar": 404},
            name="a session of an unpublished schedule is not the registrar's to read",
        ),
        Row("GET", f"/v1/station-store-paxs/{pax.pk}/relationships/station", readers),
        Row(
            "GET",
            f"/v1/stations/{station.pk}/sessions/{session.pk}/station-store-paxs",
            allowed(200, SCANNERS, default=404, anonymous=404),
        ),
        # scans
        Row("POST", "/v1/user-check-in", allowed(201, SCANNERS), body=scan_body),
        Row("GET", f"/v1/user-check-in/{scan.pk}", readers),
        Row("GET", f"/v1/user-check-in/{scan.pk}/station", readers),
        Row("GET", f"/v1/user-check-in/{scan.pk}/relationships/ticket-holder", readers),
        Row("GET", f"/v1/user-check-in/stats/event/{event.pk}?session_ids={session.pk}", allowed(200, SCANNERS)),
    ]


def invoice_rows(world):
    event = world.event
    invoice = EventInvoiceFactory(event=event)
    body = resource("event-invoice", {"amount": "12.50"}, relationships=event_link(event))
    organizer_reads = allowed(200, ("organizer",), default=404)
    admins_write = allowed(200, ())
    return [
        Row("GET", "/v1/event-invoices", allowed(200, ())),
        Row("GET", f"/v1/events/{event.pk}/event-invoices", allowed(200, ("organizer",))),
        Row("POST", "/v1/event-invoices", allowed(201, ()), body=body),
        Row("POST", f"/v1/events/{event.pk}/event-invoices", allowed(201, ()), body=body, name="nested"),
        Row("GET", f"/v1/event-invoices/{invoice.pk}", organizer_reads),
        Row(
            "PATCH",
            f"/v1/event-invoices/{invoice.pk}",
            admins_write,
            body=resource("event-invoice", {"status": "paid"}, id=invoice.pk),
        ),
        Row("DELETE", f"/v1/event-invoices/{invoice.pk}", admins_write),
        Row("GET", f"/v1/event-invoices/{invoice.pk}/event", organizer_reads),
        Row("GET", f"/v1/event-invoices/{invoice.pk}/relationships/user", organizer_reads),
        Row("GET", f"/v1/users/{world.users['organizer'].pk}/event-invoices", organizer_reads),
    ]


def rows(world):
    return [
        *tax_rows(world),
        *ticket_tag_rows(world),
        *tag_rows(world),
        *ticket_fee_rows(world),
        *station_rows(world),
        *invoice_rows(world),
    ]
