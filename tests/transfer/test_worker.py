"""Export and import through a real Celery worker process (PostgreSQL + Redis; CI sets both)."""

import json
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from events.models import Event
from roles.auth import tokens_for
from roles.models import Role, UsersEventsRoles
from tests.factories import EventFactory, TicketFactory, UserFactory
from tests.notifications.test_live_processes import child_env
from tests.servers import celery_worker, needs_postgres_and_redis

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    needs_postgres_and_redis,
]


def poll(client, task_url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = client.get(task_url).json()
        if state["state"] in ("SUCCESS", "FAILURE"):
            return state
        time.sleep(0.3)
    raise AssertionError(f"{task_url} still {state} after {timeout}s")


@pytest.fixture
def worker(settings, tmp_path):
    from eventyay.celery import app

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    try:
        env = {
            **child_env(),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
            "CELERY_TASK_ALWAYS_EAGER": "0",
        }
        with celery_worker(env):
            yield tmp_path / "media"
    finally:
        app.conf.task_always_eager = True


def test_export_then_import_through_a_real_worker(worker):
    organizer = UserFactory()
    event = EventFactory(name="Worker Summit")
    UsersEventsRoles.objects.create(user=organizer, event=event, role=Role.objects.get(name="organizer"))
    TicketFactory(event=event, name="Regular")
    client = Client(SERVER_NAME="localhost", headers={"Authorization": f"JWT {tokens_for(organizer)['access_token']}"})

    task_url = client.post(f"/v1/events/{event.pk}/export/json", {}, content_type="application/json").json()["task_url"]
    state = poll(client, task_url)
    assert state["state"] == "SUCCESS", state
    download = Client().get(state["result"]["download_url"].removeprefix("http://localhost"))
    assert download.status_code == 200
    assert not list(worker.glob("**/*.zip"))  # nothing under MEDIA_ROOT: the zip is private

    upload = SimpleUploadedFile("export.zip", b"".join(download.streaming_content))
    state = poll(client, client.post("/v1/events/import/json", {"file": upload}).json()["task_url"])
    assert state["state"] == "SUCCESS", state
    imported = Event.objects.get(pk=state["result"]["id"])
    assert imported.name == "Worker Summit" and imported.tickets.get().name == "Regular"


def test_a_failing_import_says_failure_promptly(worker):
    user = UserFactory()
    client = Client(headers={"Authorization": f"JWT {tokens_for(user)['access_token']}"})
    document = {"format": "eventyay-event", "version": 1, "event": {"name": "No dates"}}
    upload = SimpleUploadedFile("event.json", json.dumps(document).encode())
    started = time.monotonic()
    state = poll(client, client.post("/v1/events/import/json", {"file": upload}).json()["task_url"], timeout=30)
    assert state["state"] == "FAILURE"
    assert "starts_at" in state["result"]
    assert time.monotonic() - started < 30
