"""GET /health-check: database, models in sync with migrations (seed 004), Celery, Redis, search.

Answers {status, results: [{checker, passed, output, critical}]}: 200 when every critical check passes, 503
otherwise. The search engine is not critical: when it is down, searches fall back to the database, so the
instance still serves everyone; its check says `passed: false` for monitoring to see.
"""

import time

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.http import require_GET


def ping(request):
    """GET /ping: `{"ok": true}` through the whole middleware stack and nothing else (a liveness probe, and the
    benchmark's ceiling: the fastest answer this Django can give)."""
    return JsonResponse({"ok": True})


def check_database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "database ok"


def check_migrations():
    """Seed 004's second method: every model answers a SELECT of all its columns."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections["default"])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise RuntimeError(f"{len(pending)} migration(s) not applied")
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            model._base_manager.order_by().values(*[f.attname for f in model._meta.concrete_fields]).first()
    return "migrations ok"


def check_celery():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager (tasks run in process)"
    from eventyay.celery import app

    replies = app.control.ping(timeout=1.0)
    if not replies:
        raise RuntimeError("no Celery worker answered")
    return f"{len(replies)} worker(s) answered"


def check_redis():
    if not settings.REDIS_URL:
        return "not configured (embedded mode)"
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    client.ping()
    return "redis ok"


def check_search():
    from events import search

    return search.health()


CHECKS = [
    ("health_check_db", check_database),
    ("health_check_migrations", check_migrations),
    ("health_check_celery", check_celery),
    ("health_check_redis", check_redis),
    ("health_check_search", check_search),
]
#: reported, but not failing the whole answer
NON_CRITICAL = {"health_check_search"}


def run_checks():
    results = []
    for name, fn in CHECKS:
        started = time.monotonic()
        try:
            output, passed = fn(), True
        except Exception as exc:  # a failing dependency is the answer, not an error
            output, passed = f"{type(exc).__name__}: {exc}", False
        results.append(
            {
                "checker": name,
                "passed": passed,
                "output": output,
                "critical": name not in NON_CRITICAL,
                "response_time": round(time.monotonic() - started, 4),
                "timestamp": time.time(),
            }
        )
    return results


@require_GET
def health_check(request):
    results = run_checks()
    ok = all(r["passed"] for r in results if r["critical"])
    return JsonResponse({"status": "success" if ok else "failure", "results": results}, status=200 if ok else 503)
