import json

from django.db.models import Prefetch
from django.http import Http404
from rest_framework.exceptions import NotFound

from events import selectors, services
from events.api.serializers import (
    EventSerializer,
    EventSubTopicSerializer,
    EventTopicSerializer,
    EventTypeSerializer,
)
from events.models import Event, EventSubTopic, EventTopic, EventType
from events.search.api import SearchMetaMixin, search_filter_backends
from eventyay.api.views import JsonApiViewSet, ServiceSet
from roles import permissions as rules
from roles.models import Role, User, UsersEventsRoles

EVENT_FILTERS = {
    "name": ["exact", "icontains", "contains", "in"],
    "identifier": ["exact", "in"],
    "state": ["exact", "in"],
    "privacy": ["exact", "in"],
    "online": ["exact"],
    "location_name": ["exact", "icontains", "contains"],
    "searchable_location_name": ["exact", "icontains", "contains"],
    "starts_at": ["exact", "lt", "lte", "gt", "gte"],
    "ends_at": ["exact", "lt", "lte", "gt", "gte"],
    "created_at": ["lt", "lte", "gt", "gte"],
    "deleted_at": ["isnull", "lt", "gt"],
    "is_featured": ["exact"],
    "is_promoted": ["exact"],
    "is_demoted": ["exact"],
    "is_sessions_speakers_enabled": ["exact"],
    "is_cfs_enabled": ["exact"],
    "payment_currency": ["exact", "in"],
    "event_topic": ["exact", "in"],
    "event_topic__name": ["exact", "icontains"],
    "event_topic__slug": ["exact", "in"],
    "event_sub_topic": ["exact", "in"],
    "event_sub_topic__name": ["exact", "icontains"],
    "event_sub_topic__slug": ["exact", "in"],
    "event_type": ["exact", "in"],
    "event_type__name": ["exact", "icontains"],
    "event_type__slug": ["exact", "in"],
}
EVENT_ORDERING = ("name", "starts_at", "ends_at", "created_at", "identifier", "id", "location_name", "state")


TEAM_ROLES = UsersEventsRoles.objects.select_related("user", "role").order_by("pk")


class EventQuerysetMixin(SearchMetaMixin):
    """Shared by every list of events: visibility, related rows in the same query, tickets prefetched, and
    search (`filter[search]=…`, ranked by relevance unless `sort` is given; see `events.search.api`)."""

    serializer_class = EventSerializer
    filter_backends = search_filter_backends()
    search_type = "event"
    #: `/v1/events` finds published events only; a user's own lists search all of their events
    search_scope = "public"
    filterset_fields = EVENT_FILTERS
    ordering_fields = EVENT_ORDERING
    ordering = ("starts_at", "id")
    select_for_includes = {"__all__": ["event_topic", "event_sub_topic", "event_type", "owner"]}

    def event_queryset(self, trashed=False):
        user = self.request.user
        qs = selectors.visible_events(user, trashed=trashed)
        return qs.select_related("event_topic", "event_sub_topic", "event_type", "owner").prefetch_related(
            selectors.tickets_prefetch(user),
            Prefetch(
                "user_roles", queryset=UsersEventsRoles.objects.select_related("user", "role"), to_attr="team_roles"
            ),
        )


