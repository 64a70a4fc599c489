"""One table of search cases, run against both backends: the database (PostgreSQL full-text search; on
SQLite the embedded fallback) and Elasticsearch (through the noida-db emulator)."""

import pytest

from events.models import Event
from events.search import filter_queryset
from tests.search.conftest import on_sqlite
from tests.search.corpus import make_corpus

SQLITE_NO_FIRST_LETTER_TYPOS = "SQLite: typo variants come from words sharing the first letter"

#: (query, expected keys; a list means this order, a set means any order)
CASES = [
    pytest.param("berlin", ["berlin", "data"], id="name-match-outranks-description-match"),
    pytest.param("berl", {"berlin"}, id="prefix-in-name-and-location-not-description"),
    pytest.param("pyth", {"berlin"}, id="prefix-in-name"),
    pytest.param("linu", {"munich"}, id="prefix-in-organizer"),
    pytest.param("learn", set(), id="no-prefix-inside-descriptions"),
    pytest.param("machin", {"data"}, id="typo-within-description"),
    pytest.param("machine", {"data"}, id="whole-word-in-description"),
    pytest.param("BERLIN", {"berlin", "data"}, id="case"),
    pytest.param("berlni", {"berlin", "data"}, id="typo-transposition"),
    pytest.param("pyhton", {"berlin"}, id="typo-transposition-in-description"),
    pytest.param("munchen", {"munich"}, id="accents-folded-in-document"),
    pytest.param("münchen", {"munich"}, id="accents-folded-in-query"),
    pytest.param("cafe", {"jazz"}, id="cafe"),
    pytest.param("jazz paris", {"jazz"}, id="words-across-fields"),
    pytest.param("paris jazz", {"jazz"}, id="word-order"),
    pytest.param("berlin jazz", set(), id="every-word-must-match"),
    pytest.param("linux foundation", {"munich"}, id="organizer-name"),
    pytest.param("music", {"jazz"}, id="topic"),
    pytest.param("vienna", {"kube"}, id="location"),
    pytest.param("wrkshop", ["kube", "data"], id="typo-deletion-name-before-description"),
    pytest.param("kubernetse", {"kube"}, id="typo-long-word"),
    pytest.param("summit op", {"munich"}, id="prefix-of-second-word"),
    pytest.param("secret", set(), id="drafts-not-public"),
    pytest.param("meetup", set(), id="deleted-not-public"),
    pytest.param("zzzzqq", set(), id="nothing"),
    pytest.param("b", set(), id="one-letter-is-not-a-prefix"),
    pytest.param("verlin", {"berlin", "data"}, id="typo-first-letter", marks=pytest.mark.first_letter),
]


@pytest.fixture
def corpus(db, backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_corpus()


def keys_of(corpus, ids):
    names = {event.pk: key for key, event in corpus.items()}
    return [names[pk] for pk in ids]


@pytest.mark.parametrize("query, expected", CASES)
def test_search_case(request, corpus, backend, query, expected):
    if request.node.get_closest_marker("first_letter") and backend == "database" and on_sqlite():
        pytest.skip(SQLITE_NO_FIRST_LETTER_TYPOS)
    queryset, meta = filter_queryset("event", Event.objects.all(), query, scope="public")
    found = keys_of(corpus, queryset.order_by("search_order", "pk").values_list("pk", flat=True))
    assert meta == {"backend": backend, "fallback": False}
    if isinstance(expected, list):
        assert found == expected
    else:
        assert set(found) == expected


def test_search_scope_all_finds_drafts_and_deleted(corpus, backend):
    queryset, _ = filter_queryset("event", Event.objects.all(), "berlin", scope="all")
    assert set(keys_of(corpus, queryset.values_list("pk", flat=True))) == {"berlin", "data", "draft", "deleted"}


def test_search_without_words_filters_nothing(corpus, backend):
    queryset, meta = filter_queryset("event", Event.objects.all(), " !? ", scope="public")
    assert meta is None
    assert queryset.count() == Event.objects.count()
