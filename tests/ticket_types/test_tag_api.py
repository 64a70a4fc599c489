"""Attendee tags (`tag`): what the client's attendee list creates (its three read-only defaults), lists for the
event and assigns to attendees (`tag-id`)."""

import pytest

from tests.conftest import ApiClient, resource
from tests.factories import EventFactory, TicketFactory, UserFactory
from tests.ticket_types.conftest import assert_constant_queries
from tests.ticket_types.factories import TagFactory
from tickets.checkout import order_create
from tickets.models import Tag

pytestmark = pytest.mark.django_db


def tag_doc(event, name="Speakers", color="#FF0000", **attributes):
    """The document the client posts (`store.createRecord("tag", …).save()`)."""
    return resource(
        "tag",
        {"name": name, "color": color, "is-read-only": True, **attributes},
        relationships={"event": {"data": {"type": "event", "id": str(event.pk)}}},
    )


def test_the_clients_default_tags_are_created_and_listed(organizer_api, event):
    for name in ("Speakers", "Attendees", "VIPs"):
        response = organizer_api.post("/v1/tags", tag_doc(event, name=name))
        assert response.status_code == 201, response.content
    created = response.json()["data"]
    assert created["type"] == "tag"
    assert created["attributes"] == {"name": "VIPs", "color": "#FF0000", "is-read-only": True, "deleted-at": None}
    # the client keys events by identifier: the event linkage is links only unless included
    assert "data" not in created["relationships"]["event"]
    assert created["relationships"]["event"]["links"]["related"].endswith(f"/v1/tags/{created['id']}/event")
    listed = organizer_api.get(f"/v1/events/{event.pk}/tags").json()["data"]
    assert [t["attributes"]["name"] for t in listed] == ["Speakers", "Attendees", "VIPs"]
    assert (
        organizer_api.get(f"/v1/events/{event.identifier}/tags?filter[name]=VIPs").json()["data"][0]["id"]
        == (created["id"])
    )
    event_tags = organizer_api.get(f"/v1/events/{event.pk}?include=tags").json()
    assert len(event_tags["data"]["relationships"]["tags"]["data"]) == 3
    assert Tag.objects.filter(event=event, is_read_only=True).count() == 3


def test_tag_is_renamed_unless_read_only_and_deleted(organizer_api, event):
    tag = TagFactory(event=event, name="Press")
    doc = resource("tag", {"name": "Media", "color": "#00FF00"}, id=tag.pk)
    response = organizer_api.patch(f"/v1/tags/{tag.pk}", doc)
    assert response.status_code == 200, response.content
    tag.refresh_from_db()
    assert (tag.name, tag.color) == ("Media", "#00FF00")
    assert organizer_api.delete(f"/v1/tags/{tag.pk}").status_code == 200
    assert Tag.objects.get(pk=tag.pk).deleted_at is not None
    assert organizer_api.get(f"/v1/tags/{tag.pk}").status_code == 404

    fixed = TagFactory(event=event, name="VIPs", is_read_only=True)
    same = resource("tag", {"name": "VIPs", "color": fixed.color, "is-read-only": True}, id=fixed.pk)
    assert organizer_api.patch(f"/v1/tags/{fixed.pk}", same).status_code == 200  # the client re-saves it as is
    renamed = organizer_api.patch(f"/v1/tags/{fixed.pk}", resource("tag", {"name": "Guests"}, id=fixed.pk))
    assert renamed.status_code == 422
    assert organizer_api.delete(f"/v1/tags/{fixed.pk}").status_code == 422
    fixed.refresh_from_db()
    assert fixed.name == "VIPs" and fixed.deleted_at is None


def test_tag_needs_a_name_a_colour_and_an_event(organizer_api, event):
    assert organizer_api.post("/v1/tags", tag_doc(event, name="  ")).status_code == 422
    assert organizer_api.post("/v1/tags", tag_doc(event, color="red; background: url(x)")).status_code == 422
    without_event = resource("tag", {"name": "VIPs"})
    assert organizer_api.post("/v1/tags", without_event).status_code in (400, 422)
    assert Tag.objects.count() == 0


def test_tags_are_the_attendee_readers_and_written_by_managers(event, registrar_api, outsider_api):
    tag = TagFactory(event=event)
    assert registrar_api.get(f"/v1/events/{event.pk}/tags").status_code == 200
    assert registrar_api.get(f"/v1/tags/{tag.pk}").status_code == 200
    assert registrar_api.post("/v1/tags", tag_doc(event)).status_code == 403
    assert outsider_api.get(f"/v1/events/{event.pk}/tags").status_code == 403
    assert outsider_api.get(f"/v1/tags/{tag.pk}").status_code == 404
    assert outsider_api.post("/v1/tags", tag_doc(event)).status_code == 403
    assert ApiClient().get(f"/v1/events/{event.pk}/tags").status_code == 401
    other = TagFactory(event=EventFactory())
    assert registrar_api.get(f"/v1/tags/{other.pk}").status_code == 404
    assert Tag.objects.filter(event=event).count() == 1


def test_attendee_carries_a_tag_by_id(organizer_api, event):
    """The attendee list assigns a tag by setting the attendee's `tag-id` (and removes it with "")."""
    tag = TagFactory(event=event, name="VIPs")
    ticket = TicketFactory(event=event)
    attendee = order_create(
        actor=UserFactory(), event=event, items=[{"ticket": ticket.pk, "quantity": 1}]
    ).attendees.get()
    doc = resource("attendee", {"tag-id": tag.pk}, id=attendee.pk)
    response = organizer_api.patch(f"/v1/attendees/{attendee.pk}", doc)
    assert response.status_code == 200, response.content
    assert response.json()["data"]["attributes"]["tag-id"] == tag.pk
    attendee.refresh_from_db()
    assert attendee.tag_id == tag.pk


def test_tag_list_query_count_does_not_grow(organizer_api, event, django_assert_max_num_queries):
    url = f"/v1/events/{event.pk}/tags?include=event"
    assert_constant_queries(organizer_api, url, lambda: TagFactory(event=event), django_assert_max_num_queries)
