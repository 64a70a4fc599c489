"""/v1/events: visibility, identifier addressing, create/update/delete/restore, filters, includes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event, EventTopic, EventType
from roles.models import Role, UsersEventsRoles
from tests.conftest import ApiClient, resource
from tests.factories import EventFactory, TicketFactory, UserFactory

pytestmark = pytest.mark.django_db


def event_doc(**attrs):
    start = timezone.now() + timedelta(days=30)
    attributes = {
        "name": "PyCon",
        "starts-at": start.isoformat(),
        "ends-at": (start + timedelta(days=2)).isoformat(),
        "timezone": "Europe/Berlin",
    }
    attributes.update(attrs)
    return resource("event", attributes)


def give_role(user, event, role):
    UsersEventsRoles.objects.create(user=user, event=event, role=Role.objects.get(name=role))


def ids(response):
    return [item["id"] for item in response.json()["data"]]


def pointer(response):
    return response.json()["errors"][0]["source"]["pointer"]


# --- create -----------------------------------------------------------------------------------------------------


def test_create_event_makes_creator_owner_and_organizer(user, user_api):
    response = user_api.post("/v1/events", event_doc(description="<p>Hi</p><script>alert(1)</script>"))
    assert response.status_code == 201
    data = response.json()["data"]
    event = Event.objects.get(pk=data["id"])
    assert event.owner == user
    assert UsersEventsRoles.objects.filter(user=user, event=event, role__name="organizer").count() == 1
    assert data["attributes"]["state"] == "draft"
    assert data["attributes"]["identifier"] == event.identifier
    assert "<script>" not in data["attributes"]["description"]
    assert response["Location"].endswith(f"/v1/events/{event.pk}")


def test_create_event_anonymous_is_401(api):
    assert api.post("/v1/events", event_doc()).status_code == 401


def test_create_event_ending_before_start_is_422_with_pointer(user_api):
    start = timezone.now() + timedelta(days=3)
    response = user_api.post(
        "/v1/events", event_doc(**{"starts-at": start.isoformat(), "ends-at": (start - timedelta(hours=1)).isoformat()})
    )
    assert response.status_code == 422
    assert pointer(response) == "/data/attributes/ends-at"
    assert not Event.objects.exists()


def test_create_event_with_unknown_timezone_is_422_and_writes_nothing(user_api):
    response = user_api.post("/v1/events", event_doc(timezone="Mars/Olympus"))
    assert response.status_code == 422
    assert pointer(response) == "/data/attributes/timezone"
    assert not Event.objects.exists() and not UsersEventsRoles.objects.exists()


def test_create_published_event_before_its_tickets_as_the_open_event_wizard_does(user_api):
    """The Open Event client's wizard posts the event published, then its tickets (which need its id)."""
    response = user_api.post("/v1/events", event_doc(state="published"))
    assert response.status_code == 201
    assert Event.objects.get().state == Event.State.PUBLISHED


def test_create_event_with_admin_only_flag_is_403(user_api):
    assert user_api.post("/v1/events", event_doc(**{"is-featured": True})).status_code == 403


# --- visibility ---------------------------------------------------------------------------------------------------


def test_drafts_are_listed_only_for_their_team_and_admins(api, admin_api):
    published = EventFactory()
    draft = EventFactory(state=Event.State.DRAFT)
    moderator, outsider, attendee = UserFactory(), UserFactory(), UserFactory()
    give_role(moderator, draft, "moderator")
    give_role(attendee, draft, "attendee")
    assert ids(api.get("/v1/events")) == [str(published.pk)]
    assert ids(ApiClient(outsider).get("/v1/events")) == [str(published.pk)]
    assert ids(ApiClient(attendee).get("/v1/events")) == [str(published.pk)]
    assert set(ids(ApiClient(moderator).get("/v1/events"))) == {str(published.pk), str(draft.pk)}
    assert set(ids(admin_api.get("/v1/events"))) == {str(published.pk), str(draft.pk)}
    assert api.get(f"/v1/events/{draft.identifier}").status_code == 404
    assert ApiClient(moderator).get(f"/v1/events/{draft.identifier}").status_code == 200


