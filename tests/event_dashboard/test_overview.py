"""The overview: sold and remaining per ticket, orders by state, revenue, check-ins, sales over time, and
what still keeps the event from being published."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.event_dashboard.conftest import place, signed_in, url
from tickets.models import Order
from tickets.services import attendee_check_in, order_update

pytestmark = pytest.mark.django_db


def test_figures_of_a_selling_event(organizer_client, event, free_ticket, paid_ticket):
    first = place(event, free_ticket, quantity=3)
    paid = place(event, paid_ticket, quantity=2)
    order_update(actor=event.owner, instance=paid, data={"status": "completed"})
    place(event, paid_ticket)  # pending: reserved, not sold
    cancelled = place(event, free_ticket)
    order_update(actor=event.owner, instance=cancelled, data={"status": "cancelled"})
    attendee_check_in(actor=event.owner, instance=first.attendees.first(), checked_in=True)
    Order.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=3))

    context = organizer_client.get(url(event)).context
    tickets = {t["name"]: t for t in context["tickets"]}
    assert (tickets["Community"]["sold"], tickets["Community"]["available"]) == (3, 47)
    assert (tickets["Regular"]["sold"], tickets["Regular"]["reserved"], tickets["Regular"]["available"]) == (2, 1, 17)
    assert context["orders_by_status"] == {
        "initializing": 0,
        "pending": 1,
        "placed": 0,
        "completed": 2,
        "cancelled": 1,
        "expired": 0,
    }
    assert context["revenue"] == 50
    assert context["check_ins"] == {"total": 5, "checked_in": 1}
    chart = context["chart"]
    assert [bar["value"] for bar in chart["bars"]] == [3, 0, 0, 2]
    assert chart["total"] == 5 and chart["unit"] == "day"
    html = organizer_client.get(url(event)).content.decode()
    assert 'id="stat-sold">5<' in html and "<svg" in html


def test_a_long_sale_is_charted_per_week(organizer_client, event, free_ticket):
    order = place(event, free_ticket)
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(days=120))
    place(event, free_ticket)
    chart = organizer_client.get(url(event)).context["chart"]
    assert chart["unit"] == "week" and chart["total"] == 2 and 17 <= len(chart["bars"]) <= 19


def test_no_sales_no_chart(organizer_client, event, free_ticket):
    response = organizer_client.get(url(event))
    assert response.context["chart"] is None
    assert 'id="no-sales"' in response.content.decode()


def test_what_is_missing_before_publishing(organizer_client, event):
    response = organizer_client.get(url(event))
    assert response.context["problems"] == ["A published event needs at least one ticket."]
    assert 'id="publish-problems"' in response.content.decode()


def test_a_track_organizer_sees_sessions_but_no_sales(event, team):
    context = signed_in(team["track_organizer"]).get(url(event)).context
    assert "tickets" not in context and "revenue" not in context and "problems" not in context
    assert context["sessions_by_state"] == []
