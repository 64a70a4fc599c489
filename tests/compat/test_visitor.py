"""A visitor in the unmodified Open Event client: the landing page, explore, an event's public pages, sign-up,
log-in and log-out, every API answer as the client expects it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_visitor_browses_events_and_an_event_page(journey):
    page = journey.page

    journey.goto("/")
    expect(page.get_by_text("FOSSASIA Demo Summit").first).to_be_visible()
    journey.step("landing page with event cards")

    journey.goto("/explore/events")
    expect(page.get_by_text("FOSSASIA Demo Summit").first).to_be_visible()
    expect(page.get_by_text("Organizer Meetup").first).to_be_visible()
    journey.step("explore")

    page.click(".ui.accordion .title:has-text('Ticket Type')")
    with page.expect_response(lambda response: "/v1/events?" in response.url and "paid" in response.url):
        page.click(".ui.checkbox:has-text('Paid')")
    expect(page.get_by_text("Organizer Meetup")).to_have_count(0)  # only free tickets there
    expect(page.get_by_text("FOSSASIA Demo Summit").first).to_be_visible()
    journey.step("explore paid tickets only")

    journey.goto("/e/demo2026")
    expect(page.get_by_text("FOSSASIA Demo Summit").first).to_be_visible()
    expect(page.get_by_text("Community (free)").first).to_be_visible()
    expect(page.get_by_text("Ada Lovelace").first).to_be_visible()
    expect(page.get_by_text("Supported By")).to_be_visible()
    expect(page.locator("img[alt='Open Tech Foundation']")).to_be_visible()
    journey.step("event page with tickets speakers sponsors")

    journey.goto("/e/demo2026/sessions")
    expect(page.get_by_text("Analytical Engines Today").first).to_be_visible()
    journey.step("event sessions")

    journey.goto("/e/demo2026/speakers")
    expect(page.get_by_text("Ada Lovelace").first).to_be_visible()
    journey.step("event speakers")


#: the client's log-out action calls the private `-routing` service's transitionTo("index"), which throws this in
#: Ember 3.20 after the session is already gone: the client's own error, whatever the server answers
LOGOUT_TRANSITION = "More context objects were passed than there are dynamic segments for the route: index"


def sign_out(journey):
    page = journey.page
    journey.allow_errors(re.escape(LOGOUT_TRANSITION))
    open_user_menu(page)
    page.click("a.logout-button[role=button]")
    expect(page.locator(".nav-bar-image")).to_have_count(0)


def open_user_menu(page, attempts=4):
    """Opens the avatar's drop-down. A click while a closing modal's dimmer fades, or before Semantic UI has bound
    the drop-down, opens nothing (or opens and closes it again); a person clicks again, and so does this."""
    menu = page.locator(".ui.dropdown:has(.nav-bar-image)")
    logout = page.locator("a.logout-button[role=button]")
    for _ in range(attempts):
        menu.click()
        try:
            expect(logout).to_be_visible(timeout=3000)
            return
        except AssertionError:
            page.keyboard.press("Escape")
    expect(logout).to_be_visible()


def sign_in(journey, email, password):
    """The client's log-in form; it lands on the landing page signed in."""
    page = journey.page
    journey.goto("/login")
    wait_for_bound_form(page, "input[name=password]")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    # signed in once the client has loaded the user (only then does it store the session)
    page.click("form button[type=submit]:has-text('Login')")
    expect(page.locator(".nav-bar-image")).to_be_visible()
    wait_for_stored_user(page)
    journey.settle()


def wait_for_bound_form(page, field):
    """The client binds its form validation (Semantic UI's `.form()`, stored as the form's `module-form` data)
    in a debounce after the form renders; a submit before that throws in the client ("Cannot read properties of
    undefined (reading 'form')") and is lost. Waits for the form holding `field` to be bound."""
    page.wait_for_function(
        """(field) => {
            const input = document.querySelector(field);
            const form = input && input.closest(".ui.form");
            return Boolean(form && window.jQuery && window.jQuery(form).data("module-form"));
        }""",
        arg=field,
        timeout=15000,
    )


