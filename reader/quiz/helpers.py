"""What every quiz kind shares: the `Question`, the word tests and the gap-making helpers.

No Django import, no knowledge of any one kind. A token is the typed annotation's
nlp.document.Token: text, lemma, upos/xpos, feats, gloss, senses, compound parts.
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher

from wordfreq import zipf_frequency

from nlp.document import CompoundPart, Token

# The labels of a true/false statement, in the order they are shown.
TRUE, FALSE, NOT_GIVEN = "richtig", "falsch", "steht nicht im Text"
GAP = "___"

WEEKDAYS = frozenset(
    "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonnabend Sonntag".split()
)
MONTHS = frozenset(
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()
)
DETERMINERS = frozenset({"ART", "PDAT", "PPOSAT", "PIAT", "PRELAT", "PWAT"})
CRUDE = re.compile(r"orgasm|sex|vulg|fuck|shit|piss|arse|ass\b|crap|bitch|slang", re.I)
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
HAS_DIGIT = re.compile(r"\d")


@dataclass
class Question:
    """One multiple-choice question; `answer` indexes `choices`.

    `sentence` is the source sentence's text, `highlight` the [start, end) characters of the
    answer in it (shown after answering); `sentence_index` and `anchor` (a digest of the sentence
    text) tie the question to its sentence across re-annotation.
    """

    kind: str
    prompt: str
    choices: list[str]
    answer: int
    sentence: str
    explanation: str
    sentence_index: int
    highlight: list[int]
    anchor: str = ""
    score: float = 0.0
    # For rule checks: the text that fills the gap for each choice (cloze kinds only).
    fills: list[str] = field(default_factory=list)
    # What the question asks about (a fact's value, a word's lemma): a quiz asks about each
    # target once.
    target: str = ""

    def public(self) -> dict:
        """The command-line / JSON shape (DESIGN.md, issue 5)."""
        return {
            "kind": self.kind,
            "prompt": self.prompt,
            "choices": list(self.choices),
            "answer": self.answer,
            "sentence": self.sentence,
            "explanation": self.explanation,
        }

    def as_dict(self) -> dict:
        return asdict(self)


def norm(text: str) -> str:
    return " ".join(text.casefold().split())


def feats_key(feats) -> str:
    if isinstance(feats, Mapping):
        return "|".join(f"{k}={v}" for k, v in sorted(feats.items()))
    return feats or ""


def token_gloss(token: Token) -> str | None:
    gloss = token.gloss
    if not gloss:
        senses = token.senses or ()
        gloss = senses[0] if senses else None
    if not gloss:
        return None
    gloss = str(gloss).strip()
    return gloss or None


def token_senses(token: Token) -> set[str]:
    out = {norm(s) for s in token.senses or () if s}
    if token.gloss:
        out.add(norm(str(token.gloss)))
    return out


def gloss_words(gloss: str) -> set[str]:
    stop = {
        "to",
        "the",
        "a",
        "an",
        "of",
        "sth",
        "sth.",
        "sb",
        "sb.",
        "be",
        "one's",
        "oneself",
        "in",
        "on",
        "at",
        "for",
        "with",
        "and",
        "or",
    }
    return {w for w in WORD.findall(gloss.casefold()) if w not in stop}


def mentions(prompt: str, answer: str) -> bool:
    """Does the prompt contain the answer as a word or word part (Nordkorea in
    Nordkorea-Bedrohung counts)?"""
    answer = answer.strip().casefold()
    if not answer:
        return False
    if HAS_DIGIT.search(answer):
        return (
            re.search(rf"(?<![\d.,]){re.escape(answer)}(?![\d]|[.,]\d)", prompt.casefold())
            is not None
        )
    return answer in prompt.casefold()


def cognate(german: str, english: str) -> bool:
    """Would an English reader guess the word (Atlantik = Atlantic, reagieren = to react)?
    Verbs are compared by their stem, without -ieren / -en."""
    a, b = german.casefold(), re.sub(r"^to ", "", english.casefold())
    if english.startswith("to "):
        # reag(ieren) ~ react: the stem is most of a shared beginning
        stem = re.sub(r"(ieren|eln|ern|en|n)$", "", a)
        if len(os.path.commonprefix([stem, b])) >= max(3, 0.7 * len(stem)):
            return True
    return SequenceMatcher(None, a, b).ratio() >= 0.75


def has_own_gloss(t: Token) -> bool:
    """Is the word's gloss its own, not its last part's (Relegations|platz glossed "square",
    the lexicon's fallback for a compound it does not know)?"""
    parts = [p for p in t.compound_parts if p.gloss]
    return not parts or is_whole_gloss(token_gloss(t), parts)


def guessable(t: Token) -> bool:
    """Is one of the word's senses its English cognate (warnen: to alert, to warn)?"""
    lemma = t.headword
    glosses = [g for g in [token_gloss(t), *(t.senses or ())] if g]
    return any(cognate(lemma, str(g)) for g in glosses)


def zipf_de(word: str) -> float:
    return zipf_frequency(word, "de")


def plain_english(gloss: str) -> bool:
    """Is every word of an English gloss an everyday word? A distractor like "capaciousness"
    is wrong at a glance for a learner who has never seen it either."""
    return all(zipf_frequency(w, "en") >= 2.5 for w in gloss_words(gloss))


def shuffled_choices(rng: random.Random, right: str, wrong: Sequence[str]) -> tuple[list[str], int]:
    choices = [right, *wrong]
    rng.shuffle(choices)
    return choices, choices.index(right)


def is_whole_gloss(whole: str | None, parts: Sequence[CompoundPart]) -> bool:
    """Is `whole` the compound's own gloss, not its head's (Nato-Staat = state, Strafrunde =
    round: the lexicon fell back to the last part)?"""
    if not whole:
        return False
    head = norm(str(parts[-1].gloss))
    return not (gloss_words(whole) <= gloss_words(head) or head.startswith(norm(whole)))
