"""GET /health-check (seed 004): database, models in sync with migrations, Celery, Redis."""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection
from django.test import Client

from eventyay.health import run_checks

pytestmark = pytest.mark.django_db

CHECKERS = [
    "health_check_db",
    "health_check_migrations",
    "health_check_celery",
    "health_check_redis",
    "health_check_search",
]


def test_health_check_passes():
    response = Client().get("/health-check")
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "success"
    assert [r["checker"] for r in body["results"]] == CHECKERS
    assert all(r["passed"] for r in body["results"])


def test_health_check_fails_when_a_model_is_out_of_sync_with_the_database():
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE pages_page DROP COLUMN language")
    results = {r["checker"]: r for r in run_checks()}
    assert results["health_check_db"]["passed"]
    assert not results["health_check_migrations"]["passed"]
    assert "language" in results["health_check_migrations"]["output"]


def test_health_check_is_503_when_the_database_is_unreachable(tmp_path):
    """A real process pointed at a PostgreSQL port nobody listens on answers 503 with the db check failed."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/health-check');"
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "eventyay.settings",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/unreachable?connect_timeout=2",
        "DB_POOL_TIMEOUT": "1",  # each check waits this long for a pooled connection that never comes
        "REDIS_URL": "",
    }
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["status"] == 503
    checks = {r["checker"]: r for r in result["body"]["results"]}
    assert result["body"]["status"] == "failure"
    assert not checks["health_check_db"]["passed"]
    assert "OperationalError" in checks["health_check_db"]["output"]


def test_health_check_reports_unreachable_redis(settings):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"
    response = Client().get("/health-check")
    assert response.status_code == 503
    redis = [r for r in response.json()["results"] if r["checker"] == "health_check_redis"][0]
    assert not redis["passed"]
