"""A buyer in the unmodified Open Event client: a signed-in visitor orders a free ticket on an event's public
page, sees the order and finds it under "My Tickets"."""

import re

import pytest
from playwright.sync_api import expect

from tests.compat.test_visitor import sign_in
from tickets.models import Order

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_buyer_orders_a_free_ticket(journey):
    page = journey.page
    sign_in(journey, journey.world.visitor.email, journey.world.password)

    journey.goto("/e/demo2026")
    row = page.locator("tr:has-text('Community (free)')")
    row.locator(".ui.dropdown").click()
    row.locator(".menu .item:has-text('1')").first.click()
    journey.step("one free ticket chosen")

    with page.expect_response(lambda response: "/v1/orders/create-order" in response.url) as created:
        page.click("button:has-text('Order Now')")
    assert created.value.status == 201
    page.wait_for_url(re.compile(r"/orders/[0-9a-f-]{36}/"))
    expect(page.get_by_text("Community (free)").first).to_be_visible()
    journey.step("the order")

    order = Order.objects.get(user=journey.world.visitor)
    assert order.amount == 0
    assert [attendee.ticket.name for attendee in order.attendees.all()] == ["Community (free)"]

    journey.goto("/my-tickets")
    expect(page.get_by_text("FOSSASIA Demo Summit").first).to_be_visible()
    journey.step("my tickets")


def test_buyer_orders_a_paid_ticket_by_bank_transfer(journey):
    page = journey.page
    sign_in(journey, journey.world.visitor.email, journey.world.password)

    journey.goto("/e/demo2026")
    row = page.locator("tr:has-text('Standard')")
    row.locator(".ui.dropdown").click()
    row.locator(".menu .item:has-text('1')").first.click()
    with page.expect_response(lambda response: "/v1/orders/create-order" in response.url) as created:
        page.click("button:has-text('Order Now')")
    assert created.value.status == 201
    page.wait_for_url(re.compile(r"/orders/[0-9a-f-]{36}/pending"))
    journey.step("pending order")

    page.click(".ui.radio.checkbox:has-text('Bank')")
    with page.expect_response(lambda response: re.search(r"/v1/orders/[0-9a-f-]{36}$", response.url)) as paid:
        page.click("button:has-text('Pay Now')")
    assert (paid.value.request.method, paid.value.status) == ("PATCH", 200)
    journey.step("placed by bank transfer")

    order = Order.objects.get(user=journey.world.visitor)
    assert (order.status, order.payment_mode, order.amount) == ("placed", "bank", 49)
