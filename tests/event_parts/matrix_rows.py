"""Permission-matrix rows for the event parts served by `events.api.part_views` and friends (issue 14).

`world.event` is published: everyone reads its parts; its organizer and co-organizer (and admins) write them,
other signed-in actors get 403, anonymous 401. The organizer of another event is an outsider here.
"""

from django.utils import timezone

from events.catalogue_services import image_size
from events.models import Event, ImageSize
from roles.models import Role, UsersEventsRoles
from tests.conftest import resource
from tests.event_parts.factories import (
    BadgeFormFactory,
    CustomPlaceholderFactory,
    EventCopyrightFactory,
    EventLocationFactory,
    ExhibitorFactory,
    FeedbackFactory,
    SpeakersCallFactory,
    TranslationChannelFactory,
    UserFavouriteEventFactory,
    UserFavouriteSessionFactory,
    VideoStreamFactory,
)
from tests.factories import EventFactory, SessionFactory, TicketFactory
from tests.matrix import Row, expect

WRITERS = ("organizer", "coorganizer", "admin", "super_admin")
TEAM = ("registrar", "moderator", "track_organizer", "coorganizer", "organizer")


def writers(ok, others=403, **extra):
    result = expect(others, anonymous=401, **extra)
    for actor in WRITERS:
        result[actor] = ok
    return result


def _fresh_event(world, state=Event.State.PUBLISHED):
    """Another event where the world's team holds the same roles (for creates of one-per-event parts)."""
    event = EventFactory(name="Matrix parts", state=state, starts_at=timezone.now() + timezone.timedelta(days=10))
    for actor in ("attendee", *TEAM):
        UsersEventsRoles.objects.create(user=world.users[actor], event=event, role=Role.objects.get(name=actor))
    return event


# route, type, factory, create attributes, one per event
PARTS = [
    (
        "speakers-calls",
        "speakers-call",
        SpeakersCallFactory,
        {"announcement": "Talks!", "starts-at": "2099-01-01T00:00:00Z", "ends-at": "2099-02-01T00:00:00Z"},
        True,
    ),
    ("event-copyrights", "event-copyright", EventCopyrightFactory, {"holder": "M", "licence": "CC0"}, True),
    ("exhibitors", "exhibitor", ExhibitorFactory, {"name": "M"}, False),
]


def _part_rows(world, route, type_, factory, attributes, one_per_event):
    event = world.event
    obj = factory(event=event)
    target = _fresh_event(world) if one_per_event else event
    with_event = {"event": {"data": {"type": "event", "id": str(target.pk)}}}
    rows = [
        Row("GET", f"/v1/events/{event.pk}/{route}", expect(200)),
        Row("GET", f"/v1/events/{event.identifier}/{route}", expect(200), name="by identifier"),
        Row("POST", f"/v1/events/{target.pk}/{route}", writers(201), body=resource(type_, attributes)),
        Row("GET", f"/v1/{route}", expect(403, anonymous=401, admin=200, super_admin=200)),
        Row("POST", f"/v1/{route}", writers(201), body=resource(type_, attributes, relationships=with_event)),
        Row("GET", f"/v1/{route}/{obj.pk}", expect(200)),
        Row("PATCH", f"/v1/{route}/{obj.pk}", writers(200), body=resource(type_, {}, id=obj.pk)),
        Row("DELETE", f"/v1/{route}/{obj.pk}", writers(200)),
        Row("GET", f"/v1/{route}/999999", expect(404), name="missing id"),
        Row("GET", f"/v1/{route}/{obj.pk}/event", expect(200), name="related event"),
        Row("GET", f"/v1/{route}/{obj.pk}/relationships/event", expect(200), name="event linkage"),
        Row(
            "PATCH",
            f"/v1/{route}/{obj.pk}/relationships/event",
            writers(403),
            body={"data": {"type": "event", "id": str(world.other_event.pk)}},
            name="the event cannot move",
        ),
    ]
    if one_per_event:
        rows.append(
            Row(
                "POST",
                f"/v1/events/{event.pk}/{route}",
                writers(409),
                body=resource(type_, attributes),
                name="one per event",
            )
        )
    other = factory(event=world.other_event)
    rows.append(
        Row(
            "PATCH",
            f"/v1/{route}/{other.pk}",
            expect(403, anonymous=401, other_organizer=200, admin=200, super_admin=200),
            body=resource(type_, {}, id=other.pk),
            name="another organizer's event",
        )
    )
    draft = _fresh_event(world, state=Event.State.DRAFT)
    hidden = factory(event=draft)
    rows.append(
        Row(
            "GET",
            f"/v1/{route}/{hidden.pk}",
            expect(404, anonymous=401, **{a: 200 for a in (*TEAM, "admin", "super_admin")}),
            name="draft event: team only",
        )
    )
    return rows


