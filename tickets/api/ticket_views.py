from django.db.models import Q
from rest_framework.response import Response

from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet
from roles import permissions as rules
from roles.selectors import event_ids_with_role
from tickets import selectors, services
from tickets.api.base import event_visible_q
from tickets.api.serializers import TicketSerializer
from tickets.models import AccessCode, Ticket


class TicketViewSet(EventScopedMixin, JsonApiViewSet):
    """`/v1/events/<event_id>/tickets`: the public list of a visible event (hidden tickets only for the team
    or when `?access_code=<code>` unlocks them); `POST` there or on `/v1/tickets` (with `relationships.event`)
    by the organizer; `/v1/tickets/<id>` read as the list does, updated by the organizer and co-organizers,
    deleted by the organizer."""

    serializer_class = TicketSerializer
    collection_actions = {"post": "create"}
    permission_rules = {
        "list": "public",
        "availability": "public",
        "retrieve": "public",
        "create": ("create", "ticket"),
        "partial_update": ("update", "ticket"),
        "destroy": ("delete", "ticket"),
    }
    extra_query_params = ("access_code",)
    trashed_rule = "is_event_team"
    services = ServiceSet(create=services.ticket_create, update=services.ticket_update, delete=services.ticket_delete)

    def readable(self, queryset):
        user = self.request.user
        if rules.is_admin(user):
            return queryset
        visible = Q(is_hidden=False)
        if rules.is_authenticated(user):
            visible |= Q(event_id__in=event_ids_with_role(user, "is_event_team"))
        code = self.request.query_params.get("access_code")
        if code:
            unlocking = AccessCode.objects.alive().filter(code__iexact=code.strip(), is_active=True)
            visible |= Q(pk__in=Ticket.objects.filter(access_codes__in=unlocking).values("pk"))
        return queryset.filter(event_visible_q(user)).filter(visible)

    def availability(self, request, *args, **kwargs):
        """Remaining seats per ticket: quantity − sold − reserved (reservations of expired orders excluded)."""
        tickets = self.filter_queryset(self.get_queryset())
        self.resource_name = False
        return Response(selectors.availability(self.get_event(), tickets))
