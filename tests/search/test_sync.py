"""Continuous sync: every kind of change to an event — through the API, the dashboard, the admin, the
importer, the copier, a topic rename — reaches both indexes (database and the Elasticsearch emulator) once
the transaction commits, in bulk, and a search engine that is down never fails the user's request."""

from datetime import timedelta

import pytest
from celery.signals import task_prerun
from django.db import transaction
from django.test import Client
from django.utils import timezone

from events import copy, search, transfer
from events.models import Event, EventSearchEntry, EventTopic
from events.search import elastic, registry
from roles.models import Role, UsersEventsRoles
from tests.conftest import ApiClient, resource
from tests.factories import EventFactory, TicketFactory, UserFactory
from tests.search.emulator import Emulator, needs_emulator
from tests.search.forms import form_data

pytestmark = [pytest.mark.django_db, needs_emulator]


def found(text, scope="public"):
    """Names found by the engine and by the database index (both must agree)."""
    stype = registry.get("event")
    qwords = search.query_words(text)
    engine = search.engine_backend()
    engine.ensure_index(stype)  # nothing may have been indexed yet
    in_engine = set(
        Event.objects.filter(pk__in=engine.search_ids(stype, qwords, scope=scope)).values_list("name", flat=True)
    )
    in_database = set(
        search.database_backend().filter(stype, Event.objects.all(), qwords, scope=scope).values_list("name", flat=True)
    )
    assert in_engine == in_database, (in_engine, in_database)
    return in_engine


