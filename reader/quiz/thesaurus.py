"""German synonyms for paraphrases: OpenThesaurus's pairs, confirmed by Ding, in context.

OpenThesaurus (Debian's openthesaurus-de-text) has one set of words of one meaning a line,
';'-separated, with marks in brackets ("(ugs.)", "(geh.)"). A word's sets mix its meanings
(Haushalt: only the budget set, none for the household), so a pair is a candidate only where
the two words share two sets or more, and only single words without a register mark: a
paraphrase a learner meets should be plain standard German. bench/build_synonyms.py then keeps
the pairs Ding gives an identical English gloss and writes them to data/synonyms.txt, which is
all the quiz reads at run time: a word is swapped only where its gloss in the sentence is one
of the pair's shared glosses.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.quiz.wordlists import entries

THESAURUS = Path("/usr/share/openthesaurus-de/openthesaurus.txt")
# Marks that make a word no plain choice for a paraphrase (colloquial, rude, dated, technical,
# regional, figurative, elevated).
_MARKED = ("ugs.", "derb", "vulg", "veraltet", "fachspr.", "österr.", "schweiz.", "fig.", "geh.")
# Two words share this many sets before one may stand in for the other.
SHARED_SETS = 2


@dataclass(frozen=True)
class Synonym:
    word: str
    pos: str  # NOUN, VERB, ADJ, ADV (Ding's part of speech, the same for both words)
    gender: str  # a noun's: m, f, n
    plural: str  # a noun's plural form
    glosses: frozenset[str]  # the English glosses the two words share


def _words(line: str) -> list[str]:
    out = []
    for entry in line.split(";"):
        entry = entry.strip()
        if "(" in entry:
            word, _, mark = entry.partition("(")
            if any(m in mark for m in _MARKED) or "Hauptform" not in mark:
                continue
            entry = word.strip()
        if entry and " " not in entry and entry.replace("-", "").isalpha():
            out.append(entry)
    return out


def safe_pairs(path: Path) -> Iterator[tuple[str, str]]:
    """(word, synonym) for every two words that share SHARED_SETS sets of the thesaurus."""
    shared: dict[str, Counter] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        words = _words(line)
        for w in words:
            shared.setdefault(w, Counter()).update(x for x in words if x != w)
    for word, counts in sorted(shared.items()):
        for other, n in sorted(counts.items()):
            if n >= SHARED_SETS:
                yield word, other


@functools.cache
def _table() -> dict[str, tuple[Synonym, ...]]:
    table: dict[str, list[Synonym]] = {}
    for line in entries("synonyms"):
        word, other, pos, gender, plural, glosses = line.split("\t")
        table.setdefault(word, []).append(
            Synonym(other, pos, gender, plural, frozenset(glosses.split("|")))
        )
    return {w: tuple(s) for w, s in table.items()}


def synonyms(lemma: str, gloss: str | None) -> list[Synonym]:
    """The synonyms of a word that have its sense here: those sharing its gloss in context."""
    if not gloss:
        return []
    return [s for s in _table().get(lemma, ()) if gloss.strip() in s.glosses]


def are_synonyms(a: str, b: str) -> bool:
    """Do the two words stand for each other in some sense (either way round)?"""
    table = _table()
    return any(s.word == b for s in table.get(a, ())) or any(s.word == a for s in table.get(b, ()))
