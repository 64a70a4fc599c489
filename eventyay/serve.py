"""The production stack on one machine, in the foreground: `python -m eventyay.serve` (or `make serve`).

    nginx  :PORT  ─┬─ /ws/  → uvicorn (ASGI: WebSocket; one process holds thousands of sockets)
                   └─ else  → gunicorn (WSGI: WEB_WORKERS processes × WEB_THREADS threads)
    celery worker (CELERY_CONCURRENCY), optional: --worker

Behind nginx, each WSGI process is a gunicorn of its own (one worker) on a Unix socket, and nginx hands requests
to them in turn over kept-alive connections. One gunicorn with several workers would let them share nginx's
kept-alive connections as they happened to accept them: measured, all 16 of a load's connections sometimes sat on
one worker, which then used one core of two (70 req/s instead of 130 on an admin list). `--web-port` is where
gunicorn listens with `--no-proxy` only.

Every process reads the same environment (DATABASE_URL, REDIS_URL, …). Ctrl-C / SIGTERM stops them all.
Without nginx on the machine, `--no-proxy` serves HTTP on the gunicorn port and /ws/ on the uvicorn port.
"""

import argparse
import os
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def web_workers():
    """WEB_WORKERS, by default two WSGI processes per core: a request's work is Python that holds the GIL, so
    threads in one process queue for it (measured on 2 cores, 2 processes × 4 threads against 4 × 1: admin
    lists 4.0 → 5.2 % of the ceiling, the ticket rush 180 → 249 orders/s); the second process per core runs
    while the first waits on PostgreSQL. At most 16 by default: each process keeps a pool of up to
    DB_POOL_MAX_SIZE (4) connections, and 16 × 4 stays under PostgreSQL's default `max_connections` of 100."""
    return int(os.environ.get("WEB_WORKERS") or min(2 * (os.cpu_count() or 1), 16))


def web_threads():
    """WEB_THREADS, by default 1 (see `web_workers`)."""
    return int(os.environ.get("WEB_THREADS") or 1)
TEMPLATE = Path(__file__).resolve().parent / "deploy" / "nginx.conf.template"


def nginx_config(run_dir, *, listen, web_binds, ws_bind, access_log, workers=1):
    text = string.Template(TEMPLATE.read_text()).safe_substitute(
        NGINX_WORKERS=str(workers),
        RUN_DIR=str(run_dir),
        LISTEN=listen,
        WEB_SERVERS=" ".join(f"server {bind};" for bind in web_binds),
        WS_BIND=ws_bind,
        ACCESS_LOG=f"{access_log} eventyay" if access_log != "off" else "off",
    )
    path = Path(run_dir) / "nginx.conf"
    path.write_text(text)
    return path


def web_sockets(run_dir, count):
    """The Unix socket of each WSGI process behind nginx."""
    return [Path(run_dir) / f"web-{i}.sock" for i in range(count)]


def commands(args, run_dir):
    """(name, argv) of every process of the stack."""
    web_bind = f"127.0.0.1:{args.web_port}"
    ws_bind = f"127.0.0.1:{args.ws_port}"
    web = [str(BIN / "gunicorn"), "eventyay.wsgi:application", "-c", str(ROOT / "eventyay/deploy/gunicorn.conf.py"),
           "--threads", str(args.threads)]  # fmt: skip
    if args.access_log:
        web += ["--access-logfile", args.access_log]
    if args.no_proxy:
        webs = [("web", [*web, "--bind", web_bind, "--workers", str(args.workers)])]
        sockets = []
    else:  # one gunicorn per process, each on its socket (see the module docstring)
        sockets = web_sockets(run_dir, args.workers)
        webs = [(f"web-{i}", [*web, "--bind", f"unix:{sock}", "--workers", "1"]) for i, sock in enumerate(sockets)]
    level = "info" if args.access_log else "warning"
    ws = [str(BIN / "uvicorn"), "eventyay.asgi:application", "--host", "127.0.0.1", "--port", str(args.ws_port),
          "--ws", "websockets-sansio", "--lifespan", "off", "--log-level", level]  # fmt: skip
    if not args.access_log:
        ws.append("--no-access-log")
    out = [*webs, ("ws", ws)]
    if not args.no_proxy:
        binds = [f"unix:{sock}" for sock in sockets]
        conf = nginx_config(run_dir, listen=f"{args.host}:{args.port}", web_binds=binds, ws_bind=ws_bind,
                            access_log=args.access_log or "off", workers=args.proxy_workers)  # fmt: skip
        out.append(("proxy", [args.nginx, "-p", str(run_dir), "-c", str(conf), "-g", "daemon off;"]))
    if args.worker:
        worker = [str(BIN / "celery"), "-A", "eventyay", "worker", "--loglevel=WARNING",
                  f"--concurrency={args.celery_concurrency}", "-n", f"serve-{os.getpid()}@%h"]  # fmt: skip
        out.append(("worker", worker))
    return out


