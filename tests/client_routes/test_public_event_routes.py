"""Named routes of an event that the Open Event client's public pages call, answered as the Open Event Server
answers them: `has-streams`, `sessions/dates` and `sessions/languages` (plain JSON, not JSON:API documents)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from events.models import Event
from tests.factories import EventFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(timezone="Asia/Singapore", schedule_published_on=timezone.now())


def test_has_streams_of_an_event_without_a_stream_says_none(api, event):
    response = api.get(f"/v1/events/{event.identifier}/has-streams")
    assert response.status_code == 200
    assert response.json() == {"exists": False, "can_access": False}


def test_has_streams_of_a_draft_is_not_found_for_outsiders(api, user_api):
    draft = EventFactory(state=Event.State.DRAFT)
    assert api.get(f"/v1/events/{draft.pk}/has-streams").status_code == 404
    assert user_api.get(f"/v1/events/{draft.pk}/has-streams").status_code == 404


def test_session_dates_are_the_days_of_scheduled_sessions_in_the_event_time_zone(api, event):
    singapore = ZoneInfo("Asia/Singapore")
    late = datetime(2031, 5, 1, 23, 30, tzinfo=singapore)  # 15:30 UTC: still 1 May in Singapore
    SessionFactory(event=event, state="accepted", starts_at=late)
    SessionFactory(event=event, state="confirmed", starts_at=late + timedelta(days=1))
    SessionFactory(event=event, state="accepted", starts_at=late + timedelta(hours=1))  # 2 May too
    SessionFactory(event=event, state="pending", starts_at=late + timedelta(days=5))
    SessionFactory(event=event, state="accepted", starts_at=None)

    response = api.get(f"/v1/events/{event.pk}/sessions/dates")

    assert response.status_code == 200
    assert response.json() == ["2031-05-01", "2031-05-02"]


def test_session_languages_are_those_of_scheduled_sessions(api, event):
    SessionFactory(event=event, state="accepted", language="German")
    SessionFactory(event=event, state="confirmed", language="English")
    SessionFactory(event=event, state="accepted", language="English")
    SessionFactory(event=event, state="rejected", language="French")
    SessionFactory(event=event, state="accepted", language="")

    response = api.get(f"/v1/events/{event.identifier}/sessions/languages")

    assert response.status_code == 200
    assert response.json() == ["English", "German"]


def test_the_schedule_stays_private_until_it_is_published(api, event):
    event.schedule_published_on = None
    event.save()
    SessionFactory(event=event, state="accepted", language="English", starts_at=event.starts_at)

    assert api.get(f"/v1/events/{event.pk}/sessions/dates").json() == []
    assert api.get(f"/v1/events/{event.pk}/sessions/languages").json() == []


def test_named_session_routes_of_an_unknown_event_are_not_found(api):
    assert api.get("/v1/events/nope/sessions/dates").status_code == 404
    assert api.get("/v1/events/nope/sessions/languages").status_code == 404


def test_has_streams_says_whether_a_stream_exists_and_who_may_join_it(api, user_api, user, event):
    from roles.models import Role, UsersEventsRoles
    from tests.event_parts.factories import VideoStreamFactory

    VideoStreamFactory(event=event)
    assert api.get(f"/v1/events/{event.identifier}/has-streams").json() == {"exists": True, "can_access": False}
    assert user_api.get(f"/v1/events/{event.pk}/has-streams").json() == {"exists": True, "can_access": False}
    UsersEventsRoles.objects.create(user=user, event=event, role=Role.objects.get_or_create(name="attendee")[0])
    assert user_api.get(f"/v1/events/{event.pk}/has-streams").json() == {"exists": True, "can_access": True}
