"""Filtering, sorting and query-parameter validation for every list endpoint.

Two filter syntaxes with one meaning, both answered by the view's django-filter FilterSet (declare
`filterset_fields` or `filterset_class` on the view; that declaration is the allow-list for both):

* JSON:API style: `filter[name]=x`, `filter[starts-at.gte]=2026-01-01T00:00:00Z`;
* Open Event style: `filter=[{"name":"is-read","op":"eq","val":false}]`, with ops eq, ne, lt, le, gt, ge,
  like, ilike, in, notin, has, any, isnot, and nesting through `{"and":[…]}`, `{"or":[…]}`, `{"not":{…}}`.

The FilterSet is derived from the view's serializer for the actor who asks (`eventyay.api.filtersets`): every
readable attribute and relationship, private fields left out. `has`/`any` filter a relationship with the related
type's own filters, over the related rows the actor may read (so a filter on rows one cannot see matches
nothing). An empty `and`/`or` is no condition. Comparing with `null` works on every attribute and relationship;
on a text column that stores "" for null, "" counts as null.

Anything the FilterSet does not declare, a bad op, a value its form field rejects, or bad JSON is a 400
error document with `source.parameter`, never a 500 and never silently ignored. Query parameters the Open
Event client adds for its own caching (`cache`, `public`, `upcoming`, …) are accepted and ignored.
"""

import json
import re

from django.db.models import Q
from django.forms import ValidationError as FormValidationError
from django.http import QueryDict
from rest_framework.exceptions import ValidationError
from rest_framework_json_api import filters as dja_filters
from rest_framework_json_api.django_filters import DjangoFilterBackend
from rest_framework_json_api.utils import undo_format_field_name

from eventyay.api.exceptions import BadQueryParameter
from eventyay.api.filtersets import derived_ordering, view_filterset, view_hidden_private_fields

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
NULL_OPS = {"isnot": True, "is_not": True, "is": False, "is_": False}
#: parameters the Open Event client sends for its own purposes; they mean nothing here
IGNORED_QUERY_PARAMS = {"cache", "public", "upcoming", "nocache", "reload", "get_trashed", "permanent", "format"}


class QueryParameterValidationFilter(dja_filters.QueryParameterValidationFilter):
    """Rejects unknown query parameters (400). Views add their own through `extra_query_params`."""

    def validate_query_params(self, request):
        extra = set(getattr(self._view, "extra_query_params", ())) | IGNORED_QUERY_PARAMS
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
    """`sort=-starts-at,name,event.starts-at`: dasherized names of readable attributes, of this type and of the
    types behind its to-one relationships (derived from the serializers, private fields the actor may not read
    left out), and the view's `ordering_fields`; a bad name is a 400 with `source.parameter=sort`."""

    def _sort_keys(self, view):
        serializer_class = view.get_serializer_class()
        event = view.get_permission_event() if hasattr(view, "get_permission_event") else None
        hidden = view_hidden_private_fields(view, serializer_class, event)
        keys = derived_ordering(serializer_class, hidden, actor=getattr(view.request, "user", None), event=event)
        for name in getattr(view, "ordering_fields", ()) or ():
            if name != "__all__" and name.split("__")[0] not in hidden:
                keys.setdefault(name, name)
        return keys

    def get_valid_fields(self, queryset, view, context=None):
        return [(name, name) for name in self._sort_keys(view)]

    def remove_invalid_fields(self, queryset, fields, view, request):
        try:
            terms = super().remove_invalid_fields(queryset, fields, view, request)
        except ValidationError as exc:
            raise BadQueryParameter(str(exc.detail[0]), "sort")
        keys = self._sort_keys(view)
        return [("-" if term.startswith("-") else "") + keys[term.lstrip("-")] for term in terms]

    def get_default_ordering(self, view):
        ordering = super().get_default_ordering(view)
        return ordering or ("pk",)


