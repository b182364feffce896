"""Golden quizzes: what the generator makes of two fixed annotated texts, question by question.

The redesign of issue 15 moves the generator's code into one module per kind; these files show
that its questions stay the same, field for field (score, highlight and fills included), or that
a commit explains each difference it causes. Each file holds the quiz as the `quiz` command
prints it (seed 0, the length-based count) and every candidate a long quiz would take
(count=60), so a change in a kind shows even when the selection hides it.

The inputs are frozen: ARTICLE through the hand annotator of tests/quiz_annotations.py, and the
seed article as the pipeline annotated it over the sample dictionary (stored in
golden/quiz_seed_input.json, so that a change of the pipeline does not show here as a change of
the quiz). With `UPDATE_GOLDEN=1` the test rewrites the quiz files instead of comparing (then
read `git diff`).
"""

import difflib
import json
import os
from pathlib import Path

import pytest

from reader.quiz.generate import quiz_generate
from tests.quiz_annotations import ARTICLE, annotate

GOLDEN = Path(__file__).parent / "golden"


def seed_annotation() -> dict:
    return json.loads((GOLDEN / "quiz_seed_input.json").read_text(encoding="utf-8"))


def golden_quiz(annotation: dict) -> str:
    """The quiz and the generous quiz, one key per line, so a difference reads as a short diff."""
    quiz = {
        "quiz": [q.as_dict() for q in quiz_generate(annotation, seed=0)],
        "all": [q.as_dict() for q in quiz_generate(annotation, seed=0, count=60)],
    }
    return json.dumps(quiz, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


@pytest.mark.parametrize(
    ("name", "make_annotation"),
    [("quiz_of_article.json", lambda: annotate(ARTICLE)), ("quiz_of_seed.json", seed_annotation)],
)
def test_quiz_of_a_fixed_text_is_unchanged(name, make_annotation):
    path = GOLDEN / name
    actual = golden_quiz(make_annotation())
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"{path} is missing: run with UPDATE_GOLDEN=1 to write it")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"{name} (golden)",
            tofile=f"{name} (now)",
            n=6,
        )
        pytest.fail(
            "the quiz differs from the golden file "
            "(UPDATE_GOLDEN=1 rewrites it, if the change is meant):\n" + "".join(diff)[:20_000]
        )
