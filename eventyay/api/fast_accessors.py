"""Stage 1 of the fast renderer (`eventyay.api.fast_render`): one row's representation, field by field.

Each readable field of a serializer gets an accessor (instance -> its representation, raising SkipField like DRF),
decided once per plan instead of once per row: plain attributes read the column, resource-related fields build
`{type, id}` without looking the type up again, and our relationship fields (`eventyay.api.relationships`) cut
their links from the request's templates. For primary rows the relationships object can instead be encoded as
JSON pieces (`encoded_pieces`) that `Plan.encode_relationships` joins around each row's id.
"""

from datetime import datetime

import orjson
from rest_framework import ISO_8601
from rest_framework import fields as drf_fields
from rest_framework import relations as drf_relations
from rest_framework.relations import PKOnlyObject
from rest_framework.settings import api_settings
from rest_framework_json_api import relations as dja_relations
from rest_framework_json_api.utils import get_resource_type_from_instance

from eventyay.api import relationships as rel
from eventyay.api.relationships import Relationship


class Unsupported(Exception):
    """The document needs something only the library path does; render it there."""



_STR_FIELDS = (drf_fields.CharField, drf_fields.EmailField, drf_fields.URLField, drf_fields.SlugField)
_PLAIN_RESOURCE_RELATED = {
    "to_representation": dja_relations.ResourceRelatedField.to_representation,
    "get_resource_id": dja_relations.ResourceRelatedField.get_resource_id,
    "get_attribute": drf_relations.RelatedField.get_attribute,
    "use_pk_only_optimization": dja_relations.ResourceRelatedField.use_pk_only_optimization,
}


def _keeps(cls, methods):
    return all(getattr(cls, name) is impl for name, impl in methods.items())


def concrete_attnames(model):
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


def speed_up_identifiers(field):
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


def split_templates(field, request):
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


def encoded_pieces(name, links):
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


def accessor(field, attnames, plan=None):
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
        if cls is drf_fields.DateTimeField and plan is not None and _iso_in_current_zone(field):
            return _datetime_accessor(name, field.to_representation, plan.time_zone)
        rep = field.to_representation
        return lambda instance: None if (v := getattr(instance, name)) is None else rep(v)
    return _generic_with(field, field.to_representation)


def _iso_in_current_zone(field):
    """A DateTimeField that DRF writes as ISO 8601 in the current time zone (no format or zone of its own)."""
    output = getattr(field, "format", api_settings.DATETIME_FORMAT)
    return isinstance(output, str) and output.lower() == ISO_8601 and not hasattr(field, "timezone")


def _datetime_accessor(name, represent, zone_cell):
    """DRF's DateTimeField output (`enforce_timezone`, then `isoformat` with `Z` for UTC) for an aware datetime,
    in the zone the plan read once for this request; anything else goes through DRF's own code."""

    def read(instance):
        value = getattr(instance, name)
        if value is None:
            return None
        zone = zone_cell[0]
        if type(value) is not datetime or zone is None or value.utcoffset() is None:
            return represent(value)
        try:
            text = value.astimezone(zone).isoformat()
        except OverflowError:
            return represent(value)  # DRF's own error
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return read


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

