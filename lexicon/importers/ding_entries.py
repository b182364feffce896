"""The Ding records of all lines merged into dictionary entries, without Django.

`build_lexicon` merges the `DingWord` and `DingPhrase` records that
`lexicon.importers.ding.parse_line` finds into one `EntryRecord` per word and part of speech
and `IdiomRecord`s; `order_senses` puts each entry's senses best first, by the evidence of how
often Ding's compounds and phrases use them. The import command (`ding_db`) only writes them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from lexicon.importers.ding import MAX_CONTEXT_CHARS, DingLine, DingPhrase, DingWord
from lexicon.importers.ding_labels import BRACKET_RE, RARE_LABELS, REGISTER_LABELS, Gloss
from nlp.english import clean_gloss as clean
from nlp.english import english_words, plainness, sense_words
from nlp.lexicon import DOMAIN_MARK, FRAME_MARK, lexicon_key

# --- Merging -------------------------------------------------------------------------------

MAX_SENSES = 20


@dataclass
class EntryRecord:
    headword: str
    key: str
    pos: str
    gender: str
    reflexive: bool
    plural: str = ""
    rank: int = 0
    senses: list[Gloss] = field(default_factory=list)


@dataclass
class IdiomRecord:
    phrase: str
    key: str
    meaning: str
    kind: str
    figurative: bool
    selected: bool
    rank: int


_TIER = 1_000_000  # larger than Ding's line count: ranks sort by tier, then by line


def line_tier(word: DingWord) -> int:
    """How central a Ding line is for a word, 0 best (at most 31).

    In order: not rare or dated; about this word (not a later synonym or a sub-entry); no
    valency frame ("nach jdm. kommen" = to take after sb. is not what "kommen" first means);
    a long line (a word's main line carries its inflections, examples and compounds: the
    [mil.] "Angriff" line with 30 sub-entries means "attack", the bare "Angriff :: whammy"
    does not); no subject label.
    """
    rare = 1 if word.penalty >= 2 else 0
    secondary = 1 if word.synonym_index or word.sub_index else 0
    framed = 1 if word.framed else 0
    # Coarse on purpose: a bare line of one or two sub-entries is the odd sense ("Angriff ::
    # whammy"); among longer lines the label and Ding's order decide, or the [soc.] "groß"
    # line full of examples (:: mainstream) would beat the main one (:: big).
    short = 1 if word.line_size <= 2 else 0
    domain = 1 if word.penalty == 1 else 0
    return (((rare * 2 + secondary) * 2 + framed) * 2 + short) * 2 + domain


# A noun in the examples of more verb lines than this (Jahr, Zeit, Kind, Problem, Arbeit) says
# little about which sense of a verb is meant: it is dropped from the lines' contexts.
MAX_CONTEXT_LINES = 30


def specific_contexts(lines: list[DingLine]) -> dict[str, str]:
    """Each verb line's context -> the same without its common nouns (MAX_CONTEXT_LINES)."""
    contexts = {word.line: word.context for line in lines for word in line.words if word.context}
    counts = Counter(stem for context in contexts.values() for stem in context.split())
    return {
        context: " ".join(s for s in context.split() if counts[s] <= MAX_CONTEXT_LINES)
        for context in set(contexts.values())
    }


# Parts of speech whose senses change with a prepositional frame (auf etw. bestehen: to insist
# on sth.; stolz auf: proud of): the frame's preposition goes into the sense's context.
FRAMED_POS = frozenset({"VERB", "ADJ"})


def sense_context(word: DingWord, detail: str = "") -> str:
    """What the pipeline matches a sense against: the line's nouns (verbs), for a sense Ding
    writes with a prepositional frame the preposition marked with FRAME_MARK (@auf), which
    nlp.senses.clause_frames finds in the word's clause, and the sense's subject
    labels (#min., see domain_marks), which the article's other words may share."""
    marks = [FRAME_MARK + word.preposition] if word.preposition and word.pos in FRAMED_POS else []
    marks += domain_marks(detail)
    nouns = word.context
    room = MAX_CONTEXT_CHARS - sum(len(mark) + 1 for mark in marks)
    if len(nouns) > room:
        nouns = nouns[: max(room, 0)].rsplit(" ", 1)[0] if room > 0 else ""
    return " ".join([nouns, *marks] if nouns else marks)[:MAX_CONTEXT_CHARS]


