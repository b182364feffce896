"""Idiom: an idiom or light-verb construction -> its English meaning; the distractors are the
meanings of the article's other expressions, then of a bank of the same form (reader/quiz/data)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from nlp.document import Expression, Token
from reader.quiz.helpers import Question, gloss_words, norm, shuffled_choices
from reader.quiz.kinds.base import ArticleContext, Kind
from reader.quiz.sentences import Sent
from reader.quiz.wordlists import entries

# Distractor banks, one per form of meaning (each file says what its list is for).
IDIOM_MEANINGS = entries("idiom_meanings")
SAYINGS = entries("sayings")
PHRASE_MEANINGS = entries("phrase_meanings")


def _first_sense(gloss: str) -> str:
    """Dictionary glosses list several senses ("One hand washes the other.; One good turn
    deserves another."): a choice shows the first."""
    return re.split(r";\s|\s\|\s", str(gloss))[0].strip()


def _is_saying(gloss: str) -> bool:
    """A whole-sentence meaning (The time is up.) rather than a verb phrase (to give up)."""
    g = _first_sense(gloss)
    return g[:1].isupper() and g.rstrip().endswith((".", "!", "?"))


_SLOTS = frozenset(
    "jdn. jdm. jds. etw. sich es der die das den dem des ein eine einen einem einer".split()
)


def _idiom_fits(sent: Sent, x: Expression) -> bool:
    """Does the sentence really contain the dictionary expression? The matcher allows
    inflection and insertions; a word of the expression that is nowhere in the sentence
    (nicht in Betrieb sein, mit wenig Geld) means the meaning would be wrong here."""
    lemma = x.lemma
    words = [w.strip(".,!?;:()").casefold() for w in lemma.split()]
    words = [w for w in words if w and w not in _SLOTS]
    if len(words) < 2:
        return False  # "es geben": grammar, not an idiom worth a question
    seen = set()
    for t in sent.tokens:
        seen.add(t.text.casefold())
        seen.add(t.lemma.casefold())
    saying = lemma.rstrip().endswith((".", "!", "?"))
    for w in words:
        if w in seen:
            continue
        # Verbs and nouns inflect (wäscht ~ waschen, Sorgen ~ Sorge): a shared stem will do,
        # except in a saying, which is quoted as it stands.
        if saying or not any(
            len(w) >= 4 and (s.startswith(w[:4]) and w[:4] == s[:4]) for s in seen
        ):
            return False
    return True


_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})


def _transparent(sent: Sent, x: Expression) -> bool:
    """Is the meaning just its words' own glosses put together (zur Schule gehen "to go to
    school", Gebrauch machen "to make use of")? Then an English reader sees through it and the
    question tests nothing; the reviewers judged such items not worth asking."""
    meaning = gloss_words(_first_sense(x.gloss or ""))
    words = [
        sent.tokens[k]
        for k in x.tokens
        if sent.tokens[k].upos in _CONTENT_POS and sent.tokens[k].gloss
    ]
    return bool(words) and all(gloss_words(_own_senses(t)) & meaning for t in words)


def _own_senses(token: Token) -> str:
    """A verb's later senses include the idioms it takes part in (gehen: "to be about sth."
    for es geht um), so only its headline counts; a noun's senses are its own (Schule:
    school, whichever sense the popover shows first)."""
    if token.upos in {"VERB", "AUX"}:
        return token.gloss or ""
    return " ".join((token.gloss or "", *(token.senses or ())))


def _idiom(sents, rng) -> Iterable[Question]:
    exprs = []
    for sent in sents:
        if not sent.good:
            continue
        for x in sent.expressions:
            idx = sorted(x.tokens)
            if x.type not in {"idiom", "light_verb"} or not x.gloss or not idx:
                continue
            # One word, or words far apart, is more often a false match than an idiom.
            if len(idx) < 2 or idx[-1] - idx[0] > 7 or not _idiom_fits(sent, x):
                continue
            if _transparent(sent, x):
                continue
            exprs.append((sent, x))
    all_glosses = sorted({_first_sense(x.gloss) for _, x in exprs})
    for sent, x in exprs:
        gloss = _first_sense(x.gloss)
        saying = _is_saying(gloss)
        # Distractors of the same form: "to ..." meanings for verb idioms, sayings for sayings.
        others = [
            g
            for g in all_glosses
            if norm(g) != norm(gloss)
            and _is_saying(g) == saying
            and g.startswith("to ") == gloss.startswith("to ")
            and not (gloss_words(g) & gloss_words(gloss))
        ]
        # Choices of one form: "to ..." meanings, sayings, or other phrases.
        if saying:
            bank_of_form = SAYINGS
        elif gloss.startswith("to "):
            bank_of_form = IDIOM_MEANINGS
        else:
            bank_of_form = PHRASE_MEANINGS
        bank = [
            g
            for g in bank_of_form
            if norm(g) != norm(gloss)
            and not (gloss_words(g) & gloss_words(gloss))
            and g not in others
        ]
        rng.shuffle(others)
        rng.shuffle(bank)
        wrong = (others + bank)[:3]
        idx = sorted(x.tokens)
        words = " ".join(sent.tokens[k].text for k in idx)
        lemma = x.lemma or words
        choices, answer = shuffled_choices(rng, gloss, wrong)
        yield Question(
            kind="idiom",
            prompt=f"What does the expression „{words}“ ({lemma.rstrip('.')}) mean here?\n"
            f"{sent.shown}",
            choices=choices,
            answer=answer,
            sentence=sent.text,
            explanation=f"„{lemma.rstrip('.')}“: {gloss.rstrip('.')}.",
            sentence_index=sent.index,
            highlight=[sent.offsets[idx[0]][0], sent.offsets[idx[-1]][1]],
            score=3.0 if x.type == "idiom" else 2.2,
        )


def candidates(context: ArticleContext) -> Iterable[Question]:
    return _idiom(context.sents, context.rng)


KIND = Kind("idiom", candidates)
