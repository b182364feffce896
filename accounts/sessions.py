"""Sessions in the database, as Django keeps them, read with SQL written once per process.

Every request of a logged-in reader loads its session; building Django's ORM query for it
took 0.6 ms of CPU, five times the query itself, about a tenth of a cached article page
(bench/load.py). Writing, expiry and clearing are Django's own. SESSION_ENGINE names this
module.
"""

from __future__ import annotations

import functools

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        using = router.db_for_read(self.model)
        connection = connections[using]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_load_sql(self.model, using), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            # As Django's: an unknown or expired key is dropped, and a new one made on save.
            self._session_key = None
            return None
        # load() reads only the data; expiry was checked by the query.
        return self.model(session_key=self.session_key, session_data=row[0])


@functools.cache
def _load_sql(model, using: str) -> str:
    q = connections[using].ops.quote_name
    field = model._meta.get_field
    return (
        f"SELECT {q(field('session_data').column)} FROM {q(model._meta.db_table)} "
        f"WHERE {q(field('session_key').column)} = %s AND {q(field('expire_date').column)} > %s"
    )
