"""A CEFR-like difficulty estimate from word frequencies and sentence length.

Not a placement test: a rough, explainable band. Rare words (wordfreq Zipf below 3.5) and
long sentences push the level up; the thresholds were chosen by hand on news, textbook and
children's texts.

A word counts as rare only when a learner could not know it from something commoner:
- wordfreq counts word forms, not lemmas, so a word is as common as the commoner of its
  lemma and the form in the text ("angekündigt" is commoner than "ankündigen");
- a compound whose parts are all common (Grenz|region, Kriegs|vorbereitung) is read through
  its parts, which the popover and the notes panel show: it is rare only if a part is.
"""

from __future__ import annotations

from functools import cache

from nlp.document import Annotation, Token
from nlp.german import zipf

LEVELS = ["A2", "B1", "B2", "C1", "C2"]
CONTENT = {"NOUN", "VERB", "ADJ", "ADV"}
# The score below which a text is at each level but the last.
UPPER_SCORES = [2.8, 3.8, 4.8, 6.2]
RARE_ZIPF = 3.5


@cache
def _zipf(word: str) -> float:
    return zipf(word, "de")


def _frequency(lemma: str, form: str) -> float:
    return max(_zipf((lemma or form).lower()), _zipf(form.lower()))


def is_rare(token: Token) -> bool:
    """Whether a learner is unlikely to know this content word (see the module's docstring)."""
    if token.compound:
        return any(_frequency(part.lemma, part.part) < RARE_ZIPF for part in token.compound)
    return _frequency(token.lemma, token.text) < RARE_ZIPF


def difficulty_score(document: Annotation) -> float | None:
    """Ten times the share of rare content words plus a sixth of the mean sentence length:
    about 2.5 for graded readers, 5 for news, 7 for essays and legal prose. None for a text
    without content words."""
    sentences = document.sentences
    words = [t for s in sentences for t in s.tokens if any(c.isalpha() for c in t.text)]
    content = [t for t in words if t.upos in CONTENT]
    if not content:
        return None
    rare_share = sum(1 for t in content if is_rare(t)) / len(content)
    mean_length = len(words) / max(1, sum(1 for s in sentences if s.kind != "heading"))
    return rare_share * 10 + mean_length / 6


def estimate_cefr(document: Annotation) -> str:
    score = difficulty_score(document)
    if score is None:
        return ""
    for level, upper in zip(LEVELS, UPPER_SCORES, strict=False):
        if score < upper:
            return level
    return LEVELS[-1]
