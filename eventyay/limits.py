"""Bounds on what one request may ask of the server, shared by the API, the dashboard and the import.

* dates: only between `EARLIEST` and `LATEST` (UTC) — far from the years 1 and 9999 where converting between
  time zones overflows, and plenty for events, sales windows, codes and birth dates;
* coordinates: latitude within ±90, longitude within ±180 (and finite);
* JSON documents: at most `settings.MAX_JSON_DEPTH` levels of nesting and no NUL characters (PostgreSQL
  cannot store them in text or jsonb).

Services call `check_values(model, data)` on what they are about to write; a value out of range is a
DomainError pointing at its field (a 422 in the API, a form error in the dashboard).
"""

import math
from datetime import UTC, datetime

from django.conf import settings
from django.db import models

from eventyay.errors import DomainError

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
COORDINATES = {"latitude": 90.0, "longitude": 180.0}


def date_out_of_range(field):
    return DomainError(
        f"Dates must lie between {EARLIEST.year} and {LATEST.year - 1}.", field=field, code="out_of_range"
    )


def check_datetime(value, field):
    """`value` (an aware datetime, a naive wall-clock one, or None) lies in the accepted range."""
    if value is None:
        return value
    if not isinstance(value, datetime):
        raise DomainError("Expected a date and time.", field=field)
    naive = value.replace(tzinfo=None)
    # compare the wall clock first: converting a far-out value to UTC could itself overflow
    if not EARLIEST.replace(tzinfo=None) <= naive < LATEST.replace(tzinfo=None):
        raise date_out_of_range(field)
    if value.tzinfo is not None and not EARLIEST <= value < LATEST:
        raise date_out_of_range(field)
    return value


def check_coordinate(value, field):
    if value is None:
        return value
    limit = COORDINATES[field]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DomainError("A coordinate must be a number.", field=field)
    if not math.isfinite(value) or not -limit <= value <= limit:
        raise DomainError(f"{field.capitalize()} must lie between -{limit:g} and {limit:g}.", field=field)
    return value


def check_values(model, data):
    """Range-check every date and coordinate `data` (field name → value) would write to `model`."""
    for name, value in data.items():
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 — not a model field (a relation list, a service option)
            continue
        if name in COORDINATES and isinstance(field, models.FloatField):
            check_coordinate(value, name)
        elif isinstance(field, models.DateTimeField) and not (field.auto_now or field.auto_now_add):
            check_datetime(value, name)
    return data


def check_instance(instance, fields=None):
    """`check_values` for the current values of a model instance (all its fields, or `fields`)."""
    names = fields or [f.name for f in instance._meta.concrete_fields]
    return check_values(type(instance), {name: getattr(instance, name, None) for name in names})


# --- JSON documents ---------------------------------------------------------------------------------------------


class JsonTooDeep(ValueError):
    pass


class JsonHasNul(ValueError):
    pass


def check_json(document, max_depth=None):
    """Raise JsonTooDeep / JsonHasNul for a parsed JSON document nested deeper than `max_depth` (default
    `settings.MAX_JSON_DEPTH`) or holding a NUL character in a key or a string. Iterative: a hostile document
    cannot exhaust the stack here."""
    max_depth = max_depth or settings.MAX_JSON_DEPTH
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                raise JsonHasNul("Strings must not contain NUL characters.")
            continue
        if not isinstance(value, (dict, list)):
            continue
        if depth > max_depth:
            raise JsonTooDeep(f"The document is nested deeper than {max_depth} levels.")
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and "\x00" in key:
                    raise JsonHasNul("Keys must not contain NUL characters.")
                stack.append((item, depth + 1))
        else:
            stack.extend((item, depth + 1) for item in value)
    return document
