"""python manage.py quiz FILE [--seed N] --to json

Prints the quiz of a German text file without storing anything:
{"questions": [{"kind", "prompt", "choices", "answer", "sentence", "explanation"}]}.
A seed-style file (`key: value` header lines, `---`, text) is read without its header; its
title tells the generator a commentary from a report.
"""

from __future__ import annotations

import json
import re
import sys

from django.core.management.base import BaseCommand, CommandError

from lexicon.database import DbLexicon
from nlp.pipeline import annotate_text
from reader.quiz.generate import quiz_generate
from reader.text_input import clean_article_text

_HEADER = re.compile(r"^[A-Za-z_-]+:")


def _header(content: str) -> str | None:
    header, sep, _ = content.partition("\n---\n")
    if sep and header.strip() and all(_HEADER.match(line) for line in header.splitlines() if line):
        return header
    return None


def article_body(content: str) -> str:
    """The text of a file, without a seed-style header."""
    header = _header(content)
    return content.partition("\n---\n")[2] if header is not None else content


def article_title(content: str) -> str:
    """The `title:` of a seed-style header, "" without one."""
    for line in (_header(content) or "").splitlines():
        key, _, value = line.partition(":")
        if key.strip().casefold() == "title":
            return value.strip()
    return ""


class Command(BaseCommand):
    help = "Print the comprehension quiz generated for a German text file (nothing is stored)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a text file (one paragraph per line), or - for stdin")
        parser.add_argument("--seed", type=int, default=0, help="another seed, another quiz")
        parser.add_argument("--to", dest="target", choices=["json"], default="json")

    def handle(self, *args, file, seed, target, **options):
        try:
            content = sys.stdin.read() if file == "-" else open(file, encoding="utf-8").read()
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error}") from error
        text = clean_article_text(article_body(content))
        annotation = annotate_text(text, DbLexicon())
        questions = quiz_generate(annotation, seed=seed, title=article_title(content))
        payload = {"questions": [q.public() for q in questions]}
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
