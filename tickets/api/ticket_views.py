from django.db.models import Q
from rest_framework.decorators import action
from rest_framework.response import Response

from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet
from tickets import selectors, services
from tickets.api.base import ObjectEventMixin, PreloadMixin, event_visible_q, is_team
from tickets.api.serializers import TicketSerializer
from tickets.models import AccessCode, Ticket

TICKET_FILTERS = {
    "name": ["exact", "icontains", "in"],
    "type": ["exact", "in"],
    "is_hidden": ["exact"],
    "price": ["exact", "lt", "lte", "gt", "gte"],
    "sales_starts_at": ["lt", "lte", "gt", "gte"],
    "sales_ends_at": ["lt", "lte", "gt", "gte"],
    "position": ["exact", "lt", "gt"],
}


class EventTicketViewSet(PreloadMixin, EventScopedMixin, JsonApiViewSet):
    """`/v1/events/<event_id>/tickets`: the public list of a visible event (hidden tickets only for the team
    or when `?access_code=<code>` unlocks them), and ticket creation by the organizer."""

    serializer_class = TicketSerializer
    permission_rules = {"list": "public", "availability": "public", "create": ("create", "ticket")}
    filterset_fields = TICKET_FILTERS
    extra_query_params = ("access_code",)
    trashed_rule = "is_event_team"
    services = ServiceSet(create=services.ticket_create)
    detail_url_name = "ticket-detail"
    select_for_includes = {"event": ["event"]}

    def get_queryset(self):
        event = self.get_event()
        queryset = self.exclude_trashed(event.tickets.select_related("event"))
        if is_team(self.request.user, event):
            return queryset
        condition = Q(is_hidden=False)
        code = self.request.query_params.get("access_code")
        if code:
            unlocking = AccessCode.objects.alive().filter(event=event, code__iexact=code.strip(), is_active=True)
            condition |= Q(access_codes__in=unlocking)
        return queryset.filter(condition).distinct()

    @action(detail=False, methods=["get"])
    def availability(self, request, *args, **kwargs):
        """Remaining seats per ticket: quantity − sold − reserved (reservations of expired orders excluded)."""
        tickets = self.filter_queryset(self.get_queryset())
        self.resource_name = False
        return Response(selectors.availability(self.get_event(), tickets))


class TicketViewSet(PreloadMixin, ObjectEventMixin, JsonApiViewSet):
    """`/v1/tickets/<pk>`: read as the list does; organizer updates (co-organizers too) and deletes."""

    serializer_class = TicketSerializer
    permission_rules = {
        "retrieve": "public",
        "partial_update": ("update", "ticket"),
        "destroy": ("delete", "ticket"),
    }
    http_method_names = ["get", "patch", "delete", "head", "options"]
    services = ServiceSet(update=services.ticket_update, delete=services.ticket_delete)
    select_for_includes = {"event": ["event"]}
    extra_query_params = ("access_code",)

    def get_queryset(self):
        user = self.request.user
        queryset = Ticket.objects.select_related("event").filter(event_visible_q(user))
        if self.request.query_params.get("get_trashed") != "true":
            queryset = queryset.filter(deleted_at__isnull=True)
        return queryset

    def lookup_object(self):
        ticket = super().lookup_object()
        if ticket.deleted_at is not None and not is_team(self.request.user, ticket.event):
            from django.http import Http404

            raise Http404("Not found.")
        if ticket.is_hidden and not is_team(self.request.user, ticket.event):
            code = self.request.query_params.get("access_code", "")
            if not ticket.access_codes.alive().filter(code__iexact=code.strip(), is_active=True).exists():
                from django.http import Http404

                raise Http404("Not found.")
        return ticket
