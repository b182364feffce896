"""Server time of the seed article's page, once annotated, and the process's resident memory.

    .venv/bin/python bench/seed_page.py [--runs 200]

Runs against the database configured by the environment (SQLite by default, DATABASE_URL for
PostgreSQL) after `make run` or `scripts/setup.sh app` has loaded the seed. Times the whole
Django request (URL resolving, queries, template rendering) through the test client, which
skips only the network.
"""

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client
    from django.urls import reverse

    from reader.models import Article

    article = Article.objects.filter(seed_order=0, status=Article.Status.READY).first()
    if article is None:
        sys.exit("The seed article is not loaded: run `make run` or `scripts/setup.sh app` first.")
    client = Client()
    url = reverse("reader:article_detail", args=[article.pk])
    tokens = sum(len(s["tokens"]) for s in article.annotation["sentences"])
    for _ in range(10):  # warm-up: template loading, connection
        assert client.get(url).status_code == 200
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    # The reading markup is cached per article version (reader/render_cache.py): time the
    # first view after a change too, with the cache emptied before every request.
    from django.core.cache import cache

    from reader import render_cache

    cold = []
    for _ in range(max(20, args.runs // 5)):
        cache.clear()
        render_cache.cache.clear()
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        cold.append((time.perf_counter() - start) * 1000)
    cold.sort()
    popover = reverse("reader:word_popover", args=[article.pk, 3, 2])
    pop_times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        client.get(popover, headers={"HX-Request": "true"})
        pop_times.append((time.perf_counter() - start) * 1000)
    times.sort()
    pop_times.sort()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"seed page: {tokens} tokens, {len(response.content) / 1024:.0f} KiB of HTML")
    print(f"page:    {_median_p95(times)} over {args.runs} runs")
    print(f"page, cache emptied first: {_median_p95(cold)}")
    print(f"popover: {_median_p95(pop_times)}")
    print(f"peak resident memory of this process: {rss_mb:.0f} MB")
    _learner(article, args.runs)


def _median_p95(sorted_ms: list[float]) -> str:
    p95 = sorted_ms[int(len(sorted_ms) * 0.95)]
    return f"median {statistics.median(sorted_ms):.1f} ms, p95 {p95:.1f} ms"


def _learner(article, runs: int) -> None:
    """The same page and a popover for a logged-in learner who knows 100 of its words: what
    every student of a class pays (session, user, statuses), in CPU time (on the shared
    machine wall time measures the neighbours) and in Python calls per request (exact, as
    cProfile counts them, so it compares versions whatever else the machine does)."""
    import cProfile
    import pstats
    import uuid

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from nlp.document import Annotation
    from reader.models import LemmaStatus
    from reader.rendering import is_interactive

    annotation = Annotation.from_json(article.annotation)
    keys = sorted({token.key for _, _, token in annotation.tokens() if is_interactive(token)})[:100]
    learner = get_user_model().objects.create_user(f"bench-page-{uuid.uuid4().hex[:8]}")
    LemmaStatus.objects.bulk_create(
        [LemmaStatus(user=learner, key=key, status="known") for key in keys]
    )
    client = Client()
    client.force_login(learner)
    requests = {
        "learner's page   ": lambda: client.get(
            reverse("reader:article_detail", args=[article.pk])
        ),
        "learner's popover": lambda: client.get(
            reverse("reader:word_popover", args=[article.pk, 3, 2]),
            headers={"HX-Request": "true"},
        ),
    }
    try:
        for label, request in requests.items():
            for _ in range(20):  # warm-up
                assert request().status_code == 200
            cpu = []
            for _ in range(runs):
                start = time.process_time()
                request()
                cpu.append((time.process_time() - start) * 1000)
            profile = cProfile.Profile()
            profile.enable()
            request()
            profile.disable()
            calls = pstats.Stats(profile).total_calls
            print(
                f"{label}: CPU median {statistics.median(cpu):.2f} ms, "
                f"{calls:,} Python calls per request"
            )
    finally:
        learner.delete()


if __name__ == "__main__":
    main()
