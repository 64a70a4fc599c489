"""`/v1/event-invoices` (admins), `/v1/events/<event_id>/event-invoices` (the event's organizer),
`/v1/users/<id>/event-invoices` (the user's own, through the user's relationship) and `/v1/event-invoices/<id>`
(the event's organizer and the billed user). Admins issue, change and delete invoices."""

from django.db.models import Q

from eventyay.api.permissions import any_of
from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet
from roles.selectors import event_ids_with_role
from tickets.api.billing_serializers import EventInvoiceSerializer
from tickets.services import invoices

READERS = any_of("is_organizer", "is_user_itself")


class EventInvoiceViewSet(EventScopedMixin, JsonApiViewSet):
    serializer_class = EventInvoiceSerializer
    permission_rules = {"list": "is_organizer", "retrieve": READERS, "*": "is_admin"}
    services = ServiceSet(
        create=invoices.event_invoice_create,
        update=invoices.event_invoice_update,
        delete=invoices.event_invoice_delete,
    )

    def readable(self, queryset):
        return self.readable_by_members(
            queryset, lambda user: Q(event_id__in=event_ids_with_role(user, "is_organizer")) | Q(user=user)
        )
