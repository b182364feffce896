"""German compound splitting: Mehrfachraketenwerfer -> mehrfach + Rakete(n) + Werfer.

German writes compounds as one word, and a learner's dictionary has only some of them. We split
a noun or adjective into parts that are themselves dictionary headwords, each part given as a
lemma, with the Fugenelement (linking element: Krieg+s+Eintritt, Rakete+n+Werfer) kept in the
part as written.

How a split is found (the dictionary decides, frequencies only rank):

1. The head is a known word of the compound's class (a noun compound ends in a noun, an
   adjective compound in an adjective: mehrfach cannot be mehr + Fach, because Fach is a noun).
   It may be inflected (Artilleriegeschütze -> Geschütz).
2. Everything before it is a chain of known modifiers, each possibly with a Fugenelement (s, es,
   n, en, er, e, ens, nen, umlaut + e/er as in Bücher, Gäste), an elided -e (Schul- from Schule),
   a verb stem (Schreib- from schreiben) or a Latin plural (Themen- from Thema).
3. A modifier or head that is itself a headword is taken whole first ("prefer longer known
   parts"), then split further if it is a transparent compound itself (Raketenwerfer).
4. Among several splits, the one whose parts are more frequent words wins (Arbeit+s+Amt, not
   Arbeit+Samt), with penalties for very short parts and rarer linking elements.
5. A word that is itself a headword stays whole when it is far more frequent than its rarest
   part: such words are lexicalised or only look like compounds (Verstand is no Vers + Tand,
   Mannschaft no Mann + Schaft). A few lexicalised words whose parts would mislead a learner
   (Bundestag: "Tag" is the old "assembly", not "day") are listed by hand.

The dictionary comes in as a predicate `is_word(lemma) -> bool` or, better, a `Vocabulary`
that also knows each word's spelling and class (noun / adjective / verb / name). For the
pipeline, `candidate_substrings(word)` lists every key the splitter may ask about (one
`Lexicon.lookup_many` call per document), and `vocabulary_for(words, lookup_many)` fetches the
same knowledge in a few rounds with a fifth of the keys (possible heads first, then the parts
that start where known parts end); the split then runs on the resulting set.

Pure Python: no Django import.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from nlp.extensions import lex_fetch
from nlp.german import DING_TAG_UPOS, DING_VERB_TAGS, zipf
from nlp.glosses import entry_senses
from nlp.lexicon import best_entry, lexicon_key

# ---------------------------------------------------------------------------------------------
# Vocabulary


# Word classes a headword can have in the splitter's eyes.
# NAME: a proper name may be a modifier as it is (Moskaureise) but never a head, and takes
# no Fugenelement: Sprecher is no Spree + Cher (two rivers).
NOUN, ADJ, VERB, NAME, OTHER = "N", "A", "V", "P", "X"
ANY = frozenset({NOUN, ADJ, VERB})
_POS_CLASS = {"NOUN": NOUN, "PROPN": NAME, "ADJ": ADJ, "ADV": ADJ, "VERB": VERB, "AUX": VERB}
_CLASS_POS = {NOUN: "NOUN", ADJ: "ADJ", VERB: "VERB", NAME: "PROPN"}


_NONE: frozenset[str] = frozenset()


def _key(text: str) -> str:
    return text.strip().lower()


class Vocabulary:
    """Headwords with their classes and spellings, looked up case-insensitively.

    Build it from headwords as written (`Vocabulary(["Krieg", "mehrfach"])`: capitalised means
    noun), from `(word, upos)` pairs, or from a `lookup_many` result (`from_entries`). Calling it
    is the `is_word` predicate.
    """

    def __init__(self, words: Iterable[str | tuple[str, str]] = ()):
        self._classes: dict[str, set[str]] = {}
        self._spelling: dict[tuple[str, str], str] = {}
        # Plural forms some lexicons list as words of their own (Raketen): a modifier written
        # like that is the base word plus a Fugenelement, not a lemma of its own.
        self._plural_of: dict[str, str] = {}
        self._plural_only: set[str] = set()  # headwords the dictionary lists only as plurals
        self._gendered: set[str] = set()
        self._glosses: dict[str, set[str]] = {}
        self._gloss_words: dict[str, frozenset[str]] = {}
        self._class_memo: dict[str, frozenset[str]] = {}
        # Headwords the dictionary glosses only with English names (Sachsen: Saxony,
        # Niedersachsen: Lower Saxony, Bundeswehr: Federal Armed Forces): names, never split
        # and never a head; still modifiers with a Fugenelement (Weihnachts|markt).
        self._named: set[str] = set()
        self._common: set[str] = set()
        for item in words:
            if isinstance(item, tuple):
                self.add(item[0], item[1])
            else:
                self.add(item)
        self._splitter: CompoundSplitter | None = None

    def add(self, word: str, pos: str | None = None, plural: str | None = None) -> None:
        word = word.strip()
        if not word:
            return
        if pos is None:
            cls = NOUN if word[0].isupper() else ADJ
            classes = {cls, VERB} if cls == ADJ and word.endswith("n") else {cls}
        else:
            classes = {_POS_CLASS.get(pos, OTHER)}
        key = _key(word)
        if self._class_memo:
            self._class_memo.clear()
        self._classes.setdefault(key, set()).update(classes)
        for cls in classes:
            self._spelling.setdefault((key, cls), word)
        if plural and _key(plural) != key:
            self._plural_of.setdefault(_key(plural), key)

    def add_plural(self, word: str, plural: str) -> None:
        # Only a plural that looks like one (Haubitzen, Bücher): Ding aligns synonyms by
        # position, and an odd line would make Wagen the plural of Hund.
        if _key(plural) != _key(word) and _deumlaut(_key(plural))[:3] == _key(word)[:3]:
            self._plural_of.setdefault(_key(plural), _key(word))
            self._class_memo.clear()

    @classmethod
    def from_entries(cls, found: Mapping[str, Iterable[object]]) -> Vocabulary:
        """From `Lexicon.lookup_many(...)`: key -> [LexEntry]; empty lists are ignored."""
        vocab = cls()
        vocab.add_entries(found)
        return vocab

    def add_entries(self, found: Mapping[str, Iterable[object]]) -> None:
        for entries in found.values():
            for entry in entries or ():
                if entry.pos == "NOUN" and _glossed_as_a_name(entry):
                    self.add(entry.lemma, "PROPN")
                    continue
                glosses = getattr(entry, "glosses", ()) or ()
                key = _key(entry.lemma)
                if entry.pos in ("NOUN", "ADJ", "ADV", "VERB") and glosses:
                    self._glosses.setdefault(key, set()).update(glosses)
                    if entry.pos == "NOUN" and all(_is_english_name(g) for g in glosses):
                        self._named.add(key)
                    else:
                        self._common.add(key)
                self.add(entry.lemma, entry.pos or None, getattr(entry, "plural", None))
                if entry.pos == "NOUN":
                    # A noun without gender is listed as a plural ({pl}): Raketen, Eltern.
                    key = _key(entry.lemma)
                    if getattr(entry, "gender", None):
                        self._gendered.add(key)
                        self._plural_only.discard(key)
                    elif key not in self._gendered:
                        self._plural_only.add(key)
        self._splitter = None  # new words: old memos are stale
        self._gloss_words = {}
        self._class_memo = {}

    def __call__(self, word: str) -> bool:
        return _key(word) in self._classes

    def gloss_words(self, key: str) -> frozenset[str]:
        """The English words of every gloss the dictionary gives the headword."""
        words = self._gloss_words.get(key)
        if words is None:
            words = self._gloss_words[key] = gloss_words(self._glosses.get(key, ()))
        return words

    def glosses(self, key: str) -> set[str]:
        return self._glosses.get(key, set())

    def is_named(self, key: str) -> bool:
        return key in self._named and key not in self._common

    def __contains__(self, word: str) -> bool:
        return self(word)

    def __len__(self) -> int:
        return len(self._classes)

    def classes(self, key: str) -> frozenset[str]:
        # Asked about some 20 times per word (every ending, every Fugenelement): memoised
        # until words are added.
        known = self._class_memo.get(key)
        if known is None:
            known = self._class_memo[key] = self._classes_of(key)
        return known

    def _classes_of(self, key: str) -> frozenset[str]:
        found = self._classes.get(key)
        if not found:
            return _NONE
        if key in self._plural_only and NOUN in found:
            # Listed only as a plural (no gender of its own): Menschen- is Mensch + en, unless
            # far commoner than its singular (Eltern, Elter). A noun with a gender of its own
            # stays a word even when it is another's plural too (Zeuge, Zeug; Reise, Reis).
            base = self._plural_of.get(key) or self._singular(key)
            if base is not None and zipf(key) < zipf(base) + 1.5:
                found = found - {NOUN}
        return frozenset(found)

    def _singular(self, key: str) -> str | None:
        """The singular a plural-only headword looks like the plural of (Schmerzen, Schmerz)."""
        for ending in ("en", "n", "e", "er", "s"):
            if key.endswith(ending) and len(key) - len(ending) >= MIN_PART:
                for base in (key[: -len(ending)], _deumlaut(key[: -len(ending)])):
                    if base != key and NOUN in self._classes.get(base, ()):
                        return base
        return None

    def spelling(self, key: str, cls: str) -> str:
        word = self._spelling.get((key, cls))
        if word is not None:
            return word
        return key[:1].upper() + key[1:] if cls == NOUN else key

    @property
    def splitter(self) -> CompoundSplitter:
        if self._splitter is None:
            self._splitter = CompoundSplitter(self)
        return self._splitter


def _is_english_name(gloss: str) -> bool:
    """English capitalises names throughout (Saxony, Lower Saxony, European Parliament); a
    common noun's gloss starts lowercase (federal republic, cargo ship)."""
    words = [w for w in gloss.split() if w not in ("of", "the", "and", "for", "on")]
    return bool(words) and all(w[:1].isupper() for w in words)


