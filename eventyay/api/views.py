"""The base viewset every JSON:API resource uses, and how to add a resource type.

How to add a resource type (issue 14 and later):

1. Model (+ migration) in the app that owns its meaning; writes in the app's `services.py`
   (`thing_create(*, actor, data[, event])`, `thing_update(*, actor, instance, data)`, `thing_delete(...)`).
2. Serializer: subclass `eventyay.api.serializers.ResourceSerializer`, `Meta.resource_name` = the contract's
   type, every relationship declared with `ToOne`/`ToMany`/`NotServed` (`eventyay.api.relationships`), private
   fields in `private_fields = {"email": rule}`.
3. Viewset: subclass `JsonApiViewSet` (add `EventScopedMixin` first for rows that belong to an event) and declare
   `serializer_class`, `services = ServiceSet(create=…, update=…, delete=…)`, `permission_rules` and
   `readable(self, queryset)` — the rows the actor may read by id (related routes, `include` and `has`/`any`
   filters all go through it, so it must be exactly what the detail route shows).
4. One line in the app's `api/urls.py`: `resources.register(ThingViewSet, "things", event_scoped=True)`.
5. Rows for the new routes in `tests/<app>/matrix_rows.py` (the matrix test fails without them).

That gives `/v1/things` (list, create — with `relationships.event` for event-scoped types),
`/v1/events/<id>/things`, `/v1/things/<id>`, `/v1/things/<id>/<relationship>`,
`/v1/things/<id>/relationships/<relationship>`, `@action` routes before the detail route, filters on every
readable attribute and relationship (both filter syntaxes, `has`/`any`), `sort` on every readable attribute,
`include` on every relationship (nested paths, prefetched), `null` for defaulted columns, ETags, and
`DELETE` answering 200 with `{"meta": {"message": "Object successfully deleted"}}`.

Writes go through the app's services inside one transaction that also checks `If-Match` after locking the row.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.http import Http404, HttpResponseNotModified
from django.urls import NoReverseMatch, reverse
from rest_framework import status
from rest_framework.exceptions import MethodNotAllowed, NotFound, ParseError, PermissionDenied
from rest_framework.response import Response
from rest_framework_json_api import views as dja_views
from rest_framework_json_api.utils import get_included_resources

from eventyay.api import etag as etags
from eventyay.api.exceptions import PreconditionFailed
from eventyay.api.preload import include_tree, preload
from eventyay.api.relationships import NotServed, ToMany, relationship_named
from roles import permissions as rules

DELETED = {"meta": {"message": "Object successfully deleted"}}


@dataclass(frozen=True)
class ServiceSet:
    create: Callable | None = None
    update: Callable | None = None
    delete: Callable | None = None


class ETagMixin:
    cheap_etag = False

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        tag = etags.list_etag(self, request, queryset)
        if tag and etags.matches(request.headers.get("If-None-Match"), tag):
            return self._not_modified(tag)
        page = self.paginate_queryset(queryset)
        if page is not None:
            response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        else:
            response = Response(self.get_serializer(queryset, many=True).data)
        if tag:
            response["ETag"] = tag
        return response

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        tag = None
        if etags.supports_cheap(self, type(instance)):
            tag = etags.object_etag(self, request, instance)
            if etags.matches(request.headers.get("If-None-Match"), tag):
                return self._not_modified(tag)
        response = Response(self.get_serializer(instance).data)
        if tag:
            response["ETag"] = tag
        return response

    def _not_modified(self, tag):
        response = HttpResponseNotModified()
        response["ETag"] = tag
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.has_header("ETag"):
            return response
        if not isinstance(response, Response):
            return response
        if self.is_detail_request() and etags.plain_representation(request):
            tag = etags.state_etag(response.data, request)
        else:
            response.render()
            tag = etags.body_etag(response.content)
        if etags.matches(request.headers.get("If-None-Match"), tag):
            return self._not_modified(tag)
        response["ETag"] = tag
        return response

    def is_detail_request(self):
        lookup = self.lookup_url_kwarg or self.lookup_field
        return getattr(self, "action", None) == "retrieve" and lookup in self.kwargs

    def check_if_match(self, instance):
        header = self.request.headers.get("If-Match")
        if header and not etags.matches(header, etags.object_etag(self, self.request, instance, for_write=True)):
            raise PreconditionFailed()


class JsonApiViewSet(ETagMixin, dja_views.ModelViewSet):
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    services = ServiceSet()
    permission_rules = {"list": "public", "retrieve": "public", "*": "is_admin"}
    #: routes the registry maps (method → action), limited to `http_method_names`
    collection_actions = {"get": "list", "post": "create"}
    nested_actions = {"get": "list", "post": "create"}
    detail_actions = {"get": "retrieve", "patch": "partial_update", "delete": "destroy"}
    #: extra filters (django-filter `fields` syntax, e.g. nested paths) and sort keys besides the derived ones
    filterset_fields = {}
    ordering_fields = ()
    #: roles that may ask for soft-deleted rows with ?get_trashed=true (besides admins)
    trashed_rule = "is_admin"
    #: filled in by the registry
    resource = None
    #: the parent object when this view serves a related route's rows (set by the parent's view)
    related_parent = None
    #: view-level prefetches every representation needs (besides those the relationships derive)
    always_prefetch = ()

    def initial(self, request, *args, **kwargs):
        # a method the route does not map is a 405, before authentication and permission checks answer 401/403
        method = request.method.lower()
        action_map = getattr(self, "action_map", None)
        if action_map and method != "options" and method not in action_map:
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def permission_action(self):
        """The action whose permission rule applies: related routes read the parent, relationship writes update it."""
        action = getattr(self, "action", None)
        if action == "retrieve_related":
            return "retrieve"
        if action == "relationship":
            return "retrieve" if self.request.method in ("GET", "HEAD") else "partial_update"
        return action

    # --- hooks for subclasses ----------------------------------------------------------------------
    def get_permission_event(self, obj=None):
        """The event the permission rules are asked about (None for platform-level resources)."""
        return getattr(obj, "event", None) if obj is not None else None

    def service_kwargs(self):
        """Extra keyword arguments the create service takes (e.g. `event=` for event-scoped types)."""
        return {}

    def scoped_queryset(self):
        """The rows in the URL's scope, before visibility (`readable`) and soft deletion."""
        if self.queryset is not None:
            return self.queryset.all()
        return self.get_serializer_class().Meta.model._default_manager.all()

    def readable(self, queryset):
        """The rows of `queryset` the actor may read by id. The default fits types whose `retrieve` rule does not
        depend on an event or the object; other types override it."""
        rule = self._rule_for("retrieve")
        if rule is None:
            return queryset.none()
        if rules.needs_object(rule) or rules.needs_event(rule):
            raise ImproperlyConfigured(f"{type(self).__name__} must define readable(): its rule needs an event.")
        return queryset if rules.check(self.request.user, rule) else queryset.none()

    def _rule_for(self, action):
        declared = self.permission_rules
        for key in (action, "GET", "*"):
            if key in declared:
                return declared[key]
        return None

    # --- querysets ----------------------------------------------------------------------------------
    def annotate(self, queryset):
        """What every representation of a row needs besides prefetches (annotations, select_related)."""
        return queryset

    def get_queryset(self):
        queryset = self.exclude_trashed(self.readable(self.scoped_queryset()))
        return self.preload(self.annotate(queryset))

    def preload(self, queryset):
        serializer_class = self.get_serializer_class()
        related = getattr(self, "action", None) in ("retrieve_related", "relationship")
        paths = [] if related else get_included_resources(self.request, serializer_class)
        queryset = preload(queryset, serializer_class, include_tree(paths), self.request)
        for name in [*paths, "__all__"]:
            select = self.get_select_related(name)
            if select:
                queryset = queryset.select_related(*select)
            prefetch = self.get_prefetch_related(name)
            if prefetch:
                queryset = queryset.prefetch_related(*prefetch)
        if self.always_prefetch:
            queryset = queryset.prefetch_related(*self.always_prefetch)
        return queryset

    def get_object(self):
        queryset = self.get_queryset()
        if getattr(self, "action", None) not in ("retrieve_related", "relationship"):
            queryset = self.filter_queryset(queryset)
        obj = self.find_object(queryset, self.lookup_value())
        if obj is None:
            raise NotFound("Not found.")
        self.check_object_permissions(self.request, obj)
        return obj

    def lookup_value(self):
        return self.kwargs[self.lookup_url_kwarg or self.lookup_field]

    def find_object(self, queryset, value):
        """The row `value` (from the URL) names in `queryset`, or None. Numeric ids only, unless overridden."""
        value = str(value)
        if not value.isdigit():
            return None
        return queryset.filter(pk=int(value)).first()

    # --- soft delete ---------------------------------------------------------------------------------
    def wants_trashed(self):
        return self.request.query_params.get("get_trashed") == "true" and rules.check(
            self.request.user, self.trashed_rule, event=self.get_permission_event()
        )

    def exclude_trashed(self, queryset, force=False):
        if any(f.name == "deleted_at" for f in queryset.model._meta.concrete_fields) and (
            force or not self.wants_trashed()
        ):
            return queryset.filter(deleted_at__isnull=True)
        return queryset

    # --- writes ---------------------------------------------------------------------------------------
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            self.perform_create(serializer)
        headers = {}
        location = self.location_for(serializer.instance)
        if location:
            headers["Location"] = location
        instance = self.reread(serializer.instance)
        context = {**self.get_serializer_context(), "just_written": True}
        return Response(
            self.get_serializer_class()(instance, context=context).data, status=status.HTTP_201_CREATED, headers=headers
        )

    def reread(self, instance):
        """The written object through the type's preloads (fresh prefetches for the response)."""
        fresh = preload(
            type(instance)._default_manager.filter(pk=instance.pk),
            self.get_serializer_class(),
            include_tree(get_included_resources(self.request, self.get_serializer_class())),
            self.request,
        ).first()
        return fresh or instance

    def perform_create(self, serializer):
        if self.services.create is None:
            serializer.save(**self.service_kwargs())
            return
        serializer.instance = self.services.create(
            actor=self.request.user, data=dict(serializer.validated_data), **self.service_kwargs()
        )

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        with transaction.atomic():
            instance = self.get_locked_object()
            self.check_if_match(instance)
            serializer = self.get_serializer(instance, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            self.perform_update(serializer)
        instance = self.get_object()  # re-read through the view's queryset (fresh prefetches)
        return Response(self.get_serializer(instance).data)

    def perform_update(self, serializer):
        if self.services.update is None:
            serializer.save()
            return
        serializer.instance = self.services.update(
            actor=self.request.user, instance=serializer.instance, data=dict(serializer.validated_data)
        )

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self.get_locked_object()
            self.check_if_match(instance)
            self.perform_destroy(instance)
        self.resource_name = False  # a meta-only document, as the Open Event Server answers
        return Response(DELETED, status=status.HTTP_200_OK)

    def perform_destroy(self, instance):
        if self.services.delete is None:
            instance.delete()
            return
        kwargs = {"actor": self.request.user, "instance": instance}
        if "permanent" in inspect.signature(self.services.delete).parameters:
            kwargs["permanent"] = self.request.query_params.get("permanent") == "true"
        self.services.delete(**kwargs)

    def get_locked_object(self):
        """The object, permission-checked, with its row locked for the rest of the transaction."""
        instance = self.get_object()
        type(instance)._base_manager.select_for_update().filter(pk=instance.pk).values_list("pk", flat=True).first()
        instance.refresh_from_db()
        return instance

    def location_for(self, instance):
        from eventyay.api.registry import resources

        resource = resources.for_model(type(instance))
        if resource is None:
            return None
        try:
            url = reverse(resource.url_name("detail"), kwargs={"pk": instance.pk})
        except NoReverseMatch:
            return None
        return self.request.build_absolute_uri(url)

    # --- related and relationship routes -----------------------------------------------------------------------------
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


class EventScopedMixin:
    """For types whose rows belong to an event: `/v1/events/<event_id>/<types>` (the event from the URL, as id
    or identifier), `POST /v1/<types>` with `relationships.event`, and by-id routes (the event from the row).
    The event is resolved once per request; a missing event, or a draft/soft-deleted event the actor has no role
    on, answers 404. Querysets start from the event."""

    event_url_kwarg = "event_id"
    #: reverse accessor on Event (`event.tickets`); default: the model's default related name
    related_name = None

    def is_nested(self):
        return self.event_url_kwarg in getattr(self, "kwargs", {})

    def get_event(self):
        if not hasattr(self, "_event"):
            self._event = None
            if self.is_nested():
                self._event = resolve_event(self.request, self.kwargs[self.event_url_kwarg])
            elif self.related_parent is not None:
                parent = self.related_parent
                self._event = parent if parent._meta.label == "events.Event" else getattr(parent, "event", None)
            elif getattr(self, "action", None) == "create":
                self._event = self.event_from_body()
        return self._event

    def event_from_body(self):
        ref = self.request.data.get("event") if isinstance(self.request.data, dict) else None
        if not isinstance(ref, dict) or not ref.get("id"):
            from rest_framework.exceptions import ValidationError

            raise ValidationError({"event": ["This relationship is required."]})
        return resolve_event(self.request, ref["id"])

    def get_permission_event(self, obj=None):
        if obj is not None:
            return obj.event
        return self.get_event()

    def service_kwargs(self):
        event = self.get_event()
        return {"event": event} if event is not None else {}

    def scoped_queryset(self):
        queryset = super().scoped_queryset()
        if self.is_nested():
            return queryset.filter(event=self.get_event())
        return queryset


def resolve_event(request, value, *, queryset=None):
    """The event for `value` (id or identifier) as `request.user` may see it, else Http404."""
    from events.models import Event
    from events.selectors import find_event

    qs = queryset if queryset is not None else Event.objects.all()
    value = str(value)
    event = find_event(qs, value)
    if event is None:
        raise Http404("No such event.")
    user = request.user
    if rules.is_admin(user):
        return event
    if event.deleted_at is not None:
        raise Http404("No such event.")
    if event.state != event.State.PUBLISHED and not rules.has_access(user, "is_event_team", event=event):
        raise Http404("No such event.")
    return event
