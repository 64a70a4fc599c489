"""Wizard step 3: any number of tickets in one formset, saved all-or-nothing through the ticket services."""

import zoneinfo
from datetime import datetime
from decimal import Decimal

import pytest

from events.services import event_update
from tests.factories import TicketFactory
from tickets.models import Attendee, Order, Ticket

pytestmark = pytest.mark.django_db

ROW_DEFAULTS = {"quantity": 100, "min_order": 1, "max_order": 10}


def formset_data(rows, initial=0):
    data = {
        "tickets-TOTAL_FORMS": str(len(rows)),
        "tickets-INITIAL_FORMS": str(initial),
        "tickets-MIN_NUM_FORMS": "0",
        "tickets-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in {**ROW_DEFAULTS, **row}.items():
            if value is True:
                data[f"tickets-{index}-{key}"] = "on"
            elif value not in (False, None):
                data[f"tickets-{index}-{key}"] = str(value)
    return data


def url(event):
    return f"/events/{event.identifier}/edit/tickets"


def test_tickets_page_offers_a_row_template_and_three_add_buttons(organizer_client, event):
    html = organizer_client.get(url(event)).content.decode()
    assert 'name="tickets-__prefix__-name"' in html
    assert 'name="tickets-TOTAL_FORMS" value="0"' in html
    for kind in ("free", "paid", "donation"):
        assert f'id="add-{kind}-ticket"' in html


def test_three_ticket_types_are_created_with_their_own_settings(organizer_client, event):
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    starts = datetime(2031, 3, 14, 9, 0, tzinfo=berlin)
    event_update(
        actor=event.owner, instance=event, data={"timezone": "Europe/Berlin", "starts_at": starts, "ends_at": starts}
    )
    rows = [
        {
            "type": "free",
            "name": "Community",
            "sales_starts_at": "2030-01-01T10:00",
            "sales_ends_at": "2030-02-01T18:00",
        },
        {
            "type": "paid",
            "name": "Regular",
            "price": "49.50",
            "is_hidden": True,
            "description": "<b>Includes</b> lunch",
        },
        {"type": "donation", "name": "Supporter", "min_price": "5", "max_price": "500", "quantity": 20},
    ]
    response = organizer_client.post(url(event), formset_data(rows))
    assert response.status_code == 302
    assert response["Location"] == f"/events/{event.identifier}/edit/publish"
    free, paid, donation = event.tickets.order_by("position")
    assert [(t.name, t.type, t.position) for t in (free, paid, donation)] == [
        ("Community", "free", 0),
        ("Regular", "paid", 1),
        ("Supporter", "donation", 2),
    ]
    assert [t.is_hidden for t in (free, paid, donation)] == [False, True, False]
    assert paid.price == Decimal("49.50")
    assert paid.description == "<b>Includes</b> lunch"
    assert (donation.min_price, donation.max_price, donation.quantity) == (Decimal("5"), Decimal("500"), 20)
    assert free.sales_starts_at == datetime(2030, 1, 1, 10, 0, tzinfo=berlin)
    assert free.sales_ends_at == datetime(2030, 2, 1, 18, 0, tzinfo=berlin)


def test_hide_checkboxes_map_to_their_own_rows(organizer_client, event):
    """The seed's pitfall: unchecked boxes are not posted, so a shared name shifts the checked ones."""
    rows = [
        {"type": "free", "name": "A", "is_hidden": True},
        {"type": "free", "name": "B"},
        {"type": "free", "name": "C", "is_hidden": True},
    ]
    assert organizer_client.post(url(event), formset_data(rows)).status_code == 302
    assert dict(event.tickets.values_list("name", "is_hidden")) == {"A": True, "B": False, "C": True}


def test_a_row_with_a_form_error_keeps_every_row_and_saves_nothing(organizer_client, event):
    rows = [
        {"type": "free", "name": "Community"},
        {"type": "paid", "name": "Regular", "price": ""},
        {"type": "donation", "name": "Supporter", "min_price": "5", "max_price": "500"},
    ]
    response = organizer_client.post(url(event), formset_data(rows))
    assert response.status_code == 422
    formset = response.context["formset"]
    assert [bool(form.errors) for form in formset.forms] == [False, True, False]
    assert formset.forms[1].errors["price"] == ["A paid ticket needs a price above zero."]
    html = response.content.decode()
    for value in ('value="Community"', 'value="Regular"', 'value="Supporter"', 'value="500"'):
        assert value in html
    assert not event.tickets.exists()


def test_a_service_error_lands_on_its_row_and_field_and_rolls_back_the_others(organizer_client, event):
    rows = [
        {"type": "free", "name": "Community"},
        {"type": "free", "name": "Tiny", "quantity": 5, "max_order": 10},
    ]
    response = organizer_client.post(url(event), formset_data(rows))
    assert response.status_code == 422
    second = response.context["formset"].forms[1]
    assert second.errors == {"max_order": ["The maximum order must not exceed the quantity."]}
    html = response.content.decode()
    assert "The maximum order must not exceed the quantity." in html
    assert '<tr class="ticket-details">' in html  # the settings panel of the failing row is open
    assert not event.tickets.exists()


def test_duplicate_ticket_names_are_rejected(organizer_client, event):
    rows = [{"type": "free", "name": "Same"}, {"type": "paid", "name": "same", "price": "3"}]
    response = organizer_client.post(url(event), formset_data(rows))
    assert response.status_code == 422
    assert response.context["formset"].forms[1].errors["name"] == ["Two tickets cannot have the same name."]


def test_editing_shows_existing_tickets_and_updates_them(organizer_client, event):
    first = TicketFactory(event=event, name="Early", position=0, is_hidden=True)
    second = TicketFactory(event=event, name="Late", type="paid", price=10, position=1)
    html = organizer_client.get(url(event)).content.decode()
    assert 'name="tickets-INITIAL_FORMS" value="2"' in html
    assert 'value="Early"' in html and 'value="Late"' in html
    assert 'name="tickets-0-is_hidden" class="form-check-input" id="id_tickets-0-is_hidden" checked' in html
    rows = [
        {"ticket_id": first.pk, "type": "free", "name": "Early bird", "is_hidden": False},
        {"ticket_id": second.pk, "type": "paid", "name": "Late", "price": "12.00"},
        {"type": "free", "name": "Volunteer"},
    ]
    assert organizer_client.post(url(event), formset_data(rows, initial=2)).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.name, first.is_hidden) == ("Early bird", False)
    assert second.price == Decimal("12.00")
    assert event.tickets.count() == 3


