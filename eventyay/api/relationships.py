"""Relationship fields: one declaration per relationship gives data, links, `include`, related and relationship
routes, filters and (when writable) writes, the same way for every type.

    class TicketSerializer(ResourceSerializer):
        event = ToOne("event")                                    # FK `event`, read-only
        discount_code = ToOne("discount-code", writable=True)     # FK, PATCHable (the service decides the rules)
        attendees = ToMany("attendee")                            # reverse FK: links, data when included
        speakers_call = NotServed("speakers-call")               # a type we do not serve yet: data null

The first argument is the JSON:API type of the other end; the registry (`eventyay.api.registry`) knows which
viewset serves it, so the related rows shown anywhere (relationship `data`, `included`, the related route) are
exactly the rows the actor may read through that type's own routes (`readable()`), soft-deleted rows excluded.

Options:
* `path`: the model attribute behind the relationship (default: the field name) — an FK, a reverse FK, an M2M or
  a reverse one-to-one. It is also the ORM path filters use (`filter[event-topic]=3`, `event-topic has {…}`).
* `face`: a serializer class (or dotted path) that shows the related objects to anyone who may read this one
  (an event's owner and organizers, a team member): rows are then not filtered by the related type's rules.
* `getter` + `prefetch`: relationships computed in Python from prefetched rows (an order's tickets, an event's
  organizers); they take a `face` or are shown with the related type's serializer, unfiltered.
* `lookup` (to-many): the related rows are those whose ORM path `lookup` leads back to this object (a user's
  events by role: `lookup="user_roles__user", where=Q(user_roles__role__name="organizer")`). Such a
  relationship renders links only; included, it costs a query per row, so keep it off lists.
* `data=True` (to-many): always render resource linkage (the rows are prefetched for every request). By default a
  to-many relationship renders only links, and `data` when it is included (as the Open Event Server does).
  A to-one relationship over a forward FK renders its linkage from the FK column — except to a type whose
  serializer declares `client_key` (the attribute the Open Event client keys that type by, its `primaryKey`):
  the client would take the linkage's id for that key and create a second record beside the real one (an
  order keyed `5` beside the order keyed by its identifier; events and orders declare `client_key =
  "identifier"`). Such a relationship renders links only, and
  `data` when it is included, as the Open Event Server does for every relationship; `data=False` asks the same
  of any to-one relationship.
* `where`: a Q limiting a reverse relation (the event-level discount code among an event's codes); with `ToOne`
  the first matching row is the related object.
* `writable=True`: the relationship is accepted in POST/PATCH documents and on its relationship route.
  (A ticket's `{"type": "event", "id": "11"}` made the client create an empty event `11` and move the ticket
  there, so the wizard's real event had no tickets and no Publish button.) The relationship route still answers
  the linkage.
* `absent=404` (to-one): the related route answers 404 rather than `data: null` when there is no related object —
  an event's own part that may not exist yet (its speakers call), which the Open Event Server serves with a detail
  view that answers 404 then, and which the client creates when it meets that 404.

The view prefetches what a request needs (`preload()`, from `include=` and `data=True` fields): query counts stay
constant in the page size, for nested include paths too.
"""

from functools import cached_property

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import Manager, Prefetch, Q
from django.utils.module_loading import import_string
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.fields import Field, SkipField, empty
from rest_framework.relations import RelatedField
from rest_framework_json_api.exceptions import Conflict
from rest_framework_json_api.utils import format_field_name

MISSING = object()
_PLACEHOLDER = "9876543210123456789"


_paths = {}


def _link_paths(related_name, self_name, segment):
    """The (related, self) link paths of one relationship with the id as `_PLACEHOLDER`, reversed once per process
    (and script prefix): a list of events renders ~50 relationships per request, two `reverse()` each."""
    from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

    key = (related_name, self_name, segment, get_script_prefix(), get_urlconf())
    paths = _paths.get(key, MISSING)
    if paths is MISSING:
        kwargs = {"pk": _PLACEHOLDER, "related_field": segment}
        try:
            paths = (reverse(related_name, kwargs=kwargs), reverse(self_name, kwargs=kwargs))
        except NoReverseMatch:
            paths = None
        _paths[key] = paths
    return paths