def frame_marks(context: str) -> str:
    """Only the marks of a sense's context (its frame's preposition, its subject labels),
    without the line's nouns."""
    return " ".join(w for w in context.split() if w.startswith((FRAME_MARK, DOMAIN_MARK)))


def domain_marks(detail: str) -> list[str]:
    """A sense's subject labels as marks: "[min.] (von etw.)" -> ["#min."]. Register labels
    ([ugs.], [Br.], [fig.]) and rare ones ([veraltet]) are no subject."""
    if "[" not in detail:
        return []
    marks = (
        DOMAIN_MARK + low
        for label in BRACKET_RE.findall(detail)
        if (low := label.strip().lower()) not in REGISTER_LABELS
        and low not in RARE_LABELS
        and " " not in low
    )
    return list(dict.fromkeys(marks))


def build_lexicon(lines: Iterable[DingLine]) -> tuple[list[EntryRecord], list[IdiomRecord]]:
    """Merge the words of all lines into one record per (key, pos, gender, reflexive), senses
    best first: the everyday line before the subject-field one ([econ.] vorstellen = to
    launch), the word the line is about before its later synonyms, then Ding's order."""
    candidates: dict[tuple, tuple[DingWord, list[tuple]]] = {}
    idioms: dict[tuple[str, str], IdiomRecord] = {}
    lines = list(lines)
    specific = specific_contexts(lines)
    for line in lines:
        for word in line.words:
            if word.context:
                word.context = specific[word.context]
            ident = (word.key, word.pos, word.gender, word.reflexive)
            if ident not in candidates:
                candidates[ident] = (word, [])
            first, senses = candidates[ident]
            tier = line_tier(word)
            size = 0
            for k, gloss in enumerate(word.glosses):
                senses.append((tier, size, word.line, k, gloss, word))
            if not word.glosses:
                senses.append((tier, size, word.line, 0, None, word))
        for phrase in line.phrases:
            ident = (phrase.key, phrase.meaning)
            if ident not in idioms:
                idioms[ident] = _idiom_record(phrase)
    entries = [_entry_record(ident, first, senses) for ident, (first, senses) in candidates.items()]
    _plural_only_after_singular(entries)
    return entries, list(idioms.values())


def _idiom_record(phrase: DingPhrase) -> IdiomRecord:
    """A phrase's record, ranked idioms and proverbs first, then light-verb constructions,
    then the other phrases (the selected ones before the rest), each in Ding's order."""
    if phrase.kind in ("proverb", "idiom"):
        tier = 0
    elif phrase.kind == "light_verb":
        tier = 1
    else:
        tier = 2 if phrase.selected else 3
    return IdiomRecord(
        phrase=phrase.phrase,
        key=phrase.key,
        meaning=phrase.meaning,
        kind=phrase.kind,
        figurative=phrase.figurative,
        selected=phrase.selected,
        rank=tier * _TIER + phrase.line,
    )


def _entry_record(ident: tuple, first: DingWord, senses: list[tuple]) -> EntryRecord:
    """One word's record from all the lines that gloss it: senses best first, at most
    MAX_SENSES, each gloss once."""
    key, pos, gender, reflexive = ident
    senses.sort(key=lambda s: (s[0], s[1], s[2], s[3]))
    best = senses[0]
    plural = next((s[5].plural for s in senses if s[5].plural), "")
    headword = first.headword
    if pos == "NOUN" and not headword[:1].isupper():
        headword = next((s[5].headword for s in senses if s[5].headword[:1].isupper()), headword)
    record = EntryRecord(
        headword=headword,
        key=key,
        pos=pos,
        gender=gender,
        reflexive=reflexive,
        plural=plural,
        rank=best[0] * _TIER + best[2],
    )
    seen: set[str] = set()
    lines: set[int] = set()
    for *_, gloss, word in senses:
        if gloss is None or gloss.gloss.lower() in seen:
            continue
        seen.add(gloss.gloss.lower())
        context = sense_context(word, f"{word.fields} {gloss.detail}")
        if context:
            gloss = Gloss(gloss.gloss, gloss.detail, context=context)
        record.senses.append(gloss)
        lines.add(word.line)
        if len(record.senses) >= MAX_SENSES:
            break
    if len(lines) < 2 and any(g.context for g in record.senses):
        # All senses from one line: its nouns cannot choose between them (a frame can:
        # the line's "auf etw. bestehen" is another sense than its "bestehen").
        for gloss in record.senses:
            gloss.context = frame_marks(gloss.context)
    return record


