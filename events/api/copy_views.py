"""`POST /v1/events/<id|identifier>/copy`: organizers (and admins) copy an event with its content."""

from rest_framework import status
from rest_framework.response import Response

from events.api.serializers import EventSerializer
from events.copy import event_copy
from events.models import Event
from eventyay.api.views import EventScopedMixin, JsonApiViewSet


class EventCopyViewSet(EventScopedMixin, JsonApiViewSet):
    serializer_class = EventSerializer
    http_method_names = ["post", "options"]
    permission_rules = {"create": "is_organizer"}

    def scoped_queryset(self):
        return Event.objects.none()

    def create(self, request, *args, **kwargs):
        new_event = self.reread(event_copy(actor=request.user, event=self.get_event()))
        headers = {}
        location = self.location_for(new_event)
        if location:
            headers["Location"] = location
        return Response(self.get_serializer(new_event).data, status=status.HTTP_201_CREATED, headers=headers)
