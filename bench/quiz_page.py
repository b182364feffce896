"""Server time of the seed article's quiz page and of one quiz answer, as a student takes the
quiz under load (bench/locustfile.py, `take_quiz`): open the page, answer one open question
through htmx, and start again once every question is answered.

    .venv/bin/python bench/quiz_page.py [--runs 300]

Runs against the database configured by the environment (SQLite by default, DATABASE_URL for
PostgreSQL) after `make run` or `scripts/setup.sh app` has loaded the seed. Times the whole
Django request through the test client (which skips only the network), logged in as a
throwaway student who is deleted afterwards, with the quiz's state in the session as for a
real student. Reports the process's CPU time per request (on the shared 2-core machine wall
time mostly measures the neighbours; with SQLite the queries run in this process too) and the
median wall time.
"""

import argparse
import os
import re
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

ANSWER_URL = re.compile(r'hx-post="(/articles/\d+/quiz/\d+/answer/)"')


def _summary(label: str, cpu: list[float], wall: list[float]) -> str:
    cpu = sorted(cpu)
    return (
        f"{label}: CPU median {statistics.median(cpu):.2f} ms, "
        f"p95 {cpu[int(len(cpu) * 0.95)]:.2f} ms; wall median {statistics.median(wall):.2f} ms "
        f"({len(cpu)} requests)"
    )


def _timed(call):
    """call()'s result, its CPU time and its wall time in ms."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = call()
    return result, (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=300, help="page + answer rounds timed")
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from reader.models import Article
    from reader.quiz.services import quiz_get_or_generate

    article = Article.objects.filter(seed_order=0, status=Article.Status.READY).first()
    if article is None:
        sys.exit("The seed article is not loaded: run `make run` or `scripts/setup.sh app` first.")
    quiz = quiz_get_or_generate(article)
    page_url = reverse("reader:quiz_take", args=[article.pk])
    retry_url = reverse("reader:quiz_retry", args=[article.pk])
    student = get_user_model().objects.create_user(f"bench-quiz-{uuid.uuid4().hex[:8]}")
    client = Client()
    client.force_login(student)
    try:
        pages: list[tuple[float, float]] = []
        answers: list[tuple[float, float]] = []

        def take_one(timed: bool) -> None:
            response, *page = _timed(lambda: client.get(page_url))
            assert response.status_code == 200
            open_questions = ANSWER_URL.findall(response.text)
            if not open_questions:
                client.post(retry_url)  # a finished quiz: start again (not timed)
                return
            response, *answer = _timed(
                lambda: client.post(
                    open_questions[0], {"choice": 0}, headers={"HX-Request": "true"}
                )
            )
            assert response.status_code == 200
            if timed:
                pages.append(tuple(page))
                answers.append(tuple(answer))

        for _ in range(20):  # warm-up: templates, connection, per-process caches
            take_one(timed=False)
        while len(pages) < args.runs:
            take_one(timed=True)
        questions = quiz.questions.filter(dropped=False).count()
        print(f"seed quiz: {questions} questions")
        for label, rows in (
            ("quiz page    ", pages),
            ("quiz answer  ", answers),
            (
                "page + answer",
                [(p[0] + a[0], p[1] + a[1]) for p, a in zip(pages, answers, strict=True)],
            ),
        ):
            print(_summary(label, [cpu for cpu, _ in rows], [wall for _, wall in rows]))
    finally:
        client.logout()
        student.delete()


if __name__ == "__main__":
    main()
