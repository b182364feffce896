"""Idioms and light-verb constructions: lemma patterns matched within a clause.

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

Matching works on tokens that carry only text, lemma and an STTS tag (plus UPOS if known),
so the same code runs on a spaCy Doc (`IdiomsComponent`) and on gold CoNLL-U/cupt columns
(`bench/idioms.py`). Patterns are indexed by their rarest required lemma, so a sentence only
tries the few patterns whose anchor word it contains.

No Django here: the idiom list comes from `Lexicon.idioms()` through `IdiomsComponent.set_idioms`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import simplemma
from spacy.language import Language
from spacy.tokens import Doc

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
NOUN_PHRASE_TAGS = {
    "ART",
    "ADJA",
    "ADJD",
    "ADV",
    "PPOSAT",
    "PIAT",
    "PIDAT",
    "PDAT",
    "CARD",
    "PWAT",
    "PTKNEG",
    "TRUNC",
    "KON",
    "NN",
    "NE",
}
# Clause boundaries: commas and sentence punctuation; of $( only brackets, dashes, colons and
# semicolons (quotes and hyphens stand inside a clause: „sämtliche Anstrengungen ...“).
BOUNDARY_TEXTS = {"(", ")", ";", ":", "–", "—", "--", "[", "]"}

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


def _lower(word: str) -> str:
    return word.strip().lower()


@lru_cache(maxsize=100_000)
def _lemma(word: str) -> str:
    try:
        return simplemma.lemmatize(word, lang="de")
    except Exception:  # pragma: no cover - simplemma rejects odd input
        return word


def _stem(word: str) -> str:
    """Inflection-blind key for adjectives and pronouns: harte/hart, andere/anderer/ander."""
    word = _lower(word)
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
        forms = {_lower(part), _lower(lemma)}
        keys |= forms | ({_stem(k) for k in forms} if stems else set())
    return frozenset(k for k in keys if k)


def is_slot(low: str) -> bool:
    """jdn., etw., jdm./etw., jds./einer: placeholders for any noun phrase."""
    if low in SLOTS:
        return True
    parts = [p for p in low.split("/") if p]
    return len(parts) > 1 and all(p in SLOTS or p + "." in SLOTS for p in parts)


def split_particle(verb: str) -> tuple[str, str] | None:
    """auffahren -> (auf, fahren); None when the verb has no separable particle."""
    low = _lower(verb)
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
        if w.endswith(".") and _lower(w) not in SLOTS and not re.fullmatch(r"\w+\./\w+\.?", w):
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
    elements: list[Element] = []
    pending_heads: list[int] = []  # adp/det/adj waiting for the noun they belong to
    n = len(words)
    i = 0
    while i < n:
        word = words[i]
        low = _lower(word)
        last = i == n - 1
        if is_slot(low):
            i += 1
            continue
        if low == "einer" and i + 1 < n and words[i + 1] in {"Sache", "Person"}:
            i += 2  # "einer Sache": a slot for a thing
            continue
        if (
            low in {"sache", "person"}
            and i > 0
            and _lower(words[i - 1]) in {"einer", "eine"}
            and not is_sentence
        ):
            i += 1
            continue
        if (
            low in SKIPPABLE
            and word[:1].islower()
            and not (is_sentence and low not in {"nicht", "auch", "noch", "schon"})
        ):
            i += 1
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
            if entry.source != "curated" and i + 1 < n and is_slot(_lower(words[i + 1])):
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
            elements.append(
                Element(
                    word, "det", frozenset({low, _lower(_lemma(word)), "der", "ein", "kein"}), False
                )
            )
            pending_heads.append(len(elements) - 1)
        elif low in POSSESSIVES and not last and not (low == "sein" and last):
            # "seinen Weg gehen", "auf seine Kosten kommen": the possessive (any person) is
            # part of the idiom; "auf Kosten des Nachwuchses" is another phrase.
            elements.append(Element(word, "poss", frozenset({low, "§poss"}), True))
            pending_heads.append(len(elements) - 1)
        elif low == "es":
            elements.append(Element(word, "pron", frozenset({"es"}), True))
        elif word[:1].isupper() and (
            i > 0 or not is_sentence or _lower(word) not in _FUNCTION_WORDS
        ):
            elements.append(Element(word, "noun", _keys_for(word, stems=False), True))
            noun = len(elements) - 1
            elements = _attach(elements, pending_heads, noun)
            pending_heads = []
        elif last and not is_sentence:
            parts = split_particle(word)
            keys = _keys_for(word)
            if parts:
                elements.append(
                    Element(
                        word, "verb", keys, True, particle=parts[0], base_keys=frozenset({parts[1]})
                    )
                )
            else:
                elements.append(Element(word, "verb", keys, True))
            # A preposition governed by the verb (es um etw. gehen) may stand on either side
            # of it ("es geht um"): it stays free within the clause.
            pending_heads = []
        else:
            # adjective, adverb, pronoun (andere), or a finite verb of a proverb
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
                and (words[i + 1][:1].isupper() or _lower(words[i + 1]) in _FUNCTION_WORDS)
                and _lower(words[-1]) not in WEAK_VERBS
                and _is_infinitive_like(words[-1])
            )
            role = "adj"
            keys = _keys_for(word)
            if is_sentence:
                parts = split_particle(_lemma(word)) if _lemma(word) != word else None
                elements.append(
                    Element(
                        word,
                        "other",
                        keys,
                        True,
                        particle=parts[0] if parts else None,
                        base_keys=frozenset({parts[1]}) if parts else frozenset(),
                    )
                )
            elif i > 0 and _lower(words[i - 1]) == "zu" and _is_infinitive_like(word):
                # zu denken geben, zu tun haben: an infinitive, tagged as a verb
                elements.append(Element(word, "other", keys, True))
            else:
                elements.append(Element(word, role, keys, not optional))
            idx = len(elements) - 1
            attributive = not is_sentence and i + 1 < n and words[i + 1][:1].isupper()
            if optional or attributive:
                # An adjective before the noun belongs to it ("freie Hand haben", "die
                # besseren Argumente"): it must stand in that noun phrase.
                pending_heads.append(idx)
            elif pending_heads:
                elements = _attach(elements, pending_heads, idx)
                pending_heads = []
        i += 1

    extra = dict(entry.extra or {})
    if extra.get("strict"):
        # Every word counts, articles too, as written ("das heißt" is not any "heißen", "der
        # Fall sein" not "ein Fall sein").
        elements = [
            Element(
                e.word,
                e.role,
                frozenset({_lower(e.word), _lower(_lemma(e.word))}) if e.role == "det" else e.keys,
                True,
                e.head,
                e.particle,
                e.base_keys,
                e.article,
            )
            for e in elements
        ]
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


# --- tokens as the matcher sees them ---------------------------------------------------------


@dataclass(frozen=True)
class Tok:
    text: str
    lemma: str
    tag: str = ""  # STTS
    pos: str = ""  # UPOS


_PRONOMINAL = re.compile(r"^(?:dar|da|wor|wo|hier)(?=[a-zäöü])")
# A verb's own preposition (als etw. gelten, mit etw. rechnen) is a preposition, not a
# separable particle ("setzt ... auf"), the infinitive's zu or a conjunction ("als er kam").
NOT_A_GOVERNED_PREPOSITION = frozenset({"PTKVZ", "PTKZU", "PTKA", "KOUI", "KOUS"})


def _token_keys(tok: Tok) -> set[str]:
    text = _lower(tok.text)
    lemma = _lower(tok.lemma) if tok.lemma and tok.lemma != "_" else text
    keys = {text, lemma}
    for sep in ("+", "|"):
        if sep in lemma:
            keys |= set(lemma.split(sep))
    if text in CONTRACTIONS:
        keys |= set(CONTRACTIONS[text])
    if tok.tag in {"PAV", "PROAV"} and (prep := _PRONOMINAL.sub("", text)) in PREPOSITIONS:
        keys.add(prep)  # "sorgt dafür, dass": für etw. sorgen with its object in a clause
    if tok.tag.startswith(("ADJ", "PI", "PD", "PPOS")) or tok.pos in {"ADJ", "PRON", "DET"}:
        keys |= {_stem(text), _stem(lemma)}
    if tok.tag == "PRF" or (tok.pos == "PRON" and text in {"sich", "mich", "dich", "uns", "euch"}):
        keys.add("sich")
    if tok.tag == "PPOSAT" or text in POSSESSIVES:
        keys.add("§poss")
    if tok.tag in {"ART"} or tok.pos == "DET" and text in DETERMINERS:
        keys |= {"der", "ein"} if not text.startswith("k") else {"kein"}
    keys.discard("")
    return keys


def _clauses(toks: Sequence[Tok]) -> list[int]:
    """A clause number for every token; commas, sentence punctuation, brackets and dashes
    end a clause."""
    out, clause = [], 0
    for tok in toks:
        boundary = (
            tok.tag in {"$,", "$."}
            or (tok.tag == "$(" and tok.text in BOUNDARY_TEXTS)
            or (
                not tok.tag
                and tok.pos == "PUNCT"
                and tok.text in {",", ".", "!", "?"} | BOUNDARY_TEXTS
            )
        )
        if boundary:
            clause += 1
            out.append(-1)
            continue
        out.append(clause)
    return out


def _is_full_verb(tok: Tok) -> bool:
    return tok.tag.startswith("VV") or (not tok.tag and tok.pos == "VERB")


# --- the matcher -------------------------------------------------------------------------------


@dataclass
class Match:
    pattern: IdiomPattern
    tokens: tuple[int, ...]  # all tokens of the expression, within the sentence
    core: tuple[int, ...]  # without free determiners/possessives/adjectives (PARSEME's view)
    verbal: bool = False  # has a verb among its words (PARSEME annotates only verbal MWEs)

    def as_dict(self) -> dict:
        entry = self.pattern.entry
        return {
            "type": "light_verb" if entry.kind == "light_verb" else "idiom",
            "tokens": list(self.tokens),
            "core_tokens": list(self.core),
            "lemma": entry.phrase,
            "gloss": entry.meaning or None,
            "literal": entry.literal,
            "kind": entry.kind,
            "source": entry.source,
            "verbal": self.verbal,
            "parseme": parseme_category(entry),
        }


def parseme_category(entry: IdiomEntry) -> str:
    """PARSEME's label for the entry: a verb with the preposition that gives it its sense
    (als etw. gelten; `iav=1` in the curated list) is IAV, which PARSEME's German data leaves
    unannotated; a light verb that causes the state the noun names
    (*in Gefahr bringen*, *jdm. Angst machen*; `lvc=cause` in the curated list) is LVC.cause,
    not LVC.full."""
    if (entry.extra or {}).get("iav"):
        return "IAV"
    if entry.kind != "light_verb":
        return "VID"
    return "LVC.cause" if (entry.extra or {}).get("lvc") == "cause" else "LVC.full"


class IdiomMatcher:
    """Compiled idiom patterns indexed by their anchor lemma."""

    def __init__(self, entries: Iterable[IdiomEntry] = ()):
        self.patterns: list[IdiomPattern] = []
        self._index: dict[str, list[int]] = {}
        self.add(entries)

    def __len__(self) -> int:
        return len(self.patterns)

    def add(self, entries: Iterable[IdiomEntry]) -> None:
        seen = {(_lower(p.entry.phrase), p.entry.kind) for p in self.patterns}
        for entry in entries:
            key = (_lower(entry.phrase), entry.kind)
            if key in seen:
                continue
            seen.add(key)
            pattern = compile_idiom(entry)
            if pattern is None:
                continue
            number = len(self.patterns)
            self.patterns.append(pattern)
            anchor = pattern.elements[pattern.anchor]
            for k in anchor.keys | (anchor.base_keys if anchor.role == "verb" else frozenset()):
                self._index.setdefault(k, []).append(number)

    def match_sentence(self, toks: Sequence[Tok]) -> list[Match]:
        """All idioms in one sentence, overlaps resolved (longer, then better ranked wins)."""
        if not toks or not self.patterns:
            return []
        if any("(" in t.tag for t in toks):
            # HanTa's own notation (ADJ(A), VV(FIN)) -> STTS (ADJA, VVFIN)
            toks = [
                Tok(t.text, t.lemma, t.tag.replace("(", "").replace(")", ""), t.pos) for t in toks
            ]
        keys = [_token_keys(t) for t in toks]
        where: dict[str, list[int]] = {}
        for i, ks in enumerate(keys):
            for k in ks:
                where.setdefault(k, []).append(i)
        candidates: set[int] = set()
        for k in where:
            for number in self._index.get(k, ()):
                candidates.add(number)
        if not candidates:
            return []
        clauses = _clauses(toks)
        found = []
        for number in sorted(candidates):
            match = self._match(self.patterns[number], toks, where, clauses)
            if match is not None:
                found.append(match)
        return _resolve(found, toks)

    # A pattern is matched anchor-first: the anchor's positions pick the clause, then each
    # element takes the nearest fitting token in that clause.
    def _match(self, pattern: IdiomPattern, toks, where, clauses) -> Match | None:
        elements = pattern.elements
        anchor = elements[pattern.anchor]
        anchor_positions = [
            p
            for p in _positions(anchor, where, toks, clauses)
            if not _foreign_pp(pattern, pattern.anchor, toks, p[0])
        ]
        best = None
        for a_pos, a_extra in anchor_positions:
            clause = clauses[a_pos]
            if clause < 0:
                continue
            chosen: dict[int, int] = {pattern.anchor: a_pos}
            extras: list[int] = list(a_extra)
            ok = True
            # heads (nouns, verbs, others) before the words that lean on them
            order = sorted(range(len(elements)), key=lambda k: (elements[k].head is not None, k))
            for k in order:
                if k == pattern.anchor:
                    continue
                e = elements[k]
                used = set(chosen.values()) | set(extras)
                if e.head is not None and e.head in chosen:
                    pos = _dependent_position(e, chosen[e.head], toks, where, clauses, used)
                    if pos is not None and e.article and toks[pos].text.lower() not in CONTRACTIONS:
                        # "zu dem" written apart (or split by the tokenizer) for "zum"
                        if pos + 1 < len(toks) and toks[pos + 1].text.lower() in {
                            "das",
                            "dem",
                            "der",
                        }:
                            extras.append(pos + 1)
                elif e.head is not None and not elements[e.head].required:
                    pos = None  # its head (an optional verb) is missing
                    options = [
                        p
                        for p in _positions(e, where, toks, clauses)
                        if clauses[p[0]] == clause and p[0] not in used
                    ]
                    pos = min(options, key=lambda p: abs(p[0] - a_pos))[0] if options else None
                else:
                    options = [
                        p
                        for p in _positions(e, where, toks, clauses)
                        if clauses[p[0]] == clause
                        and p[0] not in used
                        and not (set(p[1]) & used)
                        and not _foreign_pp(pattern, k, toks, p[0])
                    ]
                    if options:
                        p = min(options, key=lambda p: abs(p[0] - a_pos))
                        pos = p[0]
                        extras.extend(p[1])
                    else:
                        pos = None
                if pos is None:
                    if e.required:
                        ok = False
                        break
                    continue
                chosen[k] = pos
            if not ok:
                continue
            if any(elements[k].role == "pron" for k in chosen) and _personal_subject(
                toks, clauses, clause, set(chosen.values())
            ):
                continue  # "gab ich es dem Vogel": es is an object here, not "es gibt"
            if (pattern.entry.extra or {}).get("sg") and not all(
                _looks_singular(toks[chosen[k]]) for k in chosen if elements[k].role == "noun"
            ):
                continue  # "die Rechnung bezahlen" (pay the price), not "Rechnungen bezahlt"
            if any(
                _complex_preposition(elements[k], toks, chosen[k])
                for k in chosen
                if k in pattern.pp_heads
            ):
                continue  # "im Sinne des Gesetzes" is a preposition, not "im Sinn haben"
            if _coordinated_apart(pattern, toks, chosen):
                continue  # "der Distanz hält und für soziale Probleme sensibel ist"
            if pattern.entry.kind == "idiom" and not _articles_agree(pattern, toks, chosen):
                continue  # "das Recht haben" is no "Recht haben", "eine Hand" no "die Hand"
            core_positions = [chosen[k] for k in chosen if elements[k].required]
            if max(core_positions) - min(core_positions) > pattern.max_span:
                continue
            if pattern.verb_optional and not any(elements[k].role == "verb" for k in chosen):
                verb = _nearest_full_verb(toks, clauses, clause, a_pos, set(chosen.values()))
                if verb is not None:
                    chosen[-1] = verb
            tokens = tuple(sorted(set(chosen.values()) | set(extras)))
            core = tuple(
                sorted(
                    {
                        p
                        for k, p in chosen.items()
                        if k < 0 or elements[k].required or elements[k].role in {"refl", "poss"}
                    }
                    | set(extras)
                )
            )
            verbal = any(_fits("verb", toks[p]) and toks[p].tag != "PTKVZ" for p in core)
            candidate = Match(pattern, tokens, core, verbal)
            if best is None or _span(candidate) < _span(best):
                best = candidate
        return best


def _coordinated_apart(pattern: IdiomPattern, toks, chosen: dict[int, int]) -> bool:
    """A verb's own preposition with "und"/"oder" between them belongs to another conjunct."""
    verbs = [p for k, p in chosen.items() if k >= 0 and pattern.elements[k].role == "verb"]
    for k, pos in chosen.items():
        e = pattern.elements[k] if k >= 0 else None
        if e is None or e.role != "adp" or e.head is not None:
            continue
        for verb in verbs:
            low, high = sorted((pos, verb))
            if any(toks[i].tag == "KON" for i in range(low + 1, high)):
                return True
    return False


