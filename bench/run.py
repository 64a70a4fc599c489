"""`make bench`: the production stack under load, each request as a share of the trivial view's req/s.

What it does, in order:
1. Creates (or empties) the benchmark database `<DATABASE_URL's name>_bench` on the same PostgreSQL server,
   migrates it and seeds a stated data set (`SEED` below: 200 published events with 3 tickets each, one of them
   with 100 sessions, 5 tracks and 30 speakers; 20 pages; 200 buyers; 1,000 socket users).
2. Starts the README's production stack (`python -m eventyay.serve`: nginx → gunicorn WEB_WORKERS×WEB_THREADS
   for HTTP, uvicorn for /ws/, a Celery worker), DEBUG off, on REDIS_URL. Beside it, for reference only, the
   trivial view on a bare uvicorn (the old ASGI-only setup).
3. Drives every request of the issue's table with wrk (16 connections, BENCH_SECONDS each, BENCH_RUNS runs,
   medians; every request carries a browser's `Accept-Encoding: gzip, deflate, br`, one row shows the same
   anonymous list without it): req/s, p50, p99 and the ratio to the ceiling — `GET /ping` (`{"ok": true}`, the
   whole middleware stack) served by the same processes in the same run. Anonymous rows may be answered by the
   response cache; "admin" rows carry an admin's token, so every answer is rendered.
4. The ticket rush (200 buyers, 100 seats, all at once), WebSocket fan-out (1,000 sockets on the one uvicorn
   process, one notification each, create→deliver latency, lost messages), and SQL queries per request
   (counted in process, response cache off).
5. Prints a Markdown table, writes bench/results/<time>.json and .md (and latest.*), and compares with the
   committed baseline bench/baseline.json.

Environment: DATABASE_URL (PostgreSQL) and REDIS_URL are required. BENCH_SECONDS (5), BENCH_RUNS (1),
WEB_WORKERS (two per core), WEB_THREADS (1), BENCH_SOCKETS (1000), BENCH_CONNECTIONS (16).
"""

import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"
BASELINE = ROOT / "bench" / "baseline.json"
sys.path.insert(0, str(ROOT))

from eventyay.serve import web_threads, web_workers  # noqa: E402  (the production defaults)

SEED = {
    "published_events": 200,
    "tickets_per_event": 3,
    "sessions_on_one_event": 100,
    "tracks": 5,
    "speakers": 30,
    "speakers_per_session": 2,
    "pages": 20,
    "rush_buyers": 200,
    "rush_seats": 100,
}

#: (row name, path, who, target share of the ceiling or None, extra headers)
REQUESTS = [
    ("anon /v1/events", "/v1/events", "anon", 0.50),
    ("anon /v1/events?page[size]=100", "/v1/events?page[size]=100", "anon", 0.20),
    ("anon /v1/events sparse", "/v1/events?fields[event]=name,starts-at", "anon", 0.60),
    ("anon /v1/events/<id>?include=tickets", "/v1/events/{event}?include=tickets", "anon", 0.50),
    ("anon 100 sessions include=speakers,track", "/v1/events/{event}/sessions?include=speakers,track&page[size]=100",
     "anon", 0.15),
    ("anon /v1/pages", "/v1/pages", "anon", None),
    ("anon /v1/events If-None-Match (304)", "/v1/events", "anon-304", 0.80),
    ("anon /v1/events, no Accept-Encoding", "/v1/events", "anon-identity", None),
    ("admin /v1/events", "/v1/events", "admin", 0.05),
    ("admin /v1/events?page[size]=100", "/v1/events?page[size]=100", "admin", 0.015),
    ("admin /v1/events sparse", "/v1/events?fields[event]=name,starts-at", "admin", None),
    ("admin 100 sessions include=speakers,track", "/v1/events/{event}/sessions?include=speakers,track&page[size]=100",
     "admin", 0.015),
    ("admin /v1/events If-None-Match (304)", "/v1/events", "admin-304", None),
]  # fmt: skip


#: every request says what every browser says: it takes gzip (the response cache keeps a compressed copy of each
#: answer; nothing else is compressed). The "no Accept-Encoding" row shows the same answer uncompressed.
BROWSER = ["Accept-Encoding: gzip, deflate, br"]


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- database -----------------------------------------------------------------------------------------------
def bench_database_url():
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        return url
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("make bench needs DATABASE_URL (PostgreSQL) and REDIS_URL; see the README's production section.")
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_bench"))