@pytest.fixture
def synced(engine, django_capture_on_commit_callbacks):
    """Run a block, then what it queued for after its commit."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def organizer(db):
    return UserFactory()


def own(user, event):
    UsersEventsRoles.objects.create(user=user, event=event, role=Role.objects.get(name=Role.ORGANIZER))
    return event


def test_api_create_edit_publish_unpublish_delete_restore(synced, organizer, admin_api):
    client = ApiClient(organizer)
    starts = timezone.now() + timedelta(days=5)
    attributes = {
        "name": "Lisbon Ruby Days",
        "starts-at": starts.isoformat(),
        "ends-at": (starts + timedelta(days=1)).isoformat(),
        "timezone": "UTC",
    }
    with synced():
        response = client.post("/v1/events", resource("event", attributes))
    assert response.status_code == 201, response.content
    pk = response.json()["data"]["id"]
    assert found("lisbon") == set()  # a draft
    assert found("lisbon", scope="all") == {"Lisbon Ruby Days"}

    with synced():
        assert (
            client.patch(f"/v1/events/{pk}", resource("event", {"name": "Porto Ruby Days"}, id=pk)).status_code == 200
        )
    assert found("lisbon", scope="all") == set()
    assert found("porto", scope="all") == {"Porto Ruby Days"}

    TicketFactory(event_id=pk)
    with synced():
        assert client.patch(f"/v1/events/{pk}", resource("event", {"state": "published"}, id=pk)).status_code == 200
    assert found("porto") == {"Porto Ruby Days"}

    with synced():
        assert client.patch(f"/v1/events/{pk}", resource("event", {"state": "draft"}, id=pk)).status_code == 200
    assert found("porto") == set()
    with synced():
        client.patch(f"/v1/events/{pk}", resource("event", {"state": "published"}, id=pk))

    with synced():
        assert client.delete(f"/v1/events/{pk}").status_code == 200
    assert found("porto") == set()
    assert found("porto", scope="all") == {"Porto Ruby Days"}

    with synced():
        assert admin_api.patch(f"/v1/events/{pk}", resource("event", {"deleted-at": None}, id=pk)).status_code == 200
    assert found("porto") == {"Porto Ruby Days"}


def test_permanent_delete_removes_the_document(synced, super_admin):
    with synced():
        event = EventFactory(name="Ephemeral Gathering")
    assert found("ephemeral") == {"Ephemeral Gathering"}
    with synced():
        assert ApiClient(super_admin).delete(f"/v1/events/{event.pk}?permanent=true").status_code == 200
    assert found("ephemeral", scope="all") == set()
    assert not EventSearchEntry.objects.filter(pk=event.pk).exists()
    assert elastic.ElasticsearchBackend().count(registry.get("event")) == 0


def test_dashboard_wizard_create_is_indexed(synced, organizer):
    client = Client()
    client.force_login(organizer)
    data = {
        "name": "Wizard Made Conference",
        "starts_at": "2031-03-14T09:00",
        "ends_at": "2031-03-15T18:00",
        "timezone": "UTC",
        "location_name": "Kraków",
        "description": "",
    }
    with synced():
        assert client.post("/events/create", data).status_code == 302
    assert found("krakow", scope="all") == {"Wizard Made Conference"}


def test_admin_edit_and_restore_action_are_indexed(synced, super_admin):
    client = Client()
    client.force_login(super_admin)
    with synced():
        event = EventFactory(name="Admin Edited Fest")
    page = client.get(f"/admin/events/event/{event.pk}/change/")
    data = form_data(page.content.decode(), form_id="event_form", name="Admin Renamed Fest")
    with synced():
        response = client.post(f"/admin/events/event/{event.pk}/change/", data)
    assert response.status_code == 302, response.content[:3000]
    assert found("renamed") == {"Admin Renamed Fest"}

    with synced():
        Event.objects.get(pk=event.pk).soft_delete()
    assert found("renamed") == set()
    with synced():
        response = client.post("/admin/events/event/", {"action": "restore_events", "_selected_action": [event.pk]})
    assert response.status_code == 302
    assert found("renamed") == {"Admin Renamed Fest"}


def test_import_and_copy_are_indexed(synced, organizer):
    with synced():
        original = own(organizer, EventFactory(name="Original Oslo Meetup", location_name="Oslo"))
    content = transfer.event_export(event=original)
    with synced():
        imported = transfer.event_import(actor=organizer, content=content)
        copied = copy.event_copy(actor=organizer, event=original)
    assert imported.pk != copied.pk
    assert found("oslo", scope="all") == {"Original Oslo Meetup"}
    hits = search.filter_queryset("event", Event.objects.all(), "oslo", scope="all")[0]
    assert set(hits.values_list("pk", flat=True)) == {original.pk, imported.pk, copied.pk}


def test_topic_rename_reindexes_its_events(synced):
    topic = EventTopic.objects.create(name="Gardening")
    with synced():
        EventFactory(name="Spring Fair", event_topic=topic)
    assert found("gardening") == {"Spring Fair"}
    with synced():
        topic.name = "Horticulture"
        topic.save()
    assert found("gardening") == set()
    assert found("horticulture") == {"Spring Fair"}


def test_many_changes_in_one_transaction_are_one_bulk_task_per_backend(synced):
    runs = []

    def record(sender=None, args=None, **kwargs):
        if sender.name.startswith("search."):
            runs.append((sender.name, len(args[1])))

    task_prerun.connect(record)
    try:
        with synced(), transaction.atomic():
            for i in range(30):
                EventFactory(name=f"Bulk Event {i}")
    finally:
        task_prerun.disconnect(record)
    assert sorted(runs) == [("search.update_database_index", 30), ("search.update_search_engine", 30)]
    assert len(found("bulk")) == 30


def test_a_rolled_back_change_is_not_indexed(synced):
    with synced():
        try:
            with transaction.atomic():
                EventFactory(name="Never Committed")
                raise RuntimeError
        except RuntimeError:
            pass
    assert found("committed", scope="all") == set()


def test_engine_down_never_fails_the_request(settings, django_capture_on_commit_callbacks, organizer):
    with Emulator() as emulator:
        settings.ELASTICSEARCH_URL = emulator.url
        settings.SEARCH_REFRESH_ON_WRITE = True
        elastic.reset()
        with django_capture_on_commit_callbacks(execute=True):
            event = own(organizer, EventFactory(name="Resilient Rally"))
        emulator.stop()
        client = ApiClient(organizer)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.patch(f"/v1/events/{event.pk}", resource("event", {"name": "Sturdy Rally"}, id=event.pk))
        assert response.status_code == 200
        # the database index took the change; searches answer from it
        listed = client.get("/v1/events?filter[search]=sturdy").json()
        assert [row["attributes"]["name"] for row in listed["data"]] == ["Sturdy Rally"]
        assert listed["meta"]["search"] == {"backend": "database", "fallback": True}
    elastic.reset()
