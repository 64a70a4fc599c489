"""Filtering, sorting and query-parameter validation for every list endpoint.

Two filter syntaxes with one meaning, both answered by the view's django-filter FilterSet (declare
`filterset_fields` or `filterset_class` on the view; that declaration is the allow-list for both):

* JSON:API style: `filter[name]=x`, `filter[starts-at.gte]=2026-01-01T00:00:00Z`;
* Open Event style: `filter=[{"name":"is-read","op":"eq","val":false}]`, with ops eq, ne, lt, le, gt, ge,
  like, ilike, in, notin, has, any, isnot, and nesting through `{"and":[…]}`, `{"or":[…]}`, `{"not":{…}}`.

Anything the FilterSet does not declare, a bad op, a value its form field rejects, or bad JSON is a 400
error document with `source.parameter`, never a 500 and never silently ignored.
"""

import json
import re

from django.db.models import Q
from django.forms import ValidationError as FormValidationError
from rest_framework.exceptions import ValidationError
from rest_framework_json_api import filters as dja_filters
from rest_framework_json_api.django_filters import DjangoFilterBackend
from rest_framework_json_api.utils import undo_format_field_name

from eventyay.api.exceptions import BadQueryParameter

OEF_PARAM = "filter"
MAX_FILTER_DEPTH = 8

# op -> (django lookup, negate)
COMPARISON_OPS = {
    "eq": ("exact", False),
    "ne": ("exact", True),
    "lt": ("lt", False),
    "le": ("lte", False),
    "gt": ("gt", False),
    "ge": ("gte", False),
    "in": ("in", False),
    "notin": ("in", True),
    "in_": ("in", False),
    "not_in": ("in", True),
}
LIKE_OPS = {"like": "", "ilike": "i", "notlike": "", "notilike": "i"}
RELATION_OPS = {"has", "any"}


class QueryParameterValidationFilter(dja_filters.QueryParameterValidationFilter):
    """Rejects unknown query parameters (400). Views add their own through `extra_query_params`."""

    def validate_query_params(self, request):
        extra = set(getattr(self._view, "extra_query_params", ())) | {"get_trashed", "permanent", "format"}
        for param in request.query_params.keys():
            if param in extra:
                continue
            if not self.query_regex.match(param):
                raise BadQueryParameter(f"Unknown query parameter: {param}.", param)
            if not param.startswith("filter") and len(request.query_params.getlist(param)) > 1:
                raise BadQueryParameter(f"Repeated query parameter is not allowed: {param}.", param)

    def filter_queryset(self, request, queryset, view):
        self._view = view
        self.validate_query_params(request)
        return queryset


class OrderingFilter(dja_filters.OrderingFilter):
    """`sort=-starts-at,name`: dasherized names, a bad name is a 400 with `source.parameter=sort`."""

    def remove_invalid_fields(self, queryset, fields, view, request):
        try:
            return super().remove_invalid_fields(queryset, fields, view, request)
        except ValidationError as exc:
            raise BadQueryParameter(str(exc.detail[0]), "sort")

    def get_default_ordering(self, view):
        ordering = super().get_default_ordering(view)
        return ordering or ("pk",)


