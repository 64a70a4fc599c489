"""URL resolution of `/v1/` remembered per path.

Django resolves a path by trying each pattern in order; every include that does not match raises `Resolver404`
carrying the list of everything it tried, and those lists are copied up on every level. Under `/v1/` there are
some 340 routes in seven includes, so that bookkeeping cost more CPU than answering a cached read. A path
resolves to the same view every time (the URLconf does not change while the process runs), so the last
`size` successful resolutions are kept; each caller gets its own copy, so a view that changes its kwargs
changes nobody else's. Paths that do not resolve are not kept (a scan of random paths evicts only hits)."""

import threading
from collections import OrderedDict

from django.urls import URLResolver
from django.urls.resolvers import RoutePattern


class MemoResolver(URLResolver):
    def __init__(self, route, patterns, size=4096):
        super().__init__(RoutePattern(route, is_endpoint=False), patterns)
        self._memo = OrderedDict()
        self._memo_lock = threading.Lock()
        self._memo_size = size

    def resolve(self, path):
        path = str(path)
        with self._memo_lock:
            match = self._memo.get(path)
            if match is not None:
                self._memo.move_to_end(path)
        if match is None:
            match = super().resolve(path)  # Resolver404 propagates: misses are not kept
            # the patterns tried before the match only serve a 404's debug page; every level above copies them
            match.tried = []
            with self._memo_lock:
                self._memo[path] = match
                if len(self._memo) > self._memo_size:
                    self._memo.popitem(last=False)
        return _copy(match)


def _copy(match):
    clone = object.__new__(type(match))  # ResolverMatch refuses copy.copy (it forbids pickling)
    clone.__dict__.update(match.__dict__)
    clone.kwargs = dict(match.kwargs)
    clone.captured_kwargs = dict(match.captured_kwargs or {})
    clone.extra_kwargs = dict(match.extra_kwargs or {})
    return clone