def _article_class(text: str) -> str | None:
    """definite, indefinite or negative, for an article or a contraction's article."""
    text = text.lower()
    if text in CONTRACTIONS or text in {"der", "die", "das", "den", "dem", "des"}:
        return "definite"
    if text.startswith("kein"):
        return "negative"
    if text.startswith("ein") and text in DETERMINERS:
        return "indefinite"
    return None


def _articles_agree(pattern: IdiomPattern, toks, chosen: dict[int, int]) -> bool:
    """An idiom's article as written: "den Kopf aus der Schlinge ziehen" is not "einen Kopf"
    (a negated idiom, "keinen", is still the idiom); a noun written bare ("Recht haben") takes
    no article in the text."""
    for k, pos in chosen.items():
        if k < 0:
            continue
        e = pattern.elements[k]
        if e.role == "det":
            wanted, found = _article_class(e.word), _article_class(toks[pos].text)
            if wanted and found and found != "negative" and wanted != found:
                return False
        elif k in pattern.bare_nouns:
            for i in range(pos - 1, max(-1, pos - 5), -1):
                if toks[i].tag == "ART" or (not toks[i].tag and toks[i].pos == "DET"):
                    if _article_class(toks[i].text) in {"definite", "indefinite"}:
                        return False
                    break
                if not _np_internal(toks[i]):
                    break
    return True


