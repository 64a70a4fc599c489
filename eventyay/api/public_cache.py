"""Anonymous reads of public resources, answered from the cache (Redis when configured).

What is cached: `GET` of a `list` or `retrieve` action whose permission rule is `"public"`, by a request that
carries neither an `Authorization` header nor a session cookie (so every such reader sees the same document),
answered 200. The entry holds the body, the headers the view set and the ETag; a matching `If-None-Match` is
answered 304 from the entry without touching the database or serializing anything.

Invalidation: every entry is stamped with the content generation current when its request started. Any
INSERT, UPDATE or DELETE on any table but sessions and Celery bookkeeping (seen on the database connection
itself, so bulk `update()`, raw SQL, Celery workers and management commands count too) replaces the
generation with a fresh random token once the transaction commits, and entries stamped with an older one are
never answered again: a change is visible on the very next request. Entries also expire after
`API_PUBLIC_CACHE_SECONDS`. A cache that is down or full is a miss, never an error.

Each process keeps the entries it answered lately in memory (`API_PUBLIC_CACHE_LOCAL_BYTES`, least recently
used first out), and learns every new generation from a Redis subscription (eventyay.api.generation) without a
round trip: a hit on an entry it holds, or a 304, costs no call to Redis at all. An entry in memory is answered
only under the current generation, so a write in any process is seen as quickly as without it. Without a
trusted subscription (Redis away, reconnecting, or not verified in the last second), the generation and the
entry are read with one MGET, as when the subscription did not exist.
"""

import gzip
import hashlib
import logging
import re
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers

from eventyay.api import etag as etags
from eventyay.api import generation as generations
from eventyay.api.generation import GENERATION_KEY

logger = logging.getLogger(__name__)