ADMIN_ONLY = {"admin": 200, "super_admin": 200}
MEMBERS = ("attendee", *TEAM)


def _members(ok, writers_only=None, others=404):
    """Event members (attendees included) and admins get `ok`; with `writers_only`, members who may not write
    get 403 instead; outsiders `others`, anonymous 401."""
    result = expect(others, anonymous=401, admin=ok, super_admin=ok)
    for actor in MEMBERS:
        result[actor] = ok if writers_only is None or actor in writers_only else 403
    return result


def _video_rows(world):
    """Video streams and translation channels: members of the event read them (published or not)."""
    event = world.event
    stream = VideoStreamFactory(event=event)
    channel = TranslationChannelFactory(video_stream=stream)
    write = ("organizer", "coorganizer")
    stream_attrs = {"name": "M", "url": "https://stream.example/m"}
    with_event = {"event": {"data": {"type": "event", "id": str(event.pk)}}}
    with_stream = {"video-stream": {"data": {"type": "video-stream", "id": str(stream.pk)}}}
    channel_attrs = {"name": "M", "url": "https://stream.example/m-de"}
    return [
        Row("GET", f"/v1/events/{event.pk}/video-streams", expect(200)),
        Row(
            "POST",
            f"/v1/events/{event.pk}/video-streams",
            _members(201, write, 403),
            body=resource("video-stream", stream_attrs),
        ),
        Row("GET", "/v1/video-streams", expect(403, anonymous=401, **ADMIN_ONLY)),
        Row(
            "POST",
            "/v1/video-streams",
            _members(201, write, 403),
            body=resource("video-stream", stream_attrs, relationships=with_event),
        ),
        Row("GET", f"/v1/video-streams/{stream.pk}", _members(200)),
        Row(
            "PATCH",
            f"/v1/video-streams/{stream.pk}",
            _members(200, write),
            body=resource("video-stream", {}, id=stream.pk),
        ),
        Row("DELETE", f"/v1/video-streams/{stream.pk}", _members(200, write)),
        Row("GET", f"/v1/video-streams/{stream.pk}/translation_channels", _members(200)),
        Row("GET", f"/v1/video-streams/{stream.pk}/relationships/rooms", _members(200)),
        Row("GET", f"/v1/events/{event.pk}/video-stream", expect(200), name="the event's stream (null for outsiders)"),
        Row("GET", "/v1/translation_channels", expect(403, anonymous=401, **ADMIN_ONLY)),
        Row(
            "POST",
            "/v1/translation_channels",
            _members(201, write, 403),
            body=resource("translation_channel", channel_attrs, relationships=with_stream),
        ),
        Row("GET", f"/v1/translation_channels/{channel.pk}", _members(200)),
        Row(
            "PATCH",
            f"/v1/translation_channels/{channel.pk}",
            _members(200, write),
            body=resource("translation_channel", {}, id=channel.pk),
        ),
        Row("DELETE", f"/v1/translation_channels/{channel.pk}", _members(200, write)),
        Row("GET", f"/v1/translation_channels/{channel.pk}/video-stream", _members(200)),
        Row("GET", f"/v1/translation_channels/{channel.pk}/relationships/video-stream", _members(200)),
    ]


def _catalogue_rows(route, type_, obj, attributes, relationship):
    write = expect(403, anonymous=401, admin=201, super_admin=201)
    return [
        Row("GET", f"/v1/{route}", expect(200)),
        Row("POST", f"/v1/{route}", write, body=resource(type_, attributes)),
        Row("GET", f"/v1/{route}/{obj.pk}", expect(200)),
        Row(
            "PATCH",
            f"/v1/{route}/{obj.pk}",
            expect(403, anonymous=401, **ADMIN_ONLY),
            body=resource(type_, {}, id=obj.pk),
        ),
        Row("DELETE", f"/v1/{route}/{obj.pk}", expect(403, anonymous=401, **ADMIN_ONLY)),
        Row("GET", f"/v1/{route}/{obj.pk}/{relationship}", expect(200 if relationship != "nothing" else 404)),
        Row(
            "GET",
            f"/v1/{route}/{obj.pk}/relationships/{relationship}",
            expect(200 if relationship != "nothing" else 404),
        ),
    ]


