"""Search benchmark: index 100,000 events (bulk) and search them, with the database backend (PostgreSQL
full-text search) and the Elasticsearch backend, then rebuild both indexes.

    make bench-search                       # or: .venv/bin/python bench/search_bench.py [--events N]

Needs DATABASE_URL (PostgreSQL): the benchmark creates and drops its own scratch database next to it
(`<name>_search_bench`). The Elasticsearch backend runs against the noida-db *emulator* (started here on a
free port) unless BENCH_ELASTICSEARCH_URL names a real cluster: the emulator's figures say how the emulator
performs, not how Elasticsearch would. Results: bench/results/search.json and search.md.
"""

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

CITIES = [
    "Berlin",
    "Hamburg",
    "München",
    "Köln",
    "Paris",
    "Lyon",
    "London",
    "Manchester",
    "Madrid",
    "Barcelona",
    "Lisbon",
    "Porto",
    "Rome",
    "Milan",
    "Vienna",
    "Zürich",
    "Prague",
    "Kraków",
    "Warsaw",
    "Budapest",
    "Singapore",
    "Jakarta",
    "Bangkok",
    "Hanoi",
    "Tokyo",
    "Osaka",
    "Seoul",
    "Taipei",
    "Manila",
    "Delhi",
    "Mumbai",
    "Bangalore",
    "Nairobi",
    "Lagos",
    "Cairo",
    "Toronto",
    "Montréal",
    "Boston",
    "Chicago",
    "Austin",
]
TOPICS = [
    "Science",
    "Technology",
    "Music",
    "Arts",
    "Business",
    "Health",
    "Education",
    "Sports",
    "Food & Drink",
    "Travel",
    "Community",
    "Film",
    "Fashion",
    "Gaming",
    "Literature",
    "Politics",
    "Religion",
    "Charity",
    "Hobbies",
    "Family",
]
KINDS = ["Conference", "Meetup", "Workshop", "Summit", "Festival", "Hackathon", "Camp", "Forum", "Expo", "Night"]
SUBJECTS = [
    "Python",
    "Rust",
    "Kubernetes",
    "Linux",
    "Open Source",
    "Data Science",
    "Machine Learning",
    "Jazz",
    "Poetry",
    "Photography",
    "Robotics",
    "Blockchain",
    "Cloud",
    "Security",
    "Design",
    "Startups",
    "Gardening",
    "Chess",
    "Yoga",
    "Coffee",
    "Wine",
    "Cycling",
    "Astronomy",
    "Climate",
    "Mobility",
    "Web",
    "Accessibility",
    "Privacy",
]
#: what people type: whole words, prefixes, typos, two words, rare words, nothing found
QUERIES = [
    "berlin",
    "python",
    "kubernetes",
    "jazz",
    "workshop",
    "summit",
    "singapore",
    "machine learning",
    "open source",
    "berl",
    "pyth",
    "kube",
    "hack",
    "mont",
    "photo",
    "astro",
    "secur",
    "garden",
    "berlni",
    "pyhton",
    "kubernetse",
    "wrkshop",
    "festivl",
    "lisbom",
    "singapur",
    "hackaton",
    "python berlin",
    "jazz paris",
    "rust workshop",
    "data science hamburg",
    "coffee meetup tokyo",
    "zzqqxx",
    "quasar",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="timed runs of the query set per backend")
    parser.add_argument("--keep-database", action="store_true")
    return parser.parse_args()


def scratch_database():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("bench/search_bench.py needs DATABASE_URL=postgres://… (it creates <name>_search_bench beside it)")
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_search_bench"
    return urlunsplit(parts._replace(path="/" + name)), url, name


def admin_sql(base_url, sql):
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(sql)


def percentile(values, fraction):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def machine():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "note": "2 CPU cores shared with other workloads while this ran",
    }


