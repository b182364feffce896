"""What a word's sentence says about which of its dictionary senses is meant (issue #16).

Plain functions over a tagged spaCy token, each one signal that nlp.glosses weighs:

- `adverbial`: an adjective (STTS ADJD) that modifies a verb or another adjective ("stark
  gestiegen", "deutlich mehr") means what the dictionary's adverb says (sharply, clearly), not
  the adjective (strong, clear); after a copula (ist deutlich) it stays an adjective.
- `adverb_form`: the English -ly adverb of an adjective gloss, when English has it.
- `determiner_genders`: the genders the article before a noun allows (am Steuer: der/das ->
  das Steuer "helm", not die Steuer "tax"), to choose between homographs by gender.
- `clause_frames`: the prepositions of a word's clause as frame markers ("@auf"), which the
  importer stores with a verb sense Ding writes with a prepositional frame (auf etw. bestehen:
  to insist on sth.).
"""

from __future__ import annotations

import functools

from nlp.clauses import clause_span
from nlp.german import CONTRACTIONS, PREPOSITIONS, zipf
from nlp.lexicon import FRAME_MARK

# A word after an ADJD that the ADJD modifies (deutlich mehr, sehr hoch, kaum 20): adverbial.
_MODIFIED_TAGS = frozenset({"ADJA", "ADJD", "ADV", "PIAT", "PIDAT", "PIS", "CARD", "PTKA"})
# Verbs an adjective complements rather than modifies: the copulas (die Lage ist ernst, bleibt
# unklar) and those with an object's predicate (es sich nicht leicht machen, etw. gut finden,
# für falsch halten).
PREDICATIVE_VERBS = frozenset(
    {"sein", "werden", "bleiben", "scheinen", "wirken", "erscheinen", "machen", "finden", "halten"}
)


def adverbial(token) -> bool:
    """Is this ADJD used as an adverb? Yes before the word it modifies (deutlich mehr), or in
    a clause with a full verb (stark gestiegen, wird schrittweise erhöht); no when the only
    verb is a copula (Die Lage ist deutlich) or there is none (Sicher nicht.)."""
    if token.tag_ != "ADJD":
        return False
    doc = token.doc
    if token.i + 1 < len(doc) and doc[token.i + 1].tag_ in _MODIFIED_TAGS:
        return True
    start, end = clause_span(token)
    copula = False
    for other in doc[start:end]:
        if not other.tag_.startswith("V") or other.i == token.i:
            continue
        if other.lemma_ in PREDICATIVE_VERBS:
            copula = True
        elif other.tag_.startswith("VV"):
            return True
    return False if copula else any(t.tag_.startswith("V") for t in doc[start:end])


def _ly_candidates(word: str) -> list[str]:
    if word.endswith("y") and len(word) > 3:
        return [word[:-1] + "ily", word + "ly"]
    if word.endswith("le") and len(word) > 3:
        return [word[:-1] + "y", word + "ly"]  # simple -> simply, whole -> wholly misses
    if word.endswith("ic"):
        return [word + "ally", word + "ly"]
    if word.endswith("ue"):
        return [word[:-1] + "ly"]
    if word.endswith("ll"):
        return [word + "y"]
    return [word + "ly"]


# An -ly word rarer than this is no everyday English adverb (fastly, hardly for "hard").
ADVERB_ZIPF = 2.5


@functools.lru_cache(maxsize=20_000)
def adverb_form(gloss: str) -> str | None:
    """clear -> clearly, gradual -> gradually, happy -> happily; None when the gloss is no
    single adjective or English has no such adverb (fast, hard: "hardly" means something
    else, so a word already ending in -ly or a gloss of several words stays as it is)."""
    word = gloss.strip()
    if not word.isalpha() or not word.islower() or word.endswith("ly") or len(word) < 3:
        return None
    if word in _NO_LY:
        return None
    for candidate in _ly_candidates(word):
        if zipf(candidate, "en") >= ADVERB_ZIPF:
            return candidate
    return None


# Adjectives whose -ly word means something else (hard/hardly, late/lately, short/shortly,
# near/nearly, high/highly is fine, bare/barely).
_NO_LY = frozenset({"hard", "late", "short", "near", "bare", "scarce", "just", "pretty", "most"})


