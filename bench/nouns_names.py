"""Nouns and names on a UD treebank: gender and plural shown, names split as compounds.

    SQLITE_PATH=... .venv/bin/python bench/nouns_names.py [--conllu PATH] [--lexicon db|ding]
        [--errors N]

The treebank's own sentences and tokens are annotated (as `annotate --from conllu` does), and
every word is judged by its gold UPOS, not ours, so a tagging error counts against us:

- names split: the share of gold PROPN tokens the popover shows as a compound (a town ending
  in -burg as "open + castle"); the target is at most 0.5 %.
- noun gender: for gold NOUN tokens whose FEATS give one Gender (Masc, Fem, Neut), the share
  whose shown gender is that one, and the share with no gender shown at all;
- noun plural: for gold NOUN tokens with Number=Plur, the share whose shown plural is the
  word itself (or the word minus the dative -n: Kindern -> Kinder), case-insensitive.
Each figure is also given for the first and second half of the file (tune / heldout).
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _lexicons import get_lexicon  # noqa: E402

from nlp import conllu  # noqa: E402
from nlp.pipeline import annotate_sentences  # noqa: E402

GSD_DEV = "/work/shared/data/ud-german-gsd-dev/de_gsd-ud-dev.conllu"
GENDER = {"Masc": "m", "Fem": "f", "Neut": "n"}


def feats_of(column: str) -> dict[str, str]:
    return dict(item.split("=", 1) for item in column.split("|") if "=" in item)


def plural_matches(form: str, plural: str | None) -> bool:
    if not plural:
        return False
    form, plural = form.lower(), plural.lower()
    return form == plural or (form.endswith("n") and form[:-1] == plural)


def tally(records) -> collections.Counter:
    count: collections.Counter = collections.Counter()
    for gold, token in records:
        form, upos, feats = gold[1], gold[3], feats_of(gold[5])
        if upos == "PROPN":
            count["names"] += 1
            count["names split"] += bool(token.get("compound"))
        if upos != "NOUN":
            continue
        gender = GENDER.get(feats.get("Gender", ""))
        if gender:
            count["gendered"] += 1
            count["gender right"] += token.get("gender") == gender
            count["gender none"] += not token.get("gender")
        if feats.get("Number") == "Plur":
            count["plurals"] += 1
            count["plural right"] += plural_matches(form, token.get("plural"))
            count["plural none"] += not token.get("plural")
    return count


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f} % ({a}/{b})" if b else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conllu", default=GSD_DEV)
    parser.add_argument("--lexicon", default="db", choices=["db", "ding"])
    parser.add_argument("--errors", type=int, default=0, help="print N examples of each error")
    parser.add_argument(
        "--half", choices=["tune", "heldout", "all"], default="tune", help="whose errors to print"
    )
    args = parser.parse_args()
    lexicon, kind = get_lexicon(args.lexicon)
    _, sentences = conllu.read_conllu(Path(args.conllu).read_text(encoding="utf-8"))
    sentences = [s for s in sentences if s.word_lines]
    annotation = annotate_sentences([s.words for s in sentences], lexicon)
    records = []
    for sentence, sent_json in zip(sentences, annotation["sentences"], strict=True):
        for line_index, token in zip(sentence.word_lines, sent_json["tokens"], strict=True):
            records.append((sentence.lines[line_index].split("\t"), token))
    # Halves by sentence, not by token, so no sentence is cut in two.
    middle_sentence = len(sentences) // 2
    first_half_tokens = sum(len(s.word_lines) for s in sentences[:middle_sentence])
    parts = {
        "tune": tally(records[:first_half_tokens]),
        "heldout": tally(records[first_half_tokens:]),
        "all": tally(records),
    }
    print(f"lexicon: {kind}; {len(sentences)} sentences, {len(records)} words ({args.conllu})")
    print("| figure | tune | heldout | all |")
    print("|---|---:|---:|---:|")
    for label, num, den in (
        ("names (gold PROPN) split as compounds", "names split", "names"),
        ("noun gender shown = treebank Gender", "gender right", "gendered"),
        ("  no gender shown", "gender none", "gendered"),
        ("plural nouns whose shown plural is the word", "plural right", "plurals"),
        ("  no plural shown", "plural none", "plurals"),
    ):
        cells = [pct(parts[h][num], parts[h][den]) for h in ("tune", "heldout", "all")]
        print(f"| {label} | " + " | ".join(cells) + " |")
    if args.errors:
        records = {
            "tune": records[:first_half_tokens],
            "heldout": records[first_half_tokens:],
            "all": records,
        }[args.half]
        split = [(g[1], t["compound"]) for g, t in records if g[3] == "PROPN" and t["compound"]]
        print("-- names split:", ", ".join(w for w, _ in split[: args.errors]))
        wrong = collections.Counter(
            (t["lemma"], t.get("gender"), GENDER[feats_of(g[5])["Gender"]])
            for g, t in records
            if g[3] == "NOUN"
            and GENDER.get(feats_of(g[5]).get("Gender", ""))
            and t.get("gender") != GENDER[feats_of(g[5])["Gender"]]
        )
        print("-- gender (lemma, shown, gold):", wrong.most_common(args.errors))
        plurals = collections.Counter(
            (g[1], t["lemma"], t.get("plural"))
            for g, t in records
            if g[3] == "NOUN"
            and feats_of(g[5]).get("Number") == "Plur"
            and not plural_matches(g[1], t.get("plural"))
        )
        print("-- plural (form, lemma, shown):", plurals.most_common(args.errors))


if __name__ == "__main__":
    main()
