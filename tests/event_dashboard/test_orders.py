"""An order's page and the team's actions on it: mark paid, cancel (the seats come back), resend the receipt."""

import pytest
from django.core import mail

from tests.event_dashboard.conftest import place, signed_in, url
from tests.factories import UserFactory
from tickets import selectors
from tickets.models import Order

pytestmark = pytest.mark.django_db


def action(client, event, order, name):
    return client.post(url(event, f"orders/{order.identifier}/action"), {"action": name}, follow=True)


def test_order_page_lists_its_attendees_and_the_actions_of_its_state(organizer_client, event, paid_ticket):
    order = place(event, paid_ticket, quantity=2, attendees=[{"firstname": "Ann", "email": "ann@example.org"}])
    response = organizer_client.get(url(event, f"orders/{order.identifier}"))
    assert [a.firstname for a in response.context["attendees"]] == ["Ann", ""]
    assert response.context["actions"] == {"mark_paid": True, "cancel": True, "resend_receipt": False}
    html = response.content.decode()
    assert 'id="mark-paid"' in html and 'id="resend-receipt"' not in html


def test_a_registrar_sees_the_order_without_actions(event, team, paid_ticket):
    order = place(event, paid_ticket)
    response = signed_in(team["registrar"]).get(url(event, f"orders/{order.identifier}"))
    assert response.status_code == 200
    assert not any(response.context["actions"].values())
    assert 'id="order-actions"' not in response.content.decode()


def test_mark_paid_completes_a_pending_order(organizer_client, event, paid_ticket):
    buyer = UserFactory(email="buyer@example.org")
    order = place(event, paid_ticket, buyer=buyer)
    response = action(organizer_client, event, order, "mark_paid")
    assert "The order is marked paid." in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.COMPLETED and order.completed_at is not None
    assert buyer.notifications.filter(title__contains="is confirmed").exists()


def test_cancel_frees_the_seats(organizer_client, event, free_ticket):
    order = place(event, free_ticket, quantity=3)
    assert selectors.availability(event, [free_ticket])[0]["available"] == 47
    response = action(organizer_client, event, order, "cancel")
    assert "its seats are free again" in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert list(order.attendees.values_list("seat", flat=True)) == [None, None, None]
    assert selectors.availability(event, [free_ticket])[0]["available"] == 50


def test_a_cancelled_order_cannot_be_marked_paid(organizer_client, event, free_ticket):
    order = place(event, free_ticket)
    action(organizer_client, event, order, "cancel")
    response = action(organizer_client, event, order, "mark_paid")
    assert "An order cannot go from cancelled to completed." in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED


def test_resend_receipt_mails_the_buyer(organizer_client, event, free_ticket, django_capture_on_commit_callbacks):
    buyer = UserFactory(email="buyer@example.org")
    order = place(event, free_ticket, buyer=buyer, attendees=[{"firstname": "Ann"}])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the mail is queued once the request commits
        response = action(organizer_client, event, order, "resend_receipt")
    assert "The receipt is on its way." in response.content.decode()
    assert [m.to for m in mail.outbox] == [["buyer@example.org"]]
    assert order.identifier in mail.outbox[0].body and "Community" in mail.outbox[0].body


def test_resend_receipt_without_any_address_says_so(
    organizer_client, event, free_ticket, django_capture_on_commit_callbacks
):
    order = place(event, free_ticket)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = action(organizer_client, event, order, "resend_receipt")
    assert "Neither the buyer nor the attendees have an e-mail address." in response.content.decode()
    assert mail.outbox == []


def test_an_unknown_action_is_404(organizer_client, event, free_ticket):
    order = place(event, free_ticket)
    assert organizer_client.post(url(event, f"orders/{order.identifier}/action"), {"action": "x"}).status_code == 404
