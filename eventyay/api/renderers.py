import functools
import logging
import re

import orjson
from rest_framework import relations
from rest_framework.renderers import JSONRenderer as PlainJSONRenderer
from rest_framework.settings import api_settings
from rest_framework_json_api.renderers import JSONRenderer as DjaJSONRenderer
from rest_framework_json_api.utils import (
    format_field_name,
    get_resource_type_from_serializer,
    get_serializer_fields,
    undo_format_field_name,
)

from eventyay.api import fast_render

JSONAPI_OBJECT = {"version": "1.0"}
logger = logging.getLogger("eventyay.api.fast_render")


class _VersionedJSONRenderer(PlainJSONRenderer):
    """Adds the top-level `jsonapi` member to every JSON:API document (data, errors or meta)."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict) and ({"data", "errors", "meta"} & data.keys()) and "jsonapi" not in data:
            data = {**data, "jsonapi": JSONAPI_OBJECT}
        return super().render(data, accepted_media_type, renderer_context)


class _Fields(dict):
    """A plain dict of serializer fields that still knows its serializer (as DRF's BindingDict does)."""

    def __init__(self, fields, serializer):
        super().__init__(fields)
        self.serializer = serializer


def _split(fields):
    from eventyay.api.relationships import Relationship

    ours = {name: field for name, field in fields.items() if isinstance(field, Relationship)}
    rest = _Fields(
        {name: field for name, field in fields.items() if name not in ours}, getattr(fields, "serializer", None)
    )
    return ours, rest


class JsonApiRenderer(DjaJSONRenderer, _VersionedJSONRenderer):
    """djangorestframework-jsonapi's renderer; its final `super().render` lands in the class above.

    Data a view handed over unevaluated (`fast_render.Deferred`) is rendered by `fast_render` to the same
    bytes, in a fraction of the time; whatever it does not support goes through the library as before.

    Relationship fields of `eventyay.api.relationships` render their own relationship object (links and, when
    known, data) and name the rows `include=` adds; every other field goes through the upstream code."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if _holds_deferred(data):
            renderer_context = renderer_context or {}
            compact = self.get_indent(accepted_media_type, renderer_context) is None
            document = self._fast_document(data, renderer_context, fragments=compact)
            if document is not None and compact:
                body = _dumps(_versioned(document))
                if body is not None:
                    return body
                # orjson would write a byte differently: render again without encoded parts, through `json`
                document = self._fast_document(data, renderer_context)
            if document is not None:
                return _VersionedJSONRenderer.render(self, _versioned(document), accepted_media_type, renderer_context)
            data = fast_render.materialize(data)
        return super().render(data, accepted_media_type, renderer_context)

    def _fast_document(self, data, renderer_context, fragments=False):
        from rest_framework_json_api.utils import get_resource_name
        from rest_framework_json_api.views import RelationshipView

        view = renderer_context.get("view")
        response = renderer_context.get("response")
        resource_name = get_resource_name(renderer_context)
        if resource_name in (None, False, "errors") or isinstance(view, RelationshipView):
            return None
        if response is not None and response.status_code == 204:
            return None
        try:
            renderer = fast_render.Renderer(self, renderer_context.get("request"), fragments=fragments)
            return renderer.document(data, resource_name)
        except fast_render.Unsupported as exc:
            logger.debug("library path for %s: %s", type(view).__name__, exc)
            return None


    @classmethod
    def extract_relationships(cls, fields, resource, resource_instance):
        if resource_instance is None:
            return None
        ours, rest = _split(fields)
        data = super().extract_relationships(rest, resource, resource_instance) or {}
        for name, field in ours.items():
            if field.write_only or name not in resource:
                continue
            data[format_field_name(name)] = resource[name]
        return data

    @classmethod
    def extract_included(cls, fields, resource, resource_instance, included_resources, included_cache):
        if not resource_instance:
            return
        ours, rest = _split(fields)
        super().extract_included(rest, resource, resource_instance, included_resources, included_cache)
        context = fields.serializer.context
        request = context.get("request")
        for name, field in ours.items():
            if name not in {path.split(".")[0] for path in included_resources}:
                continue
            below = [path.split(".", 1)[1] for path in included_resources if path.startswith(f"{name}.")]
            rows = field.included_rows(resource_instance, request)
            if not rows:
                continue
            serializer_class = field.serializer_class()
            resource_type = get_resource_type_from_serializer(serializer_class)
            for row in rows:
                serializer = serializer_class(row, context=context)
                row_data = serializer.data
                row_fields = get_serializer_fields(serializer)
                item = cls.build_json_resource_obj(row_fields, row_data, row, resource_type, serializer)
                known = included_cache[item["type"]].get(item["id"])
                if known is not None:
                    _merge_relationships(known, item)
                else:
                    included_cache[item["type"]][item["id"]] = item
                if below:
                    cls.extract_included(row_fields, row_data, row, below, included_cache)

    @classmethod
    def _filter_sparse_fields(cls, serializer, fields, resource_name):
        # upstream compares `fields[type]=is-read` with the snake_case field name: undo the dasherizing first
        wanted = sparse_fieldset(serializer.context.get("request"), resource_name)
        if wanted is None:
            return super()._filter_sparse_fields(serializer, fields, resource_name)
        keep_url = (api_settings.URL_FIELD_NAME,)
        return {
            name: field
            for name, field in fields.items()
            if field.field_name in wanted
            or (field.field_name in keep_url and isinstance(field, relations.HyperlinkedIdentityField))
        }


_ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
#: `e` and a sign after a digit; the pattern starts with a literal so the search skips ahead fast (a pattern
#: starting with a character class tests every byte of a large body: slower than encoding it)
_EXPONENT = re.compile(rb"e[-+](?<=[0-9]e[-+])")
_ENCODER = None


def _default(value):
    global _ENCODER
    if _ENCODER is None:
        _ENCODER = PlainJSONRenderer.encoder_class()
    return _ENCODER.default(value)


def _dumps(document):
    """DRF's compact JSON (ensure_ascii off, U+2028/2029 escaped) through orjson; None when orjson would write a
    byte differently (floats in exponent form, which Python spells `1e-05` and orjson `1e-5`; integers past 64
    bits), so the caller encodes with json instead."""
    try:
        body = orjson.dumps(document, default=_default, option=_ORJSON_OPTIONS)
    except (orjson.JSONEncodeError, TypeError, ValueError):
        return None
    if _float_spelled_differently(body):
        return None
    if b"\xe2\x80\xa8" in body or b"\xe2\x80\xa9" in body:
        body = body.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
    return body


def _float_spelled_differently(body):
    """Whether `body` may hold a float Python's json spells otherwise: an exponent (`1e+20`, `2.5e-10`: a digit,
    `e` and a sign; Python writes `1e-07` where orjson writes `1e-7`) or a tiny number orjson writes out in full
    (`0.00001`, Python `1e-05`). Text that looks like either only costs the slower encoder."""
    return _EXPONENT.search(body) is not None or b"0.0000" in body


def sparse_fieldset(request, resource_name):
    """The field names (snake_case) `fields[<resource_name>]` asks for; None when the request names none."""
    params = getattr(request, "query_params", None) if request is not None else None
    value = params.get(f"fields[{resource_name}]") if params else None
    if value is None:
        return None
    return {undo_format_field_name(name) for name in value.split(",")}


def _versioned(document):
    if "jsonapi" not in document:
        document["jsonapi"] = JSONAPI_OBJECT
    return document


def _holds_deferred(data):
    return isinstance(data, fast_render.Deferred) or (
        isinstance(data, dict) and isinstance(data.get("results"), fast_render.Deferred)
    )


def _merge_relationships(known, item):
    """The same resource included along two paths: keep the linkage either path rendered."""
    for name, rel in (item.get("relationships") or {}).items():
        mine = known.setdefault("relationships", {}).setdefault(name, {})
        if "data" in rel and "data" not in mine:
            mine["data"] = rel["data"]


class PlainJsonAsJsonApiRenderer(PlainJSONRenderer):
    """Plain JSON answers (login, uploads) for clients that only accept the JSON:API media type."""

    media_type = "application/vnd.api+json"


class JsonApiAsPlainJsonRenderer(JsonApiRenderer):
    """The same answer for clients that accept only `application/json` (the Open Event client's checkout, e-mail
    check and user-id calls): a plain body stays plain, a resource stays a JSON:API document."""

    media_type = "application/json"
    format = "json"


def _cache_name_formatting():
    """djangorestframework-jsonapi dasherizes every field name of every row through `inflection` (two regex
    passes each): about a third of the time spent rendering a list of events. The result depends only on the
    two strings, so remember it."""
    from rest_framework_json_api import utils

    original = utils.format_value
    if getattr(original, "cached", False):
        return
    cached = functools.lru_cache(maxsize=16384)(original)

    def format_value(value, format_type):
        try:
            return cached(value, format_type)
        except TypeError:  # an unhashable value: format it uncached
            return original(value, format_type)

    format_value.cached = True
    utils.format_value = format_value


_cache_name_formatting()


def _cache_inflection():
    """The library singularizes and pluralizes a relationship's field name for every related value it renders
    (to find the resource type); both are pure functions of the name."""
    import inflection

    for name in ("singularize", "pluralize"):
        function = getattr(inflection, name)
        if not hasattr(function, "cache_info"):
            setattr(inflection, name, functools.lru_cache(maxsize=4096)(function))


_cache_inflection()
