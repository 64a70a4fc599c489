"""Orders and attendees: checkout endpoints, the buyer's and the team's views."""

import json

from django.db.models import Q
from django.utils import timezone
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ParseError
from rest_framework.response import Response

from events.selectors import find_event
from eventyay.api import computed, fast_render
from eventyay.api.permissions import any_of
from eventyay.api.renderers import JsonApiRenderer
from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet, visible_or_404
from eventyay.errors import DomainError
from roles import permissions as rules
from roles.selectors import event_ids_granting
from tickets import checkout, services
from tickets.api.base import BuyerScopedMixin
from tickets.api.parsers import PlainJsonParser, RawJsonApiParser
from tickets.api.serializers import AttendeeSerializer, OrderSerializer
from tickets.models import Attendee, Order

READ_ORDER = any_of("is_user_itself", ("read", "order"))
READ_ATTENDEE = any_of("is_buyer", ("read", "attendee"))


class JsonApiAsPlainJsonRenderer(JsonApiRenderer):
    """The same document, served as `application/json` to clients that ask for it."""

    media_type = "application/json"
    format = "json"


def order_queryset():
    return Order.objects.select_related("event")


def attendee_queryset():
    return Attendee.objects.select_related("order", "ticket", "event")


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


def _on_site_ticket(entry):
    """`{"data": {"type": "on-site-ticket", "attributes": {"id": "1", "quantity": "2"}}}` → `{id, quantity}`."""
    data = entry.get("data") if isinstance(entry, dict) and isinstance(entry.get("data"), dict) else entry
    attributes = data.get("attributes") if isinstance(data, dict) else None
    if not isinstance(attributes, dict):
        raise DomainError("on-site-tickets must be a list of on-site-ticket resources.", field="on_site_tickets")
    quantity = attributes.get("quantity")
    if isinstance(quantity, str) and quantity.isdigit():
        quantity = int(quantity)
    return {"id": attributes.get("id"), "quantity": quantity}


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
        if not isinstance(body, dict) or not isinstance(relationships, dict):
            raise ParseError("attributes and relationships must be JSON objects.")
        for name in ("event", "discount_code", "access_code"):
            rel_id = _relationship_id(relationships, name)
            if rel_id is not None:
                body.setdefault(name, rel_id)
    else:
        body = _undash(document)
    tickets = body.get("tickets")
    if tickets is None and isinstance(body.get("on_site_tickets"), list):
        tickets = [_on_site_ticket(entry) for entry in body["on_site_tickets"]]
    if not isinstance(tickets, list):
        raise DomainError("tickets must be a list of {id, quantity}.", field="tickets")
    items = []
    for entry in tickets:
        entry = _undash(entry)
        if not isinstance(entry, dict):
            raise DomainError("tickets must be a list of {id, quantity}.", field="tickets")
        items.append({**entry, "attendees": [_undash(a) for a in entry.get("attendees") or []]})
    return body, items


