"""The live server the blueprint replay runs against, and the replay's figures in the terminal summary."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.servers import ROOT, asgi_server, server_env


def shared_dir():
    """../shared beside the repository (a developer's tree and CI); for a git worktree, also ../shared beside
    the main checkout the worktree belongs to. A clone without it skips the replay."""
    candidates = [Path(ROOT).parent / "shared"]
    git = Path(ROOT) / ".git"
    if git.is_file() and git.read_text().startswith("gitdir:"):  # <main>/.git/worktrees/<name>
        candidates.append(Path(git.read_text().split(":", 1)[1].strip()).parents[2].parent / "shared")
    return next((c for c in candidates if c.is_dir()), candidates[0])


SHARED = shared_dir()
BLUEPRINT_DIR = SHARED / "contract" / "oes-api-blueprint"
COUNTS_FILE = SHARED / "contract" / "oes_apib_counts.tsv"
ARTIFACTS = Path(ROOT) / "tests" / "artifacts" / "blueprint"
LOADED_AT = time.time()  # this conftest loads at collection: a report written later is this run's
ADMIN = {"email": "replay-admin@example.com", "password": "replay-admin-password"}


needs_blueprint = pytest.mark.skipif(
    not BLUEPRINT_DIR.is_dir(),
    reason=f"the Open Event Server API blueprint is not at {BLUEPRINT_DIR} (../shared is absent from this clone)",
)


def _on_postgres():
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


def uses_test_database(function):
    """On PostgreSQL the server uses the test database pytest-django migrates (flushed after the test);
    SQLite's is in memory, so there the server gets a file of its own instead."""
    return pytest.mark.django_db(transaction=True)(function) if _on_postgres() else function


@pytest.fixture
def blueprint_server(request, tmp_path):
    """uvicorn on a fresh database with one super admin; yields (base URL, admin credentials, mail outbox)."""
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    env = server_env(
        DJANGO_SETTINGS_MODULE="tests.blueprint.server_settings",
        BLUEPRINT_OUTBOX=str(outbox),
        BLUEPRINT_MEDIA_ROOT=str(tmp_path / "media"),
        LOG_LEVEL="WARNING",
    )
    if _on_postgres():  # the test database pytest-django migrated; flushed after the test
        from django.db import connection

        from roles.models import User

        env["BLUEPRINT_DATABASE_NAME"] = connection.settings_dict["NAME"]
        User.objects.create_superuser(ADMIN["email"], ADMIN["password"])
    else:  # SQLite: a file of its own, migrated by the server's own settings
        env.update(DATABASE_URL="", SQLITE_PATH=str(tmp_path / "blueprint.sqlite3"))
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput"], cwd=ROOT, env=env, check=True, capture_output=True)
        subprocess.run(
            [*manage, "createsuperuser", "--noinput", "--email", ADMIN["email"]],
            cwd=ROOT,
            env={**env, "DJANGO_SUPERUSER_PASSWORD": ADMIN["password"]},
            check=True,
            capture_output=True,
        )
    with asgi_server(env) as base:
        yield base, dict(ADMIN), outbox


def pytest_terminal_summary(terminalreporter, config):
    """The replay's figures at the end of the run (read back from the report it wrote, so this also works
    when the test ran in another process)."""
    report_file = ARTIFACTS / "report.json"
    if not report_file.exists() or report_file.stat().st_mtime < LOADED_AT:
        return
    from tests.blueprint.report import summary_lines

    figures = json.loads(report_file.read_text())
    terminalreporter.section("blueprint replay (tests/artifacts/blueprint/report.md)")
    for line in summary_lines(figures):
        terminalreporter.write_line(line)
    causes = list(figures["catalog"]["causes"].items())[:8]
    terminalreporter.write_line("top causes: " + "; ".join(f"{cause} {count}" for cause, count in causes))
    terminalreporter.write_line(f"replayed {figures['total']['transactions']} transactions in {figures['seconds']}s")
