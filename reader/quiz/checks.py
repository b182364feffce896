"""The rules every generated question obeys, as checks a test or a benchmark can run.

Each check returns a list of problems (empty when the question passes). They work on the
question's public fields plus the article's annotation, so they also catch a teacher's edit or a
stored question gone stale.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from nlp.document import Annotation
from reader.quiz.helpers import FALSE, GAP, NOT_GIVEN, TRUE, Question, mentions, norm
from reader.quiz.sentences import article_sentences, typed


def _body(prompt: str) -> str:
    """The German part of a prompt (its first line is the English instruction)."""
    return prompt.split("\n", 1)[1] if "\n" in prompt else prompt


def check_question(q: Question, annotation: Annotation | Mapping) -> list[str]:
    problems = []
    sents = article_sentences(annotation)
    texts = {norm(s.text) for s in sents}
    # Prompts quote a sentence without its dateline ("Seoul (taz) – "): compare like with like.
    shown = {norm(s.text): norm(s.shown) for s in sents}
    texts_shown = texts | set(shown.values())
    # Answerable from the text: its source sentence is in the article and the highlighted
    # answer lies inside it.
    if norm(q.sentence) not in texts:
        problems.append("source sentence is not in the article")
    a, b = q.highlight
    if not 0 <= a < b <= len(q.sentence):
        problems.append("highlight outside the sentence")
    # Exactly one right answer, distinct choices.
    if not 0 <= q.answer < len(q.choices):
        problems.append("answer index out of range")
        return problems
    if len({norm(c) for c in q.choices}) != len(q.choices):
        problems.append("choices not distinct")
    if len(q.choices) < 2:
        problems.append("fewer than two choices")
    right = q.choices[q.answer]
    body = _body(q.prompt)
    dateline = next((s for s in sents if norm(s.text) == norm(q.sentence) and s.dateline), None)
    if dateline and dateline.text[: dateline.offsets[dateline.dateline][0]].strip() in body:
        problems.append("prompt quotes the dateline")
    if q.kind == "vocabulary":
        if body.count(GAP) != 1:
            problems.append("cloze without exactly one gap")
        filled = [norm(body.replace(GAP, c)) for c in q.choices]
        # Nothing is filled in word for word from the text: the right choice is a synonym.
        for k, f in enumerate(filled):
            if f in texts_shown:
                problems.append(f"choice {q.choices[k]!r} gives a sentence of the text")
        if mentions(body.replace(GAP, " "), right):
            problems.append("prompt reveals the answer")
    elif q.kind == "details":
        if GAP in body or not body.rstrip().endswith("?"):
            problems.append("detail question is not a W-question")
        if mentions(body, right):
            problems.append("prompt reveals the answer")
        if norm(right) not in norm(q.sentence):
            problems.append("the answer is not in its sentence")
        numeric = [any(ch.isdigit() for ch in c) for c in q.choices]
        if len(set(numeric)) != 1:
            problems.append("choices of different kinds (numbers mixed with words)")
    elif q.kind == "true_false":
        if q.choices != [TRUE, FALSE, NOT_GIVEN]:
            problems.append("true/false choices are not richtig / falsch / steht nicht im Text")
        # Nothing is judged word for word: no statement is a sentence of the text.
        if norm(body) in texts_shown:
            problems.append("true/false statement copies a sentence of the text")
    elif q.kind in {"meaning", "idiom", "compound"}:
        if mentions(body, right):
            problems.append("prompt reveals the answer")
        if q.kind == "compound" and len({c.count("+") for c in q.choices}) != 1:
            problems.append("compound choices with different numbers of parts")
    return problems


def check_quiz(
    questions: Sequence[Question], annotation: Annotation | Mapping
) -> dict[str, list[str]]:
    """Problems per question index, plus quiz-level ones under "quiz"."""
    annotation = typed(annotation)  # decoded once for all the questions
    report: dict[str, list[str]] = {}
    for k, q in enumerate(questions):
        found = check_question(q, annotation)
        if found:
            report[str(k)] = found
    anchors = [(q.kind, q.sentence) for q in questions]
    if len(set(anchors)) != len(anchors):
        report.setdefault("quiz", []).append("two questions of one kind on one sentence")
    # The order: a content question first (a learner warms up on what the text says, not on
    # vocabulary), and no kind twice in a row when the kinds allow it.
    if questions and questions[0].kind not in {"details", "true_false"}:
        if any(q.kind in {"details", "true_false"} for q in questions):
            report.setdefault("quiz", []).append("quiz opens with a language question")
    kinds = Counter(q.kind for q in questions)
    if kinds and max(kinds.values()) <= (len(questions) + 1) // 2:
        if any(a.kind == b.kind for a, b in zip(questions, questions[1:], strict=False)):
            report.setdefault("quiz", []).append("two questions of one kind in a row")
    return report
