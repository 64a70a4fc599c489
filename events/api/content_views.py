"""JSON:API resources for event content.

Each type answers on three routes, all served by one viewset:
`/v1/events/<event_id>/<types>` (GET list, POST create — the event comes from the URL),
`/v1/<types>` (POST create with `relationships.event`, as the Open Event client sends it; GET is the
platform-wide list, admins only) and `/v1/<types>/<id>` (GET, PATCH, DELETE).

Who may read depends on the event: content of a published event is public where the original server made it
public (speakers and sessions only once the schedule is published; custom forms for signed-in users), and
otherwise the Role × Service matrix decides (`("read", service)`). Writes are matrix pairs. An object the
actor may not read answers 404 on its by-id routes, so ids do not leak.
"""

from django.db.models import Prefetch
from django.http import Http404
from rest_framework import exceptions

from events import content_services as svc
from events.api import content_serializers as cs
from events.models import Event, Faq, Session
from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet, resolve_event
from roles import permissions as rules

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


def alive_sessions(lookup="sessions"):
    return Prefetch(lookup, queryset=Session.objects.filter(deleted_at__isnull=True))


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ContentViewSet(EventScopedMixin, JsonApiViewSet):
    #: the Service name in the Role × Service matrix
    service = ""
    #: reverse accessor on Event (`event.tracks`)
    related_name = ""
    visibility = PUBLIC
    trashed_rule = "is_event_team"
    #: prefetches every representation needs (reverse to-many relationships)
    always_prefetch = ()
    detail_url_name = None

    # --- querysets -------------------------------------------------------------------------------------
    @property
    def queryset(self):
        model = self.serializer_class.Meta.model
        if getattr(self, "request", None) is None:  # schema generation
            return model.objects.all()
        event = self.get_event() if self.is_nested() else None
        qs = getattr(event, self.related_name).all() if event is not None else model.objects.all()
        qs = self.exclude_trashed(qs)
        return qs.prefetch_related(*self.always_prefetch) if self.always_prefetch else qs

    def get_prefetch_related(self, include):
        if include == "event":
            return [_event_tickets(self.request.user)]
        return super().get_prefetch_related(include)

    def get_select_related(self, include):
        if include == "event":
            return ["event"]
        return super().get_select_related(include)

    # --- the event --------------------------------------------------------------------------------------
    def is_nested(self):
        return self.event_url_kwarg in getattr(self, "kwargs", {})

    def get_event(self):
        if self.is_nested():
            return super().get_event()
        if not hasattr(self, "_event"):
            self._event = None
            if self.action == "create":
                self._event = self._event_from_body()
            elif "pk" in self.kwargs:
                model = self.serializer_class.Meta.model
                event_id = model.objects.filter(pk=_int(self.kwargs["pk"])).values_list("event_id", flat=True).first()
                if event_id is None:
                    raise Http404("No such resource.")
                self._event = Event.objects.get(pk=event_id)
        return self._event

    def _event_from_body(self):
        ref = self.request.data.get("event") if isinstance(self.request.data, dict) else None
        if not isinstance(ref, dict) or not ref.get("id"):
            raise exceptions.ValidationError({"event": ["This relationship is required."]})
        return resolve_event(self.request, ref["id"])

    def get_permission_event(self, obj=None):
        return obj.event if obj is not None else self.get_event()

    def service_kwargs(self):
        return {"event": self.get_event()}

    # --- permissions --------------------------------------------------------------------------------
    @property
    def permission_rules(self):
        read = content_read_rule(self.get_event(), self.visibility, self.service)
        return {
            "list": read if self.is_nested() else "is_admin",
            "retrieve": read,
            "create": ("create", self.service),
            "partial_update": ("update", self.service),
            "destroy": ("delete", self.service),
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


def _event_tickets(user):
    from tickets.models import Ticket

    tickets = Ticket.objects.filter(deleted_at__isnull=True)
    if not rules.is_admin(user):
        tickets = tickets.filter(is_hidden=False)
    return Prefetch("event__tickets", queryset=tickets.order_by("position", "id"), to_attr="visible_tickets")


def _services(create, update):
    return ServiceSet(create=create, update=update, delete=svc.content_delete)


NAME_FILTERS = ["exact", "iexact", "icontains", "in"]
NUMBER_FILTERS = ["exact", "lt", "lte", "gt", "gte", "in"]
DATE_FILTERS = ["exact", "lt", "lte", "gt", "gte", "isnull"]


class TrackViewSet(ContentViewSet):
    serializer_class = cs.TrackSerializer
    service = "track"
    related_name = "tracks"
    services = _services(svc.track_create, svc.track_update)
    always_prefetch = (alive_sessions(),)
    prefetch_for_includes = {"sessions": ["sessions__speakers"]}
    filterset_fields = {"name": NAME_FILTERS, "position": NUMBER_FILTERS}


class SessionTypeViewSet(ContentViewSet):
    serializer_class = cs.SessionTypeSerializer
    service = "session_type"
    related_name = "session_types"
    services = _services(svc.session_type_create, svc.session_type_update)
    always_prefetch = (alive_sessions(),)
    prefetch_for_includes = {"sessions": ["sessions__speakers"]}
    filterset_fields = {"name": NAME_FILTERS, "position": NUMBER_FILTERS}


class MicrolocationViewSet(ContentViewSet):
    serializer_class = cs.MicrolocationSerializer
    service = "microlocation"
    related_name = "microlocations"
    services = _services(svc.microlocation_create, svc.microlocation_update)
    always_prefetch = (alive_sessions(),)
    prefetch_for_includes = {"sessions": ["sessions__speakers"]}
    filterset_fields = {
        "name": NAME_FILTERS,
        "floor": NUMBER_FILTERS,
        "position": NUMBER_FILTERS,
        "hidden_in_scheduler": ["exact"],
        "is_global_event_room": ["exact"],
    }


class SpeakerViewSet(ContentViewSet):
    serializer_class = cs.SpeakerSerializer
    service = "speaker"
    related_name = "speakers"
    visibility = SCHEDULE
    services = _services(svc.speaker_create, svc.speaker_update)
    always_prefetch = (alive_sessions(),)
    prefetch_for_includes = {"sessions": ["sessions__speakers"]}
    filterset_fields = {
        "name": NAME_FILTERS,
        "email": ["exact", "iexact", "icontains"],
        "is_featured": ["exact"],
        "organisation": NAME_FILTERS,
        "country": ["exact", "in"],
        "user": ["exact", "isnull"],
        "sessions": ["exact"],
        "sessions__id": ["exact"],
        "sessions__state": ["exact", "in"],
    }


class SessionViewSet(ContentViewSet):
    serializer_class = cs.SessionSerializer
    service = "session"
    related_name = "sessions"
    visibility = SCHEDULE
    services = _services(svc.session_create, svc.session_update)
    always_prefetch = ("speakers",)
    prefetch_for_includes = {
        "speakers": [alive_sessions("speakers__sessions")],
        "track": [Prefetch("track__sessions", queryset=Session.objects.filter(deleted_at__isnull=True))],
        "session_type": [Prefetch("session_type__sessions", queryset=Session.objects.filter(deleted_at__isnull=True))],
        "microlocation": [
            Prefetch("microlocation__sessions", queryset=Session.objects.filter(deleted_at__isnull=True))
        ],
    }
    select_for_includes = {"track": ["track"], "session_type": ["session_type"], "microlocation": ["microlocation"]}
    filterset_fields = {
        "title": NAME_FILTERS,
        "state": ["exact", "in"],
        "track": ["exact", "in", "isnull"],
        "session_type": ["exact", "in", "isnull"],
        "microlocation": ["exact", "in", "isnull"],
        "speakers": ["exact"],
        "track__id": ["exact", "in"],
        "track__name": NAME_FILTERS,
        "session_type__id": ["exact", "in"],
        "session_type__name": NAME_FILTERS,
        "microlocation__id": ["exact", "in"],
        "microlocation__name": NAME_FILTERS,
        "speakers__id": ["exact"],
        "speakers__name": NAME_FILTERS,
        "starts_at": DATE_FILTERS,
        "ends_at": DATE_FILTERS,
        "submitted_at": DATE_FILTERS,
        "level": ["exact", "in"],
        "language": ["exact", "in"],
        "is_locked": ["exact"],
        "creator": ["exact"],
    }


class SponsorViewSet(ContentViewSet):
    serializer_class = cs.SponsorSerializer
    service = "sponsor"
    related_name = "sponsors"
    services = _services(svc.sponsor_create, svc.sponsor_update)
    filterset_fields = {"name": NAME_FILTERS, "level": NUMBER_FILTERS, "type": ["exact", "in"]}


class SocialLinkViewSet(ContentViewSet):
    serializer_class = cs.SocialLinkSerializer
    service = "social_link"
    related_name = "social_links"
    services = _services(svc.social_link_create, svc.social_link_update)
    filterset_fields = {"name": NAME_FILTERS, "identifier": ["exact"]}


class CustomFormViewSet(ContentViewSet):
    """Signed-in users read, organizers write (seed 001)."""

    serializer_class = cs.CustomFormSerializer
    service = "custom_form"
    related_name = "custom_forms"
    visibility = SIGNED_IN
    services = _services(svc.custom_form_create, svc.custom_form_update)
    filterset_fields = {
        "form": ["exact", "in"],
        "form_id": ["exact"],
        "field_identifier": ["exact", "in"],
        "type": ["exact", "in"],
        "is_required": ["exact"],
        "is_included": ["exact"],
        "is_fixed": ["exact"],
        "is_complex": ["exact"],
        "is_public": ["exact"],
    }


class FaqTypeViewSet(ContentViewSet):
    serializer_class = cs.FaqTypeSerializer
    service = "faq_type"
    related_name = "faq_types"
    services = _services(svc.faq_type_create, svc.faq_type_update)
    always_prefetch = (Prefetch("faqs", queryset=Faq.objects.filter(deleted_at__isnull=True)),)
    filterset_fields = {"name": NAME_FILTERS}


class FaqViewSet(ContentViewSet):
    serializer_class = cs.FaqSerializer
    service = "faq"
    related_name = "faqs"
    services = _services(svc.faq_create, svc.faq_update)
    select_for_includes = {"faq_type": ["faq_type"]}
    prefetch_for_includes = {
        "faq_type": [Prefetch("faq_type__faqs", queryset=Faq.objects.filter(deleted_at__isnull=True))]
    }
    filterset_fields = {
        "question": ["icontains"],
        "faq_type": ["exact", "in", "isnull"],
        "faq_type__id": ["exact", "in"],
        "faq_type__name": NAME_FILTERS,
    }
