"""A fast path for rendering JSON:API documents, byte for byte what djangorestframework-jsonapi renders.

The library does, for every row of a list: build the serializer's field list again, filter sparse fields
again, dasherize every name again, resolve each relationship's resource type again (two `inflection` regex
passes per related value), reverse URLs, and, for `include=`, build a new serializer for every included
object. None of that depends on the row. Here it is worked out once per request and serializer class (a
`Plan`), and each row costs only reading its values.

It runs in two stages, like the library:
1. the row's representation (`serializer.to_representation(instance)`'s dict): computed from the plan's
   per-field accessors when the serializer keeps DRF's own `to_representation`, else by calling the
   serializer's override (e.g. one that hides private fields);
2. the resource object (type, id, attributes, relationships) from that dict, with the same rules as the
   library's `build_json_resource_obj`, and compound documents with the rules of its `extract_included`.

Views hand the renderer a `Deferred` (serializer not yet evaluated) so stage 1 is not done twice. Anything
this module does not know (polymorphic serializers, `meta_fields`, root meta, hyperlinked identity fields,
relationship field classes it has not been taught) takes the library's path, so the output never differs;
`tests/api/test_fast_render.py` compares the bytes of both paths on every list route.
"""

import threading
from collections import OrderedDict, defaultdict

import orjson
from django.conf import settings
from django.db.models import Manager
from django.urls import get_script_prefix
from rest_framework import fields as drf_fields
from rest_framework import relations as drf_relations
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.serializers import ListSerializer
from rest_framework.serializers import Serializer as DrfSerializer
from rest_framework.settings import api_settings
from rest_framework_json_api import relations as dja_relations
from rest_framework_json_api.serializers import PolymorphicModelSerializer
from rest_framework_json_api.utils import (
    format_field_name,
    format_field_names,
    get_included_resources,
    get_resource_type_from_instance,
    get_resource_type_from_serializer,
    get_serializer_fields,
    is_relationship_field,
)

from eventyay.api import relationships as rel
from eventyay.api.relationships import Relationship
from eventyay.api.serializers import ResourceSerializer, _RelatedLinkMixin  # noqa: E402

URL_FIELD = api_settings.URL_FIELD_NAME


class Unsupported(Exception):
    """The document needs something only the library path does; render it there."""


class Deferred:
    """A serializer whose representation has not been computed. `.data` computes it the library's way (for
    ETags of the plain representation, or the library path); the fast renderer reads instances instead."""

    __slots__ = ("serializer", "_data")

    def __init__(self, serializer):
        self.serializer = serializer
        self._data = None

    @property
    def data(self):
        if self._data is None:
            self._data = self.serializer.data
        return self._data


def defer(serializer):
    if not getattr(settings, "API_FAST_RENDER", True):
        return serializer.data
    return Deferred(serializer)


def materialize(data):
    """The library's representation of what a view answered (a Deferred, a page dict holding one, or data)."""
    if isinstance(data, Deferred):
        return data.data
    if isinstance(data, dict) and isinstance(data.get("results"), Deferred):
        return {**data, "results": data["results"].data}
    return data


# --- stage 1: one row's representation ------------------------------------------------------------------
_STR_FIELDS = (drf_fields.CharField, drf_fields.EmailField, drf_fields.URLField, drf_fields.SlugField)
_PLAIN_RESOURCE_RELATED = {
    "to_representation": dja_relations.ResourceRelatedField.to_representation,
    "get_resource_id": dja_relations.ResourceRelatedField.get_resource_id,
    "get_attribute": drf_relations.RelatedField.get_attribute,
    "use_pk_only_optimization": dja_relations.ResourceRelatedField.use_pk_only_optimization,
}


def _keeps(cls, methods):
    return all(getattr(cls, name) is impl for name, impl in methods.items())


def _concrete_attnames(model):
    if model is None:
        return set()
    return {f.attname for f in model._meta.concrete_fields if not f.is_relation} | {
        f.name for f in model._meta.concrete_fields if not f.is_relation
    }


def _identifier(field):
    """(type, id) for one related value of a plain ResourceRelatedField, as its to_representation gives."""
    known = field.get_resource_type_from_included_serializer()
    pk_field = getattr(field, "pk_field", None)
    if pk_field is not None:
        raise Unsupported("pk_field")
    if known is not None and field._skip_polymorphic_optimization:
        return lambda value: {"type": known, "id": str(value.pk)}
    types = {}

    def identify(value):
        model = type(value)
        kind = types.get(model)
        if kind is None:
            kind = types[model] = get_resource_type_from_instance(value)
        return {"type": kind, "id": str(value.pk)}

    return identify


