"""The account page (/account) and the forgotten-password and verification pages: errors next to the field,
what was typed stays (passwords excepted), CSRF on every form, and the rules of roles.accounts."""

import re

import pytest
from django.test import Client

from roles.models import User
from tests.factories import PASSWORD, TicketFactory, UserFactory
from tickets.checkout import order_create

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def field_errors(response, name, form_id=None):
    """The error texts rendered next to the field `name` (see templates/_field.html), inside the form
    `form_id` when given (the account page has two `current_password` fields)."""
    html = response.content.decode()
    if form_id:
        html = html[html.index(f'id="{form_id}"') :]
    block = re.search(rf'<div class="mb-3 field-{name}">(.*?)</div>\s*(?=<div class="mb-3|<button)', html, re.S)
    assert block, f"field {name} not rendered"
    return re.findall(r'<div class="invalid-feedback d-block">(.*?)</div>', block.group(1))


def link_token(mail, path):
    return re.search(rf"{re.escape(path)}\?token=(\S+)", mail.body).group(1)


def test_the_account_page_needs_a_session():
    response = Client().get("/account")
    assert response.status_code == 302
    assert response["Location"].startswith("/login")


def test_the_account_page_shows_the_three_forms_and_the_state_of_the_address():
    user = UserFactory(email="ada@example.org", first_name="Ada", is_verified=False)
    response = signed_in(user).get("/account")
    assert response.status_code == 200
    html = response.content.decode()
    for form_id in ("profile-form", "email-form", "password-form", "resend-form"):
        assert f'id="{form_id}"' in html
    assert 'value="Ada"' in html
    assert "not verified" in html
    assert html.count('name="csrfmiddlewaretoken"') >= 4


def test_the_navbar_links_the_account_page():
    assert b'href="/account"' in signed_in(UserFactory()).get("/dashboard").content


