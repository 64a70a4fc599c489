"""Login throttling on /v1/auth/login, /auth/session, the dashboard sign-in and the Django admin: after a few
failures per account or per client address within the window, every attempt is refused, whatever the
password; the answers never tell whether the account exists."""

import json

import pytest
from django.test import Client

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def login(url, email, password, **extra):
    return Client().post(url, json.dumps({"email": email, "password": password}), "application/json", **extra)


@pytest.mark.parametrize("url", ["/v1/auth/login", "/auth/session"])
def test_the_right_password_is_refused_after_too_many_failures(url, settings):
    user = UserFactory()
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        assert login(url, user.email, "wrong-password").status_code == 401
    response = login(url, user.email, PASSWORD)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= settings.LOGIN_FAILURE_WINDOW + 1
    [error] = response.json()["errors"]
    assert error["status"] == "429"
    assert "Too many failed sign-in attempts" in error["detail"]


def test_unknown_accounts_are_throttled_the_same_way(settings):
    UserFactory(email="real@example.org")
    answers = {}
    for email in ("real@example.org", "ghost@example.org"):
        statuses = [login("/v1/auth/login", email, "wrong-password").status_code for _ in range(6)]
        last = login("/v1/auth/login", email, "wrong-password")
        answers[email] = (statuses, last.status_code, last.json()["errors"][0]["detail"])
    assert answers["real@example.org"] == answers["ghost@example.org"]
    assert answers["real@example.org"][0] == [401] * 5 + [429]


def test_the_address_is_throttled_across_accounts(settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 3
    user = UserFactory()
    for n in range(3):
        assert login("/v1/auth/login", f"guess{n}@example.org", "wrong-password").status_code == 401
    assert login("/v1/auth/login", user.email, PASSWORD).status_code == 429
    other_address = login("/v1/auth/login", user.email, PASSWORD, REMOTE_ADDR="10.0.0.7")
    assert other_address.status_code == 200


def test_a_forged_forwarded_for_header_does_not_reset_the_address(settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 3
    for n in range(3):
        response = login("/v1/auth/login", f"guess{n}@example.org", "x", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        assert response.status_code == 401
    assert login("/v1/auth/login", "guess9@example.org", "x", HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429


def test_behind_trusted_proxies_the_forwarded_address_counts(settings):
    settings.NUM_PROXIES = 1
    settings.LOGIN_FAILURES_PER_ADDRESS = 2
    for _ in range(2):
        login("/v1/auth/login", "a@example.org", "x", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert login("/v1/auth/login", "b@example.org", "x", HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429
    assert login("/v1/auth/login", "b@example.org", "x", HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 401


def test_a_success_clears_the_account_count():
    user = UserFactory()
    for _ in range(4):
        login("/v1/auth/login", user.email, "wrong-password")
    assert login("/v1/auth/login", user.email, PASSWORD).status_code == 200
    for _ in range(4):
        assert login("/v1/auth/login", user.email, "wrong-password").status_code == 401
    assert login("/v1/auth/login", user.email, PASSWORD).status_code == 200


def test_the_dashboard_sign_in_shows_a_form_error_with_429():
    user = UserFactory()
    client = Client()
    for _ in range(5):
        response = client.post("/login", {"username": user.email, "password": "wrong-password"})
        assert response.status_code == 200
    response = client.post("/login", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert b"Too many failed sign-in attempts" in response.content
    assert f'value="{user.email}"'.encode() in response.content  # what was typed stays
    assert client.get("/dashboard").status_code == 302


def test_api_failures_count_for_the_dashboard_too():
    user = UserFactory()
    for _ in range(5):
        login("/v1/auth/login", user.email, "wrong-password")
    assert Client().post("/login", {"username": user.email, "password": PASSWORD}).status_code == 429


def test_the_admin_sign_in_is_throttled_too():
    admin = UserFactory(is_admin=True)
    for _ in range(5):
        login("/v1/auth/login", admin.email, "wrong-password")
    client = Client()
    response = client.post("/admin/login/", {"username": admin.email, "password": PASSWORD})
    assert response.status_code == 200  # the form again, not the redirect into the admin
    assert client.get("/admin/").status_code == 302


def test_wrong_current_passwords_on_change_password_count_as_failures():
    from roles.auth import tokens_for

    user = UserFactory()
    headers = {"Authorization": f"JWT {tokens_for(user)['access_token']}"}
    body = json.dumps({"data": {"old-password": "guess", "new-password": "a-brand-new-secret"}})
    for _ in range(5):
        response = Client().post("/v1/auth/change-password", body, "application/json", headers=headers)
        assert response.status_code == 422
    response = Client().post("/v1/auth/change-password", body, "application/json", headers=headers)
    assert response.status_code == 429
    assert "Retry-After" in response
