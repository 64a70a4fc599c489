"""Search: one interface, two backends, one registry of searchable types.

    from events import search
    queryset, meta = search.filter_queryset("event", queryset, "berl pyhton", scope="public")

* `registry` — what is searchable (events today; sessions and speakers are one registration away).
* `database.DatabaseBackend` — PostgreSQL full-text search with trigram typo tolerance (SQLite: word-prefix
  matching with typo variants). Always kept in sync: it is the fallback.
* `elastic.ElasticsearchBackend` — django-elasticsearch-dsl documents, used for searching when
  `ELASTICSEARCH_URL` is set. When it does not answer, searches fall back to the database and say so in
  `meta` (`{"backend": "database", "fallback": true}`).
* `sync` — model signals queue the changed ids; after the transaction commits, Celery tasks update both
  backends in bulk (`tasks`). `rebuild()` (`manage.py search_rebuild`, weekly beat) rebuilds from scratch
  without downtime.
"""

import logging

from django.core.cache import cache

from events.search import registry
from events.search.text import query_words

log = logging.getLogger(__name__)


class SearchUnavailable(Exception):
    """The search engine did not answer (down, timing out, or refusing the request)."""


SCOPES = ("public", "all")


def database_backend():
    from events.search.database import DatabaseBackend

    return DatabaseBackend()


def engine_backend():
    """The Elasticsearch backend when `ELASTICSEARCH_URL` is set, else None."""
    from events.search import elastic

    return elastic.ElasticsearchBackend() if elastic.configured() else None


def backends():
    """Every backend kept in sync: the database always, the engine when configured."""
    engine = engine_backend()
    return [database_backend()] + ([engine] if engine else [])


def filter_queryset(kind, queryset, text, *, scope="public"):
    """`queryset` narrowed to the matches of `text` and annotated with `search_order` (ascending: most
    relevant first), and the meta to report: `{"backend": …, "fallback": bool}`.

    `scope="public"` finds only what anyone may find (published, not deleted events); `"all"` leaves
    visibility to `queryset` (the dashboard's own events, the admin's everything)."""
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}")
    stype = registry.get(kind)
    qwords = query_words(text)
    if not qwords:
        from django.db.models import IntegerField, Value

        return queryset.annotate(search_order=Value(0, output_field=IntegerField())), None
    engine = engine_backend()
    if engine is not None:
        try:
            return engine.filter(stype, queryset, qwords, scope=scope), {"backend": engine.name, "fallback": False}
        except SearchUnavailable as exc:
            log.warning("search engine unavailable, searching the database instead: %s", exc)
            return database_backend().filter(stype, queryset, qwords, scope=scope), {
                "backend": "database",
                "fallback": True,
            }
    return database_backend().filter(stype, queryset, qwords, scope=scope), {"backend": "database", "fallback": False}


def rebuild(kind=None, backend=None, chunk_size=2000, progress=None):
    """Rebuild the index of `kind` (default: every type) in `backend` ("database", "elasticsearch"; default:
    every configured one). One rebuild at a time per type and backend."""
    results = []
    for stype in [registry.get(kind)] if kind else registry.all_types():
        for target in backends():
            if backend and target.name != backend:
                continue
            lock = f"search:rebuild:{target.name}:{stype.name}"
            if not cache.add(lock, "1", timeout=6 * 3600):
                results.append({"type": stype.name, "backend": target.name, "skipped": "a rebuild is running"})
                continue
            try:
                result = target.rebuild(stype, chunk_size=chunk_size, progress=progress)
            finally:
                cache.delete(lock)
            results.append({"type": stype.name, **result})
    if backend and not results:
        raise LookupError(f"backend {backend!r} is not configured")
    return results


def health():
    """One line about the search backend in use and its index; raises when the engine is configured but down
    or has no index."""
    engine = engine_backend()
    database = database_backend()
    if engine is None:
        counts = ", ".join(f"{database.count(t)} {t.name}(s)" for t in registry.all_types())
        return f"database: {database.describe()}; indexed: {counts}"
    from events.search import elastic

    parts = [engine.describe()]
    for stype in registry.all_types():
        targets = engine.alias_targets(stype)
        if not targets:
            raise elastic.SearchUnavailable(f"no index behind {engine.alias(stype)}: run manage.py search_rebuild")
        parts.append(f"{engine.alias(stype)} -> {', '.join(targets)}: {engine.count(stype)} document(s)")
    elastic.mark_up()
    return "; ".join(parts)
