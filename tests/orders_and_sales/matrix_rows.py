"""Permission-matrix rows for the orders routes: the admins' order list, charge, receipts, attendee search,
removal and state, order and general statistics, admin statistics and sales (see tests/matrix.py).

Charging answers 422 for everyone allowed to charge: the matrix runs without a payment provider configured,
and the permission check comes first (a stranger gets 404, a registrar who may only read the order 403)."""

from tests.conftest import resource
from tests.factories import TicketFactory
from tests.matrix import Row, expect
from tickets.checkout import order_create


def allowed(ok, actors, *, default=403, **extra):
    """`ok` for `actors` and admins, 401 for anonymous, `default` for everyone else."""
    result = expect(default, anonymous=401, admin=ok, super_admin=ok, **extra)
    for actor in actors:
        result[actor] = ok
    return result


ADMIN_ROUTES = (
    *(
        f"/v1/admin/statistics/{kind}"
        for kind in ("events", "event-types", "event-topics", "users", "sessions", "groups")
    ),
    *(f"/v1/admin/sales/{kind}" for kind in ("by-events", "by-organizers", "by-location", "by-marketer")),
    *(f"/v1/admin/sales/{kind}" for kind in ("discounted", "fees")),
)


def rows(world):
    event = world.event
    e = event.pk
    free = TicketFactory(event=event, name="Matrix free", quantity=50, max_order=5)
    paid = TicketFactory(event=event, name="Matrix paid", type="paid", price="15.00", quantity=50, max_order=5)
    buyer = world.users["user"]
    sold = order_create(actor=buyer, event=event, items=[{"ticket": free.pk, "quantity": 2}])
    pending = order_create(actor=buyer, event=event, items=[{"ticket": paid.pk, "quantity": 1}])
    attendee = sold.attendees.first()

    readers = ("organizer", "coorganizer", "registrar")
    team = ("organizer", "coorganizer", "track_organizer", "moderator", "registrar")
    on_site = resource(
        "order",
        {
            "on-site-tickets": [
                {"data": {"type": "on-site-ticket", "attributes": {"id": str(free.pk), "quantity": "1"}}}
            ]
        },
        relationships={"event": {"data": {"type": "event", "id": str(e)}}},
    )
    charge = resource("charge", {"stripe": "tok_matrix"})
    return [
        Row("GET", "/v1/orders", allowed(200, ())),
        Row("POST", "/v1/orders?onsite=true", allowed(201, readers), body=on_site),
        Row("GET", f"/v1/orders/{sold.identifier}/tickets", allowed(200, (*readers, "user"), default=404)),
        Row(
            "POST",
            f"/v1/orders/{pending.identifier}/charge",
            allowed(422, ("organizer", "coorganizer", "user"), default=404, registrar=403),
            body=charge,
        ),
        Row(
            "POST",
            "/v1/attendees/send-receipt",
            allowed(200, ("organizer", "coorganizer"), default=404, registrar=403, user=403),
            body={"order-identifier": sold.identifier},
        ),
        Row("GET", f"/v1/events/{e}/attendees/search", allowed(200, readers)),
        Row("GET", f"/v1/states?event_id={e}&attendee_id={attendee.pk}", allowed(200, (*readers, "user"), default=404)),
        Row(
            "DELETE",
            f"/v1/attendees/{attendee.pk}",
            allowed(200, ("organizer",), default=404, coorganizer=403, registrar=403, user=403),
        ),
        Row("GET", f"/v1/events/{e}/order-statistics", allowed(200, readers)),
        Row("GET", f"/v1/tickets/{paid.pk}/order-statistics", allowed(200, readers)),
        Row("GET", f"/v1/events/{e}/general-statistics", allowed(200, team)),
        *(Row("GET", url, allowed(200, ())) for url in ADMIN_ROUTES),
    ]