def recreate_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def stack_env(db_url):
    env = {**os.environ, "DATABASE_URL": db_url, "DJANGO_SETTINGS_MODULE": "eventyay.settings",
           "DJANGO_DEBUG": "0", "LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1",
           "CELERY_TASK_ALWAYS_EAGER": "0", "API_PUBLIC_CACHE": "1",
           "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}  # fmt: skip
    env.setdefault("SECRET_KEY", "bench-" + os.urandom(16).hex())
    return env


def seed(env):
    """Migrate and seed in a child process (Django set up on the bench database). Returns ids and tokens."""
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "seed.py"), json.dumps(SEED)], cwd=ROOT, env=env,
                         check=True, capture_output=True, text=True)  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- processes ----------------------------------------------------------------------------------------------
def wait_for(url, proc, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(url)


class Stack:
    def __init__(self, env, workers, threads):
        self.env = env
        self.port, self.web_port, self.ws_port, self.asgi_port = (free_port() for _ in range(4))
        self.workers, self.threads = workers, threads
        self.procs = []

    def __enter__(self):
        serve = [sys.executable, "-m", "eventyay.serve", "--port", str(self.port), "--web-port", str(self.web_port),
                 "--ws-port", str(self.ws_port), "--workers", str(self.workers), "--threads", str(self.threads),
                 "--worker"]  # fmt: skip
        if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
            sys.exit("nginx is missing: `make bench` installs it with apt-get (or install nginx-light).")
        self.procs.append(subprocess.Popen(serve, cwd=ROOT, env=self.env, start_new_session=True))
        # the reference: the same WSGI workers as one plain gunicorn, no proxy (what "a WSGI server" serves)
        conf = str(ROOT / "eventyay/deploy/gunicorn.conf.py")
        wsgi = [str(BIN / "gunicorn"), "eventyay.wsgi:application", "-c", conf, "--bind", f"127.0.0.1:{self.web_port}",
                "--workers", str(self.workers), "--threads", str(self.threads)]  # fmt: skip
        self.procs.append(subprocess.Popen(wsgi, cwd=ROOT, env=self.env, start_new_session=True))
        asgi = [str(BIN / "uvicorn"), "eventyay.asgi:application", "--host", "127.0.0.1", "--port", str(self.asgi_port),
                "--lifespan", "off", "--no-access-log", "--log-level", "warning"]  # fmt: skip
        self.procs.append(subprocess.Popen(asgi, cwd=ROOT, env=self.env, start_new_session=True))
        for port in (self.port, self.web_port, self.asgi_port):
            wait_for(f"http://127.0.0.1:{port}/ping", self.procs[0])
        return self

    def __exit__(self, *exc):
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


# --- wrk ----------------------------------------------------------------------------------------------------
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    match = re.match(r"([\d.]+)(us|ms|s|m)$", text.strip())
    return float(match.group(1)) * _UNITS[match.group(2)] if match else None


def wrk(url, headers=(), seconds=5, connections=16):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
        cmd += ["-H", header]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, timeout=seconds + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": rps,
        "p50_ms": p50,
        "p99_ms": p99,
        "non_2xx_3xx": int(bad.group(1)) if bad else 0,
        "socket_errors": sum(int(x) for x in errors.groups()) if errors else 0,
    }


def measure(url, headers, seconds, runs, connections):
    samples = [wrk(url, headers, seconds, connections) for _ in range(runs)]
    pick = sorted(samples, key=lambda s: s["rps"])[len(samples) // 2]
    return {**pick, "rps_runs": [s["rps"] for s in samples]}


def etag_of(url, headers=()):
    request = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers["ETag"]


# --- main ---------------------------------------------------------------------------------------------------
def machine():
    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"cpu": model, "cores": os.cpu_count(), "python": platform.python_version(),
            "load_before": os.getloadavg(), "platform": platform.platform()}  # fmt: skip


