"""The bell in headless Chromium: the unread count changes without a reload when a notification is created by
another process, and marking read from the dropdown clears it. Needs a real ASGI server, PostgreSQL and the
Redis channel layer (CI sets DATABASE_URL and REDIS_URL); skips without them."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from notifications.models import Notification
from tests.browser import launch
from tests.factories import NotificationFactory, UserFactory
from tests.notifications.test_live_processes import child_env
from tests.servers import ROOT, asgi_server, needs_postgres_and_redis

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    needs_postgres_and_redis,
]

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def session_cookie_for(user):
    """Sign in without the login page: a real session row, its cookie handed to the browser."""
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def notify_from_another_process(env, email, title):
    result = subprocess.run(
        [sys.executable, "manage.py", "notify_user", email, title, "<p>sent from a CLI process</p>"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_bell_count_updates_live_and_marks_read():
    from playwright.sync_api import expect, sync_playwright

    user = UserFactory(email="bell@live.test")
    NotificationFactory(user=user, title="Already there")
    cookie = session_cookie_for(user)
    env = child_env()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with asgi_server(env) as base, sync_playwright() as pw:
        browser = launch(pw)
        try:
            context = browser.new_context()
            context.add_cookies([{"name": "sessionid", "value": cookie, "url": base}])
            page = context.new_page()
            page.goto(base + "/dashboard")
            bell = page.locator("#notification-bell")
            count = page.locator("#notification-count")
            expect(count).to_have_text("1")  # rendered by the server
            expect(bell).to_have_attribute("data-socket", "open", timeout=15000)

            page.evaluate("window.__sameDocument = true")  # gone if the page reloads
            notify_from_another_process(env, user.email, "Live one")
            expect(count).to_have_text("2", timeout=15000)
            expect(count).to_be_visible()
            assert page.evaluate("window.__sameDocument") is True

            page.locator("#notification-bell-toggle").click()
            items = page.locator("#notification-list .notification-item")
            expect(items).to_have_count(2)
            expect(items.first.locator(".notification-title")).to_have_text("Live one")
            page.screenshot(path=str(ARTIFACTS / "notification-bell.png"))

            items.first.locator(".notification-mark-read").click()
            expect(count).to_have_text("1", timeout=10000)
            page.locator("#notification-mark-all").click()
            expect(count).to_be_hidden(timeout=10000)
            assert page.evaluate("window.__sameDocument") is True
        finally:
            browser.close()
    assert Notification.objects.filter(user=user, is_read=False).count() == 0


def test_bell_reconnects_and_resyncs_after_the_server_restarts():
    """The socket drops (server process stops), a notification arrives while it is down, the server comes
    back on the same port: the bell reconnects by itself and shows the count it missed."""
    from playwright.sync_api import expect, sync_playwright

    from tests.servers import free_port

    user = UserFactory(email="reconnect@live.test")
    cookie = session_cookie_for(user)
    port = free_port()
    env = child_env()
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            context = browser.new_context()
            with asgi_server(env, port=port) as base:
                context.add_cookies([{"name": "sessionid", "value": cookie, "url": base}])
                page = context.new_page()
                page.goto(base + "/dashboard")
                expect(page.locator("#notification-bell")).to_have_attribute("data-socket", "open", timeout=15000)
                expect(page.locator("#notification-count")).to_be_hidden()
            expect(page.locator("#notification-bell")).not_to_have_attribute("data-socket", "open", timeout=10000)
            page.evaluate("window.__sameDocument = true")
            notify_from_another_process(env, user.email, "Missed while offline")
            with asgi_server(env, port=port):
                expect(page.locator("#notification-bell")).to_have_attribute("data-socket", "open", timeout=40000)
                expect(page.locator("#notification-count")).to_have_text("1", timeout=10000)
                assert page.evaluate("window.__sameDocument") is True
        finally:
            browser.close()
