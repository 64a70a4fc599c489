"""`GET /v1/states?event_id=<id|identifier>&attendee_id=<id>` → `{"is_registered", "register_times"}`: whether an
attendee of the event has checked in, and when last (attendees.apib "Get Attendee State"). Whoever may read the
attendee asks (the buyer, the holder, the event's check-in team, admins); anyone else gets 404."""

from django.http import Http404
from rest_framework import renderers, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from eventyay.api.registry import resources
from eventyay.api.renderers import PlainJsonAsJsonApiRenderer
from eventyay.api.schema import plain_json
from eventyay.api.views import resolve_event
from tickets.models import Attendee


class AttendeeStateSerializer(serializers.Serializer):
    """The answer (for the OpenAPI schema)."""

    is_registered = serializers.BooleanField()
    register_times = serializers.CharField(allow_null=True)


class AttendeeStateView(APIView):
    serializer_class = AttendeeStateSerializer
    renderer_classes = (renderers.JSONRenderer, PlainJsonAsJsonApiRenderer)
    permission_rules = {"*": "authenticated"}

    @plain_json("AttendeeState", response={"is_registered": bool, "register_times": str})
    def get(self, request):
        event_id, attendee_id = request.query_params.get("event_id"), request.query_params.get("attendee_id")
        if not event_id or not attendee_id or not str(attendee_id).isdigit() or len(attendee_id) > 18:
            raise ValidationError({"attendee_id": ["event_id and a numeric attendee_id are required."]})
        event = resolve_event(request, event_id)
        rows = Attendee.objects.filter(pk=int(attendee_id), event=event)
        attendee = resources.readable("attendee", rows, request).first()
        if attendee is None:
            raise Http404("No such attendee.")
        times = [stamp for stamp in attendee.checkin_times.split(",") if stamp.strip()]
        return Response({"is_registered": attendee.is_checked_in, "register_times": times[-1] if times else None})