def _origin(request):
    """`scheme://host` of the request, as `build_absolute_uri` prefixes an absolute path (worked out once per
    request)."""
    origin = getattr(request, "_eventyay_origin", None)
    if origin is None:
        origin = request.build_absolute_uri("/")[:-1]
        request._eventyay_origin = origin
    return origin


def _registry():
    from eventyay.api.registry import resources

    return resources


def _serializer(value):
    return import_string(value) if isinstance(value, str) else value


class Relationship(RelatedField):
    """Base of `ToOne`, `ToMany` and `NotServed`. Renders the whole relationship object (`links`, `data`);
    reads and writes through `path`."""

    many = False

    def __init__(
        self,
        type,
        *,
        path=None,
        face=None,
        getter=None,
        prefetch=(),
        where=None,
        lookup=None,
        data=None,
        writable=False,
        filterable=True,
        **kwargs,
    ):
        self.related_type = type
        self.path = path
        self.face = face
        self.getter = getter
        self.extra_prefetch = tuple(prefetch)
        self.where = where
        self.lookup = lookup
        self.always_data = data
        self.writable = writable
        self.filterable = filterable and getter is None and lookup is None
        required = kwargs.pop("required", False)
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        kwargs.setdefault("allow_null", not self.many)
        super().__init__(**kwargs)
        self.read_only = not writable
        self.required = bool(required and writable)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        if self.path is None:
            self.path = field_name

    @property
    def JSONAPIMeta(self):  # noqa: N802  (djangorestframework-jsonapi reads the related type from here)
        return type("JSONAPIMeta", (), {"resource_name": self.related_type})

    # --- what the other end is --------------------------------------------------------------------------------------
    @property
    def resource(self):
        return _registry().get(self.related_type)

    @property
    def related_model(self):
        resource = self.resource
        if resource is not None:
            return resource.model
        model_field = self.model_field
        return model_field.related_model if model_field is not None else None

    @cached_property
    def model_field(self):
        model = getattr(getattr(self.parent, "Meta", None), "model", None)
        if model is None or self.getter is not None:
            return None
        try:
            return model._meta.get_field(self.path)
        except FieldDoesNotExist:
            return None

    @property
    def filter_path(self):
        """The ORM path filters use, or None when the relationship cannot be filtered on."""
        if not self.filterable or self.model_field is None or self.where is not None:
            return None
        return self.path

    def serializer_class(self):
        """The serializer that shows related objects (included, or on the related route)."""
        if self.face is not None:
            return _serializer(self.face)
        resource = self.resource
        if resource is None:
            raise ImproperlyConfigured(f"No registered resource type {self.related_type!r} for {self.field_name}.")
        return resource.serializer_class

    @property
    def unfiltered(self):
        """Related rows are shown to whoever may read this object (a face, or rows computed in Python)."""
        return self.face is not None or self.getter is not None

    # --- rows ----------------------------------------------------------------------------------------
    @property
    def prefetch_attr(self):
        return f"_rel_{self.field_name}"

    def base_queryset(self, request):
        model = self.related_model
        queryset = model._default_manager.all()
        if self.where is not None and self.lookup is None:
            queryset = queryset.filter(self.where)
        if request is None:
            return _alive(queryset)
        if self.unfiltered:  # shown to whoever reads this object, with the type's own annotations (user flags)
            return _registry().helper_view(self.related_type, request).annotate(_alive(queryset))
        return _registry().readable(self.related_type, queryset, request)

    def prefetches(self, request, prefix="", linkage_only=False):
        """Prefetch lookups (below `prefix`) that make this relationship's rows available without a query per
        row: the readable related rows into `prefetch_attr`. With `linkage_only` (the rows only give the
        relationship's resource linkage, they are not included) a to-many relationship loads just the ids."""
        from eventyay.api.preload import prefixed

        extra = [prefixed(lookup, prefix) for lookup in self.extra_prefetch]
        if self.getter is not None or self.lookup is not None:
            return extra
        queryset = self.base_queryset(request)
        if linkage_only:
            columns = self._linkage_columns()
            if columns is not None:
                queryset = queryset.select_related(None).only(*columns)  # joined rows would be read for nothing
        return [*extra, Prefetch(prefix + self.path, queryset=queryset, to_attr=self.prefetch_attr)]

    def _linkage_columns(self):
        """The columns a prefetch needs to give each parent its related ids: the id, and for a reverse foreign key
        the key itself (the prefetch groups rows by it; deferred, it would cost a query per row)."""
        field = self.model_field
        if not self.many or field is None:
            return None
        if field.many_to_many:
            return ("pk",)
        if field.one_to_many and not field.concrete:
            return ("pk", field.field.name)
        return None

    def prefetch_path(self, prefix=""):
        """The lookup path of the prefetched rows (for include paths below this relationship), or None."""
        if self.getter is not None or self.lookup is not None:
            return None
        return prefix + self.prefetch_attr

    def needs_prefetch(self):
        return bool(self.always_data)

    def _request(self):
        return self.context.get("request") if hasattr(self, "parent") and self.parent is not None else None

    # --- links ----------------------------------------------------------------------------------------
    def links(self, instance):
        request = self._request()
        templates = getattr(self, "_link_templates", None)
        # keyed by the request itself, not its id(): a field may outlive a request (fast_render reuses fields)
        if templates is None or templates[0] is not request:
            templates = (request, self._build_templates(request))
            self._link_templates = templates
        related, self_link = templates[1]
        if not related:
            return {}
        pk = str(instance.pk)
        return {"self": self_link.replace(_PLACEHOLDER, pk), "related": related.replace(_PLACEHOLDER, pk)}

    def _build_templates(self, request):
        resource = _registry().get(getattr(self.parent.Meta, "resource_name", None))
        if resource is None:
            return None, None
        paths = _link_paths(resource.url_name("related"), resource.url_name("relationships"),
                            format_field_name(self.field_name))  # fmt: skip
        if paths is None:
            return None, None
        related, self_link = paths
        if request is not None:
            origin = _origin(request)
            related, self_link = origin + related, origin + self_link
        return related, self_link

    # --- representation ----------------------------------------------------------------------------------------
    def to_representation(self, instance):
        result = {}
        links = self.links(instance)
        if links:
            result["links"] = links
        data = self.linkage(instance)
        if data is not MISSING:
            result["data"] = data
        return result

    def identifier(self, obj):
        return {"type": self.related_type, "id": str(obj.pk)}

    # --- writes ----------------------------------------------------------------------------------------
    def run_validation(self, data=empty):
        if data is empty:
            if self.required and not (self.root.partial if hasattr(self, "root") else False):
                self.fail("required")
            raise SkipField()
        if data is None:
            if not self.allow_null:
                self.fail("null")
            return {self.path: [] if self.many else None}
        return {self.path: self.to_internal_value(data)}

    def resolve(self, identifier):
        if not isinstance(identifier, dict):
            raise ValidationError("Expected a resource identifier object {type, id}.")
        if "type" not in identifier or "id" not in identifier:
            raise ValidationError("A resource identifier object needs a type and an id.")
        if identifier["type"] != self.related_type:
            raise Conflict(f"Incorrect relation type. Expected {self.related_type}, received {identifier['type']}.")
        model = self.related_model
        pk = identifier["id"]
        try:
            obj = model._default_manager.filter(pk=pk).first() if str(pk).isdigit() else None
        except (TypeError, ValueError):
            obj = None
        if obj is None or getattr(obj, "deleted_at", None) is not None:
            raise ValidationError(f'Invalid id "{pk}": no such {self.related_type}.')
        return obj

    def get_choices(self, cutoff=None):
        return {}


