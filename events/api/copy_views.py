"""`POST /v1/events/<id|identifier>/copy`: organizers (and admins) copy an event with its content. The answer is
the Open Event Server's (event_copy.apib): 200 `{"copied": true, "id", "identifier"}` of the copy (the client opens
it by identifier), with its `Location`."""

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
    plain_json_actions = ("create",)

    def scoped_queryset(self):
        return Event.objects.none()

    def create(self, request, *args, **kwargs):
        new_event = event_copy(actor=request.user, event=self.get_event())
        headers = {}
        location = self.location_for(new_event)
        if location:
            headers["Location"] = location
        self.resource_name = False  # a plain body, rendered as written
        body = {"copied": True, "id": new_event.pk, "identifier": new_event.identifier}
        return Response(body, status=status.HTTP_200_OK, headers=headers)