def _sockets_ready(run_dir, count, processes, timeout=60):
    """Waits until every WSGI process listens on its socket (nginx would otherwise answer 502 meanwhile and set
    the missing ones aside); False if one exited first or the time ran out."""
    sockets = web_sockets(run_dir, count)
    deadline = time.monotonic() + timeout
    while not all(sock.exists() for sock in sockets):
        for name, proc in processes:
            if proc.poll() is not None:
                print(f"{name} exited with {proc.returncode} while starting", file=sys.stderr, flush=True)
                return False
        if time.monotonic() > deadline:
            print("the WSGI processes did not open their sockets in time", file=sys.stderr, flush=True)
            return False
        time.sleep(0.1)
    return True


def parse(argv=None):
    env = os.environ.get
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default=env("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(env("PORT", 8000)))
    parser.add_argument("--web-port", type=int, default=int(env("WEB_PORT", 8001)))
    parser.add_argument("--ws-port", type=int, default=int(env("WS_PORT", 8002)))
    parser.add_argument("--workers", type=int, default=web_workers())
    parser.add_argument("--threads", type=int, default=web_threads())
    parser.add_argument("--proxy-workers", type=int, default=int(env("PROXY_WORKERS", 1)))
    parser.add_argument("--worker", action="store_true", help="also run a Celery worker")
    parser.add_argument("--celery-concurrency", type=int, default=int(env("CELERY_CONCURRENCY", 2)))
    parser.add_argument("--no-proxy", action="store_true", help="no nginx: HTTP on --web-port, /ws/ on --ws-port")
    parser.add_argument("--nginx", default=env("NGINX", shutil.which("nginx") or "/usr/sbin/nginx"))
    parser.add_argument("--access-log", default=env("ACCESS_LOG", ""), help='file, or "-" for stdout')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse(argv)
    if not args.no_proxy and not (shutil.which(args.nginx) or os.path.exists(args.nginx)):
        sys.exit(f"nginx not found at {args.nginx}: install it (apt-get install nginx-light) or use --no-proxy")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "eventyay.settings")}
    env.setdefault("DB_POOL_MAX_SIZE", str(max(args.threads + 2, 4)))
    run_dir = Path(tempfile.mkdtemp(prefix="eventyay-serve-"))
    run_dir.chmod(0o777)
    processes = []
    try:
        for name, argv_ in commands(args, run_dir):
            if name == "proxy" and not _sockets_ready(run_dir, args.workers, processes):
                return 1
            processes.append((name, subprocess.Popen(argv_, cwd=ROOT, env=env)))
        where = f"http://{args.host}:{args.port}" if not args.no_proxy else f"http://127.0.0.1:{args.web_port}"
        print(f"eventyay serving on {where} (HTTP: {args.workers}×{args.threads} WSGI threads, /ws/: ASGI)", flush=True)
        stop = []
        signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
        while not stop:
            for name, proc in processes:
                if proc.poll() is not None:
                    print(f"{name} exited with {proc.returncode}; stopping", file=sys.stderr, flush=True)
                    return proc.returncode or 1
            time.sleep(0.5)
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        for _name, proc in processes:
            if proc.poll() is None:
                proc.terminate()
        for _name, proc in processes:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(run_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
