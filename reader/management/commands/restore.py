"""`manage.py restore FILE`: load a `manage.py backup` file into an empty, migrated database.

All or nothing: the file is loaded in one transaction. It refuses a database that already has
users, articles or dictionary rows, because loading by primary key would silently overwrite them;
run `manage.py flush` first if that is what you mean. Re-import the dictionary afterwards
(`manage.py import_ding`; `make restore` does both).
"""

import json
import tempfile
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

MUST_BE_EMPTY = ["auth.user", "reader.article", "lexicon.entry", "lexicon.idiom"]
# Models that moved to another app since a backup may have been written (their tables did not
# change): a backup names them by the app they had then.
MOVED_MODELS = {
    "glossary.entry": "lexicon.entry",
    "glossary.sense": "lexicon.sense",
    "glossary.idiom": "lexicon.idiom",
    "glossary.lemmastatus": "reader.lemmastatus",
    "classroom.correction": "reader.correction",
    "glossary.lookupsite": "lexicon.lookupsite",
}


def with_current_labels(file: str, directory: str) -> str:
    """`file`, or a copy in `directory` whose rows name moved models by their app of today."""
    rows = json.loads(Path(file).read_text(encoding="utf-8"))
    if not any(row.get("model") in MOVED_MODELS for row in rows):
        return file
    for row in rows:
        row["model"] = MOVED_MODELS.get(row.get("model"), row.get("model"))
    copy = Path(directory) / "backup.json"
    copy.write_text(json.dumps(rows), encoding="utf-8")
    return str(copy)


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
        with tempfile.TemporaryDirectory() as directory, transaction.atomic():
            call_command(
                "loaddata", with_current_labels(file, directory), verbosity=options["verbosity"]
            )
