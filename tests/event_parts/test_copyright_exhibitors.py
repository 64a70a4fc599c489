"""An event's copyright (copyright.apib) and exhibitors (exhibitors.apib)."""

import pytest

from events.models import EventCopyright, Exhibitor
from tests.conftest import ApiClient, resource
from tests.event_parts.conftest import give_role, rel
from tests.event_parts.factories import EventCopyrightFactory, ExhibitorFactory
from tests.factories import EventFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

COPYRIGHT = {
    "holder": "Name of Holder",
    "holder-url": "http://holder-url.com",
    "licence": "Licence text",
    "licence-url": "http://licence-url.com",
    "year": 2007,
    "logo-url": "http://logo-url.com",
}


def test_organizer_sets_the_copyright_of_their_event(org_api, event):
    body = resource("event-copyright", COPYRIGHT, relationships={"event": rel("event", event.pk)})
    response = org_api.post("/v1/event-copyrights", body)
    assert response.status_code == 201, response.content
    attributes = response.json()["data"]["attributes"]
    assert attributes["year"] == 2007
    assert attributes["holder-url"] == "http://holder-url.com"
    assert attributes["deleted-at"] is None
    assert EventCopyright.objects.get().event == event


def test_the_event_shows_its_copyright(api, event):
    copyright = EventCopyrightFactory(event=event)
    response = api.get(f"/v1/events/{event.identifier}/event-copyright")
    assert response.json()["data"]["id"] == str(copyright.pk)


def test_one_copyright_per_event(org_api, event):
    EventCopyrightFactory(event=event)
    response = org_api.post(f"/v1/events/{event.pk}/event-copyrights", resource("event-copyright", COPYRIGHT))
    assert response.status_code == 409


def test_a_bad_url_or_year_is_a_422_and_writes_nothing(org_api, event):
    for attrs in ({**COPYRIGHT, "holder-url": "javascript:alert(1)"}, {**COPYRIGHT, "year": "soon"}):
        response = org_api.post(f"/v1/events/{event.pk}/event-copyrights", resource("event-copyright", attrs))
        assert response.status_code == 422, response.content
    assert not EventCopyright.objects.exists()


def test_exhibitors_are_listed_on_the_event_sorted_by_position(api, event):
    second = ExhibitorFactory(event=event, position=2)
    first = ExhibitorFactory(event=event, position=1)
    ExhibitorFactory()  # another event's
    response = api.get(f"/v1/events/{event.pk}/exhibitors?sort=position")
    assert [item["id"] for item in response.json()["data"]] == [str(first.pk), str(second.pk)]


def test_exhibitor_description_is_sanitized_and_sessions_stay_in_the_event(org_api, event):
    session = SessionFactory(event=event)
    foreign = SessionFactory(event=EventFactory())
    attrs = {"name": "Fossasia", "description": "<b>Open</b><img src=x onerror=alert(1)>"}
    ok = org_api.post(
        f"/v1/events/{event.pk}/exhibitors",
        resource(
            "exhibitor", attrs, relationships={"sessions": {"data": [{"type": "session", "id": str(session.pk)}]}}
        ),
    )
    assert ok.status_code == 201, ok.content
    exhibitor = Exhibitor.objects.get()
    assert exhibitor.description == '<b>Open</b><img src="x">'
    assert list(exhibitor.sessions.all()) == [session]
    bad = org_api.post(
        f"/v1/events/{event.pk}/exhibitors",
        resource(
            "exhibitor", attrs, relationships={"sessions": {"data": [{"type": "session", "id": str(foreign.pk)}]}}
        ),
    )
    assert bad.status_code == 422
    assert Exhibitor.objects.count() == 1


def test_a_session_lists_its_exhibitors(organizer, event):
    session = SessionFactory(event=event)
    exhibitor = ExhibitorFactory(event=event)
    exhibitor.sessions.add(session)
    response = ApiClient(organizer).get(f"/v1/sessions/{session.pk}/exhibitors")
    assert [item["id"] for item in response.json()["data"]] == [str(exhibitor.pk)]


def test_attendee_cannot_write_exhibitors(event):
    attendee = give_role(UserFactory(), event, "attendee")
    response = ApiClient(attendee).post(f"/v1/events/{event.pk}/exhibitors", resource("exhibitor", {"name": "x"}))
    assert response.status_code == 403
    assert not Exhibitor.objects.exists()
