"""Every list of an event part costs the same number of queries for 1 and for 5 items (includes too): an
event's list, and the platform-wide list admins read (one-per-event parts: one row per event)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import ApiClient
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
from tests.factories import EventFactory, SessionFactory, TicketFactory, UserFactory

pytestmark = pytest.mark.django_db


def _exhibitor_with_session(event):
    exhibitor = ExhibitorFactory(event=event)
    exhibitor.sessions.add(SessionFactory(event=event))
    return exhibitor


def _count(client, url, expected_items):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    assert len(response.json()["data"]) == expected_items
    return len(ctx.captured_queries)


@pytest.mark.parametrize("query", ["", "include=sessions,event"])
def test_an_events_exhibitor_list_costs_the_same_for_1_and_5(org_api, event, query):
    _exhibitor_with_session(event)
    one = _count(org_api, f"/v1/events/{event.pk}/exhibitors?{query}", 1)
    for _ in range(4):
        _exhibitor_with_session(event)
    assert _count(org_api, f"/v1/events/{event.pk}/exhibitors?{query}", 5) == one


@pytest.mark.parametrize(
    ("route", "factory"),
    [("speakers-calls", SpeakersCallFactory), ("event-copyrights", EventCopyrightFactory)],
)
def test_the_platform_list_of_one_per_event_parts_costs_the_same_for_1_and_5(route, factory):
    admin = ApiClient(UserFactory(is_admin=True))
    factory(event=EventFactory())
    one = _count(admin, f"/v1/{route}?include=event", 1)
    for _ in range(4):
        factory(event=EventFactory())
    assert _count(admin, f"/v1/{route}?include=event", 5) == one


@pytest.mark.parametrize(
    ("route", "make", "query"),
    [
        (
            "feedbacks",
            lambda e, u: FeedbackFactory(event=e, session=SessionFactory(event=e)),
            "include=session,user,event",
        ),
        ("video-streams", lambda e, u: VideoStreamFactory(event=e), "include=rooms,translation-channels"),
        ("badge-forms", lambda e, u: BadgeFormFactory(event=e, ticket=TicketFactory(event=e)), "include=ticket"),
    ],
    ids=["feedbacks", "video-streams", "badge-forms"],
)
def test_an_events_private_part_list_costs_the_same_for_1_and_5(organizer, org_api, event, route, make, query):
    make(event, organizer)
    one = _count(org_api, f"/v1/events/{event.pk}/{route}?{query}", 1)
    for _ in range(4):
        make(event, organizer)
    assert _count(org_api, f"/v1/events/{event.pk}/{route}?{query}", 5) == one


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/v1/user-favourite-sessions?include=session", lambda u: UserFavouriteSessionFactory(user=u)),
        ("/v1/user-favourite-events?include=event", lambda u: UserFavouriteEventFactory(user=u)),
        ("/v1/event-locations", lambda u: EventLocationFactory()),
        ("/v1/custom-placeholders?include=event-sub-topic", lambda u: CustomPlaceholderFactory()),
    ],
    ids=["favourite-sessions", "favourite-events", "event-locations", "custom-placeholders"],
)
def test_own_rows_and_catalogue_lists_cost_the_same_for_1_and_5(url, make):
    user = UserFactory()
    client = ApiClient(user)
    make(user)
    one = _count(client, url, 1)
    for _ in range(4):
        make(user)
    assert _count(client, url, 5) == one


def test_translation_channels_of_a_stream_cost_the_same_for_1_and_5(org_api, event):
    stream = VideoStreamFactory(event=event)
    TranslationChannelFactory(video_stream=stream)
    one = _count(org_api, f"/v1/video-streams/{stream.pk}/translation_channels?include=video-stream", 1)
    for _ in range(4):
        TranslationChannelFactory(video_stream=stream)
    assert _count(org_api, f"/v1/video-streams/{stream.pk}/translation_channels?include=video-stream", 5) == one
