"""The notification socket, through the real ASGI application (origin check, session/JWT auth, routing)."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.utils.safestring import mark_safe

from eventyay.asgi import application
from notifications.services import notify
from roles.auth import tokens_for
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://localhost")


def session_cookie(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def communicator(path="/ws/notifications", headers=(), subprotocols=None):
    return WebsocketCommunicator(application, path, headers=[ORIGIN, *headers], subprotocols=subprotocols)


def run(scenario):
    return async_to_sync(scenario)()


async def expect_refused(comm):
    connected, _ = await comm.connect()
    assert connected
    message = await comm.receive_output(timeout=3)
    assert message == {"type": "websocket.close", "code": 4401}


def test_socket_anonymous_is_refused_with_4401():
    async def scenario():
        await expect_refused(communicator())

    run(scenario)


def test_socket_bad_token_is_refused_with_4401():
    async def scenario():
        await expect_refused(communicator("/ws/notifications?token=not-a-token"))

    run(scenario)


def test_socket_session_cookie_gets_unread_state_on_connect():
    user = UserFactory()
    NotificationFactory(user=user, title="Old", is_read=True)
    NotificationFactory(user=user, title="New")
    cookie = (b"cookie", f"sessionid={session_cookie(user)}".encode())

    async def scenario():
        comm = communicator(headers=[cookie])
        connected, _ = await comm.connect()
        assert connected
        message = await comm.receive_json_from(timeout=3)
        await comm.disconnect()
        return message

    message = run(scenario)
    assert message["meta"] == "WS connected"
    assert message["notif_count"] == 1
    assert [n["title"] for n in message["notifs"]] == ["New"]
    assert message["notifs"][0]["received"] == "just now"
    assert message["notifs"][0]["mark_read"].endswith("/mark-read")


def test_socket_jwt_query_param_is_accepted():
    user = UserFactory()
    token = tokens_for(user)["access_token"]

    async def scenario():
        comm = communicator(f"/ws/notifications?token={token}")
        connected, _ = await comm.connect()
        message = await comm.receive_json_from(timeout=3)
        await comm.disconnect()
        return connected, message

    connected, message = run(scenario)
    assert connected
    assert message == {"meta": "WS connected", "notif_count": 0, "notifs": []}


def test_socket_jwt_subprotocol_is_accepted_and_echoed():
    user = UserFactory()
    token = tokens_for(user)["access_token"]

    async def scenario():
        comm = communicator(subprotocols=["jwt", token])
        connected, subprotocol = await comm.connect()
        message = await comm.receive_json_from(timeout=3)
        await comm.disconnect()
        return connected, subprotocol, message

    connected, subprotocol, message = run(scenario)
    assert (connected, subprotocol) == (True, "jwt")
    assert message["notif_count"] == 0


def test_socket_receives_push_on_notify_and_no_cross_user_leak():
    alice, bob = UserFactory(), UserFactory()
    alice_token, bob_token = tokens_for(alice)["access_token"], tokens_for(bob)["access_token"]

    async def scenario():
        alice_ws = communicator(f"/ws/notifications?token={alice_token}")
        bob_ws = communicator(f"/ws/notifications?token={bob_token}")
        await alice_ws.connect()
        await bob_ws.connect()
        await alice_ws.receive_json_from(timeout=3)
        await bob_ws.receive_json_from(timeout=3)
        await database_sync_to_async(notify)(
            user=alice, kind="message", title="For Alice", message=mark_safe("<p>hi</p><script>x()</script>")
        )
        pushed = await alice_ws.receive_json_from(timeout=3)
        bob_got_nothing = await bob_ws.receive_nothing(timeout=0.5)
        await alice_ws.disconnect()
        await bob_ws.disconnect()
        return pushed, bob_got_nothing

    pushed, bob_got_nothing = run(scenario)
    assert pushed["meta"] == "New notifications"
    assert pushed["notif_count"] == 1
    assert pushed["notifs"][0]["title"] == "For Alice"
    assert pushed["notifs"][0]["message"] == "<p>hi</p>"
    assert bob_got_nothing


def test_socket_push_after_mark_all_read_resets_count():
    from notifications.services import notifications_mark_all_read

    user = UserFactory()
    NotificationFactory.create_batch(2, user=user)
    token = tokens_for(user)["access_token"]

    async def scenario():
        comm = communicator(f"/ws/notifications?token={token}")
        await comm.connect()
        first = await comm.receive_json_from(timeout=3)
        await database_sync_to_async(notifications_mark_all_read)(actor=user, user=user)
        second = await comm.receive_json_from(timeout=3)
        await comm.send_to(text_data="not json")
        await comm.send_json_to({"action": "sync"})
        third = await comm.receive_json_from(timeout=3)
        await comm.disconnect()
        return first, second, third

    first, second, third = run(scenario)
    assert (first["notif_count"], second["notif_count"], third["notif_count"]) == (2, 0, 0)


def test_signing_out_closes_only_that_sessions_sockets():
    user = UserFactory()
    browser = Client()
    browser.force_login(user)
    signed_out_cookie = (b"cookie", f"sessionid={browser.cookies['sessionid'].value}".encode())
    other_device = (b"cookie", f"sessionid={session_cookie(user)}".encode())

    async def scenario():
        leaving = communicator(headers=[signed_out_cookie])
        staying = communicator(headers=[other_device])
        for comm in (leaving, staying):
            assert (await comm.connect())[0]
            await comm.receive_json_from(timeout=3)
        await database_sync_to_async(browser.post)("/logout")
        assert await leaving.receive_output(timeout=3) == {"type": "websocket.close", "code": 4401}
        await database_sync_to_async(notify)(user=user, kind="welcome", title="Still here", message="m")
        message = await staying.receive_json_from(timeout=3)
        assert message["notifs"][0]["title"] == "Still here"
        await staying.disconnect()

    run(scenario)