def wait_for_stored_user(page):
    """The client keeps the signed-in user in its session cookie once it has loaded it; a page load before that
    (the response's headers may have arrived, its body not) signs the client out again."""
    page.wait_for_function(
        """() => {
            const cookie = document.cookie.split("; ").find((c) => c.startsWith("ember_simple_auth-session="));
            if (!cookie) return false;
            const session = JSON.parse(decodeURIComponent(cookie.split("=").slice(1).join("=")));
            return Boolean(session.currentUserFallback && session.currentUserFallback.id);
        }""",
        timeout=15000,
    )


def test_visitor_signs_up_logs_out_and_logs_in_again(journey):
    page = journey.page
    journey.goto("/register")
    page.wait_for_timeout(1000)  # the form's validation binds after render; a click before it is lost
    page.fill("input[placeholder=Email]", "newcomer@example.org")
    page.fill("input[placeholder=Password]", "a-long-password-123")
    page.fill("input[placeholder='Re-enter Password']", "a-long-password-123")
    page.click("button:has-text('Register')")
    expect(page.get_by_text("Thank you for signing up")).to_be_visible()
    journey.step("signed up")
    page.click(".ui.modal .button:has-text('OK')")
    expect(page.locator(".nav-bar-image")).to_be_visible()
    wait_for_stored_user(page)
    assert journey.requests("POST", r"^/v1/users$")[0].status == 201
    journey.step("signed in after sign-up")

    sign_out(journey)
    journey.step("signed out")

    # a wrong password: the client shows the server's 401 as a message
    journey.allow("POST", r"^/auth/session$", 401, "a wrong password is refused; the client says so")
    journey.allow_errors(r"^console error: Error while authentication \{statusText: Unauthorized, status: 401")
    journey.goto("/login")
    page.wait_for_timeout(1000)
    page.fill("input[name=email]", "newcomer@example.org")
    page.fill("input[name=password]", "not-the-password")
    page.click("form button[type=submit]:has-text('Login')")
    expect(page.locator(".ui.negative.message, .ui.error.message").first).to_be_visible()
    journey.step("wrong password refused")

    sign_in(journey, "newcomer@example.org", "a-long-password-123")
    journey.step("logged in")
    sign_out(journey)
    journey.step("logged out")


def test_known_visitor_logs_in_and_out(journey):
    sign_in(journey, journey.world.visitor.email, journey.world.password)
    journey.goto("/my-tickets")
    journey.step("my tickets")
    sign_out(journey)
    journey.step("logged out")


def mailed_token(outbox, path):
    """The token of the last `<path>?token=…` link the server mailed (the file-based outbox of the server)."""
    mails = sorted(outbox.iterdir(), key=lambda mail: mail.stat().st_mtime)
    tokens = [m for mail in mails for m in re.findall(rf"{re.escape(path)}\?token=([^\s&\"<]+)", mail.read_text())]
    assert tokens, f"no {path} link was mailed"
    return tokens[-1]


def test_visitor_resets_a_forgotten_password(journey):
    page = journey.page
    journey.goto("/reset-password")
    page.wait_for_timeout(1000)  # the form's validation binds after render
    page.fill("input[name=email]", journey.world.visitor.email)
    with page.expect_response(lambda response: "/v1/auth/reset-password" in response.url) as asked:
        page.click("button[type=submit]:has-text('Reset Password')")
    assert asked.value.status == 200
    journey.step("reset asked")

    token = mailed_token(journey.world.outbox, "/reset-password")
    journey.goto(f"/reset-password?token={token}")
    page.wait_for_timeout(1000)
    page.fill("input[name=password]", "a-brand-new-password-1")
    page.fill("input[name=password_repeat]", "a-brand-new-password-1")
    with page.expect_response(lambda response: "/v1/auth/reset-password" in response.url) as reset:
        page.click("button[type=submit]:has-text('Reset Password')")
    assert (reset.value.request.method, reset.value.status) == ("PATCH", 200)
    page.wait_for_url("**/login")
    journey.step("password reset")

    sign_in(journey, journey.world.visitor.email, "a-brand-new-password-1")
    journey.step("signed in with the new password")
