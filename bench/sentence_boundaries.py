"""Sentence boundaries: our splitter against the gold sentences of a CoNLL-U file.

    .venv/bin/python bench/sentence_boundaries.py FILE.conllu [--per-paragraph N] [--show N]

The gold sentences' `# text` lines are joined N to a paragraph (one line, separated by a
space), as an article would have them; the paragraph is split by `randnotiz_sentences` alone
(spaCy's German tokenizer, no tagger), and every boundary inside a paragraph counts:
precision, recall and F1 over the character offsets where a sentence starts. Paragraph starts
are given, so they do not count. Gold sentences without final punctuation (web text) are
boundaries no splitter of punctuated text finds: they lower recall the same before and after.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy  # noqa: E402

from nlp import sentences  # noqa: E402,F401  (registers the factory)
from nlp.extensions import register_extensions  # noqa: E402


def gold_sentences(path: Path) -> list[str]:
    return [
        line[len("# text = ") :].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("# text = ")
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--per-paragraph", type=int, default=10)
    parser.add_argument("--show", type=int, default=0, help="print N wrong boundaries")
    args = parser.parse_args()
    register_extensions()
    nlp = spacy.blank("de")
    nlp.add_pipe("randnotiz_sentences")
    sents = gold_sentences(args.file)
    tp = fp = fn = 0
    errors: list[str] = []
    cpu = time.process_time()
    for start in range(0, len(sents), args.per_paragraph):
        group = sents[start : start + args.per_paragraph]
        text = " ".join(group)
        gold, offset = set(), 0
        for sentence in group:
            gold.add(offset)
            offset += len(sentence) + 1
        gold.discard(0)
        doc = nlp(text)
        predicted = {s.start_char for s in doc.sents} - {0}
        tp += len(gold & predicted)
        for wrong, kind in ((predicted - gold, "split"), (gold - predicted, "joined")):
            for at in sorted(wrong):
                errors.append(f"{kind:6s} …{text[max(0, at - 40) : at]}|{text[at : at + 30]}…")
        fp += len(predicted - gold)
        fn += len(gold - predicted)
    cpu = time.process_time() - cpu
    precision = tp / max(tp + fp, 1)
    recall = tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    print(
        f"{args.file.name}: {len(sents)} sentences, {tp + fn} inner boundaries; "
        f"P {100 * precision:.1f} %  R {100 * recall:.1f} %  F1 {100 * f1:.1f} % "
        f"(false splits {fp}, missed {fn}; {cpu:.1f} s CPU)"
    )
    for line in errors[: args.show]:
        print("  ", line)


if __name__ == "__main__":
    main()
