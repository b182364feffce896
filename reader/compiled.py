"""Queries that busy pages repeat on every request, with their SQL made by the ORM once per
process. On the quiz page and its answers, building a simple query (filter, order, compile)
took four to eight times as long as SQLite took to run it (bench/quiz_page.py): about 0.5 ms
of CPU per query on the benchmark machine.

The query is written as an ordinary queryset, so it follows the model, and compiled with a
stand-in id; each request runs that SQL as a raw query with its own id. Columns the queryset
leaves out (`defer`) stay deferred on the instances, as with the queryset itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

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
    model, sql, params = _compiled(query, connection.vendor)
    return list(model._default_manager.raw(sql, [pk if _is_id(p) else p for p in params]))


def _is_id(param) -> bool:
    return type(param) is int and param == _ID  # not True or 1.0, which equal 1


@functools.cache
def _compiled(query: Callable[[int], QuerySet], vendor: str) -> tuple[type[Model], str, tuple]:
    queryset = query(_ID)
    sql, params = queryset.query.sql_with_params()
    if sum(1 for p in params if _is_id(p)) != 1 or queryset.query.select_related:
        raise ValueError(f"{query.__qualname__}: the id must be the one parameter of its kind")
    return queryset.model, sql, params
