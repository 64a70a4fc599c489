"""The content generation: one counter in the shared cache that every committed write moves on (see
eventyay.api.public_cache), and what this process knows of it without asking.

With Redis behind the cache, a bump is one script run: it increments the counter and publishes the new value on
a channel, atomically. Each process holds one subscribed connection of its own and, before it answers from its
cache, reads whatever the subscription has delivered (a non-blocking read: no round trip). Redis writes the
message to every subscriber in the same pass of its event loop as the reply to the writer, over loopback, so it
is in this process's socket before the writer's HTTP answer can have reached anyone: a change is seen by the
very next request, in any process, as when the counter was read from Redis on every request.

What this process knows is trusted only while all of these hold, and is otherwise asked of Redis as before:
- the subscription is connected (a lost or reset connection is dropped, never silently reconnected: messages
  sent while it was away are lost, so the next answer asks Redis, and a new subscription starts untrusted);
- the counter was read from Redis in the last `VERIFY_SECONDS` (a Redis that hangs, or was emptied and restarted
  its counter, is noticed within that time);
- the counter never went back (values are only taken upward; a lower one, read or published, means it was reset,
  and trust waits for the next read).
"""

import logging
import os
import random
import threading
import time

logger = logging.getLogger(__name__)

GENERATION_KEY = "eventyay:api:generation"
CHANNEL_PREFIX = "eventyay:api:generation:"
#: how long a value known from the subscription is trusted without reading the counter from Redis
VERIFY_SECONDS = 1.0
#: after a failed subscription, wait this long before trying again (misses meanwhile ask Redis)
RETRY_SECONDS = 1.0
#: a counter starts at a random point below this (values stay exact in Redis' Lua numbers), so an entry stamped
#: before Redis was emptied cannot match the new counter by chance
START_BELOW = 10**12

# KEYS[1]: the counter; ARGV[1]: where a missing (or not numeric) counter starts; ARGV[2]: the channel
_BUMP = """
local current = redis.call('GET', KEYS[1])
if not current or not string.match(current, '^%d+$') then redis.call('SET', KEYS[1], ARGV[1]) end
local value = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', ARGV[2], value)
return value
"""

_clients = {}


def redis_client():
    """(client, backend) for the default cache when it is Django's Redis cache on one server, else (None,
    backend). One client per connection pool: Django builds a new client object (with its table of response
    callbacks) for every operation, which costs more than a round trip on a fast network."""
    from django.core.cache import caches

    backend = caches["default"]
    inner = getattr(backend, "_cache", None)
    pool_of = getattr(inner, "_get_connection_pool", None)
    if pool_of is None or getattr(inner, "_serializer", None) is None or len(getattr(inner, "_servers", ())) != 1:
        return None, backend
    pool = pool_of(True)
    client = _clients.get(id(pool))
    if client is None or client.connection_pool is not pool:
        client = _clients[id(pool)] = inner._client(connection_pool=pool)
    return client, backend


