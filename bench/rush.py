"""The ticket rush: every buyer posts create-order for one seat of a fresh 100-seat ticket at the same moment."""

import json
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_ticket(seats, env):
    """A new published event with one ticket of `seats` seats (made in a child process on the bench database)."""
    code = (
        "import django,os,json;django.setup();"
        "from tests.factories import EventFactory;from tickets.models import Ticket;"
        f"t=Ticket.objects.create(event=EventFactory(),name='Rush',quantity={seats},max_order=1);print(t.pk)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env | {"PYTHONPATH": str(ROOT)},
                         check=True, capture_output=True, text=True)  # fmt: skip
    return int(out.stdout.strip().splitlines()[-1])


def run(base, env, seeded, seats=100):
    tokens = seeded["buyer_tokens"]
    ticket = fresh_ticket(seats, env)
    body = json.dumps({"tickets": [{"id": ticket, "quantity": 1}]}).encode()
    start = threading.Barrier(len(tokens) + 1)
    timings = []

    def buy(token):
        request = urllib.request.Request(f"{base}/v1/orders/create-order", data=body, method="POST", headers={
            "Content-Type": "application/json", "Accept": "application/vnd.api+json", "Authorization": f"JWT {token}",
        })  # fmt: skip
        start.wait()
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, code = response.status, None
        except urllib.error.HTTPError as exc:
            status = exc.code
            try:
                code = json.loads(exc.read())["errors"][0].get("code")
            except (ValueError, KeyError, IndexError):
                code = None
        timings.append((time.perf_counter() - began) * 1000)
        return status, code

    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        futures = [pool.submit(buy, token) for token in tokens]
        start.wait()
        began = time.perf_counter()
        results = [f.result() for f in futures]
        elapsed = time.perf_counter() - began
    timings.sort()
    statuses = Counter(f"{status}{' ' + code if code else ''}" for status, code in results)
    return {
        "buyers": len(tokens),
        "seats": seats,
        "statuses": dict(sorted(statuses.items())),
        "created": sum(1 for status, _ in results if status == 201),
        "sold_out": sum(1 for status, code in results if status == 409 and code == "sold_out"),
        "server_errors": sum(1 for status, _ in results if status >= 500),
        "seconds": elapsed,
        "orders_per_s": len(results) / elapsed,
        "p50_ms": statistics.median(timings),
        "p99_ms": timings[max(int(len(timings) * 0.99) - 1, 0)],
    }