def _plural_only_after_singular(entries: list[EntryRecord]) -> None:
    """A plural-only entry (die Machthaber {pl} :: the powers-that-be) goes after the singular
    noun it is the plural of (der Machthaber :: ruler): that entry is the word, the plural's
    line a special sense. Plural-only words without such a singular (Leute) keep their rank."""
    singular_plurals = {
        e.key
        for e in entries
        if e.pos == "NOUN" and e.gender and e.plural and lexicon_key(e.plural) == e.key
    }
    for entry in entries:
        if entry.pos == "NOUN" and not entry.gender and entry.key in singular_plurals:
            entry.rank += 32 * _TIER  # below every tier of line_tier (at most 31)


# --- Sense order ---------------------------------------------------------------------------

# A compound's head (Preis|sturz -> Sturz) is its longest final part that is a noun headword
# of at least this many letters, after a modifier of at least MIN_MODIFIER letters.
MIN_HEAD = 4
MIN_MODIFIER = 2


def sense_evidence(lines: Iterable[DingLine]) -> dict[str, list[frozenset[str]]]:
    """noun key -> the English words of every Ding entry and phrase built on that noun: the
    compounds whose head it is (Preissturz :: fall in prices, Kurssturz :: fall in prices for
    Sturz) and the phrases that contain it (einen Schaden verursachen :: to cause damage).
    How many of them use a sense says how central Ding itself takes that sense to be, which
    its order of lines does not (Sturz :: lintel comes first)."""
    lines = list(lines)
    nouns = {word.key for line in lines for word in line.words if word.pos == "NOUN"}
    evidence: dict[str, list[frozenset[str]]] = {}
    shortest = MIN_HEAD + MIN_MODIFIER
    for line in lines:
        for word in line.words:
            key = word.key
            if word.pos != "NOUN" or len(key) <= shortest or " " in key:
                continue
            for i in range(MIN_MODIFIER, len(key) - MIN_HEAD + 1):
                if key[i:] in nouns:
                    words = english_words(" ".join(g.gloss for g in word.glosses))
                    evidence.setdefault(key[i:], []).append(words)
                    break
        for phrase in line.phrases:
            found = {
                token.lower()
                for token in phrase.phrase.split()
                if token[:1].isupper() and token.lower() in nouns
            }
            if found:
                words = english_words(phrase.meaning)
                for token in found:
                    evidence.setdefault(token, []).append(words)
    return evidence


def sense_support(gloss: str, evidence: list[frozenset[str]], counts: Counter | None = None) -> int:
    """How many of a word's compounds and phrases use this sense's words. `counts` (the
    words of all of them counted) answers a one-word sense at once."""
    words = sense_words(gloss)
    if not words:
        return 0
    if len(words) == 1 and counts is not None:
        return counts[words[0]]
    return sum(1 for found in evidence if all(w in found for w in words))


# Fewer compounds and phrases than this using a sense may be chance (Werfer: two kinds of
# rocket launcher do not make "launcher" the everyday sense of the thrower).
MIN_SUPPORT = 3


def order_senses(entries: list[EntryRecord], evidence: dict[str, list[frozenset[str]]]) -> None:
    """Each entry's senses in the order a learner should see them: our hand-written ones
    first as they are, then by how many of the word's compounds and phrases use the sense
    (in powers of two, and from MIN_SUPPORT on, so that a stray compound does not decide:
    Schaden -> damage, used 79 times, before detriment and harm; Beobachter -> observer
    before monitor), then how plain
    the English is (nlp.english.plainness: Typ -> type before geezer), then Ding's
    order. The pipeline keeps this order (LexEntry.ranked)."""
    for entry in entries:
        # Nouns only: a verb's or adverb's phrases are its collocations (den Krieg erklären ::
        # to declare war), which say nothing about its everyday sense (to explain).
        found = evidence.get(entry.key, ()) if entry.pos == "NOUN" else ()
        core = [s for s in entry.senses if s.core]
        rest = [s for s in entry.senses if not s.core]
        if len(rest) < 2:
            continue
        counts = Counter(word for words in found for word in words) if found else None

        def rank(item: tuple[int, Gloss], found=found, counts=counts) -> tuple[int, int, int]:
            index, sense = item
            support = sense_support(sense.gloss, found, counts) if found else 0
            weight = int(math.log2(support + 1)) if support >= MIN_SUPPORT else 0
            return (-weight, plainness(clean(sense.gloss)), index)

        entry.senses = core + [sense for _, sense in sorted(enumerate(rest), key=rank)]
