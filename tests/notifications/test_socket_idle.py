"""A socket left idle on the Redis channel layer, past every read timeout on the way (channels_redis blocks 5 s
per read, the layer's socket timeout is 15 s), still receives the next notification.

With channels_redis blocking 5 s on Redis per read and redis-py's default 5 s socket read timeout, every idle
socket used to die 5.0 s after its last message (close 1006, "Timeout reading from redis"). One slow test
(~25 s) against a live uvicorn process on PostgreSQL and Redis; the client sends no pings, so nothing but the
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

#: longer than the layer's 15 s socket timeout and several of channels_redis' 5 s blocking reads
IDLE_SECONDS = 20


def test_socket_idle_past_every_read_timeout_still_receives_the_next_notification():
    user = UserFactory(email="idle@live.test")
    env = child_env()
    with asgi_server(env) as base:
        url = base.replace("http://", "ws://") + f"/ws/notifications?token={tokens_for(user)['access_token']}"
        with connect(url, ping_interval=None, close_timeout=2) as ws:  # no Origin: a token client
            assert json.loads(ws.recv(timeout=15))["meta"] == "WS connected"
            time.sleep(IDLE_SECONDS)
            result = subprocess.run(
                [sys.executable, "manage.py", "notify_user", user.email, "After a quiet while", "<p>still here</p>"],
                cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
            )  # fmt: skip
            assert result.returncode == 0, result.stderr
            pushed = json.loads(ws.recv(timeout=15))
    assert pushed["meta"] == "New notifications"
    assert [n["title"] for n in pushed["notifs"]] == ["After a quiet while"]
