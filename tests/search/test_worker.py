"""Sync through a real Celery worker (PostgreSQL + Redis) into the Elasticsearch emulator, including a write
that fails while the engine is down and succeeds on a later retry."""

import time

import pytest

from events.models import Event
from events.search import elastic, registry
from tests.factories import EventFactory
from tests.notifications.test_live_processes import child_env
from tests.search.emulator import Emulator, needs_emulator
from tests.servers import celery_worker, needs_postgres_and_redis

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    needs_postgres_and_redis,
    needs_emulator,
]

EVENT = registry.get("event")


def wait_for(predicate, timeout=40):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except Exception:  # noqa: BLE001 - the engine may be restarting
            pass
        time.sleep(0.3)
    raise AssertionError("the index did not catch up in time")


def engine_finds(word):
    elastic.mark_up()
    return [
        Event.objects.get(pk=pk).name for pk in elastic.ElasticsearchBackend().search_ids(EVENT, [word], scope="all")
    ]


@pytest.fixture
def emulator():
    with Emulator() as running:
        yield running


@pytest.fixture
def worker(settings, emulator):
    from eventyay.celery import app

    settings.ELASTICSEARCH_URL = emulator.url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    elastic.reset()
    env = {
        **child_env(),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "ELASTICSEARCH_URL": emulator.url,
        "SEARCH_REFRESH_ON_WRITE": "1",
        "SEARCH_SYNC_RETRY_BACKOFF": "1",
    }
    try:
        with celery_worker(env):
            yield emulator
    finally:
        app.conf.task_always_eager = True
        elastic.reset()


def test_a_failed_index_write_is_retried_until_the_engine_is_back(worker):
    event = EventFactory(name="Retry Regatta")  # committed: the worker indexes it
    wait_for(lambda: engine_finds("regatta") == ["Retry Regatta"])

    worker.stop()
    event.name = "Persistent Parade"
    event.save()  # the request side never notices; the worker's write fails and is retried (1 s, 2 s, 4 s …)
    time.sleep(2.5)
    worker.start()
    wait_for(lambda: engine_finds("parade") == ["Persistent Parade"])
    assert engine_finds("regatta") == []
