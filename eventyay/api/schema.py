"""OpenAPI descriptions for the plain-JSON endpoints (login, invite links, uploads) and for link-only
relationships, which drf-spectacular cannot infer on its own."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type, build_object_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers


def plain_json(name, request=None, response=None, description=""):
    """`@plain_json("Login", request={"email": str…}, response={…})` for an APIView's post()."""
    kinds = {str: serializers.CharField, bool: serializers.BooleanField, int: serializers.IntegerField}

    def build(suffix, fields):
        if fields is None:
            return None
        return inline_serializer(
            f"{name}{suffix}",
            {key: kinds.get(kind, serializers.JSONField)(required=False) for key, kind in fields.items()},
        )

    return extend_schema(
        request=build("Request", request),
        responses={200: build("Response", response)},
        description=description,
        filters=False,
    )


class RelatedLinkFieldExtension(OpenApiSerializerFieldExtension):
    """A link-only relationship (see eventyay.api.serializers.related_link): `{links: {related: url}}`."""

    target_class = "rest_framework_json_api.relations.HyperlinkedRelatedField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return build_object_type(
            properties={"links": build_object_type(properties={"related": build_basic_type(OpenApiTypes.URI)})}
        )
