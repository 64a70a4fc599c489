"""Tokens die with the credential: after a password change or reset, a block, a deactivation or a deletion,
every access token, refresh token, session and socket issued before stops working on its next use."""

import json

import jwt
import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from eventyay.asgi import application
from roles.auth import tokens_for
from roles.authentication import AccountJWTAuthentication
from roles.models import User
from tests.conftest import ApiClient, resource
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def me(user, access):
    return Client().get(f"/v1/users/{user.pk}", headers={"Authorization": f"JWT {access}"})


def refresh(token):
    return Client().post(
        "/v1/auth/token/refresh", json.dumps({"refresh_token": token}), content_type="application/json"
    )


def signed_in(user):
    client = Client()
    client.force_login(user)
    assert client.get("/dashboard").status_code == 200
    return client


def change_password_api(user, access):
    return Client().post(
        "/v1/auth/change-password",
        json.dumps({"data": {"old-password": PASSWORD, "new-password": "a-brand-new-secret"}}),
        content_type="application/json",
        headers={"Authorization": f"JWT {access}"},
    )


def assert_all_dead(user, tokens, session):
    assert me(user, tokens["access_token"]).status_code == 401
    assert refresh(tokens["refresh_token"]).status_code == 401
    assert session.get("/dashboard").status_code == 302


def test_password_change_kills_older_tokens_and_sessions_only():
    user = UserFactory()
    tokens = tokens_for(user)
    session = signed_in(user)
    assert change_password_api(user, tokens["access_token"]).status_code == 200
    assert_all_dead(user, tokens, session)
    user.refresh_from_db()
    fresh = tokens_for(user)
    assert me(user, fresh["access_token"]).status_code == 200
    assert refresh(fresh["refresh_token"]).status_code == 200


def test_password_reset_kills_older_tokens(django_capture_on_commit_callbacks, mailoutbox):
    from roles import accounts

    user = UserFactory()
    tokens = tokens_for(user)
    session = signed_in(user)
    accounts.password_reset_confirm(token=accounts.reset_token(user), password="a-brand-new-secret")
    assert_all_dead(user, tokens, session)


def test_patch_password_kills_older_tokens():
    user = UserFactory()
    tokens = tokens_for(user)
    body = resource("user", {"password": "a-brand-new-secret", "current-password": PASSWORD}, id=user.pk)
    api = ApiClient()
    api.headers["Authorization"] = f"JWT {tokens['access_token']}"
    assert api.patch(f"/v1/users/{user.pk}", body).status_code == 200
    assert me(user, tokens["access_token"]).status_code == 401


@pytest.mark.parametrize(
    "change",
    [{"is-blocked": True}],
)
def test_a_block_kills_tokens_and_sessions_and_they_stay_dead_after_unblocking(admin_api, change):
    user = UserFactory()
    tokens = tokens_for(user)
    session = signed_in(user)
    assert admin_api.patch(f"/v1/users/{user.pk}", resource("user", change, id=user.pk)).status_code == 200
    assert_all_dead(user, tokens, session)
    assert (
        admin_api.patch(f"/v1/users/{user.pk}", resource("user", {"is-blocked": False}, id=user.pk)).status_code == 200
    )
    assert me(user, tokens["access_token"]).status_code == 401
    assert refresh(tokens["refresh_token"]).status_code == 401


def test_a_blocked_user_cannot_create_events_with_the_old_token(admin_api):
    user = UserFactory()
    api = ApiClient(user)
    User.objects.filter(pk=user.pk).update(is_blocked=True)  # even a raw update, bypassing save()
    response = api.post("/v1/events", resource("event", {"name": "Still here", "timezone": "UTC"}))
    assert response.status_code == 401


def test_deactivation_in_the_admin_kills_tokens_and_sessions():
    user = UserFactory()
    tokens = tokens_for(user)
    session = signed_in(user)
    user = User.objects.get(pk=user.pk)
    user.is_active = False
    user.save()
    assert_all_dead(user, tokens, session)


def test_self_deletion_kills_tokens_and_sessions():
    user = UserFactory()
    tokens = tokens_for(user)
    session = signed_in(user)
    assert ApiClient(user).delete(f"/v1/users/{user.pk}").status_code == 200
    assert_all_dead(user, tokens, session)