def _image_size_rows(route, type_, kind):
    row = image_size(kind)
    patch = expect(403, anonymous=401, **ADMIN_ONLY)
    return [
        Row("GET", f"/v1/{route}", expect(200)),
        Row("PATCH", f"/v1/{route}", patch, body=resource(type_, {}, id=row.pk)),
        Row("GET", f"/v1/{route}/{row.pk}", expect(200)),
        Row("PATCH", f"/v1/{route}/{row.pk}", patch, body=resource(type_, {}, id=row.pk)),
        Row("GET", f"/v1/{route}/{row.pk}/nothing", expect(404), name="no relationships"),
        Row("GET", f"/v1/{route}/{row.pk}/relationships/nothing", expect(404), name="no relationships"),
    ]


def _only(ok, readers, others=404):
    """`ok` for `readers` and admins, 401 anonymous, `others` for everyone else."""
    result = expect(others, anonymous=401, admin=ok, super_admin=ok)
    for actor in readers:
        result[actor] = ok
    return result


def _feedback_rows(world):
    event = world.event
    attendee = world.users["attendee"]
    open_event = EventFactory(name="Matrix open", schedule_published_on=timezone.now())
    open_session = SessionFactory(event=open_event, state="confirmed")
    feedback = FeedbackFactory(event=event, user=attendee)
    readers = ("attendee", "organizer", "coorganizer")
    signed_in = expect(200, anonymous=401)
    return [
        Row("GET", "/v1/feedbacks", expect(403, anonymous=401, **ADMIN_ONLY)),
        Row(
            "POST",
            "/v1/feedbacks",
            expect(201, anonymous=401),
            body=resource("feedback", {"rating": 4}, relationships={"session": _link("session", open_session.pk)}),
        ),
        Row("GET", f"/v1/events/{event.pk}/feedbacks", signed_in),
        Row(
            "POST",
            f"/v1/events/{event.pk}/feedbacks",
            expect(201, anonymous=401),
            body=resource("feedback", {"rating": 1}),
        ),
        Row("GET", f"/v1/feedbacks/{feedback.pk}", _only(200, readers)),
        Row(
            "PATCH",
            f"/v1/feedbacks/{feedback.pk}",
            _only(200, ("attendee",), others=404) | {"organizer": 403, "coorganizer": 403},
            body=resource("feedback", {"comment": "x"}, id=feedback.pk),
        ),
        Row(
            "DELETE", f"/v1/feedbacks/{feedback.pk}", _only(200, ("attendee",)) | {"organizer": 403, "coorganizer": 403}
        ),
        Row("GET", f"/v1/feedbacks/{feedback.pk}/event", _only(200, readers)),
        Row("GET", f"/v1/feedbacks/{feedback.pk}/relationships/user", _only(200, readers)),
        Row("GET", f"/v1/sessions/{open_session.pk}/feedbacks", expect(200)),
    ]


