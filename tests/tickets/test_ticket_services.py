from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from eventyay.errors import DomainError
from tests.factories import EventFactory, TicketFactory, UserFactory
from tickets import services
from tickets.checkout import order_create
from tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory()


def paid(**extra):
    return {"name": "Standard", "type": "paid", "price": Decimal("25.00"), "quantity": 50, **extra}


def test_ticket_create_paid_ticket_is_saved(event):
    ticket = services.ticket_create(actor=None, event=event, data=paid(description="<p>ok</p><script>x</script>"))
    ticket.refresh_from_db()
    assert (ticket.type, ticket.price, ticket.quantity, ticket.description) == (
        "paid",
        Decimal("25.00"),
        50,
        "<p>ok</p>",
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (paid(price=0), "price"),
        (paid(price=None), "price"),
        (paid(name="  "), "name"),
        (paid(quantity=0), "quantity"),
        (paid(min_order=5, max_order=2), "max_order"),
        (paid(max_order=60), "max_order"),
        (paid(min_order=0), "min_order"),
        ({"name": "Free", "type": "free", "price": 5}, "price"),
        ({"name": "Give", "type": "donation", "min_price": 10, "max_price": 5}, "max_price"),
        ({"name": "Give", "type": "donation", "min_price": 1}, "max_price"),
        ({"name": "Odd", "type": "vip"}, "type"),
    ],
)
def test_ticket_create_rejects_broken_rules_with_field(event, data, field):
    with pytest.raises(DomainError) as caught:
        services.ticket_create(actor=None, event=event, data=data)
    assert caught.value.field == field
    assert Ticket.objects.count() == 0


def test_ticket_create_sales_window_must_be_ordered_and_before_event_end(event):
    now = timezone.now()
    with pytest.raises(DomainError) as caught:
        services.ticket_create(
            actor=None, event=event, data=paid(sales_starts_at=now + timedelta(days=2), sales_ends_at=now)
        )
    assert caught.value.field == "sales_ends_at"
    with pytest.raises(DomainError) as caught:
        services.ticket_create(actor=None, event=event, data=paid(sales_ends_at=event.ends_at + timedelta(hours=1)))
    assert caught.value.field == "sales_ends_at"


def test_ticket_create_free_and_donation_prices(event):
    free = services.ticket_create(actor=None, event=event, data={"name": "Free", "type": "free"})
    donation = services.ticket_create(
        actor=None, event=event, data={"name": "Give", "type": "donation", "min_price": 5, "max_price": 50}
    )
    assert (free.price, donation.price, donation.min_price, donation.max_price) == (0, 0, 5, 50)


def test_ticket_update_cannot_drop_quantity_below_seats_taken(event):
    ticket = TicketFactory(event=event, quantity=10)
    order_create(actor=UserFactory(), event=event, items=[{"ticket": ticket.pk, "quantity": 3}])
    with pytest.raises(DomainError) as caught:
        services.ticket_update(actor=None, instance=ticket, data={"quantity": 2, "max_order": 2})
    assert caught.value.field == "quantity"
    assert services.ticket_update(actor=None, instance=ticket, data={"quantity": 3, "max_order": 3}).quantity == 3


def test_ticket_delete_refuses_a_ticket_with_sales(event):
    ticket = TicketFactory(event=event)
    order_create(actor=UserFactory(), event=event, items=[{"ticket": ticket.pk, "quantity": 1}])
    with pytest.raises(DomainError) as caught:
        services.ticket_delete(actor=None, instance=ticket)
    assert caught.value.status == 409
    ticket.refresh_from_db()
    assert ticket.deleted_at is None


def test_ticket_delete_soft_deletes_unsold_ticket(event):
    ticket = TicketFactory(event=event)
    services.ticket_delete(actor=None, instance=ticket)
    ticket.refresh_from_db()
    assert ticket.deleted_at is not None
    services.ticket_delete(actor=None, instance=ticket, permanent=True)
    assert not Ticket.objects.filter(pk=ticket.pk).exists()
