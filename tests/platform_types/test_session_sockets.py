"""Logging out through the API closes the notification sockets opened with that session's tokens, and only
those."""

import json

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from eventyay.asgi import application
from notifications.services import notify
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://localhost")


def login(user):
    body = json.dumps({"email": user.email, "password": PASSWORD})
    return Client().post("/v1/auth/login", body, content_type="application/json").json()


def logout(access_token):
    return Client().post(
        "/v1/auth/logout", "{}", content_type="application/json", headers={"Authorization": f"JWT {access_token}"}
    )


def test_api_logout_closes_only_that_sessions_sockets():
    user = UserFactory()
    leaving_tokens, staying_tokens = login(user), login(user)

    async def scenario():
        leaving = WebsocketCommunicator(
            application, f"/ws/notifications?token={leaving_tokens['access_token']}", headers=[ORIGIN]
        )
        staying = WebsocketCommunicator(
            application, f"/ws/notifications?token={staying_tokens['access_token']}", headers=[ORIGIN]
        )
        for comm in (leaving, staying):
            assert (await comm.connect())[0]
            await comm.receive_json_from(timeout=3)
        response = await database_sync_to_async(logout)(leaving_tokens["access_token"])
        assert response.status_code == 200
        assert await leaving.receive_output(timeout=3) == {"type": "websocket.close", "code": 4401}
        await database_sync_to_async(notify)(user=user, kind="welcome", title="Still here", message="m")
        message = await staying.receive_json_from(timeout=3)
        assert message["notifs"][0]["title"] == "Still here"
        await staying.disconnect()

    async_to_sync(scenario)()


def test_a_logged_out_token_cannot_open_a_socket():
    user = UserFactory()
    tokens = login(user)
    assert logout(tokens["access_token"]).status_code == 200

    async def scenario():
        comm = WebsocketCommunicator(application, f"/ws/notifications?token={tokens['access_token']}", headers=[ORIGIN])
        assert (await comm.connect())[0]
        assert await comm.receive_output(timeout=3) == {"type": "websocket.close", "code": 4401}

    async_to_sync(scenario)()
