"""The accounts part of the black-box security tier (secrets, e-mail verification, passwords, tokens,
throttling, cookies): attacks over HTTP and WebSocket against live uvicorn servers on PostgreSQL and Redis.
Its fixtures override the tier's own (`tests/security/conftest.py`) for the modules in this folder.

Generic fixtures for every test module here:

* `live_env` (module): the environment of a server process pointed at this run's test database and Redis
  (`server_env` overrides through `live_env_overrides`, a module-level dict a test module may define);
* `live_url` (module): the base URL of a uvicorn server with that environment (modules without overrides
  share one server for the whole run; a module with overrides gets its own);
* `start_server(env)`: more servers on demand (context manager), e.g. two processes sharing Redis;
* `http(base)`: a small client that neither follows redirects nor hides cookies (`Http` below);
* `mailbox`: the mails the servers sent (file-based mail backend), cleared per test.

Modules mark themselves `integration` and `needs_postgres_and_redis`; without DATABASE_URL/REDIS_URL they
skip with that reason. Tests create rows through the ORM and then only speak HTTP/WebSocket. Those rows are
committed at once and stay until the run ends (`live_db`): a server process outlives one test, and a flush
between tests would leave its caches (content types, roles) pointing at rows that no longer exist. So tests
here use addresses of their own (`unique_email`, the factories' sequences), never fixed ones another test may
have taken. (pytest-django runs tests without a `django_db` mark, like these, after all the others.)
"""

import email
import http.client as httplib
import json
import os
import re
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest

from tests.servers import asgi_server, server_env

JSONAPI = "application/vnd.api+json"


def child_database_url():
    """DATABASE_URL pointed at the test database this process uses, so server processes see its rows."""
    from django.db import connection

    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture(scope="session")
def mail_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("mail")


@pytest.fixture(scope="session")
def live_db(django_db_setup, django_db_blocker):
    """Database access for the tier, autocommitted (servers see rows at once); flushed when the run ends."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        yield
        call_command("flush", interactive=False, verbosity=0)


def live_server_env(mail_dir, **overrides):
    return server_env(
        DATABASE_URL=child_database_url(),
        REDIS_URL=os.environ["REDIS_URL"],
        CELERY_TASK_ALWAYS_EAGER="1",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
        LOG_LEVEL="WARNING",
        **overrides,
    )


@pytest.fixture(scope="session")
def shared_live_url(live_db, mail_dir):
    """One server with the default environment for every module that does not override it."""
    with asgi_server(live_server_env(mail_dir)) as base:
        yield base


def server_password_hash(password):
    """A hash the live servers can check (their hashers are the production ones; tests here hash with MD5):
    PBKDF2 with few iterations, so signing in stays fast (the server re-hashes it on the first sign-in)."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    return PBKDF2PasswordHasher().encode(password, "securitytiersalt", iterations=1000)


@pytest.fixture
def live_user():
    """`live_user(**factory_kwargs)`: a user who can sign in on the live servers with tests.factories.PASSWORD."""
    from tests.factories import PASSWORD, UserFactory

    def make(**kwargs):
        user = UserFactory(**kwargs)
        user.password = server_password_hash(PASSWORD)
        user.save(update_fields=["password"])
        return user

    return make


@pytest.fixture
def unique_email():
    """`unique_email("victim")` → victim-<random>@example.org."""
    import uuid

    return lambda name="user": f"{name}-{uuid.uuid4().hex[:10]}@example.org"


@pytest.fixture(scope="module")
def live_env(request, live_db, mail_dir):
    return live_server_env(mail_dir, **getattr(request.module, "live_env_overrides", {}))


@pytest.fixture(scope="module")
def live_url(request, live_env):
    if not getattr(request.module, "live_env_overrides", None):
        yield request.getfixturevalue("shared_live_url")
        return
    with asgi_server(live_env) as base:
        yield base