def make_events(n):
    from events.models import Event, EventTopic
    from roles.models import User

    rng = random.Random(2026)
    vocabulary = [w for w in (line.strip() for line in _words()) if w]
    topics = [EventTopic.objects.get_or_create(name=t)[0] for t in TOPICS]
    owner = User.objects.create_user("bench@example.org", "bench-password-1")
    start = datetime(2027, 1, 1, 9, tzinfo=UTC)
    batch = []
    for i in range(n):
        city = rng.choice(CITIES)
        subject = rng.choice(SUBJECTS)
        kind = rng.choice(KINDS)
        roll = rng.random()
        description = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(15, 45)))
        batch.append(
            Event(
                identifier=f"bench{i:07d}",  # random 8-hex identifiers collide within 100,000 rows
                name=f"{subject} {kind} {city} {2027 + i % 3}",
                description=f"<p>{description}. Join us in {city} for {subject.lower()}.</p>",
                location_name=f"{rng.choice(vocabulary).title()} Hall, {city}",
                searchable_location_name=city,
                owner_name=f"{rng.choice(vocabulary).title()} {rng.choice(['Foundation', 'Society', 'Club', 'Labs'])}",
                owner_description=" ".join(rng.choice(vocabulary) for _ in range(8)),
                starts_at=start + timedelta(hours=i),
                ends_at=start + timedelta(hours=i + 8),
                state="published" if roll < 0.9 else "draft",
                deleted_at=start if roll > 0.98 else None,
                event_topic=rng.choice(topics),
                owner=owner,
            )
        )
        if len(batch) == 5000:
            Event.objects.bulk_create(batch)
            batch = []
    Event.objects.bulk_create(batch)


def _words():
    from faker.providers.lorem.en_US import Provider

    return sorted({w.lower() for w in Provider.word_list})


#: with the emulator (a scan per field per query, seconds at 100k documents) only one query of each kind
EMULATOR_QUERIES = ["berlin", "berl", "pyhton", "python berlin", "machine learning", "zzqqxx"]


def time_searches(backend_name, rounds, queries=QUERIES):
    from events import search
    from events.models import Event

    latencies, hits = [], {}

    def one(query):
        started = time.perf_counter()
        queryset, meta = search.filter_queryset("event", Event.objects.all(), query, scope="public")
        assert meta["backend"] == backend_name, meta
        page = list(queryset.order_by("search_order", "pk").values_list("pk", flat=True)[:20])
        total = queryset.count()
        return time.perf_counter() - started, total, page

    for query in queries[:2]:  # warm-up
        one(query)
    for _ in range(rounds):
        for query in queries:
            elapsed, total, _ = one(query)
            latencies.append(elapsed * 1000)
            hits[query] = total
    return {
        "queries": len(latencies),
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "mean_ms": round(statistics.mean(latencies), 1),
        "max_ms": round(max(latencies), 1),
        "matches": hits,
    }


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def main():
    args = parse_args()
    bench_url, base_url, name = scratch_database()
    admin_sql(base_url, f'DROP DATABASE IF EXISTS "{name}"')
    admin_sql(base_url, f'CREATE DATABASE "{name}"')
    emulator = None
    es_url = os.environ.get("BENCH_ELASTICSEARCH_URL", "")
    if not es_url:
        sys.path.insert(0, str(ROOT))
        from tests.search.emulator import Emulator

        emulator = Emulator().start()
        es_url = emulator.url
    os.environ.update(
        DATABASE_URL=bench_url,
        DJANGO_SETTINGS_MODULE="eventyay.settings",
        ELASTICSEARCH_URL=es_url,
        SEARCH_INDEX_PREFIX="bench",
        SEARCH_ENGINE_TIMEOUT="120",
        SEARCH_MAX_HITS="1000",
        REDIS_URL="",
        CELERY_TASK_ALWAYS_EAGER="1",
        LOG_LEVEL="WARNING",
    )
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        from events.models import Event
        from events.search import database, elastic, registry

        call_command("migrate", verbosity=0)
        stype = registry.get("event")
        print(f"creating {args.events} events …", flush=True)
        make_seconds, _ = timed(lambda: make_events(args.events))
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            pg_version = cursor.fetchone()[0].split(",")[0]
        db_backend, es_backend = database.DatabaseBackend(), elastic.ElasticsearchBackend()
        engine_version = es_backend.describe()

        print("database: first index …", flush=True)
        db_index_s, db_result = timed(lambda: db_backend.rebuild(stype))
        print("database: rebuild …", flush=True)
        db_rebuild_s, _ = timed(lambda: db_backend.rebuild(stype))
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does to freshly loaded tables before long
        print("database: searches …", flush=True)
        settings.ELASTICSEARCH_URL = ""
        db_search = time_searches("database", args.rounds)

        settings.ELASTICSEARCH_URL = es_url
        elastic.reset()
        print("elasticsearch: first index …", flush=True)
        es_index_s, es_result = timed(lambda: es_backend.rebuild(stype))
        print("elasticsearch: searches …", flush=True)
        if emulator:
            es_search = time_searches("elasticsearch", 1, EMULATOR_QUERIES)
        else:
            es_search = time_searches("elasticsearch", args.rounds)
        print("elasticsearch: rebuild (alias swap) …", flush=True)
        es_rebuild_s, es_rebuild = timed(lambda: es_backend.rebuild(stype))

        documents = Event.objects.count()
        results = {
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "events": documents,
            "published_alive": Event.objects.filter(stype.public_q).count(),
            "create_rows_s": round(make_seconds, 1),
            "database": {
                "engine": pg_version,
                "index_s": round(db_index_s, 1),
                "index_rate_per_s": round(db_result["documents"] / db_index_s),
                "rebuild_s": round(db_rebuild_s, 1),
                "search": db_search,
            },
            "elasticsearch": {
                "engine": engine_version + (" — the noida-db emulator, not Elasticsearch" if emulator else ""),
                "index_s": round(es_index_s, 1),
                "index_rate_per_s": round(es_result["documents"] / es_index_s),
                "rebuild_s": round(es_rebuild_s, 1),
                "rebuild": {k: v for k, v in es_rebuild.items() if k in ("documents", "index", "dropped")},
                "search": es_search,
            },
            "queries": QUERIES,
            "search_measures": "search.filter_queryset + first page of 20 ids + count, as /v1/events does "
            "(PostgreSQL statistics gathered with VACUUM ANALYZE after loading)",
        }
        write(results)
        print(json.dumps({k: v for k, v in results.items() if k in ("database", "elasticsearch")}, indent=1))
    finally:
        if emulator:
            emulator.cleanup()
        if not args.keep_database:
            from django.db import connections

            connections.close_all()
            admin_sql(base_url, f'DROP DATABASE IF EXISTS "{name}"')


