"""OpenAPI descriptions for the plain-JSON endpoints (login, invite links, uploads) and for relationship fields,
which drf-spectacular cannot infer on its own."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular_jsonapi.schemas.openapi import JsonApiAutoSchema
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


class RelationshipFieldExtension(OpenApiSerializerFieldExtension):
    """A relationship of `eventyay.api.relationships`: described by its resource identifier's id (a string, or
    a list of them for to-many relationships); drf-spectacular-jsonapi wraps it into the relationship object."""

    target_class = "eventyay.api.relationships.Relationship"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        if self.target.many:
            return build_array_type(build_basic_type(OpenApiTypes.STR))
        return {**build_basic_type(OpenApiTypes.STR), "nullable": True}


class AutoSchema(JsonApiAutoSchema):
    """drf-spectacular-jsonapi's schema; a type's related and relationship routes get operation ids of their own."""

    def get_operation_id(self):
        operation_id = super().get_operation_id()
        action = getattr(self.view, "action", None)
        if action in ("retrieve_related", "relationship"):
            return f"{operation_id}_{action}"
        return operation_id
