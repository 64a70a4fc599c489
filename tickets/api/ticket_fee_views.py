"""`/v1/ticket-fees`: the platform's fees per currency (and country), managed by admins only."""

from eventyay.api.views import JsonApiViewSet, ServiceSet
from tickets.api.billing_serializers import TicketFeeSerializer
from tickets.services import ticket_fees


class TicketFeeViewSet(JsonApiViewSet):
    serializer_class = TicketFeeSerializer
    permission_rules = {"*": "is_admin"}
    services = ServiceSet(
        create=ticket_fees.ticket_fee_create,
        update=ticket_fees.ticket_fee_update,
        delete=ticket_fees.ticket_fee_delete,
    )
