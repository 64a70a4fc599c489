"""A buyer in the unmodified Open Event client: a signed-in visitor orders tickets on an event's public page,
lands on the order form (the order is `initializing`, its seats held), fills in the ticket holder's details and
the event's required attendee questions (`tests.compat.seed.ATTENDEE_FORM`), submits, pays a paid order by bank
transfer, and finds the order under "My Tickets". Each step is a screenshot; the database afterwards holds the
attendee as entered and the order in the state the Open Event Server would leave it in."""

import re

import pytest
from playwright.sync_api import expect

from tests.compat.test_visitor import sign_in
from tickets.models import Order

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ORDER_URL = re.compile(r"/v1/orders/[0-9a-f-]{36}$")


def choose_and_order(journey, ticket_name):
    """One `ticket_name` on the event page, "Order Now": the client lands on the new order's form."""
    page = journey.page
    journey.goto("/e/demo2026")
    row = page.locator(f"tr:has-text('{ticket_name}')")
    row.locator(".ui.dropdown").click()
    row.locator(".menu .item:has-text('1')").first.click()
    journey.step(f"one {ticket_name} ticket chosen")

    with page.expect_response(lambda response: "/v1/orders/create-order" in response.url) as created:
        page.click("button:has-text('Order Now')")
    assert created.value.status == 201
    assert created.value.json()["data"]["attributes"]["status"] == "initializing"
    page.wait_for_url(re.compile(r"/orders/[0-9a-f-]{36}/new"))
    # the holders come from the order's attendees link, fetched after the page shows
    expect(page.get_by_text(f"Ticket Holder 1 -for- {ticket_name}")).to_be_visible()
    expect(page.locator("input[name^=jobTitle_required_]")).to_be_visible()
    journey.step("the attendee form")
    order = Order.objects.get(user=journey.world.visitor)
    assert order.status == "initializing" and order.expires_at is not None  # its seats are held meanwhile
    assert [a.seat is not None for a in order.attendees.all()] == [True]
    return order


def fill_holder(journey, **values):
    """The one holder's fields (the client names them `<field identifier>_required_<position in the form>`)."""
    page = journey.page
    for name, value in values.items():
        page.fill(f"input[name^={name}_required_]", value)
    journey.step("the attendee details filled in")


def submit(journey, button):
    """Submit the form: the client PATCHes the attendee, then the order (answered 200)."""
    page = journey.page
    with page.expect_response(
        lambda response: ORDER_URL.search(response.url) and response.request.method == "PATCH"
    ) as saved:
        page.click(f"button:has-text('{button}')")
    assert saved.value.status == 200, saved.value.text()
    assert journey.requests("PATCH", r"^/v1/attendees/\d+$"), "the client saved no attendee"
    return saved.value.json()["data"]["attributes"]


HOLDER = {"firstname": "Grace", "lastname": "Hopper", "email": "grace@example.org", "jobTitle": "Admiral"}


def assert_holder(order, city):
    attendee = order.attendees.get()
    assert (attendee.firstname, attendee.lastname, attendee.email, attendee.job_title, attendee.city) == (
        "Grace",
        "Hopper",
        "grace@example.org",
        "Admiral",
        city,
    )
    assert attendee.seat is not None


def test_buyer_orders_a_free_ticket(journey):
    page = journey.page
    sign_in(journey, journey.world.visitor.email, journey.world.password)

    choose_and_order(journey, "Community (free)")
    fill_holder(journey, **HOLDER, city="Arlington")
    assert submit(journey, "Order Now")["status"] == "completed"
    page.wait_for_url(re.compile(r"/orders/[0-9a-f-]{36}/view"))
    expect(page.get_by_text("Community (free)").first).to_be_visible()
    journey.step("the completed order")

    order = Order.objects.get(user=journey.world.visitor)
    assert (order.status, order.amount, order.expires_at) == ("completed", 0, None)
    assert order.completed_at is not None
    assert_holder(order, "Arlington")

    journey.goto("/my-tickets")
    expect(page.get_by_text("FOSSASIA Demo Summit").first).to_be_visible()
    journey.step("my tickets")


def test_buyer_orders_a_paid_ticket_by_bank_transfer(journey):
    page = journey.page
    sign_in(journey, journey.world.visitor.email, journey.world.password)

    choose_and_order(journey, "Standard")
    fill_holder(journey, **HOLDER, city="New York")
    assert submit(journey, "Proceed to Checkout")["status"] == "pending"
    page.wait_for_url(re.compile(r"/orders/[0-9a-f-]{36}/pending"))
    journey.step("pending order")
    order = Order.objects.get(user=journey.world.visitor)
    assert order.status == "pending" and order.expires_at is not None  # the time to pay
    assert_holder(order, "New York")

    page.click(".ui.radio.checkbox:has-text('Bank')")
    with page.expect_response(
        lambda response: ORDER_URL.search(response.url) and response.request.method == "PATCH"
    ) as paid:
        page.click("button:has-text('Pay Now')")
    assert paid.value.status == 200
    page.wait_for_url(re.compile(r"/orders/[0-9a-f-]{36}/view"))
    expect(page.get_by_text("Standard").first).to_be_visible()
    journey.step("placed by bank transfer")

    order.refresh_from_db()
    assert (order.status, order.payment_mode, order.amount, order.expires_at) == ("placed", "bank", 49, None)
    assert_holder(order, "New York")

    journey.goto("/my-tickets")
    expect(page.get_by_text("FOSSASIA Demo Summit").first).to_be_visible()
    journey.step("my tickets")
