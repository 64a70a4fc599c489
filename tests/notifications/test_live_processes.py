"""Across processes: a notification created by another process (the `notify_user` management command)
reaches a socket held by a real ASGI server process, through PostgreSQL and the Redis channel layer.
CI sets DATABASE_URL and REDIS_URL; without them this module skips."""

import json
import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection
from websockets.sync.client import connect

from roles.auth import tokens_for
from tests.factories import UserFactory
from tests.servers import ROOT, asgi_server, celery_worker, needs_postgres_and_redis, server_env

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    needs_postgres_and_redis,
]


def database_url_for_children():
    """DATABASE_URL pointed at the test database this process uses, so the server processes see its rows."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


def child_env():
    return server_env(
        DATABASE_URL=database_url_for_children(), REDIS_URL=os.environ["REDIS_URL"], CELERY_TASK_ALWAYS_EAGER="1"
    )


def receive_json(ws, timeout=15):
    return json.loads(ws.recv(timeout=timeout))


def test_notification_from_another_process_reaches_the_socket():
    alice = UserFactory(email="alice@live.test")
    bob = UserFactory(email="bob@live.test")
    env = child_env()
    with asgi_server(env) as base:
        ws_base = base.replace("http://", "ws://") + "/ws/notifications"
        origin = base
        alice_token = tokens_for(alice)["access_token"]
        bob_token = tokens_for(bob)["access_token"]
        with (
            connect(f"{ws_base}?token={alice_token}", origin=origin) as alice_ws,
            connect(ws_base, origin=origin, subprotocols=["jwt", bob_token]) as bob_ws,
        ):
            assert receive_json(alice_ws) == {"meta": "WS connected", "notif_count": 0, "notifs": []}
            assert receive_json(bob_ws)["notif_count"] == 0
            result = subprocess.run(
                [sys.executable, "manage.py", "notify_user", alice.email, "Cross-process", "<p>from a CLI</p>"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert result.returncode == 0, result.stderr
            pushed = receive_json(alice_ws)
            assert pushed["meta"] == "New notifications"
            assert pushed["notif_count"] == 1
            assert [n["title"] for n in pushed["notifs"]] == ["Cross-process"]
            assert pushed["notifs"][0]["message"] == "<p>from a CLI</p>"
            with pytest.raises(TimeoutError):
                bob_ws.recv(timeout=1.5)  # nothing leaks to another user


def test_anonymous_socket_is_closed_with_4401_by_the_server():
    from websockets.exceptions import ConnectionClosed

    with asgi_server(child_env()) as base:
        ws_url = base.replace("http://", "ws://") + "/ws/notifications"
        with connect(ws_url, origin=base) as ws:
            with pytest.raises(ConnectionClosed) as closed:
                ws.recv(timeout=10)
            assert closed.value.rcvd.code == 4401


def test_notification_from_a_celery_worker_reaches_the_socket(settings):
    from eventyay.celery import app
    from notifications.tasks import notify as notify_task

    carol = UserFactory(email="carol@live.test")
    env = child_env()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    try:
        with asgi_server(env) as base, celery_worker(env):
            token = tokens_for(carol)["access_token"]
            with connect(base.replace("http://", "ws://") + f"/ws/notifications?token={token}", origin=base) as ws:
                assert receive_json(ws)["notif_count"] == 0
                notify_task.delay(carol.pk, "event_export", "Export ready", "<p>Your export finished.</p>")
                pushed = receive_json(ws, timeout=30)
    finally:
        app.conf.task_always_eager = True
    assert pushed["notif_count"] == 1
    assert pushed["notifs"][0]["title"] == "Export ready"
