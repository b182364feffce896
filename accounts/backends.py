"""Logging in with a username and password: Django's ModelBackend, with the user of every
request read by SQL written once per process.

Building the ORM's query for the user took 0.5 ms of CPU per request, twice the rest of the
lookup (bench/load.py). Authentication, permissions and the "inactive users may not log in"
rule are Django's own.
"""

from __future__ import annotations

import functools

from django.contrib.auth import backends, get_user_model
from django.db import connections, router


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        User = get_user_model()
        using = router.db_for_read(User)
        found = list(User._default_manager.db_manager(using).raw(_user_sql(User, using), [user_id]))
        if not found:
            return None
        user = found[0]
        return user if self.user_can_authenticate(user) else None


@functools.cache
def _user_sql(User, using: str) -> str:
    q = connections[using].ops.quote_name
    columns = ", ".join(q(field.column) for field in User._meta.concrete_fields)
    return f"SELECT {columns} FROM {q(User._meta.db_table)} WHERE {q(User._meta.pk.column)} = %s"