def test_event_is_addressable_by_id_and_identifier(api):
    event = EventFactory()
    by_id = api.get(f"/v1/events/{event.pk}").json()["data"]
    by_identifier = api.get(f"/v1/events/{event.identifier}").json()["data"]
    assert by_id == by_identifier
    assert by_id["id"] == str(event.pk)
    assert by_id["attributes"]["identifier"] == event.identifier


def test_all_digit_identifier_is_found():
    event = EventFactory()
    Event.objects.filter(pk=event.pk).update(identifier="98765432")
    assert ApiClient().get("/v1/events/98765432").json()["data"]["id"] == str(event.pk)


def test_missing_event_is_404(api):
    assert api.get("/v1/events/nope").status_code == 404


# --- update -------------------------------------------------------------------------------------------------------


def test_patch_by_identifier_accepts_either_id_form():
    event = EventFactory()
    organizer = UserFactory()
    give_role(organizer, event, "organizer")
    client = ApiClient(organizer)
    response = client.patch(f"/v1/events/{event.identifier}", resource("event", {"name": "A"}, id=event.pk))
    assert response.status_code == 200
    response = client.patch(f"/v1/events/{event.pk}", resource("event", {"name": "B"}, id=event.identifier))
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.name == "B"


def test_patch_with_another_events_id_is_409():
    event, other = EventFactory(), EventFactory()
    organizer = UserFactory()
    give_role(organizer, event, "organizer")
    response = ApiClient(organizer).patch(f"/v1/events/{event.pk}", resource("event", {"name": "X"}, id=other.pk))
    assert response.status_code == 409


def test_publish_needs_a_ticket():
    event = EventFactory(state=Event.State.DRAFT)
    organizer = UserFactory()
    give_role(organizer, event, "organizer")
    client = ApiClient(organizer)
    response = client.patch(f"/v1/events/{event.pk}", resource("event", {"state": "published"}, id=event.pk))
    assert response.status_code == 422
    assert pointer(response) == "/data/attributes/state"
    TicketFactory(event=event)
    response = client.patch(f"/v1/events/{event.pk}", resource("event", {"state": "published"}, id=event.pk))
    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["state"] == "published"


def test_patch_dates_out_of_order_is_422():
    event = EventFactory()
    organizer = UserFactory()
    give_role(organizer, event, "organizer")
    late = (event.ends_at + timedelta(days=3)).isoformat()
    response = ApiClient(organizer).patch(f"/v1/events/{event.pk}", resource("event", {"starts-at": late}, id=event.pk))
    assert response.status_code == 422
    assert pointer(response) == "/data/attributes/ends-at"


def test_organizer_cannot_set_admin_only_flags_but_admin_can(admin_api):
    event = EventFactory()
    organizer = UserFactory()
    give_role(organizer, event, "organizer")
    doc = resource("event", {"is-promoted": True}, id=event.pk)
    assert ApiClient(organizer).patch(f"/v1/events/{event.pk}", doc).status_code == 403
    assert admin_api.patch(f"/v1/events/{event.pk}", doc).status_code == 200


def test_patch_sets_topic_type_and_checks_sub_topic_belongs():
    event = EventFactory()
    organizer = UserFactory()
    give_role(organizer, event, "organizer")
    topic, other_topic = EventTopic.objects.create(name="Tech"), EventTopic.objects.create(name="Art")
    sub = other_topic.event_sub_topics.create(name="Painting")
    kind = EventType.objects.create(name="Conference")
    rel = {
        "event-topic": {"data": {"type": "event-topic", "id": str(topic.pk)}},
        "event-type": {"data": {"type": "event-type", "id": str(kind.pk)}},
    }
    client = ApiClient(organizer)
    response = client.patch(f"/v1/events/{event.pk}", resource("event", {}, id=event.pk, relationships=rel))
    assert response.status_code == 200
    event.refresh_from_db()
    assert (event.event_topic, event.event_type) == (topic, kind)
    rel = {"event-sub-topic": {"data": {"type": "event-sub-topic", "id": str(sub.pk)}}}
    response = client.patch(f"/v1/events/{event.pk}", resource("event", {}, id=event.pk, relationships=rel))
    assert response.status_code == 422


