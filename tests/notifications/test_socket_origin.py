"""Who may open /ws/notifications without an Origin header: token holders (native apps, scripts) yes; a
session cookie alone no (the Origin check is what keeps other sites' pages from borrowing the cookie)."""

import asyncio

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.test import Client

from eventyay.asgi import application
from roles.auth import tokens_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def session_cookie(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def first_message(path, headers=(), subprotocols=None):
    async def scenario():
        comm = WebsocketCommunicator(application, path, headers=list(headers), subprotocols=subprotocols)
        try:
            connected, _ = await comm.connect()
            if not connected:
                return "refused"
            return await comm.receive_output(timeout=5)
        finally:
            # a refused socket's application (the Origin check's denier) still listens on the channel layer: it is
            # ended by a disconnect, as a server ends it, not cancelled at the event loop's shutdown
            await comm.disconnect()

    return async_to_sync(asyncio_timeout(scenario))()


def asyncio_timeout(scenario, seconds=30):
    async def bounded():
        return await asyncio.wait_for(scenario(), seconds)

    return bounded


def test_socket_token_in_query_without_origin_is_accepted():
    user = UserFactory()
    message = first_message(f"/ws/notifications?token={tokens_for(user)['access_token']}")
    assert message["type"] == "websocket.send"
    assert '"WS connected"' in message["text"]


def test_socket_token_in_subprotocol_without_origin_is_accepted():
    user = UserFactory()
    message = first_message("/ws/notifications", subprotocols=["jwt", tokens_for(user)["access_token"]])
    assert '"WS connected"' in message["text"]


def test_socket_cookie_without_origin_is_refused():
    user = UserFactory()
    cookie = (b"cookie", f"sessionid={session_cookie(user)}".encode())
    assert first_message("/ws/notifications", headers=[cookie]) == "refused"


def test_socket_cookie_from_another_origin_is_refused():
    user = UserFactory()
    headers = [(b"cookie", f"sessionid={session_cookie(user)}".encode()), (b"origin", b"https://evil.example")]
    assert first_message("/ws/notifications", headers=headers) == "refused"


def test_socket_cookie_from_our_origin_is_accepted():
    user = UserFactory()
    headers = [(b"cookie", f"sessionid={session_cookie(user)}".encode()), (b"origin", b"http://localhost")]
    assert '"WS connected"' in first_message("/ws/notifications", headers=headers)["text"]


def test_socket_bad_token_without_origin_does_not_fall_back_to_the_cookie():
    user = UserFactory()
    cookie = (b"cookie", f"sessionid={session_cookie(user)}".encode())
    message = first_message("/ws/notifications?token=not-a-token", headers=[cookie])
    assert message == {"type": "websocket.close", "code": 4401}
