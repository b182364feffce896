"""Server time of My library (glossary/library.py) with 50 articles, for a learner with
statuses for half of their words and 2,000 more.

    .venv/bin/python bench/library_page.py [--runs 50] [--articles 50]

Runs against the database configured by the environment (SQLite by default, DATABASE_URL for
PostgreSQL) after `make run` or `scripts/setup.sh app` has loaded the seed. Everything it
makes (the learner, copies of the seed article, half theirs and half shared) is rolled back
at the end. Times the whole Django request through the test client: the first view, which
builds the word index of every article (once per annotation version), then the page as
every later view sees it, and a search with a sort by new words.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


class _Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--articles", type=int, default=50)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection, transaction

    from reader.models import Article

    seed = Article.objects.filter(seed_order=0, status=Article.Status.READY).first()
    if seed is None:
        sys.exit("The seed article is not loaded: run `make run` or `scripts/setup.sh app` first.")
    try:
        with transaction.atomic():
            _measure(seed, args)
            raise _Rollback
    except _Rollback:
        pass
    print(f"database: {connection.vendor}")


def _measure(seed, args) -> None:
    import cProfile
    import pstats

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from glossary.vocabulary import article_lemma_counts
    from nlp.document import Annotation
    from reader.models import Article, LemmaStatus

    learner = get_user_model().objects.create_user("bench-library")
    Article.objects.bulk_create(
        [
            Article(
                title=f"Artikel {i}",
                text=seed.text,
                created_by=learner if i % 2 else None,
                visibility="private" if i % 2 else "shared",
                status=Article.Status.READY,
                annotation=seed.annotation,
                annotation_version=seed.annotation_version,
                annotated_at=seed.annotated_at,
                level=seed.level,
                word_count=seed.word_count,
            )
            for i in range(args.articles - 1)
        ]
    )
    keys = list(article_lemma_counts(Annotation.from_stored(seed.annotation)))
    LemmaStatus.objects.bulk_create(
        [
            LemmaStatus(user=learner, key=key, status="known" if n % 3 else "learning")
            for n, key in enumerate(keys[: len(keys) // 2])
        ]
        + [LemmaStatus(user=learner, key=f"bench-{n}", status="known") for n in range(2000)]
    )
    client = Client()
    client.force_login(learner)
    url = reverse("library:library")

    def timed(**params) -> float:
        start = time.perf_counter()
        response = client.get(url, params)
        assert response.status_code == 200
        return (time.perf_counter() - start) * 1000

    first = timed()
    rows = client.get(url).content.decode().count('class="new-words"')
    warm = sorted(timed() for _ in range(args.runs))
    search = sorted(timed(q="Truppen", sort="fewest_new") for _ in range(args.runs))
    profile = cProfile.Profile()
    profile.enable()
    client.get(url)
    profile.disable()
    print(f"My library: {rows} articles of {len(keys)} different words each")
    print(f"first view (word index built for every article): {first:.0f} ms")
    print(f"page:           {_median_p95(warm)} over {args.runs} runs")
    print(f"search + sort:  {_median_p95(search)}")
    print(f"Python calls per page: {pstats.Stats(profile).total_calls:,}")


def _median_p95(sorted_ms: list[float]) -> str:
    p95 = sorted_ms[int(len(sorted_ms) * 0.95)]
    return f"median {statistics.median(sorted_ms):.1f} ms, p95 {p95:.1f} ms"


if __name__ == "__main__":
    main()
