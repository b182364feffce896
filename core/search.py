"""Case-insensitive text search that treats every letter alike on both databases.

Django's `icontains` folds only ASCII letters on SQLite (its LIKE and lower() know no other
case), so "über" would not find "Über" and "ärger" not "Ärger". `Lower` here is SQL's
LOWER on PostgreSQL, which folds every letter; on SQLite it calls Python's str.lower,
registered on each new connection (register_sqlite_lower, connected in CoreConfig.ready)
under a name of its own, so SQLite's built-in lower() stays as it is for everything else.
"""

from __future__ import annotations

from django.db.models import Func, Q, QuerySet
from django.db.models.functions import Lower as DjangoLower

SQLITE_LOWER = "randnotiz_lower"


class Lower(DjangoLower):
    def as_sqlite(self, compiler, connection, **extra):
        return Func.as_sql(self, compiler, connection, function=SQLITE_LOWER, **extra)


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def register_sqlite_lower(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_LOWER, 1, _lower, deterministic=True)


def search_text(queryset: QuerySet, query: str, *fields: str) -> QuerySet:
    """The rows of `queryset` where any of `fields` contains `query`, whatever the case of
    any letter in either."""
    aliases = {f"{field}_lowered": Lower(field) for field in fields}
    condition = Q()
    for alias in aliases:
        condition |= Q(**{f"{alias}__contains": query.lower()})
    return queryset.alias(**aliases).filter(condition)