class EventViewSet(EventQuerysetMixin, JsonApiViewSet):
    """`/v1/events` and `/v1/events/<id|identifier>`. Anyone reads published events; a draft is visible to its
    team; any signed-in user creates (and becomes organizer); the matrix decides update (organizer,
    co-organizer) and delete (organizer); admins restore a soft-deleted event by PATCHing `deleted-at` to null."""

    lookup_value_regex = "[^/]+"
    permission_rules = {
        "list": "public",
        "retrieve": "public",
        "create": "authenticated",
        "partial_update": ("update", "event"),
        "destroy": ("delete", "event"),
    }
    services = ServiceSet(create=services.event_create, update=services.event_update, delete=services.event_delete)

    def get_permission_event(self, obj=None):
        return obj

    def get_queryset(self):
        trashed = self.request.query_params.get("get_trashed") == "true"
        if self.action == "partial_update" or (self.action == "destroy" and rules.is_admin(self.request.user)):
            # PATCH reaches trashed events of the actor's team (the service only lets admins restore them and
            # answers 404 for other edits); admins purge trashed events
            trashed = True
        return self.event_queryset(trashed=trashed)

    def get_object(self):
        value = getattr(self, "_lookup_value", None) or str(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        qs = self.get_queryset()
        event = selectors.find_event(qs, value)
        if event is None:
            raise NotFound("No such event.")
        self.check_object_permissions(self.request, event)
        return event

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self._accept_identifier_alias(request)

    def _accept_identifier_alias(self, request):
        """The URL may name the event by id or identifier; so may the PATCH document's `data.id`. When they
        name the same event, the document's form is accepted (the id-consistency check compares with the URL
        kwarg, so it is set to the document's form; the lookup keeps using the URL's value)."""
        if request.method not in ("PATCH", "PUT") or "pk" not in self.kwargs:
            return
        try:
            body_id = json.loads(request._request.body or b"{}").get("data", {}).get("id")
        except (ValueError, AttributeError):
            return
        url_id = str(self.kwargs["pk"])
        if body_id is None or str(body_id) == url_id:
            return
        named = selectors.find_event(Event.objects.all(), url_id)
        if named is not None and str(body_id) in (str(named.pk), named.identifier):
            self._lookup_value = url_id
            self.kwargs["pk"] = str(body_id)

    def location_for(self, instance):
        return self.request.build_absolute_uri(f"/v1/events/{instance.pk}")


class UserEventsViewSet(EventQuerysetMixin, JsonApiViewSet):
    """`/v1/users/<user_id>/events` (events the user has any team role on) and the per-role lists the client
    reads as relationships: organizer-events, coorganizer-events, track-organizer-events, moderator-events,
    registrar-events, owner-events. Only the user themself and admins; anyone else gets 404."""

    http_method_names = ["get", "head", "options"]
    permission_rules = {"list": "authenticated"}
    search_scope = "all"
    #: role name filter (None: any team role; "owner": events they own)
    role = None

    def get_queryset(self):
        user_id = str(self.kwargs["user_id"])
        actor = self.request.user
        if not user_id.isdigit() or (int(user_id) != actor.pk and not rules.is_admin(actor)):
            raise Http404("No such user.")
        if not User.objects.filter(pk=int(user_id)).exists():
            raise Http404("No such user.")
        qs = self.event_queryset(trashed=self.request.query_params.get("get_trashed") == "true")
        if self.role == "owner":
            return qs.filter(owner_id=int(user_id))
        roles = [self.role] if self.role else list(selectors.TEAM_ROLES)
        ids = Event.objects.filter(user_roles__user_id=int(user_id), user_roles__role__name__in=roles).values("pk")
        return qs.filter(pk__in=ids)


USER_EVENT_LISTS = {
    "events": None,
    "owner-events": "owner",
    "organizer-events": Role.ORGANIZER,
    "coorganizer-events": Role.COORGANIZER,
    "track-organizer-events": Role.TRACK_ORGANIZER,
    "moderator-events": Role.MODERATOR,
    "registrar-events": Role.REGISTRAR,
}


# --- topics, sub-topics, types: anyone reads, admins write ------------------------------------------------------
VOCABULARY_FILTERS = {"name": ["exact", "icontains", "in"], "slug": ["exact", "in"]}


class EventTopicViewSet(JsonApiViewSet):
    queryset = EventTopic.objects.all()
    serializer_class = EventTopicSerializer
    cheap_etag = True
    permission_rules = {"list": "public", "retrieve": "public", "*": "is_admin"}
    filterset_fields = VOCABULARY_FILTERS
    services = ServiceSet(
        create=services.event_topic_create, update=services.vocabulary_update, delete=services.vocabulary_delete
    )


class EventSubTopicViewSet(JsonApiViewSet):
    """`/v1/event-sub-topics` and, nested, `/v1/event-topics/<event_topic_id>/event-sub-topics`."""

    serializer_class = EventSubTopicSerializer
    permission_rules = {"list": "public", "retrieve": "public", "*": "is_admin"}
    filterset_fields = {**VOCABULARY_FILTERS, "event_topic": ["exact", "in"]}
    select_for_includes = {"__all__": ["event_topic"]}
    services = ServiceSet(
        create=services.event_sub_topic_create, update=services.vocabulary_update, delete=services.vocabulary_delete
    )

    def get_queryset(self):
        qs = EventSubTopic.objects.select_related("event_topic")
        topic_id = self.kwargs.get("event_topic_id")
        if topic_id is not None:
            topic = EventTopic.objects.filter(pk=topic_id).first()
            if topic is None:
                raise Http404("No such event topic.")
            qs = topic.event_sub_topics.select_related("event_topic")
        return qs


class EventTypeViewSet(JsonApiViewSet):
    queryset = EventType.objects.all()
    serializer_class = EventTypeSerializer
    cheap_etag = True
    permission_rules = {"list": "public", "retrieve": "public", "*": "is_admin"}
    filterset_fields = VOCABULARY_FILTERS
    services = ServiceSet(
        create=services.event_type_create, update=services.vocabulary_update, delete=services.vocabulary_delete
    )
