"""Permission-matrix rows for event content and event copy (issue 5).

`world.event` is published with its schedule NOT published, so sessions and speakers are team-only there
(the Role × Service matrix decides), while tracks, session types, microlocations, sponsors, social links,
FAQs and FAQ types are public and custom forms are for signed-in users.
"""

from tests.conftest import resource
from tests.factories import (
    CustomFormFactory,
    FaqFactory,
    FaqTypeFactory,
    MicrolocationFactory,
    SessionFactory,
    SessionTypeFactory,
    SocialLinkFactory,
    SpeakerFactory,
    SponsorFactory,
    TrackFactory,
)
from tests.matrix import Row, expect

SIGNED_IN = ("user", "attendee", "registrar", "moderator", "track_organizer", "coorganizer", "other_organizer")

# route, type, factory, create attributes, service name
TYPES = [
    ("tracks", "track", TrackFactory, {"name": "M"}, "track"),
    ("session-types", "session-type", SessionTypeFactory, {"name": "M", "length": "00:20"}, "session_type"),
    ("microlocations", "microlocation", MicrolocationFactory, {"name": "M"}, "microlocation"),
    ("speakers", "speaker", SpeakerFactory, {"name": "M"}, "speaker"),
    ("sessions", "session", SessionFactory, {"title": "M"}, "session"),
    ("sponsors", "sponsor", SponsorFactory, {"name": "M"}, "sponsor"),
    ("social-links", "social-link", SocialLinkFactory, {"name": "M", "link": "https://m.example"}, "social_link"),
    ("custom-forms", "custom-form", CustomFormFactory, {"form": "session", "field-identifier": "m"}, "custom_form"),
    ("faq-types", "faq-type", FaqTypeFactory, {"name": "M"}, "faq_type"),
    ("faqs", "faq", FaqFactory, {"question": "M?", "answer": "M"}, "faq"),
]

#: the seeded Role × Service matrix, as far as content goes: role -> actions on every content service,
#: plus the extra grants of track organizers and moderators on tracks and sessions
MATRIX = {"organizer": "crud", "coorganizer": "cru"}
TRACK_SESSION = {"track_organizer": "ru", "moderator": "r"}


def _grants(actor, service):
    grants = MATRIX.get(actor, "")
    if service in ("track", "session"):
        grants += TRACK_SESSION.get(actor, "")
    return grants


def _readers(service):
    """Actors (besides admins) who may read this content of world.event, or 'all' / 'signed-in'."""
    if service in ("session", "speaker"):
        return {a for a in SIGNED_IN + ("organizer",) if "r" in _grants(a, service)}
    if service == "custom_form":
        return "signed-in"
    return "all"


def _read(service, ok, hidden):
    readers = _readers(service)
    if readers == "all":
        return expect(ok)
    if readers == "signed-in":
        return expect(ok, anonymous=401)
    result = expect(hidden, anonymous=401, admin=ok, super_admin=ok)
    for actor in readers:
        result[actor] = ok
    return result


def _write(service, letter, ok):
    """Allowed actors get `ok`; those who may read get 403; those who may not read (by-id) get 404."""
    readers = _readers(service)
    result = expect(403, anonymous=401, admin=ok, super_admin=ok)
    for actor in (*SIGNED_IN, "organizer"):
        if letter in _grants(actor, service):
            result[actor] = ok
        elif readers not in ("all", "signed-in") and actor not in readers:
            result[actor] = 404
    return result


def _create(service):
    result = expect(403, anonymous=401, admin=201, super_admin=201)
    for actor in (*SIGNED_IN, "organizer"):
        if "c" in _grants(actor, service):
            result[actor] = 201
    return result


def rows(world):
    event = world.event
    result = []
    for route, type_, factory, attributes, service in TYPES:
        obj = factory(event=event)
        with_event = {"event": {"data": {"type": "event", "id": str(event.pk)}}}
        result += [
            # the event's lists show what the actor may read (maybe nothing): never a 401/403
            Row("GET", f"/v1/events/{event.pk}/{route}", expect(200)),
            Row("GET", f"/v1/events/{event.identifier}/{route}", expect(200), name="by identifier"),
            Row("POST", f"/v1/events/{event.pk}/{route}", _create(service), body=resource(type_, attributes)),
            Row("GET", f"/v1/{route}", expect(403, anonymous=401, admin=200, super_admin=200)),
            Row("POST", f"/v1/{route}", _create(service), body=resource(type_, attributes, relationships=with_event)),
            Row("GET", f"/v1/{route}/{obj.pk}", _read(service, 200, 404)),
            Row("PATCH", f"/v1/{route}/{obj.pk}", _write(service, "u", 200), body=resource(type_, {}, id=obj.pk)),
            Row("DELETE", f"/v1/{route}/{obj.pk}", _write(service, "d", 200)),
            Row("GET", f"/v1/{route}/999999", expect(404), name="missing id"),
            Row("GET", f"/v1/{route}/{obj.pk}/event", _read(service, 200, 404), name="related event"),
            Row("GET", f"/v1/{route}/{obj.pk}/relationships/event", _read(service, 200, 404), name="event linkage"),
            Row(
                "PATCH",
                f"/v1/{route}/{obj.pk}/relationships/event",
                _write(service, "u", 403),
                body={"data": {"type": "event", "id": str(world.other_event.pk)}},
                name="the event cannot move",
            ),
        ]
        if type_ == "session":
            result.append(
                Row(
                    "PATCH",
                    f"/v1/sessions/{obj.pk}/relationships/track",
                    _write(service, "u", 200),
                    body={"data": None},
                    name="writable relationship",
                )
            )
        other = factory(event=world.other_event)
        result.append(
            Row(
                "PATCH",
                f"/v1/{route}/{other.pk}",
                _other_event_write(service),
                body=resource(type_, {}, id=other.pk),
                name="another organizer's event",
            )
        )
    result.append(Row("GET", "/v1/sessions/states", expect(200)))
    result.append(
        Row(
            "POST", f"/v1/events/{event.pk}/copy", expect(403, anonymous=401, organizer=200, admin=200, super_admin=200)
        )
    )
    return result


def _other_event_write(service):
    """PATCH on content of world.other_event (published, schedule unpublished; only other_organizer has a role)."""
    readers = _readers(service)
    hidden = readers not in ("all", "signed-in")
    return expect(404 if hidden else 403, anonymous=401, other_organizer=200, admin=200, super_admin=200)
