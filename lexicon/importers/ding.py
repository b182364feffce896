"""A parser for the Ding German-English dictionary (Debian's trans-de-en), without Django.

One Ding line:

    Haubitze {f} [mil.] | Haubitzen {pl} | Feldhaubitze {f} :: howitzer | howitzers | field howitzer

` :: ` separates German from English, ` | ` splits both sides into sub-entries aligned by
position, `; ` separates synonyms within a sub-entry. `{m}`, `{vt}`, `{adj}` ... carry grammar,
`[mil.]`, `[ugs.]`, `[übtr.]`, `[Sprw.]` labels, `(...)` comments, `/Schupo/` abbreviations.

`parse_line` turns one line into headword records (`DingWord`) and phrase records
(`DingPhrase`); `build_lexicon` merges the records of all lines into one record per word and
part of speech with its senses best first. The import command only writes the result.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from nlp.english import clean_gloss as clean
from nlp.english import english_words, plainness, sense_words
from nlp.german import COPULAS, DING_TAG_UPOS, LIGHT_VERBS, PREPOSITIONS
from nlp.lexicon import DOMAIN_MARK, FRAME_MARK, context_stem, lexicon_key

# Labels that say how a word is used rather than in which field: they do not push a sense back.
_REGISTER_LABELS = {
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
_RARE_LABELS = {
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

# Valency slots Ding writes into headwords: jdn., jdm., jds., etw., jdn./etw., einer Sache.
_SLOT_RE = re.compile(r"^(?:jd[mns]|jmd[mns]?|etw|sth|sb)\.(?:/(?:jd[mns]|etw)\.)*$")
# The prepositions that govern a valency slot (auf etw. verzichten). "wie etw." compares and
# belongs to the phrase: "sich wie etw. lesen" (to read like sth.) is no frame of "lesen".
_FRAME_PREPOSITIONS = frozenset(PREPOSITIONS - {"wie"})
_ARTICLES = {"der", "die", "das"}

_BRACE_RE = re.compile(r"\{([^{}]*)\}")
_BRACKET_RE = re.compile(r"\[([^\[\]]*)\]")
_PAREN_RE = re.compile(r"\([^()]*\)")
_ABBREV_RE = re.compile(r"(?:(?<=\s)|^)/\S[^/]*/(?=[\s;,]|$)")
_ANGLE_RE = re.compile(r"<[^<>]*>")
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

MAX_SENSES = 20


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
        tags = [tag.strip() for tag in _BRACE_RE.findall(text)]
        text = _BRACE_RE.sub(" ", text)
    if "[" in text:
        labels = [label.strip() for label in _BRACKET_RE.findall(text)]
        text = _BRACKET_RE.sub(" ", text)
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
        if low in _RARE_LABELS:
            return 2
        if low not in _REGISTER_LABELS:
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
            sub = _BRACE_RE.sub(" ", sub)
        if "[" in sub:
            sub = _BRACKET_RE.sub(" ", sub)
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

    result = DingLine()
    first_synonyms = [annotate(s) for s in split_top(german[0], "; ")]
    # Ding often tags only the last synonym: "vorstellen; präsentieren {vt}".
    line_tag_pos = None
    for ann in reversed(first_synonyms):
        pos, _, _ = tag_info(ann.tags)
        if pos:
            line_tag_pos = pos
            break
    line_pos = line_tag_pos
    if line_pos is None and english and english[0].lstrip().startswith("to "):
        line_pos = "VERB"
    skip = _inflection_count(line_pos, german, english)
    # 1 when the first sub-entry carries a subject label ([mil.]); rare labels do not count.
    line_fields = [
        a
        for ann in first_synonyms
        for a in ann.labels
        if a.lower() not in _REGISTER_LABELS and a.lower() not in _RARE_LABELS
    ]
    line_domain = int(bool(line_fields))

    line_heads = {normalise_headword(a.text, line_pos).headword for a in first_synonyms}
    context: str | None = None  # computed for the first verb on the line
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
        # Plurals: the next sub-entry when all its synonyms are tagged {pl}.
        plurals: list[str] = []
        if i + 1 < len(german) and "{pl}" in german[i + 1] and i + 1 not in consumed:
            nxt = [annotate(s) for s in split_top(german[i + 1], "; ")]
            has_singular = any(
                tag_info(s.tags)[1] and "pl" not in [t.lower() for t in s.tags] for s in synonyms
            )
            if has_singular and nxt and all("pl" in [t.lower() for t in n.tags] for n in nxt):
                plurals = [normalise_headword(n.text, "NOUN").headword for n in nxt]
                consumed.add(i + 1)

        sub_pos = None
        for ann in reversed(synonyms):
            pos, _, _ = tag_info(ann.tags)
            if pos:
                sub_pos = pos
                break
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
            single = len(norm.words) == 1
            if single and not _is_sentence(ann.text):
                if (
                    i > 0
                    and inherited
                    and not (line_pos == "NOUN" and norm.headword[:1].isupper() and sub_pos is None)
                ):
                    # An untagged single word below the first sub-entry is an inflected form
                    # or a note, not a headword of its own (gut | besser | am besten), unless
                    # it is a longer word built on the headword with English of its own:
                    # koreanisch | nordkoreanisch :: Korean | North Korean.
                    if not _is_derived_subentry(norm.headword, line_heads, line_pos, eng_text):
                        continue
                    pos = line_pos
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
                headwords = [norm.headword]
                if "/" in norm.headword and not norm.headword.startswith("/"):
                    # "aufgeben/abgeben": two verbs sharing one sense.
                    headwords = [h for h in norm.headword.split("/") if len(h) > 1]
                # A subject label at the end of the first sub-entry ([mil.]) holds for all its
                # synonyms; "rare" labels ([veraltend]) only for the synonym they follow:
                # "Herrscher {m}; Machthaber {m}; Potentat {m} [veraltend]".
                penalty = label_penalty(ann.labels)
                fields = ann.labels
                if i == 0:
                    penalty = max(penalty, line_domain)
                    fields = line_fields
                detail_prefix = " ".join(filter(None, [norm.frame, ann.detail()]))
                word_glosses = [
                    Gloss(g.gloss, " ".join(filter(None, [detail_prefix, g.detail]))[:500])
                    for g in glosses
                ]
                if pos == "VERB" and context is None:
                    context = line_context(german)
                for headword in headwords:
                    if not headword or len(headword) > 200:
                        continue
                    result.words.append(
                        DingWord(
                            headword=headword,
                            pos=pos,
                            line=line_no,
                            glosses=word_glosses,
                            gender=gender,
                            plural=plural[:200],
                            reflexive=(norm.reflexive or reflexive_tag) and pos == "VERB",
                            frame=norm.frame,
                            synonym_index=j,
                            sub_index=i,
                            penalty=penalty,
                            line_size=len(german),
                            framed=norm.framed,
                            context=context if pos == "VERB" and context else "",
                            preposition=norm.preposition,
                            fields=" ".join(f"[{label}]" for label in fields),
                        )
                    )
            elif len(norm.words) > 1 or _is_sentence(ann.text):
                figurative = ann.figurative or eng_ann.figurative
                proverb = ann.proverb or eng_ann.proverb
                if i > 0 and _is_sentence(ann.text) and not proverb:
                    continue  # an example sentence, not a phrase to match
                meaning = "; ".join(g.gloss for g in glosses)[:500]
                if not meaning:
                    continue
                if _is_copula_phrase(norm.words, eng_text):
                    # verfeindet sein :: to be enemies. Ding has many participles and
                    # adjectives only so; an entry under the whole phrase lets the pipeline
                    # gloss "die verfeindeten Nachbarn" through it (nlp.word_formation).
                    result.words.append(
                        DingWord(
                            headword=norm.headword,
                            pos="VERB",
                            line=line_no,
                            glosses=[
                                Gloss(g.gloss, " ".join(filter(None, [norm.frame, g.detail])))
                                for g in glosses
                            ],
                            frame=norm.frame,
                            synonym_index=j,
                            sub_index=i,
                            penalty=label_penalty(ann.labels),
                            line_size=len(german),
                        )
                    )
                for phrase in split_top(ann.text, " / "):
                    result.phrases.append(
                        _classify_phrase(
                            DingPhrase(
                                phrase=phrase[:300],
                                meaning=meaning,
                                line=line_no,
                                sub_index=i,
                                figurative=figurative,
                                proverb=proverb,
                            ),
                            eng_text,
                        )
                    )
    return result


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


# --- Merging -------------------------------------------------------------------------------


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
        for label in _BRACKET_RE.findall(detail)
        if (low := label.strip().lower()) not in _REGISTER_LABELS
        and low not in _RARE_LABELS
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
            if ident in idioms:
                continue
            if phrase.kind in ("proverb", "idiom"):
                tier = 0
            elif phrase.kind == "light_verb":
                tier = 1
            else:
                tier = 2 if phrase.selected else 3
            idioms[ident] = IdiomRecord(
                phrase=phrase.phrase,
                key=phrase.key,
                meaning=phrase.meaning,
                kind=phrase.kind,
                figurative=phrase.figurative,
                selected=phrase.selected,
                rank=tier * _TIER + phrase.line,
            )

    entries: list[EntryRecord] = []
    for (key, pos, gender, reflexive), (first, senses) in candidates.items():
        senses.sort(key=lambda s: (s[0], s[1], s[2], s[3]))
        best = senses[0]
        plural = next((s[5].plural for s in senses if s[5].plural), "")
        headword = first.headword
        if pos == "NOUN" and not headword[:1].isupper():
            headword = next(
                (s[5].headword for s in senses if s[5].headword[:1].isupper()), headword
            )
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
        entries.append(record)
    _plural_only_after_singular(entries)
    return entries, list(idioms.values())


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
