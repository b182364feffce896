"""Benchmark the Anki export: a learner with N saved words (default 2,000), each with one or
two example sentences, exported as .apkg (genanki) and as Anki TSV.

    .venv/bin/python bench/anki_export.py [--words 2000] [--runs 5] [--verify]

Runs against a fresh temporary SQLite database (migrated here), or the database in
DATABASE_URL when --use-database-url is given (the rows are created and deleted again). The
time is the whole export as the download view does it: the query with its prefetch, building
the notes, writing the package. --verify imports the deck with Anki's own package and counts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--verify", action="store_true", help="import the deck with Anki's package")
    parser.add_argument("--use-database-url", action="store_true")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="randnotiz-bench-"))
    if not args.use_database_url:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from glossary.anki import cards_tsv, learner_cards, learner_deck
    from glossary.models import Example, SavedWord

    call_command("migrate", verbosity=0)
    User = get_user_model()
    User.objects.filter(username="bench-anki").delete()
    user = User.objects.create_user("bench-anki", password="x")
    nouns = ["Haubitze", "Rakete", "Regierung", "Abkommen", "Grenze", "Truppe", "Wahl", "Zeitung"]
    words = SavedWord.objects.bulk_create(
        SavedWord(
            user=user,
            key=f"{nouns[i % 8].lower()}{i}",
            lemma=f"{nouns[i % 8]}{i}",
            pos="NOUN",
            headline=f"die {nouns[i % 8]}{i}, -n",
            sense=f"meaning {i}",
            gloss=f'meaning {i} <with> "quotes" 🚀',
            note="" if i % 3 else f"note {i}\nsecond line",
        )
        for i in range(args.words)
    )
    examples = []
    for i, word in enumerate(words):
        for n in range(1 + (i % 2)):
            sentence = f"Am Montag meldete die Zeitung, dass {word.lemma} im Satz {n} vorkommt."
            start = sentence.index(word.lemma)
            examples.append(
                Example(
                    saved_word=word,
                    sentence=sentence,
                    spans=[[start, start + len(word.lemma)]],
                    sentence_hash=f"{i:058d}{n:06d}",
                    article_title="Nordkorea liefert Haubitzen",
                )
            )
    Example.objects.bulk_create(examples)
    print(
        f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; "
        f"{args.words} saved words, {len(examples)} example sentences"
    )

    apkg_times, tsv_times, data = [], [], b""
    for _ in range(args.runs):
        started = time.perf_counter()
        data = learner_deck(user)
        apkg_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        cards_tsv(learner_cards(user), deck_name="Randnotiz::bench")
        tsv_times.append(time.perf_counter() - started)
    print(
        f".apkg: median {statistics.median(apkg_times):.2f} s, max {max(apkg_times):.2f} s "
        f"over {args.runs} runs; {len(data) / 1024:.0f} KiB"
    )
    print(f".tsv:  median {statistics.median(tsv_times):.2f} s, max {max(tsv_times):.2f} s")

    if args.verify:
        from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

        deck = workdir / "bench.apkg"
        deck.write_bytes(data)
        started = time.perf_counter()
        col = Collection(str(workdir / "verify.anki2"))
        try:
            col.import_anki_package(
                ImportAnkiPackageRequest(
                    package_path=str(deck),
                    options=ImportAnkiPackageOptions(merge_notetypes=True, with_scheduling=False),
                )
            )
            print(
                f"anki import: {len(col.find_notes(''))} notes, {col.card_count()} cards "
                f"in {time.perf_counter() - started:.2f} s"
            )
        finally:
            col.close()
    user.delete()
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