# The genders a singular noun can have after this word: der Mann / der Frau (dative), dem,
# den (accusative masculine; dative plural is left to the plural form), im/am (dem).
_ENDING_GENDERS = {
    "er": frozenset("mf"),
    "e": frozenset("f"),
    "es": frozenset("mn"),
    "em": frozenset("mn"),
    "en": frozenset("m"),
    "": frozenset("mn"),
}
_ARTICLE_GENDERS = {
    "der": frozenset("mf"),
    "die": frozenset("f"),
    "das": frozenset("n"),
    "dem": frozenset("mn"),
    "den": frozenset("m"),
    "des": frozenset("mn"),
}
# Determiner stems whose endings say the gender as ein's do (einer, keinem, dieses).
_STEMS = ("ein", "kein", "mein", "dein", "sein", "ihr", "unser", "euer", "eur")
_DIES_STEMS = ("dies", "jen", "jed", "welch", "manch", "solch")
_DETERMINER_TAGS = frozenset({"ART", "APPRART", "PDAT", "PPOSAT", "PIAT", "PIDAT", "PWAT"})
# Words between a determiner and its noun (der neue, stark befahrene See).
_INSIDE_NP_TAGS = frozenset({"ADJA", "ADJD", "ADV", "CARD", "PTKNEG"})


def _word_genders(word: str, *, after_preposition: bool) -> frozenset[str] | None:
    word = word.lower()
    if word in CONTRACTIONS:
        word = CONTRACTIONS[word][1]
        after_preposition = True
    if word == "der":
        # After a preposition "der" is dative or genitive feminine (in der See); clause-first,
        # the subject's masculine (Der See hat ...); elsewhere either.
        return frozenset("f") if after_preposition else None
    if word in _ARTICLE_GENDERS:
        return _ARTICLE_GENDERS[word]
    for stem in _STEMS + _DIES_STEMS:
        ending = word[len(stem) :]
        if not word.startswith(stem) or ending not in _ENDING_GENDERS:
            continue
        if not ending and stem in _DIES_STEMS:
            continue  # "welch" alone is no determiner
        if ending == "er" and after_preposition:
            return frozenset("f")  # in einer Stadt, mit dieser Frage
        return _ENDING_GENDERS[ending]
    return None


def determiner_genders(token) -> frozenset[str] | None:
    """The genders the determiner of this noun allows, None when there is none or it says
    nothing (the plural "die", a bare noun). "der" counts as masculine at the start of a
    clause (its subject: Der See hat ...) and feminine after a preposition (in der See)."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and doc[i].tag_ in _INSIDE_NP_TAGS:
        i -= 1
    if i < 0 or doc[i].tag_ not in _DETERMINER_TAGS:
        return None
    word = doc[i].text.lower()
    before = doc[i - 1] if i > 0 else None
    after_preposition = before is not None and before.tag_ in ("APPR", "APPO")
    if word == "der" and not after_preposition:
        # The first word of its clause (nlp.clauses), where a subject stands.
        clause_start = clause_span(doc[i])[0] == i
        return frozenset("m") if clause_start else None
    return _word_genders(word, after_preposition=after_preposition)


# Pronominal adverbs (darauf, womit, hiervon) stand for a preposition and its object.
_PRONOMINAL_PREFIXES = ("dar", "da", "wor", "wo", "hier")


def _preposition_of(token) -> str | None:
    word = token.text.lower()
    if token.tag_ in ("APPR", "APPO", "APZR"):
        return word if word in PREPOSITIONS else None
    if token.tag_ == "APPRART":
        return CONTRACTIONS.get(word, (None,))[0]
    if token.tag_ == "PROAV" or token.tag_ == "PWAV":
        for prefix in _PRONOMINAL_PREFIXES:
            rest = word[len(prefix) :]
            if word.startswith(prefix) and rest in PREPOSITIONS:
                return rest
    return None


def clause_frames(*tokens) -> frozenset[str]:
    """The prepositions of the clauses of the given tokens as frame marks: {"@auf", "@mit"}.
    A verb split in two (hängt ... ab) passes both its parts."""
    found: set[str] = set()
    for token in tokens:
        doc = token.doc
        start, end = clause_span(token)
        memo = doc.user_data.setdefault("randnotiz_clause_frames", {})
        if start not in memo:
            marks = set()
            compared = False
            for t in doc[start:end]:
                # After "als" or "wie" a preposition belongs to the comparison (früher als in
                # den Vorjahren), not to the verb.
                compared = compared or t.tag_ == "KOKOM"
                preposition = None if compared else _preposition_of(t)
                if preposition is not None:
                    marks.add(FRAME_MARK + preposition)
            memo[start] = frozenset(marks)
        found |= memo[start]
    return frozenset(found)
