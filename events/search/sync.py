"""Continuous sync: every saved or deleted row of a searchable type (or of a model its text reads, such as
an event topic) queues its id; once the transaction commits, the queued ids go to Celery in batches, one task
per backend per batch.

Why model signals and not the services: events are written by the API, the dashboard wizard, the admin,
the importer and the copier, several of them being changed by other hands; `post_save`/`post_delete` see
every one of them without their code knowing about search. Queue-then-`on_commit` keeps the work out of
the transaction (a rolled-back change is never indexed, a worker never reads uncommitted rows) and turns a
transaction that touches many rows (an import, a copy) into one bulk task. The one path signals cannot see,
`QuerySet.update()`, calls `enqueue()` itself (the admin's restore action).
"""

import logging
import threading
from collections import defaultdict

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from events.search import registry

log = logging.getLogger(__name__)
BATCH = 500
_local = threading.local()


def _pending():
    if not hasattr(_local, "ids"):
        _local.ids = defaultdict(set)
    return _local.ids


def enqueue(kind, ids, using="default"):
    """Index `ids` of `kind` after the current transaction commits (at once outside a transaction)."""
    ids = [pk for pk in ids if pk is not None]
    if not ids:
        return
    _pending()[kind].update(ids)
    # one callback per change; the first to run takes every queued id, the others find nothing left
    transaction.on_commit(flush, using=using, robust=True)


def flush():
    pending = _pending()
    work = {kind: sorted(ids) for kind, ids in pending.items() if ids}
    pending.clear()
    for kind, ids in work.items():
        for start in range(0, len(ids), BATCH):
            dispatch(kind, ids[start : start + BATCH])


def dispatch(kind, ids):
    """Queue the index updates; a broker that is down costs a log line, never the user's request (the weekly
    rebuild repairs what was missed)."""
    from events.search import elastic, tasks

    jobs = [tasks.update_database_index]
    if elastic.configured():
        jobs.append(tasks.update_search_engine)
    for job in jobs:
        try:
            job.delay(kind, ids)
        except Exception:
            log.exception("could not queue %s for %d %s id(s)", job.name, len(ids), kind)


def _saved(sender, instance, **kwargs):
    for stype in registry.for_model(sender):
        enqueue(stype.name, [instance.pk], using=kwargs.get("using") or "default")


def _related_changed(sender, instance, **kwargs):
    for stype, lookup in registry.related_to(sender):
        ids = list(stype.model._base_manager.filter(**{lookup: instance.pk}).values_list("pk", flat=True))
        enqueue(stype.name, ids, using=kwargs.get("using") or "default")


def connect():
    for stype in registry.all_types():
        model = stype.model
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{stype.name}")
        post_delete.connect(_saved, sender=model, dispatch_uid=f"search-delete-{stype.name}")
        for label in stype.related:
            from django.apps import apps

            related = apps.get_model(label)
            post_save.connect(_related_changed, sender=related, dispatch_uid=f"search-rel-save-{label}")
            # before the delete: afterwards the rows no longer point at it
            pre_delete.connect(_related_changed, sender=related, dispatch_uid=f"search-rel-delete-{label}")
