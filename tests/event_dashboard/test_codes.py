"""Discount and access codes: uses left, create, edit, deactivate; a bad value is an error next to its field."""

import pytest

from tests.event_dashboard.conftest import place, signed_in, url
from tests.factories import AccessCodeFactory, DiscountCodeFactory
from tickets import checkout
from tickets.models import AccessCode, DiscountCode

pytestmark = pytest.mark.django_db


def discount_form(**overrides):
    return {"code": "SPRING", "type": "percent", "value": "15", "min_quantity": "1", "is_active": "on", **overrides}


def test_create_a_discount_code_for_tickets(organizer_client, event, paid_ticket):
    data = discount_form(tickets=[paid_ticket.pk], tickets_number="20", valid_till="2030-01-01T10:00")
    response = organizer_client.post(url(event, "discount-codes/new"), data)
    assert response.status_code == 302 and response["Location"] == url(event, "discount-codes")
    code = DiscountCode.objects.get(event=event)
    assert (code.code, code.type, code.value, code.tickets_number, code.is_active) == (
        "SPRING",
        "percent",
        15,
        20,
        True,
    )
    paid_ticket.refresh_from_db()
    assert paid_ticket.discount_code == code


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"value": "150"}, "value", "A percentage must be between 0 and 100."),
        ({"code": ""}, "code", "This field is required."),
        ({"value": "abc"}, "value", "Enter a number."),
        ({"min_quantity": "3", "max_quantity": "2"}, "max_quantity", "The maximum is below the minimum."),
        ({"valid_from": "2030-01-02T00:00", "valid_till": "2030-01-01T00:00"}, "valid_till",
         "The code cannot end before it starts."),
        ({"tickets": ["999999"]}, "tickets", "Select a valid choice. 999999 is not one of the available choices."),
        ({"type": "amount", "value": "30"}, "value",
         "The discount code 'SPRING' takes 30 off 'Regular'; its price cannot be below that."),
    ],
)  # fmt: skip
def test_a_bad_value_is_an_error_next_to_its_field_and_the_input_stays(
    organizer_client, event, paid_ticket, overrides, field, message
):
    data = discount_form(**{"tickets": [paid_ticket.pk], **overrides})
    response = organizer_client.post(url(event, "discount-codes/new"), data)
    assert response.status_code == 422
    assert response.context["form"].errors[field] == [message]
    html = response.content.decode()
    assert message.replace("'", "&#x27;") in html
    if data["code"]:
        assert f'value="{data["code"]}"' in html
    assert not DiscountCode.objects.filter(event=event).exists()


def test_a_duplicate_code_is_refused_on_the_code_field(organizer_client, event):
    DiscountCodeFactory(event=event, code="SPRING")
    response = organizer_client.post(url(event, "discount-codes/new"), discount_form(code="spring"))
    assert response.context["form"].errors["code"] == ["This event already has the discount code 'spring'."]


def test_the_list_shows_uses_left(organizer_client, event, paid_ticket):
    code = DiscountCodeFactory(event=event, code="HALF", value=50, tickets_number=5)
    code.tickets.add(paid_ticket)
    checkout.order_create(actor=None, event=event, items=[{"id": paid_ticket.pk, "quantity": 2}], discount_code="HALF")
    DiscountCodeFactory(event=event, code="OPEN", tickets_number=None)
    rows = {c.code: c for c in organizer_client.get(url(event, "discount-codes")).context["listing"].rows}
    assert (rows["HALF"].used, rows["HALF"].uses_left) == (2, 3)
    assert (rows["OPEN"].used, rows["OPEN"].uses_left) == (0, None)


def test_edit_keeps_the_tickets_and_saves_changes(organizer_client, event, paid_ticket):
    code = DiscountCodeFactory(event=event, code="EDIT", value=10)
    code.tickets.add(paid_ticket)
    page = organizer_client.get(url(event, f"discount-codes/{code.pk}"))
    assert page.context["form"].initial["tickets"] == [paid_ticket.pk]
    data = discount_form(code="EDITED", value="20", tickets=[paid_ticket.pk])
    assert organizer_client.post(url(event, f"discount-codes/{code.pk}"), data).status_code == 302
    code.refresh_from_db()
    assert (code.code, code.value) == ("EDITED", 20)


def test_deactivate_and_reactivate(organizer_client, event):
    code = DiscountCodeFactory(event=event)
    organizer_client.post(url(event, f"discount-codes/{code.pk}/active"), {"is_active": "0"})
    code.refresh_from_db()
    assert code.is_active is False
    organizer_client.post(url(event, f"discount-codes/{code.pk}/active"), {"is_active": "1"})
    code.refresh_from_db()
    assert code.is_active is True


def test_access_codes_unlock_tickets_and_count_their_uses(organizer_client, event, free_ticket):
    data = {"code": "CREW", "tickets": [free_ticket.pk], "tickets_number": "4", "min_quantity": "1", "is_active": "on"}
    assert organizer_client.post(url(event, "access-codes/new"), data).status_code == 302
    code = AccessCode.objects.get(event=event, code="CREW")
    assert list(code.tickets.all()) == [free_ticket]
    checkout.order_create(actor=None, event=event, items=[{"id": free_ticket.pk, "quantity": 1}], access_code="CREW")
    place(event, free_ticket)  # without the code: not counted
    row = organizer_client.get(url(event, "access-codes")).context["listing"].rows[0]
    assert (row.used, row.uses_left) == (1, 3)


def test_a_coorganizer_edits_codes_but_does_not_create_them(event, team):
    code = AccessCodeFactory(event=event, code="CO")
    client = signed_in(team["coorganizer"])
    html = client.get(url(event, "access-codes")).content.decode()
    assert 'id="new-code"' not in html and "edit-code" in html
    assert client.post(url(event, "access-codes/new"), {"code": "NEW", "min_quantity": "1"}).status_code == 404
    assert client.post(url(event, f"access-codes/{code.pk}/active"), {"is_active": "0"}).status_code == 302
    code.refresh_from_db()
    assert code.is_active is False


def test_a_code_of_another_event_is_404(organizer_client, event):
    foreign = DiscountCodeFactory()
    assert organizer_client.get(url(event, f"discount-codes/{foreign.pk}")).status_code == 404
    assert (
        organizer_client.post(url(event, f"discount-codes/{foreign.pk}/active"), {"is_active": "0"}).status_code == 404
    )
