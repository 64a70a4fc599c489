import json

from django.http import Http404
from django.utils import timezone
from rest_framework.decorators import action
from rest_framework.response import Response

from events import selectors, services
from events.api.serializers import (
    EventSerializer,
    EventSubTopicSerializer,
    EventTopicSerializer,
    EventTypeSerializer,
    GroupSerializer,
)
from events.models import Event, EventSubTopic, EventTopic, EventType, Group
from events.search.api import SearchMetaMixin, search_filter_backends
from eventyay.api.permissions import any_of
from eventyay.api.schema import plain_json
from eventyay.api.views import JsonApiViewSet, ServiceSet
from roles import permissions as rules
from roles.models import Role, User

#: filters through related types the clients use (the derived ones cover every attribute and relationship id)
EVENT_FILTERS = {
    "event_topic__name": ["exact", "icontains"],
    "event_topic__slug": ["exact", "in"],
    "event_sub_topic__name": ["exact", "icontains"],
    "event_sub_topic__slug": ["exact", "in"],
    "event_type__name": ["exact", "icontains"],
    "event_type__slug": ["exact", "in"],
}


class EventQuerysetMixin(SearchMetaMixin):
    """Shared by every list of events: who sees which event, lookups by id or identifier, and search
    (`filter[search]=…`, ranked by relevance unless `sort` is given; see `events.search.api`)."""

    serializer_class = EventSerializer
    filter_backends = search_filter_backends()
    search_type = "event"
    #: `/v1/events` finds published events only; a user's own lists search all of their events
    search_scope = "public"
    filterset_fields = EVENT_FILTERS
    ordering = ("starts_at", "id")

    def readable(self, queryset):
        # soft-deleted events of the actor's team stay in; `exclude_trashed` decides on `?get_trashed=true`
        return selectors.visible_events(self.request.user, trashed=True, queryset=queryset)

    def wants_trashed(self):
        return self.request.query_params.get("get_trashed") == "true"  # `readable` limits them to the team

    def find_object(self, queryset, value):
        return selectors.find_event(queryset, value)


class EventViewSet(EventQuerysetMixin, JsonApiViewSet):
    """`/v1/events` and `/v1/events/<id|identifier>`. Anyone reads published events; a draft is visible to its
    team; any signed-in user creates (and becomes organizer); the matrix decides update (organizer,
    co-organizer) and delete (organizer); admins restore a soft-deleted event by PATCHing `deleted-at` to null."""

    permission_rules = {
        "list": "public",
        "upcoming": "public",
        "retrieve": "public",
        "has_streams": "public",
        "create": "authenticated",
        "partial_update": ("update", "event"),
        "destroy": ("delete", "event"),
    }
    services = ServiceSet(create=services.event_create, update=services.event_update, delete=services.event_delete)

    def get_permission_event(self, obj=None):
        return obj

    def exclude_trashed(self, queryset, force=False):
        if not force and (
            self.action == "partial_update" or (self.action == "destroy" and rules.is_admin(self.request.user))
        ):
            # PATCH reaches trashed events of the actor's team (the service only lets admins restore them and
            # answers 404 for other edits); admins purge trashed events
            return queryset
        return super().exclude_trashed(queryset, force=force)

    @action(detail=False, methods=["get"])
    def upcoming(self, request, *args, **kwargs):
        """`/v1/events/upcoming`: published public events that have not ended, soonest first (the landing page)."""
        return self.list(request, *args, **kwargs)

    @plain_json("HasStreams", response={"exists": bool, "can_access": bool})
    @action(detail=True, methods=["get"], url_path="has-streams", url_name="has-streams")
    def has_streams(self, request, *args, **kwargs):
        """`/v1/events/<id>/has-streams` → `{"exists": bool, "can_access": bool}`, as the Open Event Server
        answers it (the client's event pages ask before showing a "join the stream" button): whether the event
        has a video stream, and whether the actor may read it (the event's members and team, see `video-stream`)."""
        from eventyay.api.registry import resources

        event = self.get_object()  # 404 for an event the actor cannot see
        streams = event.video_streams.all()
        if _soft_deleted(streams.model):
            streams = streams.filter(deleted_at__isnull=True)
        exists = streams.exists()
        can_access = exists and resources.readable("video-stream", streams, request).exists()
        self.resource_name = False
        return Response({"exists": exists, "can_access": can_access})

    def scoped_queryset(self):
        queryset = super().scoped_queryset()
        if self.action == "upcoming":
            queryset = queryset.filter(
                state=Event.State.PUBLISHED, privacy=Event.Privacy.PUBLIC, ends_at__gt=timezone.now()
            ).order_by("starts_at", "id")
        return queryset

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self._accept_identifier_alias(request)

    def _accept_identifier_alias(self, request):
        """The URL may name the event by id or identifier; so may the PATCH document's `data.id`. When they
        name the same event, the document's form is accepted (the id-consistency check compares with the URL
        kwarg, so it is set to the document's form; the lookup keeps using the URL's value)."""
        if request.method not in ("PATCH", "PUT") or "pk" not in self.kwargs or self.action != "partial_update":
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

    def lookup_value(self):
        return getattr(self, "_lookup_value", None) or super().lookup_value()


