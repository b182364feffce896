"""Reference: who is "sie" here? A personal pronoun (er, sie, ihn, ihm) that refers to a person
the article names; the choices are people of the article who all agree with the pronoun in
sex and number, so grammar alone does not answer it: the reader must follow the text.

Asked only where the person is certain (reader/quiz/people.py): the pronoun speaks (", sagte
sie", "sie betonte") or is the subject of what a named person said ("Brandt sagte, sie
respektiere ..."), and exactly one person who agrees with it is named in that sentence before
it or in the two before. In what someone said, a noun of the pronoun's gender between the
person and the pronoun could be meant too (Wendt sagte, die Gewerkschaft ... sie): no question.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from nlp.document import Token
from nlp.german import FINITE_VERB_TAGS, PRONOUN_AGREEMENT
from reader.quiz.helpers import Question, shuffled_choices
from reader.quiz.kinds.base import ArticleContext, Kind
from reader.quiz.people import (
    Person,
    antecedent,
    article_people,
    pronoun_agrees,
    speech_verb_at,
)
from reader.quiz.sentences import Sent

PRONOUNS = frozenset({"er", "sie", "ihn", "ihm"})


def _verb_of(sent: Sent, i: int) -> Token | None:
    """The finite verb a subject pronoun goes with: the one right before it (sagte sie), else
    the next one (sie respektiere)."""
    toks = sent.tokens
    if i and toks[i - 1].xpos in FINITE_VERB_TAGS:
        return toks[i - 1]
    return next((t for t in toks[i + 1 :] if t.xpos in FINITE_VERB_TAGS), None)


def _speaks(sent: Sent, i: int) -> bool:
    """Is the pronoun at token i the one who speaks: ", sagte sie", "sie betonte"?"""
    return (i > 0 and speech_verb_at(sent, i - 1)) or (
        i + 1 < len(sent.tokens) and speech_verb_at(sent, i + 1)
    )


def _reported_subject(sent: Sent, i: int, person: Person) -> bool:
    """ "Brandt sagte, sie ...": the pronoun opens what the person named just before said,
    with no noun of the pronoun's gender in between."""
    toks = sent.tokens
    if i < 2 or toks[i - 1].text != "," or not speech_verb_at(sent, i - 2):
        return False
    mention = next((m for m in person.mentions if m.s == sent.index and m.end <= i - 2), None)
    if mention is None:
        return False
    forms = PRONOUN_AGREEMENT[toks[i].text.casefold()]
    genders = {g for g, _ in forms}
    return not any(t.xpos == "NN" and t.gender in genders for t in toks[mention.end : i])


def _reference_questions(sents: Sequence[Sent], rng) -> Iterable[Question]:
    people = article_people(sents)
    by_index = {s.index: s for s in sents}
    for sent in sents:
        if sent.heading:
            continue
        folded = [t.text.casefold() for t in sent.tokens]
        for i, t in enumerate(sent.tokens):
            form = folded[i]
            if form not in PRONOUNS or t.xpos != "PPER" or sent.in_quote[i]:
                continue
            if folded.count(form) != 1:
                continue  # which "sie" is meant would need marking
            verb = _verb_of(sent, i)
            person = antecedent(people, by_index, sent.index, i, verb)
            if person is None:
                continue
            if not (_speaks(sent, i) or _reported_subject(sent, i, person)):
                continue
            pronoun = sent.tokens[i]
            # Those named nearest first: they are who a reader could take "sie" for.
            wrong = sorted(
                (p for p in people if p is not person and pronoun_agrees(pronoun, verb, p)),
                key=lambda p: (min(abs(m.s - sent.index) for m in p.mentions), p.name),
            )
            if len(wrong) < 2:
                continue
            choices, answer = shuffled_choices(rng, person.name, [p.name for p in wrong[:3]])
            shown = sent.shown
            yield Question(
                kind="reference",
                prompt=f"Who is „{t.text}“ in this sentence?\n{shown}",
                choices=choices,
                answer=answer,
                sentence=sent.text,
                explanation=f"„{t.text}“ refers back to {person.name}.",
                sentence_index=sent.index,
                highlight=list(sent.offsets[i]),
                score=2.4,
            )


def candidates(context: ArticleContext) -> Iterable[Question]:
    return _reference_questions(context.sents, context.rng)


KIND = Kind("reference", candidates, content=True)
