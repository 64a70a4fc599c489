"""Every state change of the tickets app. Import from `tickets.services`."""

from tickets.services.codes import (
    access_code_create,
    access_code_delete,
    access_code_update,
    discount_code_create,
    discount_code_delete,
    discount_code_update,
)
from tickets.services.stripe import (
    stripe_authorization_create,
    stripe_authorization_delete,
    stripe_authorization_update,
)
from tickets.services.tickets import ticket_create, ticket_delete, ticket_update

__all__ = [
    "access_code_create",
    "access_code_delete",
    "access_code_update",
    "discount_code_create",
    "discount_code_delete",
    "discount_code_update",
    "stripe_authorization_create",
    "stripe_authorization_delete",
    "stripe_authorization_update",
    "ticket_create",
    "ticket_delete",
    "ticket_update",
]

from tickets.services.orders import (  # noqa: E402
    attendee_check_in,
    attendee_delete,
    attendee_update,
    expire_pending_orders,
    order_send_receipt,
    order_update,
)

__all__ += [
    "attendee_check_in",
    "attendee_delete",
    "attendee_update",
    "expire_pending_orders",
    "order_send_receipt",
    "order_update",
]

from tickets.services.payments import order_charge  # noqa: E402

__all__ += ["order_charge"]
