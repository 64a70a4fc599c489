"""JSON:API resources for the smaller parts of an event: its speakers call, copyright, exhibitors, video
streams (and their translation channels) and badge forms.

They answer on the same three routes as event content (see `events.api.content_views`):
`/v1/events/<event_id>/<types>`, `/v1/<types>` and `/v1/<types>/<id>`, plus the event's relationship routes
(`/v1/events/<id>/speakers-call`, `/v1/events/<id>/event-copyright`, `/v1/events/<id>/video-stream`, …).

As on the Open Event Server, these parts are not in the Role × Service matrix: the event's organizers and
co-organizers write them (`write_check`). Everyone reads the public parts (`EventPartViewSet`) once the event is
published, and the event's team before that; the event's members read video streams and channels, its team
badge forms (`PrivatePartViewSet`), published or not. What the actor may not read answers 404 on by-id routes.
"""

from django.db.models import Q
from django.http import Http404
from rest_framework.exceptions import ValidationError

from events import part_services as svc
from events.api import part_serializers, video_serializers
from events.api.content_views import NAME_FILTERS, ContentViewSet, _int
from events.models import Event, VideoStream
from eventyay.api.views import ServiceSet, resolve_event
from roles import permissions as rules
from roles.selectors import event_ids_with_role


class EventPartViewSet(ContentViewSet):
    #: the role check (`roles.permissions.ROLE_CHECKS`) that may write; readers of unpublished events
    write_check = "is_coorganizer"
    read_check = "is_event_team"

    def read_rule(self, event):
        if event is None:
            return "is_admin"
        if event.deleted_at is not None:
            return "is_admin"
        if event.state == Event.State.PUBLISHED:
            return "public"
        return self.read_check

    def readable(self, queryset):
        user = self.request.user
        if rules.is_admin(user):
            return queryset
        published = Q(event__state=Event.State.PUBLISHED)
        team = Q(event_id__in=event_ids_with_role(user, self.read_check))
        return queryset.filter(Q(event__deleted_at__isnull=True) & (published | team))

    @property
    def permission_rules(self):
        return {
            "list": "public" if self.is_nested() else "is_admin",
            "retrieve": self.read_rule(self.get_event()),
            "create": self.write_check,
            "partial_update": self.write_check,
            "destroy": self.write_check,
            **self.action_rules,
        }

    def permission_denied(self, request, message=None, code=None):
        if "pk" in self.kwargs and rules.is_authenticated(request.user):
            event = self.get_event()
            if event is None or not rules.check(request.user, self.read_rule(event), event=event):
                raise Http404
        super(ContentViewSet, self).permission_denied(request, message=message, code=code)


def _services(create, update):
    return ServiceSet(create=create, update=update, delete=svc.part_delete)


class SpeakersCallViewSet(EventPartViewSet):
    serializer_class = part_serializers.SpeakersCallSerializer
    services = _services(svc.speakers_call_create, svc.speakers_call_update)


class EventCopyrightViewSet(EventPartViewSet):
    serializer_class = part_serializers.EventCopyrightSerializer
    services = _services(svc.event_copyright_create, svc.event_copyright_update)


class ExhibitorViewSet(EventPartViewSet):
    serializer_class = part_serializers.ExhibitorSerializer
    services = _services(svc.exhibitor_create, svc.exhibitor_update)
    filterset_fields = {"sessions__title": NAME_FILTERS}


class PrivatePartViewSet(EventPartViewSet):
    """Parts only the event's members (attendees included) read, published or not."""

    read_check = "is_event_member"

    def read_rule(self, event):
        if event is None or event.deleted_at is not None:
            return "is_admin"
        return self.read_check

    def readable(self, queryset):
        user = self.request.user
        if rules.is_admin(user):
            return queryset
        members = Q(event_id__in=event_ids_with_role(user, self.read_check))
        return queryset.filter(members & Q(event__deleted_at__isnull=True))


class VideoStreamViewSet(PrivatePartViewSet):
    serializer_class = video_serializers.VideoStreamSerializer
    services = _services(svc.video_stream_create, svc.video_stream_update)


class TranslationChannelViewSet(PrivatePartViewSet):
    """`/v1/translation_channels`: a channel's event is its stream's (a POST names the stream, not the event)."""

    serializer_class = video_serializers.TranslationChannelSerializer
    services = _services(svc.translation_channel_create, svc.translation_channel_update)

    def event_from_body(self):
        data = self.request.data if isinstance(self.request.data, dict) else {}
        ref = data.get("video_stream")
        if isinstance(ref, dict) and ref.get("id") is not None:
            stream = VideoStream.objects.filter(pk=_int(ref["id"])).first()
            if stream is not None:
                return resolve_event(self.request, stream.event_id)
        raise ValidationError({"video_stream": ["A translation channel belongs to a video stream."]})


class BadgeFormViewSet(PrivatePartViewSet):
    """An event's badge forms: its team reads them, organizers write them. Also listed per ticket
    (`/v1/tickets/<id>/badge-forms`)."""

    serializer_class = part_serializers.BadgeFormSerializer
    services = _services(svc.badge_form_create, svc.badge_form_update)
    read_check = "is_event_team"

    def is_nested(self):
        return super().is_nested() or "ticket_id" in getattr(self, "kwargs", {})

    def get_event(self):
        if "ticket_id" in self.kwargs and not hasattr(self, "_event"):
            from tickets.models import Ticket

            event_id = (
                Ticket.objects.filter(pk=_int(self.kwargs["ticket_id"]), deleted_at__isnull=True)
                .values_list("event_id", flat=True)
                .first()
            )
            if event_id is None:
                raise Http404("No such ticket.")
            self._event = resolve_event(self.request, event_id)
        return super().get_event()

    def scoped_queryset(self):
        queryset = super().scoped_queryset()
        if "ticket_id" in self.kwargs:
            queryset = queryset.filter(ticket_id=_int(self.kwargs["ticket_id"]))
        return queryset
