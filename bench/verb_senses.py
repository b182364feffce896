"""Which verb glosses the nouns of their clause change (nlp.glosses.entry_senses).

    .venv/bin/python bench/verb_senses.py [--conllu PATH] [--sample 30] [--seed 1]

Runs the pipeline (database lexicon) over the `# text` lines of a treebank twice, with and
without the nouns of each verb's clause, and prints every verb token whose first gloss differs:
the sentence, the verb, the gloss without and with context, and the nouns that chose it. With
--sample N, N of the changes at random (the ones to check by hand, docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _lexicons import get_lexicon  # noqa: E402

from nlp import glosses  # noqa: E402
from nlp.pipeline import _run, get_nlp  # noqa: E402

GSD_DEV = "/work/shared/data/ud-german-gsd-dev/de_gsd-ud-dev.conllu"
CHUNK_LINES = 200


def read_texts(path: str) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        return [line[len("# text = ") :].strip() for line in handle if line.startswith("# text = ")]


def _why(token, lexicon) -> str:
    """The clause's nouns that the verb's dictionary lines name."""
    lemma = (token._.verb_lemma or token.lemma_).lower()
    nouns = glosses.context_nouns(token)
    found = set()
    for entry in lexicon.lookup_many([lemma]).get(lemma, []):
        for _, context in entry.contexts:
            found |= set(context.split()) & nouns
    return " ".join(sorted(found))


def verb_glosses(texts: list[str], lexicon) -> list[tuple[str, str, str, str | None, str]]:
    """(sentence, verb form, verb lemma, first gloss, nouns named) of every glossed verb."""
    nlp = get_nlp()
    out = []
    for start in range(0, len(texts), CHUNK_LINES):
        doc = _run(nlp.make_doc("\n".join(texts[start : start + CHUNK_LINES])), lexicon)
        for token in doc:
            if token.pos_ in ("VERB", "AUX") or token._.gloss_via in ("verb", "reflexive"):
                lemma = token._.verb_lemma or token.lemma_
                if token._.reflexive:
                    lemma = "sich " + lemma
                out.append(
                    (
                        token.sent.text.strip(),
                        token.text,
                        lemma,
                        token._.gloss,
                        _why(token, lexicon),
                    )
                )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conllu", default=GSD_DEV)
    parser.add_argument("--sample", type=int, default=0, help="print N random changes only")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    lexicon, kind = get_lexicon("db")
    texts = read_texts(args.conllu)
    with_context = verb_glosses(texts, lexicon)
    real = glosses.context_nouns
    glosses.context_nouns = lambda *tokens: frozenset()
    import nlp.verbs as verbs

    verbs.context_nouns = glosses.context_nouns
    try:
        without = verb_glosses(texts, lexicon)
    finally:
        glosses.context_nouns = verbs.context_nouns = real
    assert len(without) == len(with_context)
    changes = [
        (sentence, form, lemma, old, new, why)
        for (sentence, form, lemma, new, why), (*_, old, _) in zip(
            with_context, without, strict=True
        )
        if old != new
    ]
    verbs_with_context = sum(1 for *_, gloss, _ in with_context if gloss)
    print(
        f"{len(texts)} sentences, {verbs_with_context} glossed verb tokens, "
        f"{len(changes)} changed by their clause's nouns ({kind} lexicon)"
    )
    shown = changes
    if args.sample:
        shown = random.Random(args.seed).sample(changes, min(args.sample, len(changes)))
    for n, (sentence, form, lemma, old, new, why) in enumerate(shown, 1):
        print(f"\n{n}. {form} ({lemma}): {old!r} -> {new!r} [{why}]\n   {sentence[:300]}")


if __name__ == "__main__":
    main()
