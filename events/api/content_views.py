"""JSON:API resources for event content.

Each type answers on three routes, all served by one viewset:
`/v1/events/<event_id>/<types>` (GET list, POST create — the event comes from the URL),
`/v1/<types>` (POST create with `relationships.event`, as the Open Event client sends it; GET is the
platform-wide list, admins only) and `/v1/<types>/<id>` (GET, PATCH, DELETE).

Who may read depends on the event: content of a published event is public where the original server made it
public (speakers and sessions only once the schedule is published; custom forms for signed-in users), and
otherwise the Role × Service matrix decides (`("read", service)`). An event's lists show the rows the actor may
read (an empty list before the schedule is published, say); an object the actor may not read answers 404 on its
by-id routes, so ids do not leak. Writes are matrix pairs.
"""

from django.db.models import Q
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import renderers, serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from events import content_services as svc
from events.api import content_serializers as cs
from events.models import Event
from events.session_notify import state_mails
from eventyay.api.renderers import PlainJsonAsJsonApiRenderer
from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet, resolve_event
from roles import permissions as rules
from roles.selectors import event_ids_granting

PUBLIC = "public"  # any published event
SCHEDULE = "schedule"  # published event with its schedule published
SIGNED_IN = "signed-in"  # published event, signed-in users


def content_read_rule(event, visibility, service):
    """The rule that decides who may read `service` content of `event` (see the module docstring)."""
    if event is None:
        return ("read", service)
    if event.deleted_at is not None:
        return "is_admin"
    if event.state == Event.State.PUBLISHED:
        if visibility == PUBLIC or (visibility == SCHEDULE and event.schedule_published_on is not None):
            return "public"
        if visibility == SIGNED_IN:
            return "authenticated"
    return ("read", service)


def content_readable_q(user, visibility, service, prefix="event__"):
    """`content_read_rule` as a condition on content rows (for lists, includes and related routes)."""
    alive = Q(**{f"{prefix}deleted_at__isnull": True})
    public = Q(**{f"{prefix}state": Event.State.PUBLISHED})
    if visibility == SCHEDULE:
        public &= Q(**{f"{prefix}schedule_published_on__isnull": False})
    elif visibility == SIGNED_IN and not rules.is_authenticated(user):
        public = Q(pk__in=[])
    granted = Q(**{f"{prefix}id__in": event_ids_granting(user, service)})
    return alive & (public | granted)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ContentViewSet(EventScopedMixin, JsonApiViewSet):
    #: the Service name in the Role × Service matrix
    service = ""
    visibility = PUBLIC
    trashed_rule = "is_event_team"
    #: rules of the type's own @action routes
    action_rules = {}

    def readable(self, queryset):
        user = self.request.user
        if rules.is_admin(user):
            return queryset
        return queryset.filter(content_readable_q(user, self.visibility, self.service))

    # --- the event --------------------------------------------------------------------------------------
    def get_event(self):
        if self.is_nested() or self.related_parent is not None or getattr(self, "action", None) == "create":
            return super().get_event()
        if not hasattr(self, "_event"):
            self._event = None
            if "pk" in self.kwargs:
                model = self.serializer_class.Meta.model
                event_id = model.objects.filter(pk=_int(self.kwargs["pk"])).values_list("event_id", flat=True).first()
                if event_id is None:
                    raise Http404("No such resource.")
                self._event = Event.objects.get(pk=event_id)
        return self._event

    # --- permissions --------------------------------------------------------------------------------
    def list_rule(self):
        # an event's list shows the rows the actor may read (`readable`): empty, not a 401/403, for content that
        # is not public yet, as the Open Event client expects on an event's public page
        return "public" if self.is_nested() else "is_admin"

    def cached_action_rule(self, action):
        """The rule of `action` as the response cache asks it, before the view runs: a list's rule needs no
        event, so a cached answer costs no query (eventyay.api.public_cache)."""
        return self.list_rule() if action == "list" else self.permission_rules.get(action)

    @property
    def permission_rules(self):
        read = content_read_rule(self.get_event(), self.visibility, self.service)
        return {
            "list": self.list_rule(),
            "retrieve": read,
            "create": ("create", self.service),
            "partial_update": ("update", self.service),
            "destroy": ("delete", self.service),
            **self.action_rules,
        }

    def permission_denied(self, request, message=None, code=None):
        # by-id routes: what the actor may not even read does not exist for them
        if "pk" in self.kwargs and rules.is_authenticated(request.user):
            event = self.get_event()
            if event is None or not rules.check(
                request.user, content_read_rule(event, self.visibility, self.service), event=event
            ):
                raise Http404
        super().permission_denied(request, message=message, code=code)


NAME_FILTERS = ["exact", "iexact", "icontains", "in"]


