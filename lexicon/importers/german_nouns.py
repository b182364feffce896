"""Gender and plural of German nouns from the `german-nouns` package (CC BY-SA 4.0, built from
German Wiktionary). Pure Python; read only by the import command, never by a web process.

The package ships its data as one CSV (about 100,000 nouns, 20 MB); `GermanNouns()` from the
package builds a trie of it, which we do not need: a lemma -> (gender, plural) dict of the
lemmas we ask for is enough.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
from collections.abc import Iterable
from pathlib import Path

_GENDERS = {"m", "f", "n"}


def csv_path() -> Path | None:
    # The package has no __init__.py (a namespace package): look in its search locations.
    spec = importlib.util.find_spec("german_nouns")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / "nouns.csv"
        if path.exists():
            return path
    return None


def noun_grammar(
    wanted: Iterable[str] | None = None, path: Path | None = None
) -> dict[str, tuple[str, str]]:
    """lemma -> (gender, plural) from german-nouns; "" where it has none.

    `wanted`: only these lemmas (exact spelling). A lemma listed with two genders (der/das
    Joghurt) gets "" as gender; the plural is the first nominative plural given."""
    path = path or csv_path()
    if path is None:
        return {}
    table = _table(str(path))
    if wanted is None:
        return dict(table)
    return {lemma: table[lemma] for lemma in wanted if lemma in table}


@functools.cache
def _table(path: str) -> dict[str, tuple[str, str]]:
    # Cached per process: the test suite imports the sample dictionary many times. Only the
    # import command and tests call this, never a web process.
    wanted_set = None
    found: dict[str, tuple[set[str], str]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        lemma_i = col["lemma"]
        gender_cols = [
            col[n] for n in ("genus", "genus 1", "genus 2", "genus 3", "genus 4") if n in col
        ]
        plural_cols = [
            col[n]
            for n in ("nominativ plural", "nominativ plural 1", "nominativ plural 2")
            if n in col
        ]
        for row in reader:
            lemma = row[lemma_i]
            if wanted_set is not None and lemma not in wanted_set:
                continue
            genders = {row[i] for i in gender_cols if i < len(row) and row[i] in _GENDERS}
            plural = next(
                (row[i] for i in plural_cols if i < len(row) and row[i] and row[i] != "—"), ""
            )
            if lemma in found:
                old_genders, old_plural = found[lemma]
                found[lemma] = (old_genders | genders, old_plural or plural)
            else:
                found[lemma] = (genders, plural)
    return {
        lemma: (next(iter(genders)) if len(genders) == 1 else "", plural)
        for lemma, (genders, plural) in found.items()
    }
