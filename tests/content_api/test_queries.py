"""Every list of an event part costs the same number of queries for 1 and for 5 items (includes too): an
event's list, and the platform-wide list admins read (one-per-event parts: one row per event)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import ApiClient
from tests.content_api.factories import EventCopyrightFactory, ExhibitorFactory, SpeakersCallFactory
from tests.factories import EventFactory, SessionFactory, UserFactory

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
