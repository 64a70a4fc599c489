"""Permission-matrix rows for the named event routes the Open Event client's public pages call (see
tests/matrix.py): anyone on a published event, the team (and admins) on a draft, 404 for everyone else."""

from events.models import Event
from roles.models import Role, UsersEventsRoles
from tests.factories import EventFactory
from tests.matrix import EVENT_ROLES, Row, expect

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
    return result
