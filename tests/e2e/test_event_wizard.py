"""The event wizard in headless Chromium: details → cropped background image → three tickets → publish."""

import io
import zoneinfo
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from PIL import Image, ImageDraw

from events.models import Event
from events.services import event_create
from roles.models import Role, UsersEventsRoles
from tests.e2e.conftest import screenshot, sign_in, sign_in_with_cookie
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

#: Croppie has bound the chosen file and shows it (the image is loaded and faded in)
CROPPIE_READY = """() => {
  const image = document.querySelector('#upload-cropper .cr-image');
  return image && image.naturalWidth > 0 && getComputedStyle(image).opacity === '1';
}"""


def banner_png():
    """A 1200×800 PNG with stripes, so the crop and its preview are visibly an image."""
    image = Image.new("RGB", (1200, 800), (30, 90, 160))
    draw = ImageDraw.Draw(image)
    for x in range(0, 1200, 100):
        draw.rectangle([x, 0, x + 50, 800], fill=(240, 180, 40))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def row(page, index):
    return page.locator(f"tbody.ticket-row[data-prefix='tickets-{index}']")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_organizer_creates_and_publishes_an_event_with_three_tickets_and_a_background(page, live_server, media_root):
    from playwright.sync_api import expect

    organizer = UserFactory(email="wizard@example.org")
    sign_in(page, organizer, PASSWORD)
    expect(page.locator("#no-events")).to_be_visible()

    # Step 1: details
    page.click("#create-event")
    page.fill("#id_name", "Open Source Summit")
    page.fill("#id_starts_at", "2031-03-14T09:00")
    page.fill("#id_ends_at", "2031-03-16T18:00")
    page.select_option("#id_timezone", "Europe/Berlin")
    page.fill("#id_location_name", "Kulturbrauerei, Berlin")
    page.fill("#id_description", "Three days of open source.")
    screenshot(page, "01-details")
    page.click("#save-details")
    page.wait_for_url("**/edit/image")
    event = Event.objects.get(name="Open Source Summit")

    # Step 2: background image, cropped in the Croppie modal and uploaded before any form is submitted
    page.set_input_files("#bgimage-input", {"name": "banner.png", "mimeType": "image/png", "buffer": banner_png()})
    expect(page.locator("#cropper-modal")).to_be_visible()
    page.wait_for_function(CROPPIE_READY)
    viewport = page.locator("#upload-cropper .cr-viewport").bounding_box()
    boundary = page.locator("#upload-cropper .cr-boundary").bounding_box()
    assert (round(viewport["width"]), round(viewport["height"])) == (490, 245)
    assert (round(boundary["width"]), round(boundary["height"])) == (508, 350)
    screenshot(page, "02-crop-modal")
    with page.expect_response(lambda r: r.url.endswith("/files/bgimage") and r.request.method == "POST") as upload:
        page.click("#save-crop")
    assert upload.value.status == 201
    expect(page.locator("#image-view-group")).to_be_visible()
    expect(page.locator("#bgimage-spinner")).to_be_hidden()
    event.refresh_from_db()
    expect(page.locator("#bgimage-preview")).to_have_attribute("src", event.large_image_url)
    assert event.large_image_url.startswith(f"{live_server.url}/media/events/{event.identifier}/background/")
    assert event.original_image_url and event.large_image_url and event.thumbnail_image_url
    with Image.open(media_root / event.original_image_url.split("/media/", 1)[1]) as stored:
        assert abs(stored.width / stored.height - 2) < 0.02  # the 490×245 crop box keeps 2:1
    page.wait_for_function("() => document.querySelector('#bgimage-preview').naturalWidth > 0")
    expect(page.locator(".modal-backdrop")).to_have_count(0)  # the modal has finished closing
    screenshot(page, "03-image-uploaded")
    page.click("#continue")
    page.wait_for_url("**/edit/tickets")

    # Step 3: one ticket of each type; hide the paid one; sales dates on the free one
    page.click("#add-free-ticket")
    page.click("#add-paid-ticket")
    page.click("#add-donation-ticket")
    expect(row(page, 0).locator("input[name='tickets-0-price']")).to_be_hidden()
    expect(row(page, 1).locator("input[name='tickets-1-price']")).to_be_visible()
    expect(row(page, 1).locator("input[name='tickets-1-min_price']")).to_be_hidden()
    expect(row(page, 2).locator("input[name='tickets-2-max_price']")).to_be_visible()
    row(page, 0).locator("input[name='tickets-0-name']").fill("Community")
    row(page, 0).locator(".ticket-settings").click()
    row(page, 0).locator("input[name='tickets-0-sales_starts_at']").fill("2031-01-01T10:00")
    row(page, 0).locator("input[name='tickets-0-sales_ends_at']").fill("2031-03-13T18:00")
    row(page, 1).locator("input[name='tickets-1-name']").fill("Regular")
    row(page, 1).locator("input[name='tickets-1-price']").fill("49.50")
    row(page, 1).locator(".ticket-settings").click()
    row(page, 1).locator("input[name='tickets-1-is_hidden']").check()
    row(page, 2).locator("input[name='tickets-2-name']").fill("Supporter")
    row(page, 2).locator("input[name='tickets-2-min_price']").fill("5")
    row(page, 2).locator("input[name='tickets-2-max_price']").fill("500")
    screenshot(page, "04-tickets")
    page.click("#save-tickets")
    page.wait_for_url("**/edit/publish")

    # Step 4: publish
    expect(page.locator("#summary-tickets li")).to_have_count(3)
    expect(page.locator("#summary-image")).to_be_visible()
    screenshot(page, "05-publish")
    page.click("#publish")
    expect(page.locator("#event-state")).to_have_text("Published")

    # Everything persisted: in the database …
    event.refresh_from_db()
    assert event.state == Event.State.PUBLISHED
    assert event.timezone == "Europe/Berlin"
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    assert event.starts_at == datetime(2031, 3, 14, 9, 0, tzinfo=berlin)
    tickets = list(event.tickets.alive().order_by("position"))
    assert [(t.name, t.type, t.is_hidden) for t in tickets] == [
        ("Community", "free", False),
        ("Regular", "paid", True),
        ("Supporter", "donation", False),
    ]
    assert tickets[0].sales_starts_at == datetime(2031, 1, 1, 10, 0, tzinfo=berlin)
    assert tickets[0].sales_ends_at == datetime(2031, 3, 13, 18, 0, tzinfo=berlin)
    assert tickets[1].price == Decimal("49.50")
    assert (tickets[2].min_price, tickets[2].max_price) == (Decimal("5.00"), Decimal("500.00"))

    # … and on the pages after a reload
    page.reload()
    expect(page.locator("#event-state")).to_have_text("Published")
    page.goto(f"/events/{event.identifier}/edit/tickets")
    expect(page.locator("input[name='tickets-0-name']")).to_have_value("Community")
    expect(page.locator("input[name='tickets-0-sales_starts_at']")).to_have_value("2031-01-01T10:00")
    expect(page.locator("input[name='tickets-1-is_hidden']")).to_be_checked()
    expect(page.locator("input[name='tickets-0-is_hidden']")).not_to_be_checked()
    expect(page.locator("input[name='tickets-2-is_hidden']")).not_to_be_checked()
    page.goto(f"/events/{event.identifier}/edit/image")
    expect(page.locator("#bgimage-preview")).to_have_attribute("src", event.large_image_url)
    page.goto("/dashboard")
    expect(page.locator(f".event-item[data-identifier='{event.identifier}'] .event-state")).to_have_text("Published")
    screenshot(page, "06-dashboard")

    # Removing the image (DELETE, after a confirmation) clears it and offers the file input again
    page.goto(f"/events/{event.identifier}/edit/image")
    with page.expect_response(lambda r: r.url.endswith("/files/bgimage") and r.request.method == "DELETE") as removal:
        page.click("#bgimage-remove")
    assert removal.value.status == 200
    expect(page.locator("#image-upload-group")).to_be_visible()
    expect(page.locator("#image-view-group")).to_be_hidden()
    event.refresh_from_db()
    assert (event.original_image_url, event.large_image_url, event.thumbnail_image_url) == ("", "", "")


