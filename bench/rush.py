"""The ticket rush: every buyer posts create-order for one seat of a fresh 100-seat ticket at the same moment."""

import asyncio
import json
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

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
    ticket = fresh_ticket(seats, env)
    results, elapsed = asyncio.run(_rush(base, seeded["buyer_tokens"], ticket))
    timings = sorted(ms for _status, _code, ms in results)
    statuses = Counter(f"{status}{' ' + code if code else ''}" for status, code, _ms in results)
    return {
        "buyers": len(results),
        "seats": seats,
        "statuses": dict(sorted(statuses.items())),
        "created": sum(1 for status, _, _ in results if status == 201),
        "sold_out": sum(1 for status, code, _ in results if status == 409 and code == "sold_out"),
        "server_errors": sum(1 for status, _, _ in results if status >= 500),
        "seconds": elapsed,
        "orders_per_s": len(results) / elapsed,
        "p50_ms": statistics.median(timings),
        "p99_ms": timings[max(int(len(timings) * 0.99) - 1, 0)],
    }


async def _rush(base, tokens, ticket):
    """Every buyer's connection is open first (as a browser's kept-alive one would be); then all requests go out
    at the same moment. One asyncio client: the load generator's own CPU stays small beside the server's (a
    thread per buyer with urllib took a good share of the two cores the server runs on)."""
    url = urlsplit(base)
    body = json.dumps({"tickets": [{"id": ticket, "quantity": 1}]}).encode()
    connections = await asyncio.gather(*(asyncio.open_connection(url.hostname, url.port) for _ in tokens))
    began = time.perf_counter()
    results = await asyncio.gather(
        *(_buy(reader, writer, url, token, body) for (reader, writer), token in zip(connections, tokens, strict=True))
    )
    return results, time.perf_counter() - began


async def _buy(reader, writer, url, token, body):
    head = (
        f"POST /v1/orders/create-order HTTP/1.1\r\nHost: {url.netloc}\r\nContent-Type: application/json\r\n"
        f"Accept: application/vnd.api+json\r\nAuthorization: JWT {token}\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    )
    began = time.perf_counter()
    writer.write(head.encode() + body)
    await writer.drain()
    response = await asyncio.wait_for(reader.read(), 60)  # the server closes: the whole answer
    ms = (time.perf_counter() - began) * 1000
    writer.close()
    status_line, _, rest = response.partition(b"\r\n")
    status = int(status_line.split()[1])
    code = None
    if status >= 400:
        headers, _, payload = rest.partition(b"\r\n\r\n")
        if b"transfer-encoding: chunked" in headers.lower():
            payload = _unchunk(payload)
        try:
            code = json.loads(payload)["errors"][0].get("code")
        except (ValueError, KeyError, IndexError):
            code = None
    return status, code, ms


def _unchunk(payload):
    out = b""
    while payload:
        size, _, payload = payload.partition(b"\r\n")
        size = int(size.split(b";")[0], 16)
        if size == 0:
            break
        out, payload = out + payload[:size], payload[size + 2 :]
    return out