GENITIVE_ARTICLES = frozenset({"des", "der", "eines", "einer"})


def _complex_preposition(e: Element, toks, pos: int) -> bool:
    """The idiom's noun in the old dative -e the idiom does not write, before a genitive:
    "im Sinne des", "im Falle der", "im Zuge eines" are frozen prepositions of their own."""
    text = toks[pos].text.lower()
    return (
        e.role == "noun"
        and text == e.word.lower() + "e"
        and pos + 1 < len(toks)
        and toks[pos + 1].text.lower() in GENITIVE_ARTICLES
    )


def _looks_singular(tok: Tok) -> bool:
    """The noun's form is its lemma, or the lemma with a genitive -s/-es: no plural ending."""
    text, lemma = tok.text.lower(), tok.lemma.lower()
    return text in {lemma, lemma + "s", lemma + "es"}


def _span(match: Match) -> int:
    return match.core[-1] - match.core[0] if match.core else 0


def _fits(role: str, tok: Tok) -> bool:
    """Does the token's word class fit the element? A noun of the idiom is no adjective
    ("ein knappes Gut" is not "gute"), its verb no possessive ("sein" is not "seiner")."""
    tag, pos = tok.tag, tok.pos
    if role == "noun":
        return (
            tag in {"NN", "NE", "FM", "ADJA", "TRUNC"} if tag else pos in {"NOUN", "PROPN", "X", ""}
        )
    if role == "verb":
        return tag.startswith("V") if tag else pos in {"VERB", "AUX", ""}
    if role == "pron":
        return tok.text.lower() in {"es", "'s", "s"} and tag != "PRF"
    if role == "adj":
        return (
            not tag.startswith(("NN", "NE", "V")) if tag else pos not in {"NOUN", "PROPN", "VERB"}
        )
    return True


