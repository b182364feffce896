"""Ding's notation inside one piece of text, without Django: grammar tags, labels, notes.

`{m}`, `{vt}`, `{adj}` ... carry grammar (`tag_info`), `[mil.]`, `[ugs.]`, `[übtr.]`,
`[Sprw.]` labels (`label_penalty` ranks a sense by them), `(...)` comments, `/Schupo/`
abbreviations. `annotate` takes them out of a piece of text; `english_glosses` turns an English
side into glosses with their notes kept as detail. Line parsing is in `lexicon.importers.ding`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from nlp.german import DING_TAG_UPOS

# Labels that say how a word is used rather than in which field: they do not push a sense back.
REGISTER_LABELS = {
    "ugs.",
    "coll.",
    "geh.",
    "formal",
    "übtr.",
    "fig.",
    "sprw.",
    "prov.",
    "br.",
    "am.",
    "ös.",
    "schw.",
    "dt.",
    "süddt.",
    "norddt.",
    "austr.",
    "can.",
    "pej.",
    "humor.",
    "poet.",
    "adm.",
    "übertr.",
    "indirekt",
    "auch",
    "bes.",
}
# Labels of words a learner reading the news rarely needs: these senses go last.
RARE_LABELS = {
    "veraltet",
    "veraltend",
    "obs.",
    "archaic",
    "selten",
    "rare",
    "slang",
    "vulg.",
    "hist.",
    "dialekt.",
    "dial.",
    "old use",
    "mundartl.",
    "obsolete",
}
_FIGURATIVE = {"übtr.", "fig.", "übertr."}
_PROVERB = {"sprw.", "prov."}

BRACE_RE = re.compile(r"\{([^{}]*)\}")
BRACKET_RE = re.compile(r"\[([^\[\]]*)\]")
_PAREN_RE = re.compile(r"\([^()]*\)")
_ABBREV_RE = re.compile(r"(?:(?<=\s)|^)/\S[^/]*/(?=[\s;,]|$)")
_ANGLE_RE = re.compile(r"<[^<>]*>")


@dataclass
class Annotated:
    """A piece of Ding text with its notes taken out."""

    text: str
    tags: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def lower_labels(self) -> set[str]:
        return {label.lower() for label in self.labels}

    @property
    def figurative(self) -> bool:
        return bool(self.lower_labels & _FIGURATIVE) or any(
            note.strip("()").strip().lower() in _FIGURATIVE for note in self.notes
        )

    @property
    def proverb(self) -> bool:
        return bool(self.lower_labels & _PROVERB)

    def detail(self) -> str:
        return " ".join([f"[{label}]" for label in self.labels] + self.notes)


@dataclass
class Gloss:
    gloss: str
    detail: str = ""
    core: bool = False  # from our hand-written core list (ding_db), not from Ding
    context: str = ""  # a verb sense's line nouns (see line_context), kept by build_lexicon


# --- Text helpers --------------------------------------------------------------------------


def split_top(text: str, sep: str) -> list[str]:
    """Split on `sep` outside brackets: "to forswear {forswore; forsworn}; to abjure" has one
    top-level "; "."""
    pieces = text.split(sep)
    if len(pieces) > 1 and ("(" in text or "[" in text or "{" in text):
        # Glue back pieces whose brackets are still open (cheaper than a char-by-char scan).
        merged: list[str] = []
        depth = 0
        for piece in pieces:
            if depth > 0:
                merged[-1] = merged[-1] + sep + piece
            else:
                merged.append(piece)
            depth += (
                piece.count("(")
                + piece.count("[")
                + piece.count("{")
                - piece.count(")")
                - piece.count("]")
                - piece.count("}")
            )
            depth = max(depth, 0)
        pieces = merged
    return [part.strip() for part in pieces if part.strip()]


def annotate(text: str) -> Annotated:
    """Take grammar tags, labels, comments and abbreviations out of a piece of Ding text."""
    # Each pattern only where its opening character occurs: this runs ~1.5 M times per import.
    tags: list[str] = []
    labels: list[str] = []
    notes: list[str] = []
    if "{" in text:
        tags = [tag.strip() for tag in BRACE_RE.findall(text)]
        text = BRACE_RE.sub(" ", text)
    if "[" in text:
        labels = [label.strip() for label in BRACKET_RE.findall(text)]
        text = BRACKET_RE.sub(" ", text)
    # Comments nest now and then: "(auf die Autobahn (A1) usw.)". Innermost first.
    while "(" in text:
        found = _PAREN_RE.findall(text)
        if not found:
            break
        notes.extend(found)
        text = _PAREN_RE.sub(" ", text)
    if "/" in text:
        abbrevs = _ABBREV_RE.findall(text)
        if abbrevs:
            notes.extend(abbrevs)
            text = _ABBREV_RE.sub(" ", text)
    if "<" in text:
        notes.extend(a for a in _ANGLE_RE.findall(text) if a != "<>")
        text = _ANGLE_RE.sub(" ", text)
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    return Annotated(text=text, tags=tags, labels=labels, notes=notes)


def tag_info(tags: Iterable[str]) -> tuple[str | None, str, bool]:
    """(UPOS, gender, reflexive) from grammar tags such as {f}, {m,f}, {vr}, {prp; +Dat.}."""
    return _tag_info(tuple(tags))


@functools.lru_cache(maxsize=4096)
def _tag_info(tags: tuple[str, ...]) -> tuple[str | None, str, bool]:
    # Cached: a few dozen distinct tag combinations make up Ding's 400,000 tagged words.
    pos, gender, reflexive = None, "", False
    for tag in tags:
        first = re.split(r"[;,\s]", tag.strip().lower(), maxsplit=1)[0]
        if first in ("m", "f", "n") and not gender:
            gender = first
        if first == "vr":
            reflexive = True
        if pos is None and first in DING_TAG_UPOS:
            pos = DING_TAG_UPOS[first]
        elif pos is None and first == "pl":
            pos = "NOUN"  # a plural-only noun: Leute {pl}
    return pos, gender, reflexive


def label_penalty(labels: Iterable[str]) -> int:
    """0 for everyday words, 1 for a subject field ([mil.], [econ.]), 2 for rare or dated."""
    penalty = 0
    for label in labels:
        low = label.lower()
        if low in RARE_LABELS:
            return 2
        if low not in REGISTER_LABELS:
            penalty = 1
    return penalty


def clean_gloss(text: str) -> Gloss | None:
    """An English alternative as a learner-friendly gloss, its notes kept as detail."""
    ann = annotate(text)
    gloss = ann.text.strip(" ,;")
    if not gloss or gloss in {"…", "..."}:
        return None
    return Gloss(gloss=gloss[:300], detail=ann.detail()[:500])


def english_glosses(text: str) -> list[Gloss]:
    if "/" in text:
        # Abbreviations may hold the synonym separator: "government /Gov.; Govt./".
        text = _ABBREV_RE.sub(" ", text)
    return [g for g in (clean_gloss(part) for part in split_top(text, "; ")) if g]