ENTRY_PREFIX = "eventyay:api:public:"
#: tables whose writes never change an API document (sessions, Celery bookkeeping); every other table counts
IGNORED_TABLE_PREFIXES = ("django_session", "django_celery_results", "django_celery_beat", "django_admin_log")
_WRITTEN_TABLE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([^\s"(]+)', re.IGNORECASE)
VALIDATOR_PREFIX = "eventyay:api:tag:"
CACHED_ACTIONS = ("list", "retrieve")
#: headers the view sets that a cached answer repeats (middleware adds its own on the way out, as usual)
_SKIPPED_HEADERS = {"content-length"}
#: bodies at least this long are also kept gzip-compressed (once, when stored) for clients that accept it
GZIP_MIN_BYTES = 1024


def enabled():
    return getattr(settings, "API_PUBLIC_CACHE", False)


# --- generation -------------------------------------------------------------------------------------------
def bump_generation():
    """Invalidate every cached answer (called after a commit that changed watched tables)."""
    try:
        generations.bump()
    except Exception:  # noqa: BLE001 - then entries expire by their timeout; never fail the write
        logger.warning("could not bump the API cache generation", exc_info=True)
        generations.watch.forget()
        try:
            cache.delete(GENERATION_KEY)
        except Exception:  # noqa: BLE001
            pass


def _read_many(keys):
    """cache.get_many(keys) in one round trip (through one reused client for Django's Redis cache)."""
    client, backend = generations.redis_client()
    if client is None:
        return backend.get_many(keys)
    serializer = backend._cache._serializer
    values = client.mget([backend.make_and_validate_key(key) for key in keys])
    return {key: serializer.loads(value) for key, value in zip(keys, values, strict=True) if value is not None}


def _current_generation(value):
    if value is not None:
        return value
    cache.add(GENERATION_KEY, generations.start_value(), timeout=None)
    return cache.get(GENERATION_KEY)


def _writes_watched_table(sql):
    if sql[:7].upper() not in ("INSERT ", "UPDATE ", "DELETE "):
        return False
    match = _WRITTEN_TABLE.match(sql)
    return match is None or not match.group(1).startswith(IGNORED_TABLE_PREFIXES)


def _bump_after_commit(connection):
    if not connection.in_atomic_block:
        bump_generation()
        return
    if any(func is bump_generation for _sids, func, _robust in connection.run_on_commit):
        return
    transaction.on_commit(bump_generation, using=connection.alias)


class _WriteWatcher:
    """A database execute wrapper: notes writes to watched tables on this connection."""

    def __init__(self, connection):
        self.connection = connection

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if isinstance(sql, str) and _writes_watched_table(sql):
            _bump_after_commit(self.connection)
        return result


def watch_connection(sender=None, connection=None, **kwargs):
    """`connection_created` receiver: install the write watcher once per connection wrapper."""
    connection = connection or connections["default"]
    if not any(isinstance(w, _WriteWatcher) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(_WriteWatcher(connection))


# --- read path --------------------------------------------------------------------------------------------
def _anonymous(request):
    return "HTTP_AUTHORIZATION" not in request.META and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _entry_key(request):
    parts = (
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        request.META.get("HTTP_ACCEPT", ""),
    )
    return ENTRY_PREFIX + hashlib.sha1("\n".join(parts).encode()).hexdigest()


def cacheable(view, request):
    if not enabled() or request.method != "GET" or not _anonymous(request):
        return False
    action = (getattr(view, "action_map", None) or {}).get("get")
    if action not in CACHED_ACTIONS or not getattr(view, "public_cache", True):
        return False
    rule_of = getattr(view, "cached_action_rule", None)
    if rule_of is not None:
        return rule_of(action) == "public"
    rules = getattr(view, "permission_rules", None) or {}
    rule = rules.get(action, rules.get("GET", rules.get("*")))
    return rule == "public"


def _bytes(entry):
    return len(entry[3]) + (len(entry[4]) if len(entry) > 4 and entry[4] is not None else 0)


class _LocalEntries:
    """This process's recent cache entries, bounded by the bytes of their bodies (least recently used out) and,
    like the shared ones, by API_PUBLIC_CACHE_SECONDS."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries = OrderedDict()
        self.size = 0

    @staticmethod
    def budget():
        return getattr(settings, "API_PUBLIC_CACHE_LOCAL_BYTES", 32 * 1024 * 1024)

    def get(self, key):
        with self.lock:
            held = self.entries.get(key)
            if held is None:
                return None
            entry, expires = held
            if time.monotonic() >= expires:
                del self.entries[key]
                self.size -= _bytes(entry)
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        size = _bytes(entry)
        budget = self.budget()
        if size > budget // 4:
            return
        expires = time.monotonic() + settings.API_PUBLIC_CACHE_SECONDS
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= _bytes(old[0])
            self.entries[key] = (entry, expires)
            self.size += size
            while self.size > budget and self.entries:
                _, (dropped, _expires) = self.entries.popitem(last=False)
                self.size -= _bytes(dropped)

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0


local_entries = _LocalEntries()


def lookup(request):
    """(response or None, key, generation) for a cacheable request."""
    key = _entry_key(request)
    held = local_entries.get(key)
    generation = generations.watch.known()
    try:
        read_entry = False
        if generation is None:
            read_entry = held is None
            found = _read_many([GENERATION_KEY, key] if read_entry else [GENERATION_KEY])
            generation = _current_generation(found.get(GENERATION_KEY))
            generations.watch.verified(generation)
        if held is not None and held[0] == generation:
            entry = held
        elif read_entry:
            entry = found.get(key)
        else:  # ours is missing or stale: the shared one may be current
            entry = _read_many([key]).get(key)
    except Exception:  # noqa: BLE001 - a cache that is away or full is a miss
        logger.warning("API cache unavailable", exc_info=True)
        return None, None, None
    if entry is None or entry[0] != generation:
        return None, key, generation
    if entry is not held:
        local_entries.put(key, entry)
    return answer(request, entry), key, generation


def _not_modified(tag):
    response = HttpResponseNotModified()
    response["ETag"] = tag
    return response


def accepts_gzip(request):
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() == "gzip":
            q = params.strip().lower().removeprefix("q=")
            return not (params and q.replace("0", "").replace(".", "") == "")
    return False


def answer(request, entry):
    """The response for a cache entry: 304 when If-None-Match matches; else the body, compressed once at store
    time for a client that accepts gzip (its ETag weakened, as for any re-encoding)."""
    _, status, headers, body = entry[:4]
    compressed = entry[4] if len(entry) > 4 else None
    request.user  # noqa: B018 - touch the (anonymous) user like a rendered answer does (Vary: Cookie)
    gzipped = compressed is not None and accepts_gzip(request)
    tag = dict(headers).get("ETag")
    if tag and gzipped and not tag.startswith("W/"):
        tag = f"W/{tag}"
    if tag and etags.matches(request.headers.get("If-None-Match"), tag):
        return _not_modified(tag)
    response = HttpResponse(compressed if gzipped else body, status=status)
    for name, value in headers:
        response[name] = value
    if gzipped:
        response["Content-Encoding"] = "gzip"
        if tag:
            response["ETag"] = tag
    return response


def store(key, generation, response):
    """Keeps a 200 in the shared cache and this process's memory; returns the entry (None when not kept)."""
    if key is None or generation is None or response.status_code != 200 or not response.has_header("ETag"):
        return None
    if getattr(response, "streaming", False):
        return None
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if response.has_header("Content-Encoding"):
        return
    patch_vary_headers(response, ("Accept-Encoding",))
    headers = [(name, value) for name, value in response.items() if name.lower() not in _SKIPPED_HEADERS]
    body = response.content
    compressed = gzip.compress(body, compresslevel=6, mtime=0) if len(body) >= GZIP_MIN_BYTES else None
    if compressed is not None and len(compressed) >= len(body):
        compressed = None
    entry = (generation, response.status_code, headers, body, compressed)
    try:
        cache.set(key, entry, settings.API_PUBLIC_CACHE_SECONDS)
    except Exception:  # noqa: BLE001 - not cached this time
        logger.warning("could not store an API answer in the cache", exc_info=True)
        return None
    local_entries.put(key, entry)
    return entry


# --- validators for everyone else ---------------------------------------------------------------------------
def _validator_key(request):
    user = getattr(request, "user", None)
    viewer = user.pk if user is not None and user.is_authenticated else "-"
    parts = (str(viewer), request.scheme, request.get_host(), request.get_full_path(),
             request.META.get("HTTP_ACCEPT", ""))  # fmt: skip
    return VALIDATOR_PREFIX + hashlib.sha1("\n".join(parts).encode()).hexdigest()


def not_modified(view, request):
    """For a GET that carries If-None-Match: the 304 decided from the remembered ETag of this viewer's last answer
    to the same URL, when no write happened since; None otherwise. Notes the generation for `remember`. A GET
    without If-None-Match costs no round trip to the cache: its tag is remembered when the viewer first asks
    conditionally (that answer's tag comes from the view, as without this shortcut)."""
    if not enabled() or request.method != "GET" or getattr(view, "action", None) not in CACHED_ACTIONS:
        return None
    if not getattr(view, "public_cache", True):
        return None
    header = etags.if_none_match(request)
    if not header:
        return None
    key = _validator_key(request)
    try:
        found = _read_many([GENERATION_KEY, key])
        generation = _current_generation(found.get(GENERATION_KEY))
    except Exception:  # noqa: BLE001 - a cache that is away is a miss
        return None
    request._eventyay_validator = (key, generation)
    entry = found.get(key)
    if entry is None or entry[0] != generation or not etags.matches(header, entry[1]):
        return None
    return _not_modified(entry[1])


def remember(request, response):
    noted = getattr(request, "_eventyay_validator", None)
    if noted is None or response.status_code not in (200, 304) or not response.has_header("ETag"):
        return
    key, generation = noted
    try:
        cache.set(key, (generation, response["ETag"]), settings.API_PUBLIC_CACHE_SECONDS)
    except Exception:  # noqa: BLE001
        pass


class PublicCacheMixin:
    """For JSON:API viewsets: anonymous public reads come from the cache when it has them."""

    #: set False on a view whose public answers depend on more than the database (e.g. the clock)
    public_cache = True

    def dispatch(self, request, *args, **kwargs):
        if not cacheable(self, request):
            return super().dispatch(request, *args, **kwargs)
        response, key, generation = lookup(request)
        if response is not None:
            return response
        # a conditional miss renders the whole answer for the cache (a 304 could not be stored, so a client that
        # only ever asks conditionally would be rendered for every time), then answers the condition from it
        condition = request.headers.get("If-None-Match") if key is not None else None
        request.eventyay_unconditional = condition is not None
        try:
            response = super().dispatch(request, *args, **kwargs)
        finally:
            request.eventyay_unconditional = False
        entry = store(key, generation, response)
        if entry is not None:
            return answer(request, entry)  # as a hit answers: 304, or the body (compressed when accepted)
        tag = response.get("ETag") if response.status_code == 200 else None
        if condition is not None and tag and etags.matches(condition, tag):
            return _not_modified(tag)
        return response