def _positions(e: Element, where, toks, clauses) -> list[tuple[int, tuple[int, ...]]]:
    """Token positions that can fill element `e`, each with extra tokens it brings along
    (the split-off particle of a separable verb)."""
    out: list[tuple[int, tuple[int, ...]]] = []
    seen = set()
    for k in e.keys:
        for i in where.get(k, ()):
            if i in seen or not _fits(e.role, toks[i]):
                continue
            if e.role == "verb" and _is_auxiliary(toks, clauses, i):
                continue  # "hat im Sinne des Gesetzes gehandelt" has no "im Sinn haben"
            if e.role == "adp" and e.head is None and toks[i].tag in NOT_A_GOVERNED_PREPOSITION:
                continue
            seen.add(i)
            extra: tuple[int, ...] = ()
            if e.particle:
                # Joined by the pipeline or written as one word; take a stray particle along.
                p = _particle_in_clause(e.particle, i, toks, where, clauses)
                if p is not None:
                    extra = (p,)
            out.append((i, extra))
    if e.particle and e.base_keys:
        for k in e.base_keys:
            for i in where.get(k, ()):
                if i in seen or toks[i].tag == "PTKVZ" or not _fits("verb", toks[i]):
                    continue
                p = _particle_in_clause(e.particle, i, toks, where, clauses)
                if p is None:
                    continue  # "fährt" without "auf" is not "auffahren"
                seen.add(i)
                out.append((i, (p,)))
    out.sort()
    return out