def test_permanent_deletion_kills_tokens(super_admin):
    user = UserFactory()
    tokens = tokens_for(user)
    assert ApiClient(super_admin).delete(f"/v1/users/{user.pk}?permanent=true").status_code == 200
    assert me(user, tokens["access_token"]).status_code == 401
    assert refresh(tokens["refresh_token"]).status_code == 401


def test_a_stronger_hash_of_the_same_password_is_not_a_credential_change(settings):
    user = UserFactory()
    tokens = tokens_for(user)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher", *settings.PASSWORD_HASHERS]
    login = Client().post("/v1/auth/login", json.dumps({"email": user.email, "password": PASSWORD}), "application/json")
    assert login.status_code == 200
    assert User.objects.get(pk=user.pk).password.startswith("pbkdf2_sha256$")  # re-hashed on sign-in
    assert me(user, tokens["access_token"]).status_code == 200


def test_a_token_without_the_version_claim_is_refused():
    user = UserFactory()
    payload = jwt.decode(tokens_for(user)["access_token"], settings.SECRET_KEY, algorithms=["HS256"])
    del payload["ver"]
    token = jwt.encode(payload, settings.SECRET_KEY, algorithm="HS256")
    assert me(user, token).status_code == 401


def test_the_token_check_costs_no_query_beyond_loading_the_user(django_assert_num_queries):
    user = UserFactory()
    auth = AccountJWTAuthentication()
    token = auth.get_validated_token(tokens_for(user)["access_token"])
    with django_assert_num_queries(1):
        assert auth.get_user(token).pk == user.pk


# --- sockets ------------------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_password_change_closes_open_sockets_and_refuses_reconnects():
    user = UserFactory()
    other = UserFactory()
    access = tokens_for(user)["access_token"]
    other_access = tokens_for(other)["access_token"]
    origin = [(b"origin", b"http://localhost")]

    async def scenario():
        sock = WebsocketCommunicator(application, f"/ws/notifications?token={access}", headers=origin)
        bystander = WebsocketCommunicator(application, f"/ws/notifications?token={other_access}", headers=origin)
        assert (await sock.connect())[0] and (await bystander.connect())[0]
        assert (await sock.receive_json_from(timeout=3))["meta"] == "WS connected"
        assert (await bystander.receive_json_from(timeout=3))["meta"] == "WS connected"
        from channels.db import database_sync_to_async

        response = await database_sync_to_async(change_password_api)(user, access)
        assert response.status_code == 200
        assert await sock.receive_output(timeout=3) == {"type": "websocket.close", "code": 4401}
        assert await bystander.receive_nothing(timeout=0.5)
        again = WebsocketCommunicator(application, f"/ws/notifications?token={access}", headers=origin)
        await again.connect()
        assert await again.receive_output(timeout=3) == {"type": "websocket.close", "code": 4401}
        await bystander.disconnect()

    async_to_sync(scenario)()


@pytest.mark.django_db(transaction=True)
def test_a_block_closes_session_sockets():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    cookie = (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())

    async def scenario():
        sock = WebsocketCommunicator(
            application, "/ws/notifications", headers=[(b"origin", b"http://localhost"), cookie]
        )
        assert (await sock.connect())[0]
        assert (await sock.receive_json_from(timeout=3))["meta"] == "WS connected"
        from channels.db import database_sync_to_async

        def block():
            blocked = User.objects.get(pk=user.pk)
            blocked.is_blocked = True
            blocked.save()

        await database_sync_to_async(block)()
        assert await sock.receive_output(timeout=3) == {"type": "websocket.close", "code": 4401}

    async_to_sync(scenario)()


def test_saving_a_stale_instance_does_not_revive_old_tokens():
    user = UserFactory()
    tokens = tokens_for(user)
    stale = User.objects.get(pk=user.pk)
    fresh = User.objects.get(pk=user.pk)
    fresh.set_password("a-brand-new-secret")
    fresh.save()
    stale.first_name = "Renamed"
    stale.save()  # a full save from before the change
    assert User.objects.get(pk=user.pk).credentials_version == fresh.credentials_version
    assert me(user, tokens["access_token"]).status_code == 401


def test_two_revocations_from_one_version_both_count():
    user = UserFactory()
    first, second = User.objects.get(pk=user.pk), User.objects.get(pk=user.pk)
    start = user.credentials_version
    first.set_password("a-brand-new-secret")
    first.save()
    second.is_blocked = True
    second.save()
    assert User.objects.get(pk=user.pk).credentials_version == start + 2
