"""The account page in headless Chromium: name, e-mail change (current password; confirmed from the mail),
password change, my tickets; and the forgotten-password round trip from the sign-in page."""

import re

import pytest
from django.core import mail

from roles.models import User
from tests.e2e.conftest import screenshot, sign_in
from tests.factories import PASSWORD, TicketFactory, UserFactory
from tickets.checkout import order_create

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def mailed_link(to, path):
    [message] = [m for m in mail.outbox if m.to == [to] and f"{path}?token=" in m.body]
    return re.search(rf"https?://\S+{re.escape(path)}\?token=\S+", message.body).group(0)


def relative(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_account_page_round_trips(page, live_server):
    from playwright.sync_api import expect

    user = UserFactory(email="ada@example.org", first_name="Ada", last_name="Byron")
    ticket = TicketFactory(name="Early bird", event__name="PyCon Browser")
    order_create(actor=user, event=ticket.event, items=[{"ticket": ticket.pk, "quantity": 2}])
    sign_in(page, user, PASSWORD)
    page.click("#nav-user")
    page.wait_for_url("**/account")
    expect(page.locator("#email-state")).to_have_text("verified")
    expect(page.locator(".my-order .order-event")).to_have_text("PyCon Browser")
    expect(page.locator(".my-ticket")).to_have_count(2)
    screenshot(page, "account-page")

    # name
    page.fill("#id_profile-last_name", "Lovelace")
    page.click("#save-profile")
    expect(page.locator(".alert-success")).to_have_text("Your profile was saved.")
    expect(page.locator("#id_profile-last_name")).to_have_value("Lovelace")

    # e-mail: a wrong password is an error next to it, and the typed address stays
    page.fill("#id_email-email", "ada@lovelace.example")
    page.fill("#id_email-current_password", "not-my-password")
    page.click("#save-email")
    expect(page.locator("#email-form .field-current_password .invalid-feedback")).to_have_text(
        "The current password is not correct."
    )
    expect(page.locator("#id_email-email")).to_have_value("ada@lovelace.example")
    screenshot(page, "account-email-error")
    page.fill("#id_email-current_password", PASSWORD)
    page.click("#save-email")
    expect(page.locator(".alert-success")).to_contain_text("Check your mail")
    expect(page.locator("#email-state")).to_have_text("not verified")
    expect(page.locator("#current-email")).to_have_text("ada@example.org")

    # the link in the mail to the new address switches it and verifies the account
    page.goto(relative(mailed_link("ada@lovelace.example", "/verify")))
    page.wait_for_url("**/account")
    expect(page.locator(".alert-success")).to_have_text("ada@lovelace.example is confirmed.")
    expect(page.locator("#current-email")).to_have_text("ada@lovelace.example")
    expect(page.locator("#email-state")).to_have_text("verified")

    # password: errors next to the fields, then a change that keeps this session
    page.fill("#id_password-current_password", PASSWORD)
    page.fill("#id_password-new_password", "12345678")
    page.fill("#id_password-new_password_again", "12345678")
    page.click("#save-password")
    expect(page.locator("#password-form .field-new_password .invalid-feedback")).to_contain_text("entirely numeric")
    page.fill("#id_password-current_password", PASSWORD)
    page.fill("#id_password-new_password", "analytical-engine-1843")
    page.fill("#id_password-new_password_again", "analytical-engine-1843")
    page.click("#save-password")
    expect(page.locator(".alert-success")).to_contain_text("Your password was changed.")
    screenshot(page, "account-password-changed")
    page.reload()
    expect(page.locator("#current-email")).to_have_text("ada@lovelace.example")  # still signed in
    assert User.objects.get(pk=user.pk).check_password("analytical-engine-1843")


def test_forgot_password_from_the_sign_in_page(page, live_server):
    from playwright.sync_api import expect

    UserFactory(email="grace@example.org")
    page.goto("/login")
    page.click("#forgot-password")
    page.fill("#id_email", "grace@example.org")
    page.click("#password-reset-form button[type=submit]")
    expect(page.locator("#check-mail-message")).to_contain_text("grace@example.org")
    page.goto(relative(mailed_link("grace@example.org", "/reset-password")))
    page.fill("#id_new_password", "compiler-pioneer-1952")
    page.fill("#id_new_password_again", "compiler-pioneer-1952")
    page.click("#password-reset-confirm-form button[type=submit]")
    page.wait_for_url("**/login")
    expect(page.locator(".alert-success")).to_contain_text("Sign in with the new one")
    page.fill("#id_username", "grace@example.org")
    page.fill("#id_password", "compiler-pioneer-1952")
    page.click("#sign-in-form button[type=submit]")
    page.wait_for_url("**/dashboard")


def test_sign_in_throttling_shows_a_form_error(page, live_server):
    from playwright.sync_api import expect

    user = UserFactory(email="linus@example.org")
    for _ in range(5):
        page.goto("/login")
        page.fill("#id_username", user.email)
        page.fill("#id_password", "not-the-password")
        page.click("#sign-in-form button[type=submit]")
        expect(page.locator(".form-errors")).to_contain_text("Please enter a correct")
    page.fill("#id_password", PASSWORD)
    page.click("#sign-in-form button[type=submit]")
    expect(page.locator(".form-errors")).to_contain_text("Too many failed sign-in attempts")
    expect(page.locator("#id_username")).to_have_value(user.email)
    screenshot(page, "sign-in-throttled")
