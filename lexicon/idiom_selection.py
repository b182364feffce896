"""Choosing real idioms from Ding's phrase sub-entries, and our curated list. Pure Python.

Ding has some 138,000 multiword German sub-entries; most are inflection rows ("in Frage
gestellt") and examples ("einen Apfel schälen"). Matching them all gives hundreds of hits per
article. `select_idioms` keeps, ranked (lower is better):

0. what Ding marks figurative ([übtr.], [fig.]) or as a proverb ([Sprw.], [prov.]);
1. a short sentence that is a line of its own (a saying: "Eine Hand wäscht die andere.");
2. verb phrases built on a prepositional phrase (ins Bild passen, aus den Augen verlieren)
   and light-verb constructions (Kritik üben, in Kraft treten) found as a line's headword
   or with a valency slot (jdn. mit Argusaugen beobachten);
3. the same shapes found further down a line (below a noun: "Kraft {f} | in Kraft treten").

Everything else (plain verb + object collocations, examples, inflected forms) is dropped.
The importer calls it on its parsed phrase records; the bench calls it on the raw file.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import simplemma

from nlp.german import (
    CONTRACTIONS,
    DETERMINERS,
    LIGHT_VERBS,
    POSSESSIVES,
    PREPOSITIONS,
    zipf,
)
from nlp.idiom_patterns import compile_idiom, is_slot
from nlp.lexicon import IdiomEntry

CURATED_PATH = Path(__file__).parent / "data" / "idioms_curated.tsv"
DEFAULT_MAX_RANK = 2

# Nouns naming an event or state (predicative nouns): with a light verb they make a
# light-verb construction (Kritik üben, in Betrieb nehmen); other nouns make an idiom
# (in Kraft treten, zur Welt kommen), as PARSEME distinguishes LVC from VID.
_EVENT_SUFFIXES = (
    "ung",
    "ion",
    "nahme",
    "enz",
    "anz",
    "kritik",
    "frage",
    "hilfe",
    "kampf",
    "druck",
    "schutz",
    "bruch",
    "wahl",
    "schlag",
    "antwort",
    "angriff",
    "wunsch",
    "einfluss",
    "vorwurf",
    "versuch",
    "beschluss",
    "besuch",
    "entscheid",
    "auftrag",
    "zweifel",
    "streit",
    "gespräch",
    "rede",
    "arbeit",
    "kontrolle",
    "verbot",
    "erlaubnis",
    "zustimmung",
    "ruhe",
)
_EVENT_NOUNS = {
    "kritik",
    "frage",
    "rache",
    "abschied",
    "bezug",
    "rücksicht",
    "einfluss",
    "druck",
    "hilfe",
    "antwort",
    "anspruch",
    "anstoß",
    "ausdruck",
    "beweis",
    "betrieb",
    "start",
    "dank",
    "protest",
    "widerstand",
    "verzicht",
    "angst",
    "sorge",
    "interesse",
    "wert",
    "rat",
    "schaden",
    "schritt",
    "erfolg",
    "gebrauch",
    "mord",
    "kontakt",
    "konkurrenz",
    "diskussion",
    "führung",
    "zweifel",
    "besuch",
    "bescheid",
    "auskunft",
    "vorwurf",
    "bilanz",
    "ermittlung",
    "kontrolle",
    "klage",
    "lob",
    "macht",
    "risiko",
    "urteil",
    "verdacht",
    "vergleich",
    "wahl",
    "wirkung",
    "zugriff",
    "abstand",
    "distanz",
    "alarm",
    "antrag",
    "aufsicht",
    "befehl",
    "bericht",
    "einspruch",
    "gewalt",
    "pause",
    "platz",
    "recht",
    "schuld",
    "spaß",
    "tod",
    "verantwortung",
    "verfahren",
    "vortrag",
    "wache",
    "zeugnis",
    "ziel",
    "rolle",
    "stellung",
    "bewegung",
    "anteil",
}


# Lines that are a sentence of their own and begin with a personal pronoun are translations
# of an English word ("Es ist wichtig." :: It matters.), not sayings.
_PERSONAL_STARTS = {
    "ich",
    "du",
    "er",
    "sie",
    "es",
    "wir",
    "ihr",
    "man",
    "das",
    "dies",
    "ist",
    "bist",
    "sind",
    "hast",
    "haben",
    "hat",
    "kann",
    "können",
    "wie",
    "was",
    "wo",
    "wann",
    "warum",
    "bitte",
    "sei",
    "seien",
    "lass",
    "lassen",
    "mir",
    "mich",
    "dir",
    "ihm",
    "uns",
    "meine",
    "mein",
    "dein",
    "deine",
    "ihre",
}


@dataclass(frozen=True)
class PhraseRecord:
    """One German multiword sub-entry of Ding with its English side.

    `sub_index` is the place of the sub-entry on its line (0: the line's headword);
    `figurative`/`proverb` come from the [übtr.]/[fig.] and [Sprw.]/[prov.] labels.
    The importer's own phrase records (lexicon.importers.ding.DingPhrase) have the same
    attributes and may be passed to `select_idioms` directly.
    """

    phrase: str
    meaning: str
    sub_index: int = 0
    figurative: bool = False
    proverb: bool = False
    line: int = 0
    headword: str = ""  # the line's first German word (Kraft for "Kraft {f} | in Kraft treten")


_MARKUP = re.compile(r"\{[^}]*\}|\[[^\]]*\]|<[^>]*>")
_PARENS = re.compile(r"\([^()]*\)")
_FIG = re.compile(r"\[(?:übtr|übertr|fig)\.\]")
_PROV = re.compile(r"\[(?:Sprw|prov)\.\]", re.I)


def _clean(text: str) -> str:
    text = _PARENS.sub(" ", _MARKUP.sub(" ", text))
    return re.sub(r"\s+", " ", text).strip(" ;,")


def _split_top(text: str, sep: str) -> list[str]:
    """Split on `sep` outside brackets and parentheses."""
    if sep not in text:
        return [text]
    if not any(ch in text for ch in "([{"):
        return text.split(sep)
    out, depth, cur, i = [], 0, [], 0
    while i < len(text):
        ch = text[i]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        if depth == 0 and text.startswith(sep, i):
            out.append("".join(cur))
            cur = []
            i += len(sep)
            continue
        cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


def ding_phrases(lines: Iterable[str]) -> Iterator[PhraseRecord]:
    """Multiword German sub-entries of raw Ding lines (for the bench and for tests; the
    importer has its own parser and passes its records straight to `select_idioms`)."""
    for number, raw in enumerate(lines, start=1):
        if raw.startswith("#") or " :: " not in raw:
            continue
        german, english = raw.rstrip("\n").split(" :: ", 1)
        subs_de, subs_en = _split_top(german, " | "), _split_top(english, " | ")
        if len(subs_de) != len(subs_en):
            continue
        first = _clean(_split_top(subs_de[0], "; ")[0]).split()
        headword = first[0] if len(first) == 1 else ""
        for k, (de, en) in enumerate(zip(subs_de, subs_en, strict=True)):
            en_fig, en_prov = bool(_FIG.search(en)), bool(_PROV.search(en))
            meaning = _clean(en)
            for synonym in _split_top(de, "; "):
                text = _clean(synonym)
                if " " not in text:
                    continue
                for alternative in _split_top(text, " / "):
                    yield PhraseRecord(
                        phrase=alternative.strip(),
                        meaning=meaning,
                        sub_index=k,
                        figurative=bool(_FIG.search(synonym)) or en_fig,
                        proverb=bool(_PROV.search(synonym)) or en_prov,
                        line=number,
                        headword=headword,
                    )


@lru_cache(maxsize=200_000)
def _lemma(word: str) -> str:
    return simplemma.lemmatize(word, lang="de")


def _is_infinitive(word: str) -> bool:
    if not word.isalpha() or not word[:1].islower():
        return False
    if word in {"sein", "tun"}:
        return True
    if not re.search(r"(?:en|ern|eln)$", word):
        return False
    # "gefahren"/"gestellt" are participles of an inflection row: their lemma differs.
    return _lemma(word).lower() == word


def _is_noun(word: str, first: bool) -> bool:
    return (
        word[:1].isupper()
        and word.isalpha() is not False
        and not (first and word.lower() in DETERMINERS | PREPOSITIONS | set(CONTRACTIONS))
    )


def _is_event_noun(noun: str) -> bool:
    low = _lemma(noun).lower()
    if low in _EVENT_NOUNS or low.endswith(_EVENT_SUFFIXES):
        return True
    # Start -> starten, Beweis -> beweisen: a noun that is a verb stem names an action.
    return zipf(low + "en") >= 3.0 and len(low) >= 4


@dataclass(frozen=True)
class Shape:
    words: list[str]
    content: list[str]
    nouns: list[str]
    verb: str | None
    has_slot: bool
    has_pp: bool
    sentence: bool


def _shape(phrase: str) -> Shape | None:
    words = phrase.replace(",", " ").split()
    if not words:
        return None
    sentence = phrase[:1].isupper() and phrase.rstrip().endswith((".", "!", "?"))
    words = [w.rstrip(".!?") if not is_slot(w.lower()) else w for w in words]
    slots = [w for w in words if is_slot(w.lower()) or w.lower() in {"einer", "sache"}]
    content = [
        w
        for w in words
        if not is_slot(w.lower())
        and w.lower()
        not in {"sich", "einer", "sache"}
        | DETERMINERS
        | POSSESSIVES
        | PREPOSITIONS
        | set(CONTRACTIONS)
    ]
    nouns = [w for i, w in enumerate(words) if _is_noun(w, i == 0) and w not in slots]
    verb = words[-1] if _is_infinitive(words[-1]) else None
    # A preposition before a slot ("Auswirkungen auf etw. haben") marks an argument: it does
    # not make the phrase a prepositional idiom.
    has_pp = bool(nouns) and any(
        w.lower() in PREPOSITIONS | set(CONTRACTIONS) and not is_slot(words[i + 1].lower())
        for i, w in enumerate(words[:-1])
    )
    return Shape(words, content, nouns, verb, bool(slots), has_pp, sentence)


def classify(record, line_noun: str = "") -> tuple[str, int] | None:
    """(kind, rank) for an idiom worth matching, None for an example or inflected form.
    `line_noun`: the noun the record's line is about, when the record does not say."""
    phrase = getattr(record, "phrase", "").strip()
    if not phrase or len(phrase) > 120:
        return None
    shape = _shape(phrase)
    if shape is None or len(shape.content) < 1:
        return None
    figurative = bool(getattr(record, "figurative", False))
    proverb = bool(getattr(record, "proverb", False))
    sub_index = int(getattr(record, "sub_index", 0) or 0)
    n_content = len(shape.content)

    if shape.sentence:
        if proverb and n_content <= 10:
            return "proverb", 0
        first = shape.words[0].lower()
        if sub_index == 0 and 2 <= n_content <= 7 and shape.nouns and first not in _PERSONAL_STARTS:
            return "proverb", 1  # a saying that is a line of its own
        return None  # an example sentence
    if sum(1 for w in shape.content if w.lower() != "es") < 2 and not shape.has_pp:
        return None  # "es mit etw. halten", "es nicht schaffen": too little to recognise
    if proverb and n_content <= 8:
        return "idiom", 0  # Eulen nach Athen tragen
    if shape.verb is None:
        # No verb: figurative noun or prepositional phrases (auf der Kippe, vor Ort).
        if figurative and 2 <= n_content <= 5 and shape.nouns:
            return "idiom", 0
        if sub_index == 0 and shape.has_pp and len(shape.words) <= 4 and figurative:
            return "idiom", 0
        return None
    if not shape.nouns or n_content > 6:
        if shape.verb in {"sein", "werden"}:
            return None  # "sehr teuer sein", "schlimmer werden": an adjective, not an idiom
        if figurative and 2 <= n_content <= 5:
            return "idiom", 0  # jdm. etw. weismachen-type phrases with an adjective core
        return None
    verb = shape.verb
    light = verb in LIGHT_VERBS
    if figurative:
        return "idiom", 0
    if verb in {"sein", "werden", "haben"} and not shape.has_pp:
        return None  # "ein Muss sein", "die Mehrheit haben": descriptions, not idioms
    # A line of its own is a lexicalised phrase; further down a line it is most often an
    # example of the headword in use ("jdn. ins Krankenhaus einliefern").
    # Below a noun, phrases built on that very noun are its collocations, chosen by the
    # lexicographer (Kraft {f} | in Kraft treten); a rare noun makes any phrase idiomatic
    # (mit Argusaugen beobachten).
    headword = (getattr(record, "headword", "") or line_noun or "").lower()
    own_noun = bool(headword) and any(
        n.lower() == headword or _lemma(n).lower() == headword for n in shape.nouns
    )
    rare_noun = min(zipf(_lemma(n).lower()) for n in shape.nouns) < 2.6
    rank_place = 2 if (sub_index == 0 or own_noun or rare_noun) else 3
    if light and n_content <= 3:
        # Kritik üben, in Frage stellen, in Kraft treten; a light verb with a concrete noun
        # and no preposition is an ordinary phrase (Fußball spielen, ein Leben führen).
        noun = shape.nouns[-1]
        event = _is_event_noun(noun)
        if not event and not shape.has_pp:
            return "idiom", 3
        return ("light_verb" if event else "idiom"), rank_place
    if shape.has_pp and n_content <= 4:
        return "idiom", rank_place  # ins Bild passen, aus den Augen verlieren
    return None


def _line_nouns(items: list) -> dict[int, str]:
    """For records without a `headword` (the importer's): the noun most of a line's phrases
    share is the noun the line is about (Kraft in "in Kraft sein | in Kraft treten | außer
    Kraft treten")."""
    counts: dict[int, dict[str, int]] = {}
    for record in items:
        line = getattr(record, "line", None)
        if not line or getattr(record, "headword", ""):
            continue
        words = record.phrase.split()
        # In the order written, not a set's: a tie for the most shared noun goes to the line's
        # first, the same in every process (a set's order changes with PYTHONHASHSEED).
        nouns = dict.fromkeys(
            _lemma(w).lower() for i, w in enumerate(words) if _is_noun(w, i == 0) and w.isalpha()
        )
        per_line = counts.setdefault(line, {})
        for noun in nouns:
            per_line[noun] = per_line.get(noun, 0) + 1
    out = {}
    for line, per_line in counts.items():
        noun, n = max(per_line.items(), key=lambda item: item[1], default=("", 0))
        if n >= 2:
            out[line] = noun
    return out


def select_idioms(records: Iterable, max_rank: int = DEFAULT_MAX_RANK) -> list[IdiomEntry]:
    """The idioms worth matching among Ding phrase records, best ranked first.

    `records`: objects with `phrase`, `meaning` and optionally `sub_index`, `figurative`,
    `proverb`, `line` (PhraseRecord, or the importer's DingPhrase), or raw Ding lines (str).
    Each result's `extra` holds `rank` (0 best), `figurative` and `line`; phrases that
    cannot be compiled into a match pattern are left out. One entry per phrase (the first,
    best-ranked meaning wins).
    """
    items = list(records)
    if items and isinstance(items[0], str):
        items = list(ding_phrases(items))
    line_nouns = _line_nouns(items)
    chosen: dict[str, tuple] = {}
    for number, record in enumerate(items):
        verdict = classify(record, line_nouns.get(getattr(record, "line", None), ""))
        if verdict is None:
            continue
        kind, rank = verdict
        if rank > max_rank:
            continue
        phrase = record.phrase.strip()
        key = phrase.lower()
        if key in literal_phrases():
            continue
        line = int(getattr(record, "line", 0) or number)
        if key in chosen and chosen[key][0] <= (rank, line):
            continue
        entry = IdiomEntry(
            phrase=phrase,
            meaning=(record.meaning or "").strip()[:500],
            kind=kind,
            source="ding",
            extra={
                "rank": rank,
                "figurative": bool(getattr(record, "figurative", False)),
                "line": line,
            },
        )
        if compile_idiom(entry) is None:
            continue
        chosen[key] = ((rank, line), entry)
    return [entry for _, entry in sorted(chosen.values(), key=lambda item: item[0])]


@lru_cache(maxsize=1)
def literal_phrases(path: str | Path = CURATED_PATH) -> frozenset[str]:
    """Ding phrases our curated list rules out (kind `literal`): in running text they are
    nearly always meant literally (*die Rechnung bezahlen*, *auf dem Weg sein*), so matching
    them as idioms would mislead the reader."""
    try:
        with open(path, encoding="utf-8") as handle:
            rows = [line.rstrip("\n").split("\t") for line in handle if not line.startswith("#")]
    except FileNotFoundError:
        return frozenset()
    return frozenset(r[0].strip().lower() for r in rows if len(r) > 1 and r[1].strip() == "literal")


def load_curated(path: str | Path = CURATED_PATH) -> list[IdiomEntry]:
    """Our own list: phrase, kind, meaning, literal translation (tab separated, # comments).
    A fifth column may carry options such as `span=2` (how far apart the words may stand)."""
    entries = []
    with open(path, encoding="utf-8") as handle:
        rows = csv.reader(
            (line for line in handle if line.strip() and not line.startswith("#")),
            delimiter="\t",
            quoting=csv.QUOTE_NONE,
        )
        for row in rows:
            row = [c.strip() for c in row] + [""] * 5
            phrase, kind, meaning, literal, options = row[:5]
            if not phrase or not meaning or kind == "literal":
                continue
            extra: dict[str, object] = {"rank": -1}
            for option in options.split():
                name, _, value = option.partition("=")
                extra[name] = int(value) if value.isdigit() else value
            entries.append(
                IdiomEntry(
                    phrase=phrase,
                    meaning=meaning,
                    kind=kind or "idiom",
                    literal=literal or None,
                    source="curated",
                    extra=extra,
                )
            )
    return entries


def all_idioms(ding_records: Iterable, max_rank: int = DEFAULT_MAX_RANK) -> list[IdiomEntry]:
    """Curated entries first (they win over Ding's wording of the same phrase), then Ding's."""
    curated = load_curated()
    seen = {e.phrase.lower() for e in curated}
    return curated + [
        e for e in select_idioms(ding_records, max_rank) if e.phrase.lower() not in seen
    ]
