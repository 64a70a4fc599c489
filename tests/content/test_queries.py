"""Every content list costs the same number of queries for 1 and for 5 items (includes too)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import ApiClient
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
    TicketFactory,
    TrackFactory,
)


def _full_session(event):
    session = SessionFactory(
        event=event,
        track=TrackFactory(event=event),
        session_type=SessionTypeFactory(event=event),
        microlocation=MicrolocationFactory(event=event),
    )
    session.speakers.add(SpeakerFactory(event=event), SpeakerFactory(event=event))
    return session


def _speaker_with_session(event):
    speaker = SpeakerFactory(event=event)
    SessionFactory(event=event).speakers.add(speaker)
    return speaker


def _track_with_sessions(event):
    track = TrackFactory(event=event)
    SessionFactory(event=event, track=track).speakers.add(SpeakerFactory(event=event))
    return track


def _faq_type_with_faq(event):
    faq_type = FaqTypeFactory(event=event)
    FaqFactory(event=event, faq_type=faq_type)
    return faq_type


# (route, make one item, query string)
LISTS = [
    ("tracks", _track_with_sessions, ""),
    ("tracks", _track_with_sessions, "include=sessions,event"),
    ("session-types", lambda e: SessionTypeFactory(event=e), "include=sessions"),
    ("microlocations", lambda e: MicrolocationFactory(event=e), "include=sessions"),
    ("speakers", _speaker_with_session, ""),
    ("speakers", _speaker_with_session, "include=sessions"),
    ("sessions", _full_session, ""),
    ("sessions", _full_session, "include=track,session-type,microlocation,speakers,event"),
    ("sponsors", lambda e: SponsorFactory(event=e), "include=event"),
    ("social-links", lambda e: SocialLinkFactory(event=e), ""),
    ("custom-forms", lambda e: CustomFormFactory(event=e), ""),
    ("faq-types", _faq_type_with_faq, "include=faqs"),
    ("faqs", lambda e: FaqFactory(event=e, faq_type=FaqTypeFactory(event=e)), "include=faq-type"),
]


def _count(client, url, expected_items):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    assert len(response.json()["data"]) == expected_items
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "make", "query"), LISTS, ids=[f"{r}?{q}" for r, _, q in LISTS])
def test_content_list_query_count_does_not_grow_with_items(organizer, event, route, make, query):
    TicketFactory(event=event)
    client = ApiClient(organizer)
    url = f"/v1/events/{event.pk}/{route}?{query}"
    make(event)
    client.get(url)  # warm per-process caches (content types, etc.)
    one = _count(client, url, 1)
    for _ in range(4):
        make(event)
    five = _count(client, url, 5)
    assert five == one


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["sessions", "tracks", "speakers", "faqs"])
def test_content_admin_top_level_list_query_count_does_not_grow(admin_api, event, route):
    makers = {"sessions": _full_session, "tracks": _track_with_sessions, "speakers": _speaker_with_session}
    make = makers.get(route, lambda e: FaqFactory(event=e))
    make(event)
    admin_api.get(f"/v1/{route}")
    one = _count(admin_api, f"/v1/{route}", 1)
    for _ in range(4):
        make(event)
    assert _count(admin_api, f"/v1/{route}", 5) == one