def _glossed_as_a_name(entry: object) -> bool:
    """A dictionary noun glossed only as itself, capitalised, is a name (Spree: Spree, Cher:
    Cher, Berlin: Berlin): English keeps names as they are and capitalises them. The imported
    dictionary does not keep Ding's place labels, and without this Sprecher would be Spree +
    Cher. A noun glossed otherwise stays a noun, capitalised or not (Bundesregierung: Federal
    Government, Europawahl: European election)."""
    glosses = getattr(entry, "glosses", ()) or ()
    return (
        len(glosses) == 1
        and glosses[0][:1].isupper()
        and glosses[0].casefold() == entry.lemma.casefold()
    )


class _PredicateVocabulary:
    """A bare `is_word` predicate: every known word may be of any class."""

    def __init__(self, is_word: Callable[[str], bool]):
        self._is_word = functools.lru_cache(maxsize=100_000)(is_word)

    def classes(self, key: str) -> frozenset[str]:
        return ANY if self._is_word(key) else frozenset()

    def spelling(self, key: str, cls: str) -> str:
        return key[:1].upper() + key[1:] if cls == NOUN else key

    def gloss_words(self, key: str) -> frozenset[str]:
        return frozenset()

    def glosses(self, key: str) -> set[str]:
        return set()

    def is_named(self, key: str) -> bool:
        return False