class ToOne(Relationship):
    """A to-one relationship. Over a forward FK the linkage comes from the FK column (no query per row); over a
    reverse one-to-one, a filtered reverse relation (`where`) or a `getter`, linkage is rendered when the
    relationship is included (or always, with `data=True`)."""

    def __init__(self, type, *, absent=None, **kwargs):
        if absent not in (None, 404):
            raise ImproperlyConfigured("ToOne(absent=...) takes 404 or None.")
        self.absent = absent
        super().__init__(type, **kwargs)

    @cached_property
    def fk_attname(self):
        field = self.model_field
        if field is not None and field.many_to_one or (field is not None and field.one_to_one and field.concrete):
            return field.attname
        return None

    @property
    def prefetch_attr(self):
        return f"_inc_{self.field_name}"

    def needs_prefetch(self):
        return bool(self.always_data) and self.fk_attname is None

    @cached_property
    def linkage_when_included(self):
        """Linkage only when included (links only otherwise): `data=False`, or the related type's serializer
        declares a `client_key` other than the id."""
        if self.always_data is not None:
            return self.always_data is False
        resource = self.resource
        return resource is not None and getattr(resource.serializer_class, "client_key", "id") != "id"

    def linkage(self, instance):
        if self.fk_attname is not None and not (
            self.linkage_when_included and not hasattr(instance, self.prefetch_attr)
        ):
            pk = getattr(instance, self.fk_attname)
            return {"type": self.related_type, "id": str(pk)} if pk is not None else None
        if self.getter is not None and (self.always_data or _has_prefetched(instance, self.extra_prefetch)):
            obj = self.getter(instance)
            return self.identifier(obj) if obj is not None else None
        if hasattr(instance, self.prefetch_attr) or self.always_data:
            obj = self.related_object(instance)
            return self.identifier(obj) if obj is not None else None
        return MISSING

    def related_object(self, instance, request=None):
        """The related object as the actor may see it, or None."""
        if self.getter is not None:
            return self.getter(instance)
        if hasattr(instance, self.prefetch_attr):
            value = getattr(instance, self.prefetch_attr)
            return _first(value)
        request = request or self._request()
        queryset = self.base_queryset(request)
        if self.fk_attname is not None:
            pk = getattr(instance, self.fk_attname)
            return queryset.filter(pk=pk).first() if pk is not None else None
        return queryset.filter(**{self._reverse_lookup(): instance.pk}).first()

    def exists(self, instance):
        """Whether there is a related object at all (visible or not)."""
        if self.fk_attname is not None:
            return getattr(instance, self.fk_attname) is not None
        return self.related_object(instance) is not None

    def _reverse_lookup(self):
        field = self.model_field
        if field is None:
            raise ImproperlyConfigured(f"{self.parent.__class__.__name__}.{self.field_name}: unknown path {self.path}")
        return f"{field.remote_field.name}__pk" if not field.concrete else "pk"

    def included_rows(self, instance, request=None):
        obj = self.related_object(instance, request)
        return [obj] if obj is not None else []

    def to_internal_value(self, data):
        return self.resolve(data)


