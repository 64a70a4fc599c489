"""Discount codes (seed 001/002) and access codes."""

from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from rest_framework.decorators import action
from rest_framework.exceptions import ParseError, PermissionDenied
from rest_framework.response import Response

from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet
from eventyay.errors import DomainError
from roles import permissions as rules
from tickets import services
from tickets.api.base import ObjectEventMixin, PreloadMixin
from tickets.api.parsers import RawJsonApiParser
from tickets.api.serializers import AccessCodeSerializer, DiscountCodeSerializer, TicketSerializer
from tickets.api.ticket_views import TICKET_FILTERS
from tickets.models import AccessCode, DiscountCode, Ticket

CODE_FILTERS = {
    "code": ["exact", "iexact", "icontains"],
    "is_active": ["exact"],
    "valid_from": ["lt", "lte", "gt", "gte"],
    "valid_till": ["lt", "lte", "gt", "gte"],
}
MANAGERS = "is_coorganizer"  # ticket-level codes: organizer and co-organizer (and admins)


def _live_tickets():
    tickets = Ticket.objects.filter(deleted_at__isnull=True).select_related("event")
    return Prefetch("tickets", queryset=tickets, to_attr="_live_tickets")


class CodeQuerysetMixin:
    model = None

    def base_queryset(self, queryset):
        return queryset.select_related("event", "marketer").prefetch_related(_live_tickets())

    def managed_codes(self):
        user = self.request.user
        queryset = self.base_queryset(self.model.objects.all())
        if self.request.query_params.get("get_trashed") != "true":
            queryset = queryset.filter(deleted_at__isnull=True)
        if rules.is_admin(user):
            return queryset
        if not rules.is_authenticated(user):
            return queryset.none()
        from roles.models import UsersEventsRoles

        managed = UsersEventsRoles.objects.filter(user=user, role__name__in=("organizer", "coorganizer"))
        queryset = queryset.filter(event_id__in=managed.values("event_id"))
        if self.model is DiscountCode:
            queryset = queryset.filter(used_for=DiscountCode.UsedFor.TICKET)
        return queryset


class EventDiscountCodeListViewSet(PreloadMixin, CodeQuerysetMixin, EventScopedMixin, JsonApiViewSet):
    """`/v1/events/<event_id>/discount-codes`: every code of the event (the event-level one included)."""

    model = DiscountCode
    serializer_class = DiscountCodeSerializer
    permission_rules = {"list": MANAGERS, "create": MANAGERS}
    filterset_fields = {**CODE_FILTERS, "used_for": ["exact"], "type": ["exact"]}
    trashed_rule = MANAGERS
    services = ServiceSet(create=services.discount_code_create)
    detail_url_name = "discount-code-detail"

    def get_queryset(self):
        return self.exclude_trashed(self.base_queryset(self.get_event().discount_codes.all()))

    def perform_create(self, serializer):
        used_for = services.codes.normalize_used_for(serializer.validated_data.get("used_for", "ticket"))
        if used_for == DiscountCode.UsedFor.EVENT and not rules.is_admin(self.request.user):
            raise PermissionDenied("Only admins manage the event-level discount code.")
        super().perform_create(serializer)


class EventLevelDiscountCodeViewSet(PreloadMixin, EventScopedMixin, JsonApiViewSet):
    """`/v1/events/<event_id>/discount-code`: the one event-level code of the event (admins only)."""

    serializer_class = DiscountCodeSerializer
    permission_rules = {"*": "is_admin"}
    lookup_url_kwarg = "code_pk"
    detail_url_name = "discount-code-detail"
    services = ServiceSet(create=services.discount_code_create, update=services.discount_code_update)

    def get_queryset(self):
        return self.get_event().discount_codes.alive().filter(used_for=DiscountCode.UsedFor.EVENT)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        code = self.get_queryset().first()
        self.kwargs["code_pk"] = str(code.pk) if code else ""

    def get_object(self):
        code = self.get_queryset().prefetch_related(_live_tickets()).first()
        if code is None:
            raise Http404("This event has no event-level discount code.")
        self.check_object_permissions(self.request, code)
        return code

    def perform_create(self, serializer):
        serializer.validated_data["used_for"] = DiscountCode.UsedFor.EVENT
        super().perform_create(serializer)


class DiscountCodeLookupViewSet(PreloadMixin, EventScopedMixin, JsonApiViewSet):
    """`GET /v1/events/<event_id>/discount-codes/<code>`: the public lookup a buyer makes (case-insensitive)."""

    serializer_class = DiscountCodeSerializer
    permission_rules = {"retrieve": "public"}
    lookup_url_kwarg = "code"

    def get_queryset(self):
        return self.get_event().discount_codes.alive().filter(used_for=DiscountCode.UsedFor.TICKET)

    def get_object(self):
        code = self.get_queryset().filter(code__iexact=self.kwargs["code"]).prefetch_related(_live_tickets()).first()
        if code is None:
            raise Http404("No such discount code.")
        return code


