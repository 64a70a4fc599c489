"""Celery tasks of search: ids in, a backend call. Queued by `events.search.sync` after commit."""

import logging

from celery import shared_task
from django.conf import settings

from events import search
from events.search import elastic, registry

log = logging.getLogger(__name__)


@shared_task(
    name="search.update_database_index",
    ignore_result=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=3,
)
def update_database_index(kind, ids):
    search.database_backend().index(registry.get(kind), ids)


@shared_task(bind=True, name="search.update_search_engine", ignore_result=True)
def update_search_engine(self, kind, ids):
    """Send `ids` to the search engine; while it is down, retry with a growing delay (1, 2, 4 … minutes by
    default) up to SEARCH_SYNC_MAX_RETRIES times. Run eagerly (no worker), a failure is logged, not retried:
    the request that caused it must not wait."""
    if not elastic.configured():
        return
    try:
        elastic.ElasticsearchBackend().index(registry.get(kind), ids)
    except elastic.SearchUnavailable as exc:
        retries = self.request.retries
        if self.request.is_eager or retries >= int(getattr(settings, "SEARCH_SYNC_MAX_RETRIES", 8)):
            log.error("search engine update of %d %s id(s) failed for good: %s", len(ids), kind, exc)
            return
        base = float(getattr(settings, "SEARCH_SYNC_RETRY_BACKOFF", 60))
        raise self.retry(exc=exc, countdown=min(base * 2**retries, 3600), max_retries=None)


@shared_task(name="search.rebuild", ignore_result=True)
def rebuild(kind=None, backend=None):
    for result in search.rebuild(kind=kind, backend=backend):
        log.info("search rebuild: %s", result)
