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
from rest_framework.exceptions import MethodNotAllowed, NotFound
from rest_framework.response import Response
from rest_framework_json_api import views as dja_views
from rest_framework_json_api.utils import get_included_resources

from eventyay.api import etag as etags
from eventyay.api import fast_render, public_cache
from eventyay.api.exceptions import PreconditionFailed
from eventyay.api.preload import include_tree, preload, preload_instance
from eventyay.api.public_cache import PublicCacheMixin
from eventyay.api.related_views import RelatedRoutesMixin
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
        remembered = public_cache.not_modified(self, request)
        if remembered is not None:
            return remembered
        queryset = self.filter_queryset(self.get_queryset())
        tag = etags.list_etag(self, request, queryset)
        if tag and etags.matches(etags.if_none_match(request), tag):
            return self._not_modified(tag)
        page = self.paginate_queryset(queryset)
        if page is not None:
            response = self.get_paginated_response(fast_render.defer(self.get_serializer(page, many=True)))
        else:
            response = Response(fast_render.defer(self.get_serializer(queryset, many=True)))
        if tag:
            response["ETag"] = tag
        return response

    def retrieve(self, request, *args, **kwargs):
        remembered = public_cache.not_modified(self, request)
        if remembered is not None:
            return remembered
        instance = self.get_object()
        tag = None
        if etags.supports_cheap(self, type(instance)):
            tag = etags.object_etag(self, request, instance)
            if etags.matches(etags.if_none_match(request), tag):
                return self._not_modified(tag)
        response = Response(fast_render.defer(self.get_serializer(instance)))
        if tag:
            response["ETag"] = tag
        return response

    def _not_modified(self, tag):
        response = HttpResponseNotModified()
        response["ETag"] = tag
        public_cache.remember(self.request, response)  # the next revalidation then needs no query at all
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if response.has_header("ETag"):
            public_cache.remember(request, response)
            return response
        if not isinstance(response, Response):
            return response
        if self.is_detail_request() and etags.plain_representation(request):
            tag = etags.state_etag(fast_render.materialize(response.data), request)
        else:
            response.render()
            tag = etags.body_etag(response.content)
        response["ETag"] = tag
        public_cache.remember(request, response)
        if etags.matches(etags.if_none_match(request), tag):
            return self._not_modified(tag)
        return response

    def is_detail_request(self):
        lookup = self.lookup_url_kwarg or self.lookup_field
        return getattr(self, "action", None) == "retrieve" and lookup in self.kwargs

    def check_if_match(self, instance):
        header = self.request.headers.get("If-Match")
        if header and not etags.matches(header, etags.object_etag(self, self.request, instance, for_write=True)):
            raise PreconditionFailed()


class JsonApiViewSet(PublicCacheMixin, ETagMixin, RelatedRoutesMixin, dja_views.ModelViewSet):
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
    #: actions the Open Event client calls with `Accept: application/json`: they answer either media type
    plain_json_actions = ()

    def initial(self, request, *args, **kwargs):
        # a method the route does not map is a 405, before authentication and permission checks answer 401/403
        method = request.method.lower()
        action_map = getattr(self, "action_map", None)
        if action_map and method != "options" and method not in action_map:
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def get_renderers(self):
        renderers = super().get_renderers()
        if getattr(self, "action", None) in self.plain_json_actions:
            from eventyay.api.renderers import JsonApiAsPlainJsonRenderer

            renderers.append(JsonApiAsPlainJsonRenderer())
        return renderers

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

    def readable_by_members(self, queryset, rows):
        """A `readable` for types whose rows belong to users or to events: admins read every row, anonymous
        visitors none, a signed-in actor the rows `rows(actor)` (a Q) selects."""
        user = self.request.user
        if rules.is_admin(user):
            return queryset
        if not rules.is_authenticated(user):
            return queryset.none()
        return queryset.filter(rows(user))

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

    def prefetched(self, instance, known=None):
        """`reread` for an object whose fields in memory are what was written (made by `Model.objects.create`
        with every value set in Python): only its relationships are fetched (see `preload_instance`)."""
        return preload_instance(
            instance,
            self.get_serializer_class(),
            include_tree(get_included_resources(self.request, self.get_serializer_class())),
            self.request,
            known=known,
        )

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


class EventInUrlMixin:
    """For views under `/v1/events/<event_id>/…`: the event in the URL (as the actor may see it, else 404) is the
    event permissions are checked on; resolved once per request."""

    def get_permission_event(self, obj=None):
        if not hasattr(self, "_event"):
            self._event = resolve_event(self.request, self.kwargs["event_id"])
        return self._event


def resolve_event(request, value, *, queryset=None):
    """The event for `value` (id or identifier) as `request.user` may see it, else Http404."""
    from events.models import Event
    from events.selectors import find_event

    qs = queryset if queryset is not None else Event.objects.all()
    return visible_or_404(request, find_event(qs, str(value)))


def visible_or_404(request, event):
    """`event` when `request.user` may see it (admins: any; others: alive, and published or their team's), else
    Http404."""
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
