"""Golden annotations: the pipeline's JSON for the seed article and the quiz tests' two texts.

The redesign of issue 15 moves the pipeline's code around; these files show that its output
stays the same, byte for byte, or that a commit explains each difference it causes. With
`UPDATE_GOLDEN=1` the test rewrites the files instead of comparing (then read `git diff`).
"""

import difflib
import json
import os
from pathlib import Path

import pytest

from lexicon.database import DbLexicon
from nlp.pipeline import annotate_text
from tests.quiz_annotations import ARTICLE

GOLDEN = Path(__file__).parent / "golden"

# The dateline text of tests/test_quiz_generate.py: a dpa dateline, names, numbers.
DATELINE_TEXT = (
    "Leipzig (dpa) – Der Stadtrat von Dresden hat am Dienstag den Bau einer neuen Brücke über "
    "die Elbe in Hamburg beschlossen.\n"
    "In Berlin kostet die Brücke nach einem Gutachten rund 48 Millionen Euro und 12 Radwege.\n"
    "Bürgermeisterin Anna Berger lobte den Plan am Freitag als wichtigen Schritt für Bremen.\n"
    "Nach ihren Worten nutzen täglich etwa 35.000 Fahrgäste die Straßenbahn in Dresden.\n"
)


def normalised(annotation: dict) -> str:
    """One key per line, keys sorted, so that a difference shows as a short readable diff."""
    return json.dumps(annotation, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def assert_golden(name: str, annotation: dict) -> None:
    path = GOLDEN / name
    actual = normalised(annotation)
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
            "the annotation differs from the golden file "
            "(UPDATE_GOLDEN=1 rewrites it, if the change is meant):\n" + "".join(diff)[:20_000]
        )


def test_seed_article_annotation_is_unchanged(seed_article):
    assert_golden("seed_article.json", seed_article.annotation)


@pytest.mark.parametrize(
    ("name", "text"),
    [("quiz_article.json", ARTICLE), ("quiz_dateline.json", DATELINE_TEXT)],
)
def test_quiz_text_annotation_is_unchanged(sample_lexicon, name, text):
    assert_golden(name, annotate_text(text, DbLexicon()))
