"""Browser tier: Playwright drives the Debian Chromium (headless) against pytest-django's live server.

`page` is a fresh browser context per test; `sign_in(page, user)` goes through the real sign-in form;
`screenshot(page, name)` saves tests/artifacts/screenshots/<name>.png (git-ignored) for review.
"""

from pathlib import Path

import pytest
from django.db import connections
from django.test import Client

from tests.browser import CHROMIUM, launch

SCREENSHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"


@pytest.fixture
def page(transactional_db, live_server, monkeypatch):
    """A fresh Chromium page on the live server. Playwright starts per test, after the database is set up:
    its sync API keeps an event loop running in this thread, which Django's async-safety check would
    otherwise refuse for the test's own (synchronous) ORM calls."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (set CHROMIUM_PATH)")
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())  # the wizard's "Remove …?" confirmations
        violations = []
        watch_csp(page, violations)
        try:
            yield page
            assert violations == [], "the pages broke their Content-Security-Policy"
        finally:
            context.close()
            browser.close()
            # Inside Playwright's event loop, asgiref's context-local `connections` hand the test body its own
            # database connection; close it here, or PostgreSQL refuses to drop the test database at the end.
            connections.close_all()


def watch_csp(page, violations):
    """Collect the Content-Security-Policy violations Chromium reports on `page` (into `violations`)."""

    def on_console(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            violations.append(message.text)

    page.on("console", on_console)


def sign_in(page, user, password):
    page.goto("/login")
    page.fill("#id_username", user.email)
    page.fill("#id_password", password)
    page.click("#sign-in-form button[type=submit]")
    page.wait_for_url("**/dashboard")


def sign_in_with_cookie(page, user, base_url):
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}])


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
