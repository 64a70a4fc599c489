"""A ticket rush against the production HTTP server (gunicorn workers, pooled PostgreSQL connections):
200 signed-in buyers, 100 seats, all at once. Exactly 100 orders are created (201), the other 100 buyers hear
409 `sold_out`, nobody gets a 5xx — with one server process and with several. With a pool too small for the
load, the overflow answers 503 with Retry-After (a JSON:API error), never 500."""

import json
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from roles.auth import tokens_for
from roles.models import User
from tests.factories import EventFactory, TicketFactory
from tests.notifications.test_live_processes import database_url_for_children
from tests.servers import needs_postgres_and_redis, server_env, web_server
from tickets.models import Attendee

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), needs_postgres_and_redis]


def buyers(count):
    User.objects.bulk_create([User(email=f"rush{i}@buyers.test", is_active=True) for i in range(count)])
    return [tokens_for(user)["access_token"] for user in User.objects.filter(email__endswith="@buyers.test")]


def rush(base, tokens, ticket):
    url = f"{base}/v1/orders/create-order"
    body = json.dumps({"tickets": [{"id": ticket.pk, "quantity": 1}]}).encode()
    start = threading.Barrier(len(tokens))

    def buy(token):
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/json", "Accept": "application/vnd.api+json", "Authorization": f"JWT {token}",
        })  # fmt: skip
        start.wait()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, None, dict(response.headers)
        except urllib.error.HTTPError as exc:
            payload = exc.read()
            try:
                error = json.loads(payload)["errors"][0]
            except (ValueError, KeyError, IndexError):
                error = {"raw": payload[:200]}
            return exc.code, error, dict(exc.headers)

    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        return list(pool.map(buy, tokens))


def env_for(**extra):
    import os

    return server_env(DATABASE_URL=database_url_for_children(), REDIS_URL=os.environ["REDIS_URL"],
                      CELERY_TASK_ALWAYS_EAGER="1", **extra)  # fmt: skip


@pytest.mark.parametrize("workers", [1, 3])
def test_rush_sells_exactly_the_seats_and_refuses_the_rest_with_409(workers):
    ticket = TicketFactory(event=EventFactory(), quantity=100, max_order=1)
    tokens = buyers(200)
    with web_server(env_for(), workers=workers, threads=4) as base:
        results = rush(base, tokens, ticket)
    statuses = sorted(status for status, _, _ in results)
    assert statuses == [201] * 100 + [409] * 100, statuses
    assert {error["code"] for status, error, _ in results if status == 409} == {"sold_out"}
    assert Attendee.objects.filter(ticket=ticket, seat__isnull=False).count() == 100


def test_rush_on_a_full_pool_answers_503_with_retry_after_never_500():
    ticket = TicketFactory(event=EventFactory(), quantity=10, max_order=1)
    tokens = buyers(40)
    env = env_for(DB_POOL_MAX_SIZE="1", DB_POOL_MIN_SIZE="1", DB_POOL_TIMEOUT="0.05")
    with web_server(env, workers=1, threads=8) as base:
        results = rush(base, tokens, ticket)
    statuses = [status for status, _, _ in results]
    assert set(statuses) <= {201, 409, 503}, statuses
    assert 503 in statuses
    for status, error, headers in results:
        if status == 503:
            assert error["status"] == "503" and error["code"] == "overloaded"
            assert int(headers["Retry-After"]) > 0
    assert Attendee.objects.filter(ticket=ticket, seat__isnull=False).count() == statuses.count(201) <= 10
