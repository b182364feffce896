"""Idiom patterns: a dictionary phrase compiled into the lemma pattern the matcher looks for.

Each `IdiomEntry` (jdn. mit Argusaugen beobachten) is compiled once into an `IdiomPattern`:
a list of elements with the lemma keys that may fill them and whether they are required.

* Content words are required: nouns (the core), the verb, and any other content word of a
  proverb ("eine Hand wäscht die *andere*": without *andere* it is just washing hands).
* Prepositions are required and must stand at the front of their noun phrase
  ("ins Bild passen" is not "das Bild passt ... in").
* Determiners, possessives (seinen), `sich` and attributive adjectives are optional: they are
  taken into the match when present, but "harte Geschütze" still is "schwere Geschütze".
* Slots (jdn., jdm., etw., jds., einer Sache) match nothing: any words may stand there, so
  insertions come for free.
* A verb's separable particle may stand apart ("fährt ... auf" = auffahren), found by its
  STTS tag PTKVZ in the same clause.
* Where the idiom's core is a rare noun phrase (mit Argusaugen), the verb may vary
  (betrachten for beobachten): the clause's full verb is taken instead.

Each pattern names its rarest required element as its anchor, by which `nlp.idiom_matching`
indexes it. Matching a sentence lives there, the spaCy component in `nlp.idioms`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from nlp.german import (
    ADJECTIVE_PARTICLES,
    CONTRACTIONS,
    DETERMINERS,
    DICTIONARY_PARTICLES,
    POSSESSIVES,
    PREPOSITIONS,
    zipf,
)
from nlp.lexicon import IdiomEntry

# --- word classes of the dictionary's phrase notation --------------------------------------

SLOTS = {
    "jdn.",
    "jdm.",
    "jds.",
    "etw.",
    "jd.",
    "jdn",
    "jdm",
    "jds",
    "etw",
    "jemanden",
    "jemandem",
    "jemandes",
    "jemand",
    "sb.",
    "sth.",
    "etw./jdn.",
    "jdn./etw.",
    "jdm./etw.",
    "etw./jdm.",
    "jdm./einer",
    "jds./einer",
    "js.",
    "einer/einem",
    "...",
    "…",
    "jdn./sich",
    "jdm./sich",
    "sich/jdn.",
    "sich/jdm.",
    "irgendwo",
    "irgendwohin",
    "wohin",
    "etwas.",
}
# Words that may be absent without changing the idiom. Negation is not among them: "eine Rolle
# spielen" negated is still the expression, but an idiom written with its negation ("nicht ganz
# dicht sein", "keine Chance haben") means the opposite without it.
NEGATIONS = {"nicht"}
NEGATIVE_DETERMINERS = {"kein", "keine", "keinen", "keinem", "keiner", "keines"}
SKIPPABLE = {
    "mal",
    "einmal",
    "auch",
    "noch",
    "schon",
    "gar",
    "erst",
    "wieder",
    "ganz",
    "sehr",
    "immer",
    "bloß",
    "nur",
    "genau",
    "eben",
    "wohl",
    "doch",
    "ja",
    "etwa",
}
# Verbs too general to carry an idiom without the words around them.
WEAK_VERBS = {
    "sein",
    "haben",
    "werden",
    "machen",
    "geben",
    "tun",
    "lassen",
    "bekommen",
    "kriegen",
    "gehen",
    "kommen",
    "stehen",
    "liegen",
    "bringen",
    "halten",
    "nehmen",
    "stellen",
    "setzen",
    "legen",
    "finden",
    "spielen",
    "ziehen",
    "treten",
    "führen",
}

_STRIP_MARKUP = re.compile(r"\([^)]*\)|\{[^}]*\}|\[[^\]]*\]|<[^>]*>")
_ADJ_ENDING = re.compile(r"(?:e|er|es|en|em)$")


def lowered(word: str) -> str:
    return word.strip().lower()


@lru_cache(maxsize=100_000)
def _lemma(word: str) -> str:
    try:
        return simplemma.lemmatize(word, lang="de")
    except Exception:  # pragma: no cover - simplemma rejects odd input
        return word


def stem(word: str) -> str:
    """Inflection-blind key for adjectives and pronouns: harte/hart, andere/anderer/ander."""
    word = lowered(word)
    if len(word) > 4:
        word = _ADJ_ENDING.sub("", word)
    return word


def _keys_for(word: str, stems: bool = True) -> frozenset[str]:
    """Keys a word of the dictionary phrase may be met as: its form, its lemma and the
    inflection-blind stem; "harte/schwere" offers both words."""
    keys: set[str] = set()
    for part in word.split("/"):
        if not part:
            continue
        lemma = _lemma(part)
        forms = {lowered(part), lowered(lemma)}
        keys |= forms | ({stem(k) for k in forms} if stems else set())
    return frozenset(k for k in keys if k)


def is_slot(low: str) -> bool:
    """jdn., etw., jdm./etw., jds./einer: placeholders for any noun phrase."""
    if low in SLOTS:
        return True
    parts = [p for p in low.split("/") if p]
    return len(parts) > 1 and all(p in SLOTS or p + "." in SLOTS for p in parts)


def split_particle(verb: str) -> tuple[str, str] | None:
    """auffahren -> (auf, fahren); None when the verb has no separable particle."""
    low = lowered(verb)
    for particle in DICTIONARY_PARTICLES:
        if low.startswith(particle) and len(low) - len(particle) >= 3:
            base = low[len(particle) :]
            if base.startswith("zu") and base[2:] and zipf(base[2:]) > 2.5:
                base = base[2:]  # aufzufahren
            if re.search(r"(?:en|ern|eln|n)$", base) and zipf(base) >= 2.0:
                return particle, base
    return None


# --- compiled patterns -------------------------------------------------------------------------


@dataclass(frozen=True)
class Element:
    """One word of an idiom. `head` links a preposition, determiner or adjective to the index
    of the element it belongs to (its noun), so it must stand in front of that noun."""

    word: str
    role: str  # noun verb adj adp det poss refl pron neg other
    keys: frozenset[str]
    required: bool
    head: int | None = None
    particle: str | None = None  # separable verbs: auf (fahren)
    base_keys: frozenset[str] = frozenset()
    article: str | None = None  # a contraction's article: ins -> das


@dataclass
class IdiomPattern:
    entry: IdiomEntry
    elements: tuple[Element, ...]
    anchor: int  # index of the rarest required element
    verb_optional: bool = False  # rare noun core: the verb may vary
    max_span: int = 10
    rank: float = 0.0
    pp_heads: frozenset[int] = frozenset()  # nouns that have their own preposition
    # Nouns the idiom writes without article or possessive ("Recht haben"): with an article
    # in the text they are another phrase ("das Recht haben", to have the right).
    bare_nouns: frozenset[int] = frozenset()

    @property
    def phrase(self) -> str:
        return self.entry.phrase


def _clean_phrase(phrase: str) -> list[str]:
    text = _STRIP_MARKUP.sub(" ", phrase)
    text = (
        text.replace("„", " ")
        .replace("“", " ")
        .replace('"', " ")
        .replace("‚", " ")
        .replace("‘", " ")
    )
    text = re.sub(r"[,!?]", " ", text)
    text = re.sub(r"\s+/\s+.*$", "", text)  # "a / b" alternatives: keep the first
    words = []
    for w in text.split():
        if w in {"-", "–", "…", "..."}:
            continue
        if w.endswith(".") and lowered(w) not in SLOTS and not re.fullmatch(r"\w+\./\w+\.?", w):
            w = w.rstrip(".")  # sentence-final full stop of a proverb
        if w:
            words.append(w)
    return words


def compile_idiom(entry: IdiomEntry) -> IdiomPattern | None:
    """The lemma pattern for one idiom, or None when the phrase has too little to match on."""
    words = _clean_phrase(entry.phrase)
    if not words:
        return None
    is_sentence = entry.kind == "proverb" or (
        entry.phrase.rstrip().endswith((".", "!", "?")) and words[0][:1].isupper()
    )
    return _pattern(entry, _elements(entry, words, is_sentence), is_sentence)


def _elements(entry: IdiomEntry, words: list[str], is_sentence: bool) -> list[Element]:
    """The phrase's words as pattern elements, each determiner, preposition and attributive
    adjective attached to the noun (or reflexive) it belongs to; slots and fillers left out."""
    elements: list[Element] = []
    pending_heads: list[int] = []  # adp/det/adj waiting for the noun they belong to
    n = len(words)
    i = 0
    while i < n:
        word = words[i]
        low = lowered(word)
        last = i == n - 1
        skip = _words_to_skip(words, i, is_sentence)
        if skip:
            i += skip
            continue
        if low in NEGATIONS and not is_sentence:
            # "nicht ganz dicht sein": the negation is the idiom's polarity, required
            elements.append(Element(word, "neg", frozenset(NEGATIONS), True))
        elif low == "sich":
            # The reflexive is part of the idiom: "mit sich bringen", not "mit ... gebracht".
            elements.append(Element(word, "refl", frozenset({"sich"}), True))
            if pending_heads:
                # "auf sich nehmen", "mit sich bringen": the preposition governs the reflexive
                # and stands right before it ("hat sich auf ... eingestellt" is none)
                elements = _attach(elements, pending_heads, len(elements) - 1)
                pending_heads = []
        elif low in CONTRACTIONS:
            prep, det = CONTRACTIONS[low]
            elements.append(Element(word, "adp", frozenset({prep, low}), True, article=det))
            pending_heads.append(len(elements) - 1)
        elif low in PREPOSITIONS and not last:
            if entry.source != "curated" and i + 1 < n and is_slot(lowered(words[i + 1])):
                # "Lust auf etw. haben": the preposition marks an argument, it is not part of
                # the idiom (our curated list writes only the words that count: es um etw. gehen).
                i += 1
                continue
            elements.append(Element(word, "adp", frozenset({low}), True))
            pending_heads.append(len(elements) - 1)
        elif low in NEGATIVE_DETERMINERS and not last:
            # "keine Chance haben" is no "gute Chancen haben": a negative determiner is required
            elements.append(Element(word, "det", frozenset(NEGATIVE_DETERMINERS), True))
            pending_heads.append(len(elements) - 1)
        elif low in DETERMINERS and not last:
            elements.append(_determiner_element(word))
            pending_heads.append(len(elements) - 1)
        elif low in POSSESSIVES and not last and not (low == "sein" and last):
            # "seinen Weg gehen", "auf seine Kosten kommen": the possessive (any person) is
            # part of the idiom; "auf Kosten des Nachwuchses" is another phrase.
            elements.append(Element(word, "poss", frozenset({low, "§poss"}), True))
            pending_heads.append(len(elements) - 1)
        elif low == "es":
            elements.append(Element(word, "pron", frozenset({"es"}), True))
        elif word[:1].isupper() and (
            i > 0 or not is_sentence or lowered(word) not in _FUNCTION_WORDS
        ):
            elements.append(Element(word, "noun", _keys_for(word, stems=False), True))
            noun = len(elements) - 1
            elements = _attach(elements, pending_heads, noun)
            pending_heads = []
        elif last and not is_sentence:
            elements.append(_verb_element(word))
            # A preposition governed by the verb (es um etw. gehen) may stand on either side
            # of it ("es geht um"): it stays free within the clause.
            pending_heads = []
        else:
            # adjective, adverb, pronoun (andere), or a finite verb of a proverb
            element, in_noun_phrase = _other_element(entry, words, i, is_sentence)
            elements.append(element)
            idx = len(elements) - 1
            if in_noun_phrase:
                # An adjective before the noun belongs to it ("freie Hand haben", "die
                # besseren Argumente"): it must stand in that noun phrase.
                pending_heads.append(idx)
            elif pending_heads:
                elements = _attach(elements, pending_heads, idx)
                pending_heads = []
        i += 1
    return elements


def _determiner_element(word: str) -> Element:
    """An article or demonstrative: optional, and any article will do in the text."""
    keys = frozenset({lowered(word), lowered(_lemma(word)), "der", "ein", "kein"})
    return Element(word, "det", keys, False)


def _words_to_skip(words: list[str], i: int, is_sentence: bool) -> int:
    """How many words from `i` are no part of the pattern: a slot (jdn., etw., einer Sache)
    or a filler word; 0 when the word counts."""
    word = words[i]
    low = lowered(word)
    if is_slot(low):
        return 1
    if low == "einer" and i + 1 < len(words) and words[i + 1] in {"Sache", "Person"}:
        return 2  # "einer Sache": a slot for a thing
    if (
        low in {"sache", "person"}
        and i > 0
        and lowered(words[i - 1]) in {"einer", "eine"}
        and not is_sentence
    ):
        return 1
    if (
        low in SKIPPABLE
        and word[:1].islower()
        and not (is_sentence and low not in {"nicht", "auch", "noch", "schon"})
    ):
        return 1
    return 0


def _verb_element(word: str) -> Element:
    """The idiom's verb, with its separable particle when it has one."""
    keys = _keys_for(word)
    parts = split_particle(word)
    if parts:
        return Element(word, "verb", keys, True, particle=parts[0], base_keys=frozenset({parts[1]}))
    return Element(word, "verb", keys, True)


