"""WebSocket fan-out: BENCH_SOCKETS sockets (one per user, token auth) on the stack's one uvicorn process, then one
notification per user, created at a steady rate with the `notify` service (row committed, pushed through the
Redis channel layer); each socket measures create→deliver. Run by bench/run.py; prints one JSON line."""

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RATE = 100  # notifications per second


def run(ws_base, env, seeded, sockets):
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), ws_base, str(sockets)], cwd=ROOT,
                         env=env, input=json.dumps(seeded["socket_users"][:sockets]), capture_output=True, text=True,
                         timeout=600)  # fmt: skip
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


async def fan_out(ws_base, users):
    from websockets.asyncio.client import connect

    latencies, opened = {}, {}
    done = asyncio.Event()

    async def hold(user_id, token):
        try:
            async with connect(f"{ws_base}/ws/notifications?token={token}", open_timeout=60, ping_interval=None,
                               max_queue=16) as ws:  # fmt: skip
                first = json.loads(await ws.recv())
                opened[user_id] = first.get("meta") == "WS connected"
                while not done.is_set():
                    try:
                        message = json.loads(await asyncio.wait_for(ws.recv(), timeout=1))
                    except TimeoutError:
                        continue
                    titles = [n["title"] for n in message.get("notifs", []) if n["title"].startswith("bench ")]
                    if titles:
                        latencies[user_id] = (time.time() - float(titles[0][6:])) * 1000
        except Exception as exc:  # noqa: BLE001 - a socket that fails counts as not open / lost
            opened.setdefault(user_id, False)
            print(f"socket {user_id}: {type(exc).__name__}: {exc}", file=sys.stderr)

    tasks = []
    for start in range(0, len(users), 100):  # open in batches, as clients arriving
        tasks += [asyncio.create_task(hold(uid, token)) for uid, token in users[start : start + 100]]
        await asyncio.sleep(0.2)
    deadline = time.monotonic() + 120
    while len(opened) < len(users) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    open_count = sum(1 for ok in opened.values() if ok)
    await asyncio.sleep(1)

    # the notifications are created by another process, as a web or Celery worker would
    creator = await asyncio.create_subprocess_exec(
        sys.executable, str(Path(__file__).resolve()), "create", str(RATE), stdin=asyncio.subprocess.PIPE
    )
    await creator.communicate(json.dumps([uid for uid, _ in users]).encode())
    wait_until = time.monotonic() + 10
    while len(latencies) < open_count and time.monotonic() < wait_until:
        await asyncio.sleep(0.1)
    done.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    values = sorted(latencies.values())
    return {
        "sockets": len(users),
        "open": open_count,
        "sent": len(users),
        "rate": RATE,
        "delivered": len(values),
        "lost": open_count - len(values),
        "p50_ms": statistics.median(values) if values else None,
        "p99_ms": values[max(int(len(values) * 0.99) - 1, 0)] if values else None,
        "max_ms": values[-1] if values else None,
    }


def create(rate, user_ids):
    """One notification per user at `rate` per second, through the `notify` service."""
    from notifications.services import notify
    from roles.models import User

    people = User.objects.in_bulk(user_ids)
    began = time.monotonic()
    for index, user_id in enumerate(user_ids):
        time.sleep(max(0.0, began + index / rate - time.monotonic()))
        notify(user=people[user_id], kind="message", title=f"bench {time.time():.6f}", message="<p>fan-out</p>")


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eventyay.settings")
    import django

    django.setup()
    if sys.argv[1] == "create":
        create(int(sys.argv[2]), json.loads(sys.stdin.read()))
        return
    users = json.loads(sys.stdin.read())
    print(json.dumps(asyncio.run(fan_out(sys.argv[1], users))))


if __name__ == "__main__":
    main()