class FilterBackend(DjangoFilterBackend):
    """django-filter for `filter[...]` (JSON:API) and for the Open Event `filter=[...]` JSON list."""

    def get_filterset_class(self, view, queryset=None):
        return view_filterset(view)

    def get_filterset_kwargs(self, request, queryset, view):
        data = QueryDict(mutable=True)  # only `filter[...]` parameters: the others are not filters
        keys = []
        for param, values in request.query_params.lists():
            if param == OEF_PARAM or param == self.search_param:
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
        return {"data": data, "queryset": queryset, "request": request, "filter_keys": keys}

    def get_filterset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        kwargs = self.get_filterset_kwargs(request, queryset, view)
        for key, param in kwargs.pop("filter_keys"):
            if key not in filterset_class.base_filters:
                raise BadQueryParameter(f"Filtering on {param[7:-1]!r} is not supported here.", param)
        return filterset_class(**kwargs)

    def filter_queryset(self, request, queryset, view):
        if not any(param == OEF_PARAM or param.startswith("filter[") for param in request.query_params):
            return queryset  # nothing to filter on: skip building the FilterSet and its form
        filterset = self.get_filterset(request, queryset, view)
        if not filterset.is_valid():
            raise BadQueryParameter(_form_errors(filterset.errors), "filter")
        queryset = filterset.qs
        raw = request.query_params.get(OEF_PARAM)
        if raw:
            query, distinct = OpenEventFilter(view, request).parse(raw)
            queryset = queryset.filter(query)
            if distinct:
                queryset = queryset.distinct()
        return queryset


def _form_errors(errors):
    parts = []
    for field, messages in errors.items():
        parts.append(f"{field}: {' '.join(str(m) for m in messages)}")
    return "Invalid filter value. " + "; ".join(parts)


def _bad(detail):
    return BadQueryParameter(detail, OEF_PARAM)


