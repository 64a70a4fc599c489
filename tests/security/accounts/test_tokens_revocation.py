"""Issue 10, item 4 — tokens die with the credential.

Someone holds a victim's access token, refresh token, an open notification socket and a dashboard session.
After the victim changes or resets the password, or an admin blocks, deactivates or deletes the account,
each of them fails on its very next use (and the socket is closed at once), on a live server with Redis."""

import json

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from roles.auth import tokens_for
from tests.factories import PASSWORD
from tests.servers import needs_postgres_and_redis

pytestmark = [pytest.mark.integration, needs_postgres_and_redis]


def sign_in_everywhere(live_url, http, user):
    """What an attacker may hold: tokens from the login and a dashboard session (the socket comes last, see
    `connected_socket`)."""
    login = http(live_url).post_json("/v1/auth/login", {"email": user.email, "password": PASSWORD})
    assert login.status == 200, login
    tokens = login.json()
    session = http(live_url)
    signed_in = session.submit("/login", {"username": user.email, "password": PASSWORD})
    assert signed_in.status == 302 and session.request("GET", "/dashboard").status == 200
    return tokens, session


def open_socket(live_url, token):
    return connect(live_url.replace("http://", "ws://") + f"/ws/notifications?token={token}", origin=live_url)


def connected_socket(live_url, tokens):
    """A socket opened with the access token, right before the change (so the test does not depend on how long
    an idle socket lives under Redis: issue 10 item 16, a separate fix)."""
    socket = open_socket(live_url, tokens["access_token"])
    assert json.loads(socket.recv(timeout=10))["meta"] == "WS connected"
    return socket


def assert_socket_closed(socket):
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            socket.recv(timeout=10)
    assert closed.value.rcvd.code == 4401


def assert_everything_dead(live_url, http, user, tokens, session, socket):
    assert_socket_closed(socket)
    api = http(live_url, token=tokens["access_token"])
    assert api.get(f"/v1/users/{user.pk}").status == 401
    event = {"data": {"type": "event", "attributes": {"name": "Still here", "timezone": "UTC"}}}
    assert api.jsonapi("POST", "/v1/events", event).status == 401
    refresh = http(live_url).post_json("/v1/auth/token/refresh", {"refresh_token": tokens["refresh_token"]})
    assert refresh.status == 401
    dashboard = session.request("GET", "/dashboard")
    assert dashboard.status == 302 and dashboard.header("location").startswith("/login")
    with open_socket(live_url, tokens["access_token"]) as again:  # reconnecting with the old token
        assert_socket_closed(again)


def test_a_password_change_kills_every_older_credential(live_url, http, live_user):
    user = live_user()
    tokens, session = sign_in_everywhere(live_url, http, user)
    mine = http(live_url, token=tokens_for(user)["access_token"])
    body = {"data": {"old-password": PASSWORD, "new-password": "a-brand-new-secret"}}
    socket = connected_socket(live_url, tokens)
    assert mine.post_json("/v1/auth/change-password", body).status == 200
    assert_everything_dead(live_url, http, user, tokens, session, socket)
    fresh = http(live_url).post_json("/v1/auth/login", {"email": user.email, "password": "a-brand-new-secret"})
    assert http(live_url, token=fresh.json()["access_token"]).get(f"/v1/users/{user.pk}").status == 200


def test_a_password_reset_kills_every_older_credential(live_url, http, live_user, mailbox):
    user = live_user()
    tokens, session = sign_in_everywhere(live_url, http, user)
    http(live_url).post_json("/v1/auth/reset-password", {"data": {"email": user.email}})
    token = mailbox.link(user.email, "/reset-password")
    socket = connected_socket(live_url, tokens)
    reset = http(live_url).patch_json(
        "/v1/auth/reset-password", {"data": {"token": token, "password": "reset-secret-1"}}
    )
    assert reset.status == 200
    assert_everything_dead(live_url, http, user, tokens, session, socket)


@pytest.mark.parametrize("change", [{"is-blocked": True}, {"deleted-at": "delete"}], ids=["blocked", "deleted"])
def test_an_admin_block_or_deletion_kills_every_credential(live_url, http, live_user, change):
    user = live_user()
    admin = live_user(is_admin=True, is_super_admin=True)
    tokens, session = sign_in_everywhere(live_url, http, user)
    admin_api = http(live_url, token=tokens_for(admin)["access_token"])
    socket = connected_socket(live_url, tokens)
    if "deleted-at" in change:
        assert admin_api.request("DELETE", f"/v1/users/{user.pk}?permanent=true").status == 200
    else:
        doc = {"data": {"type": "user", "id": str(user.pk), "attributes": change}}
        assert admin_api.jsonapi("PATCH", f"/v1/users/{user.pk}", doc).status == 200
    assert_everything_dead(live_url, http, user, tokens, session, socket)


def test_unblocking_does_not_revive_old_tokens(live_url, http, live_user):
    user = live_user()
    admin = live_user(is_admin=True)
    tokens = tokens_for(user)
    admin_api = http(live_url, token=tokens_for(admin)["access_token"])
    for blocked in (True, False):
        doc = {"data": {"type": "user", "id": str(user.pk), "attributes": {"is-blocked": blocked}}}
        assert admin_api.jsonapi("PATCH", f"/v1/users/{user.pk}", doc).status == 200
    assert http(live_url, token=tokens["access_token"]).get(f"/v1/users/{user.pk}").status == 401


def test_deactivating_ones_own_account_kills_its_tokens(live_url, http, live_user):
    user = live_user()
    tokens, session = sign_in_everywhere(live_url, http, user)
    socket = connected_socket(live_url, tokens)
    assert http(live_url, token=tokens["access_token"]).request("DELETE", f"/v1/users/{user.pk}").status == 200
    assert_everything_dead(live_url, http, user, tokens, session, socket)
