"""A socket left idle for a minute on the Redis channel layer still receives the next notification.

With channels_redis blocking 5 s on Redis per read and redis-py's default 5 s socket read timeout, every idle
socket used to die 5.0 s after its last message (close 1006, "Timeout reading from redis"). One slow test
(~65 s) against a live uvicorn process on PostgreSQL and Redis; the client sends no pings, so nothing but the
server keeps the socket alive."""

import json
import subprocess
import sys
import time

import pytest
from websockets.sync.client import connect

from roles.auth import tokens_for
from tests.factories import UserFactory
from tests.notifications.test_live_processes import child_env
from tests.servers import ROOT, asgi_server, needs_postgres_and_redis

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), needs_postgres_and_redis]

IDLE_SECONDS = 60


def test_socket_idle_for_a_minute_still_receives_the_next_notification():
    user = UserFactory(email="idle@live.test")
    env = child_env()
    with asgi_server(env) as base:
        url = base.replace("http://", "ws://") + f"/ws/notifications?token={tokens_for(user)['access_token']}"
        with connect(url, ping_interval=None, close_timeout=2) as ws:  # no Origin: a token client
            assert json.loads(ws.recv(timeout=15))["meta"] == "WS connected"
            time.sleep(IDLE_SECONDS)
            result = subprocess.run(
                [sys.executable, "manage.py", "notify_user", user.email, "After a quiet minute", "<p>still here</p>"],
                cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
            )  # fmt: skip
            assert result.returncode == 0, result.stderr
            pushed = json.loads(ws.recv(timeout=15))
    assert pushed["meta"] == "New notifications"
    assert [n["title"] for n in pushed["notifs"]] == ["After a quiet minute"]
