"""Demo tickets for `manage.py load_demo` (registered in TicketsConfig.ready)."""

from decimal import Decimal

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
    tickets = [services.ticket_create(actor=admin, event=event, data=data) for data in DEMO_TICKETS]
    services.discount_code_create(
        actor=admin,
        event=event,
        data={"code": "DEMO10", "type": "percent", "value": Decimal(10), "tickets_number": 50, "tickets": [tickets[1]]},
    )
