"""The article's sentences as a quiz sees them: text, token offsets, quotation marks, the
dateline, and whether a sentence carries content worth a question.

Sentences that make good questions carry the article's content: running text (no subheadings
or captions), with a finite verb, not mostly quotation, not the lead-in of a quote.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from nlp.document import Annotation, Expression, Token
from nlp.german import FINITE_VERB_TAGS
from reader.quiz.helpers import GAP, HAS_DIGIT, WORD

_CAPTION = re.compile(r"^(Foto|Bild|Grafik|Quelle|Archivbild|Fotos)\b|\b(Foto|Bild):", re.I)
_OPEN_QUOTES = frozenset({"„", "»", "‚"})
_CLOSE_QUOTES = frozenset({"“", "«", "‘"})


@dataclass
class Sent:
    index: int
    tokens: tuple[Token, ...]
    expressions: tuple[Expression, ...]
    text: str
    offsets: list[tuple[int, int]]  # character span of each token within `text`
    in_quote: list[bool]
    good: bool
    heading: bool = False
    # Tokens of a dateline ("Seoul (taz) –") at the start: left out of what a prompt shows.
    dateline: int = 0

    @property
    def shown(self) -> str:
        """The sentence as a prompt quotes it: without its dateline."""
        return self.text[self.offsets[self.dateline][0] :] if self.dateline else self.text

    def show(self, text: str) -> str:
        """`text` (this sentence with a change after its dateline) without the dateline."""
        return text[self.offsets[self.dateline][0] :] if self.dateline else text


def anchor_for(text: str) -> str:
    """A stable key for a sentence: its text without spacing differences."""
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()[:16]


def _offsets(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for t in tokens:
        spans.append((pos, pos + len(t.text)))
        pos += len(t.text) + len(t.ws)
    return spans


def _quote_mask(tokens: Sequence[Token]) -> list[bool]:
    """Which tokens stand inside quotation marks (German „…“ and »…«, or straight quotes)."""
    mask, inside = [], False
    for t in tokens:
        text = t.text
        if text in _OPEN_QUOTES or (text in ('"', "“") and not inside):
            inside = True
            mask.append(True)
        elif text in _CLOSE_QUOTES or text == '"':
            mask.append(True)
            inside = False
        else:
            mask.append(inside)
    return mask


def _paren_mask(tokens: Sequence[Token]) -> list[bool]:
    """Tokens inside brackets: asides and abbreviations (NYT), no facts worth asking about."""
    mask, depth = [], 0
    for t in tokens:
        if t.text in "([":
            depth += 1
        mask.append(depth > 0)
        if t.text in ")]" and depth:
            depth -= 1
    return mask


def _is_content_sentence(tokens: Sequence[Token], text: str, in_quote: list[bool]) -> bool:
    words = [t for t in tokens if WORD.search(t.text) or HAS_DIGIT.search(t.text)]
    if not 6 <= len(words) <= 45:
        return False
    if not any(t.xpos in FINITE_VERB_TAGS for t in tokens):
        return False  # captions, datelines and headlines have no finite verb
    if _CAPTION.search(text):
        return False
    if text.rstrip().endswith(":"):
        return False  # the lead-in of a quote or a list
    if tokens[0].text in _OPEN_QUOTES | {'"', "“"}:
        return False  # starts inside a quotation: the first words of a quote, not reporting
    quoted = sum(in_quote)
    return quoted <= len(tokens) / 2


DASHES = frozenset({"–", "-", "—"})


# Small words inside a place name: Frankfurt am Main, Halle an der Saale, Neustadt in Holstein.
_PLACE_LINKS = frozenset({"am", "an", "der", "im", "in", "bei", "/"})


def dateline_end(tokens: Sequence[Token]) -> int:
    """Where the text starts after an agency dateline ("Seoul (taz) –", "Frankfurt am Main –"),
    or 0: a place (capitalised words, an agency in brackets) and a dash within the first
    seven tokens, with text after it."""
    depth = 0
    for k, t in enumerate(tokens[:8]):
        text = t.text
        if text in DASHES and depth == 0:
            return k + 1 if 0 < k < len(tokens) - 1 else 0
        if text == "(":
            depth += 1
        elif text == ")" and depth:
            depth -= 1
        elif depth or text in _PLACE_LINKS or text in ",/":
            continue
        elif not text[:1].isupper() or t.upos not in {"PROPN", "NOUN", "X", ""}:
            return 0  # "Der Stadtrat – so die …": a determiner starts a clause, not a place
    return 0


def typed(annotation: Annotation | Mapping) -> Annotation:
    """The annotation as nlp.document's typed document. The quiz's entry points take either:
    callers hold the stored JSON (Article.annotation, the quiz command, tests) or a document
    decoded once for several calls (quiz_generate, check_quiz)."""
    return annotation if isinstance(annotation, Annotation) else Annotation.from_json(annotation)


def article_sentences(annotation: Annotation | Mapping) -> list[Sent]:
    sents = []
    for index, s in enumerate(typed(annotation).sentences):
        tokens = s.tokens
        if not tokens:
            continue
        text = s.text
        # Sentence.text strips leading spaces; offsets must follow.
        written = "".join(t.text + t.ws for t in tokens)
        lead = len(written) - len(written.lstrip())
        offsets = [(a - lead, b - lead) for a, b in _offsets(tokens)]
        in_quote = [q or p for q, p in zip(_quote_mask(tokens), _paren_mask(tokens), strict=True)]
        heading = s.kind == "heading"
        good = not heading and _is_content_sentence(tokens, text, in_quote)
        sents.append(
            Sent(
                index,
                tokens,
                s.expressions,
                text,
                offsets,
                in_quote,
                good,
                heading,
                dateline_end(tokens) if not heading else 0,
            )
        )
    return sents


def word_count(annotation: Annotation | Mapping) -> int:
    tokens = (t for _, _, t in typed(annotation).tokens())
    return sum(1 for t in tokens if WORD.search(t.text) or HAS_DIGIT.search(t.text))


def gapped(sent: Sent, start: int, end: int, fill: str = GAP) -> str:
    a, b = sent.offsets[start][0], sent.offsets[end - 1][1]
    return sent.text[:a] + fill + sent.text[b:]