def _other_element(
    entry: IdiomEntry, words: list[str], i: int, is_sentence: bool
) -> tuple[Element, bool]:
    """An adjective, adverb, pronoun or a proverb's finite verb; and whether it stands in the
    noun phrase that follows (an attributive or optional adjective)."""
    word = words[i]
    n = len(words)
    following_noun = any(w[:1].isupper() for w in words[i + 1 : i + 3])
    # An attributive adjective may vary (harte for schwere Geschütze auffahren) only
    # beside a verb with a meaning of its own: with "haben" or "sein" the adjective
    # is what makes "freie Hand haben" or "einen schlechten Tag haben".
    # Without a verb the adjective is half the idiom ("mit wenig Geld").
    # Our curated list writes only the words that count (die rote Karte zeigen), so
    # its adjectives are required unless the entry says `adj=free`.
    optional = (
        not is_sentence
        and (entry.source != "curated" or (entry.extra or {}).get("adj") == "free")
        and following_noun
        and i + 1 < n
        and (words[i + 1][:1].isupper() or lowered(words[i + 1]) in _FUNCTION_WORDS)
        and lowered(words[-1]) not in WEAK_VERBS
        and _is_infinitive_like(words[-1])
    )
    role = "adj"
    keys = _keys_for(word)
    if is_sentence:
        parts = split_particle(_lemma(word)) if _lemma(word) != word else None
        element = Element(
            word,
            "other",
            keys,
            True,
            particle=parts[0] if parts else None,
            base_keys=frozenset({parts[1]}) if parts else frozenset(),
        )
    elif i > 0 and lowered(words[i - 1]) == "zu" and _is_infinitive_like(word):
        # zu denken geben, zu tun haben: an infinitive, tagged as a verb
        element = Element(word, "other", keys, True)
    else:
        element = Element(word, role, keys, not optional)
    attributive = not is_sentence and i + 1 < n and words[i + 1][:1].isupper()
    return element, optional or attributive


