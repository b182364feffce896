from django.apps import AppConfig
from django.db.backends.signals import connection_created

from core import ids, search


class CoreConfig(AppConfig):
    """The bottom layer: what every app needs and that knows no app (docs/architecture.md).

    Background-work bookkeeping (leases, retries, the fields they use), the compiled-SQL cache
    and the safe `next` redirect live here, so that accounts, the lexicon and the reader can
    share them without importing each other.
    """

    name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Before any URLconf is loaded: every route writes its ids as <id:...>.
        ids.register()
        # A database function, not behaviour: SQLite's own lower() folds ASCII only.
        connection_created.connect(search.register_sqlite_lower, dispatch_uid="randnotiz_lower")
