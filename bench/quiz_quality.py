"""Quiz quality over German news texts: questions and kinds per article, and the rules of
issue 5 checked automatically on every question.

    .venv/bin/python bench/quiz_quality.py [--dir bench/data/news] [--lexicon auto|db|ding|none]
        [--seed N] [--sample 30 --sample-out /tmp/quiz_sample.md]

Rules checked (reader/quiz/checks.py, plus quiz-level ones here):
- answerable: the source sentence is in the article and the highlighted answer lies inside it;
- one right answer: a cloze filled with the right choice gives back the sentence, no wrong choice
  gives any sentence of the article; a true statement is a sentence of the text, a false one is not;
- choices distinct and of one kind (numbers with numbers; compounds with as many parts);
- no prompt shows its own answer;
- deterministic: the same annotation (a deep copy) gives the same quiz twice;
- scaling: at least 8 questions for an article of 300 words or more;
- content sentences: no question on a subheading; every question on a different sentence;
- prompts quote a sentence without its dateline ("Seoul (taz) –");
- order: a content question (details, true/false) first; no kind twice in a row.

With --solve, the no-German solver of bench/quiz_solver.py instead (issue 17, item 8):

    SQLITE_PATH=... .venv/bin/python bench/quiz_quality.py --solve \
        bench/data/quiz_texts/tune bench/data/quiz_texts/heldout

For each folder: how many questions the solver answers right against chance, by kind and by
the solver's rule, the rules any question must keep (a valid answer, distinct choices, no wrong
choice that also fills a gap to a line of the article), questions and kinds per article. It
reads the quiz as outside tools do, through `manage.py quiz FILE --to json`, so it measures
whatever generator main has, with the lexicon of the database SQLITE_PATH names.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _lexicons import DING, get_lexicon  # noqa: E402
from quiz_solver import GAP, normalise, solve, word_text, words  # noqa: E402

# The quiz command's module imports the database lexicon at its top, so Django comes first.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django  # noqa: E402

django.setup()

from nlp.pipeline import annotate_text  # noqa: E402
from reader.management.commands.quiz import article_body  # noqa: E402
from reader.quiz.checks import check_quiz  # noqa: E402
from reader.quiz.generate import (  # noqa: E402
    CONTENT_KINDS,
    KINDS,
    article_sentences,
    quiz_generate,
    word_count,
)
from reader.text_input import clean_article_text  # noqa: E402

NEWS = Path(__file__).resolve().parent / "data" / "news"


def lexicon_with_idioms(kind: str):
    """The lexicon the web app would use. Ding's file alone has no idioms: add the ones the
    importer selects (lexicon.idiom_selection), so idiom questions are measured too."""
    lexicon, name = get_lexicon(kind)
    if name == "ding-file":
        from lexicon.idiom_selection import all_idioms, ding_phrases

        with open(DING, encoding="utf-8") as handle:
            lexicon._idioms = all_idioms(ding_phrases(handle))
        name += "+idioms"
    return lexicon, name


TITLE = re.compile(r"^title:\s*(.+)$", re.M)


def article_shown(content: str) -> str:
    """What the student sees: the title, then the text (as the quiz command reads it)."""
    header = content.partition("\n---\n")[0]
    title = TITLE.search(header)
    body = clean_article_text(article_body(content))
    return (title.group(1).strip() + "\n\n" if title else "") + body


def quiz_json(path: Path, seed: int = 0) -> list[dict]:
    """The questions `manage.py quiz FILE --to json` prints for a file: the public contract."""
    from django.core.management import call_command

    out = io.StringIO()
    call_command("quiz", str(path), seed=seed, target="json", stdout=out)
    return json.loads(out.getvalue())["questions"]


def question_faults(question: dict, article: str) -> list[str]:
    """The rules every question keeps whatever its kind, checked from the outside."""
    choices, answer = question["choices"], question["answer"]
    faults = []
    if len(choices) < 2:
        faults.append("fewer than 2 choices")
    if not isinstance(answer, int) or not 0 <= answer < len(choices):
        faults.append("answer is no choice")
        return faults
    if len({normalise(c) for c in choices}) < len(choices):
        faults.append("choices not distinct")
    gap_line = next((line for line in question["prompt"].splitlines() if GAP.search(line)), None)
    if gap_line:
        text = word_text(article)
        before, after = GAP.split(gap_line, maxsplit=1)
        for k, choice in enumerate(choices):
            filled = " " + " ".join(words(before) + words(choice) + words(after)) + " "
            if k != answer and filled in text:
                faults.append("a wrong choice also fills the gap")
    return faults


def solver_report(folders: list[str], seed: int) -> int:
    """Print the no-German solver's score against chance, per folder; 1 if a rule broke."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    broken = 0
    for folder in folders:
        files = sorted(Path(folder).glob("*.txt"))
        by_kind: dict[str, list] = {}
        by_rule: dict[str, list] = {}
        faults: Counter = Counter()
        per_article, kinds_per_article, content_share = [], [], []
        for path in files:
            article = article_shown(path.read_text(encoding="utf-8"))
            questions = quiz_json(path, seed)
            per_article.append(len(questions))
            kinds_per_article.append(len({q["kind"] for q in questions}))
            content = sum(q["kind"] in CONTENT_KINDS for q in questions)
            content_share.append(100 * content / max(1, len(questions)))
            for q in questions:
                pick = solve(q["prompt"], q["choices"], article)
                row = (pick.choice == q["answer"], 1 / max(1, len(q["choices"])))
                by_kind.setdefault(q["kind"], []).append(row)
                by_rule.setdefault(pick.rule, []).append(row)
                faults.update(question_faults(q, article))
        rows = [row for kind_rows in by_kind.values() for row in kind_rows]
        print(f"\n## {folder}: {len(files)} articles, {len(rows)} questions\n")
        print("| | questions | solver right | chance |")
        print("|---|---:|---:|---:|")

        def line(name, group):
            right = 100 * sum(r for r, _ in group) / max(1, len(group))
            chance = 100 * sum(c for _, c in group) / max(1, len(group))
            print(f"| {name} | {len(group)} | {right:.0f} % | {chance:.0f} % |")

        line("**all**", rows)
        for kind in sorted(by_kind):
            line(f"kind {kind}", by_kind[kind])
        for rule in sorted(by_rule):
            line(f"solver rule {rule}", by_rule[rule])
        if per_article:
            print(
                f"\nquestions per article: min {min(per_article)}, "
                f"mean {statistics.mean(per_article):.1f}, max {max(per_article)}; "
                f"kinds per article: min {min(kinds_per_article)}, "
                f"mean {statistics.mean(kinds_per_article):.1f}, max {max(kinds_per_article)}; "
                f"about the content (issue 17, items 1-3): min {min(content_share):.0f} %, "
                f"mean {statistics.mean(content_share):.0f} %"
            )
        print(f"rule violations: {sum(faults.values())}" + (f" {dict(faults)}" if faults else ""))
        broken += sum(faults.values())
    return 1 if broken else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", default=str(NEWS))
    parser.add_argument("--lexicon", default="auto", choices=["auto", "db", "ding", "none"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", type=int, default=30, help="questions to print for review")
    parser.add_argument("--sample-out", default=None, help="write the review sample here")
    parser.add_argument(
        "--solve", nargs="+", metavar="DIR", help="run the no-German solver on these folders"
    )
    args = parser.parse_args()
    if args.solve:
        return solver_report(args.solve, args.seed)

    t0 = time.perf_counter()
    lexicon, lexicon_name = lexicon_with_idioms(args.lexicon)
    print(f"lexicon: {lexicon_name} ({time.perf_counter() - t0:.1f} s)")

    files = sorted(Path(args.dir).glob("*.txt"))
    rows, problems, all_questions = [], Counter(), []
    kind_totals: Counter = Counter()
    gen_seconds = 0.0
    for path in files:
        text = clean_article_text(article_body(path.read_text(encoding="utf-8")))
        annotation = annotate_text(text, lexicon)
        # CPU time: the machine is shared, wall time would measure the neighbours.
        t1 = time.process_time()
        questions = quiz_generate(annotation, seed=args.seed)
        gen_seconds += time.process_time() - t1
        words = word_count(annotation)
        report = check_quiz(questions, annotation)
        for found in report.values():
            problems.update(found)
        again = quiz_generate(copy.deepcopy(annotation), seed=args.seed)
        if [q.as_dict() for q in again] != [q.as_dict() for q in questions]:
            problems["not deterministic"] += 1
        if words >= 300 and len(questions) < 8:
            problems["fewer than 8 questions for 300+ words"] += 1
        headings = {s.text for s in article_sentences(annotation) if s.heading}
        problems["question on a subheading"] += sum(q.sentence in headings for q in questions)
        kinds = Counter(q.kind for q in questions)
        kind_totals.update(kinds)
        rows.append((path.name, words, len(questions), kinds))
        all_questions += [(path.name, q) for q in questions]

    print()
    print("| article | words | questions | kinds | " + " | ".join(KINDS) + " |")
    print("|---|---:|---:|---:|" + "---:|" * len(KINDS))
    for name, words, n, kinds in rows:
        cells = " | ".join(str(kinds.get(k, 0)) for k in KINDS)
        print(f"| {name} | {words} | {n} | {len(kinds)} | {cells} |")
    counts = [n for _, _, n, _ in rows]
    kinds_per = [len(k) for _, _, _, k in rows]
    total = sum(counts)
    print()
    print(
        f"articles: {len(rows)}; words per article: "
        f"{statistics.mean(w for _, w, _, _ in rows):.0f} (mean)"
    )
    print(
        f"questions per article: min {min(counts)}, mean {statistics.mean(counts):.1f}, "
        f"max {max(counts)}; total {total}"
    )
    print(
        f"kinds per article: min {min(kinds_per)}, mean {statistics.mean(kinds_per):.1f}, "
        f"max {max(kinds_per)}"
    )
    print("kinds overall: " + ", ".join(f"{k} {kind_totals.get(k, 0)}" for k in KINDS))
    print(f"generation: {1000 * gen_seconds / max(1, len(rows)):.1f} ms CPU per article")
    broken = {k: v for k, v in problems.items() if v}
    print(f"rule violations: {sum(broken.values())}" + (f" {dict(broken)}" if broken else ""))

    if args.sample:
        rng = random.Random(20251124)
        sample = rng.sample(all_questions, min(args.sample, len(all_questions)))
        lines = []
        for k, (name, q) in enumerate(sample, 1):
            lines.append(f"### {k}. {name} — {q.kind}\n")
            lines.append("> " + q.prompt.replace("\n", "  \n> ") + "\n")
            for c_index, choice in enumerate(q.choices):
                mark = "**" if c_index == q.answer else ""
                lines.append(f"- {mark}{choice}{mark}")
            lines.append(f"\n_{q.explanation}_\n")
        text = "\n".join(lines)
        if args.sample_out:
            Path(args.sample_out).write_text(text, encoding="utf-8")
            print(f"review sample of {len(sample)} questions written to {args.sample_out}")
        else:
            print("\n" + text)
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