def _draft_with_organizer(email):
    organizer = UserFactory(email=email)
    starts = timezone.now().replace(microsecond=0) + timedelta(days=60)
    event = event_create(
        actor=organizer, data={"name": "Draft fest", "starts_at": starts, "ends_at": starts + timedelta(days=1)}
    )
    return organizer, event


def test_a_failed_ticket_validation_keeps_every_entered_row(page, live_server):
    from playwright.sync_api import expect

    organizer, event = _draft_with_organizer("rows@example.org")
    sign_in_with_cookie(page, organizer, live_server.url)
    page.goto(f"/events/{event.identifier}/edit/tickets")
    page.click("#add-free-ticket")
    page.click("#add-paid-ticket")
    page.click("#add-donation-ticket")
    page.click("#add-free-ticket")
    page.fill("input[name='tickets-0-name']", "Community")
    page.fill("input[name='tickets-1-name']", "Regular")  # no price: invalid
    page.fill("input[name='tickets-2-name']", "Supporter")
    page.fill("input[name='tickets-2-min_price']", "5")
    page.fill("input[name='tickets-2-max_price']", "100")
    page.fill("input[name='tickets-3-name']", "Removed again")
    row(page, 3).locator(".ticket-remove").click()  # confirmed by the page fixture's dialog handler
    expect(row(page, 3)).to_be_hidden()
    page.click("#save-tickets")

    expect(row(page, 1).locator(".invalid-feedback")).to_have_text("A paid ticket needs a price above zero.")
    expect(page.locator("input[name='tickets-0-name']")).to_have_value("Community")
    expect(page.locator("input[name='tickets-1-name']")).to_have_value("Regular")
    expect(page.locator("input[name='tickets-2-max_price']")).to_have_value("100")
    expect(row(page, 3)).to_be_hidden()
    expect(page.locator("input[name='tickets-TOTAL_FORMS']")).to_have_value("4")
    screenshot(page, "07-ticket-errors")
    assert not event.tickets.exists()

    page.fill("input[name='tickets-1-price']", "20")
    page.click("#save-tickets")
    page.wait_for_url("**/edit/publish")
    assert list(event.tickets.order_by("position").values_list("name", flat=True)) == [
        "Community",
        "Regular",
        "Supporter",
    ]


