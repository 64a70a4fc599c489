"""Black-box security tier (issue 10, item 17): attacks and clumsy clients over HTTP and WebSocket against a
real uvicorn server on the test database (PostgreSQL) and Redis; a real Celery worker where the behaviour
depends on one. Modules mark themselves `integration` + `needs_postgres_and_redis` (CI sets both).

The server runs `tests.security.live_settings`: the production settings plus two test-only conveniences (see
there). Fixtures: `live_env` (the server's environment: the test database, this process's secret key, Redis, eager
Celery, media and private directories, e-mails written to files), `server` (one uvicorn for the session; its
base URL), `http` (an anonymous client), `sign_in(user)` (a client sending the user's access token),
`dashboard(user)` (a signed-in session for the server-rendered pages)."""

import os
from pathlib import Path

import pytest

from tests.security.http import Dashboard, Http
from tests.servers import asgi_server, server_env


def database_url_for_children():
    from urllib.parse import urlsplit, urlunsplit

    from django.db import connection

    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture(scope="session")
def live_dirs(tmp_path_factory):
    root = tmp_path_factory.mktemp("live")
    dirs = {name: root / name for name in ("media", "private", "mail")}
    for path in dirs.values():
        path.mkdir()
    return dirs


@pytest.fixture(scope="session")
def live_env(django_db_setup, live_dirs):
    from django.conf import settings

    return server_env(
        DJANGO_SETTINGS_MODULE="tests.security.live_settings",
        SECRET_KEY=settings.SECRET_KEY,  # tokens and sessions made here are valid there
        DATABASE_URL=database_url_for_children(),
        REDIS_URL=os.environ.get("REDIS_URL", ""),
        CELERY_TASK_ALWAYS_EAGER="1",
        MEDIA_ROOT=str(live_dirs["media"]),
        PRIVATE_MEDIA_ROOT=str(live_dirs["private"]),
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(live_dirs["mail"]),
    )


@pytest.fixture(scope="session")
def server(live_env):
    with asgi_server(live_env) as base:
        yield base


@pytest.fixture
def live_media(settings, live_dirs):
    """This process stores files where the server reads them (and the other way round)."""
    settings.MEDIA_ROOT = live_dirs["media"]
    settings.PRIVATE_MEDIA_ROOT = live_dirs["private"]
    return live_dirs


@pytest.fixture
def http(server):
    return Http(server)


@pytest.fixture
def sign_in(server):
    from roles.auth import tokens_for

    def client_for(user):
        return Http(server, tokens_for(user)["access_token"])

    return client_for


@pytest.fixture
def dashboard(server):
    def session_for(user):
        return Dashboard(server).with_session(user)

    return session_for


def mail_files(directory):
    return sorted(Path(directory).glob("*.log"))
