"""A lived-in event for the dashboard's tests and screenshots: tickets, orders over ten days in every state,
checked-in attendees, codes, a programme with speakers, a team and a pending invite. Writes go through the
services (checkout, codes, invites, content) where they exist; only the orders' dates are moved back."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from events.content_services import session_create, speaker_create, track_create
from roles.invites import role_invite_create
from tests.factories import UserFactory
from tickets import checkout, services
from tickets.models import Attendee, Order

NAMES = [
    ("Ada", "Lovelace"), ("Grace", "Hopper"), ("Linus", "Torvalds"), ("Margaret", "Hamilton"), ("Alan", "Turing"),
    ("Barbara", "Liskov"), ("Ken", "Thompson"), ("Radia", "Perlman"), ("Guido", "van Rossum"), ("Frances", "Allen"),
    ("Dennis", "Ritchie"), ("Katherine", "Johnson"),
]  # fmt: skip


def seed_event(event, organizer):
    """Fill `event` (organized by `organizer`); returns a dict of what was made."""
    tickets = [
        services.ticket_create(actor=organizer, event=event, data=data)
        for data in (
            {"name": "Community", "type": "free", "quantity": 40, "max_order": 5, "position": 0},
            {"name": "Standard", "type": "paid", "price": Decimal("49"), "quantity": 30, "max_order": 5, "position": 1},
            {"name": "Supporter", "type": "donation", "min_price": Decimal("10"), "max_price": Decimal("500"),
             "quantity": 10, "max_order": 2, "position": 2},
        )
    ]  # fmt: skip
    community, standard, supporter = tickets
    now = timezone.now()
    orders = []
    for index, (first, last) in enumerate(NAMES):
        ticket = (community, standard, supporter)[index % 3]
        buyer = UserFactory(email=f"{first.lower()}@example.org", first_name=first, last_name=last)
        attendee = {"firstname": first, "lastname": last, "email": buyer.email}
        item = {"id": ticket.pk, "quantity": 1 + index % 2, "attendees": [attendee]}
        if ticket.type == "donation":
            item["price"] = "25"
        order = checkout.order_create(actor=buyer, event=event, items=[item])
        if order.status == Order.Status.PENDING and index % 4 != 1:
            order = services.order_update(actor=organizer, instance=order, data={"status": "completed"})
        Order.objects.filter(pk=order.pk).update(created_at=now - timedelta(days=9 - index % 10, hours=index))
        orders.append(order)
    services.order_update(actor=organizer, instance=orders[3], data={"status": "cancelled"})
    for attendee in Attendee.objects.filter(event=event, order__status="completed").order_by("pk")[:4]:
        services.attendee_check_in(actor=organizer, instance=attendee, checked_in=True)
    services.discount_code_create(
        actor=organizer,
        event=event,
        data={"code": "EARLY10", "type": "percent", "value": Decimal(10), "tickets_number": 25, "tickets": [standard]},
    )
    services.access_code_create(
        actor=organizer, event=event, data={"code": "SPEAKERS", "tickets_number": 10, "tickets": [community]}
    )
    track = track_create(actor=organizer, event=event, data={"name": "Python", "color": "#3572A5"})
    speakers = [
        speaker_create(actor=organizer, event=event, data={"name": name, "email": f"speaker{i}@example.org"})
        for i, name in enumerate(("Mariatta", "Łukasz Langa", "Carol Willing"))
    ]
    sessions = []
    for title, state, who in (
        ("Async all the way down", "pending", speakers[:1]),
        ("Typing in practice", "accepted", speakers[1:2]),
        ("Community and governance", "pending", speakers[1:]),
        ("A rejected talk", "rejected", speakers[2:]),
    ):
        sessions.append(
            session_create(
                actor=organizer,
                event=event,
                data={"title": title, "state": state, "track": track, "speakers": who, "short_abstract": "<p>Hi.</p>"},
            )
        )
    invite = role_invite_create(
        actor=organizer, event=event, data={"email": "new.helper@example.org", "role_name": "registrar"}
    )
    return {"tickets": tickets, "orders": orders, "sessions": sessions, "speakers": speakers, "invite": invite}