def test_a_rejected_upload_shows_the_error_and_keeps_the_page_usable(page, live_server, media_root, settings):
    from playwright.sync_api import expect

    organizer, event = _draft_with_organizer("upload@example.org")
    sign_in_with_cookie(page, organizer, live_server.url)
    page.goto(f"/events/{event.identifier}/edit/image")
    settings.MAX_IMAGE_PIXELS = 1000  # the live server runs in this process: every crop is now too large
    page.set_input_files("#bgimage-input", {"name": "banner.png", "mimeType": "image/png", "buffer": banner_png()})
    page.wait_for_function(CROPPIE_READY)
    page.click("#save-crop")
    expect(page.locator("#bgimage-error")).to_contain_text("too many pixels")
    expect(page.locator("#bgimage-spinner")).to_be_hidden()
    expect(page.locator("#bgimage-input")).to_be_enabled()
    expect(page.locator("#image-view-group")).to_be_hidden()
    screenshot(page, "08-upload-error")
    event.refresh_from_db()
    assert event.original_image_url == ""


def test_a_user_without_a_role_on_the_event_gets_404_on_its_wizard_pages(page, live_server):
    _, event = _draft_with_organizer("owner@example.org")
    outsider = UserFactory(email="outsider@example.org")
    attendee = UserFactory(email="attendee@example.org")
    UsersEventsRoles.objects.create(user=attendee, event=event, role=Role.objects.get(name=Role.ATTENDEE))
    for user in (outsider, attendee):
        page.context.clear_cookies()
        sign_in_with_cookie(page, user, live_server.url)
        for path in ("edit", "edit/image", "edit/tickets", "edit/publish"):
            response = page.goto(f"/events/{event.identifier}/{path}")
            assert response.status == 404, (user.email, path)
        assert page.goto("/dashboard").status == 200