class ToMany(Relationship):
    """A to-many relationship over a reverse FK or an M2M (`path`), or computed by a `getter`."""

    many = True

    def linkage(self, instance):
        if self.getter is not None:
            if self.always_data or _has_prefetched(instance, self.extra_prefetch):
                return [self.identifier(obj) for obj in self.getter(instance)]
            return MISSING
        if hasattr(instance, self.prefetch_attr) or self.always_data:
            return [self.identifier(obj) for obj in self.related_rows(instance)]
        return MISSING

    def needs_prefetch(self):
        return bool(self.always_data) and self.lookup is None

    def related_rows(self, instance, request=None):
        if self.getter is not None:
            return list(self.getter(instance))
        if hasattr(instance, self.prefetch_attr):
            return list(getattr(instance, self.prefetch_attr))
        return list(self.related_queryset(instance, request or self._request()))

    included_rows = related_rows

    def related_queryset(self, instance, request):
        """The related rows the actor may read, as a queryset of the related model (the related route)."""
        if self.lookup is not None:
            condition = Q(**{self.lookup: instance}) & (self.where if self.where is not None else Q())
            ids = self.related_model._default_manager.filter(condition).values("pk")
            return self.base_queryset(request).filter(pk__in=ids)
        manager = getattr(instance, self.path)
        if not isinstance(manager, Manager):
            raise ImproperlyConfigured(f"{self.field_name}: path {self.path!r} is not a relation")
        ids = manager.all()
        if self.where is not None:
            ids = ids.filter(self.where)
        return self.base_queryset(request).filter(pk__in=ids.values("pk"))

    def to_internal_value(self, data):
        if not isinstance(data, list):
            raise ValidationError("A to-many relationship takes a list of resource identifier objects.")
        objects = [self.resolve(item) for item in data]
        seen, unique = set(), []
        for obj in objects:
            if obj.pk not in seen:
                seen.add(obj.pk)
                unique.append(obj)
        return unique