def test_saving_the_name():
    user = UserFactory()
    client = signed_in(user)
    response = client.post("/account", {"action": "profile", "profile-first_name": "Grace", "profile-last_name": "H"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Grace", "H")
    assert b"Your profile was saved." in client.get("/account").content


def test_every_account_form_is_csrf_protected():
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    for data in (
        {"action": "profile", "profile-first_name": "X"},
        {"action": "email", "email-email": "x@example.org", "email-current_password": PASSWORD},
        {"action": "password", "password-current_password": PASSWORD},
        {"action": "resend"},
    ):
        assert client.post("/account", data).status_code == 403
    user.refresh_from_db()
    assert user.first_name != "X"


# --- e-mail -----------------------------------------------------------------------------------------------------


def test_an_email_change_with_a_wrong_password_is_an_error_next_to_it_and_keeps_the_address():
    user = UserFactory(email="old@example.org")
    response = signed_in(user).post(
        "/account", {"action": "email", "email-email": "new@example.org", "email-current_password": "wrong"}
    )
    assert response.status_code == 200
    assert field_errors(response, "current_password") == ["The current password is not correct."]
    assert b'value="new@example.org"' in response.content
    assert b'value="wrong"' not in response.content  # passwords are never sent back into a page
    user.refresh_from_db()
    assert (user.email, user.is_verified) == ("old@example.org", True)


def test_an_email_change_waits_for_the_link_and_unverifies_the_account(mailoutbox, django_capture_on_commit_callbacks):
    user = UserFactory(email="old@example.org")
    client = signed_in(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/account", {"action": "email", "email-email": "New@Example.org", "email-current_password": PASSWORD}
        )
    assert response.status_code == 302
    page = client.get("/account").content.decode()
    assert "Check your mail" in page and "new@example.org" in page and "not verified" in page
    user.refresh_from_db()
    assert (user.email, user.is_verified) == ("old@example.org", False)
    [mail] = [m for m in mailoutbox if m.to == ["new@example.org"]]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/verify?token={link_token(mail, '/verify')}")
    assert response.status_code == 302 and response["Location"] == "/account"
    user.refresh_from_db()
    assert (user.email, user.is_verified) == ("new@example.org", True)
    assert "verified" in client.get("/account").content.decode()


def test_an_email_change_to_a_taken_address_looks_the_same(django_capture_on_commit_callbacks, mailoutbox):
    UserFactory(email="taken@example.org")
    messages = []
    for me, target in ((UserFactory(), "taken@example.org"), (UserFactory(), "free@example.org")):
        client = signed_in(me)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/account", {"action": "email", "email-email": target, "email-current_password": PASSWORD}
            )
        assert response.status_code == 302
        page = client.get("/account").content.decode()
        messages.append(re.search(r"Check your mail[^<]*", page).group(0).replace(target, "X"))
    assert messages[0] == messages[1]


def test_resending_the_confirmation_link(django_capture_on_commit_callbacks, mailoutbox):
    user = UserFactory(is_verified=False)
    client = signed_in(user)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/account", {"action": "resend"}).status_code == 302
    [mail] = mailoutbox
    assert mail.subject == "Confirm your e-mail address"
    client.get(f"/verify?token={link_token(mail, '/verify')}")
    user.refresh_from_db()
    assert user.is_verified


def test_a_bad_verification_link_says_so():
    response = Client().get("/verify?token=nonsense")
    assert response.status_code == 400
    assert b"This link is invalid or has expired" in response.content


# --- password -------------------------------------------------------------------------------------------------


def post_password(client, current, new, again=None):
    return client.post(
        "/account",
        {
            "action": "password",
            "password-current_password": current,
            "password-new_password": new,
            "password-new_password_again": new if again is None else again,
        },
    )


def test_a_password_change_needs_the_current_password():
    user = UserFactory()
    response = post_password(signed_in(user), "wrong", "a-brand-new-secret")
    assert response.status_code == 200
    assert field_errors(response, "current_password", "password-form") == ["The current password is not correct."]


@pytest.mark.parametrize(("new", "says"), [("password", "too common"), ("12345678", "entirely numeric")])
def test_a_weak_new_password_is_an_error_next_to_it(new, says):
    response = post_password(signed_in(UserFactory()), PASSWORD, new)
    assert response.status_code == 200
    [error] = field_errors(response, "new_password")
    assert says in error


def test_mismatched_new_passwords():
    response = post_password(signed_in(UserFactory()), PASSWORD, "a-brand-new-secret", "a-brand-new-secreT")
    assert field_errors(response, "new_password_again") == ["The two passwords differ."]


def test_a_password_change_keeps_this_session_and_ends_the_others():
    user = UserFactory()
    here, elsewhere = signed_in(user), signed_in(user)
    response = post_password(here, PASSWORD, "a-brand-new-secret")
    assert response.status_code == 302
    assert here.get("/account").status_code == 200
    assert elsewhere.get("/account").status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-secret")


# --- my tickets -------------------------------------------------------------------------------------------------


def test_my_tickets_lists_my_orders_and_not_others():
    buyer, stranger = UserFactory(), UserFactory()
    ticket = TicketFactory(name="Early bird", event__name="PyCon Account")
    mine = order_create(actor=buyer, event=ticket.event, items=[{"ticket": ticket.pk, "quantity": 2}])
    theirs = order_create(actor=stranger, event=ticket.event, items=[{"ticket": ticket.pk, "quantity": 1}])
    html = signed_in(buyer).get("/account").content.decode()
    assert f'data-identifier="{mine.identifier}"' in html
    assert f'data-identifier="{theirs.identifier}"' not in html
    assert "PyCon Account" in html
    assert html.count('class="my-ticket"') == 2


def test_my_tickets_query_count_does_not_grow_with_orders():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    buyer = UserFactory()
    ticket = TicketFactory()
    client = signed_in(buyer)
    order_create(actor=buyer, event=ticket.event, items=[{"ticket": ticket.pk, "quantity": 1}])
    with CaptureQueriesContext(connection) as one:
        client.get("/account")
    for _ in range(4):
        order_create(actor=buyer, event=ticket.event, items=[{"ticket": ticket.pk, "quantity": 2}])
    with CaptureQueriesContext(connection) as five:
        client.get("/account")
    assert len(five) == len(one)


def test_my_tickets_is_paginated():
    buyer = UserFactory()
    ticket = TicketFactory()
    for _ in range(12):
        order_create(actor=buyer, event=ticket.event, items=[{"ticket": ticket.pk, "quantity": 1}])
    client = signed_in(buyer)
    assert client.get("/account").content.decode().count('class="border rounded p-2 mb-2 my-order"') == 10
    assert client.get("/account?page=2").content.decode().count('class="border rounded p-2 mb-2 my-order"') == 2


# --- forgotten password -----------------------------------------------------------------------------------------


def test_the_sign_in_page_links_forgot_password():
    assert b'href="/reset-password"' in Client().get("/login").content


def test_forgot_password_round_trip(django_capture_on_commit_callbacks, mailoutbox):
    UserFactory(email="ada@example.org")
    client = Client()
    assert client.get("/reset-password").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reset-password", {"email": "Ada@example.org"})
    assert b"Check your mail" in response.content
    token = link_token(mailoutbox[0], "/reset-password")
    page = client.get(f"/reset-password?token={token}")
    assert page.status_code == 200 and b'id="password-reset-confirm-form"' in page.content
    weak = client.post(f"/reset-password?token={token}", {"new_password": "12345678", "new_password_again": "12345678"})
    assert "entirely numeric" in field_errors(weak, "new_password")[0]
    done = client.post(
        f"/reset-password?token={token}",
        {"new_password": "a-brand-new-secret", "new_password_again": "a-brand-new-secret"},
    )
    assert done.status_code == 302 and done["Location"] == "/login"
    assert client.post("/login", {"username": "ada@example.org", "password": "a-brand-new-secret"}).status_code == 302
    reused = Client().get(f"/reset-password?token={token}")
    assert reused.status_code == 400


def test_forgot_password_answers_the_same_for_unknown_addresses(django_capture_on_commit_callbacks, mailoutbox):
    UserFactory(email="ada@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        known = Client().post("/reset-password", {"email": "ada@example.org"})
        unknown = Client().post("/reset-password", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert known.content.replace(b"ada@", b"X@") == unknown.content.replace(b"nobody@", b"X@")
    assert [m.to for m in mailoutbox] == [["ada@example.org"]]


def test_verification_link_from_sign_up_then_sign_in(django_capture_on_commit_callbacks, mailoutbox):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/signup", {"email": "new@example.org", "password": "long-enough-1", "password_again": "long-enough-1"}
        )
    [mail] = [m for m in mailoutbox if m.subject == "Confirm your e-mail address"]
    response = client.get(f"/verify?token={link_token(mail, '/verify')}")
    assert response.status_code == 302 and response["Location"] == "/login"
    assert User.objects.get(email="new@example.org").is_verified
    assert b"is confirmed" in client.get("/login").content


def test_guessing_the_current_password_on_the_account_page_is_throttled():
    user = UserFactory()
    client = signed_in(user)
    guess = {"action": "email", "email-email": "new@example.org", "email-current_password": "guess"}
    for _ in range(5):
        assert client.post("/account", guess).status_code == 200
    response = client.post("/account", {**guess, "email-current_password": PASSWORD})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert b"Too many failed sign-in attempts" in response.content
    user.refresh_from_db()
    assert user.is_verified
