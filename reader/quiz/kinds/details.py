"""Details: a number, name, place or date of a sentence as a gap; the choices are facts of the
same class (numbers with numbers, places with places) taken from the same article."""

from __future__ import annotations

from collections.abc import Iterable

from reader.quiz.facts import CLASS_QUESTION, fact_distractors, is_dateline
from reader.quiz.helpers import Question, mentions, shuffled_choices
from reader.quiz.kinds.base import ArticleContext, Kind
from reader.quiz.sentences import Sent, gapped


def _details(sents, facts, rng, all_texts) -> Iterable[Question]:
    by_index = {s.index: s for s in sents}
    for fact in facts:
        sent = by_index[fact.s]
        if not sent.good or is_dateline(sent, fact):
            continue
        prompt_text = sent.show(gapped(sent, fact.start, fact.end))
        if mentions(prompt_text, fact.value) or (
            fact.text != fact.value and mentions(prompt_text, fact.text)
        ):
            continue  # the same number or name elsewhere in the sentence gives it away
        wrong = fact_distractors(fact, facts, rng, sent, all_texts)
        if len(wrong) < 2:
            continue
        choices, answer = shuffled_choices(rng, fact.text, wrong)
        a, b = sent.offsets[fact.start][0], sent.offsets[fact.end - 1][1]
        yield Question(
            kind="details",
            prompt=f"{CLASS_QUESTION[fact.cls.removesuffix('+plural')]}\n{prompt_text}",
            choices=choices,
            answer=answer,
            sentence=sent.text,
            explanation=f"The text says: „…{_context(sent, fact.start, fact.end)}…“",
            sentence_index=sent.index,
            highlight=[a, b],
            score=2.0
            + (
                0.5
                if fact.cls in {"number", "person", "place", "region", "state", "percent"}
                else 0
            ),
            fills=[*choices],
        )


def _context(sent: Sent, start: int, end: int, width: int = 3) -> str:
    a = max(0, start - width)
    b = min(len(sent.tokens), end + width)
    return sent.text[sent.offsets[a][0] : sent.offsets[b - 1][1]]


def candidates(context: ArticleContext) -> Iterable[Question]:
    return _details(context.sents, context.facts, context.rng, context.all_texts)


KIND = Kind("details", candidates, content=True)
