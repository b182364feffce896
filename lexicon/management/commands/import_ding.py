"""python manage.py import_ding [PATH] [--force]: the Ding dictionary into the lexicon tables."""

from django.conf import settings
from django.core.management.base import BaseCommand

from lexicon.importers.ding_db import BATCH_SIZE, ding_import

INSTALL_HINT = (
    "Install it with `sudo apt-get install trans-de-en` (Debian/Ubuntu), or pass the path of a "
    "Ding de-en file. "
    "Until then the app shows words without English glosses."
)


class Command(BaseCommand):
    help = (
        "Import the Ding German-English dictionary (Debian's trans-de-en) into entries, senses "
        "and idioms. Re-running replaces the Ding rows and keeps teacher, curated and "
        "Wiktionary rows; an unchanged file is skipped unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=None,
            help="Ding file (default: settings.RANDNOTIZ_DING_PATH)",
        )
        parser.add_argument(
            "--force", action="store_true", help="import even if the file is unchanged"
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args, path=None, force=False, batch_size=BATCH_SIZE, verbosity=1, **options):
        path = path or settings.RANDNOTIZ_DING_PATH
        result = ding_import(path, force=force, batch_size=batch_size)
        if result.status == "missing":
            # A warning, not a failure: `make run` must still start the app without glosses.
            self.stderr.write(
                self.style.WARNING(f"Ding dictionary not found at {path}. {INSTALL_HINT}")
            )
            return
        if result.status == "unchanged":
            if verbosity:
                self.stdout.write(
                    f"Ding dictionary unchanged since the last import ({result.entries} entries, "
                    f"{result.senses} senses, {result.idioms} idioms); skipped. Use --force to "
                    "import again."
                )
            return
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported {result.entries} entries, {result.senses} senses and "
                    f"{result.idioms} idiom candidates ({result.selected_idioms} selected) from "
                    f"{path} in {result.seconds:.1f} s; {result.nouns_completed} nouns completed "
                    "from german-nouns."
                )
            )
        if verbosity > 1 and result.timings:
            for step, seconds in result.timings.items():
                self.stdout.write(f"  {step}: {seconds:.1f} s")
