"""Gloss coverage: the share of content tokens a learner can hover and get an English gloss.

    .venv/bin/python bench/gloss_coverage.py [FILE ...] [--lexicon auto|db|ding|none] [--show N]

Content tokens are NOUN, VERB, ADJ and ADV as our tagger sees them (names, numbers, function
words, punctuation and mixed-case abbreviations such as TuS or GByte excluded). A token counts
as covered when it has a gloss, or when it is a compound all of whose parts have one. Inputs:
the seed article (default), and any text files (one paragraph per line); a `.conllu`/`.cupt`
file contributes its `# text` lines, and its gold tags give a second figure: the share over the
words the gold annotation calls content words, which tells tagging errors (a surname tagged
NOUN) from gloss gaps.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _lexicons import ROOT, get_lexicon  # noqa: E402

from nlp.pipeline import annotate_text  # noqa: E402

CONTENT = {"NOUN", "VERB", "ADJ", "ADV"}
# A capital after a small letter inside a word: an abbreviation or brand name (TuS, AStA,
# GByte, iPhone) the tagger took for a common noun, not a German content word.
MIXED_CASE = re.compile(r"[a-zäöüß][A-ZÄÖÜ]")
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


def gold_content_offsets(path: Path) -> dict[int, str] | None:
    """For a CoNLL-U or cupt file: character offset (in the text `read_text` returns) -> gold
    UPOS of every content word, so tagging errors can be told from gloss gaps. Contractions
    (zum = zu + dem) are function words and left out."""
    if path.suffix not in (".conllu", ".cupt"):
        return None
    out: dict[int, str] = {}
    base = 0
    text = None
    cursor = 0
    skip_until = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            if text is not None:
                base += len(text) + 1
            text, cursor, skip_until = line[len("# text = ") :], 0, 0
            continue
        if not line or line.startswith("#") or text is None:
            continue
        cols = line.split("\t")
        if "." in cols[0]:
            continue  # empty nodes
        if "-" in cols[0]:
            first, last = map(int, cols[0].split("-"))
            skip_until = last
            found = text.find(cols[1], cursor)
            if found >= 0:
                cursor = found + len(cols[1])
            continue
        if int(cols[0]) <= skip_until:
            continue
        found = text.find(cols[1], cursor)
        if found < 0:
            continue
        cursor = found + len(cols[1])
        if cols[3] in CONTENT and any(c.isalpha() for c in cols[1]):
            out[base + found] = cols[3]
    return out


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
                if MIXED_CASE.search(token["text"]):
                    continue  # TuS, AStA, GByte: club, body and unit abbreviations are names
                n += 1
                if covered(token):
                    ok += 1
                else:
                    misses[(token["text"], token["lemma"], token["upos"])] += 1
        print(f"{path.name}: {ok}/{n} content tokens glossed = {100 * ok / max(n, 1):.1f} %")
        gold = gold_content_offsets(path)
        if gold is not None:
            report_by_gold_tags(result, gold, args.show)
        for (text, lemma, upos), count in misses.most_common(args.show):
            print(f"   {count:3d}  {text:24s} {lemma:24s} {upos}")
        del via


def report_by_gold_tags(result: dict, gold: dict[int, str], show: int) -> None:
    """The same share over the words the gold annotation calls NOUN/VERB/ADJ/ADV: our
    tagger's names-that-are-nouns count here, and its nouns-that-are-names do not."""
    offset = 0
    n = ok = 0
    misses: collections.Counter = collections.Counter()
    for sentence in result["sentences"]:
        for token in sentence["tokens"]:
            if offset in gold:
                n += 1
                if covered(token):
                    ok += 1
                else:
                    misses[(token["text"], gold[offset], token["upos"])] += 1
            offset += len(token["text"]) + len(token["ws"])
    print(
        f"   by gold tags: {ok}/{n} content words glossed = {100 * ok / max(n, 1):.1f} % "
        f"({len(gold) - n} gold words not aligned with our tokens)"
    )
    for (text, gold_upos, upos), count in misses.most_common(show):
        print(f"   {count:3d}  {text:24s} gold {gold_upos:5s} ours {upos}")


if __name__ == "__main__":
    main()
