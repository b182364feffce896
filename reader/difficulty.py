"""A CEFR-like difficulty estimate from word frequencies and sentence length.

Not a placement test: a rough, explainable band. Rare words (wordfreq Zipf below 3.5) and
long sentences push the level up; the thresholds were chosen by hand on news, textbook and
children's texts.
"""

from __future__ import annotations

from functools import cache

LEVELS = ["A2", "B1", "B2", "C1", "C2"]
CONTENT = {"NOUN", "VERB", "ADJ", "ADV"}


@cache
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "de")


def estimate_cefr(document: dict) -> str:
    sentences = document.get("sentences") or []
    words = [t for s in sentences for t in s["tokens"] if any(c.isalpha() for c in t["text"])]
    content = [t for t in words if t.get("upos") in CONTENT]
    if not words or not content:
        return ""
    rare = sum(1 for t in content if _zipf((t.get("lemma") or t["text"]).lower()) < 3.5)
    rare_share = rare / len(content)
    mean_length = len(words) / max(1, sum(1 for s in sentences if s.get("kind") != "heading"))
    score = rare_share * 10 + mean_length / 6
    # score ~2.5 for graded readers, ~5 for news, ~7 for essays and legal prose
    for level, limit in zip(LEVELS, [2.8, 3.8, 4.8, 6.2]):
        if score < limit:
            return level
    return "C2"
