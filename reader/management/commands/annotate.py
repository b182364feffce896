"""python manage.py annotate [FILE|-] --from text|conllu|cupt --to json|conllu|cupt

The command-line contract in DESIGN.md: benchmarks and outside tools depend on it, keep it
stable. With CoNLL-U / .cupt input the given sentences and tokens are kept; LEMMA, UPOS, XPOS
(STTS) and FEATS are filled, and with --to cupt column 11 (PARSEME:MWE) too.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from lexicon.database import DbLexicon
from lexicon.models import Entry
from nlp import conllu
from nlp.pipeline import annotate_sentences, annotate_text


def build_lexicon(stderr=None):
    """The database lexicon (an error while its tables are missing)."""
    if Entry._meta.db_table not in connection.introspection.table_names():
        raise CommandError(
            "The database has no dictionary tables yet: run `python manage.py migrate` and "
            "`python manage.py import_ding` (or `make run`) first."
        )
    if stderr is not None and not Entry.objects.exists():
        stderr.write("The dictionary is empty (run `python manage.py import_ding`): no glosses.")
    return DbLexicon()


class Command(BaseCommand):
    help = "Annotate German text, CoNLL-U or PARSEME .cupt (lemmas, tags, glosses, expressions)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default="-", help="input file, or - for stdin")
        parser.add_argument(
            "--from", dest="source", choices=["text", "conllu", "cupt"], default="text"
        )
        parser.add_argument(
            "--to", dest="target", choices=["json", "conllu", "cupt"], default="json"
        )

    def handle(self, *args, file: str, source: str, target: str, **options):
        text = self._read(file)
        lexicon = build_lexicon(self.stderr)
        if source == "text":
            annotation = annotate_text(text, lexicon)
            if target == "json":
                output = json.dumps(annotation, ensure_ascii=False) + "\n"
            else:
                output = conllu.annotation_to_conllu(annotation, cupt=target == "cupt")
        else:
            header, sentences = conllu.read_conllu(text)
            annotation = annotate_sentences([s.words for s in sentences if s.word_lines], lexicon)
            if target == "json":
                output = json.dumps(annotation, ensure_ascii=False) + "\n"
            else:
                output = conllu.fill_conllu(
                    sentences,
                    annotation,
                    cupt=target == "cupt",
                    header=header if source == "cupt" else None,
                )
        self.stdout.write(output, ending="")

    def _read(self, file: str) -> str:
        if file == "-":
            try:
                return sys.stdin.buffer.read().decode("utf-8")
            except UnicodeDecodeError as error:
                raise CommandError("standard input is not UTF-8 text") from error
        try:
            with open(file, encoding="utf-8") as handle:
                return handle.read()
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text") from error
