"""Hot queries of a fixed shape, written by the ORM once per process and then only given new values.

Django compiles every queryset to SQL again on each evaluation; for the checkout's and the token check's small
queries that compilation costs more than the round trip to PostgreSQL (py-spy: about two thirds of a query's
time). `Prepared(build, **samples)` builds the queryset with distinctive sample values, compiles it once per
database and shape, finds where each sample sits among the SQL parameters, and from then on runs that SQL with
the caller's values in those places.

Safe by construction: if a sample does not come out of compilation unchanged and exactly once (a value the ORM
converted or inlined, as SQLite does with datetimes), the query is not prepared and every call goes through
the ORM as before; so does a call with a value of another type than its sample's. Rows are model instances
built as a raw query builds them (`Model.from_db`, the fields' converters, annotations as attributes), or
tuples for `values_list` querysets.
"""

import threading
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
from django.db.models.query import RawQuerySet

#: sample values: far outside any id, text or time a caller passes, so a match among the parameters is the sample
_INT_SAMPLE = -7_300_000_000_001
_STR_SAMPLE = "\x01prepared-sample-"
_TIME_SAMPLE = datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=UTC)
_KINDS = {int: "int", str: "str", datetime: "datetime"}


class _Compiled(NamedTuple):
    sql: str
    slots: tuple  # per SQL parameter: (name, position in a list value or None, None) or (None, None, constant)
    model: type
    converters: dict  # column position -> (converter functions, expression), as the ORM applies them
    annotation_converters: dict  # annotation alias -> (converter functions, expression)


class Prepared:
    def __init__(self, build, **samples):
        """`build(**values)` returns the queryset; `samples` names its parameters, each with a value of the type
        the caller passes (an int, a str, an aware datetime, or a list of ints for an `__in` lookup)."""
        self.build = build
        self.names = tuple(samples)
        self.kinds = {name: _kind(value) for name, value in samples.items()}
        self._compiled = {}
        self._lock = threading.Lock()

    def rows(self, using="default", **values):
        """The model instances the queryset gives for `values` (a list)."""
        compiled = self._for(using, values)
        if compiled is None:
            return list(self.build(**values).using(using))
        rows = list(RawQuerySet(compiled.sql, model=compiled.model, params=_bind(compiled, values), using=using))
        if compiled.annotation_converters and rows:
            connection = connections[using]
            for row in rows:  # a raw query converts the model's fields only (SQLite gives an Exists as 0 or 1)
                for alias, converter in compiled.annotation_converters.items():
                    setattr(row, alias, _convert(getattr(row, alias), converter, connection))
        return rows

    def first(self, using="default", **values):
        rows = self.rows(using, **values)
        return rows[0] if rows else None

    def tuples(self, using="default", **values):
        """The tuples a `values_list` queryset gives for `values` (a list)."""
        compiled = self._for(using, values)
        if compiled is None:
            return list(self.build(**values).using(using))
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, _bind(compiled, values))
            rows = cursor.fetchall()
        if not compiled.converters:
            return [tuple(row) for row in rows]
        out = []
        for row in rows:
            row = list(row)
            for position, converter in compiled.converters.items():
                row[position] = _convert(row[position], converter, connection)
            out.append(tuple(row))
        return out

    # --- compiling ---------------------------------------------------------------------------------------
    def _for(self, using, values):
        shapes = [_shape(self.kinds[name], values[name]) for name in self.names]
        if None in shapes:
            return None  # a value of another type than its sample's (a None, a text id): the ORM's own query
        shape = (using, connections[using].vendor, *shapes)
        try:
            return self._compiled[shape]
        except KeyError:
            pass
        with self._lock:
            if shape not in self._compiled:
                self._compiled[shape] = self._compile(using, values)
        return self._compiled[shape]

    def _compile(self, using, values):
        samples, wanted = {}, {}
        for index, name in enumerate(self.names):
            sample = _sample(self.kinds[name], values[name], index)
            samples[name] = sample
            for position, one in enumerate(sample if isinstance(sample, list) else [sample]):
                wanted[(type(one), one)] = (name, position if isinstance(sample, list) else None)
        queryset = self.build(**samples).using(using)
        compiler = queryset.query.get_compiler(using)
        try:
            sql, params = compiler.as_sql()
        except (EmptyResultSet, FullResultSet):
            return None  # no SQL to run (an empty `__in` list): the ORM knows the answer
        slots, found = [], set()
        for param in params:
            key = wanted.get((type(param), param)) if type(param) in _KINDS else None
            if key is None:
                slots.append((None, None, param))  # a constant of the query
                continue
            if key in found:
                return None  # a sample used twice: not a shape bound here
            found.add(key)
            slots.append((*key, None))
        if len(found) != len(wanted):
            return None  # a sample was converted or inlined by the ORM: leave this query to the ORM
        # what the ORM applies to each column of a values_list row (model rows: RawQuerySet applies its own)
        converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
        positions = compiler.annotation_col_map.items()
        annotation_converters = {alias: converters[at] for alias, at in positions if at in converters}
        return _Compiled(sql, tuple(slots), queryset.model, converters, annotation_converters)


def _bind(compiled, values):
    """The SQL parameters for `values`: each in its sample's place, the query's constants in theirs."""
    params = []
    for name, position, constant in compiled.slots:
        if name is None:
            params.append(constant)
        elif position is None:
            params.append(values[name])
        else:
            params.append(values[name][position])
    return params


def _convert(value, converter, connection):
    functions, expression = converter
    for convert in functions:
        value = convert(value, expression, connection)
    return value


def _kind(sample):
    if isinstance(sample, (list, tuple)):
        return "list"
    kind = _KINDS.get(type(sample))
    if kind is None:
        raise TypeError("Prepared queries take int, str, datetime or list-of-int values.")
    return kind


def _shape(kind, value):
    if kind == "list":
        return len(value) if isinstance(value, (list, tuple)) and all(type(v) is int for v in value) else None
    return kind if _KINDS.get(type(value)) == kind else None


def _sample(kind, value, index):
    if kind == "list":
        return [_INT_SAMPLE - 1000 * index - position for position in range(len(value))]
    if kind == "int":
        return _INT_SAMPLE - 1000 * index
    if kind == "datetime":
        return _TIME_SAMPLE + timedelta(seconds=index)
    return f"{_STR_SAMPLE}{index}"
