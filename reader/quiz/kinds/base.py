"""The registry's two types: what a quiz kind is given and what it is."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from nlp.document import Annotation
from reader.quiz.facts import Fact
from reader.quiz.helpers import Question
from reader.quiz.sentences import Sent


@dataclass(frozen=True)
class ArticleContext:
    """Everything a kind may read to make its questions, computed once per quiz."""

    # The annotation the quiz is made from, as nlp.document's typed document.
    annotation: Annotation
    # Every sentence in text order, headings too: `Sent.good` marks the ones worth a question.
    sents: Sequence[Sent]
    # The numbers, names, places and dates of the content sentences (facts.extract_facts).
    facts: Sequence[Fact]
    # The quiz's one seeded random. Kinds run in registry order and each draws from it in a
    # fixed order, which is what keeps a quiz the same for the same article version.
    rng: random.Random
    # helpers.norm() of every sentence: a wrong choice that gives one of these is not wrong.
    all_texts: frozenset[str]
    # The article's title ("" when the caller has none): it says whether the text is a
    # commentary or a review ("Kommentar: ..."), which whole-text questions ask differently.
    title: str = ""
    # Each sentence's paragraph, by sentence index (the annotation's "paragraph").
    paragraphs: Mapping[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Kind:
    """A kind of question: its name (the `kind` of its questions, in the JSON and the database),
    the function that makes every candidate question of an article, and whether it asks about
    the content (the order lets content and language questions take turns)."""

    name: str
    candidates: Callable[[ArticleContext], Iterable[Question]]
    content: bool = False
