"""Benchmark: time and query count per request for the main list endpoints.

Run: `.venv/bin/python tests/bench/bench_api.py [--rows 200] [--repeat 30]` (add DATABASE_URL for PostgreSQL).
Builds its own throw-away test database, seeds rows with the factories, and prints, per URL, the median and
95th-percentile wall time of a request through the full Django stack (test client, no network) and the
number of SQL queries one request makes. Not a test: numbers go into the team notes.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from tests.conftest import ApiClient  # noqa: E402

SCENARIOS = {}


def scenario(name):
    def register(fn):
        SCENARIOS[name] = fn
        return fn

    return register


@scenario("pages")
def seed_pages(rows):
    from tests.factories import PageFactory

    PageFactory.create_batch(rows)
    return ["/v1/pages", "/v1/pages?page[size]=0", '/v1/pages?filter=[{"name":"place","op":"eq","val":"footer"}]']


@scenario("events")
def seed_events(rows):
    from tests.factories import EventFactory

    try:
        from tickets.models import Ticket
    except ImportError:  # pragma: no cover
        Ticket = None
    events = EventFactory.create_batch(rows)
    if Ticket is not None:
        Ticket.objects.bulk_create([Ticket(event=e, name=f"T{i}", quantity=100) for e in events for i in range(3)])
    return ["/v1/events", "/v1/events?page[size]=100", "/v1/events?fields[event]=name,starts-at"]


def measure(client, url, repeat):
    timings = []
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    queries = len(ctx.captured_queries)
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], queries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("scenarios", nargs="*", default=list(SCENARIOS))
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        client = ApiClient()
        print(f"{'url':70} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for name in args.scenarios:
            for url in SCENARIOS[name](args.rows):
                median, p95, queries = measure(client, url, args.repeat)
                print(f"{url[:70]:70} {median:10.1f} {p95:8.1f} {queries:8d}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
