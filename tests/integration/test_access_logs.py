"""Socket and API tokens never reach an access log: the production stack (nginx when installed, gunicorn,
uvicorn) is started with access logs on, a client connects with `?token=`, and no log line holds the token."""

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from websockets.sync.client import connect

from eventyay.logs import redact
from roles.auth import tokens_for
from tests.factories import UserFactory
from tests.notifications.test_live_processes import child_env
from tests.servers import ROOT, free_port, needs_postgres_and_redis, wait_for_http


def test_redact_hides_every_token_in_a_url():
    line = '"GET /ws/notifications?token=eyJ.abc.def&x=1 HTTP/1.1" /v1/x?access_token=s3cret;jwt=t0k'
    expected = '"GET /ws/notifications?token=[redacted]&x=1 HTTP/1.1" /v1/x?access_token=[redacted];jwt=[redacted]'
    assert redact(line) == expected


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
@needs_postgres_and_redis
def test_tokens_never_reach_an_access_log(tmp_path):
    user = UserFactory()
    token = tokens_for(user)["access_token"]
    access_log = tmp_path / "access.log"
    port, web_port, ws_port = free_port(), free_port(), free_port()
    cmd = [sys.executable, "-m", "eventyay.serve", "--port", str(port), "--web-port", str(web_port),
           "--ws-port", str(ws_port), "--workers", "1", "--threads", "2", "--access-log", str(access_log)]  # fmt: skip
    proxied = bool(shutil.which("nginx") or os.path.exists("/usr/sbin/nginx"))
    if not proxied:
        cmd.append("--no-proxy")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)  # fmt: skip
    try:
        http = f"http://127.0.0.1:{port if proxied else web_port}"
        ws = f"ws://127.0.0.1:{port if proxied else ws_port}"
        wait_for_http(http + "/ping", proc=proc)
        wait_for_http(f"http://127.0.0.1:{ws_port}/ping", proc=proc)
        with connect(f"{ws}/ws/notifications?token={token}") as socket:  # no Origin: token clients may omit it
            assert b"WS connected" in socket.recv(timeout=15).encode()
        with urllib.request.urlopen(f"{http}/v1/events?token={token}&page%5Bsize%5D=1", timeout=15) as response:
            response.read()
    except urllib.error.HTTPError:
        pass  # an unknown query parameter answers 400; it is logged all the same
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        output, _ = proc.communicate(timeout=30)
    time.sleep(0.2)
    logged = access_log.read_text() + output
    assert "/ws/notifications" in logged and "/v1/events" in logged
    assert token not in logged
    assert token.split(".")[2] not in logged  # not even the signature
    assert "token=[redacted]" in logged