def _speed_up_identifiers(field):
    """On a plan's own serializer (never shared with a view): give plain resource-related fields a to_representation
    that does not look the resource type up again for every value. A serializer overriding to_representation
    (and calling DRF's) then gets the speed too."""
    targets = [field]
    if type(field) is drf_relations.ManyRelatedField:
        targets.append(field.child_relation)
    for target in targets:
        cls = type(target)
        if not isinstance(target, dja_relations.ResourceRelatedField) or not _keeps(cls, _PLAIN_RESOURCE_RELATED):
            continue
        if getattr(target, "pk_field", None) is not None or not target._skip_polymorphic_optimization:
            continue
        known = target.get_resource_type_from_included_serializer()
        if known is None:
            continue
        target.use_pk_only_optimization = lambda: True
        target.to_representation = lambda value, known=known: {"type": known, "id": str(value.pk)}


def _linkage(field):
    """instance -> resource linkage (or MISSING) for one of our relationship fields, with what `linkage()` decides
    per row (the kind of relationship, the prefetch attribute) decided once."""
    cls = type(field)
    kind = field.related_type
    if cls.linkage is rel.Computed.linkage:
        return lambda instance: rel.MISSING
    if cls.linkage is rel.NotServed.linkage:
        empty = [] if field.many else None
        return lambda instance: [] if empty is not None else None
    if cls.linkage is rel.ToOne.linkage and field.fk_attname is not None and not field.linkage_when_included:
        attname = field.fk_attname

        def forward(instance):
            pk = getattr(instance, attname)
            return {"type": kind, "id": str(pk)} if pk is not None else None

        return forward
    if cls.linkage is rel.ToMany.linkage and field.getter is None and not field.always_data:
        attr = field.prefetch_attr

        def many(instance):
            rows = getattr(instance, attr, rel.MISSING)
            if rows is rel.MISSING:
                return rel.MISSING
            return [{"type": kind, "id": str(row.pk)} for row in rows]

        return many
    return field.linkage


def _relationship_accessor(field, plan):
    """instance -> the relationship object `Relationship.to_representation` gives, with the links cut from the
    request's templates once (`Plan.prepare`) instead of looked up per row."""
    linkage = _linkage(field)
    cell = [None]  # (self prefix, self suffix, related prefix, related suffix) for the current request
    plan.link_cells.append((field, cell, linkage))

    def represent(instance):
        links = cell[0]
        if links is False:  # no links for this request: the field's own code decides, as on the library path
            return field.to_representation(instance)
        out = {}
        if links is not None:
            pk = str(instance.pk)
            out["links"] = {"self": links[0] + pk + links[1], "related": links[2] + pk + links[3]}
        data = linkage(instance)
        if data is not rel.MISSING:
            out["data"] = data
        return out

    return represent


def _split_templates(field, request):
    """The field's (related, self) link templates for `request`, cut at the placeholder; None when the field has no
    links, False when a template does not hold the placeholder exactly once (then the field renders itself)."""
    related, self_link = field._build_templates(request)
    if not related:
        return None
    related_parts = related.split(rel._PLACEHOLDER)
    self_parts = self_link.split(rel._PLACEHOLDER)
    if len(related_parts) != 2 or len(self_parts) != 2:
        return False
    return (self_parts[0], self_parts[1], related_parts[0], related_parts[1])


#: the key under which `Plan.represent(..., fragment=True)` leaves a row's encoded relationships object
FRAGMENT = object()


def _encoded_pieces(name, links):
    """(head, middle, tail) such that head + pk + middle + pk + tail is the encoded `"name":{"links":{…}` (without its
    closing brace), or (head, None, None) without links; None when the encoding would not split at the pk."""
    key = orjson.dumps(name) + b":"
    if links is None:
        return (key + b"{", None, None)
    placeholder = rel._PLACEHOLDER
    encoded = orjson.dumps({"links": {"self": links[0] + placeholder + links[1],
                                      "related": links[2] + placeholder + links[3]}})  # fmt: skip
    parts = encoded[:-1].split(placeholder.encode())
    if len(parts) != 3:
        return None
    return (key + parts[0], parts[1], parts[2])