def _particle_in_clause(particle, verb_pos, toks, where, clauses) -> int | None:
    clause = clauses[verb_pos]
    best = None
    for i in where.get(particle, ()):
        if i == verb_pos or clauses[i] != clause:
            continue
        clause_end = i + 1 == len(toks) or clauses[i + 1] != clause
        tag = toks[i].tag
        # Taggers file adjective particles as adjectives: "stellte ... klar" (ADJD at the
        # clause's end), "klar machen" (right before the verb), "fest steht" (in front).
        adjectival = (
            particle in ADJECTIVE_PARTICLES
            and (tag in {"ADJD", "ADV"} or (not tag and toks[i].pos in {"ADJ", "ADV"}))
            and (clause_end or i == verb_pos - 1 or i == _clause_start(clauses, verb_pos))
        )
        # A "preposition" ending its clause governs nothing: it is the verb's particle, which
        # taggers often miss ("fährt ... gegenüber Kim Jong Un auf:" tagged APPR).
        stranded = (
            i > verb_pos
            and clause_end
            and (tag in {"APPR", "APPO", "ADV"} or (not tag and toks[i].pos in {"ADP", "ADV"}))
        )
        if tag == "PTKVZ" or adjectival or stranded:
            if best is None or abs(i - verb_pos) < abs(best - verb_pos):
                best = i
    return best