def main():
    seconds = int(os.environ.get("BENCH_SECONDS", 5))
    runs = int(os.environ.get("BENCH_RUNS", 1))
    connections = int(os.environ.get("BENCH_CONNECTIONS", 16))
    workers, threads = web_workers(), web_threads()
    sockets = int(os.environ.get("BENCH_SOCKETS", 1000))
    # a part of the run, to iterate on one thing: BENCH_PARTS=http,rush,ws (default all); BENCH_ROWS=admin keeps the
    # HTTP rows whose name contains that text (the ceiling is measured either way)
    parts = set(os.environ.get("BENCH_PARTS", "http,rush,ws").split(","))
    only_rows = os.environ.get("BENCH_ROWS", "")
    if not os.environ.get("REDIS_URL"):
        sys.exit("make bench needs REDIS_URL (and DATABASE_URL).")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `make bench` installs it with apt-get (Debian package wrk).")
    db_url = bench_database_url()
    log(f"bench database: {urlsplit(db_url).path.lstrip('/')}")
    recreate_database(db_url)
    env = stack_env(db_url)
    env["DB_POOL_MAX_SIZE"] = str(threads + 2)
    seeded = seed({**env, "BENCH_SOCKETS": str(sockets)})
    results = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine(), "seed": SEED,
               "setup": {"web_workers": workers, "web_threads": threads, "proxy": "nginx", "ws": "uvicorn (1 process)",
                         "celery_concurrency": int(os.environ.get("CELERY_CONCURRENCY", 2)),
                         "wrk_connections": connections, "seconds": seconds, "runs": runs},
               "rows": []}  # fmt: skip
    with Stack(env, workers, threads) as stack:
        base = f"http://127.0.0.1:{stack.port}"
        admin = [f"Authorization: JWT {seeded['admin_token']}"]
        for url in (f"{base}/ping", f"http://127.0.0.1:{stack.web_port}/ping"):
            wrk(url, BROWSER, 2, connections)  # warm up every worker
        ceilings = []

        def ceiling():
            ceilings.append(measure(f"{base}/ping", BROWSER, seconds, runs, connections)["rps"])

        ceiling()
        log(f"  ceiling /ping (nginx → gunicorn)               {ceilings[-1]:9.1f} req/s")
        wsgi = measure(f"http://127.0.0.1:{stack.web_port}/ping", BROWSER, seconds, runs, connections)
        asgi = measure(f"http://127.0.0.1:{stack.asgi_port}/ping", BROWSER, seconds, runs, connections)
        log(f"  /ping on gunicorn directly {wsgi['rps']:9.1f} req/s; on a bare uvicorn {asgi['rps']:9.1f} req/s")
        chosen = [r for r in REQUESTS if only_rows in r[0]] if "http" in parts else []
        for name, path, who, target in chosen:
            url = base + path.format(event=seeded["event"])
            headers = (admin if who.startswith("admin") else []) + ([] if who == "anon-identity" else BROWSER)
            etag_of(url, headers)  # fills the cache for anonymous rows
            if who.endswith("304"):
                headers = [*headers, f"If-None-Match: {etag_of(url, headers)}"]
            row = measure(url, headers, seconds, runs, connections)
            row.update(name=name, path=path, who=who, target=target)
            results["rows"].append(row)
            log(f"  {name:45} {row['rps']:9.1f} req/s")
            if len(results["rows"]) == len(chosen) // 2:
                ceiling()
        ceiling()
        ceiling_rps = statistics.median(ceilings)
        results["ceiling"] = {"rps": ceiling_rps, "runs": ceilings, "path": "/ping via nginx → gunicorn"}
        results["wsgi_reference"] = {**wsgi, "path": "/ping on gunicorn directly"}
        results["asgi_only"] = {**asgi, "path": "/ping on a bare uvicorn (all HTTP through ASGI)"}
        for row in results["rows"]:
            row["ratio"] = row["rps"] / ceiling_rps
        from bench import rush, ws_fanout

        if "rush" in parts:
            # one rush per run, each on a fresh ticket; the median run (by orders/s) is the result
            rushes = sorted((rush.run(base, env, seeded) for _ in range(runs)), key=lambda r: r["orders_per_s"])
            results["rush"] = {**rushes[len(rushes) // 2], "runs": [round(r["orders_per_s"], 1) for r in rushes]}
            log(f"  rush: {results['rush']['statuses']}, orders/s per run {results['rush']['runs']}")
        if "ws" in parts:
            results["websocket"] = ws_fanout.run(f"ws://127.0.0.1:{stack.port}", env, seeded, sockets)
            log(f"  sockets: {results['websocket']}")
    results["queries"] = queries_per_request(env, seeded)
    write(results)


def queries_per_request(env, seeded):
    env = {**env, "API_PUBLIC_CACHE": "0"}
    needed = {"event": seeded["event"], "admin_token": seeded["admin_token"]}
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "queries.py"), json.dumps(needed)],
                         cwd=ROOT, env=env, check=True, capture_output=True, text=True)  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def _fmt_ratio(value):
    return f"{value * 100:.1f} %"


