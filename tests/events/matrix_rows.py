"""Permission-matrix rows for the events app's routes (see tests/matrix.py)."""

from datetime import timedelta

from django.utils import timezone

from events.models import Event, EventSubTopic, EventTopic, EventType, Group
from roles.models import Role, UsersEventsRoles
from tests.conftest import resource
from tests.factories import EventFactory
from tests.matrix import Row, expect

ADMINS = {"admin": 200, "super_admin": 200}


def _event_doc(**attrs):
    start = timezone.now() + timedelta(days=40)
    attributes = {
        "name": "Matrix created",
        "starts-at": start.isoformat(),
        "ends-at": (start + timedelta(hours=8)).isoformat(),
        "timezone": "UTC",
    }
    attributes.update(attrs)
    return resource("event", attributes)


def _draft_with_team(world):
    draft = EventFactory(name="Matrix draft", state=Event.State.DRAFT, owner=world.users["organizer"])
    for actor in ("attendee", "registrar", "moderator", "track_organizer", "coorganizer", "organizer"):
        UsersEventsRoles.objects.create(user=world.users[actor], event=draft, role=Role.objects.get(name=actor))
    return draft


def _vocabulary_rows(path, type_, obj, body_attrs, relationships=None):
    write = expect(403, anonymous=401, admin=201, super_admin=201)
    return [
        Row("GET", f"/v1/{path}", expect(200)),
        Row("POST", f"/v1/{path}", write, body=resource(type_, body_attrs, relationships=relationships)),
        Row("GET", f"/v1/{path}/{obj.pk}", expect(200)),
        Row(
            "PATCH",
            f"/v1/{path}/{obj.pk}",
            expect(403, anonymous=401, **ADMINS),
            body=resource(type_, {"name": f"{obj.name} renamed"}, id=obj.pk),
        ),
        Row("DELETE", f"/v1/{path}/{obj.pk}", expect(403, anonymous=401, admin=200, super_admin=200)),
    ]


def rows(world):
    event = world.event
    draft = _draft_with_team(world)
    topic = EventTopic.objects.create(name="Matrix topic", slug="matrix-topic")
    sub_topic = EventSubTopic.objects.create(name="Matrix sub", slug="matrix-sub", event_topic=topic)
    event_type = EventType.objects.create(name="Matrix type", slug="matrix-type")
    organizer = world.users["organizer"]
    team = {a: 200 for a in ("attendee", "registrar", "moderator", "track_organizer", "coorganizer", "organizer")}
    team_without_attendee = {**team, "attendee": 404}
    result = [
        Row("GET", "/v1/events", expect(200)),
        Row("POST", "/v1/events", expect(201, anonymous=401), body=_event_doc()),
        Row("GET", f"/v1/events/{event.pk}", expect(200)),
        Row("GET", f"/v1/events/{event.identifier}", expect(200), name="by identifier"),
        Row(
            "GET",
            f"/v1/events/{draft.pk}",
            expect(404, **ADMINS, **team_without_attendee),
            name="draft: team only",
        ),
        Row(
            "PATCH",
            f"/v1/events/{event.pk}",
            expect(403, anonymous=401, coorganizer=200, organizer=200, **ADMINS),
            body=resource("event", {"name": "Renamed"}, id=event.pk),
        ),
        Row(
            "PATCH",
            f"/v1/events/{event.identifier}",
            expect(403, anonymous=401, coorganizer=200, organizer=200, **ADMINS),
            body=resource("event", {"name": "Renamed"}, id=event.identifier),
            name="by identifier",
        ),
        Row(
            "DELETE",
            f"/v1/events/{event.pk}",
            expect(403, anonymous=401, organizer=200, admin=200, super_admin=200),
        ),
        Row("GET", f"/v1/event-topics/{topic.pk}/event-sub-topics", expect(200)),
        *_vocabulary_rows("event-topics", "event-topic", topic, {"name": "New topic"}),
        *_vocabulary_rows(
            "event-sub-topics",
            "event-sub-topic",
            sub_topic,
            {"name": "New sub"},
            relationships={"event-topic": {"data": {"type": "event-topic", "id": str(topic.pk)}}},
        ),
        *_vocabulary_rows("event-types", "event-type", event_type, {"name": "New type"}),
        Row("GET", f"/v1/event-topics/{topic.pk}/relationships/event-sub-topics", expect(200)),
        Row("GET", f"/v1/event-sub-topics/{sub_topic.pk}/event-topic", expect(200)),
        Row("GET", f"/v1/event-sub-topics/{sub_topic.pk}/relationships/event-topic", expect(200)),
        Row("GET", f"/v1/event-types/{event_type.pk}/events", expect(200)),
        Row("GET", f"/v1/event-types/{event_type.pk}/relationships/events", expect(200)),
        # named routes, related and relationship routes of events
        Row("GET", "/v1/events/upcoming?upcoming=true&cache=true&public=true", expect(200)),
        Row("GET", f"/v1/events/{event.pk}/organizers", expect(200)),
        Row("GET", f"/v1/events/{event.pk}/speakers-call", expect(404), name="no speakers call yet: 404 (as OES)"),
        Row(
            "GET",
            f"/v1/events/{draft.pk}/event-topic",
            expect(404, **ADMINS, **team_without_attendee),
            name="draft: team only",
        ),
        Row("GET", f"/v1/events/{event.pk}/relationships/tickets", expect(200)),
        Row(
            "PATCH",
            f"/v1/events/{event.pk}/relationships/event-topic",
            expect(403, anonymous=401, coorganizer=200, organizer=200, **ADMINS),
            body={"data": {"type": "event-topic", "id": str(topic.pk)}},
        ),
        Row(
            "PATCH",
            f"/v1/events/{event.pk}/relationships/tickets",
            expect(403, anonymous=401),
            body={"data": []},
            name="read-only relationship",
        ),
        *_group_rows(world),
    ]
    for name in (
        "events",
        "owner-events",
        "organizer-events",
        "coorganizer-events",
        "track-organizer-events",
        "moderator-events",
        "registrar-events",
    ):
        result.append(
            Row("GET", f"/v1/users/{organizer.pk}/{name}", expect(404, anonymous=401, organizer=200, **ADMINS))
        )
    return result


def _group_rows(world):
    group = Group.objects.create(name="Matrix group", user=world.users["organizer"])
    owner = expect(403, anonymous=401, organizer=200, **ADMINS)
    return [
        Row("GET", "/v1/groups", expect(200)),
        Row("POST", "/v1/groups", expect(201, anonymous=401), body=resource("group", {"name": "New group"})),
        Row("GET", f"/v1/groups/{group.pk}", expect(200)),
        Row("PATCH", f"/v1/groups/{group.pk}", owner, body=resource("group", {"about": "x"}, id=group.pk)),
        Row("DELETE", f"/v1/groups/{group.pk}", owner),
        Row("GET", f"/v1/groups/{group.pk}/user", expect(200)),
        Row("GET", f"/v1/groups/{group.pk}/relationships/events", expect(200)),
    ]