# --- delete, trash, restore -----------------------------------------------------------------------------------------


def test_soft_delete_trash_and_admin_restore(admin_api):
    event = EventFactory()
    organizer, outsider = UserFactory(), UserFactory()
    give_role(organizer, event, "organizer")
    client = ApiClient(organizer)
    assert client.delete(f"/v1/events/{event.pk}").status_code == 200
    event.refresh_from_db()
    assert event.deleted_at is not None
    assert ApiClient().get(f"/v1/events/{event.pk}").status_code == 404
    assert ids(ApiClient().get("/v1/events")) == []
    assert client.get(f"/v1/events/{event.pk}?get_trashed=true").status_code == 200
    assert ids(client.get("/v1/events?get_trashed=true")) == [str(event.pk)]
    assert ApiClient(outsider).get(f"/v1/events/{event.pk}?get_trashed=true").status_code == 404
    restore = resource("event", {"deleted-at": None}, id=event.pk)
    assert client.patch(f"/v1/events/{event.pk}?get_trashed=true", restore).status_code == 403
    response = admin_api.patch(f"/v1/events/{event.pk}", restore)
    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["deleted-at"] is None
    assert ApiClient().get(f"/v1/events/{event.pk}").status_code == 200


def test_permanent_delete_is_super_admin_only(admin_api, super_admin):
    event = EventFactory()
    assert admin_api.delete(f"/v1/events/{event.pk}?permanent=true").status_code == 403
    assert ApiClient(super_admin).delete(f"/v1/events/{event.pk}?permanent=true").status_code == 200
    assert not Event.objects.filter(pk=event.pk).exists()


def test_coorganizer_cannot_delete_event():
    event = EventFactory()
    coorganizer = UserFactory()
    give_role(coorganizer, event, "coorganizer")
    assert ApiClient(coorganizer).delete(f"/v1/events/{event.pk}").status_code == 403


# --- filters, sort, include ----------------------------------------------------------------------------------


def test_filters_both_syntaxes_and_sort(api):
    topic = EventTopic.objects.create(name="Science", slug="science")
    a = EventFactory(name="Alpha Conf", event_topic=topic, starts_at=timezone.now() + timedelta(days=5))
    b = EventFactory(name="Beta Meetup", starts_at=timezone.now() + timedelta(days=9))
    assert ids(api.get("/v1/events?filter[name.icontains]=alpha")) == [str(a.pk)]
    oef = '[{"name":"event-topic","op":"has","val":{"name":"slug","op":"eq","val":"science"}}]'
    assert ids(api.get(f"/v1/events?filter={oef}")) == [str(a.pk)]
    assert ids(api.get("/v1/events?sort=-starts-at")) == [str(b.pk), str(a.pk)]
    assert api.get("/v1/events?filter[ical-url]=x").status_code == 400  # computed, not a column


def test_list_with_includes_has_constant_query_count(api):
    topic = EventTopic.objects.create(name="Tech")
    kind = EventType.objects.create(name="Conference")

    def make():
        event = EventFactory(event_topic=topic, event_type=kind, owner=UserFactory())
        TicketFactory(event=event)

    make()
    url = "/v1/events?include=event-topic,event-sub-topic,event-type,owner,tickets"
    with CaptureQueriesContext(connection) as one:
        assert api.get(url).status_code == 200
    for _ in range(4):
        make()
    with CaptureQueriesContext(connection) as five:
        response = api.get(url)
    assert len(response.json()["data"]) == 5
    assert len(five.captured_queries) == len(one.captured_queries)
    included_types = {item["type"] for item in response.json()["included"]}
    assert included_types == {"event-topic", "event-type", "user", "ticket"}


