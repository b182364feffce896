"""Verbal multiword expressions against PARSEME gold (.cupt): MWE-based precision/recall/F1.

    .venv/bin/python bench/parseme.py [--cupt PATH] [--lexicon auto|db|ding|none] [--show N]

The gold sentences and tokens are kept (as `manage.py annotate --from cupt --to cupt` does);
an expression counts as found when its token set equals a gold expression's (PARSEME's
"MWE-based" measure). VPC compares our separable verbs with gold VPC.full and VPC.semi (we do
not tell the two apart); VID, IRV and LVC.full compare their own category. "VPC raw" counts
every joined separable verb, before the filter that keeps only lexicalised particle verbs;
"odd" and "even" split the sentences in two halves (1st, 3rd, ... and 2nd, 4th, ...).
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _lexicons import get_lexicon  # noqa: E402

from reader.nlp import conllu  # noqa: E402
from reader.nlp.pipeline import annotate_sentences  # noqa: E402

PARSEME_DEV = "/work/shared/data/parseme-de-dev/dev.cupt"
GROUP = {
    "VPC.full": "VPC",
    "VPC.semi": "VPC",
    "VID": "VID",
    "IRV": "IRV",
    "LVC.full": "LVC",
    "LVC.cause": "LVC.cause",
    "MVC": "MVC",
    "IAV": "IAV",
}


def expressions_of(values: list[str]) -> set[tuple[str, frozenset[int]]]:
    """PARSEME:MWE column values of one sentence -> {(category group, token positions)}."""
    cats: dict[str, str] = {}
    members: dict[str, set[int]] = collections.defaultdict(set)
    for position, value in enumerate(values):
        if value in ("*", "_", ""):
            continue
        for item in value.split(";"):
            number, _, cat = item.partition(":")
            members[number].add(position)
            if cat:
                cats[number] = cat
    return {
        (GROUP.get(cats.get(n, "?"), cats.get(n, "?")), frozenset(m)) for n, m in members.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cupt", default=PARSEME_DEV)
    parser.add_argument("--lexicon", default="auto", choices=["auto", "db", "ding", "none"])
    parser.add_argument("--show", type=int, default=0, help="print N misses and N false alarms")
    args = parser.parse_args()
    lexicon, kind = get_lexicon(args.lexicon)
    _, sentences = conllu.read_conllu(Path(args.cupt).read_text(encoding="utf-8"))
    sentences = [s for s in sentences if s.word_lines]
    t0 = time.perf_counter()
    annotation = annotate_sentences([s.words for s in sentences], lexicon)
    elapsed = time.perf_counter() - t0
    tp: collections.Counter = collections.Counter()
    n_gold: collections.Counter = collections.Counter()
    n_pred: collections.Counter = collections.Counter()
    misses, false_alarms = [], []
    for number, (sentence, sent_json) in enumerate(
        zip(sentences, annotation["sentences"], strict=True), start=1
    ):
        gold_values = [sentence.lines[i].split("\t")[10] for i in sentence.word_lines]
        gold = expressions_of(gold_values)
        pred = expressions_of(conllu.mwe_column(sent_json))
        # Every joined separable verb, before the lexicalisation filter: the pipeline's own
        # joining, as a learner sees it.
        pred |= {
            ("VPC raw", frozenset(e["tokens"]))
            for e in sent_json.get("expressions", [])
            if e.get("type") == "separable_verb" and e.get("tokens")
        }
        gold |= {("VPC raw", toks) for cat, toks in gold if cat == "VPC"}
        # Odd and even sentences apart: a rule tuned on one half should help the other too.
        half = "odd" if number % 2 else "even"
        gold |= {(f"{cat} {half}", toks) for cat, toks in gold if cat in ("VPC", "VPC raw")}
        pred |= {(f"{cat} {half}", toks) for cat, toks in pred if cat in ("VPC", "VPC raw")}
        words = sentence.words
        for cat, toks in gold:
            n_gold[cat] += 1
            if (cat, toks) in pred:
                tp[cat] += 1
            else:
                misses.append((cat, [words[i] for i in sorted(toks)], " ".join(words)))
        for cat, toks in pred:
            n_pred[cat] += 1
            if (cat, toks) not in gold:
                false_alarms.append((cat, [words[i] for i in sorted(toks)], " ".join(words)))
    print(f"lexicon: {kind}; {len(sentences)} sentences in {elapsed:.1f} s")
    for cat in (
        "VPC",
        "VPC odd",
        "VPC even",
        "VPC raw",
        "VPC raw odd",
        "VPC raw even",
        "VID",
        "IRV",
        "LVC",
    ):
        p = tp[cat] / n_pred[cat] if n_pred[cat] else 0.0
        r = tp[cat] / n_gold[cat] if n_gold[cat] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"{cat:12s} gold {n_gold[cat]:4d}  predicted {n_pred[cat]:4d}  correct {tp[cat]:4d}  "
            f"P {100 * p:5.1f} %  R {100 * r:5.1f} %  F1 {100 * f:5.1f} %"
        )
    for title, rows in (("misses", misses), ("false alarms", false_alarms)):
        shown = [row for row in rows if row[0] == "VPC"][: args.show]
        if shown:
            print(f"-- VPC {title}:")
            for _, toks, text in shown:
                print(f"   {' '.join(toks):30s} | {text[:110]}")


if __name__ == "__main__":
    main()
