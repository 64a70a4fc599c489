"""Ticketing models, split by concept. Import from `tickets.models`."""

from tickets.models.codes import AccessCode, DiscountCode
from tickets.models.invoice import EventInvoice
from tickets.models.order import Attendee, Order
from tickets.models.station import Station, StationStorePax, UserCheckIn
from tickets.models.stripe import StripeAuthorization
from tickets.models.tag import Tag
from tickets.models.tax import Tax
from tickets.models.ticket import Ticket
from tickets.models.ticket_fee import TicketFee
from tickets.models.ticket_tag import TicketTag

__all__ = [
    "AccessCode",
    "Attendee",
    "DiscountCode",
    "EventInvoice",
    "Order",
    "Station",
    "StationStorePax",
    "StripeAuthorization",
    "Tag",
    "Tax",
    "Ticket",
    "TicketFee",
    "TicketTag",
    "UserCheckIn",
]
