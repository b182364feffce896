"""Benchmark the dictionary: the whole Ding import, its unchanged re-run, and DbLexicon lookups.

    .venv/bin/python bench/dictionary.py [--ding /usr/share/trans/de-en]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/randnotiz_bench_dict \
        .venv/bin/python bench/dictionary.py --use-database-url   # a database of its own

Runs against a fresh temporary SQLite database (migrated here), or the database in
DATABASE_URL with --use-database-url (its Ding rows are replaced). Prints the import's steps,
wall and CPU time, the skip of an unchanged file, and the lookup cost for the seed article's
words (one lookup_many) and for single uncached lookups.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ding", default="/usr/share/trans/de-en")
    parser.add_argument("--use-database-url", action="store_true")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="randnotiz-bench-"))
    if not args.use_database_url:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from lexicon.database import DbLexicon
    from lexicon.importers.ding_db import ding_import

    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}")

    cpu0 = time.process_time()
    result = ding_import(args.ding, force=True)
    cpu = time.process_time() - cpu0
    print(
        f"import: {result.entries} entries, {result.senses} senses, {result.idioms} idiom "
        f"candidates ({result.selected_idioms} selected), {result.nouns_completed} nouns "
        f"completed from german-nouns"
    )
    for step, seconds in (result.timings or {}).items():
        print(f"  {step:28s} {seconds:6.1f} s")
    print(f"  {'total (wall)':28s} {result.seconds:6.1f} s   CPU {cpu:.1f} s")

    again = ding_import(args.ding)
    print(f"unchanged re-run: {again.status} in {again.seconds:.2f} s")

    seed = sorted((ROOT / "seeds").glob("*.txt"))
    text = seed[0].read_text(encoding="utf-8") if seed else "Die Haubitze feuert."
    words = sorted(set(re.findall(r"\w+", text)))
    DbLexicon().lookup_many(["Aufwärmen"])
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        found = DbLexicon().lookup_many(words)
        runs.append(time.perf_counter() - started)
    print(
        f"lookup_many of the seed article's {len(words)} distinct words ({len(found)} found): "
        f"median {statistics.median(runs) * 1000:.1f} ms"
    )
    singles = []
    for word in words[:300]:
        started = time.perf_counter()
        DbLexicon().lookup(word)
        singles.append(time.perf_counter() - started)
    print(f"single uncached lookup: median {statistics.median(singles) * 1e6:.0f} µs")
    started = time.perf_counter()
    idioms = DbLexicon().idioms()
    print(f"idioms(): {len(idioms)} in {time.perf_counter() - started:.2f} s (first call)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"peak resident memory of this process (the import included): {rss} MB")


if __name__ == "__main__":
    main()
