"""True/false: a sentence kept as it is (true) or with one fact swapped for another of its
class (false)."""

from __future__ import annotations

from collections.abc import Iterable

from reader.quiz.facts import fact_distractors, is_dateline
from reader.quiz.helpers import FALSE, TRUE, Question, mentions
from reader.quiz.kinds.base import ArticleContext, Kind
from reader.quiz.sentences import Sent, gapped

_ANAPHORIC = frozenset({"dort", "damals", "dabei", "dafür", "dagegen", "deshalb", "daher"})


def _leans_on_context(sent: Sent) -> bool:
    """Does the sentence start by pointing back (er, sie, dies, ihr, dort, damals)?"""
    start = sent.tokens[sent.dateline : sent.dateline + 3]
    return bool(start) and (
        start[0]["text"].casefold() in _ANAPHORIC
        or any(t.get("xpos") in {"PPER", "PDS", "PAV", "PPOSAT"} for t in start)
    )


def _true_false(sents, facts, rng, all_texts) -> Iterable[Question]:
    """For every fact, the sentence with that fact swapped (false); for every sentence with a
    fact, the sentence as it is (true). The selection alternates true and false answers."""
    by_index = {s.index: s for s in sents}
    kept: set[int] = set()
    for fact in facts:
        sent = by_index[fact.s]
        if not sent.good or len(sent.tokens) > 40 or is_dateline(sent, fact):
            continue
        a, b = sent.offsets[fact.start][0], sent.offsets[fact.end - 1][1]
        numeric = fact.cls in {"number", "percent"}
        wrong = fact_distractors(
            # A false number must be plausible: same order of magnitude, and the same unit
            # or notation (not "400.000 Euro" -> "14 Euro").
            fact,
            facts,
            rng,
            sent,
            all_texts,
            min_closeness=4 if numeric else 0,
        )
        variants = []
        if wrong and not mentions(gapped(sent, fact.start, fact.end), fact.value):
            statement = gapped(sent, fact.start, fact.end, wrong[0])
            variants.append((statement, 1, f"False: the text says {fact.text}, not {wrong[0]}."))
        if sent.index not in kept:
            kept.add(sent.index)
            variants.append((sent.text, 0, "True: the text says exactly this."))
        for statement, answer, explanation in variants:
            # "Er versprach …", "Dort arbeiten …": a statement leaning on the sentence before
            # is hard to judge on its own.
            leaning = _leans_on_context(sent)
            yield Question(
                kind="true_false",
                prompt=f"True or false?\n{sent.show(statement)}",
                # True/False keep their order: a learner should not have to search for "True".
                choices=[TRUE, FALSE],
                answer=answer,
                sentence=sent.text,
                explanation=explanation,
                sentence_index=sent.index,
                highlight=[a, b],
                score=2.0 - (0.5 if leaning else 0),
            )


def candidates(context: ArticleContext) -> Iterable[Question]:
    return _true_false(context.sents, context.facts, context.rng, context.all_texts)


KIND = Kind("true_false", candidates, content=True)
