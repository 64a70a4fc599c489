"""Fresh login, verify password, logout and blacklist (auth/authentication.apib)."""

import json

import jwt
import pytest
from django.conf import settings
from django.test import Client

from roles.auth import CSRF_REFRESH_COOKIE, REFRESH_COOKIE
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def post(url, body=None, token=None, client=None, headers=None):
    headers = dict(headers or {})
    if token:
        headers["Authorization"] = f"JWT {token}"
    return (client or Client()).post(url, json.dumps(body or {}), content_type="application/json", headers=headers)


def login(user, **extra):
    response = post("/v1/auth/login", {"email": user.email, "password": PASSWORD, **extra})
    assert response.status_code == 200
    return response


def claims(token):
    return jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"])


def can_use(token, user):
    response = Client().get(f"/v1/users/{user.pk}", headers={"Authorization": f"JWT {token}"})
    return response.status_code == 200


def test_login_and_refresh_give_tokens_that_are_not_fresh_in_one_session():
    user = UserFactory()
    tokens = login(user).json()
    assert "fresh" not in claims(tokens["access_token"])  # absent means not fresh: see roles.auth
    refreshed = post("/v1/auth/token/refresh", {"refresh_token": tokens["refresh_token"]}).json()["access_token"]
    assert "fresh" not in claims(refreshed)
    assert claims(refreshed)["sid"] == claims(tokens["access_token"])["sid"]


def test_fresh_login_with_the_signed_in_users_credentials_gives_a_fresh_token_in_the_same_session():
    user = UserFactory()
    tokens = login(user).json()
    stale = post("/v1/auth/token/refresh", {"refresh_token": tokens["refresh_token"]}).json()["access_token"]
    response = post("/v1/auth/fresh-login", {"email": user.email.upper(), "password": PASSWORD}, token=stale)
    assert response.status_code == 200
    fresh = response.json()["access_token"]
    assert set(response.json()) == {"access_token"}
    assert claims(fresh)["fresh"] is True
    assert claims(fresh)["identity"] == user.pk
    assert claims(fresh)["sid"] == claims(stale)["sid"]
    assert can_use(fresh, user)


@pytest.mark.parametrize("which", ["wrong password", "someone else's email"])
def test_fresh_login_with_other_credentials_is_401(which):
    user = UserFactory()
    other = UserFactory()
    email, password = (user.email, "wrong") if which == "wrong password" else (other.email, PASSWORD)
    token = login(user).json()["access_token"]
    response = post("/v1/auth/fresh-login", {"email": email, "password": password}, token=token)
    assert response.status_code == 401
    assert response.json()["errors"][0]["status"] == "401"


def test_fresh_login_and_verify_password_need_a_signed_in_user():
    user = UserFactory()
    assert post("/v1/auth/fresh-login", {"email": user.email, "password": PASSWORD}).status_code == 401
    assert post("/v1/auth/verify-password", {"password": PASSWORD}).status_code == 401


def test_fresh_login_without_fields_is_400():
    user = UserFactory()
    token = login(user).json()["access_token"]
    assert post("/v1/auth/fresh-login", {"email": user.email}, token=token).status_code == 400


def test_verify_password_tells_whether_the_password_is_the_users():
    user = UserFactory()
    token = login(user).json()["access_token"]
    assert post("/v1/auth/verify-password", {"password": PASSWORD}, token=token).json() == {"result": True}
    assert post("/v1/auth/verify-password", {"password": "nope"}, token=token).json() == {"result": False}


def test_verify_password_guesses_are_throttled_like_sign_ins(settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    user = UserFactory()
    token = login(user).json()["access_token"]
    for _ in range(3):
        assert post("/v1/auth/verify-password", {"password": "nope"}, token=token).status_code == 200
    response = post("/v1/auth/verify-password", {"password": PASSWORD}, token=token)
    assert response.status_code == 429
    assert response["Retry-After"]


def test_verify_password_without_password_is_400():
    user = UserFactory()
    token = login(user).json()["access_token"]
    assert post("/v1/auth/verify-password", {}, token=token).status_code == 400


def test_logout_ends_the_session_of_its_tokens_and_only_that_session():
    user = UserFactory()
    first = login(user).json()
    second = login(user).json()
    response = post("/v1/auth/logout", {"refresh_token": first["refresh_token"]}, token=first["access_token"])
    assert response.status_code == 200
    assert response.json() == {"success": True}
    assert post("/v1/auth/token/refresh", {"refresh_token": first["refresh_token"]}).status_code == 401
    assert not can_use(first["access_token"], user)
    assert can_use(second["access_token"], user)
    assert post("/v1/auth/token/refresh", {"refresh_token": second["refresh_token"]}).status_code == 200


def test_logout_with_only_the_access_token_also_stops_its_refresh_token():
    user = UserFactory()
    tokens = login(user).json()
    assert post("/v1/auth/logout", token=tokens["access_token"]).status_code == 200
    assert post("/v1/auth/token/refresh", {"refresh_token": tokens["refresh_token"]}).status_code == 401
    refreshed_before = tokens["access_token"]
    assert not can_use(refreshed_before, user)


def test_logout_without_tokens_or_with_garbage_still_answers_success():
    assert post("/v1/auth/logout").json() == {"success": True}
    assert post("/v1/auth/logout", {"refresh_token": "garbage"}, token="garbage").json() == {"success": True}


def test_remember_me_sets_refresh_cookies_the_web_client_refreshes_and_logout_clears():
    user = UserFactory()
    client = Client()
    response = post("/v1/auth/login", {"email": user.email, "password": PASSWORD, "remember-me": True}, client=client)
    assert response.cookies[REFRESH_COOKIE]["httponly"]
    csrf = response.cookies[CSRF_REFRESH_COOKIE].value
    refreshed = post("/v1/auth/token/refresh", client=client, headers={"X-CSRF-Token": csrf})
    assert refreshed.status_code == 200
    assert "fresh" not in claims(refreshed.json()["access_token"])
    assert post("/v1/auth/token/refresh", client=client, headers={"X-CSRF-Token": "forged"}).status_code == 401
    logout = post("/v1/auth/logout", client=client)
    assert logout.cookies[REFRESH_COOKIE].value == ""
    client.cookies[REFRESH_COOKIE] = response.cookies[REFRESH_COOKIE].value  # a stolen copy of the cookie
    assert post("/v1/auth/token/refresh", client=client, headers={"X-CSRF-Token": csrf}).status_code == 401


def test_remember_me_for_mobile_answers_tokens_without_cookies():
    user = UserFactory()
    response = login(user, **{"remember-me": True, "include-in-response": True})
    assert REFRESH_COOKIE not in response.cookies
    assert response.json()["refresh_token"]


def test_mobile_refresh_with_the_refresh_token_as_bearer():
    user = UserFactory()
    tokens = login(user).json()
    response = post("/v1/auth/token/refresh", token=tokens["refresh_token"])
    assert response.status_code == 200
    assert can_use(response.json()["access_token"], user)


def test_blacklist_ends_every_token_issued_before():
    user = UserFactory()
    first = login(user).json()
    second = login(user).json()
    response = post("/v1/auth/blacklist", token=first["access_token"])
    assert response.status_code == 200
    assert response.json() == {"success": True}
    for tokens in (first, second):
        assert not can_use(tokens["access_token"], user)
        assert post("/v1/auth/token/refresh", {"refresh_token": tokens["refresh_token"]}).status_code == 401
    assert can_use(login(user).json()["access_token"], user)


def test_blacklist_needs_a_signed_in_user():
    assert post("/v1/auth/blacklist").status_code == 401
