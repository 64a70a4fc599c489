import pytest
from django.db import connection

from events.search import elastic
from tests.search.emulator import Emulator, skip_reason


@pytest.fixture(scope="session")
def es_emulator():
    """One Elasticsearch emulator (noida-db) per test session, on a free port."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    with Emulator() as emulator:
        yield emulator


def drop_indices():
    es = elastic.client()
    for name in es.indices.get(index="eventyay-*", expand_wildcards="all"):
        es.indices.delete(index=name)


@pytest.fixture
def engine(settings, es_emulator):
    """Search through the emulator: ELASTICSEARCH_URL points at it, writes are searchable at once."""
    settings.ELASTICSEARCH_URL = es_emulator.url
    settings.SEARCH_REFRESH_ON_WRITE = True
    elastic.reset()
    drop_indices()
    yield es_emulator
    elastic.reset()


@pytest.fixture
def no_engine(settings):
    settings.ELASTICSEARCH_URL = ""
    elastic.reset()
    yield
    elastic.reset()


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request):
    """Each search case runs against both backends."""
    if request.param == "elasticsearch":
        request.getfixturevalue("engine")
    else:
        request.getfixturevalue("no_engine")
    return request.param


def on_sqlite():
    return connection.vendor == "sqlite"
