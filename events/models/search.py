"""The database search index: one entry per searchable object, kept in sync by `events.search`.

Each entry holds the object's folded words by weight (A most important … D least), padded with spaces so
that " berl" finds a word starting with "berl" on any database, and on PostgreSQL a weighted `tsvector` of
them (GIN-indexed, migration 0004). `SearchWord` is the vocabulary of every indexed word, trigram-indexed on
PostgreSQL: typo-tolerant search looks up the words near a query word there.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """Base of a searchable type's entry model (subclass it with a one-to-one `search_entry` link)."""

    weight_a = models.TextField(blank=True, default="")
    weight_b = models.TextField(blank=True, default="")
    weight_c = models.TextField(blank=True, default="")
    weight_d = models.TextField(blank=True, default="")
    #: PostgreSQL only (NULL on SQLite): setweight(to_tsvector('simple', weight_a), 'A') || … 'D'
    vector = SearchVectorField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class EventSearchEntry(SearchEntry):
    event = models.OneToOneField(
        "events.Event", on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )

    class Meta:
        db_table = "events_search_entry"


class SearchWord(models.Model):
    """A word that occurs in the index of a searchable type (never removed on updates; a rebuild renews it)."""

    kind = models.CharField(max_length=32)
    word = models.CharField(max_length=100)
    #: last time an indexed object held the word (a rebuild drops the words it did not see)
    seen_at = models.DateTimeField()

    class Meta:
        db_table = "events_search_word"
        constraints = [models.UniqueConstraint(fields=["kind", "word"], name="uniq_search_word")]
