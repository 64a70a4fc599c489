"""The bell in the embedded run mode (`make run`: SQLite file, in-memory channel layer, one server process):
marking notifications read in one tab updates the bell of another tab of the same user without a reload,
through the in-process channel layer. Runs everywhere (no PostgreSQL or Redis needed)."""

import subprocess
import sys

import pytest

from tests.browser import launch
from tests.servers import ROOT, asgi_server, server_env

pytestmark = pytest.mark.e2e

SETUP = """
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from notifications.services import notify
from roles.models import User

user = User.objects.create_user("tabs@embedded.test", "correct-horse-battery")
for title in ("One", "Two", "Three"):
    notify(user=user, kind="message", title=title, message="<p>hi</p>")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_bell_in_two_tabs_stays_in_sync_without_reload(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    env = server_env(DATABASE_URL="", REDIS_URL="", SQLITE_PATH=str(tmp_path / "embedded.sqlite3"))
    manage(env, "migrate", "--noinput")
    session_key = manage(env, "shell", "-c", SETUP).strip().splitlines()[-1]
    with asgi_server(env) as base, sync_playwright() as pw:
        browser = launch(pw)
        try:
            context = browser.new_context()
            context.add_cookies([{"name": "sessionid", "value": session_key, "url": base}])
            first, second = context.new_page(), context.new_page()
            for page in (first, second):
                page.goto(base + "/dashboard")
                expect(page.locator("#notification-count")).to_have_text("3")
                expect(page.locator("#notification-bell")).to_have_attribute("data-socket", "open", timeout=15000)
                page.evaluate("window.__sameDocument = true")

            first.locator("#notification-bell-toggle").click()
            first.locator("#notification-list .notification-item").first.locator(".notification-mark-read").click()
            expect(second.locator("#notification-count")).to_have_text("2", timeout=10000)

            first.locator("#notification-mark-all").click()
            expect(first.locator("#notification-count")).to_be_hidden(timeout=10000)
            expect(second.locator("#notification-count")).to_be_hidden(timeout=10000)
            second.locator("#notification-bell-toggle").click()
            expect(second.locator("#notification-empty")).to_be_visible()
            assert first.evaluate("window.__sameDocument") and second.evaluate("window.__sameDocument")
        finally:
            browser.close()
