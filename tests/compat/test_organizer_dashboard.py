"""An organizer acting on the event dashboard of the unmodified Open Event client (issue 11): a discount code, an
access code that unlocks a hidden ticket, a team invite (stored and mailed), the event's exports with their
downloads. Each action is its own test so a failure stays local; each checks what the database holds afterwards."""

import io
import re
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from events.models import TransferTask
from roles.models import RoleInvite
from tests.compat.test_visitor import sign_in, wait_for_bound_form
from tests.factories import TicketFactory
from tickets.models import AccessCode, DiscountCode

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def organizer_in(journey):
    journey.allow("GET", r"^/v1/events/\d+/stripe-authorization$", 404, "no Stripe account connected (as OES)")
    sign_in(journey, journey.world.organizer.email, journey.world.password)


def saved(page, resource, click, attempts=1):
    """Click `click` and wait for the client's POST to /v1/<resource>; the answer. With `attempts`, click again when
    the client did not send it (as a person would)."""
    for attempt in range(attempts):
        try:
            with page.expect_response(
                lambda r: r.request.method == "POST" and r.url.split("?")[0].endswith(resource),
                timeout=None if attempt == attempts - 1 else 8000,
            ) as answer:
                page.click(click)
            return answer.value
        except PlaywrightTimeoutError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def test_organizer_creates_a_discount_code(journey):
    page = journey.page
    organizer_in(journey)

    journey.goto("/events/demo2026/tickets/discount-codes")
    page.click("button:has-text('Create a discount')")
    page.wait_for_url(re.compile(r"/events/demo2026/tickets/discount-codes/create$"))
    journey.step("discount code form")

    wait_for_bound_form(page, "input[name=discount_code]")  # a Save before that is lost
    page.fill("input[name=discount_code]", "EARLY25")
    page.click(".ui.radio.checkbox:has-text('Percent')")
    page.fill("input[name=discount_percent]", "25")
    page.fill("input[name=number_of_discount_tickets]", "30")
    page.click(".ui.checkbox:has-text('Standard')")
    journey.step("discount code filled")

    # Now and then the client's discount form refuses the first Save without saying why: semantic-ui's validation
    # fails a rule whose field the template did not render and then cannot scroll to it (a page error "reading
    # 'top'", no request sent; seen with the same filled form that passes on other runs). Nothing of ours is
    # involved (no request is made); a second Save goes through.
    journey.allow_errors(r"^page error: Cannot read properties of undefined \(reading 'top'\)$")
    journey.allow_errors(r"^console error: Transition: Element is no longer attached to DOM")
    answer = saved(page, "/v1/discount-codes", "button:has-text('Save')", attempts=3)
    assert answer.status == 201, answer.text()
    page.wait_for_url(re.compile(r"/events/demo2026/tickets/discount-codes(/\w+)?$"))
    expect(page.get_by_text("EARLY25").first).to_be_visible()
    journey.step("discount code listed")

    code = DiscountCode.objects.get(code="EARLY25")
    assert (code.event, code.type, code.value, code.tickets_number) == (journey.world.event, "percent", 25, 30)
    assert [ticket.name for ticket in code.tickets.all()] == ["Standard"]
    assert code.created_by == journey.world.organizer and code.is_active
    assert code.valid_from < code.valid_till

    # a buyer's link with the code: the client applies it and prices the Standard ticket 25 % off
    journey.allow("GET", r"^/v1/events/demo2026/access-codes/EARLY25(\?|$)", 404, "not an access code (OES: 404)")
    journey.allow_errors(r"^console error: Error while applying access code")  # the client logs that 404
    journey.goto("/e/demo2026?code=EARLY25")
    applied = page.locator("input[name=promotional_code]")
    expect(applied).to_have_value("Promotional code applied successfully")
    row = page.locator("tr:has-text('Standard')")
    with page.expect_response(lambda r: "/v1/orders/calculate-amount" in r.url) as priced:
        row.locator(".ui.dropdown").click()
        row.locator(".menu .item:has-text('1')").first.click()
    assert priced.value.status == 200
    expect(page.get_by_text("36.75").first).to_be_visible()  # 49.00 less 25 %
    journey.step("public page with the discount applied")


def test_organizer_creates_an_access_code(journey):
    page = journey.page
    event = journey.world.event
    hidden = TicketFactory(
        event=event,
        name="Crew (hidden)",
        is_hidden=True,
        sales_starts_at=timezone.now() - timedelta(days=1),
        sales_ends_at=event.starts_at,
    )
    organizer_in(journey)

    journey.goto("/events/demo2026/tickets/access-codes")
    page.click("button:has-text('Create an access code')")
    page.wait_for_url(re.compile(r"/events/demo2026/tickets/access-codes/create$"))
    journey.step("access code form")

    wait_for_bound_form(page, "input[name=access_code]")  # a Save before that is lost
    page.fill("input[name=access_code]", "CREW2026")
    page.fill("input[name=number_of_access_tickets]", "5")
    page.click(".ui.checkbox:has-text('Crew (hidden)')")
    journey.step("access code filled")

    answer = saved(page, "/v1/access-codes", "button:has-text('Save')")
    assert answer.status == 201, answer.text()
    page.wait_for_url(re.compile(r"/events/demo2026/tickets/access-codes(/\w+)?$"))
    expect(page.get_by_text("CREW2026").first).to_be_visible()
    journey.step("access code listed")

    code = AccessCode.objects.get(code="CREW2026")
    assert (code.event, code.tickets_number, code.is_active) == (event, 5, True)
    assert list(code.tickets.all()) == [hidden]
    assert code.valid_from < code.valid_till

    # the public page hides the ticket until the code is given; the client asks for the code as an access code
    # and as a discount code (it is not one: 404, as OES answers) and then offers the hidden ticket
    journey.goto("/e/demo2026")
    expect(page.get_by_text("Standard").first).to_be_visible()
    expect(page.get_by_text("Crew (hidden)")).to_have_count(0)
    journey.allow("GET", r"^/v1/events/demo2026/discount-codes/CREW2026(\?|$)", 404, "not a discount code (OES: 404)")
    journey.allow_errors(r"^console error: Error while applying discount code as promo code")  # logs that 404
    journey.goto("/e/demo2026?code=CREW2026")
    expect(page.get_by_text("Crew (hidden)").first).to_be_visible()
    journey.step("public page with the hidden ticket unlocked")


