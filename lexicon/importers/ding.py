"""A parser for the Ding German-English dictionary (Debian's trans-de-en), without Django.

One Ding line:

    Haubitze {f} [mil.] | Haubitzen {pl} | Feldhaubitze {f} :: howitzer | howitzers | field howitzer

` :: ` separates German from English, ` | ` splits both sides into sub-entries aligned by
position, `; ` separates synonyms within a sub-entry. `{m}`, `{vt}`, `{adj}` ... carry grammar,
`[mil.]`, `[ugs.]`, `[übtr.]`, `[Sprw.]` labels, `(...)` comments, `/Schupo/` abbreviations.

`parse_line` turns one line into headword records (`DingWord`) and phrase records
(`DingPhrase`); `lexicon.importers.ding_entries.build_lexicon` merges the records of
all lines into one record per word and part of speech with its senses best first; the notation
inside a piece of text (tags, labels, notes) is read by `lexicon.importers.ding_labels`. The
import command only writes the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lexicon.importers.ding_labels import (
    BRACE_RE,
    BRACKET_RE,
    RARE_LABELS,
    REGISTER_LABELS,
    Gloss,
    annotate,
    english_glosses,
    label_penalty,
    split_top,
    tag_info,
)
from nlp.german import COPULAS, LIGHT_VERBS, PREPOSITIONS
from nlp.lexicon import context_stem, lexicon_key

# Valency slots Ding writes into headwords: jdn., jdm., jds., etw., jdn./etw., einer Sache.
_SLOT_RE = re.compile(r"^(?:jd[mns]|jmd[mns]?|etw|sth|sb)\.(?:/(?:jd[mns]|etw)\.)*$")
# The prepositions that govern a valency slot (auf etw. verzichten). "wie etw." compares and
# belongs to the phrase: "sich wie etw. lesen" (to read like sth.) is no frame of "lesen".
_FRAME_PREPOSITIONS = frozenset(PREPOSITIONS - {"wie"})
_ARTICLES = {"der", "die", "das"}

_PERSONAL_PRONOUNS = {
    "ich",
    "du",
    "er",
    "sie",
    "wir",
    "ihr",
    "mir",
    "mich",
    "dir",
    "dich",
    "uns",
    "euch",
    "ihm",
    "ihn",
    "ihnen",
}
_SENTENCE_END = (".", "!", "?", "…", "...")


@dataclass
class DingWord:
    """One headword found on a line. `frame` is the German as Ding writes it when it differs
    from the bare headword (auf etw. verzichten); `synonym_index` its place in its sub-entry,
    0 for the word the line is about."""

    headword: str
    pos: str
    line: int
    glosses: list[Gloss]
    gender: str = ""
    plural: str = ""
    reflexive: bool = False
    frame: str = ""
    synonym_index: int = 0
    sub_index: int = 0
    penalty: int = 0
    line_size: int = 1  # sub-entries on the line: a word's main line is its longest
    framed: bool = False  # a prepositional frame was stripped (nach jdm. kommen)
    context: str = ""  # the line's nouns, for verbs only (see line_context)
    preposition: str = ""  # the frame's preposition (auf etw. bestehen: auf)
    # Its subject labels ("[min.]"), the first sub-entry's holding for all its synonyms.
    fields: str = ""

    @property
    def key(self) -> str:
        return lexicon_key(self.headword)


@dataclass
class DingPhrase:
    """A multiword German side: an idiom candidate with its English meaning."""

    phrase: str
    meaning: str
    line: int
    sub_index: int
    figurative: bool = False
    proverb: bool = False
    kind: str = "phrase"
    selected: bool = False

    @property
    def key(self) -> str:
        return lexicon_key(self.phrase)


@dataclass
class DingLine:
    words: list[DingWord] = field(default_factory=list)
    phrases: list[DingPhrase] = field(default_factory=list)


@dataclass
class Normalised:
    headword: str
    words: list[str]
    reflexive: bool
    frame: str
    framed: bool = False  # by a prepositional frame (auf etw.), not by an object or "sich"
    preposition: str = ""  # that frame's preposition (auf)


def normalise_headword(text: str, pos: str | None) -> Normalised:
    """Strip articles and valency frames: "die Polizei" -> Polizei, "auf etw. verzichten" ->
    verzichten, "sich jdn./etw. vorstellen" -> vorstellen (reflexive)."""
    tokens = text.split()
    reflexive = False
    framed = slotted = False
    preposition = ""
    kept: list[str] = []
    # The preposition before a slot is the frame's (auf etw. verzichten), unless it is the
    # headword itself (ab etw. {prp}, außer jdm./etw.).
    last = len(tokens) - 1
    for i, tok in enumerate(tokens):
        if _SLOT_RE.match(tok):
            framed = True
            # The preposition that governs a slot belongs to the frame, not the word: auf etw.
            # Only such a prepositional frame marks a narrower sense (nach jdm. kommen = to
            # take after sb.); a bare object (jdm. etw. geben) is the verb's usual use.
            if kept and kept[-1].lower() in _FRAME_PREPOSITIONS and (len(kept) > 1 or i < last):
                popped = kept.pop().lower()
                preposition = preposition or popped
                slotted = True
            continue
        if tok == "Sache" and kept and kept[-1].lower() in {"einer", "eine", "einer/einem"}:
            framed = True
            kept.pop()
            if kept and kept[-1].lower() in _FRAME_PREPOSITIONS and (len(kept) > 1 or i < last):
                popped = kept.pop().lower()
                preposition = preposition or popped
                slotted = True
            continue
        if tok == "sich" and i < len(tokens) - 1:
            reflexive = framed = True
            continue
        kept.append(tok)
    if len(kept) == 2 and kept[0].lower() in _ARTICLES and kept[1][:1].isupper():
        kept = kept[1:]
    headword = " ".join(kept)
    # The frame is worth showing a learner (auf etw. verzichten); a bare article is not.
    frame = text if framed else ""
    if pos not in (None, "VERB"):
        reflexive = False
    return Normalised(
        headword=headword,
        words=kept,
        reflexive=reflexive,
        frame=frame,
        framed=slotted,
        preposition=preposition,
    )


def _is_sentence(text: str) -> bool:
    return text[:1].isupper() and text.endswith(_SENTENCE_END) and " " in text


def _looks_like_verb(word: str) -> bool:
    return (
        word[:1].islower()
        and word.isalpha()
        and (word.endswith("en") or word.endswith("ern") or word.endswith("eln") or word == "sein")
    )


# Capitalised words of a line's German side; a hyphen joins compounds (Nordkorea-Bedrohung).
_CONTEXT_WORD_RE = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+(?:-[A-Za-zÄÖÜäöüß]+)*$")
# Capitalised words that are no nouns when they do not begin a sentence: the polite pronoun,
# and "einer Sache", Ding's slot for a thing.
_CONTEXT_SKIP = frozenset(
    "sie ihnen ihr ihre ihrer ihren ihrem ihres sache sachen jemand jemandem etwas".split()
)
_CONTEXT_STRIP = ".,!?:;…\"'„“”‚‘’»«()"
MAX_CONTEXT_CHARS = 300


def line_context(german: list[str]) -> str:
    """The nouns of a line's German side as `context_stem`s, space-separated: what a verb's
    examples and notes name as its object or setting ("jdn./etw. als Bedrohung wahrnehmen",
    "(Vorteil; Gelegenheit) wahrnehmen"). The first word of an example sentence is skipped:
    it is capitalised because it begins the sentence."""
    stems: dict[str, None] = {}
    for sub in german:
        if "{" in sub:
            sub = BRACE_RE.sub(" ", sub)
        if "[" in sub:
            sub = BRACKET_RE.sub(" ", sub)
        for piece in split_top(sub, "; "):
            sentence = _is_sentence(piece)
            previous = ""
            for k, raw in enumerate(piece.replace("(", " ").replace(")", " ").split()):
                word = raw.strip(_CONTEXT_STRIP)
                starts_sentence = (k == 0 and sentence) or previous.endswith((".", "!", "?", ":"))
                previous = raw
                if starts_sentence or not _CONTEXT_WORD_RE.match(word):
                    continue
                if word.lower() in _CONTEXT_SKIP or _SLOT_RE.match(word):
                    continue
                stems[context_stem(word)] = None
    out = " ".join(stems)
    if len(out) > MAX_CONTEXT_CHARS:
        out = out[:MAX_CONTEXT_CHARS].rsplit(" ", 1)[0]
    return out


# --- Lines ---------------------------------------------------------------------------------


def _inflection_count(line_pos: str | None, german: list[str], english: list[str]) -> int:
    """How many sub-entries after the first are the headword's inflected forms.

    Verbs: participle I (vorstellend), participle II (vorgestellt), then present and past
    (stellt vor; stellte vor), all short, lower-case, with no "to ..." on the English side.
    Adjectives and adverbs: comparative and superlative (besser | am besten)."""
    if len(german) < 2:
        return 0
    if line_pos == "VERB":
        first = [annotate(s).text for s in split_top(german[1], "; ")]
        if not first or not all(s.split()[-1].endswith("nd") for s in first if s):
            return 0
        count = 1
        for i in range(2, len(german)):
            forms = [annotate(s) for s in split_top(german[i], "; ")]
            eng = english[i] if i < len(english) else ""
            if any(f.tags for f in forms):
                break
            if i > 2:
                if eng.lstrip().startswith("to ") or any(len(f.text.split()) > 4 for f in forms):
                    break
                if any(_is_sentence(f.text) for f in forms):
                    break
                if any(w[:1].isupper() for f in forms for w in f.text.split()):
                    break
            count += 1
        return count
    if line_pos in ("ADJ", "ADV"):
        count = 0
        for i in range(1, min(len(german), 3)):
            forms = [annotate(s) for s in split_top(german[i], "; ")]
            if any(f.tags for f in forms):
                break
            if all(
                f.text.startswith("am ")
                and len(f.text.split()) == 2
                or (len(f.text.split()) == 1 and f.text.endswith(("er", "ere", "ste", "sten")))
                for f in forms
            ):
                count += 1
            else:
                break
        return count
    return 0


def _plural_for(singular: str, plurals: list[str], index: int) -> str:
    """The plural aligned with a singular: same position when the counts match, else the
    plural sharing the longest prefix with the singular."""
    if index < len(plurals):
        return plurals[index]
    best, best_len = "", 0
    for plural in plurals:
        n = len(_common_prefix(singular, plural))
        if n > best_len:
            best, best_len = plural, n
    return best if best_len >= max(3, len(singular) // 2) else ""


def _common_prefix(a: str, b: str) -> str:
    i = 0
    while i < len(a) and i < len(b) and a[i] == b[i]:
        i += 1
    return a[:i]


def _is_derived_subentry(word: str, heads: set[str], line_pos: str | None, english: str) -> bool:
    """Whether an untagged word below an adjective's or adverb's first sub-entry is a word of
    its own built on the headword (koreanisch | nordkoreanisch, wichtig | unwichtig) rather
    than a comparative or a note. Not for verbs: their sub-entries below the inflections are
    mostly the same verbs in a frame of narrower sense (sich zu jdm. herumdrehen = to pivot
    around to face sb.)."""
    if line_pos not in ("ADJ", "ADV") or "/" in word or word in heads:
        return False
    if not english.strip() or english.strip() == "-":
        return False
    return any(
        len(head) >= 3 and len(word) >= len(head) + 2 and word.endswith(head) for head in heads
    )


def _is_copula_phrase(words: list[str], english: str) -> bool:
    """An adjective or participle with "sein" or "werden" and English of its own ("verfeindet
    sein :: to be enemies", "fündig werden :: to strike it rich"): not an inflected form
    (verfeindet seiend) or an example with more words (total fertig sein)."""
    return (
        len(words) == 2
        and words[1] in COPULAS
        and words[0].isalpha()
        and words[0][:1].islower()
        and english.lstrip().startswith("to ")
    )


def _guess_pos(headword: str, english: str) -> str:
    if english.lstrip().startswith("to "):
        return "VERB"
    if headword[:1].isupper():
        return "NOUN"
    return "X"


def parse_line(raw: str, line_no: int = 0) -> DingLine | None:
    """Headwords and phrases of one Ding line; None for comments and malformed lines."""
    raw = raw.strip()
    if not raw or raw.startswith("#") or " :: " not in raw:
        return None
    german_side, english_side = raw.split(" :: ", 1)
    german = split_top(german_side, " | ")
    english = split_top(english_side, " | ")
    if not german:
        return None

    first_synonyms = [annotate(s) for s in split_top(german[0], "; ")]
    # Ding often tags only the last synonym: "vorstellen; präsentieren {vt}".
    line_pos = _last_tagged_pos(first_synonyms)
    if line_pos is None and english and english[0].lstrip().startswith("to "):
        line_pos = "VERB"
    skip = _inflection_count(line_pos, german, english)
    # 1 when the first sub-entry carries a subject label ([mil.]); rare labels do not count.
    line_fields = [
        a
        for ann in first_synonyms
        for a in ann.labels
        if a.lower() not in REGISTER_LABELS and a.lower() not in RARE_LABELS
    ]
    line = _Line(
        number=line_no,
        german=german,
        pos=line_pos,
        fields=line_fields,
        domain=int(bool(line_fields)),
        heads={normalise_headword(a.text, line_pos).headword for a in first_synonyms},
        result=DingLine(),
    )
    consumed: set[int] = set()
    for i, sub in enumerate(german):
        if i in consumed or 1 <= i <= skip:
            continue
        eng_text = english[i] if i < len(english) else ""
        synonyms = first_synonyms if i == 0 else [annotate(s) for s in split_top(sub, "; ")]
        if i > 0 and len(synonyms) == 1 and _is_sentence(synonyms[0].text):
            # An example sentence, not a phrase to match, unless labelled a proverb.
            if not (synonyms[0].proverb or "Sprw." in sub or "prov." in eng_text):
                continue
        eng_ann = annotate(eng_text)
        glosses = english_glosses(eng_text)
        plurals = _sub_plurals(german, i, synonyms, consumed)
        sub_pos = _last_tagged_pos(synonyms)
        noun_index = 0
        for j, ann in enumerate(synonyms):
            if not ann.text:
                continue
            pos, gender, reflexive_tag = tag_info(ann.tags)
            inherited = pos is None
            if inherited:
                pos = sub_pos if i > 0 else line_pos
            if ann.text.endswith("…") or ann.text.startswith("…"):
                continue  # a word-formation element (Mund… :: oral), not a word
            norm = normalise_headword(ann.text, pos)
            if len(norm.words) == 1 and not _is_sentence(ann.text):
                noun_index = _add_words(
                    line,
                    ann,
                    norm,
                    i=i,
                    j=j,
                    pos=pos,
                    gender=gender,
                    reflexive_tag=reflexive_tag,
                    inherited=inherited,
                    sub_pos=sub_pos,
                    eng_text=eng_text,
                    glosses=glosses,
                    plurals=plurals,
                    noun_index=noun_index,
                )
            elif len(norm.words) > 1 or _is_sentence(ann.text):
                _add_phrases(line, ann, eng_ann, norm, i=i, j=j, eng_text=eng_text, glosses=glosses)
    return line.result


@dataclass
class _Line:
    """What every sub-entry of one Ding line shares, and the records parsed from it."""

    number: int
    german: list[str]
    pos: str | None
    fields: list[str]
    domain: int
    heads: set[str]
    result: DingLine
    _context: str | None = None

    def verb_context(self) -> str:
        """The line's nouns as context for its verbs (line_context), computed once."""
        if self._context is None:
            self._context = line_context(self.german)
        return self._context


def _last_tagged_pos(synonyms: list) -> str | None:
    """The part of speech of the last synonym that has a tag."""
    for ann in reversed(synonyms):
        pos, _, _ = tag_info(ann.tags)
        if pos:
            return pos
    return None


def _sub_plurals(german: list[str], i: int, synonyms: list, consumed: set[int]) -> list[str]:
    """Plurals: the next sub-entry when all its synonyms are tagged {pl}; it is then consumed."""
    if i + 1 < len(german) and "{pl}" in german[i + 1] and i + 1 not in consumed:
        nxt = [annotate(s) for s in split_top(german[i + 1], "; ")]
        has_singular = any(
            tag_info(s.tags)[1] and "pl" not in [t.lower() for t in s.tags] for s in synonyms
        )
        if has_singular and nxt and all("pl" in [t.lower() for t in n.tags] for n in nxt):
            consumed.add(i + 1)
            return [normalise_headword(n.text, "NOUN").headword for n in nxt]
    return []


def _add_words(
    line: _Line,
    ann,
    norm,
    *,
    i: int,
    j: int,
    pos: str | None,
    gender: str,
    reflexive_tag: bool,
    inherited: bool,
    sub_pos: str | None,
    eng_text: str,
    glosses: list[Gloss],
    plurals: list[str],
    noun_index: int,
) -> int:
    """The headwords of one single-word synonym (more than one for "aufgeben/abgeben");
    returns the count of nouns seen so far in the sub-entry, which pairs them with plurals."""
    if (
        i > 0
        and inherited
        and not (line.pos == "NOUN" and norm.headword[:1].isupper() and sub_pos is None)
    ):
        # An untagged single word below the first sub-entry is an inflected form
        # or a note, not a headword of its own (gut | besser | am besten), unless
        # it is a longer word built on the headword with English of its own:
        # koreanisch | nordkoreanisch :: Korean | North Korean.
        if not _is_derived_subentry(norm.headword, line.heads, line.pos, eng_text):
            return noun_index
        pos = line.pos
    if pos is None:
        pos = _guess_pos(norm.headword, eng_text)
    if pos not in ("NOUN", "PROPN"):
        gender = ""
    plural = ""
    if pos == "NOUN" and "pl" in [t.lower() for t in ann.tags] and not gender:
        plural = norm.headword
    elif pos == "NOUN" and plurals:
        plural = _plural_for(norm.headword, plurals, noun_index)
    if pos == "NOUN":
        noun_index += 1
    # A subject label at the end of the first sub-entry ([mil.]) holds for all its
    # synonyms; "rare" labels ([veraltend]) only for the synonym they follow:
    # "Herrscher {m}; Machthaber {m}; Potentat {m} [veraltend]".
    penalty = label_penalty(ann.labels)
    fields = ann.labels
    if i == 0:
        penalty = max(penalty, line.domain)
        fields = line.fields
    detail_prefix = " ".join(filter(None, [norm.frame, ann.detail()]))
    word_glosses = [
        Gloss(g.gloss, " ".join(filter(None, [detail_prefix, g.detail]))[:500]) for g in glosses
    ]
    for headword in _shared_headwords(norm.headword):
        if not headword or len(headword) > 200:
            continue
        line.result.words.append(
            DingWord(
                headword=headword,
                pos=pos,
                line=line.number,
                glosses=word_glosses,
                gender=gender,
                plural=plural[:200],
                reflexive=(norm.reflexive or reflexive_tag) and pos == "VERB",
                frame=norm.frame,
                synonym_index=j,
                sub_index=i,
                penalty=penalty,
                line_size=len(line.german),
                framed=norm.framed,
                context=line.verb_context() if pos == "VERB" else "",
                preposition=norm.preposition,
                fields=" ".join(f"[{label}]" for label in fields),
            )
        )
    return noun_index


def _shared_headwords(headword: str) -> list[str]:
    """ "aufgeben/abgeben": two verbs sharing one sense; else the headword itself."""
    if "/" in headword and not headword.startswith("/"):
        return [h for h in headword.split("/") if len(h) > 1]
    return [headword]


def _add_phrases(
    line: _Line, ann, eng_ann, norm, *, i: int, j: int, eng_text: str, glosses
) -> None:
    """The phrases of one multi-word synonym or proverb, and an entry for a copula phrase."""
    figurative = ann.figurative or eng_ann.figurative
    proverb = ann.proverb or eng_ann.proverb
    if i > 0 and _is_sentence(ann.text) and not proverb:
        return  # an example sentence, not a phrase to match
    meaning = "; ".join(g.gloss for g in glosses)[:500]
    if not meaning:
        return
    if _is_copula_phrase(norm.words, eng_text):
        # verfeindet sein :: to be enemies. Ding has many participles and
        # adjectives only so; an entry under the whole phrase lets the pipeline
        # gloss "die verfeindeten Nachbarn" through it (nlp.word_formation).
        line.result.words.append(
            DingWord(
                headword=norm.headword,
                pos="VERB",
                line=line.number,
                glosses=[
                    Gloss(g.gloss, " ".join(filter(None, [norm.frame, g.detail]))) for g in glosses
                ],
                frame=norm.frame,
                synonym_index=j,
                sub_index=i,
                penalty=label_penalty(ann.labels),
                line_size=len(line.german),
            )
        )
    for phrase in split_top(ann.text, " / "):
        line.result.phrases.append(
            _classify_phrase(
                DingPhrase(
                    phrase=phrase[:300],
                    meaning=meaning,
                    line=line.number,
                    sub_index=i,
                    figurative=figurative,
                    proverb=proverb,
                ),
                eng_text,
            )
        )


def _classify_phrase(phrase: DingPhrase, english: str) -> DingPhrase:
    """Kind and selection of an idiom candidate.

    Most of Ding's phrase sub-entries are examples ("einen Apfel schälen"); the matcher should
    see the real idioms: labelled figurative or proverb, light-verb constructions, a sentence
    that is a line of its own (a saying: "Eine Hand wäscht die andere."), and fixed verb
    phrases with a valency slot ("jdn. mit Argusaugen beobachten")."""
    text = phrase.phrase
    words = text.split()
    verb_phrase = english.lstrip().startswith("to ") and _looks_like_verb(words[-1])
    content = [w for w in words if not _SLOT_RE.match(w) and w != "sich"]
    has_slot = len(content) < len(words)
    has_noun = any(w[:1].isupper() for w in content[1:]) or (
        content and content[0][:1].isupper() and content[0].lower() not in _ARTICLES
    )
    if phrase.proverb:
        phrase.kind, phrase.selected = "proverb", True
    elif phrase.sub_index == 0 and _is_sentence(text) and len(words) <= 10:
        # A sentence that is a line of its own is a saying ("Eine Hand wäscht die andere.") or
        # a set phrase ("Bleib am Ball!"); one addressed to someone is no proverb.
        impersonal = text.endswith(".") and not any(
            w.strip(".,!?").lower() in _PERSONAL_PRONOUNS for w in words
        )
        phrase.kind = "proverb" if impersonal else "phrase"
        phrase.selected = True
    elif (
        verb_phrase
        and has_noun
        and content[-1] in LIGHT_VERBS
        and 2 <= len(content) <= 4
        and not phrase.figurative
    ):
        phrase.kind, phrase.selected = "light_verb", True
    elif phrase.figurative:
        phrase.kind, phrase.selected = "idiom", True
    elif verb_phrase and has_noun and len(words) <= 6 and not _is_sentence(text):
        # A fixed verb phrase: a slot (jdn. mit Argusaugen beobachten) or a line of its own.
        phrase.selected = has_slot or phrase.sub_index == 0
    return phrase


def read_lines(path: str | Path) -> Iterator[tuple[int, str]]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        yield from enumerate(handle, start=1)


def parse_file(path: str | Path) -> Iterator[DingLine]:
    for line_no, raw in read_lines(path):
        parsed = parse_line(raw, line_no)
        if parsed is not None:
            yield parsed
