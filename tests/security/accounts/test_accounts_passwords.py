"""Issue 10, item 3 — password change and reset, as the Open Event Server has them, with Django's validators.

A clumsy client tries "password" and "12345678"; an attacker with a stolen token tries to change the password
without the current one; someone asks for a reset of an address that may or may not exist."""

import pytest

from roles.auth import tokens_for
from tests.factories import PASSWORD
from tests.servers import needs_postgres_and_redis

pytestmark = [pytest.mark.integration, needs_postgres_and_redis]

WEAK = ["password", "12345678"]


@pytest.mark.parametrize("weak", WEAK)
def test_sign_up_with_a_weak_password_is_a_clear_422(live_url, http, unique_email, weak):
    doc = {"data": {"type": "user", "attributes": {"email": unique_email(), "password": weak}}}
    response = http(live_url).jsonapi("POST", "/v1/users", doc)
    assert response.status == 422
    [error] = response.json()["errors"]
    assert error["source"]["pointer"] == "/data/attributes/password"
    assert error["detail"]


@pytest.mark.parametrize("weak", WEAK)
def test_change_password_refuses_weak_passwords(live_url, http, live_user, weak):
    user = live_user()
    api = http(live_url, token=tokens_for(user)["access_token"])
    response = api.post_json("/v1/auth/change-password", {"data": {"old-password": PASSWORD, "new-password": weak}})
    assert response.status == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/new-password"


def test_a_stolen_token_cannot_change_the_password_without_the_current_one(live_url, http, live_user):
    user = live_user()
    thief = http(live_url, token=tokens_for(user)["access_token"])
    body = {"data": {"old-password": "i-do-not-know-it", "new-password": "the-thief-owns-it-now"}}
    response = thief.post_json("/v1/auth/change-password", body)
    assert response.status == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/old-password"
    patch = {"data": {"type": "user", "id": str(user.pk), "attributes": {"password": "the-thief-owns-it-now"}}}
    assert thief.jsonapi("PATCH", f"/v1/users/{user.pk}", patch).status == 422
    login = http(live_url).post_json("/v1/auth/login", {"email": user.email, "password": PASSWORD})
    assert login.status == 200


def test_change_password_round_trip(live_url, http, live_user):
    user = live_user()
    api = http(live_url, token=tokens_for(user)["access_token"])
    body = {"data": {"old-password": PASSWORD, "new-password": "a-brand-new-secret"}}
    response = api.post_json("/v1/auth/change-password", body)
    assert response.status == 200
    assert response.json()["password-changed"] is True
    old = http(live_url).post_json("/v1/auth/login", {"email": user.email, "password": PASSWORD})
    new = http(live_url).post_json("/v1/auth/login", {"email": user.email, "password": "a-brand-new-secret"})
    assert (old.status, new.status) == (401, 200)


def test_reset_never_tells_whether_the_account_exists_and_the_token_works_once(live_url, http, live_user, mailbox):
    user = live_user()
    known = http(live_url).post_json("/v1/auth/reset-password", {"data": {"email": user.email}})
    unknown = http(live_url).post_json("/v1/auth/reset-password", {"data": {"email": "no-one-" + user.email}})
    assert (known.status, known.body) == (unknown.status, unknown.body)
    token = mailbox.link(user.email, "/reset-password")
    weak = http(live_url).patch_json("/v1/auth/reset-password", {"data": {"token": token, "password": "12345678"}})
    assert weak.status == 422 and weak.json()["errors"][0]["source"]["pointer"] == "/data/password"
    done = http(live_url).patch_json(
        "/v1/auth/reset-password", {"data": {"token": token, "password": "reset-1-secret"}}
    )
    assert done.status == 200 and done.json()["email"] == user.email
    replay = http(live_url).patch_json(
        "/v1/auth/reset-password", {"data": {"token": token, "password": "reset-2-secret"}}
    )
    assert replay.status == 422
    login = http(live_url).post_json("/v1/auth/login", {"email": user.email, "password": "reset-1-secret"})
    assert login.status == 200


def test_a_reset_token_cannot_be_forged_for_another_user(live_url, http, live_user, mailbox):
    mine, victim = live_user(), live_user()
    http(live_url).post_json("/v1/auth/reset-password", {"data": {"email": mine.email}})
    token = mailbox.link(mine.email, "/reset-password")
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    _, _, secret = token.partition(".")
    forged = f"{urlsafe_base64_encode(force_bytes(victim.pk))}.{secret}"
    body = {"data": {"token": forged, "password": "i-own-the-victim-1"}}
    assert http(live_url).patch_json("/v1/auth/reset-password", body).status == 422