AUXILIARIES = frozenset({"haben", "sein", "werden"})
PARTICIPLE_TAGS = frozenset({"VVPP", "VAPP", "VMPP"})


def _is_auxiliary(toks, clauses, i: int) -> bool:
    """haben, sein or werden forming a compound tense or passive with a participle of its
    clause ("hat ... gehandelt", "ist ... gekommen", "wird ... gestellt"): then it is no idiom's
    verb; the participle itself may be ("hat Recht gehabt")."""
    tok = toks[i]
    if tok.lemma.lower() not in AUXILIARIES or tok.tag in PARTICIPLE_TAGS:
        return False
    if tok.tag and not tok.tag.startswith("VA"):
        return False
    clause = clauses[i]
    return any(
        j != i and clauses[j] == clause and toks[j].tag in PARTICIPLE_TAGS for j in range(len(toks))
    )


_PERSONAL_SUBJECTS = {"ich", "du", "er", "wir", "ihr", "man"}


def _personal_subject(toks, clauses, clause, used) -> bool:
    return any(
        clauses[i] == clause and i not in used and tok.text.lower() in _PERSONAL_SUBJECTS
        for i, tok in enumerate(toks)
    )


def _foreign_pp(pattern: IdiomPattern, k: int, toks, pos: int) -> bool:
    """Is the noun at `pos` governed by a preposition the idiom does not have? "Glück haben"
    is not in "zum Glück ... hat", "der Fall sein" not in "auf jeden Fall ist"."""
    e = pattern.elements[k]
    if e.role != "noun" or k in pattern.pp_heads:
        return False
    for i in range(pos - 1, max(-1, pos - 6), -1):
        tok = toks[i]
        if (
            tok.tag in {"APPR", "APPRART"}
            or (not tok.tag and tok.pos == "ADP")
            or tok.text.lower() in CONTRACTIONS
        ):
            return True
        if not _np_internal(tok):
            return False
    return False


