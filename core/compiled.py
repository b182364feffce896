"""Queries that busy pages repeat on every request, with their SQL made by the ORM once per
process. On the quiz page and its answers, building a simple query (filter, order, compile)
took four to eight times as long as SQLite took to run it (bench/quiz_page.py): about 0.5 ms
of CPU per query on the benchmark machine.

The query is written as an ordinary queryset, so it follows the model, and compiled with a
stand-in id; each request runs that SQL with its own id and builds the instances as the ORM
does. Columns the queryset leaves out (`defer`) stay deferred on the instances, and
annotations are set on them, as with the queryset itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Model, QuerySet

# Stands for the id while the query compiles; no row has it (ids are positive).
_ID = -1
_MAX_ID = 2**63 - 1  # BigAutoField


def rows_for(query: Callable[[int], QuerySet], pk: int) -> list[Model]:
    """list(query(pk)). `query` must be a module-level function (it keys the compiled SQL)
    whose queryset uses its argument once, as a plain parameter, and selects no related rows."""
    if not 0 < pk <= _MAX_ID:
        # The ORM finds no row for an id no column can hold; the database driver would raise
        # (OverflowError from SQLite: a 500 for /articles/99999999999999999999999/quiz/).
        return []
    compiled = _compiled(query, connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, [pk if _is_id(p) else p for p in compiled.params])
        rows = cursor.fetchall()
    return [compiled.instance(row) for row in rows]


@dataclass(frozen=True)
class _Compiled:
    """What the ORM's ModelIterable works out for each run of a queryset, worked out once:
    RawQuerySet, used at first, did that work again on every call (a third of rows_for)."""

    model: type[Model]
    sql: str
    params: tuple
    fields: list[str]  # attnames of the model's columns, in order, from the first column
    # position -> (converters, expression): database values to Python (dates on SQLite, ...)
    converters: dict[int, tuple[list, object]]
    annotations: dict[str, int]  # annotation name -> position

    def instance(self, row) -> Model:
        if self.converters:
            row = list(row)
            for position, (converters, expression) in self.converters.items():
                for converter in converters:
                    row[position] = converter(row[position], expression, connection)
        obj = self.model.from_db(connection.alias, self.fields, row[: len(self.fields)])
        for name, position in self.annotations.items():
            setattr(obj, name, row[position])
        return obj


def _is_id(param) -> bool:
    return type(param) is int and param == _ID  # not True or 1.0, which equal 1


@functools.cache
def _compiled(query: Callable[[int], QuerySet], vendor: str) -> _Compiled:
    queryset = query(_ID)
    if queryset.query.select_related:
        raise ValueError(f"{query.__qualname__}: no related rows")
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    if sum(1 for p in params if _is_id(p)) != 1:
        raise ValueError(f"{query.__qualname__}: the id must be the one parameter of its kind")
    select_fields = compiler.klass_info["select_fields"]
    first, last = select_fields[0], select_fields[-1]
    if first != 0:
        raise ValueError(f"{query.__qualname__}: the model's columns must come first")
    return _Compiled(
        model=compiler.klass_info["model"],
        sql=sql,
        params=tuple(params),
        fields=[column[0].target.attname for column in compiler.select[first : last + 1]],
        # Bound to the compiling thread's connection, whose settings (time zone) they read;
        # they never query it.
        converters=compiler.get_converters(
            [column[0] for column in compiler.select[: compiler.col_count]]
        ),
        annotations=dict(compiler.annotation_col_map or {}),
    )