class CodeDetailMixin(CodeQuerysetMixin, ObjectEventMixin):
    filterset_fields = TICKET_FILTERS  # the `/tickets` sub-list filters tickets

    def get_queryset(self):
        return self.managed_codes()

    def get_serializer_class(self):
        if self.action == "tickets":
            return TicketSerializer
        return super().get_serializer_class()

    @action(detail=True, methods=["get"])
    def tickets(self, request, *args, **kwargs):
        code = self.get_object()
        queryset = self.filter_queryset(code.tickets.filter(deleted_at__isnull=True).select_related("event"))
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class DiscountCodeViewSet(PreloadMixin, CodeDetailMixin, JsonApiViewSet):
    """`/v1/discount-codes/<pk>`: ticket codes for the event's organizer/co-organizer; event-level ones for
    admins. `/tickets` lists its tickets; `/relationships/tickets` reads or replaces the set."""

    model = DiscountCode
    serializer_class = DiscountCodeSerializer
    permission_rules = {"*": MANAGERS}
    http_method_names = ["get", "patch", "delete", "head", "options"]
    services = ServiceSet(update=services.discount_code_update, delete=services.discount_code_delete)

    def get_parsers(self):
        request = getattr(self, "request", None)
        if request is not None and self.action_map.get(request.method.lower()) == "relationships_tickets":
            return [RawJsonApiParser()]  # a resource-identifier document, not a resource object
        return super().get_parsers()

    @action(detail=True, methods=["get", "patch"], url_path="relationships/tickets")
    def relationships_tickets(self, request, *args, **kwargs):
        code = self.get_object()
        if request.method == "PATCH":
            with transaction.atomic():
                code = self.get_locked_object()
                self.check_if_match(code)
                services.discount_code_set_tickets(
                    actor=request.user, instance=code, tickets=self._tickets_from(request.data, code)
                )
            code = DiscountCode.objects.get(pk=code.pk)
        self.resource_name = False
        data = [
            {"type": "ticket", "id": str(pk)} for pk in code.tickets.alive().order_by("pk").values_list("pk", flat=True)
        ]
        link = request.build_absolute_uri(request.path)
        return Response({"data": data, "links": {"self": link}, "jsonapi": {"version": "1.0"}})

    def _tickets_from(self, document, code):
        data = document.get("data") if isinstance(document, dict) else None
        if not isinstance(data, list):
            raise ParseError("A to-many relationship document needs a data list.")
        ids = []
        for item in data:
            if not isinstance(item, dict) or item.get("type") != "ticket" or not str(item.get("id", "")).isdigit():
                raise ParseError("Every resource identifier must be {'type': 'ticket', 'id': <id>}.")
            ids.append(int(item["id"]))
        tickets = list(Ticket.objects.filter(pk__in=ids, event=code.event, deleted_at__isnull=True))
        if len(tickets) != len(set(ids)):
            raise DomainError("Every ticket must belong to the code's event.", field="tickets", status=422)
        return tickets


class EventAccessCodeListViewSet(PreloadMixin, CodeQuerysetMixin, EventScopedMixin, JsonApiViewSet):
    """`/v1/events/<event_id>/access-codes`."""

    model = AccessCode
    serializer_class = AccessCodeSerializer
    permission_rules = {"list": MANAGERS, "create": MANAGERS}
    filterset_fields = CODE_FILTERS
    trashed_rule = MANAGERS
    services = ServiceSet(create=services.access_code_create)
    detail_url_name = "access-code-detail"

    def get_queryset(self):
        return self.exclude_trashed(self.base_queryset(self.get_event().access_codes.all()))


class AccessCodeLookupViewSet(PreloadMixin, EventScopedMixin, JsonApiViewSet):
    """`GET /v1/events/<event_id>/access-codes/<code>`: a buyer unlocks hidden tickets (include=tickets)."""

    serializer_class = AccessCodeSerializer
    permission_rules = {"retrieve": "public"}
    lookup_url_kwarg = "code"

    def get_object(self):
        code = (
            self.get_event()
            .access_codes.alive()
            .filter(code__iexact=self.kwargs["code"], is_active=True)
            .prefetch_related(_live_tickets())
            .first()
        )
        if code is None:
            raise Http404("No such access code.")
        return code


class AccessCodeViewSet(PreloadMixin, CodeDetailMixin, JsonApiViewSet):
    """`/v1/access-codes/<pk>` (+ `/tickets`)."""

    model = AccessCode
    serializer_class = AccessCodeSerializer
    permission_rules = {"*": MANAGERS}
    http_method_names = ["get", "patch", "delete", "head", "options"]
    services = ServiceSet(update=services.access_code_update, delete=services.access_code_delete)
