"""Permission-matrix rows for the named routes the Open Event client calls on its journeys (see tests/matrix.py):
an event's `has-streams` and `sessions/dates|languages` (anyone on a published event, the team and admins on a
draft, 404 for everyone else) and `POST /v1/orders/<identifier>/verify` (whoever may read the order)."""

from events.models import Event
from roles.models import Role, UsersEventsRoles
from tests.factories import EventFactory, TicketFactory
from tests.matrix import EVENT_ROLES, Row, expect
from tickets.checkout import order_create

ROUTES = ("has-streams", "sessions/dates", "sessions/languages")


def rows(world):
    draft = EventFactory(name="Matrix compat draft", state=Event.State.DRAFT, owner=world.users["organizer"])
    for actor in EVENT_ROLES:
        UsersEventsRoles.objects.create(user=world.users[actor], event=draft, role=Role.objects.get(name=actor))
    # the event team sees its draft (an attendee is not team)
    team = expect(404, admin=200, super_admin=200, **{actor: 200 for actor in EVENT_ROLES if actor != "attendee"})
    result = []
    for route in ROUTES:
        result.append(Row("GET", f"/v1/events/{world.event.identifier}/{route}", expect(200)))
        result.append(Row("GET", f"/v1/events/{draft.pk}/{route}", team))
    ticket = TicketFactory(event=world.event, name="Matrix verify ticket")
    order = order_create(actor=world.users["user"], event=world.event, items=[{"ticket": ticket.pk, "quantity": 1}])
    readers = {"user": 200, "organizer": 200, "coorganizer": 200, "registrar": 200}
    verify = expect(404, anonymous=401, admin=200, super_admin=200, **readers)
    result.append(Row("POST", f"/v1/orders/{order.identifier}/verify", verify, body={}))
    return result
