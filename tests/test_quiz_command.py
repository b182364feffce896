"""`python manage.py quiz FILE --to json`: the quiz of a text file, printed, nothing stored."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from reader.models import Article

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_nordkorea_kursk.txt"
KEYS = {"kind", "prompt", "choices", "answer", "sentence", "explanation"}


def run(*args):
    out = io.StringIO()
    call_command("quiz", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_quiz_command_prints_the_seed_quiz_as_json_without_storing_anything():
    result = run(str(SEED), "--to", "json")
    questions = result["questions"]
    assert 10 <= len(questions) <= 15
    for q in questions:
        assert set(q) == KEYS
        assert 0 <= q["answer"] < len(q["choices"])
        assert q["sentence"] in SEED.read_text(encoding="utf-8")
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_quiz_command_is_deterministic_per_seed():
    assert run(str(SEED)) == run(str(SEED), "--seed", "0")
    assert run(str(SEED), "--seed", "1") != run(str(SEED))


@pytest.mark.django_db
def test_quiz_command_reads_a_plain_text_file(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(
        "Der Stadtrat von Leipzig hat am Dienstag den Bau einer neuen Brücke beschlossen.\n"
        "Die Brücke kostet rund 48 Millionen Euro und soll im Jahr 2027 fertig sein.\n"
        "In Dresden plant die Stadt eine ähnliche Brücke für rund 30 Millionen Euro.\n",
        encoding="utf-8",
    )
    questions = run(str(path))["questions"]
    assert questions and all(q["sentence"].endswith(".") for q in questions)
