"""Rebuild without downtime: a new index from a streaming query, an atomic alias swap, the old index dropped,
while searches keep answering; the database index is rewritten in place."""

import threading
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from events import search
from events.models import Event, EventSearchEntry, SearchWord
from events.search import elastic, registry
from eventyay.celery import app
from tests.factories import EventFactory
from tests.search.emulator import needs_emulator

pytestmark = pytest.mark.django_db

EVENT = registry.get("event")


def bulk_events(n, name="Berlin Event"):
    """Rows straight into the table (no signals: nothing indexed until a rebuild)."""
    start = timezone.now() + timedelta(days=3)
    Event.objects.bulk_create(
        Event(name=f"{name} {i}", starts_at=start, ends_at=start, state="published") for i in range(n)
    )


@needs_emulator
def test_searches_keep_answering_while_the_index_is_rebuilt(engine):
    bulk_events(400)
    backend = elastic.ElasticsearchBackend()
    first = backend.rebuild(EVENT)
    assert first["documents"] == 400
    es, alias = elastic.client(), backend.alias(EVENT)
    answers, failures, stop = [], [], threading.Event()

    def keep_searching():
        query = backend.query(EVENT, ["berl"]).to_dict()
        while not stop.is_set():
            try:
                hits = es.search(index=alias, query=query, size=5, track_total_hits=True)["hits"]
                answers.append((hits["total"]["value"], {h["_index"] for h in hits["hits"]}))
            except Exception as exc:  # noqa: BLE001 - any failure is what this test looks for
                failures.append(exc)

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        while not answers:
            time.sleep(0.01)
        second = backend.rebuild(EVENT, chunk_size=50)
        time.sleep(0.2)
    finally:
        stop.set()
        searcher.join()
    assert failures == []
    assert len(answers) > 3 and all(total == 400 for total, _ in answers), answers[:5]
    served_by = set().union(*(indices for _, indices in answers))
    assert {first["index"], second["index"]} <= served_by  # both the old and the new index answered
    assert second["dropped"] == [first["index"]]
    assert backend.alias_targets(EVENT) == [second["index"]]
    assert not es.indices.exists(index=first["index"])


@needs_emulator
def test_rows_changed_during_a_rebuild_are_sent_again(engine, django_capture_on_commit_callbacks):
    bulk_events(300)
    backend = elastic.ElasticsearchBackend()
    backend.rebuild(EVENT)
    changed = Event.objects.order_by("pk").first()

    def change_midway(count):
        if count == 100:  # the new index is filling; the change goes to the old one through sync
            changed.name = "Renamed Midway"
            with django_capture_on_commit_callbacks(execute=True):
                changed.save()

    result = backend.rebuild(EVENT, chunk_size=100, progress=change_midway)
    assert result["caught_up"] >= 1
    assert backend.search_ids(EVENT, ["midway"], scope="public") == [changed.pk]


@needs_emulator
def test_rebuild_replaces_an_index_that_has_the_alias_name(engine):
    es = elastic.client()
    es.indices.create(index="eventyay-events")  # e.g. created by an older deployment
    bulk_events(3)
    result = elastic.ElasticsearchBackend().rebuild(EVENT)
    assert result["dropped"] == ["eventyay-events"]
    assert list(es.indices.get_alias(name="eventyay-events")) == [result["index"]]


def test_database_rebuild_rewrites_entries_and_prunes_the_vocabulary(no_engine, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = EventFactory(name="Quokka Festival")
    SearchWord.objects.create(kind="event", word="zebrafish", seen_at=timezone.now() - timedelta(days=1))
    EventSearchEntry.objects.filter(pk=event.pk).delete()
    bulk_events(5, name="Wombat Day")
    assert search.filter_queryset("event", Event.objects.all(), "quokka")[0].count() == 0

    results = search.rebuild(backend="database", chunk_size=2)
    assert results == [{"type": "event", "backend": "database", "documents": 6}]
    assert search.filter_queryset("event", Event.objects.all(), "quokka")[0].count() == 1
    assert search.filter_queryset("event", Event.objects.all(), "wombat")[0].count() == 5
    assert not SearchWord.objects.filter(word="zebrafish").exists()


@needs_emulator
def test_search_rebuild_command_rebuilds_every_backend(engine):
    bulk_events(4, name="Command Built")
    out = StringIO()
    call_command("search_rebuild", stdout=out)
    text = out.getvalue()
    assert "event / database: documents=4" in text
    assert "event / elasticsearch: documents=4" in text
    assert len(elastic.ElasticsearchBackend().search_ids(EVENT, ["command"], scope="public")) == 4


def test_rebuild_runs_weekly_through_celery_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["search-rebuild-weekly"]
    assert entry["task"] == "search.rebuild"
    assert entry["schedule"].day_of_week == {0}
    assert "search.rebuild" in app.tasks


@needs_emulator
def test_a_rebuild_that_fails_leaves_the_old_index_serving(engine):
    bulk_events(250)
    backend = elastic.ElasticsearchBackend()
    first = backend.rebuild(EVENT, chunk_size=100)
    elastic.client().indices.create(index="eventyay-events-leftover")  # from a rebuild that died earlier

    def fail(count):
        raise RuntimeError("worker killed")

    with pytest.raises(RuntimeError):
        backend.rebuild(EVENT, chunk_size=100, progress=fail)
    assert backend.alias_targets(EVENT) == [first["index"]]
    assert list(elastic.client().indices.get(index="eventyay-events-*")) == [first["index"]]
    assert len(backend.search_ids(EVENT, ["berlin"], scope="public")) == 250