class FilterBackend(DjangoFilterBackend):
    """django-filter for `filter[...]` (JSON:API) and for the Open Event `filter=[...]` JSON list."""

    def get_filterset_kwargs(self, request, queryset, view):
        data = request.query_params.copy()
        keys = []
        for param, values in request.query_params.lists():
            if param == OEF_PARAM or param == self.search_param:
                if param == OEF_PARAM:
                    del data[param]
                continue
            match = self.filter_regex.match(param)
            if not match:
                continue
            groups = match.groupdict()
            if not groups["assoc"] or groups["ldelim"] != "[" or groups["rdelim"] != "]":
                raise BadQueryParameter(f"Invalid query parameter: {param}.", param)
            if not all(values):
                raise BadQueryParameter(f"Missing value for query parameter {param}.", param)
            key = undo_format_field_name(groups["assoc"].replace(".", "__"))
            data.setlist(key, values)
            keys.append((key, param))
            del data[param]
        return {"data": data, "queryset": queryset, "request": request, "filter_keys": keys}

    def get_filterset_class(self, view, queryset=None):
        # django-filter builds a new FilterSet class from `filterset_fields` on every request (most of a small
        # list's time); the class depends only on the model and the declaration, so build it once
        fields = getattr(view, "filterset_fields", None)
        if getattr(view, "filterset_class", None) or not fields or queryset is None:
            return super().get_filterset_class(view, queryset)
        key = (queryset.model, _frozen(fields))
        filterset_class = _FILTERSET_CLASSES.get(key)
        if filterset_class is None:
            filterset_class = _FILTERSET_CLASSES[key] = super().get_filterset_class(view, queryset)
        return filterset_class

    def get_filterset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        kwargs = self.get_filterset_kwargs(request, queryset, view)
        for key, param in kwargs.pop("filter_keys"):
            if filterset_class is None or key not in filterset_class.base_filters:
                raise BadQueryParameter(f"Filtering on {param[7:-1]!r} is not supported here.", param)
        if filterset_class is None:
            return None
        return filterset_class(**kwargs)

    def filter_queryset(self, request, queryset, view):
        if not any(param == OEF_PARAM or param.startswith("filter[") for param in request.query_params):
            return queryset  # nothing to filter on: skip building the FilterSet and its form
        filterset = self.get_filterset(request, queryset, view)
        if filterset is not None:
            if not filterset.is_valid():
                raise BadQueryParameter(_form_errors(filterset.errors), "filter")
            queryset = filterset.qs
        raw = request.query_params.get(OEF_PARAM)
        if raw:
            filterset_class = self.get_filterset_class(view, queryset)
            query, distinct = OpenEventFilter(filterset_class).parse(raw)
            queryset = queryset.filter(query)
            if distinct:
                queryset = queryset.distinct()
        return queryset


_FILTERSET_CLASSES = {}


def _frozen(fields):
    if isinstance(fields, dict):
        return tuple((name, tuple(lookups) if isinstance(lookups, (list, tuple)) else lookups)
                     for name, lookups in fields.items())  # fmt: skip
    return tuple(fields)


def _form_errors(errors):
    parts = []
    for field, messages in errors.items():
        parts.append(f"{field}: {' '.join(str(m) for m in messages)}")
    return "Invalid filter value. " + "; ".join(parts)