def _favourite_rows(world):
    event = world.event
    attendee = world.users["attendee"]
    open_event = EventFactory(name="Matrix favourites", schedule_published_on=timezone.now())
    liked, other = (
        SessionFactory(event=open_event, state="confirmed"),
        SessionFactory(event=open_event, state="confirmed"),
    )
    favourite = UserFavouriteSessionFactory(session=liked, user=attendee)
    favourite_event = UserFavouriteEventFactory(event=event, user=attendee)
    own = _only(200, ("attendee",))
    signed_in = expect(200, anonymous=401)
    rows = [
        Row("GET", "/v1/user-favourite-sessions", signed_in),
        Row(
            "POST",
            "/v1/user-favourite-sessions",
            expect(201, anonymous=401),
            body={"data": {"type": "user-favourite-session", "relationships": {"session": _link("session", other.pk)}}},
        ),
        Row("GET", f"/v1/user-favourite-sessions/{favourite.pk}", own),
        Row("DELETE", f"/v1/user-favourite-sessions/{favourite.pk}", own),
        Row("GET", f"/v1/user-favourite-sessions/{favourite.pk}/session", own),
        Row("GET", f"/v1/user-favourite-sessions/{favourite.pk}/relationships/user", own),
        Row("GET", f"/v1/users/{attendee.pk}/user-favourite-sessions", _only(200, ("attendee",), others=403)),
        Row("GET", f"/v1/sessions/{liked.pk}/user-favourite-sessions", signed_in),
        Row("GET", f"/v1/events/{open_event.pk}/user-favourite-sessions", signed_in),
        Row("GET", f"/v1/sessions/{liked.pk}/favourites", expect(200)),
        Row("GET", f"/v1/events/{open_event.pk}/session-favourites", expect(200)),
        Row("GET", "/v1/user-favourite-events", signed_in),
        Row(
            "POST",
            "/v1/user-favourite-events",
            expect(201, anonymous=401),
            body={"data": {"type": "user-favourite-event", "relationships": {"event": _link("event", open_event.pk)}}},
        ),
        Row("GET", f"/v1/user-favourite-events/{favourite_event.pk}", own),
        Row("DELETE", f"/v1/user-favourite-events/{favourite_event.pk}", own),
        Row("GET", f"/v1/user-favourite-events/{favourite_event.pk}/event", own),
        Row("GET", f"/v1/user-favourite-events/{favourite_event.pk}/relationships/event", own),
    ]
    return rows


def _link(type_, id_):
    return {"data": {"type": type_, "id": str(id_)}}


def _badge_rows(world):
    """Badge forms: the event's team (not attendees) reads them, organizers and co-organizers write them."""
    event = world.event
    ticket = TicketFactory(event=event)
    form = BadgeFormFactory(event=event, ticket=ticket)
    write = ("organizer", "coorganizer")
    team = _members(200) | {"attendee": 404}
    attrs = {"badge-id": "m"}
    with_event = {"event": {"data": {"type": "event", "id": str(event.pk)}}}
    return [
        Row("GET", f"/v1/events/{event.pk}/badge-forms", expect(200)),
        Row(
            "POST", f"/v1/events/{event.pk}/badge-forms", _members(201, write, 403), body=resource("badge-form", attrs)
        ),
        Row("GET", "/v1/badge-forms", expect(403, anonymous=401, **ADMIN_ONLY)),
        Row(
            "POST",
            "/v1/badge-forms",
            _members(201, write, 403),
            body=resource("badge-form", attrs, relationships=with_event),
        ),
        Row("GET", f"/v1/badge-forms/{form.pk}", team),
        Row(
            "PATCH",
            f"/v1/badge-forms/{form.pk}",
            _members(200, write) | {"attendee": 404},
            body=resource("badge-form", {}, id=form.pk),
        ),
        Row("DELETE", f"/v1/badge-forms/{form.pk}", _members(200, write) | {"attendee": 404}),
        Row("GET", f"/v1/badge-forms/{form.pk}/ticket", team),
        Row("GET", f"/v1/badge-forms/{form.pk}/relationships/ticket", team),
        Row("GET", f"/v1/tickets/{ticket.pk}/badge-forms", expect(200)),
    ]


def rows(world):
    result = [Row("GET", "/v1/sessions/mails", expect(200))]
    result += _feedback_rows(world) + _favourite_rows(world) + _video_rows(world) + _badge_rows(world)
    for part in PARTS:
        result += _part_rows(world, *part)
    result += _catalogue_rows(
        "event-locations", "event-location", EventLocationFactory(), {"name": "Matrix City"}, "nothing"
    )
    result += _catalogue_rows(
        "custom-placeholders",
        "custom-placeholder",
        CustomPlaceholderFactory(),
        {"name": "M", "original-image-url": "https://images.example/m.jpg"},
        "event-sub-topic",
    )
    result += _image_size_rows("event-image-sizes", "event-image-size", ImageSize.Kind.EVENT)
    result += _image_size_rows("speaker-image-sizes", "speaker-image-size", ImageSize.Kind.SPEAKER)
    event = world.event
    result += [
        Row("GET", f"/v1/events/{event.pk}/speakers-call", expect(200), name="the event's speakers call"),
        Row("GET", f"/v1/events/{event.pk}/event-copyright", expect(200), name="the event's copyright"),
    ]
    return result
