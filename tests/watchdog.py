"""A test that hangs says why before it is stopped.

pytest-timeout (`timeout` in pyproject.toml) fails a test that runs too long, so one stuck test cannot eat CI's
whole time budget. Before that, at `WATCHDOG_SECONDS`, this plugin writes to stderr every thread's stack and
what PostgreSQL is doing (every session of the test database that is not idle, and who blocks whom): a hang on
a lock held by another connection, on a socket or on an event loop then shows in the CI log.
"""

import faulthandler
import os
import sys
import threading

import pytest

WATCHDOG_SECONDS = float(os.environ.get("TEST_WATCHDOG_SECONDS", 200))

ACTIVITY = """
SELECT pid, state, wait_event_type, wait_event, pg_blocking_pids(pid) AS blocked_by,
       now() - xact_start AS in_transaction_for, left(query, 300) AS query
FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'
"""


def _database_activity(db):
    if "postgresql" not in db["ENGINE"] and "pgbackend" not in db["ENGINE"]:
        return "(not PostgreSQL)"
    import psycopg

    try:
        with psycopg.connect(host=db["HOST"] or None, port=db["PORT"] or None, user=db["USER"] or None,
                             password=db["PASSWORD"] or None, dbname=db["NAME"], connect_timeout=5,
                             autocommit=True) as conn:  # fmt: skip
            rows = conn.execute(ACTIVITY).fetchall()
    except Exception as error:  # the report must not fail the run
        return f"(could not read pg_stat_activity: {error!r})"
    return "\n".join(repr(row) for row in rows) or "(no active session)"


def _report(nodeid, connection):
    out = sys.__stderr__
    out.write(f"\n===== watchdog: {nodeid} still running after {WATCHDOG_SECONDS:.0f} s =====\n")
    out.write("--- PostgreSQL sessions of the test database that are not idle ---\n")
    out.write((_database_activity(connection.settings_dict) if connection else "(no database)") + "\n")
    out.write("--- every thread's stack ---\n")
    out.flush()
    faulthandler.dump_traceback(file=out, all_threads=True)
    out.flush()


def _connection_of_this_thread():
    """The main thread's connection object: its settings name the test database once it exists (another thread's
    connection object keeps the configured name)."""
    try:
        from django.db import connections

        return connections["default"]
    except Exception:  # Django not configured (a collection error): nothing to ask PostgreSQL
        return None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    timer = threading.Timer(WATCHDOG_SECONDS, _report, args=(item.nodeid, _connection_of_this_thread()))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
