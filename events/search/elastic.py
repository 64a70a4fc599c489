"""The Elasticsearch backend (django-elasticsearch-dsl documents, the official client below 9.4).

Everything engine-specific lives here and in `documents.py`. Searches and writes go through an alias
(`<SEARCH_INDEX_PREFIX>-events`); a rebuild fills a new concrete index with the bulk API from a streaming
query, swaps the alias to it in one atomic `_aliases` call, drops the old index, then re-sends the rows
changed while it ran. A search asks for the ids of the best `SEARCH_MAX_HITS` matches (restricted to the
list's own rows when those are few) and the database does the rest (other filters, sorting, paging).

Compatibility: the 9.x client announces `compatible-with=9`, which an Elasticsearch 8 server refuses;
`CompatTransport` pins the header to `ELASTICSEARCH_COMPATIBLE_WITH` (default 8, which Elasticsearch 8.x and
9.x both accept).
"""

import logging
import re
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Value, When
from django.utils import timezone
from django.utils.module_loading import import_string
from elastic_transport import Transport
from elastic_transport import TransportError as _TransportError
from elasticsearch import ApiError, Elasticsearch, helpers
from elasticsearch.dsl import Q
from elasticsearch.dsl.connections import connections

from events.search import SearchUnavailable
from events.search.registry import PREFIX_WEIGHTS
from events.search.text import MIN_PREFIX_LENGTH, allowed_edits

log = logging.getLogger(__name__)
_COMPAT_RE = re.compile(r"compatible-with=\d+")


