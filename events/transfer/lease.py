"""A running export or import holds a lease; a task whose worker died is reported FAILURE within a bounded
time and leaves nothing behind (issue 10, item 15).

Why a lease and not only Celery's own signals: when a prefork worker loses a child process, Celery can mark
that task failed (`WorkerLostError`), but when the whole worker dies — SIGKILL, the OOM killer, a lost machine
— nothing is left to write anything and the result backend says STARTED forever. So the task itself says it
is alive:

* `claim()` at the start marks the `TransferTask` row running (`heartbeat_at`); a task that finished, failed
  or is held by another live worker (a duplicate delivery) does not run again;
* `heartbeat()` renews `heartbeat_at` every `TRANSFER_HEARTBEAT_SECONDS` from a thread while the work runs;
* `finish()` runs inside the task's final transaction: it locks the row and commits the result only if the
  server has not declared the task lost meanwhile (else everything rolls back);
* `declare_lost()` — asked by `/v1/tasks/<id>` on every poll and by the beat task `events.sweep_transfers` —
  turns a task without a heartbeat for `TRANSFER_LEASE_SECONDS` into FAILURE ("worker lost"), under the same
  row lock, and deletes what it may have left: the import's stored files (its rows died with its database
  connection: PostgreSQL rolls back an open transaction when the connection drops), the pending upload, a
  partial export.

The messages are acknowledged when a task starts (Celery's default, `acks_late=False`), so the broker does not
run a lost transfer a second time behind the user's back: they see FAILURE and may start it again.
"""

import contextlib
import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from events.models import TransferTask
from eventyay.private_storage import delete_folder, delete_quietly, private_storage

logger = logging.getLogger(__name__)

LOST = "The worker running this task stopped before it finished (worker lost); nothing was saved. Run it again."
UNEXPECTED = "The task failed unexpectedly; the error was logged."


class TransferFailed(Exception):
    """A readable reason; the task records it and answers FAILURE (`/v1/tasks/<id>` shows it as `result`)."""


def lease():
    return timedelta(seconds=settings.TRANSFER_LEASE_SECONDS)


def claim(task_id):
    """Mark the task running; returns its row, or None when it is not to run (finished, failed, or held by
    another worker whose lease is fresh)."""
    now = timezone.now()
    claimed = (
        TransferTask.objects.filter(task_id=task_id, finished_at__isnull=True, failure="")
        .filter(Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=now - lease()))
        .update(heartbeat_at=now)
    )
    return TransferTask.objects.filter(task_id=task_id).first() if claimed else None


@contextlib.contextmanager
def heartbeat(task_id, *, eager=False):
    """Renew the task's lease from a thread while the block runs (not for eager tasks: there is no worker to
    lose, and the caller's transaction may not be committed)."""
    if eager:
        yield
        return
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(settings.TRANSFER_HEARTBEAT_SECONDS):
                try:
                    TransferTask.objects.filter(task_id=task_id, finished_at__isnull=True, failure="").update(
                        heartbeat_at=timezone.now()
                    )
                except Exception:  # noqa: BLE001 — a missed beat is survivable; the lease is several beats long
                    logger.warning("heartbeat of task %s failed", task_id, exc_info=True)
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"lease-{task_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)


def finish(task_id, **fields):
    """In the task's final transaction: record success, unless the task was declared lost (TransferFailed
    then rolls the transaction back)."""
    row = TransferTask.objects.select_for_update().get(task_id=task_id)
    if row.failure:
        raise TransferFailed(row.failure)
    for name, value in fields.items():
        setattr(row, name, value)
    row.finished_at = timezone.now()
    row.save(update_fields=["finished_at", *fields])
    return row


def fail(task_id, reason):
    """Record why the task failed (its own, readable reason)."""
    TransferTask.objects.filter(task_id=task_id, finished_at__isnull=True, failure="").update(failure=reason)


def is_stale(row, started_at=None, now=None):
    """The task should be running but has not renewed its lease: its worker is gone. `started_at` (when the
    result backend says it started) stands in for a first heartbeat that never came."""
    if row.finished_at is not None or row.failure:
        return False
    last = row.heartbeat_at or started_at
    return last is not None and (now or timezone.now()) - last > lease()


def declare_lost(task_id, started_at=None):
    """FAILURE ("worker lost") for a running task whose lease expired; cleans up after it. Returns whether
    it did (False when the task finished, failed or renewed its lease meanwhile)."""
    with transaction.atomic():
        row = TransferTask.objects.select_for_update().filter(task_id=task_id).first()
        if row is None or not is_stale(row, started_at):
            return False
        row.failure = LOST
        row.save(update_fields=["failure"])
        transaction.on_commit(lambda: _after_loss(row))
    logger.warning("transfer task %s declared lost (no heartbeat for %ss)", task_id, settings.TRANSFER_LEASE_SECONDS)
    return True


def _after_loss(row):
    cleanup(row)
    try:
        from celery.exceptions import WorkerLostError

        from eventyay.celery import app

        app.backend.mark_as_failure(row.task_id, WorkerLostError(LOST))
    except Exception:  # noqa: BLE001 — the row already says FAILURE; the backend is a courtesy
        logger.warning("could not record the lost task %s in the result backend", row.task_id, exc_info=True)


def cleanup(row):
    """Delete what an unfinished task may have stored: an import's files, its pending upload, a partial export."""
    storage = private_storage()
    if row.kind == TransferTask.Kind.IMPORT:
        delete_folder(default_storage, f"imports/{row.task_id}")
        delete_quietly(storage, row.file_name)
    else:
        delete_folder(storage, f"exports/{row.task_id}")


def sweep():
    """Beat task body: declare lost tasks lost (nobody may be polling them) and delete exports past their
    retention. Returns (lost, expired)."""
    now = timezone.now()
    lost = 0
    stale = TransferTask.objects.filter(finished_at__isnull=True, failure="", heartbeat_at__lt=now - lease())
    for task_id in stale.values_list("task_id", flat=True):
        lost += declare_lost(task_id)
    expired = 0
    old = TransferTask.objects.filter(
        kind=TransferTask.Kind.EXPORT,
        finished_at__lt=now - timedelta(hours=settings.EXPORT_RETENTION_HOURS),
    ).exclude(file_name="")
    for row in old:
        delete_folder(private_storage(), f"exports/{row.task_id}")
        TransferTask.objects.filter(pk=row.pk).update(file_name="")
        expired += 1
    return lost, expired
