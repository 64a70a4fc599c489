"""Orders and attendees: checkout endpoints, the buyer's and the team's views."""

import json

from django.db.models import Prefetch, Q
from django.http import Http404
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ParseError
from rest_framework.response import Response

from eventyay.api.permissions import any_of
from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet, resolve_event
from eventyay.errors import DomainError
from roles import permissions as rules
from tickets import checkout, services
from tickets.api.base import ObjectEventMixin, PreloadMixin
from tickets.api.parsers import PlainJsonParser, RawJsonApiParser
from tickets.api.serializers import AttendeeSerializer, OrderSerializer
from tickets.models import Attendee, Order, Ticket
from tickets.selectors import event_ids_granting

ORDER_FILTERS = {
    "status": ["exact", "in"],
    "identifier": ["exact"],
    "amount": ["exact", "lt", "lte", "gt", "gte"],
    "created_at": ["lt", "lte", "gt", "gte"],
    "completed_at": ["lt", "lte", "gt", "gte"],
    "paid_via": ["exact"],
}
ATTENDEE_FILTERS = {
    "firstname": ["exact", "icontains"],
    "lastname": ["exact", "icontains"],
    "email": ["exact", "icontains"],
    "is_checked_in": ["exact"],
    "ticket": ["exact", "in"],
    "order__status": ["exact", "in"],
}
READ_ORDER = any_of("is_user_itself", ("read", "order"))
READ_ATTENDEE = any_of("is_user_itself", ("read", "attendee"))


def order_queryset():
    attendees = Attendee.objects.select_related("ticket").order_by("pk")
    return Order.objects.select_related("event", "discount_code", "access_code").prefetch_related(
        Prefetch("attendees", queryset=attendees)
    )


def attendee_queryset():
    return Attendee.objects.select_related("order", "ticket")


#: an included order renders its attendees and tickets
ATTENDEE_INCLUDES = {
    "select": {"ticket": ["ticket"], "order": ["order"]},
    "prefetch": {
        "order": [Prefetch("order__attendees", queryset=Attendee.objects.select_related("ticket").order_by("pk"))]
    },
}


def _undash(value):
    if isinstance(value, dict):
        return {str(k).replace("-", "_"): v for k, v in value.items()}
    return value


def _relationship_id(relationships, name):
    rel = relationships.get(name) or relationships.get(name.replace("_", "-"))
    if isinstance(rel, dict):
        data = rel.get("data")
        if isinstance(data, dict):
            return data.get("id")
    return None


def order_input(document):
    """The create-order body, as the Open Event client posts it (plain JSON) or as a JSON:API document."""
    if not isinstance(document, dict):
        raise ParseError("The order must be a JSON object.")
    if isinstance(document.get("data"), dict):
        data = document["data"]
        if data.get("type") not in (None, "order"):
            raise DomainError("The resource type must be 'order'.", status=409, code="conflict")
        body = _undash(data.get("attributes") or {})
        relationships = data.get("relationships") or {}
        for name in ("event", "discount_code", "access_code"):
            rel_id = _relationship_id(relationships, name)
            if rel_id is not None:
                body.setdefault(name, rel_id)
    else:
        body = _undash(document)
    tickets = body.get("tickets")
    if not isinstance(tickets, list):
        raise DomainError("tickets must be a list of {id, quantity}.", field="tickets")
    items = []
    for entry in tickets:
        entry = _undash(entry)
        if not isinstance(entry, dict):
            raise DomainError("tickets must be a list of {id, quantity}.", field="tickets")
        items.append({**entry, "attendees": [_undash(a) for a in entry.get("attendees") or []]})
    return body, items


