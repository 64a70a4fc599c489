"""Filters and sort keys derived from a resource's serializer, for the actor who asks.

Every readable attribute backed by a model column is filterable with the lookups its kind allows (text: exact,
iexact, contains, icontains, startswith, endswith, in, isnull; numbers and dates: exact, lt, lte, gt, gte, in,
isnull; booleans: exact, isnull) and sortable; every relationship with a model path is filterable by id (exact,
in, isnull) and, in the Open Event syntax, through `has`/`any` with the related type's own filters. A private
field (`ResourceSerializer.private_fields`) the actor may not read on the rows of this list is neither
filterable nor sortable: asking answers 400, as for a field that does not exist, so a filter is never an
oracle for a value the actor cannot see. A view's `filterset_fields` adds declared filters (nested paths).
"""

from dataclasses import dataclass

import django_filters
from django.db import models
from django_filters.filterset import FilterSet

from roles import permissions as rules

TEXT_LOOKUPS = ("exact", "iexact", "contains", "icontains", "startswith", "istartswith", "endswith", "iendswith", "in")
ORDERED_LOOKUPS = ("exact", "lt", "lte", "gt", "gte", "in")
BOOLEAN_LOOKUPS = ("exact",)
RELATION_LOOKUPS = ("exact", "in")


@dataclass(frozen=True)
class FieldInfo:
    """What the Open Event filter needs to know about a filter name."""

    path: str  # ORM path ("" for relationships that cannot be filtered on)
    text: bool = False  # a non-nullable text column: null is stored as ""
    relationship: object = None  # the Relationship field for relationship names
    pending: bool = False  # a relationship to a type not served yet: always null / empty


class NumberInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    pass


def _lookups(model_field):
    if isinstance(model_field, models.BooleanField):
        return BOOLEAN_LOOKUPS
    if isinstance(model_field, (models.CharField, models.TextField)):
        return TEXT_LOOKUPS
    if isinstance(model_field, (models.IntegerField, models.DecimalField, models.FloatField, models.DateField)):
        return ORDERED_LOOKUPS
    if isinstance(model_field, (models.DateTimeField, models.TimeField, models.DurationField)):
        return ORDERED_LOOKUPS
    return ()


def hidden_private_fields(serializer_class, actor, event=None, obj=None):
    """Private fields of the serializer the actor may not read on the rows of a list (scoped to `event`)."""
    private = getattr(serializer_class, "private_fields", {}) or {}
    if not private or rules.is_admin(actor):
        return frozenset()
    return frozenset(name for name, rule in private.items() if not rules.check(actor, rule, event=event, obj=obj))


def _attribute_columns(serializer_class):
    """{api name: model field} for readable attributes stored in a column of the serializer's model."""
    from eventyay.api.relationships import Relationship

    model = serializer_class.Meta.model
    result = {}
    for name, field in serializer_class().fields.items():
        if field.write_only or isinstance(field, Relationship):
            continue
        source = field.source if field.source not in (None, "*") else name
        if "." in source:
            continue
        try:
            model_field = model._meta.get_field(source)
        except Exception:  # a property or a method: not a column
            continue
        if model_field.is_relation or not getattr(model_field, "concrete", False):
            continue
        result[name] = model_field
    return result


_CACHE = {}


