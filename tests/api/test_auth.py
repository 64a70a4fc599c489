"""JWT login, refresh, header prefixes, expiry, and the expired-token identity helper (seed 004)."""

import json
from datetime import timedelta

import jwt
import pytest
from django.conf import settings
from django.test import Client
from rest_framework_simplejwt.tokens import AccessToken

from roles.auth import get_identity, get_identity_user, tokens_for
from tests.factories import PASSWORD, PageFactory, UserFactory

pytestmark = pytest.mark.django_db


def post_json(url, body):
    return Client().post(url, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("url", ["/auth/session", "/v1/auth/login"])
@pytest.mark.parametrize("key", ["email", "username"])
def test_login_returns_tokens_with_identity(url, key):
    user = UserFactory(email="ada@example.org")
    response = post_json(url, {key: "Ada@Example.org", "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    payload = jwt.decode(body["access_token"], settings.SECRET_KEY, algorithms=["HS256"])
    assert payload["identity"] == user.pk
    assert "exp" in payload and payload["csrf"]
    assert body["refresh_token"]


@pytest.mark.parametrize(
    "body",
    [{"email": "ada@example.org", "password": "wrong"}, {"email": "nobody@example.org", "password": PASSWORD}],
)
def test_login_with_bad_credentials_is_401_error_document(body):
    UserFactory(email="ada@example.org")
    response = post_json("/v1/auth/login", body)
    assert response.status_code == 401
    assert response.json()["errors"][0]["status"] == "401"


def test_login_missing_fields_is_400():
    response = post_json("/v1/auth/login", {"email": "x@example.org"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["status"] == "400"


def test_blocked_user_cannot_log_in():
    UserFactory(email="ada@example.org", is_blocked=True)
    assert post_json("/v1/auth/login", {"email": "ada@example.org", "password": PASSWORD}).status_code == 401


def test_refresh_gives_new_access_token():
    user = UserFactory()
    refresh = tokens_for(user)["refresh_token"]
    response = post_json("/v1/auth/token/refresh", {"refresh_token": refresh})
    assert response.status_code == 200
    assert AccessToken(response.json()["access_token"])["identity"] == user.pk


def test_refresh_with_garbage_is_401():
    assert post_json("/v1/auth/token/refresh", {"refresh_token": "nope"}).status_code == 401


def test_refresh_with_access_token_is_401():
    access = tokens_for(UserFactory())["access_token"]
    assert post_json("/v1/auth/token/refresh", {"refresh_token": access}).status_code == 401


@pytest.mark.parametrize("prefix", ["JWT", "Bearer"])
def test_both_authorization_prefixes_work(prefix):
    user = UserFactory()
    token = tokens_for(user)["access_token"]
    response = Client().get(f"/v1/users/{user.pk}", headers={"Authorization": f"{prefix} {token}"})
    assert response.status_code == 200
    assert response.json()["data"]["id"] == str(user.pk)


def test_unknown_prefix_is_not_authenticated():
    user = UserFactory()
    token = tokens_for(user)["access_token"]
    response = Client().get(f"/v1/users/{user.pk}", headers={"Authorization": f"Token {token}"})
    assert response.status_code == 401


def _expired_token(user):
    token = AccessToken.for_user(user)
    token.set_exp(lifetime=-timedelta(minutes=5))
    return str(token)


def test_expired_token_is_401():
    user = UserFactory()
    response = Client().get(f"/v1/users/{user.pk}", headers={"Authorization": f"JWT {_expired_token(user)}"})
    assert response.status_code == 401
    error = response.json()["errors"][0]
    assert error["status"] == "401"
    assert "WWW-Authenticate" in response


def test_tampered_token_is_401():
    user = UserFactory()
    token = tokens_for(user)["access_token"]
    response = Client().get(f"/v1/users/{user.pk}", headers={"Authorization": f"JWT {token[:-3]}abc"})
    assert response.status_code == 401


def test_identity_of_expired_token_is_readable():
    user = UserFactory()
    expired = _expired_token(user)
    assert get_identity(expired) == user.pk
    assert get_identity_user(expired) == user


def test_identity_of_forged_token_is_none():
    forged = jwt.encode({"identity": 1}, "not-our-key-but-long-enough-for-hs256!!", algorithm="HS256")
    assert get_identity(forged) is None
    assert get_identity("garbage") is None


def test_jwt_auth_needs_no_csrf_for_writes():
    admin = UserFactory(is_admin=True)
    token = tokens_for(admin)["access_token"]
    client = Client(enforce_csrf_checks=True)
    doc = {"data": {"type": "page", "attributes": {"name": "A", "url": "/a", "description": "d"}}}
    response = client.post(
        "/v1/pages", json.dumps(doc), content_type="application/vnd.api+json", headers={"Authorization": f"JWT {token}"}
    )
    assert response.status_code == 201


def test_session_auth_requires_csrf_for_writes():
    admin = UserFactory(is_admin=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    page = PageFactory()
    response = client.delete(f"/v1/pages/{page.pk}")
    assert response.status_code == 403
    assert "CSRF" in response.json()["errors"][0]["detail"]
