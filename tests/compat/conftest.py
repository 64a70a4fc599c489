"""The compat tier: the unmodified Open Event Ember client (a production build in ../shared) in headless Chromium,
served by its own `serve_client.py` on one origin in front of a live uvicorn running eventyay.

`site` starts both servers on the test database (seeded by `tests.compat.seed`); `journey` is a Chromium page on
that origin whose every API answer and page error is recorded (`tests.compat.journey.Journey`). The tier skips
when the client build is absent (a clone without ../shared) and on SQLite (the server must share the test
database)."""

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connections

from tests.browser import CHROMIUM, launch
from tests.compat.journey import Journey
from tests.servers import ROOT, _stop, asgi_server, free_port, output_of, server_env, spawn, wait_for_http


def shared_dir():
    """../shared beside the repository; for a git worktree also ../shared beside the main checkout."""
    candidates = [Path(ROOT).parent / "shared"]
    git = Path(ROOT) / ".git"
    if git.is_file() and git.read_text().startswith("gitdir:"):  # <main>/.git/worktrees/<name>
        candidates.append(Path(git.read_text().split(":", 1)[1].strip()).parents[2].parent / "shared")
    return next((c for c in candidates if c.is_dir()), candidates[0])


CLIENT_DIR = shared_dir() / "open-event-frontend"
SERVE_CLIENT = CLIENT_DIR / "serve_client.py"


def pytest_collection_modifyitems(config, items):
    reason = None
    if not (SERVE_CLIENT.is_file() and (CLIENT_DIR / "dist" / "index.html").is_file()):
        reason = f"the Open Event client build is not at {CLIENT_DIR} (../shared is absent from this clone)"
    elif not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        reason = "the compat tier needs PostgreSQL (DATABASE_URL): the live server shares the test database"
    if reason is None:
        return
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.skip(reason=reason))


@contextmanager
def client_server(backend):
    """serve_client.py serving the client build on a free port, forwarding the API paths to `backend`."""
    port = free_port()
    cmd = [sys.executable, str(SERVE_CLIENT), "--dist", str(CLIENT_DIR / "dist"), "--port", str(port),
           "--backend", backend]  # fmt: skip
    proc = spawn(cmd, dict(os.environ))
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_http(base + "/robots.txt", proc=proc)
        yield base
    finally:
        _stop(proc)


@pytest.fixture
def site(transactional_db, tmp_path):
    """(client origin, seeded world): uvicorn on the test database behind serve_client.py."""
    from tests.compat.seed import seed

    world = seed()
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    env = server_env(
        DJANGO_SETTINGS_MODULE="tests.compat.server_settings",
        COMPAT_DATABASE_NAME=connections["default"].settings_dict["NAME"],
        COMPAT_OUTBOX=str(outbox),
        COMPAT_MEDIA_ROOT=str(tmp_path / "media"),
        LOG_LEVEL="WARNING",
    )
    world.server = None
    with asgi_server(env, on_start=lambda proc: setattr(world, "server", proc)) as api, client_server(api) as origin:
        world.outbox = outbox
        yield origin, world


@pytest.fixture
def journey(site, request, monkeypatch):
    """A fresh Chromium page on the client's origin, recording its API traffic; checked at the end."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (set CHROMIUM_PATH)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)  # the client renders after several API round trips on 2 shared cores
    origin, world = site
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(base_url=origin, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(30_000)
        try:
            trip = Journey(context, origin, world, name=request.node.name.removeprefix("test_"))
            yield trip
            try:
                trip.check()
            except AssertionError as failure:  # the API server's own account of a 5xx (its log is a temporary file)
                log = output_of(world.server, tail=8000) if world.server is not None else ""
                if "Traceback" in log or "ERROR" in log:
                    raise AssertionError(f"{failure}\n--- API server log (tail) ---\n{log}") from None
                raise
        finally:
            context.close()
            browser.close()
            connections.close_all()
