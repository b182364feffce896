"""The one small interface through which the annotation pipeline asks the lexicon.

The pipeline never imports Django: in the web app it receives `lexicon.database.DbLexicon`,
in unit tests a `MemoryLexicon` built from a handful of entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class LexEntry:
    """One dictionary headword with what a learner's popover shows.

    `lemma` is the headword as written (Haubitze, vorstellen, sich konzentrieren -> konzentrieren
    with reflexive=True); `pos` a UPOS tag (NOUN, VERB, ADJ, ADV, ADP, ...); `gender` m/f/n for
    nouns; `plural` the plural form (Haubitzen); `glosses` short English senses, best first.
    """

    lemma: str
    pos: str
    glosses: tuple[str, ...] = ()
    gender: str | None = None
    plural: str | None = None
    reflexive: bool = False
    source: str = "ding"
    # How many of the first glosses are hand-written everyday senses that keep their place
    # (lexicon/data/core_glosses.tsv); the rest are ranked (nlp.glosses.rank_senses).
    fixed: int = 0
    # (gloss, context) for verbs whose senses come from several dictionary lines: `context` the
    # nouns of the gloss's line (its examples and notes) as `context_stem`s, space-separated
    # ("bedrohung gefahr"). A verb's sense depends on its object (einen Krieg austragen, eine
    # Bedrohung wahrnehmen); nlp.glosses prefers the line naming a noun of the sentence.
    contexts: tuple[tuple[str, str], ...] = ()
    # The glosses are in the order a learner should see them already (the Ding importer
    # ranks them: lexicon.importers.ding_entries.order_senses): the pipeline only cleans them.
    ranked: bool = False


@dataclass(frozen=True)
class IdiomEntry:
    """A multiword expression: `phrase` as the dictionary writes it (jdn. mit Argusaugen
    beobachten), `meaning` in English, `kind` one of idiom / light_verb / proverb."""

    phrase: str
    meaning: str
    kind: str = "idiom"
    literal: str | None = None
    source: str = "ding"
    extra: Mapping[str, object] = field(default_factory=dict)


class Lexicon(Protocol):
    def lookup_many(self, lemmas: Iterable[str]) -> dict[str, list[LexEntry]]:
        """All entries for each lemma (case-insensitive key -> entries, best first).
        One call per document keeps the database round trips to one."""
        ...

    def lookup(self, lemma: str, pos: str | None = None) -> LexEntry | None:
        """The best entry for a lemma, preferring one of the given part of speech."""
        ...

    def is_word(self, lemma: str) -> bool:
        """Is this a dictionary headword (any part of speech)?"""
        ...

    def idioms(self) -> Iterable[IdiomEntry]:
        """Every idiom / light-verb / proverb entry the matcher should know."""
        ...


def lexicon_key(lemma: str) -> str:
    """The lookup key: case-folded, ß kept (Maße and Masse are different words)."""
    return lemma.strip().lower()


# The prefix of a preposition in a sense's context ("@auf" for "auf etw. bestehen"): the
# importer writes it, nlp.senses.clause_frames finds it in a word's clause.
FRAME_MARK = "@"
# The prefix of a subject label in a sense's context ("#min." for Abbau :: mining [min.]),
# matched against the labels of the article's other words (nlp.glosses).
DOMAIN_MARK = "#"

# Plural and case endings, longest first; a stem keeps at least MIN_STEM letters (Haus, not Ha).
_STEM_ENDINGS = ("ern", "en", "er", "es", "e", "n", "s")
MIN_STEM = 4


def context_stem(word: str) -> str:
    """A noun folded so that the dictionary's example and the text meet whatever the case and
    number: Truppen/Truppe -> trupp, Krieges/Kriege/Krieg -> krieg, Bedrohungen -> bedrohung.
    Crude on purpose (umlaut plurals stay apart): it only has to make two spellings of one word
    equal, never to produce a lemma."""
    word = word.lower()
    for ending in _STEM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


class MemoryLexicon:
    """A Lexicon over a list of entries, for tests and for running without a database."""

    def __init__(self, entries: Iterable[LexEntry] = (), idioms: Iterable[IdiomEntry] = ()):
        self._by_key: dict[str, list[LexEntry]] = {}
        for entry in entries:
            self._by_key.setdefault(lexicon_key(entry.lemma), []).append(entry)
        self._idioms = list(idioms)

    def lookup_many(self, lemmas: Iterable[str]) -> dict[str, list[LexEntry]]:
        found = {}
        for lemma in lemmas:
            key = lexicon_key(lemma)
            if key in self._by_key:
                found[key] = self._by_key[key]
        return found

    def lookup(self, lemma: str, pos: str | None = None) -> LexEntry | None:
        return best_entry(self._by_key.get(lexicon_key(lemma), []), pos)

    def is_word(self, lemma: str) -> bool:
        return lexicon_key(lemma) in self._by_key

    def idioms(self) -> Iterable[IdiomEntry]:
        return list(self._idioms)


def best_entry(entries: list[LexEntry], pos: str | None) -> LexEntry | None:
    """The first entry of the wanted part of speech, else the first entry at all."""
    if not entries:
        return None
    if pos:
        for entry in entries:
            if entry.pos == pos:
                return entry
        # PROPN tagged words are often common nouns in the dictionary (Präsident), and AUX verbs.
        related = {"PROPN": "NOUN", "AUX": "VERB", "NOUN": "PROPN"}.get(pos)
        for entry in entries:
            if entry.pos == related:
                return entry
    return entries[0]
