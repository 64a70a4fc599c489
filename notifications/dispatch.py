"""Dispatch after commit: Celery tasks (e-mails, exports, imports) and socket pushes survive Redis being away.

A committed write never turns into a 500 because Redis (broker or channel layer) is down, and nothing it
announces is lost:

* `dispatch_task(name, args)` writes an outbox row (`OutboxMessage`) in the caller's transaction — it commits
  or rolls back with the change it announces — and, once the transaction commits, hands the message to the
  broker and deletes the row. If the broker is away the row stays (the attempt is logged, never raised).
* `dispatch_push(user_id)` sends the user's unread state to their sockets after commit; if the channel layer
  is away it leaves an outbox row instead.
* `drain()` sends what waits in the outbox. Celery beat runs it every `OUTBOX_DRAIN_SECONDS`
  (`notifications.drain_outbox`): once Redis is back the first tick delivers the backlog. Rows are locked
  with SKIP LOCKED, so several dispatchers never send one row twice; a row that keeps failing for another
  reason is given up after `OUTBOX_MAX_ATTEMPTS` (logged, kept for an operator in the admin).

Delivery is at least once (a crash between the broker taking a message and the row's delete sends it again):
tasks are written to be safe to run twice. With eager Celery (the embedded mode: no broker) tasks run in
process after commit and no row is written.
"""

import importlib
import logging

from django.conf import settings
from django.db import transaction

from eventyay.celery import app
from notifications.models import OutboxMessage

logger = logging.getLogger(__name__)

#: one quick reconnect, then give up: the outbox is the retry
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


def _task(name):
    """The registered task `name` ("<app>.<task>"); its app's tasks module is imported on first use."""
    if name not in app.tasks:
        importlib.import_module(f"{name.split('.', 1)[0]}.tasks")
    return app.tasks[name]


def dispatch_task(name, args=(), kwargs=None, *, task_id=None):
    """Queue the Celery task `name` once the current transaction commits (see the module docstring)."""
    args, kwargs = list(args), dict(kwargs or {})
    if app.conf.task_always_eager:
        transaction.on_commit(lambda: _run_eagerly(name, args, kwargs, task_id))
        return
    row = OutboxMessage.objects.create(
        kind=OutboxMessage.Kind.TASK, name=name, args=args, kwargs=kwargs, task_id=task_id or ""
    )
    transaction.on_commit(lambda: _deliver_by_pk(row.pk))


def _run_eagerly(name, args, kwargs, task_id):
    """The embedded mode's task run, after commit: what it raises is logged, never raised into the request
    whose write is already committed."""
    try:
        _task(name).apply_async(args=args, kwargs=kwargs, task_id=task_id)
    except Exception:  # noqa: BLE001
        logger.exception("task %s failed after its transaction committed", name)


def dispatch_push(user_id, meta="New notifications"):
    """Push the user's unread state to their sockets after commit; defer it to the outbox if that fails."""
    transaction.on_commit(lambda: _push_or_defer(user_id, meta))


def _push_or_defer(user_id, meta):
    from notifications.services import push_unread

    try:
        push_unread(user_id, meta=meta)
    except Exception as exc:  # noqa: BLE001 — the write is committed; the push waits in the outbox
        logger.warning("push to user %s deferred: %s", user_id, exc)
        try:
            OutboxMessage.objects.create(
                kind=OutboxMessage.Kind.PUSH, name=meta, args=[user_id], attempts=1, last_error=repr(exc)[:2000]
            )
        except Exception:  # noqa: BLE001 — the database is away too: the bell re-syncs when it reconnects
            logger.exception("could not defer the push to user %s", user_id)


def _deliver(row):
    if row.kind == OutboxMessage.Kind.PUSH:
        from notifications.services import push_unread

        push_unread(row.args[0], meta=row.name)
        return
    _task(row.name).apply_async(
        args=row.args,
        kwargs=row.kwargs,
        task_id=row.task_id or None,
        retry=True,
        retry_policy=PUBLISH_RETRY_POLICY,
    )


def _attempt(row):
    """Deliver one locked row: delete it on success, count the failure otherwise. Returns success."""
    try:
        _deliver(row)
    except Exception as exc:  # noqa: BLE001 — never raised into the committed request
        logger.warning("outbox %s %s (%s) not delivered: %s", row.kind, row.name, row.pk, exc)
        row.attempts += 1
        row.last_error = repr(exc)[:2000]
        row.save(update_fields=["attempts", "last_error"])
        if row.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            logger.error("outbox %s %s (%s) given up after %s attempts", row.kind, row.name, row.pk, row.attempts)
        return False
    row.delete()
    return True


def _deliver_by_pk(pk):
    try:
        with transaction.atomic():
            row = OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if row is not None:  # else a dispatcher holds (or already sent) it
                _attempt(row)
    except Exception:  # noqa: BLE001 — the database itself failed after the commit: the row, if any, waits
        logger.exception("outbox row %s: delivery after commit failed", pk)


def drain(limit=500):
    """Deliver what waits in the outbox, oldest first; returns how many were delivered."""
    delivered = 0
    with transaction.atomic():
        rows = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(attempts__lt=settings.OUTBOX_MAX_ATTEMPTS)
            .order_by("created_at", "id")[:limit]
        )
        for row in rows:
            if _attempt(row):
                delivered += 1
            elif row.kind == OutboxMessage.Kind.TASK:
                break  # the broker is (again) away: the rest waits for the next run
    return delivered
