"""A gender and a plural for every common noun (issue 16, item 3).

Runs after the glosses, which give a noun the gender and plural of the dictionary entry whose
senses it shows. That leaves gaps and a few wrong plurals, which this step fills or mends,
from the most specific evidence to the most general:

1. Another noun entry of the same word that has a gender: the headline may come from an entry
   without one (Fischer, the surname; Wort "the floor" beside Wort {n}); a plural form of a
   noun the dictionary lists (Duschen -> Dusche {f}).
2. A plural that is not the word's (Ding aligns synonyms by position: Kommune | Gemeinschaften)
   is dropped and made again by rule.
3. A compound takes its head's gender (Energie|preis -> der Energiepreis) and, when the
   dictionary lacks the whole or the text shows a plural of it, its plural is the modifier +
   the head's plural (Notfall|ambulanz -> Notfallambulanzen).
4. A nominalised infinitive is neuter and has no plural (das Aufhören, das Betreten).
5. Regular plurals of the feminine suffixes whose nouns count (-ung, -ion, -tät, -ei: + en;
   women's nouns in -in: + nen): die Aussetzung, die Aussetzungen; die Pensionistin, die
   Pensionistinnen. Gender f for -heit, -keit, -schaft too, but no plural: a noun the
   dictionary lists without one is taken to have none (die Nähe, der Zeitdruck), unless the
   text shows one (then + en, and -e: + n as well).
6. A noun written in a plural form the dictionary has no plural for shows that form (not -s,
   mostly a genitive), without the dative -n (Medienberichten -> Medienberichte).

Pure Python: no Django import.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.extensions import lex_fetch
from nlp.lexicon import LexEntry, lexicon_key

_UMLAUT = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})
# Feminine suffixes whose nouns count (a plural is almost always in use) and their plural
# ending. Not -heit, -keit, -schaft or -e: Gesundheit, Nähe and Hilfe are mostly singular, and
# a learner should not be shown a plural the word does not have.
_FEMININE_PLURALS = (
    ("ung", "en"),
    ("ion", "en"),
    ("tät", "en"),
    ("ei", "en"),
)
_COUNTABLE_PLURALS = (("heit", "en"), ("keit", "en"), ("schaft", "en"), ("e", "n"))
# Women's nouns in -in (Pensionistin, Lehrerin, Ärztin); not every word in -in is one
# (Medizin, Benzin), so only on the endings of the masculine nouns they are made from.
_FEMALE_IN = ("erin", "istin", "entin", "antin", "orin", "eurin", "ärin", "login", "tin", "zin")
_FEMININE_SUFFIXES = ("ung", "heit", "keit", "schaft", "ion", "tät")


def looks_like_its_plural(lemma: str, plural: str) -> bool:
    """The plural is spelt like a plural of this word: its stem, umlauted or not, then an
    ending (Buch, Bücher; Datum, Daten; Museum, Museen), not another word's (Kommune,
    Gemeinschaften; Abbau, Einschränkungen)."""
    word = lemma.lower().translate(_UMLAUT)
    form = plural.lower().translate(_UMLAUT)
    return form.startswith(word[: max(3, len(word) - 3)])


def regular_plural(lemma: str, gender: str | None, countable: bool = False) -> str | None:
    """The plural of a feminine noun on a regular suffix, else None (no guessing).
    `countable`: the noun is known to have a plural (it stands in one, or the dictionary gave
    one that was another word's), so the suffixes of mostly singular nouns count too."""
    if gender != "f":
        return None
    if lemma.endswith(_FEMALE_IN):
        return lemma + "nen"
    for suffix, ending in _FEMININE_PLURALS + (_COUNTABLE_PLURALS if countable else ()):
        if lemma.endswith(suffix):
            return lemma + ending
    return None


def in_plural_form(text: str, lemma: str) -> bool:
    """The word as written is a plural of the lemma: the lemma plus a plural ending (Kommunen,
    Tage, Kinder, Häuser). Not -s or -es, which are mostly the genitive singular (des Hauses)."""
    form, word = text.lower(), lemma.lower()
    if form == word or not form.endswith(("e", "n", "er")):
        return False
    return form.translate(_UMLAUT).startswith(word.translate(_UMLAUT)) and len(form) > len(word)


# Weak masculine nouns take -en in every plural case, the dative included (die Soldaten, den
# Soldaten): their -en is no dative ending.
_WEAK_MASCULINE = ("at", "ant", "ent", "ist", "ot", "oge", "nom", "af", "ph", "mensch", "bar")


def plural_from_form(text: str, lemma: str, gender: str | None) -> str:
    """The nominative plural of a noun written in a plural form: the form itself, without the
    dative -n that plurals in -e, -er and -el take (Medienberichten -> Medienberichte,
    Kilometern -> Kilometer). Feminine plurals in -en and -n are the plural itself (Frauen,
    Schwestern), as are the weak masculines' (Soldaten)."""
    if gender == "f" or not text.endswith("n"):
        return text
    stem = text[:-1]
    if stem.endswith(("er", "el")):
        return stem  # Kindern, and the unchanged plurals: Kilometern, Gesprächspartnern
    if stem.lower() == lemma.lower():
        return text  # Truppen, Namen
    if stem.endswith("e") and not lemma.lower().endswith(_WEAK_MASCULINE + ("e",)):
        return stem
    return text


# Plural endings, longest first, taken off a word to find the singular it is a plural of.
_PLURAL_ENDINGS = ("nen", "en", "er", "e", "n")


def singular_candidates(text: str) -> list[str]:
    """The words `text` may be a plural of (Zutaten -> Zutat, Duschen -> Dusche): the word
    without each plural ending, keeping three letters at least."""
    return [
        text[: -len(e)] for e in _PLURAL_ENDINGS if text.endswith(e) and len(text) - len(e) >= 3
    ]


def _singular_of(cache: dict, text: str) -> LexEntry | None:
    """The dictionary noun whose plural is the word as written, with a gender."""
    for key in singular_candidates(text):
        for entry in _noun_entries(cache, key):
            if entry.gender and (entry.plural or "").lower() == text.lower():
                return entry
    return None


def _noun_entries(cache: dict, key: str) -> list[LexEntry]:
    return [e for e in cache.get(lexicon_key(key), []) if e.pos == "NOUN"]


def _with_gender(entries: list[LexEntry], lemma: str, text: str) -> LexEntry | None:
    """The entry of this noun with a gender: its own headword first, then one whose plural is
    the word as written (Duschen -> Dusche)."""
    own = [e for e in entries if e.gender and e.lemma.lower() == lemma.lower()]
    if own:
        return own[0]
    plural = [e for e in entries if e.gender and (e.plural or "").lower() == text.lower()]
    return plural[0] if plural else None


def _head_grammar(token, cache: dict) -> tuple[str | None, str | None]:
    """The gender of a compound's head and the compound's plural (modifier + head plural)."""
    parts = token._.compound
    if not parts or len(parts) < 2:
        return None, None
    head = parts[-1]["lemma"]
    lemma = token.lemma_
    entry = _with_gender(_noun_entries(cache, head), head, parts[-1]["part"])
    if entry is None:
        return None, None
    plural = None
    if (
        entry.plural
        and lemma.lower().endswith(head.lower())
        and looks_like_its_plural(head, entry.plural)
    ):
        modifier = lemma[: len(lemma) - len(head)]
        joined = modifier and not modifier.endswith("-")  # US-Angaben keeps its capital
        plural = modifier + (entry.plural.lower() if joined else entry.plural)
    return entry.gender, plural


def _is_infinitive_noun(token, cache: dict) -> bool:
    """das Aufhören, das Betreten: a capitalised infinitive the dictionary lists as a verb and
    not as a noun (gloss_via "infinitive", or a verb entry of the same letters)."""
    if token._.gloss_via == "infinitive":
        return True
    lemma = token.lemma_
    if not lemma[:1].isupper() or not lemma.endswith(("en", "ern", "eln")) or len(lemma) < 5:
        return False
    entries = cache.get(lexicon_key(lemma), [])
    return any(e.pos == "VERB" for e in entries) and not any(e.pos == "NOUN" for e in entries)


def complete_nouns(doc: Doc) -> Doc:
    nouns = [t for t in doc if t.pos_ == "NOUN" and t.text[:1].isalpha()]
    if not nouns:
        return doc
    keys = {t.lemma_ for t in nouns} | {t.text for t in nouns}
    keys |= {t._.compound[-1]["lemma"] for t in nouns if t._.compound}
    cache = lex_fetch(doc, {k for k in keys if k})
    unknown = [t for t in nouns if not _noun_entries(cache, t.lemma_ or t.text)]
    unknown = [t for t in unknown if not _noun_entries(cache, t.text)]
    cache = lex_fetch(doc, {c for t in unknown for c in singular_candidates(t.text)})
    for token in nouns:
        ext = token._
        lemma = token.lemma_ or token.text
        if token in unknown and (not ext.gender or (ext.gloss or "").startswith("to ")):
            # A plural the lemmatiser left as written (Duschen, Zutaten) is no infinitive
            # (das Duschen): the dictionary's singular says its gender and plural.
            singular = _singular_of(cache, token.text)
            if singular is not None:
                ext.gender, ext.plural = singular.gender, singular.plural
        seen_plural = in_plural_form(token.text, lemma)
        countable = seen_plural
        if ext.plural and not looks_like_its_plural(lemma, ext.plural):
            ext.plural = None
            countable = True
        if not ext.gender:
            entries = _noun_entries(cache, lemma) + _noun_entries(cache, token.text)
            entry = _with_gender(entries, lemma, token.text)
            if entry is not None:
                ext.gender = entry.gender
                if not ext.plural and entry.plural and looks_like_its_plural(lemma, entry.plural):
                    ext.plural = entry.plural
        if not ext.gender or not ext.plural:
            gender, plural = _head_grammar(token, cache)
            ext.gender = ext.gender or gender
            if countable or not _noun_entries(cache, lemma):
                ext.plural = ext.plural or plural
        if not ext.gender and _is_infinitive_noun(token, cache):
            ext.gender = "n"
        if not ext.gender and lemma.endswith(_FEMININE_SUFFIXES):
            ext.gender = "f"
        if not ext.plural:
            ext.plural = regular_plural(lemma, ext.gender, countable)
        if not ext.plural and seen_plural:
            ext.plural = plural_from_form(token.text, lemma, ext.gender)
    return doc


@Language.factory("randnotiz_nouns", assigns=["token._.gender", "token._.plural"])
def make_nouns(nlp: Language, name: str):
    """Gender and plural for the common nouns the glosses left without (or with a wrong one)."""
    return complete_nouns