_DING_BRACKETS = re.compile(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|/[^/]*/|<[^>]*>")
# A place name: "Moskau (Hauptstadt von Russland) [geogr.]", "Cher {m} (Fluss) [geogr.]".
# [geogr.] alone also labels common nouns (Abhang), so the comment must say what kind of place.
_DING_PLACE = re.compile(
    r"\([^)]*\b(?:Fluss|Stadt|Hauptstadt|Staat|Land|Region|Provinz|Bundesland|Kanton|Insel|"
    r"Inselgruppe|Gebirge|Berg|See|Ort|Landkreis)\b[^)]*\).*\[geogr\.\]"
)
_DING_WORD = re.compile(r"^[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüßéèáàç-]*$")


def ding_vocabulary(path: str = "/usr/share/trans/de-en") -> Vocabulary:
    """Headwords of Ding's German side: every single-word synonym of the first sub-entry of a
    line, and of later sub-entries tagged as a noun, adjective, adverb or verb. Plurals of later
    sub-entries (Haubitze {f} | Haubitzen {pl}) are recorded as plurals, not headwords."""
    vocab = Vocabulary()
    plural_only: set[str] = set()
    regular: set[str] = set()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or " :: " not in line:
                continue
            subs = line.split(" :: ", 1)[0].split(" | ")
            for index, sub in enumerate(subs):
                items = sub.split("; ")
                tag_lists = [
                    [
                        t.strip()
                        for tags in re.findall(r"\{([^}]*)\}", item)
                        for t in tags.split(",")
                    ]
                    for item in items
                ]
                for position, (item, tags) in enumerate(zip(items, tag_lists, strict=True)):
                    if not tags:
                        # "halb; halber; halbe; halbes {adj}": the tag at the end of a synonym
                        # list is for all of them.
                        tags = next((later for later in tag_lists[position + 1 :] if later), [])
                    word = _ding_word(item)
                    if word is None and any(t in DING_VERB_TAGS for t in tags):
                        # "jdn. gegen etw. impfen {vt}": a verb's infinitive comes last.
                        last = _DING_BRACKETS.sub("", item).split()[-1:]
                        if last and last[0].endswith("n") and last[0].islower():
                            word = _ding_word(last[0])
                    if word is None:
                        continue
                    if "pl" in tags and not any(t in DING_TAG_UPOS for t in tags):
                        if index == 0:
                            plural_only.add(_key(word))
                            vocab.add(word, "NOUN")
                        elif index == 1:
                            heads = subs[0].split("; ")
                            head = _ding_word(heads[position]) if position < len(heads) else None
                            if head is not None:
                                vocab.add_plural(head, word)
                        continue
                    pos = next((DING_TAG_UPOS[t] for t in tags if t in DING_TAG_UPOS), None)
                    if pos is None and (index > 0 or not word[0].isupper()):
                        continue  # untagged: inflected forms and phrase fragments
                    if pos in (None, "NOUN") and _DING_PLACE.search(item):
                        pos = "PROPN"  # Moskau, Spree, Cher: place names
                    regular.add(_key(word))
                    vocab.add(word, pos)
    vocab._plural_only = plural_only - regular
    return vocab


_DING_SLOTS = re.compile(r"^(?:(?:der|die|das|sich|jdn\.|jdm\.|jds\.|etw\.|jdn\./etw\.)\s+)+")


def _ding_word(item: str) -> str | None:
    """The single word of a Ding synonym without its tags, labels, comments and slots."""
    word = _DING_BRACKETS.sub("", item).strip()
    word = _DING_SLOTS.sub("", word)
    return word if _DING_WORD.match(word) else None


# ---------------------------------------------------------------------------------------------
# Linguistic data


@dataclass(frozen=True)
class Part:
    """One part of a compound: `part` as written in the word (linking element included:
    "Kriegs"), `lemma` its dictionary form ("Krieg"), `link` the Fugenelement ("s") or "-" for
    a hyphen, "" for none. `pos` is the part's UPOS as the dictionary knows it (for its gloss:
    Militär the noun, not the officer), not part of equality."""

    part: str
    lemma: str
    link: str = ""
    pos: str = field(default="", compare=False)
    # The part's own split one level down, when it is a compound itself: Krankenhaus in
    # Krankenhaus|aufenthalt is Kranken|haus. Spelt as the part's lemma, not as written.
    parts: tuple[Part, ...] = ()


def flat_parts(parts: Iterable[Part]) -> list[Part]:
    """The full decomposition of a split: every part's inner parts in its place
    (Krankenhaus|aufenthalt -> Kranken|haus|aufenthalt)."""
    out: list[Part] = []
    for part in parts:
        out.extend(flat_parts(part.parts) if part.parts else [part])
    return out


# Fugenelemente after a modifier (the base noun is a headword), with a penalty: the commoner
# ones cost less. The umlauting ones (Buch -> Bücher-, Gast -> Gäste-) are tried separately.
_LINKS = (
    ("s", 0.1),
    ("es", 0.35),
    ("n", 0.15),
    ("en", 0.2),
    ("er", 0.3),
    ("e", 0.35),
    ("ens", 0.5),
    ("ns", 0.4),
    ("nen", 0.5),
)
_UMLAUT_LINKS = (("er", 0.4), ("e", 0.45))
# Inflection endings a head may carry (the word is given as written in the text).
# Shortest first: Drohnen is Drohne + n before it is Drohn + en.
_HEAD_ENDINGS = ("e", "n", "s", "en", "er", "es", "em", "ns", "ern", "nen")
_UMLAUT_HEAD_ENDINGS = ("e", "er", "ern", "en")


# Which endings a word has depends only on its last three letters (no ending is longer):
# looked up once per tail instead of an endswith() per ending per stretch, which was a fifth
# of the splitter's time.
@functools.cache
def _head_endings(tail: str) -> tuple[str, ...]:
    return tuple(e for e in _HEAD_ENDINGS if tail.endswith(e))


@functools.cache
def _link_endings(tail: str) -> tuple[tuple[str, float], ...]:
    return tuple((link, pen) for link, pen in _LINKS if tail.endswith(link))


@functools.cache
def _any_link_endings(tail: str) -> tuple[str, ...]:
    return tuple(link for link, _ in _LINKS + _UMLAUT_LINKS if tail.endswith(link))


def _has_umlaut(text: str) -> bool:
    return "ä" in text or "ö" in text or "ü" in text


# Prepositions, verb particles and prefixes never make a compound's modifier: Umwelt, Vorstand,
# Ausgang, Abstand are derived from particle verbs or lexicalised, and their parts would mislead.
_NO_MODIFIER = frozenset(
    """
ab an auf aus bei durch ein für gegen hinter mit nach neben ob über um unter vor wider zu rück
zwischen außer entgegen zurück voraus vorbei zusammen vorher nachher her hin wieder wie weg
ge be er ver zer ent emp kilo milli zenti dezi hekto mega giga tera mikro nano
miss un ur der die das den dem des ein eine einer eines einem einen und oder als so nicht
wer was wie wo sein mein dein ihr unser euer man wir ich du sie es
""".split()
)
# Heads that are homographs of derivational suffixes: Wirt+schaft is a derivation, not Schaft.
# "ei" ends Bäckerei, Partei and Türkei far more often than it means an egg, "dung" ends
# Landung and Meldung (-ung), "ion" Infektion, "elle" Kapelle.
# Adjective heads that are homographs of adjective suffixes: offen+bar is a derivation (bar
# "in cash" is no head), as is sicht+bar; Hotelbar (the noun) is a compound.
_NO_ADJ_HEAD = frozenset({"bar", "lich", "isch", "sam", "haft"})
_NO_HEAD = frozenset(
    {
        "schaft",
        "schaften",
        "ling",
        "linge",
        "tum",
        "heit",
        "keit",
        "ung",
        "nis",
        "ei",
        "ion",
        "elle",
        "dung",
    }
)
# Lexicalised words a learner would misread from their parts ("Tag" as an old word for an
# assembly, not "day"; Hochzeit is no "high time").
LEXICALISED = frozenset(
    {
        "bundestag",
        "landtag",
        "reichstag",
        "kreistag",
        "hochzeit",
        "frühstück",
        # Weekdays: Freitag is Frija's day, not a free day.
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "sonnabend",
        "alltag",
        "eichhörnchen",
        "maulwurf",
        "walross",
        "junggeselle",
    }
)
# Two-letter nouns that really occur as compound parts (Ölpreis, Eigelb); other two-letter
# "headwords" (Ar, Au, Os) are noise inside longer words.
_SHORT_OK = frozenset({"öl", "ei", "eu", "uno", "usa"})

MIN_PART = 3
MAX_WORD = 80
# A headword stays whole when it is this many Zipf points more frequent than its rarest part.
LEXICALISED_MARGIN = 1.0
MAX_PARTS = 8
_UMLAUT = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})
_WORD_CHARS = re.compile(r"^[A-Za-zÄÖÜäöüßẞéèêáàâçñ]+$")
_SEGMENT_CHARS = re.compile(r"^[A-Za-zÄÖÜäöüßẞéèêáàâçñ0-9]+$")


def _deumlaut(text: str) -> str:
    # Only the last umlaut changes in a plural (Mütter -> Mutter, Bäume -> Baum; äu -> au).
    for i in range(len(text) - 1, -1, -1):
        if text[i] in "äöü":
            return text[:i] + text[i].translate(_UMLAUT) + text[i + 1 :]
    return text


# How much rarer (in Zipf points) than the adjective the verb's own forms may be for a stem
# spelt like an adjective to be taken as the verb: reich 4.93 / reichte 4.14 (verb), kühl 3.93 /
# gekühlt 3.2 (verb), leer 4.6 / geleert 3.22 and laut 5.23 / lautete 3.94 (adjective).
VERB_STEM_MARGIN = 1.0


def _verb_in_use(stem: str) -> bool:
    """The weak verb on `stem` is used about as often as the adjective spelt like its stem,
    judged by the preterite and participle (reich-te, ge-reich-t), which no adjective shares."""
    e = "e" if stem.endswith(("t", "d")) else ""
    verb_only = max(zipf(stem + e + "te"), zipf("ge" + stem + e + "t"))
    return verb_only > 0 and verb_only >= zipf(stem) - VERB_STEM_MARGIN


def _name_derivation_bases(s: str) -> list[str]:
    """What the lowercase word would be made from if it were a person or an adjective of a
    name ending in a vowel: -ner and -nisch after a vowel (Korea-ner, Afrika-nisch), inflected
    or not. nordkoreanischer -> nordkorea."""
    if "ner" not in s and "nisch" not in s:
        return []
    bases = []
    for inflection in ("", "e", "en", "er", "es", "em", "n", "s", "nen"):
        stem = s[: -len(inflection)] if inflection else s
        for suffix in ("ner", "nerin", "nisch"):
            base = stem[: -len(suffix)]
            if stem.endswith(suffix) and len(base) >= MIN_PART and base[-1] in "aeiou":
                bases.append(base)
    return bases