def _plain_relationship(field):
    cls = type(field)
    return (
        isinstance(field, Relationship)
        and cls.to_representation is Relationship.to_representation
        and cls.links is Relationship.links
        and cls.get_attribute is Relationship.get_attribute
    )


def _accessor(field, attnames, plan=None):
    """A function instance -> representation (raising SkipField like DRF), for one readable field."""
    cls = type(field)
    source_attrs = field.source_attrs
    if plan is not None and _plain_relationship(field):
        return _relationship_accessor(field, plan)
    if cls is dja_relations.ResourceRelatedField or (
        isinstance(field, dja_relations.ResourceRelatedField) and _keeps(cls, _PLAIN_RESOURCE_RELATED)
    ):
        identify = _identifier(field)
        if len(source_attrs) == 1 and field.use_pk_only_optimization():
            name = source_attrs[0]

            def fk(instance):
                try:
                    pk = instance.serializable_value(name)
                except AttributeError:
                    return _generic(field, instance)
                if callable(pk):
                    return _generic(field, instance)
                pk = getattr(pk, "pk", pk)
                if pk is None:
                    return None
                return identify(PKOnlyObject(pk))

            return fk
        return _generic_with(field, identify)
    if cls is drf_relations.ManyRelatedField and type(field.child_relation) is dja_relations.ResourceRelatedField:
        identify = _identifier(field.child_relation)
        get_attribute = field.get_attribute

        def many(instance):
            values = get_attribute(instance)
            return [identify(value) for value in values]

        return many
    if len(source_attrs) == 1 and source_attrs[0] in attnames:
        name = source_attrs[0]
        if cls in _STR_FIELDS:
            return lambda instance: None if (v := getattr(instance, name)) is None else str(v)
        if cls is drf_fields.IntegerField:
            return lambda instance: None if (v := getattr(instance, name)) is None else int(v)
        if cls is drf_fields.BooleanField:
            rep = field.to_representation
            return lambda instance: v if (v := getattr(instance, name)) is None or v is True or v is False else rep(v)
        rep = field.to_representation
        return lambda instance: None if (v := getattr(instance, name)) is None else rep(v)
    return _generic_with(field, field.to_representation)


def _generic(field, instance):
    attribute = field.get_attribute(instance)
    check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
    return None if check is None else field.to_representation(attribute)


def _generic_with(field, represent):
    get_attribute = field.get_attribute

    def generic(instance):
        attribute = get_attribute(instance)
        check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
        return None if check is None else represent(attribute)

    return generic


# --- stage 2: the resource object ----------------------------------------------------------------------
def _relationship_builder(name, field):
    """A function (resource, instance) -> relationship object, or None to leave the relationship out;
    the library's `extract_relationships` branch for this field, decided once."""
    if field.write_only:
        return None
    if isinstance(field, Relationship):
        # our renderer's branch: the field rendered its whole relationship object in stage 1
        return lambda resource, instance: resource.get(name)
    if isinstance(field, dja_relations.ResourceRelatedField):
        if isinstance(field, dja_relations.SkipDataMixin):
            raise Unsupported(type(field).__name__)
        counted = isinstance(field, dja_relations.ManySerializerMethodResourceRelatedField)
        with_links = bool(field.self_link_view_name or field.related_link_view_name)
        get_links = field.get_links
        lookup = field.related_link_lookup_field

        def related(resource, instance):
            links = get_links(instance, lookup) if with_links else None
            out = {"links": links} if links else {}
            out["data"] = resource.get(name)
            if counted:
                out["meta"] = {"count": len(resource.get(name))}
            return out

        return related
    if isinstance(field, dja_relations.HyperlinkedMixin) and isinstance(field, dja_relations.SkipDataMixin):
        if isinstance(field, (drf_relations.PrimaryKeyRelatedField, drf_relations.HyperlinkedRelatedField)):
            raise Unsupported(type(field).__name__)
        get_links = field.get_links
        lookup = field.related_link_lookup_field
        if isinstance(field, _RelatedLinkMixin) and type(field).get_links is _RelatedLinkMixin.get_links:
            placeholder = field._PLACEHOLDER

            def templated(resource, instance):
                request = field.root._context.get("request")
                if getattr(field, "_template_request", None) is not request:
                    return link_only(resource, instance)  # builds this request's template
                template = field._template
                if not template:
                    return {}
                return {"links": {"related": template.replace(placeholder, str(getattr(instance, lookup)))}}


        def link_only(resource, instance):
            links = get_links(instance, lookup)
            return {"links": links} if links else {}

        if isinstance(field, _RelatedLinkMixin) and type(field).get_links is _RelatedLinkMixin.get_links:
            return templated
        return link_only
    if type(field) is drf_relations.ManyRelatedField and isinstance(
        field.child_relation, dja_relations.ResourceRelatedField
    ):
        child = field.child_relation
        if isinstance(child, dja_relations.SkipDataMixin) or len(field.source_attrs) != 1:
            raise Unsupported("many " + type(child).__name__)
        source = field.source_attrs[0]
        parent = field.parent
        with_links = bool(child.self_link_view_name or child.related_link_view_name)
        lookup = child.related_link_lookup_field

        def many(resource, instance):
            if not hasattr(instance, source) and not callable(getattr(parent, source, None)):
                return None  # the library skips a relation it cannot resolve
            value = resource.get(name)
            out = {"meta": {"count": len(value)}} if isinstance(value, (list, tuple)) else {}
            if value is not None and not isinstance(value, (list, tuple)):
                raise Unsupported("many value")
            out["data"] = value
            if with_links:
                links = child.get_links(instance, lookup)
                if links:
                    out["links"] = links
            return out

        return many
    raise Unsupported(type(field).__name__)


