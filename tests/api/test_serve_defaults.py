"""The production stack's process model (eventyay.serve): two single-threaded WSGI processes per core unless the
environment says otherwise, in the stack, in gunicorn's own config and in the benchmark alike."""

import runpy

from eventyay import serve


def test_two_single_threaded_processes_per_core_by_default(monkeypatch):
    monkeypatch.delenv("WEB_WORKERS", raising=False)
    monkeypatch.delenv("WEB_THREADS", raising=False)
    monkeypatch.setattr(serve.os, "cpu_count", lambda: 3)
    assert (serve.web_workers(), serve.web_threads()) == (6, 1)
    args = serve.parse([])
    assert (args.workers, args.threads) == (6, 1)
    conf = runpy.run_path(str(serve.ROOT / "eventyay" / "deploy" / "gunicorn.conf.py"))
    assert (conf["workers"], conf["threads"], conf["worker_class"]) == (6, 1, "gthread")
    monkeypatch.setattr(serve.os, "cpu_count", lambda: 64)
    assert serve.web_workers() == 16  # each with its own pool: PostgreSQL's default 100 connections suffice


def test_the_environment_sets_them(monkeypatch):
    monkeypatch.setenv("WEB_WORKERS", "5")
    monkeypatch.setenv("WEB_THREADS", "3")
    assert (serve.web_workers(), serve.web_threads()) == (5, 3)
    assert serve.parse([]).workers == 5
