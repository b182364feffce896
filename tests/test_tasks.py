"""Background annotation through Django's tasks framework, with the django-tasks-db queue that
production uses (`RANDNOTIZ_TASKS=database`, `manage.py db_worker`).

The worker commits and checks its connections like a separate process would, so these tests run
with real transactions (transaction=True), not inside one rolled-back test transaction.
"""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from reader.models import Article
from tests.factories import make_article

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
TEXT = "Die Regierung stellte am Montag einen Plan vor.\n\nDer Plan ist gut."


def run_worker_batch() -> None:
    """What `manage.py db_worker` does, for every task queued now, then exit."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def break_the_pipeline(monkeypatch, message="lexicon connection lost"):
    """Fault injection: the pipeline raises as an outage or a bug would."""

    def failing_annotate_text(text, lexicon):
        raise RuntimeError(message)

    monkeypatch.setattr("nlp.pipeline.annotate_text", failing_annotate_text)


def annotation_results():
    """The queue's rows for annotation (an annotated article also queues its quiz)."""
    return DBTaskResult.objects.filter(task_path="reader.tasks.annotate_article")


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_TASKS


@pytest.mark.django_db(transaction=True)
def test_queued_article_is_pending_until_the_db_worker_annotates_it(database_queue):
    article = make_article(text=TEXT, annotate="task")

    assert Article.objects.get(pk=article.pk).status == Article.Status.PENDING
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "reader.tasks.annotate_article"
    assert queued.args_kwargs["args"] == [article.pk]

    run_worker_batch()

    article.refresh_from_db()
    assert article.status == Article.Status.READY
    assert article.annotation["sentences"]
    assert (
        "".join(t["text"] + t["ws"] for s in article.annotation["sentences"] for t in s["tokens"])
        == article.text
    )
    assert annotation_results().get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_worker_batch_works_through_many_queued_articles(database_queue):
    articles = [make_article(title=f"Text {i}", text=TEXT, annotate="task") for i in range(3)]
    assert DBTaskResult.objects.count() == 3

    run_worker_batch()

    assert {a.status for a in Article.objects.filter(pk__in=[a.pk for a in articles])} == {"ready"}
    # Three annotations, then the three quizzes they queued, all worked in the same batch.
    assert DBTaskResult.objects.count() == 6
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


@pytest.mark.django_db(transaction=True)
def test_failed_annotation_in_the_worker_shows_the_article_failed_with_its_reason(
    database_queue, monkeypatch
):
    article = make_article(text=TEXT, annotate="task")
    break_the_pipeline(monkeypatch)

    run_worker_batch()

    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "lexicon connection lost" in article.status_message
    assert article.annotation is None  # nothing half-written


@pytest.mark.django_db(transaction=True)
def test_failed_reannotation_keeps_the_previous_annotation_for_readers(database_queue, monkeypatch):
    # Annotated once (inline), then queued again after a pipeline upgrade that breaks.
    article = make_article(text=TEXT, annotate="inline")
    before = Article.objects.get(pk=article.pk)
    assert before.status == Article.Status.READY
    break_the_pipeline(monkeypatch)
    from reader.services import article_enqueue_annotation

    article_enqueue_annotation(before)
    run_worker_batch()

    after = Article.objects.get(pk=article.pk)
    assert after.annotation == before.annotation
    assert after.annotation_version == before.annotation_version
    assert after.annotated_at == before.annotated_at
    # Readers keep the article they were reading; it is not replaced by an error page.
    assert after.status == Article.Status.READY


@pytest.mark.django_db(transaction=True)
def test_article_deleted_while_queued_is_skipped_by_the_worker(database_queue):
    article = make_article(text=TEXT, annotate="task")
    Article.objects.filter(pk=article.pk).delete()

    run_worker_batch()

    result = DBTaskResult.objects.get()
    assert result.status == "SUCCESSFUL"
    assert result.return_value is False


@pytest.mark.django_db(transaction=True)
def test_default_backend_runs_the_task_at_once_after_commit():
    # The embedded setup (no RANDNOTIZ_TASKS): Django's ImmediateBackend, no worker needed.
    article = make_article(text=TEXT, annotate="task")
    article.refresh_from_db()
    assert article.status == Article.Status.READY
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_error_outside_the_pipeline_marks_the_article_and_the_task_failed(
    database_queue, monkeypatch
):
    # An error after the pipeline ran (here: while estimating the level before the final update).
    article = make_article(text=TEXT, annotate="task")

    def broken_level(document):
        raise ValueError("level estimator crashed")

    monkeypatch.setattr("reader.services.estimate_level", broken_level)
    run_worker_batch()

    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "level estimator crashed" in article.status_message
    assert article.annotation is None
    result = DBTaskResult.objects.get()
    assert result.status == "FAILED"
    assert "level estimator crashed" in result.traceback


def test_the_database_backend_runs_on_djangos_own_tasks_framework():
    # django-tasks-db also supports the `django_tasks` backport; with Django 6 it must use
    # django.tasks, or tasks declared with django.tasks.task would not be its tasks.
    import django.tasks
    from django_tasks_db import compat

    assert compat.Task is django.tasks.Task
    assert compat.TASKS_LOGGER == "django.tasks"
