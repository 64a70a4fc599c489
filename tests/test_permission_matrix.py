"""Runs every row of every app's `matrix_rows.py` as every actor (see tests/matrix.py)."""

import importlib
import pkgutil

import pytest
from django.db import transaction
from django.urls import get_resolver

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


def _api_route_patterns():
    """Every /v1/ route pattern string (without converters' names)."""
    patterns = set()

    def walk(resolver, prefix):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if hasattr(entry, "url_patterns"):
                walk(entry, route)
            else:
                patterns.add(route)

    walk(get_resolver(), "")
    return {p for p in patterns if p.startswith("v1/") and "schema" not in p}
