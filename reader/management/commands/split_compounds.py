"""python manage.py split_compounds [FILE|-]

The command-line contract in DESIGN.md (benchmarks and outside tools depend on it, keep it
stable): one word per line in; out, a line per word: the word, a tab, then its parts as lemmas
separated by tabs (`Bücherkiste\tBuch\tKiste`); a word that is no compound prints just itself.

The dictionary: the imported Ding tables (DbLexicon) when they are filled, else Ding's file
read into a word set (a few seconds), or a word list of your own (`--wordlist`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from lexicon.database import DbLexicon
from lexicon.models import Entry
from nlp.compound_candidates import vocabulary_for
from nlp.compound_vocabulary import Vocabulary, ding_vocabulary
from nlp.compounds import flat_parts, split_compound

DING = "/usr/share/trans/de-en"
# Words whose candidate parts go to the database together (a few lookup_many calls a batch).
BATCH = 500


def _db_lexicon():
    """The database lexicon if the Ding import has filled it, else None."""
    try:
        return DbLexicon() if Entry.objects.exists() else None
    except DatabaseError:  # no table yet (migrations not run): fall back to the file
        return None


def _read_wordlist(path: str) -> Vocabulary:
    """Headwords one per line, optionally `word<TAB>UPOS`; capitalised words count as nouns."""
    words: list[str | tuple[str, str]] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        fields = line.strip().split("\t")
        if not fields[0] or fields[0].startswith("#"):
            continue
        words.append((fields[0], fields[1]) if len(fields) > 1 else fields[0])
    return Vocabulary(words)


class Command(BaseCommand):
    help = "Split German compounds: one word per line in, word<TAB>part lemmas out."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default="-", help="word list (default: stdin)")
        parser.add_argument(
            "--lexicon",
            choices=["auto", "db", "ding"],
            default="auto",
            help="auto: the database if the Ding import filled it, else Ding's file",
        )
        parser.add_argument("--ding", default=DING, help="Ding's file for --lexicon ding")
        parser.add_argument("--wordlist", help="a headword list to use instead (one per line)")

    def handle(self, *args, **options):
        words = self._read_input(options["file"])
        if options["wordlist"]:
            splits = self._split_with(_read_wordlist(options["wordlist"]), words)
        else:
            lexicon = _db_lexicon() if options["lexicon"] in ("auto", "db") else None
            if lexicon is None and options["lexicon"] == "db":
                raise CommandError("The database has no dictionary: run import_ding first.")
            if lexicon is not None:
                splits = self._split_with_lexicon(lexicon, words)
            else:
                if not Path(options["ding"]).exists():
                    raise CommandError(f"No dictionary: {options['ding']} does not exist.")
                splits = self._split_with(ding_vocabulary(options["ding"]), words)
        out = self.stdout
        for word, parts in zip(words, splits, strict=True):
            if parts:
                # Every part down to the words (the split one level down in its place).
                out.write("\t".join([word, *(p.lemma for p in flat_parts(parts))]))
            else:
                out.write(word)

    @staticmethod
    def _read_input(name: str) -> list[str]:
        if name == "-":
            text = sys.stdin.read()
        else:
            try:
                text = Path(name).read_text(encoding="utf-8")
            except OSError as error:
                raise CommandError(f"Cannot read {name}: {error}") from error
        # One word per line; surrounding spaces are no part of the word, empty lines stay
        # (as empty output lines) so line numbers keep matching.
        return [line.strip() for line in text.splitlines()]

    @staticmethod
    def _split_with(vocab: Vocabulary, words: list[str]):
        return [split_compound(w, vocab) if w else None for w in words]

    @staticmethod
    def _split_with_lexicon(lexicon, words: list[str]):
        """Fetch the candidate parts of a batch of words together, a round at a time."""
        results = []
        for start in range(0, len(words), BATCH):
            batch = words[start : start + BATCH]
            vocab = vocabulary_for(
                ((w, None) for w in batch if w), lambda keys: lexicon.lookup_many(sorted(keys))
            )
            results.extend(split_compound(w, vocab) if w else None for w in batch)
        return results
