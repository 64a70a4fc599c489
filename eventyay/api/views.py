"""The base viewset every JSON:API resource uses.

A resource is a model, a serializer, a viewset and a route:

    class PageViewSet(JsonApiViewSet):
        queryset = Page.objects.all()
        serializer_class = PageSerializer
        permission_rules = {"list": "public", "retrieve": "public", "*": "is_admin"}
        filterset_fields = {"place": ["exact", "in"], "name": ["exact", "icontains"]}
        services = ServiceSet(create=page_create, update=page_update, delete=page_delete)

Writes go through the app's services (`create(*, actor, data, **service_kwargs)`,
`update(*, actor, instance, data)`, `delete(*, actor, instance[, permanent])`), inside one transaction that
also checks `If-Match` after locking the row.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpResponseNotModified
from django.urls import NoReverseMatch, reverse
from rest_framework import status
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.response import Response
from rest_framework_json_api import views as dja_views

from eventyay.api import etag as etags
from eventyay.api import fast_render, public_cache
from eventyay.api.exceptions import PreconditionFailed
from eventyay.api.public_cache import PublicCacheMixin
from roles import permissions as rules


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
        if tag and etags.matches(request.headers.get("If-None-Match"), tag):
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
            if etags.matches(request.headers.get("If-None-Match"), tag):
                return self._not_modified(tag)
        response = Response(fast_render.defer(self.get_serializer(instance)))
        if tag:
            response["ETag"] = tag
        return response

    def _not_modified(self, tag):
        response = HttpResponseNotModified()
        response["ETag"] = tag
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
        if etags.matches(request.headers.get("If-None-Match"), tag):
            return self._not_modified(tag)
        return response

    def is_detail_request(self):
        lookup = self.lookup_url_kwarg or self.lookup_field
        return getattr(self, "action", None) == "retrieve" and lookup in self.kwargs

    def check_if_match(self, instance):
        header = self.request.headers.get("If-Match")
        if header and not etags.matches(header, etags.object_etag(self, self.request, instance, for_write=True)):
            raise PreconditionFailed()


class JsonApiViewSet(PublicCacheMixin, ETagMixin, dja_views.ModelViewSet):
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    services = ServiceSet()
    permission_rules = {"list": "public", "retrieve": "public", "*": "is_admin"}
    ordering_fields = "__all__"
    #: roles that may ask for soft-deleted rows with ?get_trashed=true (besides admins)
    trashed_rule = "is_admin"

    def initial(self, request, *args, **kwargs):
        # a method the route does not map is a 405, before authentication and permission checks answer 401/403
        method = request.method.lower()
        action_map = getattr(self, "action_map", None)
        if action_map and method != "options" and method not in action_map:
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    # --- hooks for subclasses ----------------------------------------------------------------------
    def get_permission_event(self, obj=None):
        """The event the permission rules are asked about (None for platform-level resources)."""
        return getattr(obj, "event", None) if obj is not None else None

    def service_kwargs(self):
        """Extra keyword arguments the create service takes (e.g. `event=` for nested routes)."""
        return {}

    # --- soft delete ---------------------------------------------------------------------------------
    def wants_trashed(self):
        return self.request.query_params.get("get_trashed") == "true" and rules.check(
            self.request.user, self.trashed_rule, event=self.get_permission_event()
        )

    def exclude_trashed(self, queryset):
        if any(f.name == "deleted_at" for f in queryset.model._meta.concrete_fields) and not self.wants_trashed():
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
        return Response(self.get_serializer(serializer.instance).data, status=status.HTTP_201_CREATED, headers=headers)

    def perform_create(self, serializer):
        if self.services.create is None:
            serializer.save()
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
        return Response(status=status.HTTP_204_NO_CONTENT)

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
        name = getattr(self, "detail_url_name", None)
        if name is None and getattr(self, "basename", None):
            name = f"{self.basename}-detail"
        if not name:
            return None
        try:
            return self.request.build_absolute_uri(reverse(name, kwargs={"pk": instance.pk}))
        except NoReverseMatch:
            return None


class EventScopedMixin:
    """For routes nested under an event: `/v1/events/<event_id>/…`, where `event_id` is the numeric id or
    the identifier. The event is resolved once per request; a missing event, or a draft/soft-deleted event
    the actor has no role on, answers 404. Querysets should start from `self.get_event()`."""

    event_url_kwarg = "event_id"

    def get_event(self):
        if not hasattr(self, "_event"):
            self._event = None
            value = self.kwargs.get(self.event_url_kwarg)
            if value is not None:
                self._event = resolve_event(self.request, value)
        return self._event

    def get_permission_event(self, obj=None):
        return self.get_event() or (getattr(obj, "event", None) if obj is not None else None)

    def service_kwargs(self):
        event = self.get_event()
        return {"event": event} if event is not None else {}


def resolve_event(request, value, *, queryset=None):
    """The event for `value` (id or identifier) as `request.user` may see it, else Http404."""
    from django.http import Http404

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
