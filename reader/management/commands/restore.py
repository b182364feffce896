"""`manage.py restore FILE`: load a `manage.py backup` file into an empty, migrated database.

All or nothing: the file is loaded in one transaction. It refuses a database that already has
users, articles or dictionary rows, because loading by primary key would silently overwrite them;
run `manage.py flush` first if that is what you mean. Re-import the dictionary afterwards
(`manage.py import_ding`; `make restore` does both).
"""

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

MUST_BE_EMPTY = ["auth.user", "reader.article", "glossary.entry", "glossary.idiom"]


class Command(BaseCommand):
    help = "Load a backup written by `manage.py backup` into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        for label in MUST_BE_EMPTY:
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            if model._base_manager.exists():
                raise CommandError(
                    f"The database already holds {model._meta.verbose_name_plural}; restore only "
                    "into an empty database (`manage.py flush` empties this one)."
                )
        with transaction.atomic():
            call_command("loaddata", file, verbosity=options["verbosity"])
