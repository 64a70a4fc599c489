"""The related and relationship routes every resource type gets (`/v1/<types>/<id>/<relationship>`,
`/v1/<types>/<id>/relationships/<relationship>`), through djangorestframework-jsonapi's RelatedMixin hooks
(`retrieve_related`, the `related_field` URL kwarg, `get_related_serializer_class`).

* Related route: the parent is read as its own detail route reads it (`retrieve` rule, `readable()`), then the
  related rows are those the actor may read through the related type's routes — a to-many relationship answers
  as the related type's list does (its filters, sorts, pages and includes), a to-one one answers the object,
  `null` when there is none, 404 when the actor may not read it.
* Relationship route: GET answers the linkage; PATCH replaces a writable relationship, POST adds to and DELETE
  removes from a writable to-many relationship — each as a PATCH of the parent carrying that relationship would:
  the parent's `partial_update` rule, its serializer's validation, its update service, `If-Match`, one
  transaction. A read-only relationship answers 403. (djangorestframework-jsonapi's RelationshipView is not
  used: it writes the relation directly, past the services and their rules.)
"""

from django.db import transaction
from rest_framework.exceptions import MethodNotAllowed, NotFound, ParseError, PermissionDenied
from rest_framework.response import Response
from rest_framework_json_api.utils import get_included_resources

from eventyay.api.preload import include_tree, preload
from eventyay.api.relationships import NotServed, ToMany, relationship_named


class RelatedRoutesMixin:
    def relationship_field(self):
        field = relationship_named(self.get_serializer_class(), self.kwargs["related_field"])
        if field is None:
            raise NotFound(f"{self.resource.type if self.resource else 'This type'} has no such relationship.")
        return field

    def get_related_serializer_class(self):
        return self.relationship_field().serializer_class()

    def retrieve_related(self, request, *args, **kwargs):
        """`GET /v1/<types>/<id>/<relationship>`: the related resource(s) the actor may read, as the related
        type's own routes show them (its filters, sorting and pages for to-many relationships)."""
        field = self.relationship_field()
        parent = self.get_object()
        serializer_class = field.serializer_class()
        self.resource_name = serializer_class.Meta.resource_name
        if isinstance(field, NotServed):
            _validate_params(self, request)
            return Response([] if field.many else None)
        if isinstance(field, ToMany):
            return self._related_many(request, field, parent, serializer_class)
        _validate_params(self, request)
        obj = self._related_one(request, field, parent, serializer_class)
        if obj is None:
            if getattr(field, "absent", None) == 404:
                raise NotFound(f"There is no {field.related_type} yet.")
            return Response(None)
        return Response(serializer_class(obj, context=self.get_serializer_context()).data)

    def _related_one(self, request, field, parent, serializer_class):
        if field.getter is not None:
            return field.getter(parent)
        tree = include_tree(get_included_resources(request, serializer_class))
        queryset = preload(field.base_queryset(request), serializer_class, tree, request)
        if field.fk_attname is not None:
            pk = getattr(parent, field.fk_attname)
            if pk is None:
                return None
            obj = queryset.filter(pk=pk).first()
            if obj is None:
                raise NotFound("The related resource is not available to you.")
            return obj
        return field.related_object(parent, request)

    def _related_many(self, request, field, parent, serializer_class):
        if field.unfiltered or field.resource is None:
            _validate_params(self, request)
            rows = field.related_rows(parent, request)
            page = self.paginate_queryset(rows)
            serializer = serializer_class(page, many=True, context=self.get_serializer_context())
            return self.get_paginated_response(serializer.data)
        from eventyay.api.registry import resources

        child = resources.new_view(field.related_type, request, related_parent=parent)
        queryset = child.filter_queryset(child.preload(field.related_queryset(parent, request)))
        page = child.paginate_queryset(queryset)
        serializer = child.get_serializer(page, many=True)
        return child.get_paginated_response(serializer.data)

    def get_parsers(self):
        request = getattr(self, "request", None)
        action_map = getattr(self, "action_map", None) or {}
        if request is not None and action_map.get(request.method.lower()) == "relationship":
            from eventyay.api.parsers import RelationshipParser

            return [RelationshipParser()]
        return super().get_parsers()

    def relationship(self, request, *args, **kwargs):
        """`/v1/<types>/<id>/relationships/<relationship>`: GET the linkage; PATCH replaces it, POST adds to and
        DELETE removes from a to-many relationship — as a PATCH of the resource would, with its permission rule,
        validation and service."""
        field = self.relationship_field()
        if request.method in ("GET", "HEAD"):
            _validate_params(self, request)
            return self._linkage_response(self.get_object(), field)
        self.get_object()  # out of scope: 404; not allowed to update the resource: 403
        if not field.writable:
            raise PermissionDenied(f"The {field.field_name.replace('_', '-')} relationship cannot be changed here.")
        if request.method in ("POST", "DELETE") and not field.many:
            raise MethodNotAllowed(request.method, "POST and DELETE apply to to-many relationships only.")
        document = request.data if isinstance(request.data, dict) else None
        if document is None or "data" not in document:
            raise ParseError("A relationship document needs a `data` member.")
        with transaction.atomic():
            instance = self.get_locked_object()
            self.check_if_match(instance)
            value = _relationship_value(field, instance, request.method, document["data"])
            serializer = self.get_serializer(instance, data={field.field_name: value}, partial=True)
            serializer.is_valid(raise_exception=True)
            self.perform_update(serializer)
        return self._linkage_response(self.get_object(), field)

    def _linkage_response(self, instance, field):
        if isinstance(field, ToMany) and field.getter is None:
            rows = field.related_queryset(instance, self.request)
            data = [field.identifier(obj) for obj in rows]
        elif field.many:
            data = [field.identifier(obj) for obj in field.related_rows(instance, self.request)]
        else:
            obj = field.related_object(instance, self.request) if field.getter is None else field.getter(instance)
            if obj is None and getattr(field, "fk_attname", None):
                pk = getattr(instance, field.fk_attname)
                data = {"type": field.related_type, "id": str(pk)} if pk is not None else None
            else:
                data = field.identifier(obj) if obj is not None else None
        self.resource_name = False
        links = {"self": self.request.build_absolute_uri(self.request.path)}
        related = self.request.build_absolute_uri(self.request.path.replace("/relationships/", "/", 1))
        links["related"] = related
        return Response({"data": data, "links": links})


def _validate_params(view, request):
    from eventyay.api.filters import QueryParameterValidationFilter

    QueryParameterValidationFilter().filter_queryset(request, None, view)


def _relationship_value(field, instance, method, data):
    """The full relationship value a PATCH of the resource would carry."""
    if not field.many:
        return data
    if not isinstance(data, list):
        raise ParseError("A to-many relationship document needs a `data` list.")
    if method == "PATCH":
        return data
    manager = getattr(instance, field.path)
    current = manager.all()
    if any(f.name == "deleted_at" for f in current.model._meta.concrete_fields):
        current = current.filter(deleted_at__isnull=True)
    existing = [{"type": field.related_type, "id": str(pk)} for pk in current.values_list("pk", flat=True)]
    given = {str(item.get("id")) for item in data if isinstance(item, dict)}
    for item in data:
        if not isinstance(item, dict) or item.get("type") != field.related_type:
            raise ParseError(f"Every resource identifier must be {{'type': '{field.related_type}', 'id': …}}.")
    if method == "POST":
        known = {item["id"] for item in existing}
        return existing + [item for item in data if str(item["id"]) not in known]
    return [item for item in existing if item["id"] not in given]
