"""The quiz kinds, one module each, and the registry the mixer (reader/quiz/generate.py) reads.

A kind is a `Kind(name, candidates, content=False)` (kinds/base.py):

- `candidates(context: ArticleContext) -> Iterable[Question]` gets the article once per quiz:
  `context.annotation` (the typed nlp.document.Annotation), `context.sents` (every sentence as a
  `sentences.Sent`: tokens, text, offsets, quotation mask, dateline, `good` for content
  sentences), `context.facts` (numbers, names, places, dates: `facts.Fact`), `context.rng`
  (the quiz's seeded random) and `context.all_texts` (every sentence, normalised). It yields
  every question it could ask, each a `helpers.Question` tied to its sentence (`sentence`,
  `sentence_index`, `highlight`) with a `score` (higher is better, about 1-3); the mixer
  chooses among them, so a kind never decides how many of its questions a quiz gets.
- `content=True` for a kind that asks about what the article says rather than its language.

To add a kind: write reader/quiz/kinds/<name>.py ending in `KIND = Kind("<name>", candidates)`
and add `<name>.KIND` to `REGISTRY` below. Each kind draws from a random of its own (seeded by
the quiz's seed and the kind's name, `context.rng`), so adding or changing a kind leaves the
other kinds' questions as they were. The mixer
gives every kind a turn (generate.ROTATION says how often the first six come up); a kind is
only asked about sentences no other chosen question uses, and reader/quiz/checks.py holds the
rules every question must pass. Prompts are English instruction, a newline, then German.
"""

from __future__ import annotations

from reader.quiz.kinds import (
    compound,
    details,
    heading,
    idiom,
    main_idea,
    meaning,
    reference,
    speaker,
    true_false,
    vocabulary,
)
from reader.quiz.kinds.base import ArticleContext, Kind

__all__ = ["KINDS", "REGISTRY", "ArticleContext", "Kind", "kind_named"]

REGISTRY: tuple[Kind, ...] = (
    details.KIND,
    true_false.KIND,
    vocabulary.KIND,
    meaning.KIND,
    compound.KIND,
    idiom.KIND,
    main_idea.KIND,
    heading.KIND,
    reference.KIND,
    speaker.KIND,
)
KINDS = tuple(kind.name for kind in REGISTRY)


def kind_named(name: str) -> Kind:
    return next(kind for kind in REGISTRY if kind.name == name)