def _clause_start(clauses, pos) -> int:
    while pos > 0 and clauses[pos - 1] == clauses[pos]:
        pos -= 1
    return pos


def _dependent_position(e: Element, head_pos: int, toks, where, clauses, used) -> int | None:
    """A preposition/determiner/adjective of a noun: in front of it, at most four words away,
    with only noun-phrase words (articles, adjectives, adverbs, numbers) in between."""
    clause = clauses[head_pos]
    if e.role == "adp":
        # "ins" can be the contraction token that also carries the determiner.
        for i in range(head_pos - 1, max(-1, head_pos - 6), -1):
            if clauses[i] != clause:
                break
            if i not in used and (e.keys & _token_key_cache(toks, i)):
                text = toks[i].text.lower()
                if e.article:
                    # "ins Spiel" is not "in den Spielen": the contraction itself, or the
                    # preposition with the contraction's article right after it
                    if (
                        text == e.word.lower()
                        or (i + 1 < len(toks) and toks[i + 1].text.lower() == e.article)
                        or (text not in CONTRACTIONS and i + 1 == head_pos)
                    ):
                        return i
                    return None
                if text in CONTRACTIONS and text != e.word.lower():
                    return None  # "zu Ende" is not "zum Ende"
                return i
            if not _np_internal(toks[i]):
                break
        return None
    if e.role in {"det", "poss"}:
        for i in range(head_pos - 1, max(-1, head_pos - 5), -1):
            if clauses[i] != clause:
                break
            tok = toks[i]
            if i not in used and (tok.tag in {"ART", "PPOSAT", "PIAT"} or tok.pos == "DET"):
                if (
                    e.required
                    and e.role == "det"
                    and not (e.keys & {tok.text.lower(), tok.lemma.lower()})
                ):
                    return None  # strict: "der Fall", not "jeden Fall"
                if (
                    e.role == "poss"
                    and tok.tag not in {"PPOSAT", ""}
                    and "§poss" not in _token_key_cache(toks, i)
                ):
                    return None
                return i
            if not _np_internal(tok):
                break
        return None
    # adjective: the same one in the noun phrase; a different one is a variation we accept
    for i in range(head_pos - 1, max(-1, head_pos - 5), -1):
        if clauses[i] != clause:
            break
        if i not in used and (e.keys & _token_key_cache(toks, i)):
            return i
        if not _np_internal(toks[i]):
            break
    if e.head is not None and e.required:
        # "zu kurz": a required word standing before its head (adverb + adjective)
        return None
    return None


