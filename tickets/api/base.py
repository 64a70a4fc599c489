"""Shared pieces of the tickets API views."""

from django.http import Http404

from roles import permissions as rules


class ObjectEventMixin:
    """For top-level detail routes (`/v1/tickets/<pk>`) of event-owned rows: the permission rules are asked
    about the object's event. The object is looked up through the view's (visibility-scoped) queryset first,
    so an object the actor may not see answers 404 before any 401/403."""

    def get_permission_event(self, obj=None):
        if obj is not None:
            return obj.event
        lookup = self.lookup_url_kwarg or self.lookup_field
        if lookup not in self.kwargs or not rules.is_authenticated(self.request.user):
            return None  # anonymous: public rules pass without an event, the others answer 401
        return self.lookup_object().event

    def lookup_object(self):
        if not hasattr(self, "_looked_up"):
            queryset = self.filter_lookup_queryset(self.get_queryset())
            if hasattr(self, "preload"):
                queryset = self.preload(queryset)
            obj = queryset.filter(**{self.lookup_field: self.kwargs[self.lookup_url_kwarg or self.lookup_field]})
            obj = obj.first()
            if obj is None:
                raise Http404("Not found.")
            self._looked_up = obj
        return self._looked_up

    def filter_lookup_queryset(self, queryset):
        return queryset

    def perform_update(self, serializer):
        super().perform_update(serializer)
        self.__dict__.pop("_looked_up", None)  # the view re-reads the object after the write

    def get_object(self):
        obj = self.lookup_object()
        self.check_object_permissions(self.request, obj)
        return obj


def event_visible_q(actor, prefix="event__"):
    """Rows whose event the actor may see: published and alive, or any event they are on the team of."""
    from django.db.models import Q

    from roles.models import UsersEventsRoles

    if rules.is_admin(actor):
        return Q()
    visible = Q(**{f"{prefix}state": "published", f"{prefix}deleted_at__isnull": True})
    if rules.is_authenticated(actor):
        team = UsersEventsRoles.objects.filter(user=actor).exclude(role__name="attendee").values("event_id")
        visible |= Q(**{f"{prefix}id__in": team, f"{prefix}deleted_at__isnull": True})
    return visible


def is_team(actor, event):
    return rules.has_access(actor, "is_event_team", event=event)


class PreloadMixin:
    """Views here build their queryset in `get_queryset()` from the URL's parent, which bypasses
    djangorestframework-jsonapi's PreloadIncludesMixin: apply `select_for_includes`/`prefetch_for_includes`
    for the requested `include=` here instead (lists and detail lookups)."""

    def preload(self, queryset):
        from rest_framework_json_api.utils import get_included_resources

        for included in [*get_included_resources(self.request, self.get_serializer_class()), "__all__"]:
            select = self.get_select_related(included)
            if select:
                queryset = queryset.select_related(*select)
            prefetch = self.get_prefetch_related(included)
            if prefetch:
                queryset = queryset.prefetch_related(*prefetch)
        return queryset

    def filter_queryset(self, queryset):
        return self.preload(super().filter_queryset(queryset))
