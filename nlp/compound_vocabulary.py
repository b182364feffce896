"""What the compound splitter knows of words: `Vocabulary` (each headword's spelling, word
class, plural and glosses), a bare `is_word` predicate as one, and the Ding file read into one.

Pure Python: no Django import.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping

from nlp.german import DING_TAG_UPOS, DING_VERB_TAGS, zipf

# ---------------------------------------------------------------------------------------------
# Vocabulary


# Word classes a headword can have in the splitter's eyes.
# NAME: a proper name may be a modifier as it is (Moskaureise) but never a head, and takes
# no Fugenelement: Sprecher is no Spree + Cher (two rivers).
NOUN, ADJ, VERB, NAME, OTHER = "N", "A", "V", "P", "X"
ANY = frozenset({NOUN, ADJ, VERB})
_POS_CLASS = {"NOUN": NOUN, "PROPN": NAME, "ADJ": ADJ, "ADV": ADJ, "VERB": VERB, "AUX": VERB}
CLASS_POS = {NOUN: "NOUN", ADJ: "ADJ", VERB: "VERB", NAME: "PROPN"}


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
        # Its CompoundSplitter, kept by split_compound with the splitter's memos.
        self.splitter: object | None = None

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
        if _key(plural) != _key(word) and deumlaut(_key(plural))[:3] == _key(word)[:3]:
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
        self.splitter = None  # new words: old memos are stale
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
                for base in (key[: -len(ending)], deumlaut(key[: -len(ending)])):
                    if base != key and NOUN in self._classes.get(base, ()):
                        return base
        return None

    def spelling(self, key: str, cls: str) -> str:
        word = self._spelling.get((key, cls))
        if word is not None:
            return word
        return key[:1].upper() + key[1:] if cls == NOUN else key


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


class PredicateVocabulary:
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


DING_BRACKETS = re.compile(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|/[^/]*/|<[^>]*>")
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
                        last = DING_BRACKETS.sub("", item).split()[-1:]
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
    word = DING_BRACKETS.sub("", item).strip()
    word = _DING_SLOTS.sub("", word)
    return word if _DING_WORD.match(word) else None


MIN_PART = 3
_UMLAUT = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})


def deumlaut(text: str) -> str:
    # Only the last umlaut changes in a plural (Mütter -> Mutter, Bäume -> Baum; äu -> au).
    for i in range(len(text) - 1, -1, -1):
        if text[i] in "äöü":
            return text[:i] + text[i].translate(_UMLAUT) + text[i + 1 :]
    return text


_GLOSS_STOP = frozenset(
    "a an the of to and or in on for by with at from sb sth sb's sth's one's oneself be".split()
)


def gloss_words(glosses: Iterable[str]) -> frozenset[str]:
    """The English content words of some glosses, lowercase: what two glosses can share."""
    words = set()
    for gloss in glosses:
        for word in re.findall(r"[a-z]+", DING_BRACKETS.sub(" ", gloss).lower()):
            if len(word) >= 3 and word not in _GLOSS_STOP:
                words.add(word)
    return frozenset(words)
