"""Headings: under which of the article's subheadings does this sentence stand? Asked where the
article has at least two subheadings; the choices are its subheadings, the sentence one from
the middle of a section (not the first after its heading, which would only be found by where
it stands), so the reader must know what each section is about.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader.quiz.helpers import Question, norm, shuffled_choices
from reader.quiz.kinds.base import ArticleContext, Kind
from reader.quiz.sentences import Sent

MAX_CHOICES = 4


def sections(sents: Sequence[Sent]) -> list[tuple[Sent, list[Sent]]]:
    """Each subheading with the sentences under it, up to the next one."""
    found: list[tuple[Sent, list[Sent]]] = []
    for sent in sents:
        if sent.heading:
            found.append((sent, []))
        elif found:
            found[-1][1].append(sent)
    return [(h, body) for h, body in found if body]


def _heading_questions(sents: Sequence[Sent], rng) -> Iterable[Question]:
    parts = sections(sents)
    headings = [h.text for h, _ in parts]
    if len(parts) < 2 or len({norm(h) for h in headings}) != len(headings):
        return
    for heading, body in parts:
        good = [s for s in body if s.good]
        if not good:
            continue
        # The middle one: not the first after the heading when there is another.
        sent = good[len(good) // 2]
        others = [h for h in headings if h != heading.text]
        rng.shuffle(others)
        choices, answer = shuffled_choices(rng, heading.text, others[: MAX_CHOICES - 1])
        yield Question(
            kind="heading",
            prompt=f"Under which subheading of the article does this sentence stand?\n{sent.shown}",
            choices=choices,
            answer=answer,
            sentence=sent.text,
            explanation=f"It is in the section „{heading.text}“.",
            sentence_index=sent.index,
            highlight=[sent.offsets[sent.dateline][0], len(sent.text)],
            score=2.5,
        )


def candidates(context: ArticleContext) -> Iterable[Question]:
    return _heading_questions(context.sents, context.rng)


KIND = Kind("heading", candidates, content=True)
