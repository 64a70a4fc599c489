"""`/v1/<types>/<id>/relationships/<relationship>`: linkage; writes as a PATCH of the resource would do them."""

import pytest

from events.models import EventTopic
from tests.conftest import ApiClient
from tests.dialect.conftest import give_role
from tests.factories import AccessCodeFactory, SessionFactory, TicketFactory, TrackFactory, UserFactory

pytestmark = pytest.mark.django_db


def linkage(response):
    assert response.status_code == 200, response.content[:400]
    return response.json()["data"]


def test_get_to_one_and_to_many_linkage(event, organizer):
    access = AccessCodeFactory(event=event)
    ticket = TicketFactory(event=event)
    access.tickets.add(ticket)
    api = ApiClient(organizer)
    body = api.get(f"/v1/access-codes/{access.pk}/relationships/tickets").json()
    assert body["data"] == [{"type": "ticket", "id": str(ticket.pk)}]
    assert body["links"]["related"].endswith(f"/v1/access-codes/{access.pk}/tickets")
    assert linkage(api.get(f"/v1/access-codes/{access.pk}/relationships/event")) == {
        "type": "event",
        "id": str(event.pk),
    }


def test_patch_to_one_replaces_it_with_the_update_rules(event, organizer):
    track = TrackFactory(event=event)
    session = SessionFactory(event=event)
    url = f"/v1/sessions/{session.pk}/relationships/track"
    document = {"data": {"type": "track", "id": str(track.pk)}}
    assert ApiClient(UserFactory()).patch(url, document).status_code == 404
    assert linkage(ApiClient(organizer).patch(url, document)) == {"type": "track", "id": str(track.pk)}
    session.refresh_from_db()
    assert session.track_id == track.pk
    assert linkage(ApiClient(organizer).patch(url, {"data": None})) is None
    session.refresh_from_db()
    assert session.track_id is None


def test_a_track_of_another_event_is_refused_by_the_service(event, organizer):
    session = SessionFactory(event=event)
    other_track = TrackFactory()
    response = ApiClient(organizer).patch(
        f"/v1/sessions/{session.pk}/relationships/track", {"data": {"type": "track", "id": str(other_track.pk)}}
    )
    assert response.status_code == 422
    session.refresh_from_db()
    assert session.track_id is None


def test_post_adds_to_and_delete_removes_from_a_to_many_relationship(event, organizer):
    access = AccessCodeFactory(event=event)
    one, two = TicketFactory(event=event), TicketFactory(event=event)
    access.tickets.add(one)
    url = f"/v1/access-codes/{access.pk}/relationships/tickets"
    api = ApiClient(organizer)
    added = linkage(api.post(url, {"data": [{"type": "ticket", "id": str(two.pk)}]}))
    assert sorted(item["id"] for item in added) == sorted([str(one.pk), str(two.pk)])
    kept = linkage(api.delete(url, {"data": [{"type": "ticket", "id": str(one.pk)}]}))
    assert kept == [{"type": "ticket", "id": str(two.pk)}]
    replaced = linkage(api.patch(url, {"data": []}))
    assert replaced == []
    assert list(access.tickets.all()) == []


def test_post_on_a_to_one_relationship_is_405(event, organizer):
    session = SessionFactory(event=event)
    response = ApiClient(organizer).post(f"/v1/sessions/{session.pk}/relationships/track", {"data": []})
    assert response.status_code == 405


def test_read_only_relationship_cannot_be_changed(event, organizer):
    ticket = TicketFactory(event=event)
    response = ApiClient(organizer).patch(
        f"/v1/tickets/{ticket.pk}/relationships/event", {"data": {"type": "event", "id": str(event.pk)}}
    )
    assert response.status_code == 403
    assert response.json()["errors"][0]["status"] == "403"


def test_relationship_writes_need_the_update_permission(event):
    coorganizer, moderator = UserFactory(), UserFactory()
    give_role(coorganizer, event, "coorganizer")
    give_role(moderator, event, "moderator")
    topic = EventTopic.objects.create(name="Science")
    url = f"/v1/events/{event.pk}/relationships/event-topic"
    document = {"data": {"type": "event-topic", "id": str(topic.pk)}}
    assert ApiClient().patch(url, document).status_code == 401
    assert ApiClient(moderator).patch(url, document).status_code == 403
    assert linkage(ApiClient(coorganizer).patch(url, document)) == {"type": "event-topic", "id": str(topic.pk)}


@pytest.mark.parametrize(
    "document",
    [
        {"data": [{"type": "event", "id": "1"}]},
        {"data": {"type": "ticket", "id": "1"}},
        {"nodata": []},
        {"data": [{"type": "ticket", "id": "999999"}]},
    ],
)
def test_bad_relationship_documents_are_4xx_and_write_nothing(event, organizer, document):
    access = AccessCodeFactory(event=event)
    ticket = TicketFactory(event=event)
    access.tickets.add(ticket)
    response = ApiClient(organizer).patch(f"/v1/access-codes/{access.pk}/relationships/tickets", document)
    assert 400 <= response.status_code < 500
    assert list(access.tickets.all()) == [ticket]