def start_value():
    return random.randrange(START_BELOW // 2)


def channel_for(client, backend):
    kwargs = client.connection_pool.connection_kwargs
    # channels are shared by every database of a Redis server: the database and the key name keep ours apart
    return f"{CHANNEL_PREFIX}{kwargs.get('db', 0)}:{backend.make_and_validate_key(GENERATION_KEY)}"


def bump():
    """Move the counter on; returns the new value. Raises when the cache is away."""
    from django.core.cache import cache

    client, backend = redis_client()
    if client is None:  # not Redis (the embedded set-up): no other process to tell
        value = start_value()
        cache.set(GENERATION_KEY, value, timeout=None)
        return value
    key = backend.make_and_validate_key(GENERATION_KEY)
    value = int(client.eval(_BUMP, 1, key, start_value(), channel_for(client, backend)))
    watch.saw(value)
    return value


def current():
    """The generation now: from the subscription when trusted, else read from Redis (which verifies the
    subscription's value for the next second). None without a Redis cache, without a counter yet, or when Redis
    is away: then nothing may be answered from memory."""
    value = watch.known()
    if value is not None:
        return value
    client, backend = redis_client()
    if client is None:
        return None
    try:
        raw = client.get(backend.make_and_validate_key(GENERATION_KEY))
        value = int(raw) if raw is not None else None
    except Exception:  # noqa: BLE001 - away, or not a counter (yet)
        return None
    if value is not None:
        watch.verified(value)
    return value


class Watch:
    """This process's subscription to the counter's channel, read without blocking when a value is wanted."""

    def __init__(self):
        self.lock = threading.Lock()
        self._reset()
        self.retry_at = 0.0

    def _reset(self):
        self.pid = os.getpid()
        self.connection = None
        self.value = None  # the highest value seen since the subscription started
        self.verified_at = 0.0  # when the counter was last read from Redis with the subscription up

    def close(self):
        connection = self.connection
        self._reset()
        if connection is not None:
            try:
                connection.disconnect()
            except Exception:  # noqa: BLE001 - closing a broken connection
                pass

    def _subscribe(self):
        client, backend = redis_client()
        if client is None:
            return
        pool = client.connection_pool
        connection = pool.connection_class(**pool.connection_kwargs)
        try:
            connection.connect()
            connection.send_command("SUBSCRIBE", channel_for(client, backend))
            reply = connection.read_response(push_request=True)  # subscribed once Redis says so, not once it was asked
            if not (isinstance(reply, list) and reply and reply[0] in (b"subscribe", "subscribe")):
                raise ValueError(f"unexpected reply to SUBSCRIBE: {reply!r}")
        except Exception:  # noqa: BLE001 - without a subscription every answer asks Redis, as before
            logger.warning("could not subscribe to the API cache generation", exc_info=True)
            self.retry_at = time.monotonic() + RETRY_SECONDS
            try:
                connection.disconnect()
            except Exception:  # noqa: BLE001
                pass
            return
        self.connection = connection

    def _drain(self):
        """Reads what the subscription delivered; False when the connection is gone."""
        connection = self.connection
        try:
            while connection.can_read(timeout=0):
                message = connection.read_response(push_request=True)
                if isinstance(message, list) and len(message) == 3 and message[0] in (b"message", "message"):
                    self.saw(int(message[2]), locked=True)
        except Exception:  # noqa: BLE001 - lost: dropped, never silently reconnected
            logger.warning("the API cache generation subscription was lost", exc_info=True)
            self.close()
            self.retry_at = time.monotonic() + RETRY_SECONDS
            return False
        return True

    def saw(self, value, locked=False):
        """A value published (or written by this process). Values only go up: a lower one means the counter
        started again (Redis emptied, or the key removed), so nothing known is trusted until the next read."""
        if not locked:
            with self.lock:
                return self.saw(value, locked=True)
        if self.connection is None:
            return
        if self.value is None or value > self.value:
            self.value = value
        elif value < self.value:
            self.value = None
            self.verified_at = 0.0

    def known(self):
        """The current generation when this process knows it without a round trip, else None."""
        with self.lock:
            if self.pid != os.getpid():  # a forked worker: the parent's connection is not ours
                self.connection = None
                self._reset()
            if self.connection is None:
                if time.monotonic() >= self.retry_at:
                    self._subscribe()
                return None
            if not self._drain() or self.value is None:
                return None
            if time.monotonic() - self.verified_at > VERIFY_SECONDS:
                return None
            return self.value

    def forget(self):
        """This process could not move the counter on: what it knows may be behind; ask Redis until verified."""
        with self.lock:
            self.value = None
            self.verified_at = 0.0

    def verified(self, value):
        """The counter as just read from Redis (by an answer that did not know it)."""
        if not isinstance(value, int):  # not a counter (yet): an older release's token, say
            return
        with self.lock:
            if self.connection is None or self.pid != os.getpid() or not self._drain():
                return
            if self.value is not None and value < self.value:
                # lower than a value already seen: Redis was emptied (or this read raced a newer bump);
                # trust nothing until the next read says where the counter is
                self.value = None
                self.verified_at = 0.0
                return
            self.value = value
            self.verified_at = time.monotonic()


watch = Watch()