def _reusable(serializer_class):
    """True when the class builds its fields like the library does (not from the request): its fields can then
    be built once and reused by later requests on the same thread."""
    for name in ("__init__", "get_fields", "fields", "_readable_fields", "get_field_names", "build_field", "bind"):
        for klass in serializer_class.__mro__:
            if name in klass.__dict__:
                if not klass.__module__.startswith("rest_framework"):
                    return False
                break
    return True


_local = threading.local()
PLAN_CACHE_SIZE = 256


def _sparse(request, *types):
    params = getattr(request, "query_params", None) or {}
    return tuple(params.get(f"fields[{kind}]") for kind in types)


def plan_for(serializer_class, resource_type, renderer, context):
    """The plan for rows of `serializer_class` under this request's sparse fieldsets, reused across requests on
    this thread (its serializer's fields are built once) when the class allows it."""
    request = context.get("request")
    own_type = get_resource_type_from_serializer(serializer_class)
    resource_type = resource_type or own_type
    if not _reusable(serializer_class):
        return Plan(serializer_class(context=context), resource_type, renderer)
    cache = getattr(_local, "plans", None)
    if cache is None:
        cache = _local.plans = OrderedDict()
    key = (serializer_class, resource_type, _sparse(request, resource_type, own_type))
    plan = cache.get(key)
    if plan is None:
        plan = Plan(serializer_class(context=context), resource_type, renderer)
        cache[key] = plan
        if len(cache) > PLAN_CACHE_SIZE:
            cache.popitem(last=False)
    else:
        cache.move_to_end(key)
        plan.serializer._context = context  # the fields read request and view through the root's context
    return plan