def _short_penalty(key: str) -> float:
    if len(key) <= 2:
        return 0.0 if key in _SHORT_OK else 9.0
    if len(key) == 3:
        return 1.0
    if len(key) == 4:
        return 0.3
    return 0.0


# An analysis of one stretch of the word: (written, lemma key, class, link, penalty).
_Unit = tuple[str, str, str, str, float]


class CompoundSplitter:
    """Splits words against one vocabulary, memoising everything it works out."""

    def __init__(self, vocab: Vocabulary | _PredicateVocabulary):
        self.vocab = vocab
        self._cache: dict[tuple[str, str | None, str | None], list[Part] | None] = {}
        # Memoised per splitter (not per class), so a document's vocabulary and its memos go
        # away together.
        self._modifier = functools.lru_cache(maxsize=200_000)(self._modifier)
        self._head = functools.lru_cache(maxsize=200_000)(self._head)
        self._modifiers = functools.lru_cache(maxsize=200_000)(self._modifiers)

    # -- analyses of single stretches ---------------------------------------------------------

    def _modifier(self, s: str) -> tuple[_Unit, ...]:
        """Ways the lowercase stretch `s` can be a modifier, best (least penalty) first."""
        out: list[_Unit] = []
        classes = self.vocab.classes
        if s in _NO_MODIFIER:
            return ()

        def ok(key: str) -> bool:
            return len(key) >= MIN_PART or key in _SHORT_OK

        found = classes(s)
        for cls in (ADJ, NOUN, NAME):
            if cls in found and ok(s):
                out.append((s, s, cls, "", 0.0))
                if cls == NOUN:
                    break  # a name reading adds nothing to a noun's
        for link, pen in _link_endings(s[-3:]):
            base = s[: -len(link)]
            if not ok(base) or base in _NO_MODIFIER:
                continue
            if link in ("n", "ns") and not base.endswith(("e", "el", "er")):
                continue
            if link.startswith("s") and base.endswith(("s", "x", "z", "sch", "ß")):
                continue
            if NOUN in classes(base):
                out.append((s, base, NOUN, link, pen))
        for link, pen in _UMLAUT_LINKS:
            base = s[: -len(link)]
            if s.endswith(link) and _has_umlaut(base):
                plain = _deumlaut(base)
                if ok(plain) and NOUN in classes(plain):
                    out.append((s, plain, NOUN, link, pen))
        # -s in place of a final -e: Hilfs- (Hilfe), Geschichts- (Geschichte).
        if s.endswith("s") and ok(s[:-1]) and NOUN in classes(s[:-1] + "e"):
            out.append((s, s[:-1] + "e", NOUN, "s", 0.4))
        # Elision: Schul- (Schule), Sprach- (Sprache).
        if ok(s) and NOUN in classes(s + "e"):
            out.append((s, s + "e", NOUN, "", 0.3))
        # An adjective that only exists inflected, commoner than the noun spelt like its stem:
        # Ober- in Oberbürgermeisterin is obere "upper", not der Ober "waiter".
        if ok(s) and ADJ in classes(s + "e") and ADJ not in found and zipf(s + "e") > zipf(s):
            out = [u for u in out if u[1] != s]
            out.append((s, s + "e", ADJ, "", 0.2))
        # Verb stems: Schreib- (schreiben), Wander- (wandern), Lese- (lesen). Three-letter stems
        # (geh-, seh-) are mostly accidents inside longer words (Gehalt is no geh- + Alt).
        if len(s) >= 4:
            if VERB in classes(s + "en"):
                out.append((s, s + "en", VERB, "", 0.4))
            elif s.endswith(("e", "el", "er")) and VERB in classes(s + "n"):
                out.append((s, s + "n", VERB, "", 0.4))
        # Latin and Greek plurals as modifiers: Themen- (Thema), Zentren- (Zentrum).
        if s.endswith("en") and len(s) > 4:
            for ending in ("a", "um", "on"):
                base = s[:-2] + ending
                if NOUN in classes(base):
                    out.append((s, base, NOUN, "", 0.4))
        verbs = [u for u in out if u[2] == VERB]
        if verbs and any(u[2] == ADJ and u[1] == s for u in out) and _verb_in_use(s):
            # An adjective that is also the stem of a verb in common use: Reich- in Reichweite
            # is reichen ("how far it reaches"), not reich "rich", Kühl- in Kühlschrank is
            # kühlen. The verb counts only by the forms no adjective has (reichte, gereicht):
            # reichen is also the adjective's inflection. Weißwein keeps weiß (weißte is rare).
            # The noun readings of the same letters go too (Kühle, the coolness).
            out = [u for u in out if u[2] == VERB or u[3]]
        nouns = [u for u in out if u[2] == NOUN and u[1] == s]
        if verbs and nouns and zipf(verbs[0][1]) > zipf(s) + 0.3:
            # A verb stem and a noun spelt alike: the clearly commoner word wins (Stör- is
            # stören, not the sturgeon; Kauf- is kaufen; Spiel- stays Spiel).
            out = [u for u in out if u not in nouns]
        bare = [u for u in out if u[3] == "" and u[1] == s]
        linked = [u for u in out if u[3] and u[2] == NOUN and s == u[1] + u[3]]
        if bare and linked and zipf(linked[0][1]) > zipf(s):
            # The same letters as a word of their own or as a commoner noun + Fugenelement:
            # Renten- is Rente + n, Liebes- is Liebe + s; Bürger- stays Bürger (Burg is rarer).
            out = [u for u in out if u not in bare]
        if s.endswith("s") and any(u[3] in ("s", "es", "ns") for u in out):
            # Adverbs in -s are old genitives of the noun: Rechts- is Recht + s (Rechtsstaat),
            # Namens- is Name + ns.
            out = [u for u in out if not (u[3] == "" and u[2] == ADJ)]
        out.sort(key=lambda u: u[4])
        return tuple(out)

    def _head(self, s: str, want: frozenset[str], inflected: bool) -> tuple[_Unit, ...]:
        """Ways `s` can be the head of a word of class `want` (inflected if it ends the word)."""
        if s in _NO_HEAD or self.vocab.is_named(s):
            return ()
        classes = self.vocab.classes
        out: list[_Unit] = []
        for cls in (NOUN, ADJ):
            if cls in want and cls in classes(s) and (len(s) >= MIN_PART or s in _SHORT_OK):
                if not (cls == ADJ and s in _NO_ADJ_HEAD):
                    out.append((s, s, cls, "", 0.0))
        if inflected and not out:
            for ending in _head_endings(s[-3:]):
                base = s[: -len(ending)]
                if len(base) < MIN_PART or base in _NO_HEAD:
                    continue
                for cls in (NOUN, ADJ):
                    if cls in want and cls in classes(base):
                        if not (cls == ADJ and base in _NO_ADJ_HEAD):
                            out.append((s, base, cls, "", 0.15))
                if ending in _UMLAUT_HEAD_ENDINGS and _has_umlaut(base):
                    plain = _deumlaut(base)
                    if NOUN in want and NOUN in classes(plain):
                        out.append((s, plain, NOUN, "", 0.3))
        out.sort(key=lambda u: u[4])
        return tuple(out)

    def _score(self, unit: _Unit) -> float:
        frequency = zipf(unit[1])
        if OTHER in self.vocab.classes(unit[1]):
            # wordfreq cannot tell Samt from samt ("together with"): when the string is also a
            # function word, most of its frequency is not the noun's.
            frequency -= 1.5
        return frequency - _short_penalty(unit[1]) - unit[4]

    # -- chains ----------------------------------------------------------------------------------

    def _modifiers(self, s: str) -> dict[int, tuple[float, tuple[_Unit, ...]]]:
        """Chains of modifiers spelling out `s`: for each number of parts, the best by summed
        part score. A stretch that is a known modifier as a whole is taken whole ("prefer
        longer known parts": mehrfach stays one part, not mehr + fach)."""
        whole = self._modifier(s)
        if whole:
            return {1: (self._score(whole[0]), (whole[0],))}
        best: dict[int, tuple[float, tuple[_Unit, ...]]] = {}
        for j in range(2, len(s) - 1):
            last = self._modifier(s[j:])
            if not last:
                continue
            score = self._score(last[0])
            for k, (total, units) in self._modifiers(s[:j]).items():
                if k + 1 > MAX_PARTS:
                    continue
                if k + 1 not in best or total + score > best[k + 1][0]:
                    best[k + 1] = (total + score, units + (last[0],))
        return best

    def _binary(
        self,
        s: str,
        want: frozenset[str],
        inflected: bool,
        head_lemma: str | None,
        uninflected: bool = False,
    ):
        """Best (modifiers, head) analysis of the lowercase word `s`, or None.

        Fewer parts first (known parts are taken whole and split later if transparent, so this
        is "prefer longer known parts": Krieg+s+Eintritt, not Krieg+Sein+Tritt), then the mean
        score of the parts (the geometric mean of their frequencies, as in Koehn & Knight
        2003: Arbeit+s+Amt, not Arbeit+Samt).
        """
        best = None
        for j in range(2, len(s) - 1):
            right = s[j:]
            heads = self._head(right, want, inflected)
            if head_lemma and inflected and not heads:
                # The tagger's lemma minus the modifiers (Artilleriegeschütze: lemma
                # Artilleriegeschütz -> head Geschütz).
                if head_lemma.startswith(s[:j]) and len(head_lemma) - j >= MIN_PART:
                    key = head_lemma[j:]
                    found = self.vocab.classes(key) & want
                    if found and key not in _NO_HEAD:
                        heads = ((right, key, sorted(found)[0], "", 0.1),)
            if uninflected and heads and self._infinitive_head(right, heads):
                heads = ((right, right, NOUN, "", 0.1),)
            if not heads:
                continue
            head_score = self._score(heads[0])
            for k, (total, units) in self._modifiers(s[:j]).items():
                rank = (-k, (total + head_score) / (k + 1))
                if best is None or rank > best[0]:
                    best = (rank, units, heads[0])
        return best

    def _infinitive_head(self, right: str, heads: tuple[_Unit, ...]) -> bool:
        """In a headword written as it stands in the dictionary, which the tagger too calls
        uninflected, a head ending in -n that is a verb is the verb as a noun (das Rasseln),
        not another noun's plural: Säbelrasseln is Säbel + rasseln, not Säbel + Rassel(n).
        Only for headwords, since taggers leave some plurals as they are (Anlagenversuchen:
        Versuch(en), not versuchen), and only where the verb is the commoner word."""
        return (
            right.endswith("n")
            and all(u[1] != right for u in heads)
            and VERB in self.vocab.classes(right)
            and zipf(right) > zipf(heads[0][1])
        )

    def _expand(self, unit: _Unit, depth: int) -> _Tree:
        """A known part with its own split one level down when it is a transparent compound
        itself (Raketen|werfer in Mehrfach|raketenwerfer), spelt as its lemma."""
        written, lemma, cls, link, pen = unit
        if depth > 4 or len(lemma) < 2 * MIN_PART:
            return (unit, ())
        inner = self._split_known(lemma, frozenset({cls}), depth + 1)
        return (unit, tuple(inner) if inner else ())

    def _split_known(
        self,
        s: str,
        want: frozenset[str],
        depth: int,
        inflected: bool = False,
        uninflected: bool = False,
    ) -> list[_Tree] | None:
        """Immediate parts of `s` (lowercase, a lemma), each with its own split, or None when
        it is no (transparent) compound."""
        if s in LEXICALISED:
            return None
        found = self._binary(s, want, inflected=inflected, head_lemma=None, uninflected=uninflected)
        if found is None:
            return None
        _, mods, head = found
        trees = [self._expand(unit, depth) for unit in (*mods, head)]
        if self.vocab.classes(s) and self._lexicalised(s, _leaves(trees)):
            return None
        return trees

    def _lexicalised(self, whole: str, units: list[_Unit]) -> bool:
        # A three-letter part or an elided/linked form is weaker evidence (Spree+Cher in
        # Sprecher), hence the small penalties.
        rarest = min(zipf(u[1]) - u[4] - (0.5 if len(u[1]) <= 3 else 0.0) for u in units)
        return zipf(whole) - rarest > LEXICALISED_MARGIN

    def _opaque(self, whole: str, trees: list[_Tree]) -> bool:
        """The dictionary glosses the whole word, and no gloss of it shares a word with a gloss
        of any of its parts: its meaning is not made of theirs (Krankenhaus "hospital" is no
        ill house, Handschuh "glove" no shoe, Augenblick "moment" no look), so the parts would
        mislead. Bau|leiter "site manager" (Leiter: manager) and Land|kreis "county, district"
        (Kreis: district) share one and stay split. Unknown glosses decide nothing."""
        mine = self.vocab.gloss_words(whole)
        if not mine:
            return False
        for tree in _nodes(trees):
            theirs = self.vocab.gloss_words(tree[0][1])
            if not theirs:
                return False  # a part without glosses (a name, an acronym): cannot tell
            if _share_a_word(mine, theirs):
                return False
        return True

    # -- whole words -----------------------------------------------------------------------------

    def split(self, word: str, lemma: str | None = None, pos: str | None = None):
        key = (word, lemma, pos)
        if key in self._cache:
            return self._cache[key]
        if len(self._cache) > 500_000:
            self._cache.clear()
        try:
            result = self._split_word(word, lemma, pos)
        except RecursionError:  # pragma: no cover - defensive: never crash the pipeline
            result = None
        self._cache[key] = result
        return result

    def _want(self, word: str, pos: str | None) -> frozenset[str]:
        if pos in ("ADJ", "ADV"):
            return frozenset({ADJ})
        if pos in ("NOUN", "PROPN"):
            return frozenset({NOUN})
        if word.isupper():
            return frozenset({NOUN, ADJ})
        return frozenset({NOUN}) if word[:1].isupper() else frozenset({ADJ})

    def _split_word(self, word: str, lemma: str | None, pos: str | None) -> list[Part] | None:
        if not word or len(word) > MAX_WORD:
            return None
        want = self._want(word, pos)
        if "-" in word:
            return self._split_hyphenated(word, want)
        if not _WORD_CHARS.match(word):
            return None  # digits, gender stars, URLs, apostrophes: not ours to split
        if not (word.isupper() or word[1:].islower()):
            return None  # iPhone, McDonald, DDoS: names and brands
        units = self._split_segment(word, want, lemma)
        return self._parts(word, units) if units else None

    def _split_segment(self, word: str, want, lemma: str | None) -> list[_Tree] | None:
        s = word.lower()
        if len(s) < 2 * MIN_PART - 1 or s in LEXICALISED:
            return None
        lemma_key = lemma.lower() if lemma else None
        if lemma_key in LEXICALISED:
            return None
        if self._is_name(s) or self._is_verb_noun(s):
            return None
        # The whole word is a headword (or an inflected form of one): a split must pass the
        # lexicalisation tests.
        whole = self._whole_lemma(s, want, lemma_key)
        if whole is not None:
            if whole in LEXICALISED or whole != s and self._is_name(whole):
                return None
            # Inflected heads allowed: some dictionaries list plurals (Energiepreise {pl}).
            inner = self._split_known(
                whole, want, 0, inflected=True, uninflected=whole == s and lemma_key == s
            )
            if inner is None or self._opaque(whole, inner):
                return None
            # Written parts come from the word, the head's lemma from the known whole.
            cut = sum(len(tree[0][0]) for tree in inner[:-1])
            if s[:cut] != whole[:cut]:
                return None
            last, below = inner[-1]
            return [*inner[:-1], ((s[cut:], last[1], last[2], last[3], last[4]), below)]
        found = self._binary(s, want, inflected=True, head_lemma=lemma_key)
        if found is None:
            return None
        _, mods, head = found
        if want == frozenset({NOUN}) and _looks_like_a_place(mods, head):
            return None
        return [self._expand(unit, 0) for unit in (*mods, head)]

    def _is_verb_noun(self, s: str) -> bool:
        """Vollendung is vollenden + -ung, not voll + Endung, and die Vorsitzende is the
        present participle of vorsitzen, not Vorsitz + Ende: the noun of a known verb is a
        derivation, and its parts would mislead."""
        for ending in ("ungen", "ung"):
            if s.endswith(ending):
                stem = s[: -len(ending)]
                return any(VERB in self.vocab.classes(stem + e) for e in ("en", "n", "ern", "eln"))
        return any(VERB in self.vocab.classes(verb) for verb in _participle_verbs(s))

    def _is_name(self, s: str) -> bool:
        """Deutschland, Frankreich, and the -er words made from place names (Brandenburger,
        Berlinern): names, not compounds of Brand + Burger."""
        classes = self.vocab.classes
        if NAME in classes(s) and NOUN not in classes(s):
            return True
        for ending in ("er", "ern", "ers", "erin", "erinnen", "erisch", "erische"):
            base = s[: -len(ending)]
            if s.endswith(ending) and len(base) >= MIN_PART and NAME in classes(base):
                return True
        return self._is_name_derivation(s)

    def _is_name_derivation(self, s: str) -> bool:
        """Nordkoreaner, nordkoreanisch(e/er/en) are made from Nordkorea as a whole, so
        nord + koreanisch would misstate them (see `_name_derivation_bases`). The dictionary
        may list the name as a plain noun, so any noun or name counts as the base here."""
        return any(self.vocab.classes(base) & {NOUN, NAME} for base in _name_derivation_bases(s))

    def _whole_lemma(self, s: str, want, lemma_key: str | None) -> str | None:
        classes = self.vocab.classes
        if classes(s) & want:
            return s
        if lemma_key and classes(lemma_key) & want and lemma_key[:3] == s[:3]:
            return lemma_key
        heads = self._head(s, want, True)
        return heads[0][1] if heads and heads[0][1] != s else None

    def _split_hyphenated(self, word: str, want) -> list[Part] | None:
        segments = word.split("-")
        if len(segments) > 6 or any(len(seg) < 2 for seg in segments):
            return None  # E-Mail, U-Bahn, "Ein- und Ausfuhr": not a hyphenated compound
        if not all(_SEGMENT_CHARS.match(seg) for seg in segments):
            return None
        if not any(c.isalpha() for c in segments[-1]):
            return None  # 2020-2021, 5-10
        parts: list[Part] = []
        for i, seg in enumerate(segments):
            last = i == len(segments) - 1
            units = None
            if seg.isalpha() and (seg.isupper() or seg[1:].islower()):
                units = self._split_segment(seg, want if last else ANY, None)
            if units:
                seg_parts = self._parts(seg, units)
            else:
                seg_parts = [Part(seg, self._segment_lemma(seg, want, last))]
            if not last:
                tail = seg_parts[-1]
                seg_parts[-1] = Part(tail.part + "-", tail.lemma, tail.link or "-", tail.pos)
            parts.extend(seg_parts)
        return parts

    def _segment_lemma(self, seg: str, want, last: bool) -> str:
        """A hyphenated segment's lemma: its headword if known (Drohnen -> Drohne), else as is
        (names and acronyms: Pjöngjang, US, Nato)."""
        key = seg.lower()
        if not seg.isalpha() or (seg.isupper() and len(seg) <= 4):
            return seg
        found = self.vocab.classes(key)
        if found & {NOUN, ADJ}:
            return seg  # as written: Nato stays Nato, not the dictionary's NATO
        if last:
            heads = self._head(key, want | {NOUN}, True)
            if heads:
                return self._cased(self.vocab.spelling(heads[0][1], heads[0][2]), seg)
        return seg

    @staticmethod
    def _cased(spelling: str, written: str) -> str:
        if written[:1].isupper() and spelling[:1].islower() and written[1:].islower():
            return spelling[:1].upper() + spelling[1:]
        return spelling

    def _parts(self, word: str, trees: list[_Tree]) -> list[Part] | None:
        if len(trees) < 2:
            return None
        parts = []
        pos = 0
        for (written, lemma, cls, link, _), below in trees:
            text = word[pos : pos + len(written)]
            pos += len(written)
            spelling = self.vocab.spelling(lemma, cls)
            inner = tuple(self._parts(spelling, list(below)) or ()) if below else ()
            parts.append(Part(text, spelling, link, _CLASS_POS.get(cls, ""), inner))
        if pos != len(word):  # pragma: no cover - a bug in the mapping: better no split
            return None
        return parts