class NotServed(Relationship):
    """A relationship to a type this platform does not serve yet: `data` is null (to-one) or `[]` (to-many),
    on the resource, its related route, its relationship route and in filters (`has` matches nothing);
    `include` of it is accepted and adds nothing. Replace it with `ToOne`/`ToMany` once the type exists."""

    def __new__(cls, *args, **kwargs):
        # DRF's RelatedField turns `many=True` into a ManyRelatedField; here it only says to-one or to-many
        many = kwargs.pop("many", False)
        instance = Field.__new__(cls, *args, **kwargs)
        instance._kwargs = {**kwargs, "many": many}
        return instance

    def __init__(self, type, *, many=False, **kwargs):
        self.many = many
        kwargs["filterable"] = False
        super().__init__(type, **kwargs)

    def linkage(self, instance):
        return [] if self.many else None

    def related_rows(self, instance, request=None):
        return []

    included_rows = related_rows

    def related_object(self, instance, request=None):
        return None

    def prefetches(self, request, prefix="", linkage_only=False):
        return []

    def prefetch_path(self, prefix=""):
        return None

    def serializer_class(self):
        return not_served_serializer(self.related_type)

    def to_internal_value(self, data):
        raise SkipField()


class Computed(NotServed):
    """A to-one relationship to a computed resource served at its own route (an event's or a ticket's
    statistics): rendered with links only, as the Open Event Server does, so a client follows `links.related`
    to that route; it carries no data and `include` adds nothing."""

    def linkage(self, instance):
        return MISSING


class _AnyIncludes(dict):
    """Included serializers of a type we do not serve: any path below it is accepted (and includes nothing)."""

    def __init__(self, serializer_class):
        super().__init__()
        self.serializer_class = serializer_class

    def get(self, key, default=None):
        return self.serializer_class

    def __getitem__(self, key):
        return self.serializer_class

    def __contains__(self, key):
        return True


_NOT_SERVED = {}


def not_served_serializer(type_name):
    if type_name not in _NOT_SERVED:
        meta = type("Meta", (), {"resource_name": type_name, "fields": ()})
        cls = type(f"NotServed_{type_name}", (serializers.Serializer,), {"Meta": meta})
        cls.included_serializers = _AnyIncludes(cls)
        _NOT_SERVED[type_name] = cls
    return _NOT_SERVED[type_name]


# --- helpers ------------------------------------------------------------------------------------------------------
def relationship_fields(serializer_class):
    """{field name: Relationship} of a serializer class (from one unbound instance, cached per class)."""
    cache = serializer_class.__dict__.get("_relationship_fields_cache")
    if cache is None:
        fields = serializer_class().fields
        cache = {name: field for name, field in fields.items() if isinstance(field, Relationship)}
        serializer_class._relationship_fields_cache = cache
    return cache


def relationship_named(serializer_class, segment):
    """The relationship a URL segment (`event-sub-topics`, or `event_sub_topics`) names, or None."""
    return relationship_fields(serializer_class).get(segment.replace("-", "_"))


def _first(value):
    if isinstance(value, (list, tuple)):
        return value[0] if value else None
    return value


def _alive(queryset):
    if any(f.name == "deleted_at" for f in queryset.model._meta.concrete_fields):
        return queryset.filter(deleted_at__isnull=True)
    return queryset


def _has_prefetched(instance, lookups):
    """Whether the prefetches a getter relies on were made (their to_attr, or the prefetch cache)."""
    if not lookups:
        return False
    cache = getattr(instance, "_prefetched_objects_cache", {})
    for lookup in lookups:
        attr = getattr(lookup, "to_attr", None) or getattr(lookup, "prefetch_to", lookup)
        attr = str(attr).split("__")[0]
        if not (hasattr(instance, attr) and attr in instance.__dict__) and attr not in cache:
            return False
    return True


def dasherized(name):
    return format_field_name(name)


EMPTY_Q = Q(pk__in=[])
