"""The measuring scripts of docs/benchmarks.md start: a layers move once left
bench/quiz_quality.py failing at import (Django not set up), which no test saw."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = [
    "quiz_quality.py",
    "quiz_review.py",
    "gloss_judged.py",
    "parseme.py",
    "nouns_names.py",
    "compounds.py",
    "annotate.py",
]


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_script_starts_and_explains_itself(script):
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "usage:" in done.stdout
