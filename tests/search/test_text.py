"""What a word is, and when two words are a typo apart (shared by both backends)."""

import pytest

from events.search import registry
from events.search.documents import EventDocument
from events.search.text import edit_distance, fold, is_typo_of, query_words, words


def test_fold_strips_html_accents_and_case():
    assert fold("<p>Café <b>MÜNCHEN</b> &amp; Straße</p>").split() == ["cafe", "munchen", "&", "strasse"]
    assert words("<p>Talks</p><p>about</p>") == ["talks", "about"]


def test_query_words_are_unique_and_capped():
    assert query_words("Berlin, berlin! snake_case 2026") == ["berlin", "snake", "case", "2026"]
    assert len(query_words(" ".join(f"w{i}" for i in range(20)))) == 8


@pytest.mark.parametrize(
    "a, b, distance",
    [
        ("berlin", "berlni", 1),
        ("python", "pyhton", 1),
        ("talk", "tlak", 1),
        ("workshop", "wrkshop", 1),
        ("abc", "xyz", 3),
    ],
)
def test_edit_distance_counts_a_transposition_as_one(a, b, distance):
    assert edit_distance(a, b, 5) == distance


@pytest.mark.parametrize(
    "query, word, expected",
    [
        ("berlni", "berlin", True),
        ("be", "bx", False),
        ("pari", "park", True),
        ("vienna", "viena", True),
        ("vienna", "viennese", False),
        ("jazz", "jazz", False),
    ],
)
def test_typo_budget_follows_elasticsearch_auto_fuzziness(query, word, expected):
    assert is_typo_of(query, word) is expected


def test_the_document_has_the_registry_fields():
    stype = registry.get("event")
    properties = EventDocument._doc_type.mapping.properties.to_dict()["properties"]
    assert set(properties) == {f.name for f in stype.fields} | {"public"}
    with_prefix = {name for name, spec in properties.items() if "prefix" in spec.get("fields", {})}
    assert with_prefix == {f.name for f in stype.fields if f.weight in registry.PREFIX_WEIGHTS}