def _pattern(entry: IdiomEntry, elements: list[Element], is_sentence: bool) -> IdiomPattern | None:
    """The pattern from its elements: which are required, the anchor to look for first, the
    span; None when too little is required to match on."""
    extra = dict(entry.extra or {})
    if extra.get("strict"):
        # Every word counts, articles too, as written ("das heißt" is not any "heißen", "der
        # Fall sein" not "ein Fall sein").
        elements = _strict(elements)
    required = [k for k, e in enumerate(elements) if e.required]
    if not required:
        return None
    content = [
        k
        for k in required
        if elements[k].role in {"noun", "verb", "adj", "other", "pron"} or extra.get("strict")
    ]
    own = [k for k in required if elements[k].role != "refl"]  # sich breitmachen
    if (
        len(own) == 1
        and elements[own[0]].role == "verb"
        and elements[own[0]].particle in ADJECTIVE_PARTICLES
    ):
        # feststellen, klarstellen, bekanntgeben: verb + adjective particle, an idiom in
        # PARSEME's sense (an adjective is no separable-verb particle)
        content = content * 2
    if not content:
        return None
    nouns = [k for k in required if elements[k].role == "noun"]
    verbs = [k for k in required if elements[k].role == "verb"]
    # One content word alone is no idiom, unless it is a prepositional phrase (auf dem Papier)
    # or a proverb; "Hand" or "spielen" alone would fire everywhere.
    has_adp = any(elements[k].role == "adp" for k in required)
    if len(content) < 2 and not has_adp:
        return None

    verb_optional = False
    if verbs and nouns and not is_sentence:
        rarest_noun = min(_word_zipf(elements[k]) for k in nouns)
        # A rare noun carries the idiom by itself (Argusaugen, Fettnapf, Damoklesschwert):
        # the verb beside it may vary (mit Argusaugen betrachten / beobachten / verfolgen).
        verb_optional = rarest_noun < 2.6 and has_adp
    if verb_optional:
        elements = [
            Element(e.word, e.role, e.keys, False, e.head, e.particle, e.base_keys, e.article)
            if e.role == "verb"
            else e
            for e in elements
        ]
        required = [k for k, e in enumerate(elements) if e.required]

    anchor = min(required, key=lambda k: (_anchor_score(elements[k]), k))
    max_span = int(extra.get("span", 10 if not is_sentence else 14))
    pp_heads = frozenset(e.head for e in elements if e.role == "adp" and e.head is not None)
    determined = {e.head for e in elements if e.role in {"adp", "det", "poss"}}
    bare_nouns = frozenset(
        k
        for k, e in enumerate(elements)
        if e.role == "noun" and k not in determined and entry.kind == "idiom" and not is_sentence
    )
    return IdiomPattern(
        entry,
        tuple(elements),
        anchor,
        verb_optional,
        max_span,
        float(extra.get("rank", 0.0)),
        pp_heads,
        bare_nouns,
    )