class Plan:
    """What rendering rows of one serializer needs, worked out once (per request, or once per thread)."""

    def __init__(self, serializer, resource_type, renderer):
        if isinstance(serializer, PolymorphicModelSerializer):
            raise Unsupported("polymorphic")
        meta = getattr(serializer, "Meta", None)
        if getattr(meta, "meta_fields", None):
            raise Unsupported("meta_fields")
        self.serializer = serializer
        self.type = resource_type
        self.renderer = renderer
        all_fields = get_serializer_fields(serializer)
        if URL_FIELD in all_fields and isinstance(all_fields[URL_FIELD], drf_relations.HyperlinkedIdentityField):
            raise Unsupported("url field")
        self.all_fields = all_fields
        model = getattr(meta, "model", None)
        attnames = _concrete_attnames(model)
        readable = list(serializer._readable_fields)
        for field in all_fields.values():
            _speed_up_identifiers(field)
        representation = type(serializer).to_representation
        #: ResourceSerializer's own override only hides private fields: done here, after the accessors
        self.private = (
            bool(serializer.private_fields) if representation is ResourceSerializer.to_representation else False
        )
        self.custom_representation = representation not in (DrfSerializer.to_representation,
                                                             ResourceSerializer.to_representation)  # fmt: skip
        self.link_cells = []
        self.prepared_for = None
        self.encoders = None  # per request: how `represent(..., fragment=True)` encodes our relationships
        kept_names = None
        if not self.custom_representation:
            # only the fields the sparse fieldset keeps (and what the renderer reads besides: the id, the library's
            # relationship values its includes read) are computed; the library computes all and drops the rest
            kept_names = set(renderer._filter_sparse_fields(serializer, all_fields, resource_type))
        self.accessors = [] if self.custom_representation else [
            (f.field_name, _accessor(f, attnames, self))
            for f in readable
            if f.field_name in kept_names or f.field_name == "id"
            or (is_relationship_field(f) and not isinstance(f, Relationship))  # the library's includes read these
        ]  # fmt: skip
        kept = renderer._filter_sparse_fields(serializer, all_fields, resource_type)
        self.attributes = {
            name: format_field_name(name)
            for name, field in kept.items()
            if name != "id" and not is_relationship_field(field)
        }
        # the renderer writes the library's relationships first, then ours (`JsonApiRenderer.extract_relationships`)
        library, ours = [], []
        for name, field in kept.items():
            if name == URL_FIELD or not is_relationship_field(field):
                continue
            builder = _relationship_builder(name, field)
            if builder is not None:
                (ours if isinstance(field, Relationship) else library).append((format_field_name(name), builder))
        self.relationships = library + ours
        self.rel_names = [name for name, field in kept.items() if name != URL_FIELD and is_relationship_field(field)
                          and _relationship_builder(name, field) is not None]  # fmt: skip
        self.attribute_accessors = [(name, accessor) for name, accessor in self.accessors
                                    if not isinstance(all_fields.get(name), Relationship)]  # fmt: skip
        self.included_serializers = getattr(serializer, "included_serializers", None) or {}
        related = [(n, f) for n, f in all_fields.items() if n != URL_FIELD and is_relationship_field(f)]
        self.relationship_fields = [(n, f) for n, f in related if not isinstance(f, Relationship)]
        self.own_relationships = [(n, f) for n, f in related if isinstance(f, Relationship)]

    def prepare(self, request):
        """Cut the link templates for this request's origin (a plan outlives requests on its thread: again only
        when the origin changed)."""
        # the templates depend on the request only through its origin (`scheme://host`) and script prefix
        origin = (rel._origin(request), get_script_prefix()) if request is not None else None
        if self.prepared_for == origin and origin is not None:
            return
        for field, cell, _linkage_of in self.link_cells:
            cell[0] = _split_templates(field, request)
        self.prepared_for = origin
        self.encoders = self._encoders()

    def _encoders(self):
        """[(field name, (head, middle, tail), linkage)] in the order the relationships object has them, when every
        relationship of the row is one of ours with plain links; else None (rows then render dicts only)."""
        own = {field.field_name: (field, cell, linkage) for field, cell, linkage in self.link_cells}
        if not self.relationships or len(own) != len(self.rel_names) or set(own) != set(self.rel_names):
            return None
        encoders = []
        for name in self.rel_names:
            field, cell, linkage = own[name]
            if cell[0] is False:
                return None
            pieces = _encoded_pieces(format_field_name(name), cell[0])
            if pieces is None:
                return None
            encoders.append((name, pieces, linkage))
        return encoders

    def encode_relationships(self, instance, hidden):
        """A row's relationships object as encoded JSON (an orjson Fragment), byte for byte what the dict gives."""
        pk = instance.pk
        if type(pk) is not int:
            return None
        pk = str(pk).encode()
        out = []
        missing = rel.MISSING
        dumps = orjson.dumps
        for name, (head, middle, tail), linkage in self.encoders:
            if name in hidden:
                continue
            data = linkage(instance)
            if middle is None:
                out.append(head + (b"" if data is missing else b'"data":' + dumps(data)) + b"}")
            elif data is missing:
                out.append(head + pk + middle + pk + tail + b"}")
            else:
                out.append(head + pk + middle + pk + tail + b',"data":' + dumps(data) + b"}")
        return orjson.Fragment(b"{" + b",".join(out) + b"}") if out else None

    def represent(self, instance, fragment=False):
        """The row's representation; with `fragment` (and a plan whose relationships are all ours), its
        relationships object comes encoded under FRAGMENT instead of one dict per relationship."""
        if self.custom_representation:
            return self.serializer.to_representation(instance)
        encode = fragment and self.encoders is not None
        out = {}
        for name, accessor in self.attribute_accessors if encode else self.accessors:
            try:
                out[name] = accessor(instance)
            except SkipField:
                continue
        hidden = self.serializer.hidden_private_fields(instance) if self.private else ()
        for name in hidden:
            out.pop(name, None)
        if encode:
            encoded = self.encode_relationships(instance, hidden)
            if encoded is not None:
                out[FRAGMENT] = encoded
        return out

    def resource_object(self, resource, instance):
        if "id" in resource:
            raw = resource["id"]
            ident = str(raw) if raw is not None else None
        else:
            pk = getattr(instance, "pk", None)
            ident = str(pk) if pk is not None else None
        obj = {"type": self.type, "id": ident}
        names = self.attributes
        attributes = {names[name]: value for name, value in resource.items() if name in names}
        if attributes:
            obj["attributes"] = attributes
        if FRAGMENT in resource:
            obj["relationships"] = resource[FRAGMENT]
            return obj
        relationships = {}
        for key, builder in self.relationships:
            value = builder(resource, instance)
            if value is not None:
                relationships[key] = value
        if relationships:
            obj["relationships"] = relationships
        return obj