def test_organizer_invites_a_team_member(journey):
    page = journey.page
    organizer_in(journey)

    journey.goto("/events/demo2026/team")
    page.click("button:has-text('Add People')")
    wait_for_bound_form(page, ".ui.modal.visible input[name=user_email]")
    page.fill(".ui.modal.visible input[name=user_email]", "newcrew@example.org")
    page.click(".ui.modal.visible .ui.dropdown")
    page.click(".ui.modal.visible .ui.dropdown .item:has-text('Organizer')")
    journey.step("invite dialog")

    answer = saved(page, "/v1/role-invites", ".ui.modal.visible button:has-text('Add Team Member')")
    assert answer.status == 201, answer.text()
    expect(page.locator(".ui.modal.visible")).to_have_count(0)
    page.click("button:has-text('Invited')")
    row = page.locator("tr:has-text('newcrew@example.org')")
    expect(row.get_by_text("Organizer")).to_be_visible()
    journey.step("invite listed")

    invite = RoleInvite.objects.get(email="newcrew@example.org")
    assert (invite.event, invite.role.name, invite.status) == (journey.world.event, "organizer", "pending")
    mails = [path.read_text() for path in journey.world.outbox.iterdir()]
    invites = [mail for mail in mails if "To: newcrew@example.org" in mail]
    assert len(invites) == 1, mails
    assert invite.hash in invites[0]  # the mail carries the invite's link

    with page.expect_response(lambda r: f"/v1/role-invites/{invite.pk}/resend-invite" in r.url) as resent:
        row.locator(".ui.icon.button:has(.mail.icon)").click()
    assert resent.value.status == 200 and resent.value.json()["success"]
    expect(page.get_by_text("Invite resent successfully.")).to_be_visible()
    journey.step("invite resent")
    mails = [path.read_text() for path in journey.world.outbox.iterdir()]
    assert len([mail for mail in mails if "To: newcrew@example.org" in mail]) == 2


def schedule_file(journey, kind, content_type):
    """Export the schedule as `kind` from the export page and download it through the link the client shows
    (a signed link: no session needed); its text, which names the programme's session."""
    page = journey.page
    with page.expect_response(lambda r: "/export/" in r.url and "/v1/events/" in r.url) as started:
        page.click(f"a:has-text('Alternatively, you can download the {kind} here')")
    assert started.value.status == 200
    link = page.locator(f"a.button:has-text('Download {kind}')").first
    expect(link).not_to_have_class(re.compile(r"\bdisabled\b"))
    journey.step(f"{kind} export ready")
    answer = page.context.request.get(link.get_attribute("href"))
    assert answer.status == 200
    assert answer.headers["content-type"].startswith(content_type)
    body = answer.text()
    assert "Analytical Engines Today" in body
    return body


def test_organizer_exports_the_event(journey):
    page = journey.page
    organizer_in(journey)

    journey.goto("/events/demo2026/settings/export")
    expect(page.get_by_text("Status: Event export not yet started.")).to_be_visible()
    journey.step("export page")

    # the event as a zip of JSON: started, polled on /v1/tasks/<id> until SUCCESS, then downloaded by the client
    with page.expect_response(lambda r: "/export/json" in r.url) as started:
        page.click("button:has-text('Start')")
    assert started.value.status == 200
    expect(page.get_by_text("Status: SUCCESS")).to_be_visible()
    journey.step("zip export done")
    with page.expect_download() as saved_zip:
        page.locator("a.button", has_text=re.compile(r"^\s*Download\s*$")).click()  # the zip's
    with open(saved_zip.value.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    assert any(name.endswith("event.json") for name in archive.namelist()), archive.namelist()
    zips = journey.requests("GET", r"^/v1/tasks/[\w-]+/download\?token=")
    assert [exchange.status for exchange in zips] == [200]

    # the schedule files: the client starts the task, polls it and turns its result into a download link
    assert schedule_file(journey, "iCalendar", "text/calendar").startswith("BEGIN:VCALENDAR")
    assert "<schedule" in schedule_file(journey, "Pentabarf XML", "application/xml")

    tasks = TransferTask.objects.filter(event=journey.world.event, kind=TransferTask.Kind.EXPORT)
    assert tasks.count() == 3
    assert all(task.finished_at is not None and not task.failure and task.file_name for task in tasks)
