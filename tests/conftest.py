import json

import pytest
from django.test import Client

from roles.auth import tokens_for
from tests.factories import UserFactory
from tests.watchdog import pytest_runtest_protocol  # noqa: F401  (a hook: a hung test reports why)

JSONAPI = "application/vnd.api+json"


class ApiClient:
    """A JSON:API client over Django's test client: `api.get(url)`, `api.post(url, data)`, `api.as_user(u)`."""

    def __init__(self, user=None, prefix="JWT"):
        self.client = Client()
        self.headers = {"Accept": JSONAPI}
        if user is not None:
            self.headers["Authorization"] = f"{prefix} {tokens_for(user)['access_token']}"

    def as_user(self, user, prefix="JWT"):
        return ApiClient(user, prefix)

    def _send(self, method, url, body=None, headers=None, content_type=JSONAPI):
        merged = {**self.headers, **(headers or {})}
        kwargs = {"headers": merged}
        if body is not None:
            kwargs["data"] = body if isinstance(body, (str, bytes)) else json.dumps(body)
            kwargs["content_type"] = content_type
        return getattr(self.client, method)(url, **kwargs)

    def get(self, url, headers=None):
        return self._send("get", url, headers=headers)

    def post(self, url, body=None, headers=None, content_type=JSONAPI):
        return self._send("post", url, body if body is not None else {}, headers, content_type)

    def patch(self, url, body=None, headers=None, content_type=JSONAPI):
        return self._send("patch", url, body if body is not None else {}, headers, content_type)

    def delete(self, url, body=None, headers=None):
        return self._send("delete", url, body, headers=headers)


def resource(type_, attributes=None, id=None, relationships=None):
    """A JSON:API request document."""
    data = {"type": type_, "attributes": attributes or {}}
    if id is not None:
        data["id"] = str(id)
    if relationships:
        data["relationships"] = relationships
    return {"data": data}


def clear_login_throttle():
    """Forget failed sign-ins (and mail rate limits): every test starts with clean counters. On Redis only
    the throttle's own keys go (a worker's queues in the same database stay)."""
    from django.core.cache import cache

    from roles.throttle import PREFIX

    if cache.__class__.__name__ == "RedisCache":
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"*{PREFIX}:*", count=1000))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_login_throttle():
    clear_login_throttle()


@pytest.fixture
def api():
    return ApiClient()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def admin_user(db):
    return UserFactory(is_admin=True)


@pytest.fixture
def super_admin(db):
    return UserFactory(is_super_admin=True, is_admin=True)


@pytest.fixture
def user_api(user):
    return ApiClient(user)


@pytest.fixture
def admin_api(admin_user):
    return ApiClient(admin_user)
