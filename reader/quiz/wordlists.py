"""The quiz generator's word lists (places, names, titles, distractor banks), kept as data.

Each list is a text file in reader/quiz/data/, one entry a line; lines starting with # are
comments. A file is read once per process.
"""

from __future__ import annotations

import functools
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@functools.cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of data/<name>.txt in file order (distractor banks are shuffled by the
    quiz's seeded random, so their order is part of the quiz)."""
    lines = (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@functools.cache
def word_set(name: str) -> frozenset[str]:
    """The entries of data/<name>.txt as a set, for membership tests."""
    return frozenset(entries(name))