class UserEventsViewSet(EventQuerysetMixin, JsonApiViewSet):
    """`/v1/users/<user_id>/events` (events the user has any team role on) and the per-role lists the client
    reads as relationships: organizer-events, coorganizer-events, track-organizer-events, moderator-events,
    registrar-events, owner-events. Only the user themself and admins; anyone else gets 404."""

    http_method_names = ["get", "head", "options"]
    permission_rules = {"list": "authenticated"}
    search_scope = "all"
    #: role name filter (None: any team role; "owner": events they own)
    role = None

    def scoped_queryset(self):
        user_id = str(self.kwargs["user_id"])
        actor = self.request.user
        if not user_id.isdigit() or (int(user_id) != actor.pk and not rules.is_admin(actor)):
            raise Http404("No such user.")
        if not User.objects.filter(pk=int(user_id)).exists():
            raise Http404("No such user.")
        queryset = Event.objects.all()
        if self.role == "owner":
            return queryset.filter(owner_id=int(user_id))
        roles = [self.role] if self.role else list(selectors.TEAM_ROLES)
        ids = Event.objects.filter(user_roles__user_id=int(user_id), user_roles__role__name__in=roles).values("pk")
        return queryset.filter(pk__in=ids)


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
class EventTopicViewSet(JsonApiViewSet):
    queryset = EventTopic.objects.all()
    serializer_class = EventTopicSerializer
    cheap_etag = True
    permission_rules = {"list": "public", "retrieve": "public", "*": "is_admin"}
    services = ServiceSet(
        create=services.event_topic_create, update=services.vocabulary_update, delete=services.vocabulary_delete
    )


class EventSubTopicViewSet(JsonApiViewSet):
    queryset = EventSubTopic.objects.all()
    serializer_class = EventSubTopicSerializer
    permission_rules = {"list": "public", "retrieve": "public", "*": "is_admin"}
    services = ServiceSet(
        create=services.event_sub_topic_create, update=services.vocabulary_update, delete=services.vocabulary_delete
    )


class EventTypeViewSet(JsonApiViewSet):
    queryset = EventType.objects.all()
    serializer_class = EventTypeSerializer
    cheap_etag = True
    permission_rules = {"list": "public", "retrieve": "public", "*": "is_admin"}
    services = ServiceSet(
        create=services.event_type_create, update=services.vocabulary_update, delete=services.vocabulary_delete
    )


class GroupViewSet(JsonApiViewSet):
    """`/v1/groups`: anyone reads; a signed-in user creates a group (and owns it); its owner and admins edit
    and delete it."""

    queryset = Group.objects.all()
    serializer_class = GroupSerializer
    permission_rules = {
        "list": "public",
        "retrieve": "public",
        "create": "authenticated",
        "*": any_of("is_user_itself", "is_admin"),
    }
    services = ServiceSet(create=services.group_create, update=services.group_update, delete=services.group_delete)


def _soft_deleted(model):
    return any(field.name == "deleted_at" for field in model._meta.concrete_fields)
