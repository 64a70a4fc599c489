"""What server processes hold in memory under the content generation, across real processes (gunicorn workers,
each learning new generations from its Redis subscription, eventyay.api.generation): a write answered by any
worker is visible to the very next anonymous read, whichever worker answers it; when Redis restarts empty, no
worker answers from what it held before; and a token whose password changed in another process is refused by
every worker on its next use, though each held its user (roles.authentication.token_users)."""

import json
import urllib.request

import pytest
from django.utils import timezone

from roles.auth import tokens_for
from tests.factories import EventFactory, UserFactory
from tests.notifications.test_live_processes import database_url_for_children
from tests.servers import PrivateRedis, needs_postgres_and_redis, server_env, web_server

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), needs_postgres_and_redis]


def env_for(redis_url):
    return server_env(DATABASE_URL=database_url_for_children(), REDIS_URL=redis_url, CELERY_TASK_ALWAYS_EAGER="1",
                      API_PUBLIC_CACHE="1")  # fmt: skip


def call(url, method="GET", body=None, token=None):
    headers = {"Accept": "application/vnd.api+json", "Connection": "close"}  # a new connection: any worker
    if body is not None:
        headers["Content-Type"] = "application/vnd.api+json"
    if token:
        headers["Authorization"] = f"JWT {token}"
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method, headers=headers),
                                timeout=30) as response:  # fmt: skip
        return response.status, json.loads(response.read() or b"null")


def rename(base, event, token, name):
    body = {"data": {"type": "event", "id": str(event.pk), "attributes": {"name": name}}}
    status, _ = call(f"{base}/v1/events/{event.pk}", "PATCH", body, token)
    assert status == 200


def public_name(base, event):
    status, body = call(f"{base}/v1/events/{event.pk}")
    assert status == 200
    return body["data"]["attributes"]["name"]


def test_a_write_through_one_worker_is_seen_by_the_next_read_on_every_worker():
    import os

    event = EventFactory(schedule_published_on=timezone.now())
    token = tokens_for(UserFactory(is_admin=True, is_super_admin=True))["access_token"]
    with web_server(env_for(os.environ["REDIS_URL"]), workers=3, threads=2) as base:
        for _ in range(12):  # every worker answers, subscribes and holds the answer in memory
            assert public_name(base, event) == event.name
        for i in range(25):
            rename(base, event, token, f"Renamed {i}")
            assert [public_name(base, event) for _ in range(3)] == [f"Renamed {i}"] * 3


def test_after_redis_restarts_empty_no_worker_answers_what_it_held():
    event = EventFactory(schedule_published_on=timezone.now())
    token = tokens_for(UserFactory(is_admin=True, is_super_admin=True))["access_token"]
    redis = PrivateRedis().start()
    try:
        with web_server(env_for(redis.url), workers=2, threads=2) as base:
            for _ in range(8):
                assert public_name(base, event) == event.name
            redis.kill()
            rename(base, event, token, "Renamed while Redis was away")  # committed; the counter cannot move
            assert public_name(base, event) == "Renamed while Redis was away"
            redis.start()  # empty: the counter starts again somewhere else
            for _ in range(6):
                assert public_name(base, event) == "Renamed while Redis was away"
    finally:
        redis.kill()


def test_a_password_changed_in_another_process_kills_the_token_on_every_worker():
    import os

    user = UserFactory()
    access = tokens_for(user)["access_token"]
    env = {**env_for(os.environ["REDIS_URL"]), "API_TOKEN_USER_MEMO": "1"}
    with web_server(env, workers=3, threads=2) as base:
        for _ in range(12):  # every worker loads the user and holds it
            assert call(f"{base}/v1/events", token=access)[0] == 200
        user.set_password("a-brand-new-secret")  # committed here: another process, as far as the workers know
        user.save()
        refused = []
        for _ in range(9):
            try:
                call(f"{base}/v1/events", token=access)
                refused.append(False)
            except urllib.error.HTTPError as exc:
                refused.append(exc.code == 401)
        assert refused == [True] * 9
