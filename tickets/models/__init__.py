"""Ticketing models, split by concept. Import from `tickets.models`."""

from tickets.models.ticket import Ticket

__all__ = ["Ticket"]