class OrderViewSet(PreloadMixin, ObjectEventMixin, JsonApiViewSet):
    """`POST /v1/orders` and `/v1/orders/create-order` place an order; `/v1/orders/calculate-amount` quotes
    one; `/v1/orders/<id|identifier>` is visible to the buyer and to roles that may read the event's orders."""

    serializer_class = OrderSerializer
    permission_rules = {
        "create": "authenticated",
        "create_order": "authenticated",
        "calculate_amount": "public",
        "retrieve": READ_ORDER,
        "partial_update": any_of("is_user_itself", ("update", "order")),
        "attendees": READ_ORDER,
    }
    http_method_names = ["get", "post", "patch", "head", "options"]
    services = ServiceSet(update=services.order_update)
    filterset_fields = ATTENDEE_FILTERS  # only the `/attendees` sub-list filters
    prefetch_for_includes = {"__all__": [], "attendees": [], "tickets": []}
    select_for_includes = {"discount_code": ["discount_code"], "access_code": ["access_code"]}

    def get_parsers(self):
        # every POST here is a checkout body: JSON:API document or the client's plain JSON
        if getattr(self, "request", None) is not None and self.request.method == "POST":
            return [RawJsonApiParser(), PlainJsonParser()]
        return super().get_parsers()

    def get_queryset(self):
        user = self.request.user
        queryset = order_queryset()
        if rules.is_admin(user):
            return queryset
        if not rules.is_authenticated(user):
            return queryset.none()
        return queryset.filter(Q(user=user) | Q(event_id__in=event_ids_granting(user, "order")))

    def lookup_object(self):
        if not hasattr(self, "_looked_up"):
            value = str(self.kwargs["pk"])
            queryset = self.get_queryset()
            order = queryset.filter(pk=int(value)).first() if value.isdigit() else None
            order = order or queryset.filter(identifier=value).first()
            if order is None:
                raise Http404("No such order.")
            self._looked_up = order
        return self._looked_up

    def update(self, request, *args, **kwargs):
        order = self.get_object()
        try:
            sent_id = str(json.loads(request.body or b"{}").get("data", {}).get("id"))
        except (ValueError, AttributeError):
            sent_id = None
        if sent_id in (str(order.pk), order.identifier):
            self.kwargs["pk"] = sent_id  # the client addresses orders by identifier
        return super().update(request, *args, **kwargs)

    # --- checkout ------------------------------------------------------------------------------------
    def create(self, request, *args, **kwargs):
        body, items = order_input(request.data)
        event = self._event_for(request, body, items)
        order = checkout.order_create(
            actor=request.user,
            event=event,
            items=items,
            discount_code=body.get("discount_code"),
            access_code=body.get("access_code"),
            billing=body,
        )
        order = order_queryset().get(pk=order.pk)
        location = request.build_absolute_uri(f"/v1/orders/{order.identifier}")
        return Response(self.get_serializer(order).data, status=status.HTTP_201_CREATED, headers={"Location": location})

    @action(detail=False, methods=["post"], url_path="create-order")
    def create_order(self, request, *args, **kwargs):
        return self.create(request, *args, **kwargs)

    @action(detail=False, methods=["post"], url_path="calculate-amount")
    def calculate_amount(self, request, *args, **kwargs):
        body, items = order_input(request.data)
        event = self._event_for(request, body, items)
        quote = checkout.order_calculate_amount(
            actor=request.user,
            event=event,
            items=items,
            discount_code=body.get("discount_code"),
            access_code=body.get("access_code"),
        )
        self.resource_name = False
        return Response(quote.as_dict())

    def _event_for(self, request, body, items):
        value = body.get("event") or body.get("event_id") or body.get("event_identifier")
        if value is None and items:
            ticket_id = items[0].get("ticket", items[0].get("id"))
            ticket = Ticket.objects.filter(pk=ticket_id).first() if str(ticket_id).isdigit() else None
            if ticket is None:
                raise DomainError("Unknown ticket.", field="tickets")
            value = ticket.event_id
        if value is None:
            raise DomainError("An order needs an event.", field="event")
        return resolve_event(request, value)

    # --- sub-list ------------------------------------------------------------------------------------
    def get_serializer_class(self):
        if self.action == "attendees":
            return AttendeeSerializer
        return super().get_serializer_class()

    @action(detail=True, methods=["get"])
    def attendees(self, request, *args, **kwargs):
        order = self.get_object()
        queryset = self.filter_queryset(attendee_queryset().filter(order=order))
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class OrderListBase(PreloadMixin, JsonApiViewSet):
    serializer_class = OrderSerializer
    filterset_fields = ORDER_FILTERS
    select_for_includes = {"discount_code": ["discount_code"], "access_code": ["access_code"]}


class AttendeeListBase(PreloadMixin, JsonApiViewSet):
    serializer_class = AttendeeSerializer
    filterset_fields = ATTENDEE_FILTERS
    select_for_includes = ATTENDEE_INCLUDES["select"]
    prefetch_for_includes = ATTENDEE_INCLUDES["prefetch"]


class EventOrderViewSet(EventScopedMixin, OrderListBase):
    """`/v1/events/<event_id>/orders`: roles that may read orders (organizer, co-organizer, registrar)."""

    permission_rules = {"list": ("read", "order")}

    def get_queryset(self):
        return order_queryset().filter(event=self.get_event())


class EventAttendeeViewSet(EventScopedMixin, AttendeeListBase):
    """`/v1/events/<event_id>/attendees`: roles that may read attendees (registrars included)."""

    permission_rules = {"list": ("read", "attendee")}

    def get_queryset(self):
        return attendee_queryset().filter(event=self.get_event())


class AttendeeViewSet(PreloadMixin, ObjectEventMixin, JsonApiViewSet):
    """`/v1/attendees/<pk>`: the buyer and the team read; the buyer edits details, the team checks in."""

    serializer_class = AttendeeSerializer
    permission_rules = {
        "retrieve": READ_ATTENDEE,
        "partial_update": any_of("is_user_itself", ("update", "attendee"), "is_registrar"),
    }
    http_method_names = ["get", "patch", "head", "options"]
    services = ServiceSet(update=services.attendee_update)
    select_for_includes = ATTENDEE_INCLUDES["select"]
    prefetch_for_includes = ATTENDEE_INCLUDES["prefetch"]

    def get_queryset(self):
        user = self.request.user
        queryset = attendee_queryset()
        if rules.is_admin(user):
            return queryset
        if not rules.is_authenticated(user):
            return queryset.none()
        return queryset.filter(
            Q(user=user) | Q(order__user=user) | Q(event_id__in=event_ids_granting(user, "attendee"))
        )


class BuyerScopedMixin:
    """`/v1/users/<user_id>/…`: the user themself (and admins) only; anyone else gets 404."""

    permission_rules = {"list": "authenticated"}

    def get_buyer_id(self):
        user = self.request.user
        value = str(self.kwargs["user_id"])
        if not value.isdigit() or not (rules.is_admin(user) or str(user.pk) == value):
            raise Http404("No such user.")
        return int(value)


class UserOrderViewSet(BuyerScopedMixin, OrderListBase):
    """`/v1/users/<user_id>/orders`: the orders a user placed ("my tickets")."""

    def get_queryset(self):
        return order_queryset().filter(user_id=self.get_buyer_id())


class UserAttendeeViewSet(BuyerScopedMixin, AttendeeListBase):
    """`/v1/users/<user_id>/attendees`: the tickets a user holds, across events."""

    def get_queryset(self):
        return attendee_queryset().filter(order__user_id=self.get_buyer_id())
