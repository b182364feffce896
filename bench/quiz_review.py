"""The blind review of generated quiz questions (issue 17, item 8), kept across generator changes.

    SQLITE_PATH=... .venv/bin/python bench/quiz_review.py [--dir bench/data/quiz_texts/heldout]
        [--seeds 0 1] [--store bench/data/quiz_review.jsonl] [--pending FILE] [--merge FILE]

It generates the quizzes of the held-out texts as outside tools see them (`manage.py quiz FILE
--seed N --to json`), and looks each question up in the store by its fingerprint: the text
file, kind, prompt, choices and answer. A question main still generates exactly so keeps its
judgement; a new or changed one is listed as unjudged (`--pending FILE` writes them as JSON
lines with empty judgements, for a reviewer to fill in; `--merge FILE` adds the filled-in lines
to the store). The table counts the questions main generates today and the store has judged;
judgements of questions no longer generated stay in the store (history) but are not counted.

The six judgements of the issue's table, per question, as a German teacher of B1-C1 students
would make them before handing the quiz out:

- usable: "unchanged" / "edit" (after an edit) / "never";
- tests: "content" (understanding of the content) / "language" (vocabulary or grammar) /
  "string" (only finding a string in the text);
- answer_ok: the marked answer is right and the only defensible one (true / false);
- absurd: at least one distractor is absurd or trivially excluded (true / false);
- comment: a short reason.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HELDOUT = ROOT / "bench" / "data" / "quiz_texts" / "heldout"
STORE = ROOT / "bench" / "data" / "quiz_review.jsonl"
JUDGEMENTS = {
    "usable": ("unchanged", "edit", "never"),
    "tests": ("content", "language", "string"),
    "answer_ok": (True, False),
    "absurd": (True, False),
}


def fingerprint(file: str, question: dict) -> str:
    """Stable for a question as a student sees it: any change to it makes a new question."""
    key = [file, question["kind"], question["prompt"], question["choices"], question["answer"]]
    return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode()).hexdigest()[:16]


def quiz_json(path: Path, seed: int) -> list[dict]:
    """The questions `manage.py quiz FILE --seed N --to json` prints: the public contract."""
    from django.core.management import call_command

    out = io.StringIO()
    call_command("quiz", str(path), seed=seed, target="json", stdout=out)
    return json.loads(out.getvalue())["questions"]


def current_questions(folder: Path, seeds: list[int]) -> list[dict]:
    """Every distinct question main generates for the folder's texts with these seeds."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    seen, rows = set(), []
    for path in sorted(folder.glob("*.txt")):
        file = f"{path.parent.name}/{path.name}"
        for seed in seeds:
            for number, question in enumerate(quiz_json(path, seed), 1):
                qid = fingerprint(file, question)
                if qid not in seen:
                    seen.add(qid)
                    rows.append(
                        {"id": qid, "file": file, "seed": seed, "number": number}
                        | {k: question[k] for k in ("kind", "prompt", "choices", "answer")}
                    )
    return rows


def load_store(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    return {row["id"]: row for row in map(json.loads, filter(str.strip, lines))}


def judgement_errors(row: dict) -> list[str]:
    errors = [
        f"{field} must be one of {allowed}, not {row.get(field)!r}"
        for field, allowed in JUDGEMENTS.items()
        if row.get(field) not in allowed or type(row.get(field)) is not type(allowed[0])
    ]
    if not str(row.get("comment", "")).strip():
        errors.append("comment is empty")
    return errors


def merge(store: dict[str, dict], path: Path) -> int:
    """Add judged lines to the store; refuse the whole file if any line is incomplete."""
    incoming = load_store(path)
    bad = {qid: judgement_errors(row) for qid, row in incoming.items()}
    bad = {qid: errors for qid, errors in bad.items() if errors}
    for qid, errors in bad.items():
        print(f"{path}: {qid}: " + "; ".join(errors), file=sys.stderr)
    if bad:
        print(f"nothing merged: {len(bad)} of {len(incoming)} lines incomplete", file=sys.stderr)
        return 0
    store.update(incoming)
    return len(incoming)


def write_store(store: dict[str, dict], path: Path) -> None:
    rows = sorted(store.values(), key=lambda r: (r["file"], r.get("seed", 0), r.get("number", 0)))
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    path.write_text(text, encoding="utf-8")


def share(count: int, total: int) -> str:
    return f"{100 * count / total:.0f} %" if total else "-"


def print_table(judged: list[dict]) -> None:
    n = len(judged)
    usable = Counter(row["usable"] for row in judged)
    tests = Counter(row["tests"] for row in judged)
    print(f"\n{n} questions judged\n")
    print("| | share |")
    print("|---|---:|")
    print(
        "| usable unchanged / after an edit / never | "
        + " / ".join(share(usable[k], n) for k in JUDGEMENTS["usable"])
        + " |"
    )
    print(
        "| tests understanding of the content / vocabulary or grammar / only finding a string | "
        + " / ".join(share(tests[k], n) for k in JUDGEMENTS["tests"])
        + " |"
    )
    print(
        "| right answer marked, and the only defensible one | "
        + share(sum(row["answer_ok"] for row in judged), n)
        + " |"
    )
    print(
        "| at least one absurd or trivially excluded distractor | "
        + share(sum(row["absurd"] for row in judged), n)
        + " |"
    )
    print("\n| kind | questions | unchanged | edit | never | content | language | string |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind in sorted({row["kind"] for row in judged}):
        rows = [row for row in judged if row["kind"] == kind]
        u = Counter(row["usable"] for row in rows)
        t = Counter(row["tests"] for row in rows)
        cells = [u[k] for k in JUDGEMENTS["usable"]] + [t[k] for k in JUDGEMENTS["tests"]]
        print(f"| {kind} | {len(rows)} | " + " | ".join(map(str, cells)) + " |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", default=str(HELDOUT))
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--store", default=str(STORE))
    parser.add_argument("--pending", help="write the unjudged questions here (JSON lines)")
    parser.add_argument("--merge", help="add these judged JSON lines to the store")
    args = parser.parse_args()

    store_path = Path(args.store)
    store = load_store(store_path)
    if args.merge:
        added = merge(store, Path(args.merge))
        if not added:
            return 1
        write_store(store, store_path)
        print(f"merged {added} judgements into {store_path}")

    questions = current_questions(Path(args.dir), args.seeds)
    judged = [store[q["id"]] for q in questions if q["id"] in store]
    new = [q for q in questions if q["id"] not in store]
    current = {q["id"] for q in questions}
    stale = sum(qid not in current for qid in store)
    print(
        f"{len(questions)} questions generated (seeds {args.seeds}); {len(judged)} judged, "
        f"{len(new)} new, {stale} judged ones no longer generated (kept in the store)"
    )
    if args.pending and new:
        blank = {"usable": None, "tests": None, "answer_ok": None, "absurd": None, "comment": ""}
        lines = "".join(json.dumps(q | blank, ensure_ascii=False) + "\n" for q in new)
        Path(args.pending).write_text(lines, encoding="utf-8")
        print(f"{len(new)} unjudged questions written to {args.pending}")
    elif new:
        for q in new:
            print(f"  new: {q['id']} {q['file']} {q['kind']}: {q['prompt'].splitlines()[0]}")
    if judged:
        print_table(judged)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
