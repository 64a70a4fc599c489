"""Task leases (`events.transfer.lease`, issue 10, item 15): a running transfer renews its heartbeat; one whose
worker died is declared lost — FAILURE for the client, its leftovers deleted — and can no longer commit. The
live kill of a real worker is tests/security/test_faults_worker.py."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from events.models import TransferTask
from events.transfer import lease
from eventyay.private_storage import private_storage
from roles.auth import tokens_for
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def storage_roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.TRANSFER_LEASE_SECONDS = 10


def running(kind="import", seconds_since_heartbeat=0, **fields):
    beat = timezone.now() - timedelta(seconds=seconds_since_heartbeat)
    return TransferTask.objects.create(task_id=f"t-{kind}", user=UserFactory(), kind=kind, heartbeat_at=beat, **fields)


def poll(task):
    client = Client(headers={"Authorization": f"JWT {tokens_for(task.user)['access_token']}"})
    return client.get(f"/v1/tasks/{task.task_id}").json()


def test_a_task_with_a_fresh_heartbeat_is_started():
    task = running(seconds_since_heartbeat=3)
    assert poll(task) == {"state": "STARTED", "result": None}
    assert lease.declare_lost(task.task_id) is False


def test_a_task_whose_heartbeat_stopped_is_reported_lost_and_cleaned_up(django_capture_on_commit_callbacks):
    pending = private_storage().save("imports/pending/x/upload.zip", ContentFile(b"PK"))
    task = running(seconds_since_heartbeat=11, file_name=pending)
    stored = default_storage.save(f"imports/{task.task_id}/ab/logo.png", ContentFile(b"png"))
    with django_capture_on_commit_callbacks(execute=True):
        state = poll(task)
    assert state["state"] == "FAILURE" and "worker lost" in state["result"]
    assert not default_storage.exists(stored) and not private_storage().exists(pending)
    assert poll(task) == state  # and it stays so


def test_a_task_declared_lost_cannot_commit_afterwards():
    task = running(seconds_since_heartbeat=30)
    assert lease.declare_lost(task.task_id)
    with pytest.raises(lease.TransferFailed):
        lease.finish(task.task_id)
    assert lease.claim(task.task_id) is None  # nor start again


def test_a_finished_task_is_never_declared_lost():
    task = running(seconds_since_heartbeat=999, finished_at=timezone.now(), event=EventFactory())
    assert lease.declare_lost(task.task_id) is False
    assert poll(task)["state"] == "SUCCESS"


def test_the_sweeper_declares_lost_tasks_and_deletes_old_exports(settings):
    lost = running(kind="import", seconds_since_heartbeat=60)
    name = private_storage().save("exports/t-old/event.zip", ContentFile(b"PK"))
    old = TransferTask.objects.create(
        task_id="t-old",
        user=lost.user,
        kind="export",
        file_name=name,
        finished_at=timezone.now() - timedelta(hours=settings.EXPORT_RETENTION_HOURS + 1),
    )
    assert lease.sweep() == (1, 1)
    lost.refresh_from_db()
    old.refresh_from_db()
    assert "worker lost" in lost.failure
    assert old.file_name == "" and not private_storage().exists(name)