class CompatTransport(Transport):
    """Sends `compatible-with=<ELASTICSEARCH_COMPATIBLE_WITH>` instead of the client's own major version."""

    compatible_with = "8"

    def perform_request(self, method, target, *, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                value = headers.get(name)
                if value and "compatible-with=" in value:
                    headers[name] = _COMPAT_RE.sub(f"compatible-with={self.compatible_with}", value)
        return super().perform_request(method, target, headers=headers, **kwargs)


def _setting(name, default):
    return getattr(settings, name, default)


# --- the client and the "engine is down" breaker ------------------------------------------------------------
_lock = threading.Lock()
_state = {"url": None, "client": None, "down_until": 0.0, "ensured": set()}


def configured():
    return bool(_setting("ELASTICSEARCH_URL", ""))


def client():
    url = _setting("ELASTICSEARCH_URL", "")
    with _lock:
        if _state["url"] != url or _state["client"] is None:
            transport = type("CompatTransport", (CompatTransport,), {})
            transport.compatible_with = str(_setting("ELASTICSEARCH_COMPATIBLE_WITH", "8"))
            es = Elasticsearch(
                url,
                transport_class=transport,
                request_timeout=float(_setting("SEARCH_ENGINE_TIMEOUT", 5)),
                max_retries=1,
                retry_on_timeout=False,
            )
            connections.add_connection("default", es)  # what the documents' `search()` uses
            _state.update(url=url, client=es, down_until=0.0, ensured=set())
        return _state["client"]


def mark_down():
    _state["down_until"] = time.monotonic() + float(_setting("SEARCH_RETRY_AFTER", 30))


def mark_up():
    _state["down_until"] = 0.0


def marked_down():
    return time.monotonic() < _state["down_until"]


def reset():
    """Forget the client, the breaker and which indices exist (tests; a changed URL does it too)."""
    with _lock:
        _state.update(url=None, client=None, down_until=0.0, ensured=set())


class _Unavailable:
    """Turns the client's transport and API errors into SearchUnavailable (and trips the breaker)."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is None or not isinstance(exc, (_TransportError, ApiError, helpers.BulkIndexError)):
            return False
        if isinstance(exc, _TransportError):
            mark_down()
        raise SearchUnavailable(f"{type(exc).__name__}: {exc}") from exc


class ElasticsearchBackend:
    name = "elasticsearch"

    def document(self, stype):
        return import_string(stype.document)

    def alias(self, stype):
        return self.document(stype)._index._name

    # --- index management ---------------------------------------------------------------------------------
    def _new_index(self, stype):
        alias = self.alias(stype)
        name = f"{alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        self.document(stype)._index.clone(name=name).create(using=client())
        return name

    def _alias_targets(self, alias):
        es = client()
        if not es.indices.exists_alias(name=alias):
            return []
        return sorted(es.indices.get_alias(name=alias).keys())

    def alias_targets(self, stype):
        with _Unavailable():
            return self._alias_targets(self.alias(stype))

    def ensure_index(self, stype):
        """Create the alias (over an empty index) when it does not exist, so writes never auto-create an
        index with guessed mappings."""
        alias = self.alias(stype)
        if alias in _state["ensured"]:
            return
        with _Unavailable():
            es = client()
            if not es.indices.exists_alias(name=alias):
                if es.indices.exists(index=alias):
                    raise SearchUnavailable(f"{alias} is an index, not an alias: run manage.py search_rebuild")
                name = self._new_index(stype)
                es.indices.update_aliases(actions=[{"add": {"index": name, "alias": alias}}])
        _state["ensured"].add(alias)

    # --- writing ------------------------------------------------------------------------------------------
    def index(self, stype, ids, *, index=None):
        """Index the rows of `ids` that exist and delete the others' documents, in one bulk request."""
        ids = sorted(set(ids))
        if not ids:
            return 0
        self.ensure_index(stype)
        target = index or self.alias(stype)
        document = self.document(stype)
        objs = {o.pk: o for o in stype.queryset().filter(pk__in=ids)}
        actions = [
            document.action(objs[pk], target) if pk in objs else {"_op_type": "delete", "_index": target, "_id": pk}
            for pk in ids
        ]
        with _Unavailable():
            _, errors = helpers.bulk(client(), actions, raise_on_error=False, refresh=self._refresh())
        errors = [e for e in errors if e.get("delete", {}).get("status") != 404]
        if errors:
            raise SearchUnavailable(f"{len(errors)} bulk item(s) failed, e.g. {errors[0]}")
        mark_up()
        return len(actions)

    def _refresh(self):
        # tests ask for searchable-at-once writes; production lets the engine refresh on its own schedule
        return "true" if _setting("SEARCH_REFRESH_ON_WRITE", False) else "false"

    def rebuild(self, stype, chunk_size=2000, progress=None):
        """A new index from a streaming query, an atomic alias swap, the old index dropped: searches keep
        answering from the old index until the swap, and from the new one after it."""
        alias = self.alias(stype)
        document = self.document(stype)
        started = timezone.now()
        with _Unavailable():
            es = client()
            old = self._alias_targets(alias)
            stray = [] if old else ([alias] if es.indices.exists(index=alias) else [])
            self._drop_leftovers(alias, keep=old)
            name = self._new_index(stype)
            try:
                count = self._fill(stype, document, name, chunk_size, progress)
            except BaseException:
                es.options(ignore_status=404).indices.delete(index=name)  # never leave a half-built index
                raise
            actions = [{"remove": {"index": index, "alias": alias}} for index in old]
            actions += [{"remove_index": {"index": index}} for index in stray]
            actions.append({"add": {"index": name, "alias": alias}})
            es.indices.update_aliases(actions=actions)
            for index in old:
                es.options(ignore_status=404).indices.delete(index=index)
        _state["ensured"].add(alias)
        # rows written while the new index was filling (their own sync went to the old one)
        since = started - timedelta(seconds=5)  # clocks of app servers drift a little
        changed = stype.queryset().filter(**{f"{stype.modified_field}__gte": since}).values_list("pk", flat=True)
        caught_up = 0
        changed = list(changed)
        for start in range(0, len(changed), chunk_size):
            caught_up += self.index(stype, changed[start : start + chunk_size])
        return {"backend": self.name, "documents": count, "index": name, "dropped": old + stray, "caught_up": caught_up}

    def _fill(self, stype, document, name, chunk_size, progress):
        """Stream every row into index `name` with the bulk API (`chunk_size` rows in memory at a time)."""
        es = client()
        bulk_client = es.options(request_timeout=max(60.0, float(_setting("SEARCH_ENGINE_TIMEOUT", 5))))
        rows = stype.queryset().iterator(chunk_size=chunk_size)
        count = 0
        for _ok, _item in helpers.streaming_bulk(
            bulk_client, (document.action(obj, name) for obj in rows), chunk_size=chunk_size, raise_on_error=True
        ):
            count += 1
            if progress and count % chunk_size == 0:
                progress(count)
        es.indices.refresh(index=name)
        return count

    def _drop_leftovers(self, alias, keep):
        """Indices of an earlier rebuild that died before its swap (only one rebuild runs at a time)."""
        es = client()
        for index in es.indices.get(index=f"{alias}-*", expand_wildcards="all", allow_no_indices=True):
            if index not in keep:
                es.options(ignore_status=404).indices.delete(index=index)

    def count(self, stype):
        with _Unavailable():
            return client().count(index=self.alias(stype))["count"]

    # --- searching ----------------------------------------------------------------------------------------
    def query(self, stype, qwords):
        must = []
        for word in qwords:
            should = [Q("multi_match", query=word, fields=stype.boosted_fields(), type="best_fields", boost=3)]
            if len(word) >= MIN_PREFIX_LENGTH:
                prefix_fields = stype.boosted_fields(".prefix", weights=PREFIX_WEIGHTS)
                should.append(Q("multi_match", query=word, fields=prefix_fields, type="best_fields"))
            if allowed_edits(word):
                should.append(
                    Q(
                        "multi_match",
                        query=word,
                        fields=stype.boosted_fields(),
                        type="best_fields",
                        fuzziness="AUTO",
                        prefix_length=0,
                        max_expansions=50,
                    )
                )
            must.append(Q("bool", should=should, minimum_should_match=1))
        return Q("bool", must=must)

    def search_ids(self, stype, qwords, *, scope, restrict_to=None, limit=None):
        """Ids of the best matches, most relevant first."""
        if marked_down():
            raise SearchUnavailable("the search engine failed recently; retrying after SEARCH_RETRY_AFTER")
        limit = limit or int(_setting("SEARCH_MAX_HITS", 1000))
        search = self.document(stype).search().query(self.query(stype, qwords)).source(False)
        if scope == "public":
            search = search.filter("term", public=True)
        if restrict_to is not None:
            search = search.filter("ids", values=[str(pk) for pk in restrict_to])
        search = search.extra(size=limit, track_total_hits=False)
        with _Unavailable():
            client()
            response = search.execute()
        mark_up()
        return [int(hit.meta.id) for hit in response]

    def filter(self, stype, queryset, qwords, *, scope):
        limit = int(_setting("SEARCH_MAX_HITS", 1000))
        candidates = list(queryset.order_by().values_list("pk", flat=True)[: limit + 1])
        restrict = candidates if len(candidates) <= limit else None
        ids = [] if not candidates else self.search_ids(stype, qwords, scope=scope, restrict_to=restrict, limit=limit)
        if scope == "public":
            queryset = queryset.filter(stype.public_q)
        return queryset.filter(pk__in=ids).annotate(search_order=position_of_pk(ids))

    # --- health -------------------------------------------------------------------------------------------
    def describe(self):
        with _Unavailable():
            es = client()
            info = es.info()
        version = info["version"]["number"]
        return f"Elasticsearch-compatible server {version} at {self._safe_url()}"

    def _safe_url(self):
        return re.sub(r"//[^@/]*@", "//", _setting("ELASTICSEARCH_URL", ""))


def position_of_pk(ids):
    """An expression giving each row's position in `ids` (0 first)."""
    if not ids:
        return Value(0, output_field=IntegerField())
    if connection.vendor == "postgresql":
        from django.contrib.postgres.fields import ArrayField
        from django.db.models import BigIntegerField
        from django.db.models.functions import Cast

        array = Cast(Value(list(ids)), ArrayField(BigIntegerField()))
        return Func(array, F("pk"), function="array_position", output_field=IntegerField())
    return Case(*[When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)], output_field=IntegerField())