# A split into parts, each with its own split one level down.
_Tree = tuple[_Unit, tuple["_Tree", ...]]


def _leaves(trees: Iterable[_Tree]) -> list[_Unit]:
    out: list[_Unit] = []
    for unit, below in trees:
        out.extend(_leaves(below) if below else [unit])
    return out


def _nodes(trees: Iterable[_Tree]) -> list[_Tree]:
    out: list[_Tree] = []
    for tree in trees:
        out.append(tree)
        out.extend(_nodes(tree[1]))
    return out


_GLOSS_STOP = frozenset(
    "a an the of to and or in on for by with at from sb sth sb's sth's one's oneself be".split()
)


def gloss_words(glosses: Iterable[str]) -> frozenset[str]:
    """The English content words of some glosses, lowercase: what two glosses can share."""
    words = set()
    for gloss in glosses:
        for word in re.findall(r"[a-z]+", _DING_BRACKETS.sub(" ", gloss).lower()):
            if len(word) >= 3 and word not in _GLOSS_STOP:
                words.add(word)
    return frozenset(words)


def _share_a_word(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """Some word of each is the same word, give or take an ending (chancellor, chancellery;
    manager, management), or is part of the other's English compound (mother, grandmother;
    keeper, goalkeeper; glasses, sunglasses)."""
    if mine & theirs:
        return True
    for a in mine:
        for b in theirs:
            if len(b) >= 4 and b in a or len(a) >= 4 and a in b:
                return True
            short = min(len(a), len(b))
            n = 0
            while n < short and a[n] == b[n]:
                n += 1
            if n >= 5 and n >= short - 3:
                return True
    return False


# Heads that make place and family names far more often than common nouns, as the last part
# of a capitalised word the dictionary does not list as a whole: Kugel|mann, Falken|see,
# Meer|busch, Breis|gau|er, Rosen|berg|er. Common compounds on them are mostly listed
# (Kaufmann, Stausee, Weinberg) and are then not judged by this. -heim, -stadt and -mann make
# common nouns with a Fugenelement (Alters|heim, Universitäts|stadt), so only bare ones count.
_PLACE_HEADS = frozenset(
    "hausen ingen dorf burg berg see gau busch bach rode stedt hofen brunn furt born hagen "
    "heim stadt mann".split()
)
_PLACE_HEADS_BARE = frozenset({"heim", "stadt", "mann"})


# After a name, these heads make the name of a street, church or other place: Isar|straße,
# Christus|gemeinde, Luther|kirche, Goethe|schule (Moskau|reise stays a compound).
_NAMED_PLACE_HEADS = frozenset(
    "straße strasse allee weg gasse platz ring damm ufer brücke kirche gemeinde schule park "
    "tal insel turm tor bahnhof".split()
)


def _looks_like_a_place(mods: Iterable[_Unit], head: _Unit) -> bool:
    mods = list(mods)
    if head[1] in _NAMED_PLACE_HEADS and any(u[2] == NAME for u in mods):
        return True
    # The head as written counts too: Wildes|hausen is no plural of Haus.
    name = head[1] if head[1] in _PLACE_HEADS else head[0]
    if name not in _PLACE_HEADS:
        return False
    return name not in _PLACE_HEADS_BARE or all(not u[3] for u in mods)


def split_compound(
    word: str,
    is_word: Callable[[str], bool] | Vocabulary,
    *,
    lemma: str | None = None,
    pos: str | None = None,
) -> list[Part] | None:
    """Split a German noun or adjective into its parts, or None if it is no compound.

    `is_word` is a `Vocabulary` (knows classes and spellings: best), or any predicate such as
    `Lexicon.is_word` (every known word may then be of any class). `lemma` is the tagger's
    lemma of the whole word (helps with inflected heads), `pos` its UPOS (NOUN or ADJ; guessed
    from the capital letter otherwise).
    """
    if isinstance(is_word, Vocabulary):
        splitter = is_word.splitter
    else:
        splitter = _predicate_splitter(is_word)
    return splitter.split(word, lemma, pos)


@functools.lru_cache(maxsize=4)
def _predicate_splitter(is_word: Callable[[str], bool]) -> CompoundSplitter:
    # Bound methods compare and hash by their object, so `lexicon.is_word` finds its splitter
    # (and its memos) again on the next call.
    return CompoundSplitter(_PredicateVocabulary(is_word))


def candidate_substrings(word: str, lemma: str | None = None) -> set[str]:
    """Every lexicon key the splitter may ask about for this word (lowercase).

    Fetch these for a document's nouns and adjectives with one `Lexicon.lookup_many` call and
    split against `Vocabulary.from_entries(result)`. `vocabulary_for` gets the same splits
    from far fewer keys (a few calls instead of one); the pipeline uses that.
    """
    keys: set[str] = set()
    for seg in _segments(word, lemma):
        for i in range(len(seg)):
            _add_keys_at(seg, i, keys)
    return keys


def _segments(word: str, lemma: str | None) -> list[str]:
    out = []
    for text in (word, lemma):
        if text and len(text) <= MAX_WORD:
            out.extend(seg for seg in text.lower().split("-") if seg)
    return out


def _add_keys_at(s: str, i: int, keys: set[str], stop: int | None = None) -> None:
    """Keys for every part of `s` that starts at position i (and ends by `stop`)."""
    n = len(s)
    for j in range(i + 2, (n if stop is None else stop) + 1):
        sub = s[i:j]
        keys.add(sub)
        keys.add(sub + "e")
        if j < n:  # a modifier: Fugenelement stripped, elided -e, verb stem, Latin plural
            keys.add(sub + "en")
            keys.add(sub + "n")
            for link in _any_link_endings(sub[-3:]):
                if len(sub) - len(link) >= 2:
                    base = sub[: -len(link)]
                    keys.add(base)
                    keys.add(_deumlaut(base))
            if sub.endswith("en"):
                keys.update(sub[:-2] + e for e in ("a", "um", "on"))
        else:  # the head: inflection endings stripped
            for ending in _head_endings(sub[-3:]):
                if len(sub) - len(ending) >= 2:
                    base = sub[: -len(ending)]
                    keys.add(base)
                    keys.add(_deumlaut(base))


def _participle_verbs(s: str) -> list[str]:
    """The verbs a lowercase noun in -ende(n/r/s/m) would be the present participle of:
    vorsitzende -> vorsitzen, reisenden -> reisen."""
    for inflection in ("", "n", "r", "s", "m"):
        stem = s[: -len(inflection)] if inflection else s
        if stem.endswith("ende") and len(stem) > 7:
            return [stem[:-2]]  # vorsitzende -> vorsitzen, wandernde -> wandern
    return []


def _add_head_keys(s: str, keys: set[str]) -> None:
    keys.update(_name_derivation_bases(s))  # Nordkoreaner: is Nordkorea a word?
    keys.update(_participle_verbs(s))  # Vorsitzende: is vorsitzen a verb?
    for ending in ("ungen", "ung"):  # the verb of a noun in -ung (Vollendung, vollenden)
        if s.endswith(ending):
            stem = s[: -len(ending)]
            keys.update(stem + e for e in ("en", "n", "ern", "eln"))
            break
    endings = _head_endings(s[-3:])  # every ending of s ends like s
    for j in range(len(s) - 1):
        sub = s[j:]
        keys.add(sub)
        for ending in endings:
            if len(sub) - len(ending) >= 2:
                base = sub[: -len(ending)]
                keys.add(base)
                keys.add(_deumlaut(base))


def vocabulary_for(
    words: Iterable[tuple[str, str | None]],
    fetch: Callable[[set[str]], Mapping[str, Iterable[object]]],
    max_rounds: int = 8,
) -> Vocabulary:
    """A Vocabulary with every headword the splitter needs for these (word, lemma) pairs.

    `fetch(keys)` is `Lexicon.lookup_many` or anything like it (key -> entries). Instead of
    every substring of every word, it asks in rounds: first for the parts that start a word,
    then for the parts that start where a known part ends (Bundes|verfassungs|gericht: 3
    positions instead of 24), so a document costs a few calls with a fraction of the keys.
    """
    vocab = Vocabulary()
    segments = {seg for word, lemma in words for seg in _segments(word, lemma)}
    # Round one: the possible heads (every ending of the word, inflection stripped). A word
    # without one is no compound, and most words of a text drop out here.
    asked: set[str] = set()
    for seg in segments:
        _add_head_keys(seg, asked)
    if asked:
        vocab.add_entries(fetch(set(asked)))
    probe = CompoundSplitter(vocab)
    heads = frozenset({NOUN, ADJ})
    explored: dict[str, set[int]] = {}
    frontier: dict[str, set[int]] = {}
    # Modifiers end where a head begins, so no part needs asking about beyond the last place
    # a head can begin.
    stop: dict[str, int] = {}
    for seg in segments:
        starts = [j for j in range(2, len(seg) - 1) if probe._head(seg[j:], heads, True)]
        if starts:
            explored[seg] = {0}
            frontier[seg] = {0}
            stop[seg] = max(starts)
    for _ in range(max_rounds):
        if not frontier:
            break
        keys: set[str] = set()
        for seg, positions in frontier.items():
            for i in positions:
                _add_keys_at(seg, i, keys, stop[seg])
        keys -= asked
        asked |= keys
        if keys:
            vocab.add_entries(fetch(keys))
        # Where do known parts end? A throwaway splitter: its memos see this round's words.
        probe = CompoundSplitter(vocab)
        next_frontier: dict[str, set[int]] = {}
        for seg, positions in frontier.items():
            for i in positions:
                for j in range(i + 2, stop[seg]):
                    if j not in explored[seg] and probe._modifier(seg[i:j]):
                        explored[seg].add(j)
                        next_frontier.setdefault(seg, set()).add(j)
        frontier = next_frontier
    return vocab


# ---------------------------------------------------------------------------------------------
# spaCy component

SPLIT_POS = frozenset({"NOUN", "ADJ"})
# Common nouns that put a name right after them, without an article (close apposition):
# Hotel "Ladenmühle", Firma Wintergartenbau, Pizzeria Waldhorn, mit dem Namen Sonnendüne.
NAME_INTRODUCERS = frozenset(
    "hotel firma pizzeria restaurant gasthof gasthaus gaststätte café cafe kneipe bar laden "
    "bäckerei metzgerei praxis klinik verein marke name namen ferienwohnung pension schiff "
    "zeitung magazin sender band projekt aktion".split()
)
_QUOTES = frozenset("\"„“”‚‘’'»«")


def named_by_context(token) -> bool:
    """The sentence says this capitalised word is (part of) a name: it follows a noun that
    introduces names (Pizzeria Waldhorn, Hotel "Ladenmühle"), or a capitalised adjective inside
    the sentence (der Mecklenburgischen Seenplatte, die Europäische Zentralbank). The -er
    adjectives of places (Berliner, Münchner) are always capitalised and say nothing."""
    if token.pos_ != "NOUN" or not token.text[:1].isupper():
        return False
    before = token.nbor(-1) if token.i > 0 else None
    if before is not None and before.text in _QUOTES and before.i > 0:
        before = before.nbor(-1)
    if before is None:
        return False
    if before.pos_ == "NOUN" and before.text.lower() in NAME_INTRODUCERS:
        return True
    return (
        before.pos_ == "ADJ"
        and before.text[:1].isupper()
        and not before.is_sent_start
        and not before.text.endswith("er")
        and not before.text.isupper()
    )


class CompoundAnnotator:
    """Sets `token._.compound` on nouns and adjectives: [{"part", "lemma", "gloss"}].

    The lexicon is the document's (`doc._.lexicon`). The candidate parts of all the document's
    words are fetched together, a round at a time (`vocabulary_for`, through the shared cache
    `nlp.extensions.lex_fetch`), the glosses of the parts found in one more call. Names
    (PROPN) stay whole: Bundestag, Pjöngjang.
    """

    def __call__(self, doc: Doc) -> Doc:
        # Two parts of three letters at least (Öl and Ei aside): shorter words are no compounds.
        # Names stay whole (Bundestag), unless hyphenated (Pjöngjang-Moskau, Kim-Regime).
        tokens = [
            t
            for t in doc
            if (t.pos_ in SPLIT_POS and len(t.text) >= 2 * MIN_PART)
            or (t.pos_ in SPLIT_POS | {"PROPN"} and "-" in t.text.strip("-"))
        ]
        tokens = [t for t in tokens if not named_by_context(t)]
        if not tokens:
            return doc

        def fetch(keys: set[str]) -> dict[str, list]:
            cache = lex_fetch(doc, keys)
            return {key: cache[key] for key in keys if cache.get(key)}

        pairs = {(t.text, t.lemma_ or None) for t in tokens}
        vocab = vocabulary_for(pairs, fetch)
        splits = {}
        for token in tokens:
            pos = "NOUN" if token.pos_ == "PROPN" else token.pos_
            parts = split_compound(token.text, vocab, lemma=token.lemma_ or None, pos=pos)
            if parts:
                splits[token.i] = parts
        if not splits:
            return doc
        cache = lex_fetch(
            doc,
            {p.lemma for parts in splits.values() for p in flat_nodes(parts)}
            | {doc[i].lemma_ for i in splits if doc[i].lemma_},
        )
        for i, parts in splits.items():
            token = doc[i]
            whole = cache.get(lexicon_key(token.lemma_ or token.text), [])
            meant = gloss_words(g for e in whole if e.pos == token.pos_ for g in e.glosses)
            doc[i]._.compound = [_part_json(part, cache, meant) for part in parts]
        return doc


def flat_nodes(parts: Iterable[Part]) -> list[Part]:
    """Every part and every part of a part."""
    out: list[Part] = []
    for part in parts:
        out.append(part)
        out.extend(flat_nodes(part.parts))
    return out


def _part_json(part: Part, cache: Mapping[str, list], meant: frozenset[str]) -> dict:
    item = {"part": part.part, "lemma": part.lemma, "gloss": part_gloss(part, cache, meant)}
    if part.link:
        item["link"] = part.link
    if part.parts:
        item["parts"] = [_part_json(inner, cache, meant) for inner in part.parts]
    return item


def part_gloss(part: Part, cache: Mapping[str, list], meant: frozenset[str]) -> str | None:
    """The part's gloss in the compound's sense: of the part's senses (its entries of the
    part's class, plainest first), the first that shares a word with the compound's own
    glosses (Leiter in Bauleiter "site manager": manager, not ladder; Kreis in Landkreis
    "county, administrative district": district, not circle), else its plainest sense."""
    entries = cache.get(lexicon_key(part.lemma), [])
    first = best_entry(entries, part.pos or None)
    if first is None:
        return None
    same_class = [e for e in entries if e.pos == first.pos and e.glosses]
    senses = [sense for entry in same_class for sense in entry_senses(entry)]
    if meant:
        # The same word first (Rat in Betriebsrat "works council": council, not counsel), then
        # the same word give or take an ending.
        for sense in senses:
            if meant & gloss_words([sense]):
                return sense
        for sense in senses:
            if _share_a_word(meant, gloss_words([sense])):
                return sense
    return senses[0] if senses else (first.glosses[0] if first.glosses else None)


def compound_headline(parts: list[dict]) -> str | None:
    """The compound's meaning built from its parts' glosses, when the dictionary lacks the
    whole: Windkraft|anlage "wind power plant", Brot|korb "bread basket". None if a part has
    no gloss, or a modifier is a verb's stem: English puts no verb before a noun (Fahr|gast
    "drive guests", Reich|weite "reach width" would mislead more than the head alone)."""
    glosses = []
    for part in parts:
        gloss = _DING_BRACKETS.sub("", part.get("gloss") or "").strip()
        if not gloss or part is not parts[-1] and gloss.startswith("to "):
            return None
        glosses.append(gloss)
    return " ".join(glosses)


def headlines_from_parts(doc: Doc) -> Doc:
    """A compound glossed only through its head (the glosses' fallback for a word the
    dictionary lacks: "power" for a Windkraft- compound) gets a headline built from all its
    parts, the head's own senses after it."""
    for token in doc:
        ext = token._
        if ext.gloss_via != "head" or not ext.compound:
            continue
        headline = compound_headline(ext.compound)
        if headline and headline != ext.gloss:
            ext.gloss = headline
            ext.senses = [headline, *(s for s in ext.senses or () if s != headline)]
    return doc


@Language.factory("randnotiz_compound_headlines", assigns=["token._.gloss", "token._.senses"])
def make_compound_headlines(nlp: Language, name: str):
    return headlines_from_parts


@Language.factory("randnotiz_compounds", assigns=["token._.compound"])
def make_compounds(nlp: Language, name: str) -> CompoundAnnotator:
    return CompoundAnnotator()
