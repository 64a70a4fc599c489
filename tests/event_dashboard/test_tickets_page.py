"""The dashboard's tickets page: the wizard's formset with sold counts; a ticket with sales cannot be deleted;
roles without the right to add or delete tickets cannot, and every row typed comes back on an error."""

import pytest

from tests.dashboard.test_tickets_step import formset_data
from tests.event_dashboard.conftest import place, signed_in, url
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db


def test_existing_tickets_show_their_sold_and_reserved_seats(organizer_client, event, free_ticket, paid_ticket):
    place(event, free_ticket, quantity=3)
    place(event, paid_ticket, quantity=2)
    response = organizer_client.get(url(event, "tickets"))
    sales = [form.sales for form in response.context["formset"].forms]
    assert sales == [{"sold": 3, "reserved": 0, "taken": 3}, {"sold": 0, "reserved": 2, "taken": 2}]
    html = response.content.decode()
    assert "3 sold · 0 reserved" in html and "0 sold · 2 reserved" in html
    assert html.count("has sales, cannot be removed") == 2
    assert 'id="add-paid-ticket"' in html


def test_saving_updates_and_adds_and_stays_on_the_page(organizer_client, event, free_ticket):
    rows = [
        {"ticket_id": free_ticket.pk, "type": "free", "name": "Community", "quantity": 80},
        {"type": "paid", "name": "VIP", "price": "99"},
    ]
    response = organizer_client.post(url(event, "tickets"), formset_data(rows, initial=1))
    assert response.status_code == 302 and response["Location"] == url(event, "tickets")
    assert list(event.tickets.order_by("position").values_list("name", "quantity")) == [("Community", 80), ("VIP", 100)]


def test_a_ticket_with_sales_is_not_deleted_and_the_row_says_why(organizer_client, event, free_ticket):
    place(event, free_ticket)
    rows = [{"ticket_id": free_ticket.pk, "type": "free", "name": "Community", "DELETE": True}]
    response = organizer_client.post(url(event, "tickets"), formset_data(rows, initial=1))
    assert response.status_code == 422
    assert response.context["formset"].forms[0].non_field_errors() == ["This ticket has sales and cannot be deleted."]
    free_ticket.refresh_from_db()
    assert free_ticket.deleted_at is None


def test_the_quantity_cannot_go_below_the_seats_taken(organizer_client, event, free_ticket):
    place(event, free_ticket, quantity=4)
    rows = [
        {"ticket_id": free_ticket.pk, "type": "free", "name": "Community", "quantity": 2, "max_order": 2},
        {"type": "free", "name": "Typed but not saved"},
    ]
    response = organizer_client.post(url(event, "tickets"), formset_data(rows, initial=1))
    assert response.status_code == 422
    errors = response.context["formset"].forms[0].errors["quantity"]
    assert errors == ["4 seats of this ticket are already sold or reserved; the quantity cannot go below that."]
    html = response.content.decode()
    assert 'value="Typed but not saved"' in html  # nothing typed is lost
    assert "4 sold · 0 reserved" in html
    assert list(event.tickets.values_list("name", flat=True)) == ["Community"]


def test_a_coorganizer_edits_but_may_not_add_or_delete_tickets(event, team, free_ticket):
    client = signed_in(team["coorganizer"])
    html = client.get(url(event, "tickets")).content.decode()
    assert 'id="add-free-ticket"' not in html and "ticket-remove" not in html
    rows = [
        {"ticket_id": free_ticket.pk, "type": "free", "name": "Renamed"},
        {"type": "free", "name": "Sneaked in"},
    ]
    response = client.post(url(event, "tickets"), formset_data(rows, initial=1))
    assert response.status_code == 422
    assert response.context["formset"].forms[1].non_field_errors() == ["Your role may not add tickets."]
    rows = [{"ticket_id": free_ticket.pk, "type": "free", "name": "Community", "DELETE": True}]
    response = client.post(url(event, "tickets"), formset_data(rows, initial=1))
    assert response.context["formset"].forms[0].non_field_errors() == ["Your role may not delete tickets."]
    rows = [{"ticket_id": free_ticket.pk, "type": "free", "name": "Renamed"}]
    assert client.post(url(event, "tickets"), formset_data(rows, initial=1)).status_code == 302
    free_ticket.refresh_from_db()
    assert (free_ticket.name, free_ticket.deleted_at) == ("Renamed", None)


def test_a_ticket_of_another_event_cannot_be_edited_from_here(organizer_client, event):
    foreign = TicketFactory(name="Foreign")
    response = organizer_client.post(
        url(event, "tickets"), formset_data([{"ticket_id": foreign.pk, "type": "free", "name": "Mine"}], initial=1)
    )
    assert response.status_code == 422
    foreign.refresh_from_db()
    assert foreign.name == "Foreign"
