"""Runs every row of every app's `matrix_rows.py` as every actor (see tests/matrix.py)."""

import importlib
import pkgutil
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.urls import get_resolver, resolve

import tests
from tests.conftest import ApiClient
from tests.matrix import ACTORS, build_world


def _row_modules():
    modules = []
    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg:
            try:
                modules.append(importlib.import_module(f"tests.{info.name}.matrix_rows"))
            except ModuleNotFoundError as exc:
                if exc.name != f"tests.{info.name}.matrix_rows":
                    raise
    return modules


ROW_MODULES = _row_modules()


def _client(world, actor):
    user = world.users[actor]
    return ApiClient(user) if user is not None else ApiClient()


def _send(client, row):
    method = row.method.lower()
    if method in ("post", "patch"):
        return getattr(client, method)(row.url, row.body if row.body is not None else {})
    if method == "delete" and row.body is not None:  # a relationship route: the identifiers to remove
        return client.delete(row.url, row.body)
    return getattr(client, method)(row.url)


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("module", ROW_MODULES, ids=lambda m: m.__name__.split(".")[1])
def test_permission_matrix(module, actor):
    world = build_world()
    client = _client(world, actor)
    mismatches = []
    for row in module.rows(world):
        expected = row.expected[actor]
        allowed = expected if isinstance(expected, (set, frozenset, tuple)) else {expected}
        with transaction.atomic():
            response = _send(client, row)
            transaction.set_rollback(True)
        if response.status_code not in allowed:
            detail = response.content[:200]
            mismatches.append(
                f"{row.method} {row.url} {row.name}: expected {sorted(allowed)}, got {response.status_code} {detail}"
            )
    assert mismatches == []


#: /v1/ routes that are not JSON:API resources (plain JSON auth endpoints, the OpenAPI schema)
NOT_IN_MATRIX = ("v1/auth/", "v1/schema")


def _join_route(route1, route2):
    # the same joining django.urls.resolvers.URLResolver.resolve uses for ResolverMatch.route
    if not route1:
        return route2
    return route1 + route2.removeprefix("^")


def _api_route_patterns():
    """Every /v1/ route pattern string, as `ResolverMatch.route` spells it."""
    patterns = set()

    def walk(resolver, prefix):
        for entry in resolver.url_patterns:
            route = _join_route(prefix, str(entry.pattern))
            if hasattr(entry, "url_patterns"):
                walk(entry, route)
            else:
                patterns.add(route)

    walk(get_resolver(), "")
    return {p for p in patterns if p.startswith("v1/") and not p.startswith(NOT_IN_MATRIX)}


def _covered_routes(world):
    covered = set()
    for module in ROW_MODULES:
        for row in module.rows(world):
            path = urlsplit(row.url).path
            covered.add(resolve(path).route)
    return covered


@pytest.mark.django_db
def test_every_api_route_is_in_the_matrix():
    """A /v1/ route no row exercises fails here: add rows for it to tests/<app>/matrix_rows.py."""
    missing = sorted(_api_route_patterns() - _covered_routes(build_world()))
    assert missing == []


def test_route_patterns_are_found():
    routes = _api_route_patterns()
    assert any("events" in r for r in routes)
    assert not any(r.startswith("v1/auth/") for r in routes)
