"""python manage.py wiktionary_enrich [LEMMA ...] [--limit N]: Wiktionary senses for lemmas
that no dictionary glosses."""

from django.core.management.base import BaseCommand

from lexicon.wiktionary import lemmas_without_gloss, wiktionary_enrich
from nlp.document import Annotation
from reader.models import Article


def annotated_articles():
    """The annotation of every annotated article (the command lives in `reader` because the
    lexicon, below it, knows no article)."""
    stored = Article.objects.filter(annotation__isnull=False).values_list("annotation", flat=True)
    return (Annotation.from_stored(annotation) for annotation in stored.iterator())


class Command(BaseCommand):
    help = (
        "Fetch English-Wiktionary pages for lemmas without a gloss (from annotated articles, "
        "or the lemmas given), keep the German section's definitions as senses with source "
        "'wiktionary' and cache the pages. Works offline on cached pages; stops quietly when "
        "Wiktionary cannot be reached."
    )

    def add_arguments(self, parser):
        parser.add_argument("lemmas", nargs="*", help="lemmas to look up (default: unglossed ones)")
        parser.add_argument("--limit", type=int, default=50, help="at most this many lemmas")
        parser.add_argument("--pause", type=float, default=1.0, help="seconds between fetches")
        parser.add_argument("--refresh", action="store_true", help="fetch again even if cached")

    def handle(self, *args, lemmas=(), limit=50, pause=1.0, refresh=False, verbosity=1, **opts):
        if lemmas:
            lemmas = list(lemmas)[:limit]
        else:
            lemmas = lemmas_without_gloss(annotated_articles(), limit)
        if not lemmas:
            self.stdout.write("No lemmas without a gloss: nothing to look up.")
            return
        log = self.stdout.write if verbosity > 1 else (lambda message: None)
        counts = wiktionary_enrich(lemmas, pause=pause, refresh=refresh, log=log)
        if counts["offline"]:
            self.stderr.write(
                self.style.WARNING("Wiktionary could not be reached; try again when online.")
            )
        self.stdout.write(
            f"{counts['lemmas']} lemmas: {counts['fetched']} pages fetched, {counts['found']} "
            f"with German definitions, {counts['senses']} senses stored."
        )