class OrderViewSet(EventScopedMixin, JsonApiViewSet):
    """`POST /v1/orders` and `/v1/orders/create-order` place an order (create-order, the client's checkout, starts
    it `initializing` until the buyer submits the attendee details); `/v1/orders/calculate-amount` quotes one;
    `/v1/orders/<id|identifier>` is visible to the buyer and to roles that may read the event's orders;
    `/v1/events/<event_id>/orders` lists an event's orders for those roles (organizer, co-organizer, registrar)."""

    serializer_class = OrderSerializer
    collection_actions = {"get": "list", "post": "create"}
    nested_actions = {"get": "list"}
    detail_actions = {"get": "retrieve", "patch": "partial_update"}
    permission_rules = {
        "list": ("read", "order"),
        "create": "authenticated",
        "create_order": "authenticated",
        "calculate_amount": "public",
        "verify": READ_ORDER,
        "retrieve": READ_ORDER,
        "partial_update": any_of("is_user_itself", ("update", "order")),
        "charge": any_of("is_user_itself", ("update", "order")),
    }
    http_method_names = ["get", "post", "patch", "head", "options"]
    services = ServiceSet(update=services.order_update)
    plain_json_actions = ("create_order", "calculate_amount")

    def get_parsers(self):
        # every POST here is a checkout body: JSON:API document or the client's plain JSON
        if getattr(self, "request", None) is not None and self.request.method == "POST":
            return [RawJsonApiParser(), PlainJsonParser()]
        return super().get_parsers()

    def get_renderers(self):
        # the Open Event client asks the checkout routes for `Accept: application/json`
        renderers = super().get_renderers()
        if getattr(self, "action", None) in ("create_order", "calculate_amount"):
            renderers.append(JsonApiAsPlainJsonRenderer())
        return renderers

    def get_permission_event(self, obj=None):
        if obj is not None:
            return obj.event
        return self.get_event() if (self.is_nested() or self.related_parent is not None) else None

    def annotate(self, queryset):
        return queryset.select_related("event")

    def readable(self, queryset):
        return self.readable_by_members(
            queryset, lambda user: Q(user=user) | Q(event_id__in=event_ids_granting(user, "order"))
        )

    def find_object(self, queryset, value):
        value = str(value)
        order = queryset.filter(pk=int(value)).first() if value.isdigit() else None
        return order or queryset.filter(identifier=value).first()

    def get_object(self):
        order = super().get_object()
        if (
            getattr(self, "action", None) == "retrieve"
            and order.status in Order.HELD_STATUSES
            and order.expires_at is not None
            and order.expires_at <= timezone.now()
        ):
            # read as the beat job would have left it: an abandoned order shows expired (its seats are free)
            checkout.release_overdue_orders(order_ids=[order.pk])
            order = self.reread(order)
        return order

    def update(self, request, *args, **kwargs):
        order = self.get_object()
        try:
            sent_id = str(json.loads(request.body or b"{}").get("data", {}).get("id"))
        except (ValueError, AttributeError):
            sent_id = None
        if sent_id in (str(order.pk), order.identifier):
            self.kwargs["pk"] = sent_id  # the client addresses orders by identifier
        return super().update(request, *args, **kwargs)

    def location_for(self, instance):
        return self.request.build_absolute_uri(f"/v1/orders/{instance.identifier}")

    # --- payment -------------------------------------------------------------------------------------
    @action(detail=True, methods=["post"], url_path="charge", url_name="charge")
    def charge(self, request, *args, **kwargs):
        """`POST /v1/orders/<id|identifier>/charge` with `{"data": {"type": "charge", "attributes": {"stripe":
        token}}}`: the configured provider takes the payment; the order is then completed."""
        order = self.get_object()
        document = request.data if isinstance(request.data, dict) else {}
        data = document.get("data") if isinstance(document.get("data"), dict) else document
        if data.get("type") not in (None, "charge"):
            raise DomainError("The resource type must be 'charge'.", status=409, code="conflict")
        credentials = _undash(data.get("attributes") if "attributes" in data else data)
        if not isinstance(credentials, dict):
            raise DomainError("The charge attributes must be an object.", field="stripe")
        order, result = services.order_charge(actor=request.user, instance=order, credentials=credentials)
        self.resource_name = False
        return Response(
            computed.resource(
                "charge",
                order.pk,
                {"message": result.message or "Payment completed.", "status": True},
                request.path,
            )
        )

    # --- checkout ------------------------------------------------------------------------------------
    def create(self, request, *args, **kwargs):
        body, items = order_input(request.data)
        event = self._event_for(request, body, items)
        if request.query_params.get("onsite") == "true" and not rules.has_access(
            request.user, "is_registrar", event=event
        ):
            raise DomainError("Only the event's desk staff place on-site orders.", status=403, code="permission_denied")
        order = checkout.order_create(
            actor=request.user,
            event=event,
            items=items,
            discount_code=body.get("discount_code"),
            access_code=body.get("access_code"),
            billing=body,
            # the client's two-step checkout: the order holds its seats while the buyer fills in the attendee
            # form, then PATCHes it on (the event team's own orders skip that step, as on the Open Event Server)
            initializing=self.action == "create_order" and not rules.can(request.user, "update", "order", event),
        )
        # the order in memory is what was written (every value set in Python), its attendees too (the buyer's own)
        order = self.prefetched(order, known={"attendees": order.placed_attendees})
        context = {**self.get_serializer_context(), "just_written": True}
        return Response(
            fast_render.defer(self.get_serializer_class()(order, context=context)),
            status=status.HTTP_201_CREATED,
            headers={"Location": self.location_for(order)},
        )

    @action(detail=False, methods=["post"], url_path="create-order", url_name="create-order")
    def create_order(self, request, *args, **kwargs):
        return self.create(request, *args, **kwargs)

    @action(detail=False, methods=["post"], url_path="calculate-amount", url_name="calculate-amount")
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

    @action(detail=True, methods=["post"], url_path="verify", url_name="verify")
    def verify(self, request, *args, **kwargs):
        """`POST /v1/orders/<identifier>/verify` → `{"status": …}`: the Open Event Server confirms a Stripe payment
        here; the client posts it on every order page it opens (and ignores the answer). No payment here needs
        an outside provider's confirmation, so the order is left as it is."""
        order = self.get_object()
        self.resource_name = False
        return Response({"status": order.status})

    def _event_for(self, request, body, items):
        """The order's event as the buyer may see it (else 404), in one query with what the checkout asks of it
        (`checkout.events_for_checkout`): named in the body, else the first ticket's."""
        value = body.get("event") or body.get("event_id") or body.get("event_identifier")
        if value is not None:
            event = find_event(checkout.events_for_checkout(request.user), value)
        elif items:
            ticket_id = items[0].get("ticket", items[0].get("id"))
            event = checkout.event_of_ticket(request.user, int(ticket_id)) if str(ticket_id).isdigit() else None
            if event is None:
                raise DomainError("Unknown ticket.", field="tickets")
        else:
            raise DomainError("An order needs an event.", field="event")
        rules.note_roles_loaded(request.user, event)
        return visible_or_404(request, event)