class OpenEventFilter:
    """Turns the Open Event JSON filter list into one Q, through the FilterSet's declared filters."""

    def __init__(self, filterset_class):
        self.filters = filterset_class.base_filters if filterset_class is not None else {}
        self.distinct = False

    def parse(self, raw):
        try:
            spec = json.loads(raw)
        except ValueError as exc:
            raise BadQueryParameter(f"The filter parameter is not valid JSON: {exc}.", OEF_PARAM)
        if isinstance(spec, dict):
            spec = [spec]
        if not isinstance(spec, list):
            raise BadQueryParameter("The filter parameter must be a JSON list of filter objects.", OEF_PARAM)
        query = Q()
        for item in spec:
            query &= self.node(item, prefix="", depth=0)
        return query, self.distinct

    def node(self, item, *, prefix, depth):
        if depth > MAX_FILTER_DEPTH:
            raise BadQueryParameter("The filter is nested too deeply.", OEF_PARAM)
        if not isinstance(item, dict):
            raise BadQueryParameter("Each filter must be a JSON object.", OEF_PARAM)
        if "and" in item or "or" in item:
            combinator = "and" if "and" in item else "or"
            children = item[combinator]
            if not isinstance(children, list) or not children:
                raise BadQueryParameter(f'"{combinator}" takes a non-empty list of filters.', OEF_PARAM)
            query = Q()
            for child in children:
                part = self.node(child, prefix=prefix, depth=depth + 1)
                query = (query & part) if combinator == "and" else (query | part)
            return query
        if "not" in item:
            return ~self.node(item["not"], prefix=prefix, depth=depth + 1)
        return self.leaf(item, prefix=prefix, depth=depth)

    def leaf(self, item, *, prefix, depth):
        name, op = item.get("name"), item.get("op")
        if not isinstance(name, str) or not name:
            raise BadQueryParameter('Each filter needs a "name".', OEF_PARAM)
        if not isinstance(op, str):
            raise BadQueryParameter(f'The filter on "{name}" needs an "op".', OEF_PARAM)
        if "val" not in item:
            if "field" in item:
                raise BadQueryParameter("Comparing two fields is not supported.", OEF_PARAM)
            raise BadQueryParameter(f'The filter on "{name}" needs a "val".', OEF_PARAM)
        value = item["val"]
        path = prefix + undo_format_field_name(name.replace(".", "__"))
        op = op.lower()
        if op in RELATION_OPS:
            if not isinstance(value, dict):
                raise BadQueryParameter(f'"{op}" on "{name}" takes a filter object as "val".', OEF_PARAM)
            self.distinct = True
            return self.node(value, prefix=path + "__", depth=depth + 1)
        if op in LIKE_OPS:
            return self.like(name, path, op, value)
        if op in ("isnot", "is_not", "is", "is_"):
            negate = op in ("isnot", "is_not")
            if value is None:
                return Q(**{f"{self.field_name(name, path)}__isnull": not negate})
            op = "ne" if negate else "eq"
        if op not in COMPARISON_OPS:
            raise BadQueryParameter(f'Unknown filter op "{item["op"]}" on "{name}".', OEF_PARAM)
        lookup, negate = COMPARISON_OPS[op]
        if value is None and lookup == "exact":
            return Q(**{f"{self.field_name(name, path)}__isnull": not negate})
        key = path if lookup == "exact" else f"{path}__{lookup}"
        declared = self.filters.get(key)
        if declared is None:
            raise BadQueryParameter(f'Filtering "{name}" with "{item["op"]}" is not supported here.', OEF_PARAM)
        if lookup == "in":
            if not isinstance(value, list):
                raise BadQueryParameter(f'"{item["op"]}" on "{name}" takes a list as "val".', OEF_PARAM)
            value = [str(v) for v in value]
        elif isinstance(value, (list, dict)):
            raise BadQueryParameter(f'"{item["op"]}" on "{name}" takes a single value.', OEF_PARAM)
        try:
            cleaned = declared.field.clean(value if lookup == "in" else _as_form_value(value))
        except FormValidationError as exc:
            raise BadQueryParameter(f'Invalid value for "{name}": {" ".join(exc.messages)}', OEF_PARAM)
        query = Q(**{f"{declared.field_name}__{declared.lookup_expr}": cleaned})
        return ~query if negate else query

    def field_name(self, name, path):
        for key, declared in self.filters.items():
            if key == path or key.startswith(path + "__"):
                return declared.field_name
        raise BadQueryParameter(f'Filtering on "{name}" is not supported here.', OEF_PARAM)

    def like(self, name, path, op, value):
        if not isinstance(value, str):
            raise BadQueryParameter(f'"{op}" on "{name}" takes a string pattern.', OEF_PARAM)
        prefix = LIKE_OPS[op]
        allowed = {f"{path}__{prefix}contains", f"{path}__icontains", f"{path}__contains"}
        if not allowed & self.filters.keys():
            raise BadQueryParameter(f'Filtering "{name}" with "{op}" is not supported here.', OEF_PARAM)
        starts, ends = value.startswith("%"), value.endswith("%") and len(value) > 1
        core = re.sub(r"^%|%$", "", value)
        if "%" in core or "_" in core:
            # An inner wildcard: translate the SQL pattern to a regular expression.
            regex = "^" + "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in value) + "$"
            query = Q(**{f"{self.field_name(name, path)}__{prefix}regex": regex})
        else:
            if starts and ends:
                lookup = "contains"
            elif starts:
                lookup = "endswith"
            elif ends:
                lookup = "startswith"
            else:
                lookup = "exact"
            query = Q(**{f"{self.field_name(name, path)}__{prefix}{lookup}": core})
        return ~query if op.startswith("not") else query


def _as_form_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