def markdown(results):
    ceiling = results["ceiling"]["rps"]
    m = results["machine"]
    setup = results["setup"]
    lines = [
        f"# eventyay benchmark, {results['when']}",
        "",
        f"Machine: {m['cpu']} ({m['cores']} cores), Python {m['python']}; load before the run {m['load_before']}.",
        f"Stack: nginx → gunicorn {setup['web_workers']} workers × {setup['web_threads']} threads (HTTP), "
        f"uvicorn ×1 (/ws/), Celery worker, PostgreSQL, Redis. wrk, {setup['wrk_connections']} connections, "
        f"{setup['seconds']} s × {setup['runs']} run(s), medians; requests say `{BROWSER[0]}` as browsers do "
        "(except the row that says it does not).",
        f"Seed: {json.dumps(results['seed'])}.",
        "",
        f'Ceiling (`/ping`, `{{"ok": true}}`, same processes): **{ceiling:.0f} req/s**. '
        f"The same view on gunicorn directly: {results['wsgi_reference']['rps']:.0f} req/s "
        f"(the recommended setup reaches {_fmt_ratio(ceiling / results['wsgi_reference']['rps'])} of it); "
        f"on a bare uvicorn (everything through ASGI): {results['asgi_only']['rps']:.0f} req/s.",
        "",
        "| request | req/s | p50 ms | p99 ms | share of ceiling | target | queries | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    queries = results.get("queries", {})
    for row in results["rows"]:
        target = _fmt_ratio(row["target"]) if row["target"] is not None else "–"
        ok = "" if row["target"] is None else (" ✅" if row["ratio"] >= row["target"] else " ❌")
        q = queries.get(row["name"], "")
        errors = row["non_2xx_3xx"] + row["socket_errors"]
        lines.append(f"| {row['name']} | {row['rps']:.1f} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} | "
                     f"{_fmt_ratio(row['ratio'])}{ok} | {target} | {q} | {errors} |")  # fmt: skip
    rush = results.get("rush")
    if rush is not None:
        lines += [
            "",
            f"Ticket rush ({rush['buyers']} buyers, {rush['seats']} seats, at once): {rush['statuses']} in "
            f"{rush['seconds']:.2f} s → **{rush['orders_per_s']:.0f} orders/s**, p50 {rush['p50_ms']:.0f} ms, "
            f"p99 {rush['p99_ms']:.0f} ms; 5xx: {rush['server_errors']} (target ≥ 150 orders/s, p99 < 2 s; "
            f"the median of {len(rush.get('runs', [0]))} run(s): {rush.get('runs')} orders/s).",
        ]
    ws = results.get("websocket")
    if ws is not None:
        lines += [
            f"WebSocket fan-out: {ws['open']}/{ws['sockets']} sockets open on one uvicorn process; "
            f"{ws['sent']} notifications at {ws['rate']}/s, create→deliver p50 {ws['p50_ms']:.1f} ms, "
            f"p99 {ws['p99_ms']:.1f} ms, lost {ws['lost']} (target p99 < 100 ms, nothing lost).",
        ]
    return "\n".join(lines) + "\n"


def compare(results):
    if not BASELINE.exists():
        return "No committed baseline (bench/baseline.json) to compare with."
    base = json.loads(BASELINE.read_text())
    old = {row["name"]: row for row in base.get("rows", [])}
    lines = ["", "Against the committed baseline (share of the ceiling, then → now):"]
    for row in results["rows"]:
        before = old.get(row["name"])
        if before:
            lines.append(f"- {row['name']}: {_fmt_ratio(before['ratio'])} → {_fmt_ratio(row['ratio'])}")
    return "\n".join(lines) + "\n"


def write(results):
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    text = markdown(results)
    text_with_comparison = text + compare(results)
    for name in (stamp, "latest"):
        (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n")
        (RESULTS / f"{name}.md").write_text(text_with_comparison)
    print(text_with_comparison)
    log(
        f"written: bench/results/{stamp}.json, .md (and latest.*); `cp bench/results/latest.json bench/baseline.json`"
        " to make this run the baseline"
    )


if __name__ == "__main__":
    main()
