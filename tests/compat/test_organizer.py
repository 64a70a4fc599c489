"""An organizer in the unmodified Open Event client: log in, the create-event wizard through all its steps
(details with a venue, free, paid and donation tickets paid by bank transfer, a sponsor, sessions & speakers with
a call for speakers), publish; the event is then public with its tickets and sponsor. The event dashboard's pages;
on the attendee list the organizer tags an attendee and checks them in and out."""

import re
import struct
import zlib
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Event
from tests.compat.test_visitor import sign_in
from tickets.models import Attendee, Tag

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

#: wysihtml5, the client's rich-text editor, throws these while it binds to and unbinds from the wizard's
#: description fields (before any API call on /create, and on every re-render): the editor's, not our answers
TICKETS = [("Community pass", "100"), ("Supporter pass", "50"), ("Pay what you want", "30")]
BANK_DETAILS = "IBAN DE00 1234 5678 9012 3456 78, Compat Conf e.V."

EDITOR_ERRORS = (
    r"^page error: r\.appendChild is not a function$",
    r"^page error: this\.parent\.fire is not a function$",
    r"^page error: Cannot read properties of null \(reading 'document'\)$",
)


def png(width, height, rgb):
    """A plain one-colour PNG (the supporter's logo)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def choose(page, dropdown, text):
    """Pick `text` in a searchable Semantic UI dropdown (typing narrows its menu; Enter takes the match)."""
    search = dropdown.element_handle().query_selector("input.search")
    search.click()
    search.type(text)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")


def next_step(journey, route):
    journey.page.wait_for_timeout(1000)  # each step's form validation binds after render; a click before it fails
    journey.page.click("button:has-text('Next')")
    journey.page.wait_for_url(re.compile(rf"/edit/{route}$"))
    journey.settle()


def test_organizer_creates_and_publishes_an_event(journey, tmp_path):
    """The create-event wizard through all its steps: details with a venue, a free, a paid and a donation ticket
    paid by bank transfer in euros, the supporters step with one sponsor, the sessions & speakers step with a
    track, a room, a session type and an open call for speakers; then the client's own Publish (it refuses an
    event without tickets, or with paid tickets and no payment method)."""
    page = journey.page
    for pattern in EDITOR_ERRORS:
        journey.allow_errors(pattern)
    # the sessions & speakers step asks for the event's speakers call and creates one when the answer is 404, as
    # the Open Event Server's SpeakersCallDetail answers for an event without a call
    journey.allow("GET", r"^/v1/events/\d+/speakers-call$", 404, "no speakers call yet: the client creates it")
    today = timezone.localdate()
    cfs_end = today + timedelta(days=20)  # the wizard's new event starts in 30 days; the call opens today
    logo = tmp_path / "logo.png"
    logo.write_bytes(png(200, 100, (30, 120, 200)))

    sign_in(journey, journey.world.organizer.email, journey.world.password)
    journey.goto("/create")
    page.wait_for_timeout(1000)  # the wizard's form validation binds after render
    page.locator(".field:has(label:has-text('Event Name')) input").first.fill("Compat Conf 2031")
    page.click(".ui.menu .item:has-text('Venue')")
    page.fill("input[placeholder='Location is required to make this event live']", "Berlin Congress Center")
    page.click("button:has-text('Free Ticket')")
    page.click("button:has-text('Paid Ticket')")
    page.click("button:has-text('Donation Ticket')")
    for i, (name, quantity) in enumerate(TICKETS):
        page.locator("input[name=ticket_name]").nth(i).fill(name)
        page.locator("input[name=ticket_quantity]").nth(i).fill(quantity)
    page.fill("input[name=ticket_price]", "25")
    page.fill("input[name=min_price]", "5")
    page.fill("input[name=max_price]", "500")
    choose(page, page.locator(".ui.dropdown:has(.text:text-is('Select country')) >> visible=true").last, "Germany")
    choose(page, page.locator(".ui.dropdown:has(.item:has-text('AUD - Australian dollar')) >> visible=true"), "EUR")
    page.click(".ui.checkbox:has-text('bank transfer')")  # no outside payment provider
    page.locator(".field:has(> label:has-text('Enter your bank details')) textarea").fill(BANK_DETAILS)
    journey.step("basic details with a venue, three tickets and bank transfer")

    with page.expect_response(lambda response: re.search(r"/v1/events$", response.url)) as created:
        page.click("button:has-text('Next')")  # saves the event and its tickets
    assert created.value.status == 201
    page.wait_for_url(re.compile(r"/edit/other-details$"))
    journey.step("additional info")
    next_step(journey, "attendee")
    journey.step("attendee form")
    next_step(journey, "badge")
    journey.step("badges")
    next_step(journey, "sponsors")

    page.click(".ui.slider.checkbox:has(+ label:has-text('Supporters'))")
    page.fill("input[name=name]", "Compat Cloud GmbH")
    page.fill("input[name=level]", "1")
    page.fill("input[name=type]", "Gold")
    with page.expect_response(lambda response: "/v1/upload/image" in response.url) as uploaded:
        page.set_input_files("input[name=image_upload]", str(logo))  # the client requires a supporter's logo
    assert uploaded.value.status == 200
    journey.step("supporters with a sponsor")

    next_step(journey, "sessions-speakers")
    page.click(".ui.slider.checkbox:has(+ label:has-text('Sessions & Speakers'))")
    page.fill("input[name=track]", "Open Hardware")
    page.fill("input[placeholder=Name]:not([name])", "Main Hall")  # the room
    page.fill("input[placeholder=Floor]", "1")
    page.fill("input[name=session]", "Talk")
    page.get_by_text("Enable Call For Speakers").click()
    announcement = page.frame_locator(".field:has(> label:has-text('Announcement')) iframe.wysihtml5-sandbox")
    announcement.locator("body").click()
    announcement.locator("body").type("We welcome talks on open hardware.")
    page.fill("input[name=start_date]", today.strftime("%m/%d/%Y"))
    page.fill("input[name=start_time]", "00:00")
    page.fill("input[name=end_date]", cfs_end.strftime("%m/%d/%Y"))
    page.fill("input[name=end_time]", "18:00")
    page.keyboard.press("Escape")  # closes the date picker
    journey.step("sessions and speakers with a call for speakers")

    page.click("button:has-text('Publish')")  # shown only when the client deems the event publishable
    with page.expect_response(lambda response: "/v1/speakers-calls" in response.url) as call:
        page.locator(".ui.modal.visible .button:has-text('Yes')").click()
    assert call.value.status == 201
    page.wait_for_url(re.compile(r"/events/[0-9a-f]+$"))  # saved, the wizard hands over to the dashboard
    expect(page.locator("button:has-text('Unpublish')").first).to_be_visible()
    journey.step("published event dashboard")

    event = Event.objects.get(name="Compat Conf 2031")
    assert event.state == Event.State.PUBLISHED
    assert event.location_name == "Berlin Congress Center"
    tickets = {t.name: (t.type, t.price, t.min_price, t.max_price, t.quantity) for t in event.tickets.all()}
    assert tickets == {
        "Community pass": ("free", 0, 0, None, 100),
        "Supporter pass": ("paid", 25, 0, None, 50),
        "Pay what you want": ("donation", 0, 5, 500, 30),
    }
    assert (event.payment_country, event.payment_currency) == ("Germany", "EUR")
    assert (event.can_pay_by_bank, event.bank_details) == (True, BANK_DETAILS)
    assert not (event.can_pay_by_stripe or event.can_pay_by_paypal)
    assert [(s.name, s.level, s.type) for s in event.sponsors.all()] == [("Compat Cloud GmbH", 1, "Gold")]
    assert event.sponsors.get().logo_url
    assert event.is_sponsors_enabled and event.is_sessions_speakers_enabled and event.is_cfs_enabled
    call = event.speakers_calls.get()
    assert call.announcement == "We welcome talks on open hardware."
    assert (call.starts_at.date(), call.ends_at.date()) == (today, cfs_end)
    assert call.starts_at <= timezone.now() < call.ends_at < event.starts_at  # open now, closing before the event
    assert [t.name for t in event.tracks.all()] == ["Open Hardware"]
    assert [m.name for m in event.microlocations.all()] == ["Main Hall"]
    assert [t.name for t in event.session_types.all()] == ["Talk"]

    journey.goto(f"/e/{event.identifier}")
    expect(page.get_by_text("Compat Conf 2031").first).to_be_visible()
    for name, _ in TICKETS:
        expect(page.locator("tr", has_text=name).first).to_be_visible()
    expect(page.locator("tr", has_text="Supporter pass").get_by_text("€25.00")).to_be_visible()
    expect(page.locator("text=Call for Speakers >> visible=true").first).to_be_visible()  # the open call is linked
    expect(page.locator("img[alt='Compat Cloud GmbH']")).to_be_visible()  # supporters show as their logos
    journey.step("the new event's public page")


def test_organizer_walks_the_event_dashboard(journey):
    page = journey.page
    journey.allow("GET", r"^/v1/events/\d+/stripe-authorization$", 404, "no Stripe account connected (as OES)")
    # the demo event has no speakers call: 404 as on OES; the overview loads it with allSettled ("not enabled")
    journey.allow("GET", r"^/v1/events/\d+/speakers-call\?", 404, "no speakers call yet (as OES)")
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

    journey.goto("/events/demo2026/tickets/attendees/all")
    expect(page.locator("table").get_by_text("Community (free)").first).to_be_visible()
    journey.step("attendees")
    # the list created the event's default attendee tags (the client does when the event has none)
    assert sorted(Tag.objects.filter(event=journey.world.event, is_read_only=True).values_list("name", flat=True)) == [
        "Attendees", "Speakers", "VIPs"
    ]  # fmt: skip

    journey.allow_errors(r"^page error: Object$")  # the client rethrows that 404 as a plain object
    journey.goto("/events/demo2026/sessions")
    expect(page.get_by_text("Analytical Engines Today").first).to_be_visible()
    journey.step("sessions")


def test_organizer_tags_and_checks_an_attendee_in_and_out_from_the_attendee_list(journey):
    """The list creates the event's default attendee tags (POST /v1/tags) and tags the selected attendees
    (`tag-id`). Its action cell needs the attendee's order (shown only for completed orders): the client follows
    the attendee's `order` link (the order is keyed by its identifier there) and PATCHes the attendee with the
    day's stamp appended to `checkin-times`, then `checkout-times`."""
    page = journey.page
    journey.allow("GET", r"^/v1/events/\d+/stripe-authorization$", 404, "no Stripe account connected (as OES)")
    sign_in(journey, journey.world.organizer.email, journey.world.password)
    attendee = Attendee.objects.get(event=journey.world.event, order__user=journey.world.attendee)
    # the check-in menu is a Semantic UI multiple-selection dropdown whose items are checkboxes without a
    # data-value: on a click the dropdown takes the item's HTML for its value and jQuery rejects it as a
    # selector. The client's markup, whatever the answers; the checkbox's own change handler still runs
    journey.allow_errors(r"^page error: Syntax error, unrecognized expression: \[data-value=\"<input")
    assert not attendee.is_checked_in and not attendee.checkin_times

    journey.goto("/events/demo2026/tickets/attendees/all")
    row = page.locator("tr", has=page.get_by_text("Community (free)")).first
    expect(row).to_be_visible()
    journey.step("attendee list")

    vips = Tag.objects.get(event=journey.world.event, name="VIPs")
    row.locator(".ui.checkbox").first.click()  # select the attendee, then pick a tag for the selection
    with page.expect_response(lambda r: r.request.method == "PATCH" and f"/v1/attendees/{attendee.pk}" in r.url) as p:
        page.locator(".ui.dropdown:has-text('Select Tag')").click()
        page.locator(f".ui.dropdown .menu .item[data-value='{vips.pk}']").click()
    assert p.value.status == 200, p.value.text()
    expect(row.get_by_text("VIPs")).to_be_visible()
    journey.step("attendee tagged")
    attendee.refresh_from_db()
    assert attendee.tag_id == vips.pk

    first_day = row.locator(".ui.dropdown .menu .item").first
    with page.expect_response(lambda r: r.request.method == "PATCH" and f"/v1/attendees/{attendee.pk}" in r.url) as p:
        row.locator(".ui.dropdown").click()
        first_day.dispatch_event("click")  # the menu opens upwards, under the list's search field
    assert p.value.status == 200, p.value.text()
    expect(page.get_by_text("Attendee Checked-In Successfully")).to_be_visible()
    journey.step("attendee checked in")
    attendee.refresh_from_db()
    assert attendee.is_checked_in
    assert attendee.checkin_times and not attendee.checkout_times

    journey.goto("/events/demo2026/tickets/attendees/all")
    row = page.locator("tr", has=page.get_by_text("Community (free)")).first
    with page.expect_response(lambda r: r.request.method == "PATCH" and f"/v1/attendees/{attendee.pk}" in r.url) as p:
        row.locator(".ui.dropdown").click()
        row.locator(".ui.dropdown .menu .item").first.dispatch_event("click")
    assert p.value.status == 200, p.value.text()
    expect(page.get_by_text("Attendee Checked-Out Successfully")).to_be_visible()
    journey.step("attendee checked out")
    attendee.refresh_from_db()
    assert not attendee.is_checked_in and attendee.is_checked_out
    assert attendee.checkout_times
