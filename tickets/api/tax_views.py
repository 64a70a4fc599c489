"""`/v1/taxes`, `/v1/events/<event_id>/taxes` (and the event's `tax` relationship, `/v1/events/<id>/tax`): an
event's tax. Anyone who may see the event reads its public part (name, rate, whether it is included in prices);
its organizer and co-organizers read the rest and write it."""

from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet
from tickets.api.base import event_visible_q
from tickets.api.billing_serializers import TaxSerializer
from tickets.services import taxes

MANAGERS = "is_coorganizer"


class TaxViewSet(EventScopedMixin, JsonApiViewSet):
    serializer_class = TaxSerializer
    permission_rules = {"list": "public", "retrieve": "public", "*": MANAGERS}
    trashed_rule = MANAGERS
    services = ServiceSet(create=taxes.tax_create, update=taxes.tax_update, delete=taxes.tax_delete)

    def readable(self, queryset):
        return queryset.filter(event_visible_q(self.request.user))

    def annotate(self, queryset):
        return queryset.select_related("event")  # private fields are decided per event