def _services(create, update):
    return ServiceSet(create=create, update=update, delete=svc.content_delete)


class TrackViewSet(ContentViewSet):
    serializer_class = cs.TrackSerializer
    service = "track"
    services = _services(svc.track_create, svc.track_update)


class SessionTypeViewSet(ContentViewSet):
    serializer_class = cs.SessionTypeSerializer
    service = "session_type"
    services = _services(svc.session_type_create, svc.session_type_update)


class MicrolocationViewSet(ContentViewSet):
    serializer_class = cs.MicrolocationSerializer
    service = "microlocation"
    services = _services(svc.microlocation_create, svc.microlocation_update)


class SpeakerViewSet(ContentViewSet):
    serializer_class = cs.SpeakerSerializer
    service = "speaker"
    visibility = SCHEDULE
    services = _services(svc.speaker_create, svc.speaker_update)
    filterset_fields = {"sessions__state": ["exact", "in"]}


class SessionViewSet(ContentViewSet):
    serializer_class = cs.SessionSerializer
    service = "session"
    visibility = SCHEDULE
    services = _services(svc.session_create, svc.session_update)
    action_rules = {"states": "public", "mails": "public"}
    filterset_fields = {
        "track__name": NAME_FILTERS,
        "session_type__name": NAME_FILTERS,
        "microlocation__name": NAME_FILTERS,
        "speakers__name": NAME_FILTERS,
    }

    @action(detail=False, methods=["get"])
    def states(self, request, *args, **kwargs):
        """`/v1/sessions/states`: the state transitions organizers and speakers may make (public)."""
        self.resource_name = False
        return Response(SESSION_STATES)

    @action(detail=False, methods=["get"])
    def mails(self, request, *args, **kwargs):
        """`/v1/sessions/mails`: the subject and message a session's state change mails its speakers (public)."""
        self.resource_name = False
        return Response(state_mails())


#: who may move a session from one state to another (the Open Event Server's table, as its blueprint shows it)
SESSION_STATES = {
    "organizer": {
        "accepted": {"canceled": True, "confirmed": True, "rejected": True, "withdrawn": True},
        "canceled": {"accepted": True, "confirmed": True, "rejected": True, "withdrawn": True},
        "confirmed": {"accepted": True, "canceled": True, "rejected": True, "withdrawn": True},
        "draft": {},
        "pending": {"accepted": True, "confirmed": True, "rejected": True, "withdrawn": True},
        "rejected": {"accepted": True, "confirmed": True, "withdrawn": True},
        "withdrawn": {},
    },
    "speaker": {
        "accepted": {"withdrawn": True},
        "canceled": {"withdrawn": True},
        "confirmed": {"withdrawn": True},
        "draft": {"pending": True},
        "pending": {"withdrawn": True},
        "rejected": {"withdrawn": True},
        "withdrawn": {},
    },
}


class SponsorViewSet(ContentViewSet):
    serializer_class = cs.SponsorSerializer
    service = "sponsor"
    services = _services(svc.sponsor_create, svc.sponsor_update)


class SocialLinkViewSet(ContentViewSet):
    serializer_class = cs.SocialLinkSerializer
    service = "social_link"
    services = _services(svc.social_link_create, svc.social_link_update)


class CustomFormViewSet(ContentViewSet):
    """Signed-in users read, organizers write (seed 001)."""

    serializer_class = cs.CustomFormSerializer
    service = "custom_form"
    visibility = SIGNED_IN
    services = _services(svc.custom_form_create, svc.custom_form_update)


class FaqTypeViewSet(ContentViewSet):
    serializer_class = cs.FaqTypeSerializer
    service = "faq_type"
    services = _services(svc.faq_type_create, svc.faq_type_update)


class FaqViewSet(ContentViewSet):
    serializer_class = cs.FaqSerializer
    service = "faq"
    services = _services(svc.faq_create, svc.faq_update)
    filterset_fields = {"faq_type__name": NAME_FILTERS}



class SessionFacetView(APIView):
    """`/v1/events/<event_id>/sessions/dates` → `["2026-12-26", …]` and `…/sessions/languages` → `["English", …]`:
    the days and languages of the event's schedule, as the Open Event Server answers them (the client's public
    schedule asks before listing sessions)."""

    renderer_classes = (renderers.JSONRenderer, PlainJsonAsJsonApiRenderer)
    permission_rules = {"*": "public"}
    serializer_class = serializers.Serializer  # no body; the schema's response is declared on get()
    #: `selectors.session_dates` or `selectors.session_languages`
    facet = None

    @extend_schema(
        responses={(200, "application/json"): serializers.ListField(child=serializers.CharField())}, filters=False
    )
    def get(self, request, event_id):
        event = resolve_event(request, event_id)
        return Response(self.facet(request.user, event))
