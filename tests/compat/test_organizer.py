"""An organizer in the unmodified Open Event client: log in, the create-event wizard (details with a venue,
a free ticket), publish; the event is then public."""

import re

import pytest
from playwright.sync_api import expect

from events.models import Event
from tests.compat.test_visitor import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

#: wysihtml5, the client's rich-text editor, throws these while it binds to and unbinds from the wizard's
#: description fields (before any API call on /create, and on every re-render): the editor's, not our answers
EDITOR_ERRORS = (
    r"^page error: r\.appendChild is not a function$",
    r"^page error: this\.parent\.fire is not a function$",
    r"^page error: Cannot read properties of null \(reading 'document'\)$",
)


def test_organizer_creates_and_publishes_an_event(journey):
    page = journey.page
    for pattern in EDITOR_ERRORS:
        journey.allow_errors(pattern)

    # the event dashboard asks for the event's Stripe authorization; without one the Open Event Server answers
    # 404 as we do (StripeAuthorizationDetail: "not found"), and the client takes it as "not connected"
    journey.allow("GET", r"^/v1/events/\d+/stripe-authorization$", 404, "no Stripe account connected")

    sign_in(journey, journey.world.organizer.email, journey.world.password)
    journey.step("signed in")

    journey.goto("/create")
    page.wait_for_timeout(1000)  # the wizard's form validation binds after render
    page.locator(".field:has(label:has-text('Event Name')) input").first.fill("Compat Conf 2031")
    page.click(".ui.menu .item:has-text('Venue')")
    page.fill("input[placeholder='Location is required to make this event live']", "Berlin Congress Center")
    page.click("button:has-text('Free Ticket')")
    page.fill("input[name=ticket_name]", "Community pass")
    page.fill("input[name=ticket_quantity]", "100")
    journey.step("wizard details with venue and a free ticket")

    page.click("button:has-text('Publish')")
    with page.expect_response(lambda response: re.search(r"/v1/events$", response.url)) as created:
        page.locator(".ui.modal.visible .button:has-text('Yes')").click()
    assert created.value.status == 201
    page.wait_for_url(re.compile(r"/events/[0-9a-f]+"))
    journey.step("published event dashboard")

    event = Event.objects.get(name="Compat Conf 2031")
    assert event.state == Event.State.PUBLISHED
    assert event.location_name == "Berlin Congress Center"
    assert [t.name for t in event.tickets.all()] == ["Community pass"]
    assert journey.requests("POST", r"^/v1/tickets$")[0].status == 201

    journey.goto(f"/e/{event.identifier}")
    expect(page.get_by_text("Compat Conf 2031").first).to_be_visible()
    expect(page.get_by_text("Community pass").first).to_be_visible()
    journey.step("the new event's public page")


def test_organizer_walks_the_event_dashboard(journey):
    page = journey.page
    journey.allow("GET", r"^/v1/events/\d+/stripe-authorization$", 404, "no Stripe account connected (as OES)")
    sign_in(journey, journey.world.organizer.email, journey.world.password)

    journey.goto("/events/demo2026")
    expect(page.get_by_text("FOSSASIA Demo Summit").first).to_be_visible()
    journey.step("dashboard overview")

    journey.goto("/events/demo2026/tickets")
    expect(page.get_by_role("heading", name="FOSSASIA Demo Summit")).to_be_visible()
    journey.step("tickets")

    journey.goto("/events/demo2026/tickets/orders/completed")
    expect(page.get_by_text("attendee@example.org").first).to_be_visible()
    journey.step("completed orders")

    journey.goto("/events/demo2026/tickets/discount-codes")
    expect(page.get_by_text("DEMO10").first).to_be_visible()
    journey.step("discount codes")

    journey.goto("/events/demo2026/tickets/access-codes")
    journey.step("access codes")

    journey.goto("/events/demo2026/speakers")
    expect(page.get_by_text("Ada Lovelace").first).to_be_visible()
    journey.step("speakers")

    journey.goto("/events/demo2026/team")
    expect(page.get_by_text(journey.world.organizer.email).first).to_be_visible()
    journey.step("team")

    journey.goto("/events/demo2026/settings/export")  # the client's route (/events/<id>/export is its 404 page)
    expect(page.get_by_text("Export and Download Event as Zip")).to_be_visible()
    journey.step("export")

    # AWAITING tag: the attendees list offers attendee tags and creates the event's default ones (POST /v1/tags)
    journey.allow("POST", r"^/v1/tags$", 404, "AWAITING tag")
    journey.allow_errors(r"^page error: n$")  # the client's (minified) error for the failed tag creation
    journey.goto("/events/demo2026/tickets/attendees/all")
    expect(page.locator("table").get_by_text("Community (free)").first).to_be_visible()
    journey.step("attendees")

    journey.allow_errors(r"^page error: Object$")  # the client rethrows that 404 as a plain object
    journey.goto("/events/demo2026/sessions")
    expect(page.get_by_text("Analytical Engines Today").first).to_be_visible()
    journey.step("sessions")
