import pytest
from django.test import Client

from tests.factories import DiscountCodeFactory, TicketFactory, UserFactory
from tickets.checkout import order_create
from tickets.models import Order

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(db):
    client = Client()
    client.force_login(UserFactory(is_admin=True, is_super_admin=True))
    return client


def test_admin_pages_render(admin_client_, event, ticket):
    code = DiscountCodeFactory(event=event)
    order = order_create(actor=UserFactory(), event=event, items=[{"ticket": ticket.pk, "quantity": 2}])
    for url in (
        f"/admin/events/event/{event.pk}/change/",
        "/admin/tickets/ticket/?q=Free",
        f"/admin/tickets/ticket/{ticket.pk}/change/",
        "/admin/tickets/discountcode/?used_for__exact=ticket",
        f"/admin/tickets/discountcode/{code.pk}/change/",
        "/admin/tickets/accesscode/",
        "/admin/tickets/stripeauthorization/",
        "/admin/tickets/order/?status__exact=completed",
        f"/admin/tickets/order/{order.pk}/change/",
        "/admin/tickets/attendee/?q=x",
    ):
        assert admin_client_.get(url).status_code == 200, url


def test_admin_ticket_form_applies_ticket_rules(admin_client_, event):
    ticket = TicketFactory(event=event, type="paid", price=10)
    data = {
        "event": event.pk, "name": "Paid", "description": "", "is_description_visible": "on", "type": "paid",
        "price": "0", "min_price": "0", "quantity": "10", "min_order": "1", "max_order": "5", "position": "0",
    }  # fmt: skip
    response = admin_client_.post(f"/admin/tickets/ticket/{ticket.pk}/change/", data)
    assert response.status_code == 200  # re-rendered with the error
    assert b"greater than 0" in response.content
    ticket.refresh_from_db()
    assert ticket.price == 10


def test_admin_order_status_change_goes_through_the_rules(admin_client_, event, paid_ticket):
    order = order_create(actor=UserFactory(), event=event, items=[{"ticket": paid_ticket.pk, "quantity": 1}])
    page = admin_client_.get(f"/admin/tickets/order/{order.pk}/change/")
    form = page.context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update({"event": event.pk, "user": order.user_id, "status": "cancelled"})
    data.update({"attendees-TOTAL_FORMS": "0", "attendees-INITIAL_FORMS": "0"})
    response = admin_client_.post(f"/admin/tickets/order/{order.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert order.attendees.get().seat is None
