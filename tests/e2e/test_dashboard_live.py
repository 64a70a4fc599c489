"""The live parts of the dashboard against real processes: uvicorn (HTTP + WebSocket), a Celery worker,
PostgreSQL and the Redis channel layer. The export's progress bar moves with the messages the worker pushes
over the notification socket and ends with the download; an import of that download opens a new event; a
broken import shows its reason; the bell follows marking read in the notification centre (another tab).
Skips without PostgreSQL and Redis (CI sets DATABASE_URL and REDIS_URL)."""

import json

import pytest

from events.models import Event
from tests.e2e.conftest import screenshot
from tests.event_dashboard.conftest import place
from tests.factories import SessionFactory, SpeakerFactory, TicketFactory, UserFactory
from tests.notifications.test_bell_browser import session_cookie_for
from tests.notifications.test_live_processes import child_env
from tests.servers import asgi_server, celery_worker, needs_postgres_and_redis

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    needs_postgres_and_redis,
]


@pytest.fixture
def event():
    from datetime import timedelta

    from django.utils import timezone

    from events.services import event_create

    organizer = UserFactory(email="live@example.org")
    starts = timezone.now().replace(microsecond=0) + timedelta(days=10)
    event = event_create(
        actor=organizer, data={"name": "Live Export Con", "starts_at": starts, "ends_at": starts + timedelta(days=1)}
    )
    ticket = TicketFactory(event=event, name="Community")
    place(event, ticket)
    for i in range(3):
        SessionFactory(event=event, title=f"Talk {i}").speakers.add(SpeakerFactory(event=event))
    return event


@pytest.fixture
def browser(monkeypatch):
    """Chromium; the test body still uses the ORM while Playwright's loop runs in this thread (as in
    tests/e2e/conftest.py), and its connection is closed at the end so the test database can be dropped."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    from tests.browser import launch

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            yield browser
        finally:
            browser.close()
            connections.close_all()


def open_page(browser, base, user, path):
    from playwright.sync_api import expect

    context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "sessionid", "value": session_cookie_for(user), "url": base}])
    page = context.new_page()
    page.goto(path)
    expect(page.locator("#notification-bell")).to_have_attribute("data-socket", "open")
    return page


def test_export_progress_bar_moves_and_finishes_then_the_export_imports(event, browser, tmp_path, settings):
    from playwright.sync_api import expect

    settings.MEDIA_ROOT = tmp_path
    env = {**child_env(), "MEDIA_ROOT": str(tmp_path), "CELERY_TASK_ALWAYS_EAGER": "0"}
    with asgi_server(env) as base, celery_worker(env):
        page = open_page(browser, base, event.owner, f"/dashboard/events/{event.identifier}/transfer")
        page.click("#start-export")
        box = page.locator("#export-progress")
        expect(box).to_have_attribute("data-state", "SUCCESS", timeout=60_000)
        history = [int(p) for p in box.get_attribute("data-history").split(",")]
        steps = box.get_attribute("data-steps").split("|")
        assert history == sorted(history) and history[-1] == 100
        assert len([p for p in history if 0 < p < 100]) >= 5, history  # it moved, step by step, from the socket
        assert "Exporting sessions" in steps and "Writing the zip archive" in steps, steps
        expect(page.locator("#export-bar")).to_have_attribute("aria-valuenow", "100")
        link = page.locator("#export-download")
        expect(link).to_be_visible()
        page.wait_for_timeout(700)  # the bar's width transition
        screenshot(page, "dashboard-export-done")
        download = page.request.get(link.get_attribute("href"))
        assert download.status == 200 and download.body()[:2] == b"PK"

        page.set_input_files(
            "#import-file", {"name": "export.zip", "mimeType": "application/zip", "buffer": download.body()}
        )
        page.click("#start-import")
        expect(page.locator("#import-progress")).to_have_attribute("data-state", "SUCCESS", timeout=60_000)
        assert "Importing sessions" in page.locator("#import-progress").get_attribute("data-steps")
        page.click("#import-open")
        expect(page.locator("#event-header h1")).to_contain_text("Live Export Con")
        assert Event.objects.filter(name="Live Export Con").count() == 2

        page.goto(f"/dashboard/events/{event.identifier}/transfer")
        expect(page.locator("#notification-bell")).to_have_attribute("data-socket", "open")
        broken = {"format": "eventyay-event", "version": 1, "event": {"name": "No dates"}}
        page.set_input_files(
            "#import-file",
            {"name": "event.json", "mimeType": "application/json", "buffer": json.dumps(broken).encode()},
        )
        page.click("#start-import")
        expect(page.locator("#import-progress")).to_have_attribute("data-state", "FAILURE", timeout=60_000)
        expect(page.locator("#import-error")).to_contain_text("starts_at")
        screenshot(page, "dashboard-import-failed")

        page.set_input_files("#import-file", {"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello"})
        page.click("#start-import")
        expect(page.locator("#import-error")).to_have_text("Import a .zip export or its event.json.")

        # the tasks told the user (export ready, imported, import failed): the bell follows the centre live
        count = page.locator("#notification-count")
        expect(count).to_have_text("3")
        page.evaluate("window.__sameDocument = true")
        centre = open_page(browser, base, event.owner, "/notifications")
        centre.locator(".centre-item").first.locator(".centre-mark-read").click()
        expect(count).to_have_text("2")
        centre.click("#centre-mark-all")
        expect(count).to_be_hidden()
        expect(centre.locator(".centre-item[data-read='0']")).to_have_count(0)
        assert page.evaluate("window.__sameDocument") is True
