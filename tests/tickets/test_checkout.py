"""The order service: validation, amounts, inventory and code limits (SQLite or PostgreSQL)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from eventyay.errors import DomainError
from tests.factories import AccessCodeFactory, DiscountCodeFactory, TicketFactory, UserFactory
from tickets import services
from tickets.checkout import order_calculate_amount, order_create
from tickets.models import Attendee, Order

pytestmark = pytest.mark.django_db


def buy(event, ticket, quantity=1, **kwargs):
    return order_create(actor=UserFactory(), event=event, items=[{"ticket": ticket.pk, "quantity": quantity}], **kwargs)


def test_order_free_completes_at_once_with_one_seat_per_attendee(event, ticket):
    order = buy(event, ticket, 3)
    assert (order.status, order.amount, order.expires_at) == ("completed", 0, None)
    assert sorted(order.attendees.values_list("seat", flat=True)) == [1, 2, 3]


def test_order_paid_stays_pending_until_it_expires(event, paid_ticket, settings):
    settings.PAID_ORDER_EXPIRY_MINUTES = 15
    order = buy(event, paid_ticket, 2)
    assert (order.status, order.amount) == ("pending", Decimal("40.00"))
    assert timedelta(minutes=14) < order.expires_at - timezone.now() <= timedelta(minutes=15)


def test_order_never_oversells(event):
    ticket = TicketFactory(event=event, quantity=3, max_order=3)
    buy(event, ticket, 2)
    with pytest.raises(DomainError) as caught:
        buy(event, ticket, 2)
    assert (caught.value.status, caught.value.code) == (409, "sold_out")
    buy(event, ticket, 1)
    with pytest.raises(DomainError):
        buy(event, ticket, 1)
    assert Attendee.objects.filter(ticket=ticket, seat__isnull=False).count() == 3


def test_order_expired_pending_orders_do_not_hold_seats(event, paid_ticket):
    paid_ticket.quantity = 2
    paid_ticket.max_order = 2
    paid_ticket.save()
    stale = buy(event, paid_ticket, 2)
    Order.objects.filter(pk=stale.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    fresh = buy(event, paid_ticket, 2)
    stale.refresh_from_db()
    assert stale.status == "expired"
    assert list(stale.attendees.values_list("seat", flat=True)) == [None, None]
    assert sorted(fresh.attendees.values_list("seat", flat=True)) == [1, 2]


def test_expire_pending_orders_task_releases_seats(event, paid_ticket):
    from tickets.tasks import expire_pending_orders

    order = buy(event, paid_ticket, 1)
    live = buy(event, paid_ticket, 1)
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert expire_pending_orders.delay().get() == 1
    order.refresh_from_db()
    live.refresh_from_db()
    assert (order.status, live.status) == ("expired", "pending")
    assert order.attendees.get().seat is None


@pytest.mark.parametrize(
    ("changes", "quantity", "code"),
    [
        ({"sales_starts_at": timezone.now() + timedelta(days=1)}, 1, "sales_closed"),
        ({"sales_ends_at": timezone.now() - timedelta(minutes=1)}, 1, "sales_closed"),
        ({"min_order": 2}, 1, "invalid"),
        ({"max_order": 2}, 3, "invalid"),
    ],
)
def test_order_respects_sales_window_and_order_limits(event, ticket, changes, quantity, code):
    for field, value in changes.items():
        setattr(ticket, field, value)
    ticket.save()
    with pytest.raises(DomainError) as caught:
        buy(event, ticket, quantity)
    assert caught.value.code == code
    assert Order.objects.count() == 0


def test_order_hidden_ticket_needs_an_access_code(event):
    hidden = TicketFactory(event=event, is_hidden=True)
    with pytest.raises(DomainError):
        buy(event, hidden)
    code = AccessCodeFactory(event=event, code="vip", tickets_number=1)
    code.tickets.add(hidden)
    order = buy(event, hidden, access_code="VIP")
    assert order.access_code == code
    with pytest.raises(DomainError) as caught:
        buy(event, hidden, access_code="vip")
    assert caught.value.code == "code_used_up"


def test_order_discount_percent_and_amount_per_ticket(event, paid_ticket):
    percent = DiscountCodeFactory(event=event, code="HALF", type="percent", value=50)
    paid_ticket.discount_code = percent
    paid_ticket.save()
    other = TicketFactory(event=event, type="paid", price=10)
    order = order_create(
        actor=UserFactory(),
        event=event,
        items=[{"ticket": paid_ticket.pk, "quantity": 2}, {"ticket": other.pk, "quantity": 1}],
        discount_code="half",
    )
    assert order.amount == Decimal("30.00")  # 2 × (20 − 10) + 10: the code applies to its ticket only
    assert order.attendees.filter(discount_code=percent).count() == 2
    amount = DiscountCodeFactory(event=event, code="FIVE", type="amount", value=5)
    other.discount_code = amount
    other.save()
    quote = order_calculate_amount(event=event, items=[{"id": other.pk, "quantity": 3}], discount_code="five")
    assert (quote.sub_total, quote.discount, quote.total) == (Decimal("30.00"), Decimal("15.00"), Decimal("15.00"))


def test_order_discount_min_max_quantity_are_enforced(event, paid_ticket):
    code = DiscountCodeFactory(event=event, code="GROUP", min_quantity=2, max_quantity=3)
    paid_ticket.discount_code = code
    paid_ticket.save()
    for quantity in (1, 4):
        with pytest.raises(DomainError) as caught:
            buy(event, paid_ticket, quantity, discount_code="GROUP")
        assert caught.value.field == "discount_code"
    assert buy(event, paid_ticket, 2, discount_code="GROUP").discount_code == code


def test_order_discount_usage_counts_seats_not_orders(event, paid_ticket):
    code = DiscountCodeFactory(event=event, code="THREE", tickets_number=3, max_quantity=3)
    paid_ticket.discount_code = code
    paid_ticket.save()
    buy(event, paid_ticket, 2, discount_code="THREE")
    with pytest.raises(DomainError) as caught:
        buy(event, paid_ticket, 2, discount_code="THREE")
    assert caught.value.code == "code_used_up"
    buy(event, paid_ticket, 1, discount_code="THREE")
    assert Attendee.objects.filter(discount_code=code).count() == 3


def test_order_discount_code_inactive_expired_or_foreign_is_rejected(event, paid_ticket):
    inactive = DiscountCodeFactory(event=event, code="OFF", is_active=False)
    expired = DiscountCodeFactory(event=event, code="OLD", valid_till=timezone.now() - timedelta(days=1))
    unrelated = DiscountCodeFactory(event=event, code="ELSEWHERE")
    paid_ticket.discount_code = inactive
    paid_ticket.save()
    for text, code in (
        ("OFF", "inactive_code"),
        ("OLD", "code_expired"),
        ("ELSEWHERE", "invalid"),
        ("NOPE", "invalid_code"),
    ):
        with pytest.raises(DomainError) as caught:
            buy(event, paid_ticket, 1, discount_code=text)
        assert caught.value.code == code, text
    assert unrelated.pk and expired.pk


def test_order_released_seats_free_discount_redemptions(event, paid_ticket):
    code = DiscountCodeFactory(event=event, code="ONE", tickets_number=1)
    paid_ticket.discount_code = code
    paid_ticket.save()
    first = buy(event, paid_ticket, 1, discount_code="ONE")
    services.order_update(actor=first.user, instance=first, data={"status": "cancelled"})
    assert buy(event, paid_ticket, 1, discount_code="ONE").discount_code == code


def test_order_donation_price_must_be_in_range(event):
    ticket = services.ticket_create(
        actor=None, event=event, data={"name": "Give", "type": "donation", "min_price": 5, "max_price": 50}
    )
    with pytest.raises(DomainError) as caught:
        order_create(actor=UserFactory(), event=event, items=[{"id": ticket.pk, "quantity": 1, "price": 60}])
    assert caught.value.field == "price"
    order = order_create(actor=UserFactory(), event=event, items=[{"id": ticket.pk, "quantity": 1, "price": 12}])
    assert (order.amount, order.status) == (Decimal("12.00"), "pending")


def test_order_ticket_of_other_event_is_rejected(event):
    foreign = TicketFactory()
    with pytest.raises(DomainError) as caught:
        buy(event, foreign)
    assert caught.value.field == "tickets"


def test_attendee_seat_is_unique_per_ticket_in_the_database(event, ticket):
    from django.db import IntegrityError, transaction

    order = buy(event, ticket, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendee.objects.create(order=order, ticket=ticket, event=event, seat=1)


def test_order_buyer_gets_a_notification_and_an_email(
    event, paid_ticket, mailoutbox, django_capture_on_commit_callbacks
):
    from notifications.models import Notification

    buyer = UserFactory(email="buyer@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        order = order_create(actor=buyer, event=event, items=[{"ticket": paid_ticket.pk, "quantity": 2}])
    note = Notification.objects.get(user=buyer)
    assert note.title == f"Your order for {event.name} is reserved"
    assert [m.to for m in mailoutbox] == [["buyer@example.org"]]
    assert order.identifier in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.order_update(actor=UserFactory(is_admin=True), instance=order, data={"status": "completed"})
    assert mailoutbox[-1].subject == f"Your order for {event.name} is confirmed"


def test_order_overdue_hold_gives_back_its_code_redemption_when_a_buyer_needs_it(event, paid_ticket):
    code = DiscountCodeFactory(event=event, code="ONCE", tickets_number=1)
    paid_ticket.discount_code = code
    paid_ticket.save()
    stale = buy(event, paid_ticket, 1, discount_code="ONCE")
    Order.objects.filter(pk=stale.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    fresh = buy(event, paid_ticket, 1, discount_code="ONCE")
    stale.refresh_from_db()
    assert (stale.status, fresh.discount_code) == ("expired", code)


def test_order_refused_under_the_locks_leaves_no_order_notification_or_mail(event, paid_ticket):
    """The order row and its announcements are written before the ticket locks; a refusal there rolls them back
    (and the overdue release it tried)."""
    from notifications.audit import Mail
    from notifications.models import Notification

    paid_ticket.quantity, paid_ticket.max_order = 2, 2
    paid_ticket.save()
    overdue = buy(event, paid_ticket, 1)
    Order.objects.filter(pk=overdue.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    buy(event, paid_ticket, 1)
    before = (Order.objects.count(), Notification.objects.count(), Mail.objects.count())
    buyer = UserFactory()
    with pytest.raises(DomainError) as caught:  # passes the unlocked check (an overdue hold may free seats)
        order_create(actor=buyer, event=event, items=[{"ticket": paid_ticket.pk, "quantity": 2}])
    assert caught.value.code == "sold_out"
    assert (Order.objects.count(), Notification.objects.count(), Mail.objects.count()) == before
    overdue.refresh_from_db()
    assert overdue.status == "pending"


def test_order_refused_when_the_price_changed_between_quote_and_lock(event, paid_ticket):
    """What the buyer was quoted is what the order charges: a price changed before the ticket row is locked
    answers 409 `price_changed` and writes nothing."""
    from django.db import connection

    def organizer_edits_first(execute, sql, params, many, context):
        # the locked read is the ticket read after the order's row is written (SQLite has no FOR UPDATE to see)
        if sql.startswith('INSERT INTO "tickets_order"'):
            order_written.append(True)
        elif order_written and sql.startswith("SELECT") and 'FROM "tickets_ticket"' in sql and not changed:
            changed.append(True)
            type(paid_ticket).objects.filter(pk=paid_ticket.pk).update(price=Decimal("25.00"))
        return execute(sql, params, many, context)

    changed, order_written = [], []
    with connection.execute_wrapper(organizer_edits_first), pytest.raises(DomainError) as caught:
        buy(event, paid_ticket, 1)
    assert (caught.value.status, caught.value.code) == (409, "price_changed")
    assert not Order.objects.exists()  # (the edit, made on the buyer's own connection here, is rolled back too)
    assert buy(event, paid_ticket, 1).amount == Decimal("20.00")