def write(results):
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "search.json").write_text(json.dumps(results, indent=2) + "\n")
    db, es, m = results["database"], results["elasticsearch"], results["machine"]
    lines = [
        "# Search benchmark",
        "",
        f"{results['events']:,} events ({results['published_alive']:,} published and not deleted), "
        f"generated {results['generated_at']}.",
        f"Machine: {m['cpus']} CPUs ({m['cpu']}), Python {m['python']}; {m['note']}.",
        "",
        "| | database | elasticsearch |",
        "|---|---|---|",
        f"| engine | {db['engine']} | {es['engine']} |",
        f"| first index (bulk) | {db['index_s']} s ({db['index_rate_per_s']:,} events/s) "
        f"| {es['index_s']} s ({es['index_rate_per_s']:,} events/s) |",
        f"| rebuild | {db['rebuild_s']} s (in place) | {es['rebuild_s']} s (new index, alias swap, old dropped) |",
        f"| search p50 | {db['search']['p50_ms']} ms | {es['search']['p50_ms']} ms |",
        f"| search p95 | {db['search']['p95_ms']} ms | {es['search']['p95_ms']} ms |",
        f"| search max | {db['search']['max_ms']} ms | {es['search']['max_ms']} ms |",
        f"| timed searches | {db['search']['queries']} | {es['search']['queries']} |",
        "",
        "The Elasticsearch column ran against the noida-db emulator unless its engine line says otherwise: the "
        "emulator scans every document per query, so its search latency says nothing about a real cluster; "
        "with the emulator only one query of each kind was timed.",
        "",
        f"A search is measured as {results['search_measures']}. Queries: "
        + ", ".join(f"`{q}`" for q in results["queries"])
        + ".",
        "",
        "Matches per query (database / elasticsearch; the engine path counts at most SEARCH_MAX_HITS = 1000):",
        "",
        "| query | database | elasticsearch |",
        "|---|---|---|",
    ]
    lines += [
        f"| `{q}` | {db['search']['matches'].get(q, '—')} | {es['search']['matches'].get(q, '— (not timed)')} |"
        for q in results["queries"]
    ]
    (RESULTS / "search.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
