"""The ASGI entry point and the Celery app work as real processes (CI: PostgreSQL + Redis)."""

import json
import os
import urllib.request

import pytest
from django.conf import settings

from tests.servers import asgi_server, celery_worker, server_env

pytestmark = pytest.mark.integration

needs_redis = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI sets it)")


def get_json(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_asgi_server_serves_the_api(tmp_path):
    db = tmp_path / "asgi.sqlite3"
    env = server_env(DATABASE_URL="", SQLITE_PATH=str(db), REDIS_URL="")
    import subprocess
    import sys

    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], env=env, check=True, capture_output=True)
    with asgi_server(env) as base:
        status, body = get_json(base + "/v1/pages")
        assert status == 200
        assert body["data"] == [] and body["jsonapi"] == {"version": "1.0"}
        status, body = get_json(base + "/v1/nowhere")
        assert status == 404 and body["errors"][0]["status"] == "404"
        status, body = get_json(base + "/health-check")
        assert status == 200, body


@needs_redis
def test_celery_worker_answers_and_health_check_sees_it(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from eventyay.celery import app
    from eventyay.health import check_celery

    app.conf.task_always_eager = False
    try:
        with celery_worker(server_env()):
            assert "worker(s) answered" in check_celery()
    finally:
        app.conf.task_always_eager = True


@needs_redis
def test_health_check_fails_without_a_worker(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from eventyay.health import check_celery

    with pytest.raises(RuntimeError):
        # a fresh broker vhost/db nobody consumes from: no worker can answer
        from eventyay.celery import app

        original = app.conf.broker_url
        app.conf.broker_url = settings.REDIS_URL.rsplit("/", 1)[0] + "/15"
        try:
            app.pool.force_close_all()
            check_celery()
        finally:
            app.conf.broker_url = original
            app.pool.force_close_all()
            # a closed pool refuses every later acquire, and kombu keeps pools in a registry per connection:
            # forget them all so the next task publish in this process builds new ones
            from kombu import pools

            pools.reset()
            app._pool = None
            app.amqp._producer_pool = None


def test_redis_setting_drives_channel_layer_choice():
    if os.environ.get("REDIS_URL"):
        # channels_redis with a bounded, blocking pool (eventyay/layers.py)
        assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == "eventyay.layers.RedisChannelLayer"
    else:
        assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == "channels.layers.InMemoryChannelLayer"
