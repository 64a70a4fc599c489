"""ETags for every GET, `If-None-Match` → 304, `If-Match` → 412 on PATCH/DELETE.

Cheap tags (views with `cheap_etag = True` on models with `modified_at`): a list's tag comes from one
aggregate over the filtered rows (count, newest `modified_at`, sum of ids) plus the query string and the
viewer, so a 304 is answered without serializing anything; any insert, update or delete changes one of the
three. A detail's tag comes from the row's id and `modified_at`. Views whose representation depends on other
tables (reverse relationships, computed fields) keep `cheap_etag = False` and are tagged from the rendered
body instead — always correct, just not free.

`If-Match` is checked inside the write's transaction, after the row is locked and before anything is
written: a mismatch writes nothing.
"""

import hashlib
import json

from django.db.models import Count, Max, Sum


def make_etag(*parts):
    digest = hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()
    return f'"{digest}"'


def parse_etag_list(header):
    tags = []
    for raw in header.split(","):
        tag = raw.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        if tag and tag != "*" and not tag.startswith('"'):
            tag = f'"{tag}"'
        if tag:
            tags.append(tag)
    return tags


def if_none_match(request):
    """The request's If-None-Match, unless the response cache asked for the whole answer (public_cache)."""
    if getattr(request, "eventyay_unconditional", False):
        return None
    return request.headers.get("If-None-Match")


def matches(header, etag):
    """Weak comparison (RFC 9110 §8.8.3.2), as If-None-Match asks: `W/"x"` and `"x"` match."""
    if not header:
        return False
    tags = parse_etag_list(header)
    return "*" in tags or etag.removeprefix("W/") in tags


def body_etag(content):
    return f'"{hashlib.sha1(content).hexdigest()}"'


def _viewer(request):
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else "-"


def _query(request):
    return "&".join(f"{k}={v}" for k, v in sorted(request.query_params.lists()))


def supports_cheap(view, model):
    return getattr(view, "cheap_etag", False) and any(f.name == "modified_at" for f in model._meta.concrete_fields)


def list_etag(view, request, queryset):
    """Tag of a list from an aggregate over its rows; None when this view must hash its body."""
    if "include" in request.query_params or not supports_cheap(view, queryset.model):
        return None
    stats = queryset.order_by().aggregate(n=Count("pk"), newest=Max("modified_at"), ids=Sum("pk"))
    return make_etag(
        "list", queryset.model._meta.label, stats["n"], stats["newest"], stats["ids"], _query(request), _viewer(request)
    )


def object_etag(view, request, instance, *, for_write=False):
    """Tag of one object's plain representation; the same for a GET and for an If-Match check."""
    if supports_cheap(view, type(instance)):
        query = "" if for_write else _query(request)
        return make_etag("obj", instance._meta.label, instance.pk, instance.modified_at, query, _viewer(request))
    return state_etag(view.get_serializer(instance).data, request)


def state_etag(data, request):
    return make_etag("state", json.dumps(data, sort_keys=True, default=str), _viewer(request))


def plain_representation(request):
    """True when the GET asks for the default representation (no include, no sparse fields)."""
    return not any(k == "include" or k.startswith("fields[") for k in request.query_params)
