"""Idiom (VID) and light-verb (LVC.full) precision/recall on a PARSEME .cupt file.

Runs the idiom matcher alone on the file's gold LEMMA/XPOS/UPOS columns, so it measures the
idiom lexicon and the matcher independently of the tagger. Scoring as PARSEME's exact
("MWE-based") match: an expression counts when its token set equals a gold expression's
token set of the same category.

    .venv/bin/python bench/idioms.py [CUPT] [--ding /usr/share/trans/de-en] [--max-rank 2]
                                     [--errors 30] [--tokens core|all]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from lexicon.idiom_selection import DEFAULT_MAX_RANK, ding_phrases, load_curated, select_idioms  # noqa: E402
from nlp.idiom_matching import IdiomMatcher, Tok, parseme_category  # noqa: E402

DEFAULT_CUPT = "/work/shared/data/parseme-de-dev/dev.cupt"
DEFAULT_DING = "/usr/share/trans/de-en"
CATEGORIES = {"idiom": "VID", "light_verb": "LVC.full"}


def read_cupt(path):
    """Sentences as (tokens, gold) with gold = {category: set of frozenset(token index)}."""
    sentences, toks, tags = [], [], []
    with open(path, encoding="utf-8") as handle:
        for line in list(handle) + [""]:
            line = line.rstrip("\n")
            if not line:
                if toks:
                    sentences.append((toks, _gold(tags)))
                toks, tags = [], []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            toks.append(Tok(cols[1], cols[2], cols[4] if cols[4] != "_" else "", cols[3]))
            tags.append(cols[10] if len(cols) > 10 else "*")
    return sentences


def _gold(tags):
    members: dict[str, tuple[str, set[int]]] = {}
    for i, tag in enumerate(tags):
        if tag in {"*", "_"}:
            continue
        for part in tag.split(";"):
            number, _, category = part.partition(":")
            if category:
                members[number] = (category, {i})
            elif number in members:
                members[number][1].add(i)
    gold: dict[str, set[frozenset[int]]] = {}
    for category, positions in members.values():
        gold.setdefault(category, set()).add(frozenset(positions))
    return gold


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cupt", nargs="?", default=DEFAULT_CUPT)
    parser.add_argument("--ding", default=DEFAULT_DING)
    parser.add_argument("--max-rank", type=int, default=DEFAULT_MAX_RANK)
    parser.add_argument("--no-ding", action="store_true", help="curated list only")
    parser.add_argument("--no-curated", action="store_true", help="Ding selection only")
    parser.add_argument(
        "--without-dev-seen",
        choices=["idioms", "idioms-strict", "all"],
        help="leave out curated entries added after reading the dev file: idioms (dev=1, "
        "unless also written independently from general knowledge: src=general), "
        "idioms-strict (every dev=1), all (dev=1 without src=general, and dev=rule)",
    )
    parser.add_argument("--tokens", choices=["core", "all"], default="core")
    parser.add_argument(
        "--pipeline",
        action="store_true",
        help="tag and lemmatise with our pipeline (HanTa ...) instead of the gold "
        "columns; lexicon: Ding's headwords read from its file",
    )
    parser.add_argument("--errors", type=int, default=0, help="show this many misses/false alarms")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    entries = [] if args.no_curated else load_curated()
    if args.without_dev_seen:
        dropped = {"1", 1} | ({"rule"} if args.without_dev_seen == "all" else set())
        strict = args.without_dev_seen == "idioms-strict"
        entries = [
            e
            for e in entries
            if e.extra.get("dev") not in dropped or (e.extra.get("src") == "general" and not strict)
        ]
    n_curated = len(entries)
    if not args.no_ding:
        with open(args.ding, encoding="utf-8") as handle:
            ding = select_idioms(ding_phrases(handle), max_rank=args.max_rank)
        seen = {e.phrase.lower() for e in entries}
        entries += [e for e in ding if e.phrase.lower() not in seen]
    matcher = IdiomMatcher(entries)
    built = time.perf_counter() - started

    sentences = read_cupt(args.cupt)
    n_tokens = sum(len(t) for t, _ in sentences)
    if args.pipeline:
        return run_pipeline(args, entries, sentences, n_tokens)
    stats = {c: Counter() for c in CATEGORIES.values()}
    errors = {c: {"fp": [], "fn": []} for c in CATEGORIES.values()}
    sources = Counter()
    started = time.perf_counter()
    predicted_all = []
    for toks, gold in sentences:
        found: dict[str, set[frozenset[int]]] = {c: set() for c in CATEGORIES.values()}
        names = {}
        for match in matcher.match_sentence(toks):
            if not match.verbal:
                continue  # PARSEME annotates verbal expressions only (auf dem Papier is none)
            category = parseme_category(match.pattern.entry)
            if category not in found:
                continue  # LVC.cause is not scored
            span = frozenset(match.core if args.tokens == "core" else match.tokens)
            found[category].add(span)
            names[(category, span)] = match.pattern.entry
        predicted_all.append(found)
        for category in CATEGORIES.values():
            g = gold.get(category, set())
            p = found[category]
            stats[category]["tp"] += len(g & p)
            stats[category]["gold"] += len(g)
            stats[category]["pred"] += len(p)
            for span in p:
                sources[(category, names[(category, span)].source, span in g)] += 1
                if span not in g:
                    entry = names[(category, span)]
                    errors[category]["fp"].append(
                        f"{entry.phrase} [{entry.source} r{entry.extra.get('rank')}] :: "
                        + " ".join(t.text for i, t in enumerate(toks) if i in span)
                        + "   <"
                        + " ".join(t.text for t in toks)[:100]
                        + ">"
                    )
            for span in g - p:
                errors[category]["fn"].append(
                    " ".join(toks[i].lemma for i in sorted(span))
                    + "   <"
                    + " ".join(t.text for t in toks)[:100]
                    + ">"
                )
    elapsed = time.perf_counter() - started

    print(
        f"idioms: {len(entries)} patterns ({n_curated} curated, {len(entries) - n_curated} "
        f"from Ding, max rank {args.max_rank}), {len(matcher)} compiled, built in {built:.1f} s"
    )
    print(
        f"{args.cupt}: {len(sentences)} sentences, {n_tokens} tokens, matched in "
        f"{elapsed:.2f} s ({n_tokens / elapsed:,.0f} tokens/s)"
    )
    _report(stats)
    for (category, source, correct), n in sorted(sources.items()):
        print(f"  {category} from {source}: {'correct' if correct else 'wrong'} {n}")
    if args.errors:
        for category in CATEGORIES.values():
            print(f"\n== {category} false alarms")
            for line in errors[category]["fp"][: args.errors]:
                print("  ", line)
            print(f"== {category} missed")
            for line in errors[category]["fn"][: args.errors]:
                print("  ", line)


def run_pipeline(args, entries, sentences, n_tokens):
    """The same scoring on what the whole pipeline writes, from its own tags and lemmas."""
    from _lexicons import ding_lexicon

    from nlp.lexicon import MemoryLexicon
    from nlp.pipeline import annotate_sentences

    words = ding_lexicon(args.ding)
    lexicon = MemoryLexicon([e for es in words._by_key.values() for e in es], entries)
    started = time.perf_counter()
    annotation = annotate_sentences([[t.text for t in toks] for toks, _ in sentences], lexicon)
    elapsed = time.perf_counter() - started
    stats = {c: Counter() for c in CATEGORIES.values()}
    for (_, gold), sent in zip(sentences, annotation["sentences"], strict=True):
        found = {c: set() for c in CATEGORIES.values()}
        for expr in sent["expressions"]:
            category = expr.get("parseme", CATEGORIES.get(expr["type"]))
            if category not in found or not expr.get("verbal", True):
                continue
            key = "core_tokens" if args.tokens == "core" and "core_tokens" in expr else "tokens"
            found[category].add(frozenset(expr[key]))
        for category in CATEGORIES.values():
            g = gold.get(category, set())
            stats[category]["tp"] += len(g & found[category])
            stats[category]["gold"] += len(g)
            stats[category]["pred"] += len(found[category])
    print(
        f"whole pipeline on {args.cupt}: {len(sentences)} sentences, {n_tokens} tokens in "
        f"{elapsed:.1f} s ({n_tokens / elapsed:,.0f} tokens/s, all components)"
    )
    _report(stats)


def _report(stats):
    for category, s in stats.items():
        precision = s["tp"] / s["pred"] if s["pred"] else 0.0
        recall = s["tp"] / s["gold"] if s["gold"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"{category:9s} gold {s['gold']:4d}  predicted {s['pred']:4d}  correct {s['tp']:4d}  "
            f"P {precision:6.1%}  R {recall:6.1%}  F1 {f1:6.1%}"
        )


if __name__ == "__main__":
    main()
