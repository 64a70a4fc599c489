"""Ticketing models, split by concept. Import from `tickets.models`."""

from tickets.models.codes import AccessCode, DiscountCode
from tickets.models.order import Attendee, Order
from tickets.models.stripe import StripeAuthorization
from tickets.models.ticket import Ticket

__all__ = ["AccessCode", "Attendee", "DiscountCode", "Order", "StripeAuthorization", "Ticket"]
