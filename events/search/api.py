"""Search in the JSON:API lists: `filter[search]=<words>` and the Open Event form
`filter=[{"name": "search", "op": "eq", "val": "<words>"}]`.

Two filter backends around the house's own (a view lists them with `search_filter_backends()`):

* `SearchTerms` runs first: it takes the words out of both syntaxes and keeps them on the request; the query
  string the other backends see keeps neither (`filter[search]` is dropped, the Open Event search leaves are
  removed from the `filter` JSON), so the FilterSet never meets a field called "search".
  A search leaf may sit at the top level or inside an `and`; inside `or`, `not`, `has` or `any` it is a 400.
* `SearchFilter` runs last, after every other filter: it narrows the list to the matches, and when the request
  has no explicit `sort` it orders by relevance. The backend used goes to the list's `meta.search`.

A view names what it searches with `search_type` ("event") and `search_scope` ("public": only what anyone may
find; "all": whatever the view's queryset already allows).
"""

import json

from rest_framework.filters import BaseFilterBackend
from rest_framework.settings import api_settings

from events import search
from eventyay.api.exceptions import BadQueryParameter

OEF_PARAM = "filter"
SEARCH_NAME = "search"
TEXT_OPS = {"eq", "like", "ilike"}
MAX_SEARCH_LENGTH = 500


def search_filter_backends(defaults=None):
    defaults = tuple(defaults if defaults is not None else api_settings.DEFAULT_FILTER_BACKENDS)
    return (SearchTerms, *defaults, SearchFilter)


class SearchTerms(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        request.search_text = self.extract(request)
        return queryset

    def extract(self, request):
        """The search words of both syntaxes; the query string the other filters see keeps neither."""
        params = request.query_params
        param = api_settings.SEARCH_PARAM
        texts = list(params.getlist(param))
        query = params.copy()
        query.pop(param, None)
        raw = params.get(OEF_PARAM)
        if raw:
            try:
                spec = json.loads(raw)
            except ValueError:
                spec = None  # the FilterBackend answers bad JSON with its own 400
            if spec is not None:
                remaining, found = self._split(spec)
                if found:
                    texts += found
                    if remaining:
                        query[OEF_PARAM] = json.dumps(remaining)
                    else:
                        del query[OEF_PARAM]
        if query != params:
            query._mutable = False
            request._request.GET = query
        text = " ".join(t.strip() for t in texts if t and t.strip())
        if len(text) > MAX_SEARCH_LENGTH:
            raise BadQueryParameter(f"A search is at most {MAX_SEARCH_LENGTH} characters.", param)
        return text or None

    def _split(self, spec):
        """(the filter without its top-level search leaves, [their values])."""
        items = spec if isinstance(spec, list) else [spec]
        remaining, found = [], []
        for item in items:
            if self._is_search(item):
                found.append(self._value(item))
            elif isinstance(item, dict) and isinstance(item.get("and"), list) and self._mentions(item):
                rest, inner = self._split(item["and"])
                found += inner
                if rest:
                    remaining.append({"and": rest})
            else:
                if self._mentions(item):
                    raise BadQueryParameter(
                        'A "search" filter can only be combined with others through "and".', OEF_PARAM
                    )
                remaining.append(item)
        return remaining, found

    @staticmethod
    def _is_search(item):
        return isinstance(item, dict) and item.get("name") == SEARCH_NAME and "op" in item

    def _mentions(self, node):
        if self._is_search(node):
            return True
        if isinstance(node, dict):
            return any(self._mentions(v) for v in node.values() if isinstance(v, (dict, list)))
        if isinstance(node, list):
            return any(self._mentions(v) for v in node)
        return False

    @staticmethod
    def _value(item):
        op = str(item.get("op", "")).lower()
        value = item.get("val")
        if op not in TEXT_OPS:
            raise BadQueryParameter(f'"search" takes the op "eq", not "{item.get("op")}".', OEF_PARAM)
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise BadQueryParameter('"search" takes a string as "val".', OEF_PARAM)
        value = str(value)
        return value.strip("%") if op != "eq" else value


class SearchFilter(BaseFilterBackend):
    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": api_settings.SEARCH_PARAM,
                "required": False,
                "in": "query",
                "description": "Words to search for (prefixes and typos match); ranked by relevance unless `sort`.",
                "schema": {"type": "string", "maxLength": MAX_SEARCH_LENGTH},
            }
        ]

    def filter_queryset(self, request, queryset, view):
        text = getattr(request, "search_text", None)
        if not text:
            return queryset
        kind = getattr(view, "search_type", None)
        scope = getattr(view, "search_scope", "public")
        queryset, meta = search.filter_queryset(kind, queryset, text, scope=scope)
        request.search_meta = meta
        if meta is not None and not request.query_params.get(api_settings.ORDERING_PARAM):
            queryset = queryset.order_by("search_order", "pk")
        return queryset


class SearchMetaMixin:
    """Adds `meta.search` ({"backend": …, "fallback": …}) to a searched list's response."""

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        meta = getattr(self.request, "search_meta", None)
        if meta is not None:
            response.data.setdefault("meta", {})["search"] = meta
        return response
