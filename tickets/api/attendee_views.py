"""Plain-JSON attendee routes of the Open Event API: resending an order's receipt and searching an event's
attendees."""

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from rest_framework import renderers
from rest_framework.response import Response
from rest_framework.views import APIView

from eventyay.api.computed import ComputedDocumentSerializer
from eventyay.api.exceptions import BadQueryParameter
from eventyay.api.parsers import JsonParser, PlainJsonAsJsonApiParser
from eventyay.api.renderers import PlainJsonAsJsonApiRenderer
from eventyay.api.schema import plain_json
from eventyay.errors import DomainError
from roles import permissions as rules
from tickets import services
from tickets.api.order_views import AttendeeViewSet, OrderViewSet, attendee_queryset, order_queryset

PLAIN_RENDERERS = (renderers.JSONRenderer, PlainJsonAsJsonApiRenderer)


class SendReceiptView(APIView):
    """`POST /v1/attendees/send-receipt` with `{"order-identifier": …}`: the receipt of a sold order is mailed
    again to its buyer (or its attendees). For those who manage the event's orders; an order the actor cannot
    see answers 404."""

    parser_classes = (JsonParser, PlainJsonAsJsonApiParser)
    renderer_classes = PLAIN_RENDERERS
    permission_rules = {"POST": "authenticated"}

    @plain_json("SendReceipt", request={"order-identifier": str}, response={"message": str})
    def post(self, request, *args, **kwargs):
        body = request.data if isinstance(request.data, dict) else {}
        identifier = body.get("order-identifier", body.get("order_identifier"))
        if not isinstance(identifier, str) or not identifier:
            raise DomainError("order-identifier is required.", field="order_identifier")
        readable = OrderViewSet(request=request, kwargs={}, format_kwarg=None).readable(order_queryset())
        order = readable.filter(identifier=identifier).first()
        if order is None:
            raise Http404("No such order.")
        if not rules.can(request.user, "update", "order", order.event):
            raise DomainError("Only the event's organizers resend receipts.", status=403, code="permission_denied")
        services.order_send_receipt(actor=request.user, instance=order)
        return Response({"message": "receipt sent to attendees"})


class AttendeeSearchViewSet(AttendeeViewSet):
    """`GET /v1/events/<event_id>/attendees/search?search=…`: the event's attendees whose name, e-mail or order
    identifier contains the text (all of them without it), as `{"attendees": [attributes…]}`."""

    renderer_classes = PLAIN_RENDERERS
    permission_rules = {"search": ("read", "attendee")}

    @plain_json("AttendeeSearch", response={"attendees": list})
    def search(self, request, *args, **kwargs):
        queryset = self.get_queryset()
        text = (request.query_params.get("search") or "").strip()
        if text:
            queryset = queryset.filter(
                Q(firstname__icontains=text)
                | Q(lastname__icontains=text)
                | Q(email__iexact=text)
                | Q(order__identifier__iexact=text)
            )
        rows = self.get_serializer(queryset.order_by("pk")[: settings.API_MAX_PAGE_SIZE], many=True).data
        attributes = set(self.get_serializer_class().Meta.fields) - RELATIONSHIPS
        return Response(
            {"attendees": [{k.replace("_", "-"): v for k, v in row.items() if k in attributes} for row in rows]}
        )


RELATIONSHIPS = {"event", "order", "ticket", "user"}


class AttendeeStateView(APIView):
    """`GET /v1/states?event_id=…&attendee_id=…`: whether an attendee registered at the desk, and when."""

    renderer_classes = PLAIN_RENDERERS
    permission_rules = {"GET": "authenticated"}
    serializer_class = ComputedDocumentSerializer  # for the OpenAPI schema; the answer is plain JSON

    @plain_json("AttendeeState", response={"is_registered": bool, "register_times": str})
    def get(self, request, *args, **kwargs):
        event_id, attendee_id = (request.query_params.get(name, "") for name in ("event_id", "attendee_id"))
        for name, value in (("event_id", event_id), ("attendee_id", attendee_id)):
            if not value.isdigit():
                raise BadQueryParameter(f"{name} must be a whole number.", name)
        viewset = AttendeeViewSet(request=request, kwargs={}, format_kwarg=None)
        attendee = (
            viewset.readable(attendee_queryset())
            .filter(pk=int(attendee_id), event_id=int(event_id), deleted_at__isnull=True)
            .first()
        )
        if attendee is None:
            raise Http404("No such attendee.")
        return Response({"is_registered": attendee.is_registered, "register_times": attendee.register_times or None})