def _np_internal(tok: Tok) -> bool:
    if tok.tag:
        return (
            tok.tag in NOUN_PHRASE_TAGS
            and tok.tag not in {"NN", "NE"}
            or tok.tag in {"ADJA", "ADJD"}
        )
    return tok.pos in {"DET", "ADJ", "ADV", "NUM", "PRON"}


_KEY_CACHE: dict[tuple[str, str, str, str], frozenset[str]] = {}


def _token_key_cache(toks, i) -> frozenset[str]:
    tok = toks[i]
    key = (tok.text, tok.lemma, tok.tag, tok.pos)
    found = _KEY_CACHE.get(key)
    if found is None:
        if len(_KEY_CACHE) > 200_000:
            _KEY_CACHE.clear()
        found = _KEY_CACHE[key] = frozenset(_token_keys(tok))
    return found


def _nearest_full_verb(toks, clauses, clause, anchor, used) -> int | None:
    best = None
    for i, tok in enumerate(toks):
        if clauses[i] == clause and i not in used and _is_full_verb(tok):
            if best is None or abs(i - anchor) < abs(best - anchor):
                best = i
    return best


def _resolve(matches: list[Match], toks: Sequence[Tok] = ()) -> list[Match]:
    """Overlapping matches: keep the one with more words, then the one on a full verb, then
    the better ranked, then the curated one; identical token sets keep one."""

    def on_auxiliary(m: Match) -> bool:
        # "das in Kraft getreten ist": in Kraft treten, not in Kraft sein
        return bool(toks) and not any(toks[p].tag.startswith("VV") for p in m.core)

    ordered = sorted(
        matches,
        key=lambda m: (
            -len(m.core),
            -len(m.tokens),
            on_auxiliary(m),
            m.pattern.rank,
            m.pattern.entry.source != "curated",
            m.pattern.entry.phrase,
        ),
    )
    kept: list[Match] = []
    taken: set[int] = set()
    for m in ordered:
        if set(m.core) & taken:
            continue
        kept.append(m)
        taken |= set(m.core)
    kept.sort(key=lambda m: m.tokens)
    return kept


# --- spaCy -------------------------------------------------------------------------------------


def _register_spacy() -> None:
    if not Doc.has_extension("expressions"):
        # The pipeline may define it first (for separable and reflexive verbs); both agree on
        # a list of dicts, filled per document.
        Doc.set_extension("expressions", default=None)

    @Language.factory("randnotiz_idioms")
    def make_idioms(nlp, name):
        return IdiomsComponent(name=name)


class IdiomsComponent:
    """spaCy component: appends idiom / light-verb dicts to `doc._.expressions`.

    Every dict has `type`, `tokens` (indices within the sentence, as in the annotation JSON),
    `doc_tokens` (the same as indices into the Doc), `sent` (sentence number), `lemma`
    (the canonical phrase), `gloss`, `literal`, `kind`, `source`.
    The idiom list arrives through `set_idioms(lexicon.idioms())` after `add_pipe`.
    """

    def __init__(self, name: str = "randnotiz_idioms", idioms: Iterable[IdiomEntry] = ()):
        self.name = name
        self.matcher = IdiomMatcher(idioms)

    def set_idioms(self, idioms: Iterable[IdiomEntry]) -> IdiomsComponent:
        self.matcher = IdiomMatcher(idioms)
        return self

    def __call__(self, doc):
        if doc._.expressions is None:
            doc._.expressions = []
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        for number, sent in enumerate(sents):
            toks = [Tok(t.text, t.lemma_ or t.text, t.tag_, t.pos_) for t in sent]
            for match in self.matcher.match_sentence(toks):
                item = match.as_dict()
                item["sent"] = number
                item["doc_tokens"] = [sent.start + i for i in item["tokens"]]
                doc._.expressions.append(item)
        return doc


_register_spacy()
