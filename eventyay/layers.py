"""The Redis channel layer with a bounded, blocking connection pool.

channels_redis opens an unbounded pool (or, with `max_connections`, one that fails at once when full). A socket
server opens and closes many sockets at once (a thousand bells reconnecting after a deploy), so callers here
wait up to `timeout` seconds for a free connection instead of failing.
"""

from channels_redis.core import RedisChannelLayer as _RedisChannelLayer
from redis.asyncio import BlockingConnectionPool


class RedisChannelLayer(_RedisChannelLayer):
    def create_pool(self, index):
        host = dict(self.hosts[index])
        return BlockingConnectionPool.from_url(host.pop("address"), **host)
