"""Real processes for integration tests: an ASGI server and a Celery worker, on free ports."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(**overrides):
    """The environment of a server or worker process: this one's (the SECRET_KEY tests/settings.py chose
    included), production settings, and plain http on 127.0.0.1 as `make run` serves it (pass
    DJANGO_INSECURE_HTTP="0" for the https defaults)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "eventyay.settings",
        "PYTHONUNBUFFERED": "1",
        "DJANGO_INSECURE_HTTP": "1",
    }
    env.update({k: v for k, v in overrides.items() if v is not None})
    return env


def spawn(cmd, env):
    """Start a server process whose output goes to a temporary file: a pipe nobody reads fills up (64 KiB of
    log lines, e.g. warnings while Redis is away) and then stalls the server mid-request."""
    import tempfile

    log = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    proc.log = log
    return proc


def output_of(proc, tail=4000):
    log = getattr(proc, "log", None)
    if log is None:
        return proc.stdout.read() if proc.stdout else ""
    log.seek(0)
    return log.read()[-tail:]


def wait_for_http(url, timeout=30.0, proc=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited early with {proc.returncode}: {output_of(proc)}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


def _stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if getattr(proc, "log", None) is not None:
        proc.log.close()


@contextmanager
def asgi_server(env, port=None, on_start=None):
    """uvicorn serving eventyay.asgi on a free port (or on `port`, to restart a server in place); yields the
    base URL. `on_start(process)` is called once it runs (to read its log with `output_of` later)."""
    port = port or free_port()
    cmd = [str(VENV_BIN / "uvicorn"), "eventyay.asgi:application", "--host", "127.0.0.1", "--port", str(port)]
    proc = spawn(cmd, env)
    if on_start is not None:
        on_start(proc)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_http(base + "/health-check", proc=proc)
        yield base
    finally:
        _stop(proc)


@contextmanager
def celery_process(env, queues=None, beat=False):
    """A real Celery worker process (solo pool; with `beat`, the beat scheduler embedded); yields
    (name, process) once it answers a ping through its own broker (the env's CELERY_BROKER_URL or REDIS_URL).
    Its output goes to a temporary file (a pipe nobody reads could fill and stall it)."""
    from celery import Celery

    name = f"test-{os.getpid()}-{time.monotonic_ns()}@localhost"
    cmd = [str(VENV_BIN / "celery"), "-A", "eventyay", "worker", "--pool=solo", "-n", name, "--loglevel=WARNING"]
    if queues:
        cmd += ["-Q", queues]
    if beat:
        cmd += ["-B"]
    broker = env.get("CELERY_BROKER_URL") or env.get("REDIS_URL") or None
    proc = spawn(cmd, env)
    try:
        deadline = time.monotonic() + 60
        # pings through the worker's broker, whatever this process uses (and stays out of `current_app`)
        probe = Celery("probe", broker=broker, set_as_current=False)
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"worker exited early: {output_of(proc)}")
            if probe.control.ping(destination=[name], timeout=1.0):
                break
        else:
            raise TimeoutError(f"the Celery worker did not answer a ping: {output_of(proc)}")
        yield name, proc
    finally:
        _stop(proc)


@contextmanager
def celery_worker(env, queues=None):
    """A real Celery worker process (solo pool); yields its name once it answers a ping."""
    with celery_process(env, queues) as (name, _):
        yield name


class PrivateRedis:
    """A redis-server of the test's own on a free port (no persistence), to stop and start again at will —
    never the shared one."""

    def __init__(self):
        self.port = free_port()
        self.proc = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        cmd = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.1)
        raise TimeoutError("the private redis-server did not start")

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.kill()


#: for tests whose behaviour depends on PostgreSQL and Redis (CI sets both; a bare laptop run skips them)
needs_postgres_and_redis = pytest.mark.skipif(
    not (os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ.get("REDIS_URL")),
    reason="needs DATABASE_URL (PostgreSQL) and REDIS_URL; CI sets both",
)


@contextmanager
def web_server(env, workers=1, threads=4):
    """gunicorn serving eventyay.wsgi with the production settings file (eventyay/deploy/gunicorn.conf.py) on a
    free port; yields the base URL."""
    port = free_port()
    conf = str(ROOT / "eventyay/deploy/gunicorn.conf.py")
    cmd = [str(VENV_BIN / "gunicorn"), "eventyay.wsgi:application", "-c", conf,
           "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads)]  # fmt: skip
    proc = spawn(cmd, env)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_http(base + "/ping", proc=proc)
        yield base
    finally:
        _stop(proc)
