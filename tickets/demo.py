"""Demo tickets for `manage.py load_demo` (registered in TicketsConfig.ready)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from tickets import services

DEMO_TICKETS = [
    {"name": "Community (free)", "type": "free", "quantity": 200, "max_order": 5, "position": 0},
    {"name": "Standard", "type": "paid", "price": Decimal("49.00"), "quantity": 150, "max_order": 5, "position": 1},
    {
        "name": "Supporter (donation)",
        "type": "donation",
        "min_price": Decimal("10.00"),
        "max_price": Decimal("500.00"),
        "quantity": 50,
        "max_order": 2,
        "position": 2,
    },
]


def build_demo_tickets(event, admin):
    """Idempotent: creates the demo tickets (and a discount code on the paid one) once."""
    if event.tickets.exists():
        return
    # on sale from now until the event starts: the Open Event client lists only tickets on sale
    sales = {"sales_starts_at": timezone.now() - timedelta(days=1), "sales_ends_at": event.starts_at}
    tickets = [services.ticket_create(actor=admin, event=event, data={**data, **sales}) for data in DEMO_TICKETS]
    services.discount_code_create(
        actor=admin,
        event=event,
        data={"code": "DEMO10", "type": "percent", "value": Decimal(10), "tickets_number": 50, "tickets": [tickets[1]]},
    )
