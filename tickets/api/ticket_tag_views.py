"""`/v1/ticket-tags`, `/v1/events/<event_id>/ticket-tags`, `/v1/tickets/<id>/ticket-tags`: labels on an event's
tickets, read by whoever may see the event, written by its organizer and co-organizers."""

from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet
from tickets.api.base import event_visible_q
from tickets.api.tag_serializers import TicketTagSerializer
from tickets.services import ticket_tags

MANAGERS = "is_coorganizer"


class TicketTagViewSet(EventScopedMixin, JsonApiViewSet):
    serializer_class = TicketTagSerializer
    permission_rules = {"list": "public", "retrieve": "public", "*": MANAGERS}
    trashed_rule = MANAGERS
    services = ServiceSet(
        create=ticket_tags.ticket_tag_create,
        update=ticket_tags.ticket_tag_update,
        delete=ticket_tags.ticket_tag_delete,
    )

    def readable(self, queryset):
        return queryset.filter(event_visible_q(self.request.user))
