"""Every writable attribute of every writable resource, sent with the wrong JSON type or an absurd value, and
every writable route, sent a malformed document, answers 4xx — never a 500 (issue 10, item 11).

The request bodies come from the permission matrix (`tests/<app>/matrix_rows.py`): every POST and PATCH row
with a JSON:API document is replayed as a super admin with one attribute at a time replaced by a list, an
object, a boolean, a huge number, a string with a NUL character, a date at the edge of the calendar in a far
time zone, a document nested too deeply and null. The serializer behind the route says which attributes are
writable, so a field or a resource added later is probed without touching this file.
"""

import copy
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.urls import resolve
from rest_framework import serializers as drf_serializers
from rest_framework.relations import ManyRelatedField, RelatedField

from tests.conftest import ApiClient
from tests.matrix import build_world
from tests.test_permission_matrix import ROW_MODULES


def nested(depth):
    value = "deep"
    for _ in range(depth):
        value = [value]
    return value


WRONG_VALUES = {
    "list": ["a", 1],
    "object": {"a": 1},
    "true": True,
    "huge-number": 10**40,
    "float": 1.5e308,
    "nul-string": "x\u0000y",
    "far-future": "9999-12-31T23:30:00-11:00",
    "far-past": "0001-01-01T00:30:00+14:00",
    "distant-date": "2999-06-01T10:00:00+05:00",
    "too-deep": nested(40),
    "null": None,
}
#: a list or an object where the field holds one scalar: always a 4xx
STRUCTURED = ("list", "object", "too-deep")
#: values no field of any type may accept
ALWAYS_REFUSED = ("nul-string", "too-deep")


def _serializer_for(view_class, method):
    view = view_class()
    view.request, view.format_kwarg, view.kwargs = None, None, {}
    view.action = "create" if method == "POST" else "partial_update"
    try:
        return view.get_serializer_class()
    except Exception:  # noqa: BLE001 — a view choosing by request: its declared class
        return getattr(view_class, "serializer_class", None)


def _fields(serializer_class):
    """(writable attributes, relationships) of a serializer: {dasherized name: field}."""
    attributes, relationships = {}, {}
    for name, field in serializer_class().fields.items():
        if field.read_only:
            continue
        target = relationships if isinstance(field, (RelatedField, ManyRelatedField)) else attributes
        target[name.replace("_", "-")] = field
    return attributes, relationships


def _writable_rows():
    """(row, serializer class) once per method and serializer, for every matrix row with a JSON:API body."""
    world = build_world()
    seen, rows = set(), []
    for module in ROW_MODULES:
        for row in module.rows(world):
            data = row.body.get("data") if isinstance(row.body, dict) else None
            if row.method not in ("POST", "PATCH") or not isinstance(data, dict) or "type" not in data:
                continue
            view_class = getattr(resolve(urlsplit(row.url).path).func, "cls", None)
            serializer_class = _serializer_for(view_class, row.method) if view_class else None
            if serializer_class is None or (row.method, serializer_class) in seen:
                continue
            seen.add((row.method, serializer_class))
            rows.append((row, serializer_class))
    return rows


def _send(client, row, body):
    with transaction.atomic():
        response = getattr(client, row.method.lower())(row.url, body)
        transaction.set_rollback(True)
    return response


@pytest.fixture
def probe(super_admin):
    client = ApiClient(super_admin)
    rows = _writable_rows()
    assert len(rows) > 30  # every writable resource of every app
    return client, rows


def _field_verdict(field, value):
    """What the serializer field alone makes of `value`: "refused" (a 422), "accepted", or the crash."""
    try:
        field.run_validation(copy.deepcopy(value))
    except (drf_serializers.ValidationError, DjangoValidationError):
        return "refused"
    except Exception as exc:  # noqa: BLE001 — a crash in validation is what this test looks for
        return f"crashed: {exc!r}"
    return "accepted"


def _proper(field, label):
    """Values of the right type for the field (null where allowed, true for a flag, any JSON for a JSON
    attribute): nothing to probe."""
    if isinstance(field, drf_serializers.JSONField):
        return label not in ALWAYS_REFUSED
    return (label == "null" and field.allow_null) or (
        label == "true" and isinstance(field, drf_serializers.BooleanField)
    )


@pytest.mark.django_db
def test_wrong_attribute_types_answer_4xx(probe):
    """Each value is first run through the attribute's serializer field (fast, in process). A value the field
    accepts goes on to the service and the database, so it is sent as a real request — one request per value
    and attribute, except numbers a text attribute turned into a short string (its length check passed, so only
    a service could still object): those go together, one request per resource."""
    client, rows = probe
    failures = []
    for row, serializer_class in rows:
        attributes, _ = _fields(serializer_class)
        coerced = {}
        for attribute, field in attributes.items():
            is_json = isinstance(field, drf_serializers.JSONField)
            for label, value in WRONG_VALUES.items():
                must_refuse = label in ALWAYS_REFUSED or (label in STRUCTURED and not is_json)
                verdict = _field_verdict(field, value)
                if verdict == "refused" or (verdict == "accepted" and _proper(field, label)):
                    continue
                if verdict != "accepted":
                    failures.append(f"{row.method} {row.url} {attribute}={label}: {verdict}")
                elif isinstance(field, drf_serializers.CharField) and not must_refuse:
                    coerced.setdefault(attribute, value)
                else:
                    status = _send_with(client, row, {attribute: value})
                    if status >= 500 or (must_refuse and status < 400):
                        failures.append(f"{row.method} {row.url} {attribute}={label}: {status}")
        if coerced and _send_with(client, row, coerced) >= 500:
            failures.append(f"{row.method} {row.url} numbers as text {sorted(coerced)}: 5xx")
    assert failures == []


def _send_with(client, row, attributes):
    body = copy.deepcopy(row.body)
    body["data"].setdefault("attributes", {}).update(attributes)
    return _send(client, row, body).status_code


def _shapes(row, relationships):
    type_ = row.body["data"]["type"]
    ident = row.body["data"].get("id")
    base = {"type": type_, **({"id": ident} if ident else {})}
    yield "list body", []
    yield "string body", "data"
    yield "data list", {"data": []}
    yield "data string", {"data": "x"}
    yield "attributes list", {"data": {**base, "attributes": ["a"]}}
    yield "relationships string", {"data": {**base, "relationships": "x"}}
    yield "id object", {"data": {**base, "id": {"a": 1}, "attributes": {}}}
    yield "type number", {"data": {**base, "type": 7, "attributes": {}}}
    for name in relationships:
        for label, linkage in (
            ("string", "x"),
            ("number", 5),
            ("object without id", {"type": "event"}),
            ("id object", {"type": "event", "id": {"a": 1}}),
            ("huge id", {"type": "event", "id": str(10**30)}),
            ("list of strings", ["x"]),
        ):
            body = copy.deepcopy(row.body)
            body["data"].setdefault("relationships", {})[name] = {"data": linkage}
            yield f"{name} {label}", body
        body = copy.deepcopy(row.body)
        body["data"].setdefault("relationships", {})[name] = "x"
        yield f"{name} bare string", body


@pytest.mark.django_db
def test_malformed_documents_answer_4xx(probe):
    client, rows = probe
    failures = []
    for row, serializer_class in rows:
        _, relationships = _fields(serializer_class)
        for label, body in _shapes(row, relationships):
            status = _send(client, row, body).status_code
            if not 400 <= status < 500:
                failures.append(f"{row.method} {row.url} {label}: {status}")
    assert failures == []
