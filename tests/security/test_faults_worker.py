"""A killed worker never leaves a task STARTED forever (issue 10, item 15).

A real Celery worker takes an export or an import; the test holds a table lock so the task is caught in the
middle of its work (the import has already written its event and stored its files), then SIGKILLs the worker.
`/v1/tasks/<id>` says FAILURE ("worker lost") within the lease, and the import leaves nothing behind: no
rows, no stored files, no pending upload."""

import io
import json
import os
import signal
import time
import zipfile
from contextlib import contextmanager

import psycopg
import pytest

from events.models import Event, TransferTask
from roles.auth import tokens_for
from roles.models import Role, UsersEventsRoles
from tests.factories import EventFactory, TrackFactory, UserFactory
from tests.images import png_bytes
from tests.security.conftest import database_url_for_children
from tests.security.http import Http
from tests.servers import PrivateRedis, asgi_server, celery_process, needs_postgres_and_redis

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), needs_postgres_and_redis]

LEASE = 6  # seconds without a heartbeat before a task is declared lost (the servers' setting below)


@contextmanager
def table_locked(table, mode):
    """Hold a lock on `table` from a connection of our own until the block ends."""
    with psycopg.connect(database_url_for_children()) as connection:
        connection.execute(f"LOCK TABLE {table} IN {mode} MODE")
        try:
            yield
        finally:
            connection.rollback()


@contextmanager
def worker_setup(live_env):
    with PrivateRedis() as redis:
        env = {
            **live_env,
            "REDIS_URL": redis.url,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "TRANSFER_HEARTBEAT_SECONDS": "1",
            "TRANSFER_LEASE_SECONDS": str(LEASE),
        }
        with asgi_server(env) as base, celery_process(env) as (_, worker):
            yield base, worker


def wait_for_state(client, task_url, wanted, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = client.get(task_url).json()
        if state["state"] in wanted:
            return state
        time.sleep(0.3)
    raise AssertionError(f"{task_url} is still {state} after {timeout}s")


def kill(worker):
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()


def test_a_worker_killed_mid_export_is_reported_lost(live_env, live_dirs, settings):
    settings.PRIVATE_MEDIA_ROOT = live_dirs["private"]
    organizer = UserFactory()
    event = EventFactory(name="Killed Export")
    UsersEventsRoles.objects.create(user=organizer, event=event, role=Role.objects.get(name="organizer"))
    TrackFactory(event=event)
    with worker_setup(live_env) as (base, worker):
        client = Http(base, tokens_for(organizer)["access_token"])
        with table_locked("events_track", "ACCESS EXCLUSIVE"):  # the export waits on its tracks
            task_url = client.post(f"/v1/events/{event.pk}/export/json", {}, content_type="application/json").json()[
                "task_url"
            ]
            assert wait_for_state(client, task_url, ("STARTED",), 60)["state"] == "STARTED"
            time.sleep(LEASE + 1)  # a running task keeps its lease: still STARTED well past it
            assert client.get(task_url).json()["state"] == "STARTED"
            kill(worker)
        killed = time.monotonic()
        state = wait_for_state(client, task_url, ("FAILURE", "SUCCESS"), LEASE + 30)
        assert state["state"] == "FAILURE"
        assert "worker lost" in state["result"]
        assert time.monotonic() - killed < LEASE + 30
    assert not list(live_dirs["private"].glob(f"exports/{task_url.rsplit('/', 1)[1]}/*"))


def export_zip():
    document = {
        "format": "eventyay-event",
        "version": 1,
        "event": {
            "name": "Killed Import",
            "starts_at": "2031-05-01T10:00:00Z",
            "ends_at": "2031-05-02T10:00:00Z",
            "logo_url": "/media/old/logo.png",
        },
        "tracks": [{"id": 1, "name": "Web"}],
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("event.json", json.dumps(document))
        archive.writestr("media/old/logo.png", png_bytes(16, 16))
    return out.getvalue()


def test_a_worker_killed_mid_import_leaves_nothing_behind(live_env, live_dirs, settings):
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = live_dirs["media"], live_dirs["private"]
    user = UserFactory()
    with worker_setup(live_env) as (base, worker):
        client = Http(base, tokens_for(user)["access_token"])
        with table_locked("events_track", "SHARE"):  # the import writes its event and logo, then waits here
            answer = client.multipart("/v1/events/import/json", "file", "export.zip", export_zip(), "application/zip")
            task_url = answer.json()["task_url"]
            task_id = task_url.rsplit("/", 1)[1]
            wait_for_state(client, task_url, ("STARTED",), 60)
            stored = live_dirs["media"] / "imports" / task_id
            deadline = time.monotonic() + 30
            while not any(p.is_file() for p in stored.rglob("*")) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert any(p.is_file() for p in stored.rglob("*")), "the import had not stored its logo yet"
            kill(worker)
        state = wait_for_state(client, task_url, ("FAILURE", "SUCCESS"), LEASE + 30)
    assert state["state"] == "FAILURE"
    assert "worker lost" in state["result"]
    assert Event.objects.filter(name="Killed Import").count() == 0
    assert not any(p.is_file() for p in stored.rglob("*"))
    pending = TransferTask.objects.get(task_id=task_id).file_name
    assert pending and not (live_dirs["private"] / pending).exists()
