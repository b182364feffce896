"""Compound splitting accuracy on a hand-split gold list.

    .venv/bin/python bench/compounds.py [GOLD] [--lexicon ding|db|auto] [--errors]

GOLD (default bench/data/compounds_gold.tsv): `word<TAB>lemma<TAB>lemma...` for a compound,
the word alone for a simplex word; `#` lines are comments. Prints the exact-split accuracy on
compounds (every part's lemma right, in order; case-sensitive, and ignoring case), the share of
simplex words wrongly split, and the speed. The list is also scored in two halves (odd and even
lines) so a tuning step can be checked on the half it was not made on.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from nlp.compound_candidates import vocabulary_for  # noqa: E402
from nlp.compound_vocabulary import Vocabulary, ding_vocabulary  # noqa: E402
from nlp.compounds import flat_parts, split_compound  # noqa: E402
from nlp.german import zipf  # noqa: E402

GOLD = ROOT / "bench" / "data" / "compounds_gold.tsv"
DING = "/usr/share/trans/de-en"


def read_gold(path: Path) -> list[tuple[str, list[str]]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, *parts = line.split("\t")
        rows.append((word, parts))
    return rows


def vocabulary(kind: str, words: list[str]) -> tuple[Vocabulary, str]:
    if kind in ("db", "auto"):
        try:
            import os

            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
            import django

            django.setup()
            from lexicon.database import DbLexicon

            lexicon = DbLexicon()
            if lexicon.is_word("Haus"):
                vocab = vocabulary_for(((w, None) for w in words), lexicon.lookup_many)
                return vocab, "db"
            if kind == "db":
                raise SystemExit("The database has no dictionary: run import_ding first.")
        except Exception as error:
            if kind == "db":
                raise
            print(f"(database lexicon unavailable: {error}; using Ding's file)", file=sys.stderr)
    return ding_vocabulary(DING), "ding-file"


def baseline(method: str):
    """Other splitters as they come, for comparison: a function word -> list of lemmas or None.

    german-nouns' `parse_compound` and HanTa's morphemes (`analyze(word, taglevel=3)`: content
    morphemes kept, FUGE and affixes dropped, verb stems + "en"). Neither splits a known
    compound part further (Raketenwerfer stays one part), so on this gold list they are scored
    with the same full-decomposition rule as ours; ignoring case is the fairer figure.
    """
    from nlp.compounds import Part

    if method == "german-nouns":
        from german_nouns.lookup import Nouns

        nouns = Nouns()

        def split(word):
            try:
                parts = nouns.parse_compound(word)
            except Exception:
                return None
            return [Part(p, p) for p in parts] if len(parts) > 1 else None

        return split
    if method == "hanta":
        from HanTa import HanoverTagger as ht

        tagger = ht.HanoverTagger("morphmodel_ger.pgz")

        def split(word):
            try:
                _, morphemes, _ = tagger.analyze(word, taglevel=3)
            except Exception:
                return None
            parts = []
            for text, tag in morphemes:
                if tag in ("NN", "NN_VAR", "NE"):
                    parts.append(text.capitalize())
                elif tag.startswith("ADJ"):
                    parts.append(text)
                elif tag.startswith("VV"):
                    parts.append(text + "en" if not text.endswith("n") else text)
            return [Part(p, p) for p in parts] if len(parts) > 1 else None

        return split
    raise SystemExit(f"unknown method {method}")


def score(rows, results):
    compounds = [(w, g, r) for (w, g), r in zip(rows, results, strict=True) if g]
    simplex = [(w, r) for (w, g), r in zip(rows, results, strict=True) if not g]
    exact = sum(1 for _, g, r in compounds if r and [p.lemma for p in r] == g)
    exact_ci = sum(
        1 for _, g, r in compounds if r and [p.lemma.lower() for p in r] == [x.lower() for x in g]
    )
    unsplit = sum(1 for _, _, r in compounds if not r)
    wrong_simplex = sum(1 for _, r in simplex if r)
    return {
        "compounds": len(compounds),
        "exact": exact,
        "exact_ci": exact_ci,
        "unsplit": unsplit,
        "simplex": len(simplex),
        "wrong_simplex": wrong_simplex,
    }


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} %" if b else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", default=str(GOLD))
    parser.add_argument("--lexicon", choices=["ding", "db", "auto"], default="ding")
    parser.add_argument("--errors", action="store_true", help="list every wrong answer")
    parser.add_argument(
        "--method",
        choices=["ours", "german-nouns", "hanta"],
        default="ours",
        help="score another splitter instead, for comparison",
    )
    args = parser.parse_args()

    rows = read_gold(Path(args.gold))
    started = time.perf_counter()
    if args.method == "ours":
        vocab, source = vocabulary(args.lexicon, [w for w, _ in rows])

        def split(word):
            # The gold lists every part down to the words: the full decomposition.
            parts = split_compound(word, vocab)
            return flat_parts(parts) if parts else None
    else:
        split = baseline(args.method)
        vocab, source = (), args.method
    loaded = time.perf_counter() - started

    zipf("Haus")  # load wordfreq's table outside the timing
    started = time.perf_counter()
    results = [split(word) for word, _ in rows]
    elapsed = time.perf_counter() - started

    s = score(rows, results)
    print(
        f"gold: {args.gold}  lexicon: {source}"
        f" ({len(vocab):,} headwords loaded or fetched, {loaded:.1f} s)"
    )
    print(
        f"compounds: {s['compounds']}  exact split: {pct(s['exact'], s['compounds'])}"
        f"  (ignoring case: {pct(s['exact_ci'], s['compounds'])})"
        f"  left whole: {pct(s['unsplit'], s['compounds'])}"
    )
    print(
        f"simplex words: {s['simplex']}  wrongly split: "
        f"{pct(s['wrong_simplex'], s['simplex'])} ({s['wrong_simplex']})"
    )
    for name, half in (("odd lines", rows[0::2]), ("even lines", rows[1::2])):
        res = results[0::2] if name == "odd lines" else results[1::2]
        h = score(half, res)
        print(
            f"  {name}: exact {pct(h['exact'], h['compounds'])} of {h['compounds']},"
            f" simplex wrongly split {pct(h['wrong_simplex'], h['simplex'])} of {h['simplex']}"
        )
    print(f"speed: {len(rows) / elapsed:,.0f} words/s (first split of each word, cold memo)")

    if args.errors:
        for (word, gold), result in zip(rows, results, strict=True):
            got = [p.lemma for p in result] if result else []
            if got != gold:
                print(f"  {word}: gold {' + '.join(gold) or '-'}  got {' + '.join(got) or '-'}")


if __name__ == "__main__":
    main()
