"""The event dashboard in headless Chromium: every page as the role that uses it (with a screenshot), and the
pages a role must not see (no link in the navigation, 404 by URL)."""

import pytest

from events.services import event_create
from tests.e2e.conftest import screenshot, sign_in_with_cookie
from tests.event_dashboard.seed import seed_event
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lived_in(transactional_db):
    from datetime import timedelta

    from django.utils import timezone

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
