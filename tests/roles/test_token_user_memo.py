"""A token's user is loaded once per content generation and process (roles.authentication.token_users): the
token checks still run on every request, and every way a token dies still kills it on the very next request —
a password change, a logged-out session, a block — because each is a committed write that moves the generation
on (eventyay.api.generation). Writes commit for real here (transaction=True); needs Redis (the subscription)."""

import json
import os

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from eventyay.api import generation
from roles.auth import tokens_for
from roles.authentication import token_users
from roles.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI sets it)"),
]


@pytest.fixture(autouse=True)
def memo(settings):
    settings.API_TOKEN_USER_MEMO = True
    generation.watch.close()
    generation.watch.retry_at = 0.0
    token_users.clear()
    yield
    token_users.clear()


def get(path, access):
    return Client().get(path, headers={"Authorization": f"JWT {access}"})


def user_queries(captured):
    return [q["sql"] for q in captured.captured_queries if 'FROM "roles_user"' in q["sql"]]


def warm(access):
    for _ in range(3):  # subscribes, reads the counter, then loads the user under a trusted generation
        assert get("/v1/events", access).status_code == 200
    assert generation.watch.known() is not None


def test_a_held_user_costs_no_query():
    access = tokens_for(UserFactory())["access_token"]
    warm(access)
    with CaptureQueriesContext(connection) as captured:
        assert get("/v1/events", access).status_code == 200
    assert user_queries(captured) == []


def test_a_password_change_kills_the_old_token_on_the_next_request():
    user = UserFactory()
    access = tokens_for(user)["access_token"]
    warm(access)
    changed = Client().post(
        "/v1/auth/change-password",
        json.dumps({"data": {"old-password": PASSWORD, "new-password": "a-brand-new-secret"}}),
        content_type="application/json",
        headers={"Authorization": f"JWT {access}"},
    )
    assert changed.status_code == 200
    assert get("/v1/events", access).status_code == 401
    user.refresh_from_db()
    assert get("/v1/events", tokens_for(user)["access_token"]).status_code == 200


def test_a_logged_out_session_is_refused_on_the_next_request():
    user = UserFactory()
    tokens = tokens_for(user)
    warm(tokens["access_token"])
    logout = Client().post(
        "/v1/auth/logout",
        json.dumps({"refresh_token": tokens["refresh_token"]}),
        content_type="application/json",
        headers={"Authorization": f"JWT {tokens['access_token']}"},
    )
    assert logout.status_code == 200
    assert get("/v1/events", tokens["access_token"]).status_code == 401


def test_a_block_is_seen_on_the_next_request():
    user = UserFactory()
    access = tokens_for(user)["access_token"]
    warm(access)
    User.objects.filter(pk=user.pk).update(is_blocked=True)  # a bulk update: no signals, seen on the connection
    assert get("/v1/events", access).status_code == 401


def test_each_request_gets_its_own_copy_of_the_user():
    user = UserFactory()
    access = tokens_for(user)["access_token"]
    warm(access)
    from rest_framework_simplejwt.tokens import AccessToken

    from roles.authentication import token_user

    token = AccessToken(access)
    first, second = token_user(token), token_user(token)
    assert first == second and first is not second
    first.first_name = "Changed in one request"
    assert second.first_name == user.first_name