def test_hidden_and_deleted_tickets_are_not_included_for_the_public(api):
    event = EventFactory()
    shown = TicketFactory(event=event)
    TicketFactory(event=event, is_hidden=True)
    gone = TicketFactory(event=event)
    gone.soft_delete()
    data = api.get(f"/v1/events/{event.pk}").json()
    assert [t["id"] for t in data["data"]["relationships"]["tickets"]["data"]] == [str(shown.pk)]


# --- /v1/users/<id>/events ------------------------------------------------------------------------------------------


def test_user_event_lists_by_role(admin_api):
    user = UserFactory()
    organized, moderated, attended = EventFactory(), EventFactory(), EventFactory()
    EventFactory()  # unrelated
    give_role(user, organized, "organizer")
    give_role(user, moderated, "moderator")
    give_role(user, attended, "attendee")
    organized.owner = user
    organized.save()
    client = ApiClient(user)
    assert set(ids(client.get(f"/v1/users/{user.pk}/events"))) == {str(organized.pk), str(moderated.pk)}
    assert ids(client.get(f"/v1/users/{user.pk}/organizer-events")) == [str(organized.pk)]
    assert ids(client.get(f"/v1/users/{user.pk}/moderator-events")) == [str(moderated.pk)]
    assert ids(client.get(f"/v1/users/{user.pk}/owner-events")) == [str(organized.pk)]
    assert ids(client.get(f"/v1/users/{user.pk}/registrar-events")) == []
    assert ids(admin_api.get(f"/v1/users/{user.pk}/organizer-events")) == [str(organized.pk)]
    assert ApiClient(UserFactory()).get(f"/v1/users/{user.pk}/events").status_code == 404
    assert admin_api.get("/v1/users/999999/events").status_code == 404


def test_user_events_list_query_count_is_constant():
    user = UserFactory()
    client = ApiClient(user)
    give_role(user, EventFactory(), "organizer")
    with CaptureQueriesContext(connection) as one:
        client.get(f"/v1/users/{user.pk}/events")
    for _ in range(4):
        give_role(user, EventFactory(owner=UserFactory()), "coorganizer")
    with CaptureQueriesContext(connection) as five:
        assert len(ids(client.get(f"/v1/users/{user.pk}/events"))) == 5
    assert len(five.captured_queries) == len(one.captured_queries)


def test_event_links_to_its_team_and_invites(api):
    event = EventFactory()
    relationships = api.get(f"/v1/events/{event.pk}").json()["data"]["relationships"]
    assert relationships["role-invites"]["links"]["related"].endswith(f"/v1/events/{event.pk}/role-invites")
    assert relationships["roles"]["links"]["related"].endswith(f"/v1/events/{event.pk}/roles")


def test_coorganizer_cannot_soft_delete_through_patch():
    event = EventFactory()
    coorganizer, organizer = UserFactory(), UserFactory()
    give_role(coorganizer, event, "coorganizer")
    give_role(organizer, event, "organizer")
    doc = resource("event", {"deleted-at": timezone.now().isoformat()}, id=event.pk)
    assert ApiClient(coorganizer).patch(f"/v1/events/{event.pk}", doc).status_code == 403
    event.refresh_from_db()
    assert event.deleted_at is None
    assert ApiClient(organizer).patch(f"/v1/events/{event.pk}", doc).status_code == 200
    event.refresh_from_db()
    assert event.deleted_at is not None


def test_trashed_event_cannot_be_edited_without_restoring():
    event = EventFactory()
    organizer = UserFactory()
    give_role(organizer, event, "organizer")
    event.soft_delete()
    doc = resource("event", {"name": "Ghost"}, id=event.pk)
    assert ApiClient(organizer).patch(f"/v1/events/{event.pk}", doc).status_code == 404
    assert ApiClient(UserFactory()).patch(f"/v1/events/{event.pk}", doc).status_code == 404
