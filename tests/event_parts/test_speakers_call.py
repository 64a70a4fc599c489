"""The speakers call of an event (speaker/speaker_calls.apib): one live call per event, organizers write it,
everyone reads it once the event is published, the event links to it."""

import pytest

from events.models import SpeakersCall
from tests.conftest import ApiClient, resource
from tests.event_parts.conftest import give_role, rel
from tests.event_parts.factories import SpeakersCallFactory
from tests.factories import EventFactory, UserFactory

ATTRS = {
    "announcement": "Speaker Call Announcement",
    "starts-at": "2027-06-01T01:24:47+00:00",
    "ends-at": "2027-06-20T01:24:47+00:00",
    "hash": "hash",
    "privacy": "public",
}

pytestmark = pytest.mark.django_db


def test_organizer_creates_the_speakers_call_of_their_event(org_api, event):
    response = org_api.post(
        "/v1/speakers-calls", resource("speakers-call", ATTRS, relationships={"event": rel("event", event.pk)})
    )
    assert response.status_code == 201, response.content
    data = response.json()["data"]
    assert data["type"] == "speakers-call"
    assert data["attributes"]["announcement"] == "Speaker Call Announcement"
    assert data["attributes"]["deleted-at"] is None
    assert "data" not in data["relationships"]["event"]  # links only: the client keys events by identifier
    assert SpeakersCall.objects.get().event == event


def test_a_second_live_call_for_the_same_event_is_a_conflict(org_api, event):
    SpeakersCallFactory(event=event)
    response = org_api.post(f"/v1/events/{event.pk}/speakers-calls", resource("speakers-call", ATTRS))
    assert response.status_code == 409, response.content
    assert SpeakersCall.objects.count() == 1


def test_after_a_soft_delete_a_new_call_may_be_created(org_api, event):
    call = SpeakersCallFactory(event=event)
    deleted = org_api.delete(f"/v1/speakers-calls/{call.pk}")
    assert deleted.json()["meta"] == {"message": "Object successfully deleted"}
    response = org_api.post(f"/v1/events/{event.pk}/speakers-calls", resource("speakers-call", ATTRS))
    assert response.status_code == 201, response.content


def test_the_event_links_to_its_speakers_call(api, event):
    call = SpeakersCallFactory(event=event)
    response = api.get(f"/v1/events/{event.pk}/speakers-call")
    assert response.status_code == 200, response.content
    assert response.json()["data"]["id"] == str(call.pk)
    by_identifier = api.get(f"/v1/events/{event.identifier}/speakers-call")
    assert by_identifier.json()["data"]["id"] == str(call.pk)
    included = api.get(f"/v1/events/{event.pk}?include=speakers-call").json()
    assert included["data"]["relationships"]["speakers-call"]["data"] == {"type": "speakers-call", "id": str(call.pk)}
    assert [item["type"] for item in included["included"]] == ["speakers-call"]


def test_announcement_html_is_sanitized(org_api, event):
    attrs = {**ATTRS, "announcement": '<p onclick="x()">Hi<script>alert(1)</script></p>'}
    response = org_api.post(f"/v1/events/{event.pk}/speakers-calls", resource("speakers-call", attrs))
    assert response.status_code == 201
    assert SpeakersCall.objects.get().announcement == "<p>Hi</p>"


def test_a_call_cannot_end_before_it_starts(org_api, event):
    attrs = {**ATTRS, "ends-at": "2027-05-01T00:00:00+00:00"}
    response = org_api.post(f"/v1/events/{event.pk}/speakers-calls", resource("speakers-call", attrs))
    assert response.status_code == 422
    assert not SpeakersCall.objects.exists()


def test_organizer_of_another_event_cannot_change_the_call(event):
    call = SpeakersCallFactory(event=event)
    other = EventFactory()
    stranger = give_role(UserFactory(), other, "organizer")
    response = ApiClient(stranger).patch(
        f"/v1/speakers-calls/{call.pk}", resource("speakers-call", {"announcement": "mine"}, id=call.pk)
    )
    assert response.status_code == 403
    call.refresh_from_db()
    assert call.announcement != "mine"


def test_the_call_of_a_draft_event_is_hidden_from_outsiders(db):
    from events.models import Event

    draft = EventFactory(state=Event.State.DRAFT)
    call = SpeakersCallFactory(event=draft)
    assert ApiClient(UserFactory()).get(f"/v1/speakers-calls/{call.pk}").status_code == 404
    organizer = give_role(UserFactory(), draft, "organizer")
    assert ApiClient(organizer).get(f"/v1/speakers-calls/{call.pk}").status_code == 200


def test_coorganizer_updates_the_call(event):
    call = SpeakersCallFactory(event=event)
    coorganizer = give_role(UserFactory(), event, "coorganizer")
    response = ApiClient(coorganizer).patch(
        f"/v1/speakers-calls/{call.pk}", resource("speakers-call", {"privacy": "private"}, id=call.pk)
    )
    assert response.status_code == 200, response.content
    assert response.json()["data"]["attributes"]["privacy"] == "private"


def test_the_event_links_its_invoices_and_ticket_tags_under_the_blueprints_names(api, event):
    relationships = api.get(f"/v1/events/{event.pk}").json()["data"]["relationships"]
    assert relationships["event-invoices"]["links"]["related"].endswith(f"/v1/events/{event.pk}/event-invoices")
    assert relationships["ticket-tags"]["links"]["related"].endswith(f"/v1/events/{event.pk}/ticket-tags")
    assert api.get(f"/v1/events/{event.pk}/ticket-tags").status_code == 200


def test_an_event_without_a_call_answers_404_on_its_speakers_call(api, event):
    """As the Open Event Server's SpeakersCallDetail does; the wizard's sessions & speakers step creates the call
    when it meets that 404 (a `data: null` answer left it without one and it crashed)."""
    response = api.get(f"/v1/events/{event.pk}/speakers-call")
    assert response.status_code == 404, response.content
    assert api.get(f"/v1/events/{event.pk}/relationships/speakers-call").json()["data"] is None
