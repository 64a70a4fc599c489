import functools

from rest_framework import relations
from rest_framework.renderers import JSONRenderer as PlainJSONRenderer
from rest_framework.settings import api_settings
from rest_framework_json_api.renderers import JSONRenderer as DjaJSONRenderer
from rest_framework_json_api.utils import undo_format_field_name

JSONAPI_OBJECT = {"version": "1.0"}


class _VersionedJSONRenderer(PlainJSONRenderer):
    """Adds the top-level `jsonapi` member to every JSON:API document (data, errors or meta)."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict) and ({"data", "errors", "meta"} & data.keys()) and "jsonapi" not in data:
            data = {**data, "jsonapi": JSONAPI_OBJECT}
        return super().render(data, accepted_media_type, renderer_context)


class JsonApiRenderer(DjaJSONRenderer, _VersionedJSONRenderer):
    """djangorestframework-jsonapi's renderer; its final `super().render` lands in the class above."""

    @classmethod
    def _filter_sparse_fields(cls, serializer, fields, resource_name):
        # upstream compares `fields[type]=is-read` with the snake_case field name: undo the dasherizing first
        request = serializer.context.get("request")
        value = request.query_params.get(f"fields[{resource_name}]") if request else None
        if value is None:
            return super()._filter_sparse_fields(serializer, fields, resource_name)
        wanted = {undo_format_field_name(name) for name in value.split(",")}
        keep_url = (api_settings.URL_FIELD_NAME,)
        return {
            name: field
            for name, field in fields.items()
            if field.field_name in wanted
            or (field.field_name in keep_url and isinstance(field, relations.HyperlinkedIdentityField))
        }


class PlainJsonAsJsonApiRenderer(PlainJSONRenderer):
    """Plain JSON answers (login, uploads) for clients that only accept the JSON:API media type."""

    media_type = "application/vnd.api+json"


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