def _strict(elements: list[Element]) -> list[Element]:
    """Every word counts, articles too, as written."""
    return [
        Element(
            e.word,
            e.role,
            frozenset({lowered(e.word), lowered(_lemma(e.word))}) if e.role == "det" else e.keys,
            True,
            e.head,
            e.particle,
            e.base_keys,
            e.article,
        )
        for e in elements
    ]


def _is_infinitive_like(word: str) -> bool:
    return word[:1].islower() and bool(re.search(r"(?:en|ern|eln|sein|tun)$", word))


_FUNCTION_WORDS = DETERMINERS | PREPOSITIONS | set(CONTRACTIONS) | POSSESSIVES | {"sich", "es"}


def _attach(elements: list[Element], pending: list[int], head: int) -> list[Element]:
    out = list(elements)
    for k in pending:
        e = out[k]
        out[k] = Element(
            e.word, e.role, e.keys, e.required, head, e.particle, e.base_keys, e.article
        )
    return out


def _word_zipf(element: Element) -> float:
    return max((zipf(k) for k in element.keys), default=0.0)


def _anchor_score(element: Element) -> float:
    """Lower is rarer. Prepositions and pronouns make poor anchors (they are everywhere)."""
    if element.role in {"adp", "pron", "det", "poss", "refl"}:
        return 10.0 + _word_zipf(element)
    return _word_zipf(element)
