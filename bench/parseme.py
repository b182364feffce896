"""Verbal multiword expressions against PARSEME gold (.cupt): MWE-based precision/recall/F1.

    .venv/bin/python bench/parseme.py [--cupt PATH] [--lexicon auto|db|ding|none] [--show N]
        [--half all|tune|heldout|both]

The gold sentences and tokens are kept (as `manage.py annotate --from cupt --to cupt` does);
an expression counts as found when its token set equals a gold expression's (PARSEME's
"MWE-based" measure). VPC compares our separable verbs with gold VPC.full and VPC.semi (we do
not tell the two apart); VID, IRV and LVC.full compare their own category. "VPC raw" counts
every joined separable verb, before the filter that keeps only lexicalised particle verbs;
"odd" and "even" split the sentences in two halves (1st, 3rd, ... and 2nd, 4th, ...).
"VPC.full" compares our separable verbs with gold VPC.full alone.

`--half tune|heldout|both` scores the first half of the file's sentences (tune: rules may be
tuned on it), the second (heldout: they may not), or each and then all. "literal" counts the
sentences holding every lemma of a gold idiom (VID with a noun, adjective or adverb) where gold
marks no such idiom, i.e. literal or coincidental uses of its words (PARSEME annotates only
idiomatic uses; the candidates are not checked by hand), and how many of them we flag as VID.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _lexicons import get_lexicon  # noqa: E402

from nlp import conllu  # noqa: E402
from nlp.pipeline import annotate_sentences  # noqa: E402

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


CATEGORIES = (
    "VPC",
    "VPC.full",
    "VPC odd",
    "VPC even",
    "VPC raw",
    "VPC raw odd",
    "VPC raw even",
    "VID",
    "IRV",
    "LVC",
)


def gold_and_predicted(number: int, sentence, sent_json) -> tuple[set, set]:
    """The gold and predicted {(category, token positions)} of one sentence, with the derived
    categories (VPC.full alone, VPC raw, odd/even halves)."""
    values = [sentence.lines[i].split("\t")[10] for i in sentence.word_lines]
    gold = expressions_of(values)
    # VPC.full on its own: our separable verbs against gold VPC.full only (VPC.semi apart).
    full = {
        frozenset(toks)
        for cat, toks in expressions_of(
            [";".join(x for x in v.split(";") if "VPC.semi" not in x) or "*" for v in values]
        )
        if cat == "VPC"
    }
    gold |= {("VPC.full", toks) for toks in full}
    pred = expressions_of(conllu.mwe_column(sent_json))
    pred |= {("VPC.full", toks) for cat, toks in pred if cat == "VPC"}
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
    return gold, pred


def lemmas_of(sentence) -> list[str]:
    return [sentence.lines[i].split("\t")[2].lower() for i in sentence.word_lines]


def content_of(sentence) -> list[bool]:
    return [sentence.lines[i].split("\t")[3] in CONTENT_UPOS for i in sentence.word_lines]


CONTENT_UPOS = {"NOUN", "ADJ", "ADV", "PROPN"}


def idiom_types(records) -> set[frozenset]:
    """The lemma sets of every gold VID with a noun, adjective or adverb among its words."""
    types = set()
    for sentence, gold, _ in records:
        lemmas, content = lemmas_of(sentence), content_of(sentence)
        for cat, toks in gold:
            if cat == "VID" and len(toks) > 1 and any(content[i] for i in toks):
                types.add(frozenset(lemmas[i] for i in toks))
    return types


def literal_candidates(records, types) -> tuple[int, int]:
    """Sentences holding all the lemmas of a gold idiom (VID) where gold marks no such VID:
    literal or coincidental uses of its words (not checked by hand; PARSEME annotates only
    idiomatic uses). Returns (candidates, flagged by us as a VID over those lemmas)."""
    candidates = flagged = 0
    for sentence, gold, pred in records:
        lemmas = lemmas_of(sentence)
        present = set(lemmas)
        gold_sets = {frozenset(lemmas[i] for i in toks) for cat, toks in gold if cat == "VID"}
        pred_sets = [frozenset(lemmas[i] for i in toks) for cat, toks in pred if cat == "VID"]
        for kind in types:
            if kind <= present and not any(kind <= g for g in gold_sets):
                candidates += 1
                flagged += any(kind <= p for p in pred_sets)
    return candidates, flagged


def report(title: str, records, types, show: int) -> None:
    tp: collections.Counter = collections.Counter()
    n_gold: collections.Counter = collections.Counter()
    n_pred: collections.Counter = collections.Counter()
    misses, false_alarms = [], []
    for sentence, gold, pred in records:
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
    print(f"== {title}: {len(records)} sentences")
    for cat in CATEGORIES:
        p = tp[cat] / n_pred[cat] if n_pred[cat] else 0.0
        r = tp[cat] / n_gold[cat] if n_gold[cat] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"{cat:12s} gold {n_gold[cat]:4d}  predicted {n_pred[cat]:4d}  correct {tp[cat]:4d}  "
            f"P {100 * p:5.1f} %  R {100 * r:5.1f} %  F1 {100 * f:5.1f} %"
        )
    candidates, flagged = literal_candidates(records, types)
    share = 100 * flagged / candidates if candidates else 0.0
    print(
        f"literal      {candidates} unannotated co-occurrences of a gold idiom's lemmas, "
        f"{flagged} flagged as VID ({share:.1f} %)"
    )
    for label, rows in (("misses", misses), ("false alarms", false_alarms)):
        shown = [row for row in rows if row[0] == "VPC"][:show]
        if shown:
            print(f"-- VPC {label}:")
            for _, toks, text in shown:
                print(f"   {' '.join(toks):30s} | {text[:110]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cupt", default=PARSEME_DEV)
    parser.add_argument("--lexicon", default="auto", choices=["auto", "db", "ding", "none"])
    parser.add_argument("--show", type=int, default=0, help="print N misses and N false alarms")
    parser.add_argument(
        "--half",
        default="all",
        choices=["all", "tune", "heldout", "both"],
        help="tune: the first half of the sentences in file order; heldout: the second "
        "(rules may be tuned on the first half only); both: each, then all",
    )
    args = parser.parse_args()
    lexicon, kind = get_lexicon(args.lexicon)
    _, sentences = conllu.read_conllu(Path(args.cupt).read_text(encoding="utf-8"))
    sentences = [s for s in sentences if s.word_lines]
    t0 = time.perf_counter()
    annotation = annotate_sentences([s.words for s in sentences], lexicon)
    elapsed = time.perf_counter() - t0
    records = [
        (sentence, *gold_and_predicted(number, sentence, sent_json))
        for number, (sentence, sent_json) in enumerate(
            zip(sentences, annotation["sentences"], strict=True), start=1
        )
    ]
    print(f"lexicon: {kind}; {len(sentences)} sentences in {elapsed:.1f} s")
    # Idiom types from the whole file, so both halves look for the same literal uses.
    types = idiom_types(records)
    middle = len(records) // 2
    halves = {
        "all": [("all", records)],
        "tune": [("tune (first half)", records[:middle])],
        "heldout": [("heldout (second half)", records[middle:])],
    }
    halves["both"] = halves["tune"] + halves["heldout"] + halves["all"]
    for title, part in halves[args.half]:
        report(title, part, types, args.show)


if __name__ == "__main__":
    main()