class OpenEventFilter:
    """Turns the Open Event JSON filter list into one Q through the derived FilterSets: the view's for the
    top level, the related type's inside `has`/`any`."""

    def __init__(self, view, request):
        self.view = view
        self.request = request
        self.event = view.get_permission_event() if hasattr(view, "get_permission_event") else None
        self.distinct = False

    def parse(self, raw):
        try:
            spec = json.loads(raw)
        except ValueError as exc:
            raise _bad(f"The filter parameter is not valid JSON: {exc}.")
        if isinstance(spec, dict):
            spec = [spec]
        if not isinstance(spec, list):
            raise _bad("The filter parameter must be a JSON list of filter objects.")
        filterset = view_filterset(self.view)
        query = Q()
        for item in spec:
            query &= self.node(item, filterset, depth=0)
        return query, self.distinct

    def node(self, item, filterset, *, depth):
        if depth > MAX_FILTER_DEPTH:
            raise _bad("The filter is nested too deeply.")
        if not isinstance(item, dict):
            raise _bad("Each filter must be a JSON object.")
        if "and" in item or "or" in item:
            combinator = "and" if "and" in item else "or"
            children = item[combinator]
            if not isinstance(children, list):
                raise _bad(f'"{combinator}" takes a list of filters.')
            parts = [self.node(child, filterset, depth=depth + 1) for child in children]
            query = Q()
            if combinator == "and":
                for part in parts:
                    query &= part
            elif parts:
                query = parts[0]
                for part in parts[1:]:
                    query |= part
            return query
        if "not" in item:
            return ~self.node(item["not"], filterset, depth=depth + 1)
        return self.leaf(item, filterset, depth=depth)

    def leaf(self, item, filterset, *, depth):
        name, op = item.get("name"), item.get("op")
        if not isinstance(name, str) or not name:
            raise _bad('Each filter needs a "name".')
        if not isinstance(op, str):
            raise _bad(f'The filter on "{name}" needs an "op".')
        if "val" not in item:
            if "field" in item:
                raise _bad("Comparing two fields is not supported.")
            raise _bad(f'The filter on "{name}" needs a "val".')
        value = item["val"]
        key = undo_format_field_name(name.replace(".", "__"))
        op = op.lower()
        info = filterset.field_info.get(key)
        if op in RELATION_OPS:
            return self.relation(name, info, op, value, depth)
        if op in LIKE_OPS:
            return self.like(name, key, op, value, filterset)
        if op in NULL_OPS:
            negate = NULL_OPS[op]
            if value is None:
                return self.null(name, key, info, filterset, negate)
            op = "ne" if negate else "eq"
        if op not in COMPARISON_OPS:
            raise _bad(f'Unknown filter op "{item["op"]}" on "{name}".')
        lookup, negate = COMPARISON_OPS[op]
        if value is None and lookup == "exact":
            return self.null(name, key, info, filterset, negate)
        declared = filterset.base_filters.get(key if lookup == "exact" else f"{key}__{lookup}")
        if declared is None:
            raise _bad(f'Filtering "{name}" with "{item["op"]}" is not supported here.')
        if lookup == "in":
            if not isinstance(value, list):
                raise _bad(f'"{item["op"]}" on "{name}" takes a list as "val".')
            value = [str(v) for v in value]
        elif isinstance(value, (list, dict)):
            raise _bad(f'"{item["op"]}" on "{name}" takes a single value.')
        try:
            cleaned = declared.field.clean(value if lookup == "in" else _as_form_value(value))
        except FormValidationError as exc:
            raise _bad(f'Invalid value for "{name}": {" ".join(exc.messages)}')
        if getattr(declared, "distinct", False):
            self.distinct = True
        query = Q(**{f"{declared.field_name}__{declared.lookup_expr}": cleaned})
        return ~query if negate else query

    def null(self, name, key, info, filterset, negate):
        if info is None:
            declared = filterset.base_filters.get(f"{key}__isnull")
            if declared is None:
                raise _bad(f'Filtering on "{name}" is not supported here.')
            query = Q(**{f"{declared.field_name}__isnull": True})
        elif info.pending:
            return Q(pk__in=[]) if negate else Q()  # a relationship to a type not served yet is always empty
        elif not info.path:
            raise _bad(f'Filtering on "{name}" is not supported here.')
        elif info.text:
            query = Q(**{info.path: ""})
        else:
            query = Q(**{f"{info.path}__isnull": True})
            if info.relationship is not None and (info.relationship.many or not _concrete(info.relationship)):
                self.distinct = True
        return ~query if negate else query

    def relation(self, name, info, op, value, depth):
        if info is None or info.relationship is None:
            raise _bad(f'"{op}" on "{name}" needs a relationship.')
        if not isinstance(value, dict):
            raise _bad(f'"{op}" on "{name}" takes a filter object as "val".')
        field = info.relationship
        if info.pending:
            _check_shape(value, depth + 1)
            return Q(pk__in=[])  # a relationship to a type not served yet is always empty
        if not info.path:
            raise _bad(f'Filtering through "{name}" is not supported here.')
        resource = field.resource
        if resource is None:
            raise _bad(f'Filtering through "{name}" is not supported here.')
        from eventyay.api.filtersets import derived_filterset, hidden_private_fields
        from eventyay.api.registry import resources

        serializer_class = resource.serializer_class
        hidden = hidden_private_fields(serializer_class, self.request.user, event=self.event)
        inner = self.node(value, derived_filterset(serializer_class, hidden), depth=depth + 1)
        rows = resource.model._default_manager.all()
        if field.face is None:
            rows = resources.readable(field.related_type, rows, self.request)
        rows = rows.filter(inner).values("pk")
        if field.many or not _concrete(field):
            self.distinct = True
        return Q(**{f"{field.path}__in": rows})

    def like(self, name, key, op, value, filterset):
        if not isinstance(value, str):
            raise _bad(f'"{op}" on "{name}" takes a string pattern.')
        prefix = LIKE_OPS[op]
        declared = filterset.base_filters.get(f"{key}__{prefix}contains") or filterset.base_filters.get(
            f"{key}__icontains"
        )
        if declared is None:
            raise _bad(f'Filtering "{name}" with "{op}" is not supported here.')
        path = declared.field_name
        core = re.sub(r"^%|%$", "", value)
        starts, ends = value.startswith("%"), value.endswith("%") and len(value) > 1
        if "%" in core or "_" in core:
            # An inner wildcard: translate the SQL pattern to a regular expression.
            regex = "^" + "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in value) + "$"
            query = Q(**{f"{path}__{prefix}regex": regex})
        else:
            if starts and ends:
                lookup = "contains"
            elif starts:
                lookup = "endswith"
            elif ends:
                lookup = "startswith"
            else:
                lookup = "exact"
            query = Q(**{f"{path}__{prefix}{lookup}": core})
        return ~query if op.startswith("not") else query


def _concrete(field):
    model_field = field.model_field
    return model_field is not None and model_field.concrete and not model_field.many_to_many


def _check_shape(item, depth):
    """A filter inside `has`/`any` on a type we do not serve: well-formed, though it cannot be checked further."""
    if depth > MAX_FILTER_DEPTH:
        raise _bad("The filter is nested too deeply.")
    if not isinstance(item, dict):
        raise _bad("Each filter must be a JSON object.")
    for combinator in ("and", "or"):
        if combinator in item:
            if not isinstance(item[combinator], list):
                raise _bad(f'"{combinator}" takes a list of filters.')
            for child in item[combinator]:
                _check_shape(child, depth + 1)
            return
    if "not" in item:
        _check_shape(item["not"], depth + 1)
        return
    if not isinstance(item.get("name"), str) or not isinstance(item.get("op"), str) or "val" not in item:
        raise _bad('Each filter needs a "name", an "op" and a "val".')


def _as_form_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
