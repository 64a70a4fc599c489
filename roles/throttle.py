"""Login throttling: failed sign-ins are counted per account and per client address in Django's cache (Redis
when configured, so every server process sees the same counters). Once either count reaches its limit within
the window, every further attempt on that account or from that address is refused, whatever the password,
until the window ends. The account key is the e-mail as typed (normalized), whether or not such an account
exists, so the answer never tells.

Counting happens on Django's `user_login_failed` signal (API login, dashboard sign-in and Django admin all
authenticate through `roles.backends.AccountBackend`); views ask `retry_after()` first to answer 429.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

PREFIX = "login-throttle"


def client_address(request):
    """The client's address: the peer's, or the one `NUM_PROXIES` trusted proxies put in X-Forwarded-For."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = settings.NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return remote


def _account_key(email):
    digest = hashlib.sha256(str(email).strip().lower().encode()).hexdigest()[:32]
    return f"{PREFIX}:account:{digest}"


def _address_key(request):
    return f"{PREFIX}:address:{client_address(request)}"


def _buckets(request, email):
    yield _account_key(email), settings.LOGIN_FAILURES_PER_ACCOUNT
    if request is not None:
        yield _address_key(request), settings.LOGIN_FAILURES_PER_ADDRESS


def retry_after(request, email):
    """Seconds until this account or address may try again; 0 when it may try now."""
    wait = 0
    now = time.time()
    for key, limit in _buckets(request, email):
        values = cache.get_many([key, f"{key}:until"])
        if int(values.get(key) or 0) >= limit:
            wait = max(wait, int(float(values.get(f"{key}:until") or now) - now) + 1)
    return wait


def record_failure(request, email):
    """Count one failed sign-in against the account and the address (a fixed window from the first failure)."""
    window = settings.LOGIN_FAILURE_WINDOW
    for key, _limit in _buckets(request, email):
        if cache.add(key, 0, timeout=window):
            cache.set(f"{key}:until", time.time() + window, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # the window ended between add() and incr()
            cache.add(key, 1, timeout=window)


def record_success(email):
    """A correct password clears the account's count (the address keeps its own)."""
    key = _account_key(email)
    cache.delete_many([key, f"{key}:until"])


def on_login_failed(sender, credentials, request=None, **kwargs):
    """`user_login_failed` receiver."""
    email = credentials.get("username") or credentials.get("email")
    if email:
        record_failure(request, email)


def mail_allowed(kind, email, every=60):
    """At most one mail of `kind` to `email` per `every` seconds (resend and reset links cannot flood a
    mailbox); the answer to the client stays the same."""
    digest = hashlib.sha256(str(email).strip().lower().encode()).hexdigest()[:32]
    return cache.add(f"{PREFIX}:mail:{kind}:{digest}", 1, timeout=every)


def address_allowance(request, kind, limit, window):
    """Count one `kind` request from the client's address; the seconds to wait once `limit` is passed within
    `window` (0 while it may go on). For answers that reveal something a little at a time (whether an address
    has an account), so that nobody can ask about many."""
    key = f"{PREFIX}:{kind}:{client_address(request)}"
    if cache.add(key, 0, timeout=window):
        cache.set(f"{key}:until", time.time() + window, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.add(key, 1, timeout=window)
        count = 1
    if count <= limit:
        return 0
    return int(float(cache.get(f"{key}:until") or time.time()) - time.time()) + 1
