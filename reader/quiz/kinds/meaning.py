"""Meaning: a German word -> its English gloss; the distractors are glosses of other words of
the article with the same part of speech."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from nlp.document import Token
from reader.quiz.helpers import (
    CRUDE,
    Question,
    gloss_words,
    guessable,
    has_own_gloss,
    norm,
    plain_english,
    shuffled_choices,
    token_gloss,
    token_senses,
    zipf_de,
)
from reader.quiz.kinds.base import ArticleContext, Kind
from reader.quiz.sentences import Sent


def _graded(t: Token) -> bool:
    """A comparative or superlative (höherer, genauer, oberster), which the dictionary glosses
    by its base form. The tagger's Degree is not always set: an adverbial adjective does not
    inflect, so genau-er is a comparative; hoch/höher changes its stem."""
    if t.upos != "ADJ":
        return False
    text, lemma = t.text.casefold(), t.headword.casefold()
    if "Degree=Cmp" in str(t.feats) or "Degree=Sup" in str(t.feats):
        return True
    if not text.startswith(lemma):
        return True
    rest = text[len(lemma) :]
    if t.xpos == "ADJD":
        return rest in {"er", "st", "sten"}
    return re.fullmatch(r"(er|e?st)(e|en|er|es|em)", rest) is not None


def _senses_agree(t: Token) -> bool:
    """Do the word's first senses say the same thing (hoffen: to hope, to hope for sth.;
    Baustelle: building site, construction site)? Then the first sense is safe in any
    context; scattered senses (fordern: to challenge, to extend, to command) often are not."""
    senses = [str(x) for x in (t.senses or ())][:3]
    if len(senses) < 2:
        return True
    first = gloss_words(senses[0])
    return any(first & gloss_words(other) for other in senses[1:])


def _separated_particle(sent: Sent, i: int) -> str:
    """The particle split off a verb (warf … vor for vorwerfen): the meaning belongs to both,
    so the question names both."""
    t = sent.tokens[i]
    lemma = t.lemma.casefold()
    if t.upos != "VERB" or lemma.startswith(t.text.casefold()[:3]):
        return ""
    for other in sent.tokens[i + 1 :]:
        particle = other.text.casefold()
        if other.xpos == "PTKVZ" and lemma.startswith(particle):
            return other.text
    return ""


def _everyday_glosses(sents: Sequence[Sent]) -> dict[str, dict[str, Token]]:
    """Distractors: meanings of everyday words of the article, short and decent (a rare
    word's odd first sense would be recognised as wrong at a glance), by upos and meaning,
    each with the first word that has it."""
    glosses: dict[str, dict[str, Token]] = {}
    for sent in sents:
        for t in sent.tokens:
            g = token_gloss(t)
            if (
                g
                and t.upos in {"NOUN", "VERB", "ADJ", "ADV"}
                and len(g.split()) <= 4
                and not CRUDE.search(g)
                and zipf_de(t.text) >= 3.0
            ):
                glosses.setdefault(t.upos, {}).setdefault(norm(g), t)
    return glosses


def _wrong_meanings(t: Token, gloss: str, others: Mapping[str, Token]) -> list[str]:
    """The meanings among `others` (normalised meaning -> word) that are clearly wrong for
    `t`, whose meaning here is `gloss`."""
    lemma = t.headword
    # Words of any of its senses: a distractor sharing one could also be right.
    right_words = set().union(gloss_words(gloss), *map(gloss_words, token_senses(t)))
    candidates = []
    for key, other in sorted(others.items()):
        other_lemma = other.headword.casefold()
        if other_lemma == lemma.casefold() or key in token_senses(t):
            continue
        if gloss_words(key) & right_words:
            continue  # shares a word with the answer: too close to be clearly wrong
        other_gloss = token_gloss(other) or ""
        # Written like the answer, or wrong at a glance: no "Friday" among "government", no
        # "must" among "to open sth.", no "inhabitant of Duisburg" among "dangerous".
        if (
            other_gloss[:1].isupper() != gloss[:1].isupper()
            or other_gloss.startswith("to ") != gloss.startswith("to ")
            or len(other_gloss.split()) > len(gloss.split()) + 1
            or re.match(r"(the|a|an) ", other_gloss, re.I)
            or not plain_english(other_gloss)
        ):
            continue
        candidates.append(other_gloss)
    return candidates


# A German word holding this many letters of an English word of its meaning (touri- in
# Tourismusverband, "tourism association") gives the answer away to anyone who reads English.
SPELT_LIKE = 5


def _spelt_in(word: str, gloss: str) -> bool:
    """Is a word of the meaning written inside the German word (its first SPELT_LIKE
    letters), so the choice can be picked by spelling alone?"""
    german = word.casefold()
    return any(w[:SPELT_LIKE] in german for w in gloss_words(gloss) if len(w) >= SPELT_LIKE)


def _meaning(sents, rng) -> Iterable[Question]:
    glosses = _everyday_glosses(sents)
    for sent in sents:
        if not sent.good:
            continue
        for i, t in enumerate(sent.tokens):
            if t.upos not in {"NOUN", "VERB", "ADJ"} or sent.in_quote[i]:
                continue
            gloss = token_gloss(t)
            lemma = t.headword
            if not gloss or len(t.text) < 4 or not t.text.replace("-", "").isalpha():
                continue
            if guessable(t):
                continue  # Atlantik = Atlantic, warnen = to warn: asks nothing
            if not has_own_gloss(t):
                continue  # Relegationsplatz = "square": the dictionary only knew the Platz
            if gloss[:1].isupper():
                continue  # a name's meaning (Ostasien = East Asia, Norweger = Norwegian)
            if _graded(t):
                continue  # höherer is "higher": the dictionary's "high" would be wrong here
            zipf = zipf_de(t.text)
            if zipf > 5.0 or zipf < 1.5:
                continue
            if any(w in norm(sent.text) for w in gloss_words(gloss) if len(w) > 3):
                continue  # the English word is in the German sentence (Nato, Drohne/drone...)
            if _spelt_in(t.text, gloss):
                continue  # Tourismusverband = "tourism association": read off the spelling
            candidates = _wrong_meanings(t, gloss, glosses.get(t.upos, {}))
            if len(candidates) < 3:
                continue
            rng.shuffle(candidates)
            choices, answer = shuffled_choices(rng, gloss, candidates[:3])
            a, b = sent.offsets[i]
            senses = ", ".join(str(x).rstrip(".") for x in t.senses or [gloss])
            particle = _separated_particle(sent, i)
            word = f"{t.text} … {particle}" if particle else t.text
            yield Question(
                kind="meaning",
                prompt=f"What does „{word}“ mean in this sentence?\n{sent.shown}",
                choices=choices,
                answer=answer,
                sentence=sent.text,
                explanation=f"„{lemma}“: {senses}.",
                sentence_index=sent.index,
                highlight=[a, b],
                # A particle verb's senses scatter (ausgleichen: to fund, to even out): its
                # first sense is less often the one meant than a noun's.
                score=1.5
                + (0.3 if 2.5 <= zipf <= 4.5 else 0)
                - (0.4 if particle else 0)
                + (0.4 if _senses_agree(t) else 0),
            )


def candidates(context: ArticleContext) -> Iterable[Question]:
    return _meaning(context.sents, context.rng)


KIND = Kind("meaning", candidates)
