"""Account endpoints (Open Event blueprint auth/): e-mail verification, password change and reset, e-mail
change through PATCH /v1/users/<id>, password validators. Messages never tell whether an account exists."""

import json
import re

import pytest
from django.test import Client

from roles.models import User
from tests.conftest import ApiClient, resource
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def post_json(url, body, method="post", headers=None):
    return getattr(Client(), method)(url, json.dumps(body), content_type="application/json", headers=headers or {})


def link_token(mail, path):
    match = re.search(rf"{re.escape(path)}\?token=(\S+)", mail.body)
    assert match, mail.body
    return match.group(1)


@pytest.fixture
def mails(mailoutbox, django_capture_on_commit_callbacks):
    """Mail sent inside the block is delivered (on-commit callbacks run): `with mails.sent(): ...`."""

    class Mails(list):
        def sent(self):
            return django_capture_on_commit_callbacks(execute=True)

        def to(self, address, subject=None):
            return [m for m in mailoutbox if address in m.to and (subject is None or m.subject == subject)]

    return Mails()


# --- e-mail verification ------------------------------------------------------------------------------------


def test_sign_up_mails_a_link_that_verifies_the_address(mails):
    with mails.sent():
        response = ApiClient().post(
            "/v1/users", resource("user", {"email": "ada@example.org", "password": "long-enough-pw"})
        )
    assert response.status_code == 201
    assert response.json()["data"]["attributes"]["is-verified"] is False
    [mail] = mails.to("ada@example.org", "Confirm your e-mail address")
    token = link_token(mail, "/verify")
    response = post_json("/v1/auth/verify-email", {"data": {"token": token}})
    assert (response.status_code, response.json()) == (200, {"message": "Email Verified"})
    user = User.objects.get(email="ada@example.org")
    assert user.is_verified
    assert ApiClient(user).get(f"/v1/users/{user.pk}").json()["data"]["attributes"]["is-verified"] is True
    assert post_json("/v1/auth/verify-email", {"data": {"token": token}}).status_code == 200  # idempotent


@pytest.mark.parametrize("token", ["garbage", "", None])
def test_verify_email_with_a_bad_token_is_a_clear_error(token):
    response = post_json("/v1/auth/verify-email", {"data": {"token": token}})
    assert response.status_code in (400, 422)
    [error] = response.json()["errors"]
    assert error["source"]["pointer"] == "/data/token"


def test_verify_email_link_expires(settings, mails):
    user = UserFactory(is_verified=False)
    with mails.sent():
        post_json("/v1/auth/resend-verification-email", {"data": {"email": user.email}})
    token = link_token(mails.to(user.email)[0], "/verify")
    settings.EMAIL_VERIFICATION_MAX_AGE = -1
    response = post_json("/v1/auth/verify-email", {"data": {"token": token}})
    assert response.status_code == 422
    user.refresh_from_db()
    assert not user.is_verified


def test_a_verification_token_signed_with_another_key_is_refused(settings):
    from django.core import signing

    user = UserFactory(is_verified=False)
    forged = signing.dumps(
        {"u": user.pk, "e": user.email}, key="some-other-key", salt="roles.accounts.verify-email", compress=True
    )
    assert post_json("/v1/auth/verify-email", {"data": {"token": forged}}).status_code == 422


def test_resend_verification_answers_the_same_for_any_address(mails):
    unverified = UserFactory(email="new@example.org", is_verified=False)
    UserFactory(email="done@example.org")
    answers = set()
    with mails.sent():
        for email in ("new@example.org", "done@example.org", "nobody@example.org"):
            response = post_json("/v1/auth/resend-verification-email", {"data": {"email": email}})
            answers.add((response.status_code, response.content))
    assert answers == {(200, b'{"message":"Verification email resent"}')}
    assert [m.to for m in mails.to(unverified.email)] == [["new@example.org"]]
    assert mails.to("done@example.org") == [] and mails.to("nobody@example.org") == []


