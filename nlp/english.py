"""The English side of a dictionary sense: its words, and how plain they are for a learner.

Shared by the pipeline's ranking of senses (nlp.glosses) and the Ding importer's
(lexicon.importers.ding_entries.order_senses), so both call a gloss plain for the same reason.
"""

from __future__ import annotations

import functools
import math
import re

from nlp.german import frequencies

# Words that say nothing about a gloss's commonness ("to", "sb.", "sth.").
_FILLER = frozenset(
    "to a an the of sb sth sb's sth's one's oneself sth./sb. sb./sth. jdn etw".split()
)
# A preposition after an object only attaches the second one ("to warn sb. of/against sth.",
# "to secure sth. for sb."): it says nothing about how common the verb is.
_SLOT_PREPOSITION = re.compile(
    r"\b(sb|sth)\.\s+(?:of|against|with|for|about|from|into|at|by|on|to)"
    r"(?:/(?:of|against|with|for|about|from|into|at|by|on|to))*\b"
)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
ABBREVIATION_ONLY = re.compile(r"^[A-Z][A-Za-z]{0,5}\.$")
# "/Gov./" notes carry no space; "driver of a/the vehicle" is a gloss, not a note.
_ABBREVIATION = re.compile(r"\s*/[^/\s]*/?\s*$|^\s*/|\s+/\S*$")
# Words that do not tell one sense from another ("to depend on sth." is "depend").
_LINKING = _FILLER | {"on", "in", "with", "for", "about", "from", "at", "by", "into", "be"}


@functools.lru_cache(maxsize=100_000)
def clean_gloss(gloss: str) -> str:
    """Ding's glosses carry abbreviation notes ("government /Gov./"): keep the words."""
    return _ABBREVIATION.sub("", gloss).strip(" ;,/") or gloss.strip()


# A gloss whose rarest word is less common than this (Zipf) is no plain word for a learner
# ("puissance", "geezer", "regimen"); "howitzer" (2.5) stays when nothing plainer exists.
PLAIN_ZIPF = 4.0


@functools.lru_cache(maxsize=100_000)
def gloss_words(gloss: str) -> tuple[int, float]:
    """(number of content words, Zipf frequency of the rarest one) of an English gloss."""
    text = _SLOT_PREPOSITION.sub(r"\1.", gloss.lower())
    words = [w for w in _WORD.findall(text) if w not in _FILLER]
    if not words:
        return 0, 0.0
    freqs = frequencies("en")
    rarest = min(freqs.get(w, 0.0) for w in words)
    return len(words), (math.log10(rarest) + 9 if rarest > 0 else 0.0)


@functools.lru_cache(maxsize=100_000)
def plainness(gloss: str) -> int:
    """0 for one common English word (to come, heavy, government), 1 for a gloss in common
    words (just under), 2 for the rest (puissance, geezer)."""
    count, zipf = gloss_words(gloss)
    if zipf >= PLAIN_ZIPF:
        return 0 if count == 1 else 1
    return 2


def english_words(text: str) -> frozenset[str]:
    """The lower-case words of an English text."""
    return frozenset(_WORD.findall(text.lower()))


@functools.lru_cache(maxsize=100_000)
def sense_words(gloss: str) -> tuple[str, ...]:
    """The words that tell a sense apart: "to depend on sth." -> (depend,)."""
    return tuple(w for w in _WORD.findall(clean_gloss(gloss).lower()) if w not in _LINKING)


# The English prepositions that render a German one in a verb's frame (die Lasten auf andere
# abwälzen: to shift sth. on to sb.; sich an etw. anpassen: to adapt to sth.). Only the usual
# renderings: a sense whose English has one is the sense the German frame is written for.
PREPOSITION_RENDERINGS = {
    "an": frozenset({"to", "on", "at"}),
    "auf": frozenset({"on", "onto", "upon"}),
    "aus": frozenset({"from", "out"}),
    "für": frozenset({"for"}),
    "gegen": frozenset({"against"}),
    "in": frozenset({"in", "into"}),
    "mit": frozenset({"with"}),
    "nach": frozenset({"for", "after"}),
    "über": frozenset({"about", "over"}),
    "um": frozenset({"for"}),
    "von": frozenset({"from", "of"}),
    "vor": frozenset({"from", "of"}),
    "zu": frozenset({"to"}),
}


# "to" renders a preposition only before what it governs (to adapt to sth., to be down to
# sb.) or at the end (to get used to); elsewhere it marks an infinitive (to pass, not to
# forget sth., to summon up the courage to do sth.).
_TO_GOVERNS = re.compile(
    r"\bto(?=\s+(?:sb|sth|one's|sb's|sth's|a|an|the|someone|something)\b|\s*$)"
)


@functools.lru_cache(maxsize=100_000)
def _rendering_words(gloss: str) -> frozenset[str]:
    text = re.sub(r"^\(.*?\)\s*", "", clean_gloss(gloss).lower())
    words = set(_WORD.findall(text)) - {"to"}
    if _TO_GOVERNS.search(text):
        words.add("to")
    return frozenset(words)


def renders_preposition(gloss: str, prepositions: frozenset[str]) -> bool:
    """Does the English of this sense carry a rendering of one of these German prepositions?
    "to shift on to sb." renders "auf", "to pass" renders none."""
    words = _rendering_words(gloss)
    return any(words & PREPOSITION_RENDERINGS.get(p, frozenset()) for p in prepositions)


# How much rarer (Zipf) the rarest English word of a sense rendering the preposition may be
# than the first sense's: "to reckon with sth." (reckon 3.9) for "damit rechnen", not "to
# exculpate sb. from a charge" for "vom Vorwurf freigesprochen" (to acquit sb.).
RENDERING_ZIPF_SLACK = 0.5


def frame_rendered_first(
    matched: list[str], lead: list[str], prepositions: frozenset[str]
) -> list[str]:
    """Among the senses of the lines a clause chose (`lead`: the hand-written ones, which
    keep their place), those whose English renders a
    preposition of the clause go first: one Ding line glosses
    "die Verantwortung auf andere abwälzen" as "to pass; to shift on to sb.", and with "auf"
    in the clause (`prepositions`) the second is the sense meant."""
    if not prepositions or not matched:
        return matched
    # Never a rarer English word for the preposition's sake ("to exculpate sb. from a charge"
    # before "to acquit sb." for "vom Vorwurf freigesprochen").
    plain = min(PLAIN_ZIPF, gloss_words(matched[0])[1]) - RENDERING_ZIPF_SLACK

    def rendered(gloss: str) -> bool:
        return gloss_words(gloss)[1] >= plain and renders_preposition(gloss, prepositions)

    return sorted(matched, key=lambda g: (g not in lead, not rendered(g)))
