"""python manage.py export_anki (--user NAME | --article ID) --out FILE.apkg

A learner's saved words, or an article's vocabulary as a class deck. `--out` ending in .tsv
writes Anki's text-import format instead, .csv plain comma-separated text.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from glossary.anki import (
    NothingToExport,
    article_cards,
    article_deck,
    cards_csv,
    cards_tsv,
    learner_cards,
    learner_deck,
)
from reader.models import Article
from reader.render_cache import corrected_annotation


class Command(BaseCommand):
    help = (
        "Export a learner's saved words (--user) or an article's vocabulary (--article) for Anki."
    )

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--user", help="username whose saved words to export")
        who.add_argument("--article", type=int, help="article id for a class deck")
        parser.add_argument("--out", required=True, help="FILE.apkg (or .tsv / .csv)")

    def handle(self, *args, user=None, article=None, out, **options):
        path = Path(out)
        suffix = path.suffix.lower()
        if suffix not in {".apkg", ".tsv", ".csv"}:
            raise CommandError("--out must end in .apkg, .tsv or .csv")
        try:
            if user is not None:
                try:
                    owner = get_user_model().objects.get_by_natural_key(user)
                except get_user_model().DoesNotExist:
                    raise CommandError(f"No user named {user!r}.") from None
                deck_name = f"Randnotiz::{owner.get_username()}"
                if suffix == ".apkg":
                    data = learner_deck(owner)
                else:
                    cards = learner_cards(owner)
                    text = (
                        cards_tsv(cards, deck_name=deck_name)
                        if suffix == ".tsv"
                        else cards_csv(cards)
                    )
                    data = text.encode()
                what = f"saved words of {owner.get_username()}"
            else:
                try:
                    source = Article.objects.get(pk=article)
                except Article.DoesNotExist:
                    raise CommandError(f"No article with id {article}.") from None
                if suffix == ".apkg":
                    data = article_deck(source)
                else:
                    cards = article_cards(source, corrected_annotation(source))
                    deck_name = f"Randnotiz::{source.title[:80]}"
                    text = (
                        cards_tsv(cards, deck_name=deck_name)
                        if suffix == ".tsv"
                        else cards_csv(cards)
                    )
                    data = text.encode()
                what = f"vocabulary of “{source.title}”"
        except NothingToExport as empty:
            # No file at all: an empty deck would look like a successful export.
            raise CommandError(f"Nothing exported: {empty}") from None
        path.write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"Wrote {path} ({len(data):,} bytes): {what}."))
