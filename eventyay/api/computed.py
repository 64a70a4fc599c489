"""Computed JSON:API documents: statistics, sales reports and payment results, which no model row holds.

A computed view answers one resource object (`resource(...)`) or a page of them (`collection(...)`), with the
type and attribute names of the contract spelled out exactly as documented (some Open Event types keep
underscores, e.g. `admin-sales-by-events.starts_at`, so nothing is dasherized behind the caller's back).
The numbers come from selectors that aggregate in the database; a view only arranges them."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from eventyay.api.schema import plain_json

JSONAPI = {"version": "1.0"}


def resource_object(type_name, id_, attributes, self_link):
    return {"type": type_name, "id": str(id_), "attributes": attributes, "links": {"self": self_link}}


def resource(type_name, id_, attributes, self_link):
    """A document holding one computed resource object."""
    return {
        "data": resource_object(type_name, id_, attributes, self_link),
        "links": {"self": self_link},
        "jsonapi": JSONAPI,
    }


def collection(objects, self_link, count=None):
    """A document holding a list of resource objects (`count` when the list is one page of more)."""
    return {
        "data": list(objects),
        "links": {"self": self_link},
        "meta": {"count": len(objects) if count is None else count},
        "jsonapi": JSONAPI,
    }


class ComputedDocumentSerializer(serializers.Serializer):
    """For the OpenAPI schema only: a computed view answers a whole document."""

    data = serializers.JSONField()
    links = serializers.JSONField()
    jsonapi = serializers.JSONField()


class ComputedView(APIView):
    """GET answers `self.document(request)`; subclasses declare `permission_rules` and
    `get_permission_event()` like any other API view."""

    resource_name = False  # the renderer passes the document through unchanged
    serializer_class = ComputedDocumentSerializer
    permission_rules = {"GET": "is_admin"}

    def get_permission_event(self, obj=None):
        return None

    def document(self, request):
        raise NotImplementedError

    @extend_schema(tags=["computed"])  # the JSON:API schema would tag it by resource_name (False)
    @plain_json("ComputedResource", response={"data": dict, "links": dict, "jsonapi": dict})
    def get(self, request, *args, **kwargs):
        return Response(self.document(request))
