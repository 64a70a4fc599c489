"""The permission-matrix table: every API route × every actor × method, with the expected status.

Each app adds `tests/<app>/matrix_rows.py` defining `rows(world) -> list[Row]`; the runner in
`tests/test_permission_matrix.py` finds every such module, builds a fresh world per actor, and sends every
row's request as that actor inside a savepoint (so a DELETE in one row does not affect the next).
A route added later must join the table: `tests/test_permission_matrix.py::test_every_api_route_is_in_the_matrix`
fails for any /v1/ URL pattern no row exercises.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from roles.models import Role, UsersEventsRoles
from tests.factories import EventFactory, UserFactory

ACTORS = (
    "anonymous",
    "user",
    "attendee",
    "registrar",
    "moderator",
    "track_organizer",
    "coorganizer",
    "other_organizer",
    "organizer",
    "admin",
    "super_admin",
)
EVENT_ROLES = ("attendee", "registrar", "moderator", "track_organizer", "coorganizer", "organizer")


def expect(default, **overrides):
    """{actor: status} for every actor: `default` unless overridden. A value may be an int or a set."""
    unknown = set(overrides) - set(ACTORS)
    if unknown:
        raise ValueError(f"unknown actors {unknown}")
    return {actor: overrides.get(actor, default) for actor in ACTORS}


# Common shapes of expectation
def team_only(ok, *, team=("organizer", "coorganizer"), anonymous=401, outsider=404):
    """Only `team` roles (and admins) succeed; other signed-in users see 404 (out of scope) or 403."""
    result = expect(outsider, anonymous=anonymous, admin=ok, super_admin=ok)
    for actor in team:
        result[actor] = ok
    return result


@dataclass
class Row:
    method: str
    url: str
    expected: dict
    body: dict | None = None
    name: str = ""
    #: URL pattern names (as in `eventyay.urls`) this row exercises; filled from the URL when empty
    covers: tuple = field(default_factory=tuple)


@dataclass
class World:
    event: object
    other_event: object
    users: dict  # actor -> User (None for anonymous)
    extra: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["extra"][name]
        except KeyError:
            raise AttributeError(name)


def build_world():
    """A published event on which every role-holding actor has its role, and another organizer's event."""
    now = timezone.now()
    event = EventFactory(name="Matrix event", starts_at=now + timezone.timedelta(days=20))
    other_event = EventFactory(name="Other event", starts_at=now + timezone.timedelta(days=30))
    users = {"anonymous": None}
    for actor in ACTORS[1:]:
        users[actor] = UserFactory(
            email=f"{actor}@matrix.test",
            is_admin=actor in ("admin", "super_admin"),
            is_super_admin=actor == "super_admin",
        )
    for actor in EVENT_ROLES:
        role = Role.objects.get(name=actor)
        UsersEventsRoles.objects.create(user=users[actor], event=event, role=role)
    UsersEventsRoles.objects.create(
        user=users["other_organizer"], event=other_event, role=Role.objects.get(name=Role.ORGANIZER)
    )
    event.owner = users["organizer"]
    event.save()
    other_event.owner = users["other_organizer"]
    other_event.save()
    return World(event=event, other_event=other_event, users=users)
