"""A full connection pool is "try again shortly" (503 with Retry-After), never a 500.

Raised from anywhere in a request: a request thread that waited `DB_POOL_TIMEOUT` seconds for a PostgreSQL
connection (psycopg_pool's PoolTimeout, wrapped by Django in its OperationalError), a server that refuses
more clients, or a Redis pool with no free connection within `REDIS_POOL_TIMEOUT`.
"""

RETRY_AFTER_SECONDS = 2
DETAIL = "The server is busy. Please retry in a moment."


def _chain(exc):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def is_overload(exc):
    """True when `exc` (or what caused it) means a pool or the database had no room for this request."""
    try:
        from psycopg_pool import PoolTimeout, TooManyRequests
    except ImportError:  # pragma: no cover - the pool is a pinned requirement
        PoolTimeout = TooManyRequests = ()
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import MaxConnectionsError

    for item in _chain(exc):
        if PoolTimeout and isinstance(item, (PoolTimeout, TooManyRequests)):
            return True
        if isinstance(item, MaxConnectionsError):
            return True
        if isinstance(item, RedisConnectionError) and "No connection available" in str(item):
            return True
        if type(item).__name__ == "OperationalError" and "too many clients" in str(item):
            return True
    return False
