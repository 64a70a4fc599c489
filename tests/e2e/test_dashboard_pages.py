"""The event dashboard in headless Chromium: every page as the role that uses it (with a screenshot), and the
pages a role must not see (no link in the navigation, 404 by URL)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.services import event_create
from tests.e2e.conftest import screenshot, sign_in_with_cookie
from tests.event_dashboard.conftest import grant
from tests.event_dashboard.seed import seed_event
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ALL_PAGES = [
    "overview",
    "orders",
    "attendees",
    "tickets",
    "discount-codes",
    "access-codes",
    "team",
    "sessions",
    "transfer",
]
PATHS = {"overview": "", **{name: name for name in ALL_PAGES[1:]}}


@pytest.fixture
def lived_in(transactional_db):
    organizer = UserFactory(email="olga@example.org", first_name="Olga", last_name="Organizer")
    starts = timezone.now().replace(microsecond=0, second=0, minute=0) + timedelta(days=20)
    event = event_create(
        actor=organizer,
        data={
            "name": "PyCon Dashboard",
            "starts_at": starts,
            "ends_at": starts + timedelta(days=2),
            "timezone": "Europe/Berlin",
            "location_name": "Berlin",
        },
    )
    made = seed_event(event, organizer)
    return {"event": event, "organizer": organizer, **made}


def nav_pages(page):
    return page.locator("#dashboard-nav .nav-link").evaluate_all("links => links.map(l => l.dataset.page)")


def base(event):
    return f"/dashboard/events/{event.identifier}/"


def test_organizer_sees_every_page(page, live_server, lived_in):
    from playwright.sync_api import expect

    event = lived_in["event"]
    sign_in_with_cookie(page, lived_in["organizer"], live_server.url)
    page.goto("/dashboard")
    page.click(f".event-item[data-identifier='{event.identifier}'] .open-dashboard")
    expect(page.locator("#event-header h1")).to_contain_text("PyCon Dashboard")
    assert nav_pages(page) == ALL_PAGES
    for name in ALL_PAGES:
        page.click(f"#dashboard-nav [data-page='{name}']")
        expect(page.locator("#dashboard-nav .nav-link.active")).to_have_attribute("data-page", name)
        screenshot(page, f"dashboard-{name}")
    expect(page.locator("#sales-chart")).to_have_count(0)  # we are on the last page, not the overview
    page.goto(base(event))
    expect(page.locator("#sales-chart rect.bar")).not_to_have_count(0)

    # the detail pages
    order = lived_in["orders"][0]
    page.goto(base(event) + "orders")
    page.click(f".order-row[data-identifier='{order.identifier}'] a")
    expect(page.locator("#order-attendees .attendee-row")).not_to_have_count(0)
    screenshot(page, "dashboard-order-detail")
    page.goto(base(event) + "sessions")
    page.click("text=Community and governance")
    expect(page.locator("#session-speakers .speaker-row")).to_have_count(2)
    screenshot(page, "dashboard-session-detail")
    page.goto(base(event) + "discount-codes")
    page.click("#new-code")
    page.fill("#id_code", "EARLY10")
    page.select_option("#id_type", "percent")
    page.fill("#id_value", "150")
    page.click("#save-code")
    expect(page.locator(".field-value .invalid-feedback")).to_have_text("A percentage must be between 0 and 100.")
    expect(page.locator("#id_code")).to_have_value("EARLY10")  # what was typed stays
    screenshot(page, "dashboard-discount-code-form-error")

    # a filtered, sorted list is a shareable link
    page.goto(base(event) + "orders")
    page.select_option("#id_status", "pending")
    page.click("#order-filters button[type=submit]")
    expect(page.locator(".order-row")).to_have_count(2)
    page.click("a.sort-link[data-sort='amount']")
    assert "status=pending" in page.url and "sort=amount" in page.url
    shared = page.url
    page.goto(base(event) + "orders")
    page.goto(shared)
    expect(page.locator(".order-row")).to_have_count(2)
    amounts = page.locator(".order-row td.text-end").all_inner_texts()
    assert amounts == sorted(amounts, key=lambda text: float(text.split()[0]))
    expect(page.locator("#id_status")).to_have_value("pending")


ROLE_PAGES = {
    "registrar": ["overview", "orders", "attendees"],
    "track_organizer": ["overview", "sessions"],
    "moderator": ["overview", "sessions"],
    "coorganizer": ALL_PAGES,
    "attendee": [],
    None: [],
}


def test_each_role_sees_its_pages_and_nothing_else(page, live_server):
    """One event, one browser; each role in its own context: the navigation holds exactly its pages, each
    opens, and every other page is a 404 by URL."""
    from playwright.sync_api import expect

    from tests.event_dashboard.conftest import place
    from tests.factories import SessionFactory, TicketFactory

    organizer = UserFactory()
    starts = timezone.now().replace(microsecond=0) + timedelta(days=20)
    event = event_create(actor=organizer, data={"name": "Roles Con", "starts_at": starts, "ends_at": starts})
    place(event, TicketFactory(event=event, name="Community"), attendees=[{"firstname": "Ann"}])
    SessionFactory(event=event, title="A talk", state="pending")
    browser = page.context.browser
    for role, pages in ROLE_PAGES.items():
        member = UserFactory(email=f"{role or 'stranger'}@example.org")
        if role:
            grant(member, event, role)
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        try:
            tab = context.new_page()
            sign_in_with_cookie(tab, member, live_server.url)
            if pages:
                tab.goto("/dashboard")
                tab.click(f".role-group[data-role='{role}'] .open-dashboard")
                expect(tab.locator("#event-header")).to_be_visible()
                assert nav_pages(tab) == pages, role
                for name in pages[1:]:
                    tab.click(f"#dashboard-nav [data-page='{name}']")
                    expect(tab.locator("#dashboard-nav .nav-link.active")).to_have_attribute("data-page", name)
                screenshot(tab, f"dashboard-as-{role}")
            for name in ALL_PAGES:
                if name not in pages:
                    assert tab.goto(base(event) + PATHS[name]).status == 404, (role, name)
        finally:
            context.close()