class AttendeeViewSet(EventScopedMixin, JsonApiViewSet):
    """`/v1/events/<event_id>/attendees` (roles that may read attendees, registrars included) and
    `/v1/attendees/<id>`: the buyer and the team read; the buyer edits details, the team checks in."""

    serializer_class = AttendeeSerializer
    collection_actions = {}
    nested_actions = {"get": "list"}
    detail_actions = {"get": "retrieve", "patch": "partial_update", "delete": "destroy"}
    permission_rules = {
        "list": ("read", "attendee"),
        "retrieve": READ_ATTENDEE,
        "partial_update": any_of("is_buyer", ("update", "attendee"), "is_registrar"),
        "destroy": ("delete", "attendee"),
    }
    http_method_names = ["get", "patch", "delete", "head", "options"]
    services = ServiceSet(update=services.attendee_update, delete=services.attendee_delete)

    def get_permission_event(self, obj=None):
        if obj is not None:
            return obj.event
        return self.get_event() if (self.is_nested() or self.related_parent is not None) else None

    def annotate(self, queryset):
        return queryset.select_related("order", "event")

    def readable(self, queryset):
        return self.readable_by_members(
            queryset,
            lambda user: Q(user=user) | Q(order__user=user) | Q(event_id__in=event_ids_granting(user, "attendee")),
        )


class UserOrderViewSet(BuyerScopedMixin, OrderViewSet):
    """`/v1/users/<user_id>/orders`: the orders a user placed ("my tickets")."""

    def scoped_queryset(self):
        return order_queryset().filter(user_id=self.get_buyer_id())


class UserAttendeeViewSet(BuyerScopedMixin, AttendeeViewSet):
    """`/v1/users/<user_id>/attendees`: the tickets a user holds, across events."""

    def scoped_queryset(self):
        return attendee_queryset().filter(order__user_id=self.get_buyer_id())
