from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom layer: what every app needs and that knows no app (docs/architecture.md).

    Background-work bookkeeping (leases, retries, the fields they use), the compiled-SQL cache
    and the safe `next` redirect live here, so that accounts, the lexicon and the reader can
    share them without importing each other.
    """

    name = "core"
    default_auto_field = "django.db.models.BigAutoField"
