from django.apps import AppConfig

from core import ids


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
