"""Turning what a user pastes or uploads into article text we can trust."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError

MAX_ARTICLE_CHARS = 200_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_article_text(raw: str, *, max_chars: int = MAX_ARTICLE_CHARS) -> str:
    """Normalised article text: NFC, Unix newlines, no control characters, one paragraph per
    line with at most one blank line between paragraphs. Raises ValidationError with a message
    a user can act on."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text).replace("\u00ad", "")  # soft hyphens break word lookups
    lines = [line.strip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if not text:
        raise ValidationError("The article is empty: paste or upload some German text.")
    if not any(c.isalpha() for c in text):
        raise ValidationError("The article has no words in it, only numbers or punctuation.")
    if len(text) > max_chars:
        raise ValidationError(
            f"The article is too long ({len(text):,} characters); the limit is {max_chars:,}. "
            "Split it into parts."
        )
    return text


@dataclass
class SeedFile:
    title: str
    source: str
    published: str | None
    text: str


def parse_seed_file(content: str) -> SeedFile:
    """A seed article: `key: value` header lines, a `---` line, then the text."""
    header, sep, body = content.partition("\n---\n")
    if not sep:
        raise ValueError("a seed file needs a header and a '---' line before the text")
    fields = {}
    for line in header.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip().lower()] = value.strip()
    if not fields.get("title"):
        raise ValueError("a seed file needs a title")
    return SeedFile(
        title=fields["title"],
        source=fields.get("source", ""),
        published=fields.get("date") or None,
        text=body,
    )
