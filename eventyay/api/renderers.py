from rest_framework.renderers import JSONRenderer as PlainJSONRenderer
from rest_framework_json_api.renderers import JSONRenderer as DjaJSONRenderer

JSONAPI_OBJECT = {"version": "1.0"}


class _VersionedJSONRenderer(PlainJSONRenderer):
    """Adds the top-level `jsonapi` member to every JSON:API document (data, errors or meta)."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict) and ({"data", "errors", "meta"} & data.keys()) and "jsonapi" not in data:
            data = {**data, "jsonapi": JSONAPI_OBJECT}
        return super().render(data, accepted_media_type, renderer_context)


class JsonApiRenderer(DjaJSONRenderer, _VersionedJSONRenderer):
    """djangorestframework-jsonapi's renderer; its final `super().render` lands in the class above."""