@pytest.fixture
def start_server():
    """`with start_server(env) as base:` another live server (stopped at the end of the block)."""
    return asgi_server


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # list of (name, value), names lower-cased
        self.body = body

    def header(self, name):
        name = name.lower()
        return next((v for k, v in self.headers if k == name), None)

    def headers_named(self, name):
        return [v for k, v in self.headers if k == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"<Response {self.status} {self.body[:300]!r}>"


class Http:
    """HTTP/1.1 against one live server: no redirects followed, cookies kept per client (the Secure flag is
    ignored on purpose: the test servers speak plain http). `Http(base, token=…)` sends `Authorization: JWT`."""

    def __init__(self, base, token=None, headers=None):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.base = base
        self.token = token
        self.default_headers = dict(headers or {})
        self.cookies = {}

    def request(self, method, path, body=None, headers=None, content_type=None):
        all_headers = {"Host": f"{self.host}:{self.port}", **self.default_headers, **(headers or {})}
        if self.token:
            all_headers.setdefault("Authorization", f"JWT {self.token}")
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            if isinstance(body, (dict, list)) and content_type != "application/x-www-form-urlencoded":
                data = json.dumps(body).encode()
                all_headers["Content-Type"] = content_type or "application/json"
            elif isinstance(body, dict):
                data = urlencode(body).encode()
                all_headers["Content-Type"] = content_type
            else:
                data = body if isinstance(body, bytes) else str(body).encode()
                all_headers["Content-Type"] = content_type or "application/octet-stream"
        response = self._send(method, path, data, all_headers)
        for value in response.headers_named("set-cookie"):
            cookie = SimpleCookie()
            cookie.load(value)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def _send(self, method, path, data, headers):
        """One request on a kept-alive connection (a fresh one if the server closed it)."""
        for attempt in (1, 2):
            if getattr(self, "_conn", None) is None:
                self._conn = httplib.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self._conn.request(method, path, body=data, headers=headers)
                raw = self._conn.getresponse()
                response = Response(raw.status, [(k.lower(), v) for k, v in raw.getheaders()], raw.read())
            except (httplib.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self._conn.close()
                self._conn = None
                if attempt == 2:
                    raise
                continue
            if response.header("connection") == "close":
                self._conn.close()
                self._conn = None
            return response

    # JSON and JSON:API
    def get(self, path, headers=None):
        return self.request("GET", path, headers={"Accept": f"{JSONAPI}, application/json", **(headers or {})})

    def post_json(self, path, body, headers=None):
        return self.request("POST", path, body, headers=headers, content_type="application/json")

    def patch_json(self, path, body, headers=None):
        return self.request("PATCH", path, body, headers=headers, content_type="application/json")

    def jsonapi(self, method, path, body=None, headers=None):
        return self.request(method, path, body, headers={"Accept": JSONAPI, **(headers or {})}, content_type=JSONAPI)

    # server-rendered forms
    def csrf_from(self, response):
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
        assert match, f"no CSRF token in {response!r}"
        return match.group(1)

    def submit(self, path, fields, page=None):
        """GET the page (for its CSRF token) unless given, then POST the form like a browser would."""
        page = page or self.request("GET", path)
        data = {"csrfmiddlewaretoken": self.csrf_from(page), **fields}
        return self.request(
            "POST", path, data, headers={"Referer": self.base + path}, content_type="application/x-www-form-urlencoded"
        )


@pytest.fixture
def http():
    return Http


class Mailbox:
    """Mails written by the file-based backend of the live servers."""

    def __init__(self, folder):
        self.folder = Path(folder)

    def clear(self):
        for path in self.folder.glob("*"):
            path.unlink()

    def messages(self):
        found = []
        for path in sorted(self.folder.glob("*.log"), key=lambda p: p.stat().st_mtime):
            for chunk in path.read_text().split("-" * 79):
                if chunk.strip():
                    found.append(email.message_from_string(chunk.strip() + "\n"))
        return found

    def to(self, address):
        return [m for m in self.messages() if address in (m["To"] or "")]

    def body(self, message):
        payload = message.get_payload(decode=True)
        return payload.decode() if payload else str(message.get_payload())

    def link(self, address, path):
        """The token of the newest `path?token=` link mailed to `address`."""
        for message in reversed(self.to(address)):
            match = re.search(rf"{re.escape(path)}\?token=(\S+)", self.body(message))
            if match:
                return match.group(1)
        raise AssertionError(f"no {path} link mailed to {address}: {[m['Subject'] for m in self.messages()]}")


@pytest.fixture
def mailbox(mail_dir):
    box = Mailbox(mail_dir)
    box.clear()
    return box
