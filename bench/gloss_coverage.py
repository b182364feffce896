"""Gloss coverage: the share of content tokens a learner can hover and get an English gloss.

    .venv/bin/python bench/gloss_coverage.py [FILE ...] [--lexicon auto|db|ding|none] [--show N]

Content tokens are NOUN, VERB, ADJ and ADV as our tagger sees them (names, numbers, function
words and punctuation excluded). A token counts as covered when it has a gloss, or when it is
a compound all of whose parts have one. Inputs: the seed article (default), and any text files
(one paragraph per line); a `.conllu`/`.cupt` file contributes its `# text` lines.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _lexicons import ROOT, get_lexicon  # noqa: E402

from reader.nlp.pipeline import annotate_text  # noqa: E402

CONTENT = {"NOUN", "VERB", "ADJ", "ADV"}
SEED = ROOT / "seeds" / "000_nordkorea_kursk.txt"


def read_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix in (".conllu", ".cupt"):
        return "\n".join(
            line[len("# text = ") :] for line in raw.splitlines() if line.startswith("# text = ")
        )
    if raw.startswith("title:") and "\n---\n" in raw:  # seed files: a header, then the text
        return raw.split("\n---\n", 1)[1]
    return raw


def covered(token: dict) -> bool:
    if token["gloss"]:
        return True
    parts = token.get("compound") or []
    return bool(parts) and all(p.get("gloss") for p in parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=[SEED])
    parser.add_argument("--lexicon", default="auto", choices=["auto", "db", "ding", "none"])
    parser.add_argument("--show", type=int, default=0, help="print the N commonest misses")
    args = parser.parse_args()
    lexicon, kind = get_lexicon(args.lexicon)
    print(f"lexicon: {kind}")
    for path in args.files:
        result = annotate_text(read_text(path), lexicon)
        n = ok = 0
        misses: collections.Counter = collections.Counter()
        via: collections.Counter = collections.Counter()
        for sentence in result["sentences"]:
            for token in sentence["tokens"]:
                if token["upos"] not in CONTENT or not any(c.isalpha() for c in token["text"]):
                    continue  # ordinals (11.) are numbers to a learner
                n += 1
                if covered(token):
                    ok += 1
                else:
                    misses[(token["text"], token["lemma"], token["upos"])] += 1
        print(f"{path.name}: {ok}/{n} content tokens glossed = {100 * ok / max(n, 1):.1f} %")
        for (text, lemma, upos), count in misses.most_common(args.show):
            print(f"   {count:3d}  {text:24s} {lemma:24s} {upos}")
        del via


if __name__ == "__main__":
    main()