def test_deleting_a_ticket_without_sales_soft_deletes_it(organizer_client, event):
    keep = TicketFactory(event=event, name="Keep")
    drop = TicketFactory(event=event, name="Drop")
    rows = [
        {"ticket_id": keep.pk, "type": "free", "name": "Keep"},
        {"ticket_id": drop.pk, "type": "free", "name": "Drop", "DELETE": True},
    ]
    assert organizer_client.post(url(event), formset_data(rows, initial=2)).status_code == 302
    drop.refresh_from_db()
    assert drop.deleted_at is not None
    assert list(event.tickets.alive().values_list("name", flat=True)) == ["Keep"]
    assert 'value="Drop"' not in organizer_client.get(url(event)).content.decode()


def test_deleting_a_ticket_with_sales_is_refused_on_its_row(organizer_client, event):
    sold = TicketFactory(event=event, name="Sold")
    order = Order.objects.create(event=event, status=Order.Status.COMPLETED)
    Attendee.objects.create(order=order, ticket=sold, event=event, seat=1)
    rows = [
        {"type": "free", "name": "New one"},
        {"ticket_id": sold.pk, "type": "free", "name": "Sold", "DELETE": True},
    ]
    response = organizer_client.post(url(event), formset_data(rows, initial=1))
    assert response.status_code == 422
    row = response.context["formset"].forms[1]
    assert row.non_field_errors() == ["This ticket has sales and cannot be deleted."]
    assert "This ticket has sales and cannot be deleted." in response.content.decode()
    sold.refresh_from_db()
    assert sold.deleted_at is None
    assert list(event.tickets.values_list("name", flat=True)) == ["Sold"]


def test_a_removed_new_row_is_ignored_even_when_incomplete(organizer_client, event):
    rows = [{"type": "free", "name": "Real"}, {"type": "paid", "name": "", "DELETE": True}]
    assert organizer_client.post(url(event), formset_data(rows)).status_code == 302
    assert list(event.tickets.values_list("name", flat=True)) == ["Real"]


def test_a_ticket_of_another_event_cannot_be_edited_here(organizer_client, event):
    foreign = TicketFactory(name="Foreign")
    rows = [{"ticket_id": foreign.pk, "type": "free", "name": "Hijacked"}]
    response = organizer_client.post(url(event), formset_data(rows, initial=1))
    assert response.status_code == 422
    assert response.context["formset"].forms[0].non_field_errors() == ["This ticket no longer exists; reload the page."]
    foreign.refresh_from_db()
    assert foreign.name == "Foreign"
    assert not Ticket.objects.filter(event=event).exists()


def test_an_unknown_ticket_type_is_rejected(organizer_client, event):
    response = organizer_client.post(url(event), formset_data([{"type": "vip", "name": "X"}]))
    assert response.status_code == 422
    assert not event.tickets.exists()


@pytest.mark.parametrize("page", ["edit/tickets", "edit/publish"])
def test_ticket_listing_pages_query_count_does_not_grow_with_tickets(organizer_client, event, page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert organizer_client.get(f"/events/{event.identifier}/{page}").status_code == 200
        return len(ctx)

    TicketFactory(event=event)
    one = count()
    TicketFactory.create_batch(4, event=event)
    assert count() == one