class Renderer:
    """Renders one response's data through plans; raises Unsupported when the library must do it."""

    def __init__(self, renderer, request, fragments=False):
        self.renderer = renderer
        self.request = request
        #: primary rows carry their relationships as encoded JSON (orjson only; `json` cannot write a Fragment)
        self.fragments = fragments
        self.plans = {}
        #: every write into the included cache, in order, and which writes an included row made (with its nested
        #: includes): the library serializes a row again each time a relation reaches it (a speaker of every one
        #: of their sessions) and the last write wins; replaying the recorded writes gives the same cache
        self.log = []
        self.memo = {}
        self.own_seen = set()

    def plan(self, serializer_class, context, resource_type=None):
        key = (serializer_class, resource_type)
        plan = self.plans.get(key)
        if plan is None:
            plan = self.plans[key] = plan_for(serializer_class, resource_type, self.renderer, context)
            plan.prepare(context.get("request"))
        return plan

    def document(self, data, resource_name):
        deferred = data["results"] if isinstance(data, dict) else data
        serializer = deferred.serializer
        many = isinstance(serializer, ListSerializer)
        child = serializer.child if many else serializer
        if isinstance(child, PolymorphicModelSerializer):
            raise Unsupported("polymorphic")
        context = child.context
        plan = self.plan(type(child), context, resource_name)
        included_resources = get_included_resources(self.request, serializer)
        included_cache = defaultdict(dict)
        if many:
            instances = serializer.instance
            instances = list(instances) if not isinstance(instances, list) else instances
            primary, resources = [], []
            fragment = self.fragments and not getattr(child, "get_root_meta", None)
            for instance in instances:
                resource = plan.represent(instance, fragment)
                resources.append(resource)
                primary.append(plan.resource_object(resource, instance))
                if included_resources:
                    self.include(plan, resource, instance, included_resources, included_cache, context)
        else:
            instance = serializer.instance
            resource = plan.represent(instance, self.fragments and not getattr(child, "get_root_meta", None))
            primary = plan.resource_object(resource, instance)
            resources = resource
            if included_resources:
                self.include(plan, resource, instance, included_resources, included_cache, context)
        meta = dict(data.get("meta", {})) if isinstance(data, dict) else {}
        if getattr(child, "get_root_meta", None):
            root_meta = child.get_root_meta(resources, many)
            assert isinstance(root_meta, dict), "get_root_meta must return a dict"
            meta.update(root_meta)

        document = {}
        if isinstance(data, dict) and data.get("links"):
            document["links"] = data.get("links")
        document["data"] = primary
        if included_cache:
            for obj in primary if many else [primary]:
                kind, ident = obj.get("type"), obj.get("id")
                if kind in included_cache and ident in included_cache[kind]:
                    del included_cache[kind][ident]
                if not included_cache[kind]:
                    del included_cache[kind]
        if included_resources:
            document["included"] = [
                included_cache[kind][ident]
                for kind in sorted(included_cache.keys())
                for ident in sorted(included_cache[kind].keys())
            ]
        if meta:
            document["meta"] = format_field_names(meta)
        return document

    def include(self, plan, resource, instance, included_resources, included_cache, context):
        """The library's `extract_included` for one row, then our relationships' (as `JsonApiRenderer` does),
        with plans instead of a serializer per object."""
        if not instance:
            return
        self.include_library(plan, resource, instance, included_resources, included_cache, context)
        if plan.own_relationships:
            self.include_own(plan, instance, included_resources, included_cache, context)

    def include_own(self, plan, instance, included_resources, included_cache, context):
        """`JsonApiRenderer.extract_included` for `eventyay.api.relationships` fields: each related row the actor
        may read; a row already included keeps its object and gains linkage it lacked."""
        from eventyay.api.renderers import _merge_relationships

        request = context.get("request")
        heads = {path.split(".")[0] for path in included_resources}
        for name, field in plan.own_relationships:
            if name not in heads:
                continue
            below = [path.split(".", 1)[1] for path in included_resources if path.startswith(f"{name}.")]
            rows = field.included_rows(instance, request)
            if not rows:
                continue
            child_plan = self.plan(field.serializer_class(), context)
            for row in rows:
                self.log.append(None)  # an enclosing memoized row cannot be replayed: see include_library
                if not below:
                    # the same row through the same relationship renders the same object (its rows come from the
                    # same prefetch): merging it again changes nothing (a speaker of 7 of the 100 sessions)
                    seen = (id(field), row.pk)
                    if seen in self.own_seen and row.pk is not None:
                        continue
                    self.own_seen.add(seen)
                child_resource = child_plan.represent(row)
                item = child_plan.resource_object(child_resource, row)
                known = included_cache[item["type"]].get(item["id"])
                if known is not None:
                    _merge_relationships(known, item)
                else:
                    included_cache[item["type"]][item["id"]] = item
                if below:
                    self.include(child_plan, child_resource, row, below, included_cache, context)

    def include_library(self, plan, resource, instance, included_resources, included_cache, context):
        """The library's `extract_included` for one row."""
        included_resources = list(included_resources)
        for name, field in plan.relationship_fields:
            try:
                included_resources.remove(name)
            except ValueError:
                if name not in [node.split(".")[0] for node in included_resources]:
                    continue
            related = self.renderer.extract_relation_instance(field, instance)
            if isinstance(related, Manager):
                related = related.all()
            nested = [key.replace(f"{name}.", "", 1) for key in included_resources if name == key.split(".")[0]]
            serializer_class = plan.included_serializers.get(name)
            if isinstance(field, drf_relations.ManyRelatedField):
                if serializer_class is None:
                    raise Unsupported("include without serializer")
                objects = list(related) if related is not None else []
            elif isinstance(field, drf_relations.RelatedField):
                value = resource.get(name)
                if related is None or not value:
                    continue
                if field._kwargs.get("child_relation", None) is not None:
                    raise Unsupported("many related field")
                if isinstance(field, dja_relations.ResourceRelatedField):
                    if value["type"] in included_cache and value["id"] in included_cache[value["type"]]:
                        continue
                if serializer_class is None:
                    raise Unsupported("include without serializer")
                objects = [related]
            else:
                continue
            if not objects:
                continue
            child_plan = self.plan(serializer_class, context)
            single = not isinstance(field, drf_relations.ManyRelatedField)
            nested_key = tuple(nested)
            for obj in objects:
                key = (id(child_plan), type(obj), getattr(obj, "pk", None), single, nested_key)
                writes = self.memo.get(key) if key[2] is not None else None
                if writes is not None and None in writes:
                    writes = None  # it included our relationships, whose writes merge: render it again
                if writes is not None:
                    for kind, ident, item in writes:
                        included_cache[kind][ident] = item
                    self.log.extend(writes)  # an enclosing row's record must hold these writes too
                    continue
                start = len(self.log)
                child_resource = child_plan.represent(obj)
                if not (single and not child_resource):
                    item = child_plan.resource_object(child_resource, obj)
                    self.log.append((item["type"], item["id"], item))
                    included_cache[item["type"]][item["id"]] = item
                    self.include(child_plan, child_resource, obj, nested, included_cache, context)
                self.memo[key] = self.log[start:]
