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
that also knows each word's spelling and class (noun / adjective / verb / name): see
nlp/compound_vocabulary.py. For the pipeline, nlp/compound_candidates.py lists the keys the
splitter may ask about and fetches them in a few rounds; nlp/compound_annotator.py holds the
spaCy components.

Pure Python: no Django import.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from nlp.compound_vocabulary import (
    ADJ,
    ANY,
    CLASS_POS,
    MIN_PART,
    NAME,
    NOUN,
    OTHER,
    VERB,
    PredicateVocabulary,
    Vocabulary,
    deumlaut,
)
from nlp.german import zipf

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
def head_endings(tail: str) -> tuple[str, ...]:
    return tuple(e for e in _HEAD_ENDINGS if tail.endswith(e))


@functools.cache
def _link_endings(tail: str) -> tuple[tuple[str, float], ...]:
    return tuple((link, pen) for link, pen in _LINKS if tail.endswith(link))


@functools.cache
def any_link_endings(tail: str) -> tuple[str, ...]:
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

MAX_WORD = 80
# A headword stays whole when it is this many Zipf points more frequent than its rarest part.
LEXICALISED_MARGIN = 1.0
MAX_PARTS = 8
_WORD_CHARS = re.compile(r"^[A-Za-zÄÖÜäöüßẞéèêáàâçñ]+$")
_SEGMENT_CHARS = re.compile(r"^[A-Za-zÄÖÜäöüßẞéèêáàâçñ0-9]+$")


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


def name_derivation_bases(s: str) -> list[str]:
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


def participle_verbs(s: str) -> list[str]:
    """The verbs a lowercase noun in -ende(n/r/s/m) would be the present participle of:
    vorsitzende -> vorsitzen, reisenden -> reisen."""
    for inflection in ("", "n", "r", "s", "m"):
        stem = s[: -len(inflection)] if inflection else s
        if stem.endswith("ende") and len(stem) > 7:
            return [stem[:-2]]  # vorsitzende -> vorsitzen, wandernde -> wandern
    return []


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


def _part_ok(key: str) -> bool:
    """Long enough to be a part of a compound, or one of the short ones that are."""
    return len(key) >= MIN_PART or key in _SHORT_OK


def _modifier_preferred(s: str, out: list[_Unit]) -> list[_Unit]:
    """The readings of `s` left when one reading clearly wins over another."""
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
    return out


class CompoundSplitter:
    """Splits words against one vocabulary, memoising everything it works out."""

    def __init__(self, vocab: Vocabulary | PredicateVocabulary):
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
        if s in _NO_MODIFIER:
            return ()
        out = _modifier_preferred(s, self._modifier_readings(s))
        out.sort(key=lambda u: u[4])
        return tuple(out)

    def _modifier_readings(self, s: str) -> list[_Unit]:
        """Every reading of `s` as a modifier: a word as it stands, a noun with a Fugenelement
        or an elided -e, a verb stem, a Latin or Greek plural."""
        out: list[_Unit] = []
        classes = self.vocab.classes
        found = classes(s)
        for cls in (ADJ, NOUN, NAME):
            if cls in found and _part_ok(s):
                out.append((s, s, cls, "", 0.0))
                if cls == NOUN:
                    break  # a name reading adds nothing to a noun's
        for link, pen in _link_endings(s[-3:]):
            base = s[: -len(link)]
            if not _part_ok(base) or base in _NO_MODIFIER:
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
                plain = deumlaut(base)
                if _part_ok(plain) and NOUN in classes(plain):
                    out.append((s, plain, NOUN, link, pen))
        # -s in place of a final -e: Hilfs- (Hilfe), Geschichts- (Geschichte).
        if s.endswith("s") and _part_ok(s[:-1]) and NOUN in classes(s[:-1] + "e"):
            out.append((s, s[:-1] + "e", NOUN, "s", 0.4))
        # Elision: Schul- (Schule), Sprach- (Sprache).
        if _part_ok(s) and NOUN in classes(s + "e"):
            out.append((s, s + "e", NOUN, "", 0.3))
        # An adjective that only exists inflected, commoner than the noun spelt like its stem:
        # Ober- in Oberbürgermeisterin is obere "upper", not der Ober "waiter".
        if _part_ok(s) and ADJ in classes(s + "e") and ADJ not in found and zipf(s + "e") > zipf(s):
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
        return out

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
            for ending in head_endings(s[-3:]):
                base = s[: -len(ending)]
                if len(base) < MIN_PART or base in _NO_HEAD:
                    continue
                for cls in (NOUN, ADJ):
                    if cls in want and cls in classes(base):
                        if not (cls == ADJ and base in _NO_ADJ_HEAD):
                            out.append((s, base, cls, "", 0.15))
                if ending in _UMLAUT_HEAD_ENDINGS and _has_umlaut(base):
                    plain = deumlaut(base)
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
            if share_a_word(mine, theirs):
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
        return any(VERB in self.vocab.classes(verb) for verb in participle_verbs(s))

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
        nord + koreanisch would misstate them (see `name_derivation_bases`). The dictionary
        may list the name as a plain noun, so any noun or name counts as the base here."""
        return any(self.vocab.classes(base) & {NOUN, NAME} for base in name_derivation_bases(s))

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
            parts.append(Part(text, spelling, link, CLASS_POS.get(cls, ""), inner))
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


def share_a_word(mine: frozenset[str], theirs: frozenset[str]) -> bool:
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
        if is_word.splitter is None:
            is_word.splitter = CompoundSplitter(is_word)
        splitter = is_word.splitter
    else:
        splitter = _predicate_splitter(is_word)
    return splitter.split(word, lemma, pos)


@functools.lru_cache(maxsize=4)
def _predicate_splitter(is_word: Callable[[str], bool]) -> CompoundSplitter:
    # Bound methods compare and hash by their object, so `lexicon.is_word` finds its splitter
    # (and its memos) again on the next call.
    return CompoundSplitter(PredicateVocabulary(is_word))
