"""Elasticsearch documents (django-elasticsearch-dsl). Imported only when `ELASTICSEARCH_URL` is set.

Text reaches Elasticsearch already folded and split into words by `events.search.text` (the database
backend reads the same words), so the analyzers only split on spaces: `folded` for whole words (and typo
tolerance through fuzzy queries), `prefix` (edge n-grams of 2–20 characters, searched with `folded`; on the
fields of weight A–C) for "berl" finding Berlin. `public` carries the registry's rule of who may find a row.

Syncing is ours (`events.search.sync`, after commit, through Celery, in bulk): the documents opt out of
django-elasticsearch-dsl's own signal handling (`ignore_signals`).
"""

from django.conf import settings
from django_elasticsearch_dsl import Document, Index, fields
from elasticsearch.dsl import analyzer, token_filter

from events.models import Event
from events.search import registry

_edge = token_filter("eventyay_edge", type="edge_ngram", min_gram=2, max_gram=20)
FOLDED = analyzer("eventyay_folded", tokenizer="whitespace", filter=["lowercase", "asciifolding"])
PREFIX = analyzer("eventyay_prefix", tokenizer="whitespace", filter=["lowercase", "asciifolding", _edge])


def searchable_text(prefix=True):
    """A text field; with `prefix`, a `.prefix` sub-field of edge n-grams (fields of registry.PREFIX_WEIGHTS)."""
    if not prefix:
        return fields.TextField(analyzer=FOLDED)
    return fields.TextField(
        analyzer=FOLDED, fields={"prefix": fields.TextField(analyzer=PREFIX, search_analyzer=FOLDED)}
    )


def index_alias(name):
    """The alias searches and writes go through; a rebuild points it at a fresh index."""
    return f"{settings.SEARCH_INDEX_PREFIX}-{name}s"


class SearchDocument(Document):
    """A registry type's document: its text fields and `public`, prepared from the registry."""

    search_type = None

    public = fields.BooleanField()

    def prepare(self, instance):
        stype = registry.get(self.search_type)
        return {**stype.texts(instance), "public": bool(stype.is_public(instance))}

    @classmethod
    def action(cls, instance, index):
        return {"_op_type": "index", "_index": index, "_id": instance.pk, "_source": cls().prepare(instance)}


events_index = Index(index_alias("event"))
events_index.settings(number_of_shards=1, number_of_replicas=0, max_result_window=10_000)


@events_index.document
class EventDocument(SearchDocument):
    search_type = "event"

    name = searchable_text()
    location = searchable_text()
    topic = searchable_text()
    organizer = searchable_text()
    description = searchable_text(prefix=False)
    organizer_description = searchable_text(prefix=False)

    class Django:
        model = Event
        ignore_signals = True
        auto_refresh = False
        queryset_pagination = 2000
