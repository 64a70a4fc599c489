"""gunicorn settings for the HTTP side of production (see the README's production section).

WSGI with threads: Django's synchronous views and middleware run without the ASGI thread hops, which is the
fastest way this Django serves HTTP. Each thread borrows a PostgreSQL connection from its worker's pool
(DB_POOL_MAX_SIZE must be at least WEB_THREADS). Defaults: two processes per core, one thread each
(`eventyay.serve.web_workers`).
"""

import os

from eventyay.serve import web_threads, web_workers

bind = os.environ.get("WEB_BIND", "127.0.0.1:8001")
workers = web_workers()
worker_class = "gthread"
threads = web_threads()
keepalive = 30
backlog = 2048
timeout = int(os.environ.get("WEB_TIMEOUT", 30))
graceful_timeout = 10
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", 0))
accesslog = os.environ.get("WEB_ACCESS_LOG") or None  # "-" for stdout; URLs are logged with tokens redacted
errorlog = "-"
loglevel = os.environ.get("WEB_LOG_LEVEL", "warning")
proc_name = "eventyay-web"