def test_resend_verification_cannot_flood_a_mailbox(mails):
    user = UserFactory(is_verified=False)
    with mails.sent():
        for _ in range(5):
            post_json("/v1/auth/resend-verification-email", {"data": {"email": user.email}})
    assert len(mails.to(user.email)) == 1


# --- password change ------------------------------------------------------------------------------------------


def change_password(user, old, new):
    return ApiClient(user).post(
        "/v1/auth/change-password",
        {"data": {"old-password": old, "new-password": new}},
        content_type="application/json",
    )


def test_change_password_needs_the_current_one():
    user = UserFactory()
    response = change_password(user, "not-the-password", "a-brand-new-secret")
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/old-password"
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_change_password_answers_the_blueprint_shape():
    user = UserFactory(first_name="Ada", last_name="Lovelace")
    response = change_password(user, PASSWORD, "a-brand-new-secret")
    assert response.status_code == 200
    assert response.json() == {
        "email": user.email,
        "id": str(user.pk),
        "name": "Ada Lovelace",
        "password-changed": True,
    }
    user.refresh_from_db()
    assert user.check_password("a-brand-new-secret")


def test_change_password_is_for_signed_in_users_only():
    response = post_json("/v1/auth/change-password", {"data": {"old-password": "x", "new-password": "y"}})
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("password", "says"),
    [
        ("password", "too common"),
        ("12345678", "entirely numeric"),
        ("short", "too short"),
        ("lovelace-ada", "too similar"),
    ],
)
def test_weak_new_passwords_are_refused_with_a_pointer(password, says):
    user = UserFactory(first_name="Ada", last_name="Lovelace", email="lovelace.ada@example.org")
    response = change_password(user, PASSWORD, password)
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["source"]["pointer"] == "/data/new-password"
    assert says in error["detail"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize("password", ["password", "12345678"])
def test_sign_up_refuses_weak_passwords_with_a_pointer(password):
    response = ApiClient().post("/v1/users", resource("user", {"email": "ada@example.org", "password": password}))
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["source"]["pointer"] == "/data/attributes/password"
    assert not User.objects.exists()


# --- password reset ----------------------------------------------------------------------------------------


def test_reset_request_answers_the_same_whether_or_not_the_account_exists(mails):
    UserFactory(email="ada@example.org")
    with mails.sent():
        known = post_json("/v1/auth/reset-password", {"data": {"email": "ada@example.org"}})
        unknown = post_json("/v1/auth/reset-password", {"data": {"email": "nobody@example.org"}})
    assert (
        (known.status_code, known.content)
        == (unknown.status_code, unknown.content)
        == (200, b'{"message":"Email Sent"}')
    )
    assert len(mails.to("ada@example.org", "Reset your eventyay password")) == 1
    assert mails.to("nobody@example.org") == []


def test_reset_with_the_mailed_token_sets_the_password_once(mails):
    user = UserFactory(first_name="Ada", last_name="")
    with mails.sent():
        post_json("/v1/auth/reset-password", {"data": {"email": user.email.upper()}})
    token = link_token(mails.to(user.email)[0], "/reset-password")
    response = post_json("/v1/auth/reset-password", {"data": {"token": token, "password": "a-fresh-secret"}}, "patch")
    assert (response.status_code, response.json()) == (200, {"id": str(user.pk), "email": user.email, "name": "Ada"})
    user.refresh_from_db()
    assert user.check_password("a-fresh-secret")
    again = post_json("/v1/auth/reset-password", {"data": {"token": token, "password": "another-secret-1"}}, "patch")
    assert again.status_code == 422
    assert again.json()["errors"][0]["source"]["pointer"] == "/data/token"


def test_reset_refuses_weak_passwords_and_keeps_the_token_usable(mails):
    user = UserFactory()
    with mails.sent():
        post_json("/v1/auth/reset-password", {"data": {"email": user.email}})
    token = link_token(mails.to(user.email)[0], "/reset-password")
    weak = post_json("/v1/auth/reset-password", {"data": {"token": token, "password": "12345678"}}, "patch")
    assert weak.status_code == 422
    assert weak.json()["errors"][0]["source"]["pointer"] == "/data/password"
    good = post_json("/v1/auth/reset-password", {"data": {"token": token, "password": "a-fresh-secret"}}, "patch")
    assert good.status_code == 200


@pytest.mark.parametrize("token", ["", "abc", "MQ.zzz-zzz", "not.a-token"])
def test_reset_with_a_bad_token_is_a_clear_error(token):
    UserFactory()
    response = post_json("/v1/auth/reset-password", {"data": {"token": token, "password": "a-fresh-secret"}}, "patch")
    assert response.status_code in (400, 422)
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/token"


def test_reset_is_refused_for_a_blocked_account(mails):
    user = UserFactory()
    with mails.sent():
        post_json("/v1/auth/reset-password", {"data": {"email": user.email}})
    token = link_token(mails.to(user.email)[0], "/reset-password")
    user.is_blocked = True
    user.save()
    response = post_json("/v1/auth/reset-password", {"data": {"token": token, "password": "a-fresh-secret"}}, "patch")
    assert response.status_code == 422


# --- e-mail change (PATCH /v1/users/<id>) -----------------------------------------------------------------------


def patch_me(user, attributes):
    return ApiClient(user).patch(f"/v1/users/{user.pk}", resource("user", attributes, id=user.pk))


@pytest.mark.parametrize("attributes", [{"email": "new@example.org"}, {"password": "a-brand-new-secret"}])
def test_changing_email_or_password_needs_the_current_password(attributes):
    user = UserFactory(email="old@example.org")
    response = patch_me(user, attributes)
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/current-password"
    wrong = patch_me(user, {**attributes, "current-password": "wrong-password"})
    assert wrong.status_code == 422
    user.refresh_from_db()
    assert (user.email, user.is_verified, user.check_password(PASSWORD)) == ("old@example.org", True, True)


def test_email_change_makes_the_account_unverified_until_the_new_address_confirms(mails):
    user = UserFactory(email="old@example.org")
    with mails.sent():
        response = patch_me(user, {"email": "New@Example.org", "current-password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert body["data"]["attributes"]["email"] == "old@example.org"
    assert body["data"]["attributes"]["is-verified"] is False
    assert body["meta"]["message"].startswith("Check your mail")
    [mail] = mails.to("new@example.org", "Confirm your new e-mail address")
    response = post_json("/v1/auth/verify-email", {"data": {"token": link_token(mail, "/verify")}})
    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.email, user.is_verified) == ("new@example.org", True)
    # the link worked once: the account's address moved on
    assert post_json("/v1/auth/verify-email", {"data": {"token": link_token(mail, "/verify")}}).status_code == 422


def test_email_change_to_a_taken_address_answers_the_same_and_changes_nothing(mails):
    UserFactory(email="taken@example.org")
    alice = UserFactory(email="alice@example.org")
    bob = UserFactory(email="bob@example.org")
    with mails.sent():
        taken = patch_me(alice, {"email": "taken@example.org", "current-password": PASSWORD})
        free = patch_me(bob, {"email": "free@example.org", "current-password": PASSWORD})
    assert taken.status_code == free.status_code == 200
    assert taken.json()["meta"]["message"].replace("taken@", "X@") == free.json()["meta"]["message"].replace(
        "free@", "X@"
    )
    assert [m.subject for m in mails.to("taken@example.org")] == ["You already have an eventyay account"]
    alice.refresh_from_db()
    assert alice.email == "alice@example.org"


def test_admin_changes_another_users_email_at_once_unverified(admin_api, mails):
    user = UserFactory(email="old@example.org")
    with mails.sent():
        response = admin_api.patch(f"/v1/users/{user.pk}", resource("user", {"email": "new@example.org"}, id=user.pk))
    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.email, user.is_verified) == ("new@example.org", False)
    assert mails.to("new@example.org", "Confirm your e-mail address")


def test_users_cannot_verify_themselves():
    user = UserFactory(is_verified=False)
    assert patch_me(user, {"is-verified": True}).status_code == 403