def derived_filterset(serializer_class, hidden, extra=None):
    """A django-filter FilterSet class for the serializer, without the `hidden` private fields; `extra` is a
    view's declared `filterset_fields`. Classes are cached per (serializer, hidden, extra)."""
    from eventyay.api.relationships import relationship_fields

    extra_key = tuple(sorted((k, tuple(v)) for k, v in (extra or {}).items()))
    key = (serializer_class, hidden, extra_key)
    if key in _CACHE:
        return _CACHE[key]
    model = serializer_class.Meta.model
    filters, info = {}, {}
    id_field = model._meta.pk
    for lookup in ORDERED_LOOKUPS:
        filters[_key("id", lookup)] = _filter_for(id_field, "pk", lookup)
    info["id"] = FieldInfo("pk")
    for name, model_field in _attribute_columns(serializer_class).items():
        if name in hidden:
            continue
        lookups = _lookups(model_field)
        if not lookups:
            continue
        for lookup in lookups:
            filters[_key(name, lookup)] = _filter_for(model_field, model_field.name, lookup)
        if model_field.null or isinstance(model_field, (models.CharField, models.TextField)):
            filters[_key(name, "isnull")] = django_filters.BooleanFilter(
                field_name=model_field.name, lookup_expr="isnull"
            )
        text = isinstance(model_field, (models.CharField, models.TextField)) and not model_field.null
        info[name] = FieldInfo(model_field.name, text=text)
    for name, field in relationship_fields(serializer_class).items():
        if name in hidden:
            continue
        from eventyay.api.relationships import NotServed

        path = field.filter_path
        info[name] = FieldInfo(path or "", relationship=field, pending=isinstance(field, NotServed))
        if path is None:
            continue
        distinct = field.many or not field.model_field.concrete
        filters[name] = django_filters.NumberFilter(field_name=field.path, lookup_expr="exact", distinct=distinct)
        filters[_key(name, "in")] = NumberInFilter(field_name=field.path, lookup_expr="in", distinct=distinct)
        filters[_key(name, "isnull")] = django_filters.BooleanFilter(
            field_name=field.path, lookup_expr="isnull", distinct=distinct
        )
    attrs = {"Meta": type("Meta", (), {"model": model, "fields": dict(extra or {})}), **filters}
    filterset = type(f"{serializer_class.__name__}Filters", (FilterSet,), attrs)
    filterset.field_info = info
    _CACHE[key] = filterset
    return filterset


def _key(name, lookup):
    return name if lookup == "exact" else f"{name}__{lookup}"


def _filter_for(model_field, path, lookup):
    if lookup == "in":
        if isinstance(model_field, (models.IntegerField, models.AutoField, models.DecimalField, models.FloatField)):
            return NumberInFilter(field_name=path, lookup_expr="in")
        return django_filters.BaseInFilter(field_name=path, lookup_expr="in")
    return FilterSet.filter_for_field(model_field, path, lookup)


def derived_ordering(serializer_class, hidden, *, actor=None, event=None):
    """{api name: ORM path} of the sort keys: readable attribute columns that are not hidden, `id`, and — with
    `actor` — the same keys of the types behind to-one relationships (`sort=event.starts-at` →
    `event__starts_at`), private fields of those types left out for the actor too."""
    from eventyay.api.relationships import ToOne, relationship_fields

    result = {"id": "pk"}
    for name, model_field in _attribute_columns(serializer_class).items():
        if name not in hidden and not isinstance(model_field, models.JSONField):
            result[name] = model_field.name
    if actor is None:
        return result
    for name, field in relationship_fields(serializer_class).items():
        if name in hidden or not isinstance(field, ToOne) or field.filter_path is None or field.resource is None:
            continue
        if not (field.model_field.many_to_one or field.model_field.one_to_one):
            continue
        related = field.resource.serializer_class  # the type's own rules, as `has` uses them (not a face's)
        related_hidden = hidden_private_fields(related, actor, event=event)
        for key, path in derived_ordering(related, related_hidden).items():
            result[f"{name}__{key}"] = f"{field.filter_path}__{path}"
    return result


def view_filterset(view, serializer_class=None, *, event=None):
    """The FilterSet class a view's list answers with, for the request's actor."""
    serializer_class = serializer_class or view.get_serializer_class()
    if event is None and hasattr(view, "get_permission_event"):
        event = view.get_permission_event()
    hidden = view_hidden_private_fields(view, serializer_class, event)
    extra = getattr(view, "filterset_fields", None) if serializer_class is view.get_serializer_class() else None
    if isinstance(extra, dict):
        extra = {k: v for k, v in extra.items() if k.split("__")[0] not in hidden}
    return derived_filterset(serializer_class, hidden, extra or None)


def view_hidden_private_fields(view, serializer_class, event):
    if hasattr(view, "private_fields_owner") and view.private_fields_owner() is not None:
        return frozenset()  # every row of the list is the actor's own (a buyer's orders)
    user = getattr(view.request, "user", None)
    return hidden_private_fields(serializer_class, user, event=event)
