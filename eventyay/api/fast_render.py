"""A fast path for rendering JSON:API documents, byte for byte what djangorestframework-jsonapi renders.

The library does, for every row of a list: build the serializer's field list again, filter sparse fields
again, dasherize every name again, resolve each relationship's resource type again (two `inflection` regex
passes per related value), reverse URLs, and, for `include=`, build a new serializer for every included
object. None of that depends on the row. Here it is worked out once per request and serializer class (a
`Plan`), and each row costs only reading its values.

It runs in two stages, like the library:
1. the row's representation (`serializer.to_representation(instance)`'s dict): computed from the plan's
   per-field accessors (`eventyay.api.fast_accessors`) when the serializer keeps DRF's own
   `to_representation`, else by calling the
   serializer's override (e.g. one that blanks a field for some readers; private fields are hidden by the plan);
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
from django.utils import timezone
from rest_framework import relations as drf_relations
from rest_framework.fields import SkipField
from rest_framework.serializers import ListSerializer
from rest_framework.serializers import Serializer as DrfSerializer
from rest_framework.settings import api_settings
from rest_framework_json_api import relations as dja_relations
from rest_framework_json_api.serializers import PolymorphicModelSerializer
from rest_framework_json_api.utils import (
    format_field_name,
    format_field_names,
    get_included_resources,
    get_resource_type_from_serializer,
    get_serializer_fields,
    is_relationship_field,
)

from eventyay.api import relationships as rel
from eventyay.api.fast_accessors import (
    FRAGMENT,
    Unsupported,
    accessor,
    concrete_attnames,
    encoded_pieces,
    speed_up_identifiers,
    split_templates,
)
from eventyay.api.relationships import Relationship
from eventyay.api.serializers import ResourceSerializer, _RelatedLinkMixin

URL_FIELD = api_settings.URL_FIELD_NAME



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
        attnames = concrete_attnames(model)
        readable = list(serializer._readable_fields)
        for field in all_fields.values():
            speed_up_identifiers(field)
        representation = type(serializer).to_representation
        #: ResourceSerializer's own override only hides private fields: done here, after the accessors
        self.private = (
            bool(serializer.private_fields) if representation is ResourceSerializer.to_representation else False
        )
        self.custom_representation = representation not in (DrfSerializer.to_representation,
                                                             ResourceSerializer.to_representation)  # fmt: skip
        self.link_cells = []
        #: the time zone datetimes are written in, for this request (DRF's `enforce_timezone`): set by `prepare`
        self.time_zone = [None]
        self.prepared_for = None
        self.encoders = None  # per request: how `represent(..., fragment=True)` encodes our relationships
        kept_names = None
        if not self.custom_representation:
            # only the fields the sparse fieldset keeps (and what the renderer reads besides: the id, the library's
            # relationship values its includes read) are computed; the library computes all and drops the rest
            kept_names = set(renderer._filter_sparse_fields(serializer, all_fields, resource_type))
        self.accessors = [] if self.custom_representation else [
            (f.field_name, accessor(f, attnames, self))
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
        self.time_zone[0] = timezone.get_current_timezone() if settings.USE_TZ else None
        # the templates depend on the request only through its origin (`scheme://host`) and script prefix
        origin = (rel._origin(request), get_script_prefix()) if request is not None else None
        if self.prepared_for == origin and origin is not None:
            return
        for field, cell, _linkage_of in self.link_cells:
            cell[0] = split_templates(field, request)
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
            pieces = encoded_pieces(format_field_name(name), cell[0])
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
        for name, read in self.attribute_accessors if encode else self.accessors:
            try:
                out[name] = read(instance)
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
