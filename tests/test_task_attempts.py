"""Retries and leases for background work (core/task_attempts.py): a run that fails on the
database is queued again after a pause, a bug fails at once with its reason, and a run whose
worker died, or a task that never started (lost, or failed before it claimed its row), is
queued again once its lease is over, by its polling page or by `manage.py requeue_stale_tasks`;
a second task for a row already claimed or built does nothing. Quiz and export tasks are
queued only when their row is committed.

Worker tests use the django-tasks-db queue and real transactions (transaction=True), as
tests/test_tasks.py does. Failures are injected where an outage would strike: the database
errors are the ones Django raises for "database is locked" or a lost connection, and on
PostgreSQL one connection is really terminated.
"""

import datetime as dt
import importlib

import pytest
from django.core.management import call_command
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.task_attempts import attempt_failed, claim_fields, requeue_stale
from glossary import exports
from glossary.models import Export, ExportStatus
from glossary.services import export_request, export_requeue_if_stale
from glossary.tasks import build_export
from reader.models import Article, Quiz
from reader.quiz import services as quiz_services
from reader.tasks import generate_quiz
from tests.factories import make_article, make_user
from tests.quiz_annotations import make_annotated_article
from tests.test_quiz_tasks import poll, quiz_page, quiz_tasks
from tests.test_tasks import DATABASE_TASKS, TEXT, annotation_results, run_worker_batch


class WorkerKilled(BaseException):
    """What a killed worker leaves behind: the run stops between its claim and its result, and
    nothing of the code that would record a failure runs (SIGKILL, out of memory)."""


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_TASKS


def run_worker_until_idle() -> None:
    """Work the queue as a worker would over the next minutes: retries queued for later
    (run_after) are made due and worked too, until nothing is left."""
    while True:
        run_worker_batch()
        later = DBTaskResult.objects.filter(status="READY")
        if not later.exists():
            return
        later.update(run_after=timezone.now())


def fail_first(monkeypatch, target, error, times=1):
    """`target` raises `error` on its first `times` calls, then works."""
    module, name = target.rsplit(".", 1)
    real = getattr(importlib.import_module(module), name)
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) <= times:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(target, flaky)
    return calls


def count_calls(monkeypatch, target):
    """`target` works as before; the list returned grows by one each call."""
    return fail_first(monkeypatch, target, error=None, times=0)


def vocabulary_export(owner) -> Export:
    return export_request(
        owner=owner, kind="vocabulary", params=exports.vocabulary_params("csv", {})
    )


def lea_with_a_word():
    from glossary.services import saved_word_add
    from tests.test_anki import candidate

    user = make_user("lea")
    saved_word_add(
        user=user,
        candidate=candidate("Brücke", "bridge", sentence="Die Brücke ist neu.", spans=((4, 10),)),
    )
    return user


# --- Retries ---------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_quiz_generation_on_a_locked_database_is_retried_after_a_pause(client, database_queue):
    article = make_annotated_article()
    quiz_page(client, article)
    with pytest.MonkeyPatch.context() as mp:
        fail_first(mp, "reader.quiz.services.quiz_generate", OperationalError("database is locked"))
        run_worker_batch()

    quiz = Quiz.objects.get(article=article)
    assert quiz.status == Quiz.Status.PENDING and quiz.task_attempts == 1
    assert quiz.status_message == (
        "Retrying (attempt 2 of 3) after OperationalError: database is locked"
    )
    first, retry = quiz_tasks().order_by("enqueued_at")
    assert first.status == "FAILED" and "database is locked" in first.traceback
    # The retry waits TASK_RETRY_DELAY (30 s) so that the database has time to come back.
    assert retry.status == "READY"
    wait = retry.run_after - timezone.now()
    assert dt.timedelta(seconds=20) < wait <= dt.timedelta(seconds=30)
    run_worker_batch()  # not due yet: the worker leaves it
    assert quiz_tasks().get(pk=retry.pk).status == "READY"
    # The learner keeps waiting and sees why; so does the teacher on the review page.
    box = poll(client, article).content.decode()
    assert "Preparing the quiz" in box and "Retrying (attempt 2 of 3)" in box
    client.force_login(make_user("teacher", is_staff=True))
    edit_page = client.get(reverse("reader:quiz_edit", args=[article.pk])).content.decode()
    assert "Retrying (attempt 2 of 3) after OperationalError: database is locked" in edit_page

    run_worker_until_idle()

    quiz.refresh_from_db()
    assert (quiz.status, quiz.status_message, quiz.task_attempts) == ("ready", "", 2)
    assert quiz.has_questions


@pytest.mark.django_db(transaction=True)
def test_export_failing_on_the_database_every_time_fails_after_three_attempts(
    client, database_queue, monkeypatch
):
    lea = lea_with_a_word()
    queued = vocabulary_export(lea)
    calls = fail_first(
        monkeypatch, "glossary.exports.export_file", OperationalError("database is locked"), 99
    )

    run_worker_batch()
    client.force_login(lea)
    box = client.get(
        reverse("glossary:export_detail", args=[queued.pk]), headers={"HX-Request": "true"}
    )
    assert "Retrying (attempt 2 of 3) after OperationalError" in box.content.decode()
    run_worker_until_idle()

    queued.refresh_from_db()
    assert len(calls) == 3
    assert (queued.status, queued.task_attempts) == (ExportStatus.FAILED, 3)
    assert queued.status_message == "OperationalError: database is locked (after 3 attempts)"
    assert queued.data is None and queued.finished_at is not None  # nothing half-written
    results = DBTaskResult.objects.filter(task_path="glossary.tasks.build_export")
    assert list(results.values_list("status", flat=True)) == ["FAILED"] * 3
    # Its owner can still try again, which counts from one.
    monkeypatch.undo()
    client.post(reverse("glossary:export_retry", args=[queued.pk]))
    run_worker_batch()
    queued.refresh_from_db()
    assert (queued.status, queued.task_attempts) == (ExportStatus.READY, 1)


@pytest.mark.django_db(transaction=True)
def test_article_annotation_that_lost_its_connection_is_annotated_on_the_next_attempt(
    database_queue, monkeypatch
):
    article = make_article(text=TEXT, annotate="task")
    fail_first(
        monkeypatch,
        "nlp.pipeline.annotate_text",
        InterfaceError("connection already closed"),
    )

    run_worker_until_idle()

    article.refresh_from_db()
    assert article.status == Article.Status.READY and article.annotation["sentences"]
    assert article.task_attempts == 0  # done: a later annotation counts from one again
    assert list(annotation_results().order_by("enqueued_at").values_list("status", flat=True)) == [
        "SUCCESSFUL",  # the pipeline's failure is on the article; the task itself returned False
        "SUCCESSFUL",
    ]


@pytest.mark.django_db(transaction=True)
def test_a_bug_in_the_pipeline_is_not_retried(database_queue, monkeypatch):
    article = make_article(text=TEXT, annotate="task")
    fail_first(monkeypatch, "nlp.pipeline.annotate_text", ValueError("bad token"), 99)

    run_worker_until_idle()

    article.refresh_from_db()
    assert (article.status, article.status_message) == ("failed", "ValueError: bad token")
    assert annotation_results().count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="a connection that can be terminated"
)
def test_quiz_generation_whose_connection_is_terminated_reconnects_and_retries(
    client, database_queue, monkeypatch
):
    # The real thing: PostgreSQL ends the worker's session in the middle of the generation
    # (a failover, a restart, an administrator), so even recording the failure needs a new one.
    article = make_annotated_article()
    quiz_page(client, article)
    real_generate = quiz_services.quiz_generate
    calls = []

    def generate_once_the_session_is_gone(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
        return real_generate(*args, **kwargs)

    monkeypatch.setattr("reader.quiz.services.quiz_generate", generate_once_the_session_is_gone)
    run_worker_batch()

    quiz = Quiz.objects.get(article=article)
    assert quiz.status == Quiz.Status.PENDING
    assert quiz.status_message.startswith("Retrying (attempt 2 of 3) after OperationalError")
    run_worker_until_idle()
    quiz.refresh_from_db()
    assert quiz.status == Quiz.Status.READY and quiz.has_questions


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="a connection to terminate")
def test_export_whose_connection_is_terminated_outside_a_transaction_is_retried(
    database_queue, monkeypatch
):
    # Outside a transaction nothing closes the dead connection for the worker: recording the
    # failure has to replace it first.
    lea = lea_with_a_word()
    queued = vocabulary_export(lea)
    real_export_file = exports.export_file

    def export_file_once_the_session_is_gone(export):
        monkeypatch.setattr("glossary.exports.export_file", real_export_file)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")

    monkeypatch.setattr("glossary.exports.export_file", export_file_once_the_session_is_gone)
    run_worker_batch()

    queued.refresh_from_db()
    assert queued.status == ExportStatus.PENDING
    assert queued.status_message.startswith("Retrying (attempt 2 of 3) after OperationalError")
    run_worker_until_idle()
    queued.refresh_from_db()
    assert queued.status == ExportStatus.READY


@pytest.mark.django_db
def test_without_a_queue_a_database_error_fails_at_once_with_its_reason(monkeypatch):
    # The ImmediateBackend runs the task inside the request that asked: retrying there would
    # hold the request for another busy_timeout, so the owner's "Try again" is the retry.
    lea = lea_with_a_word()
    fail_first(monkeypatch, "glossary.exports.export_file", OperationalError("database is locked"))

    queued = vocabulary_export(lea)

    assert (queued.status, queued.task_attempts) == (ExportStatus.FAILED, 1)
    assert queued.status_message == "OperationalError: database is locked"


# --- Leases ----------------------------------------------------------------------------------


def started_minutes_ago(model, pk, minutes) -> None:
    """Move the row's current run back in time, as if it had been running for `minutes`."""
    model.objects.filter(pk=pk).update(
        task_started_at=timezone.now() - dt.timedelta(minutes=minutes)
    )


def due_minutes_ago(model, pk, minutes) -> None:
    """Move the task queued for the row back in time, as if it had been due for `minutes`."""
    model.objects.filter(pk=pk).update(task_due_at=timezone.now() - dt.timedelta(minutes=minutes))


def kill_the_worker_during(monkeypatch, target):
    def killed(*args, **kwargs):
        raise WorkerKilled

    monkeypatch.setattr(target, killed)


@pytest.mark.django_db(transaction=True)
def test_quiz_left_running_by_a_killed_worker_is_queued_again_when_its_page_polls(
    client, database_queue, monkeypatch, settings
):
    article = make_annotated_article()
    quiz_page(client, article)
    kill_the_worker_during(monkeypatch, "reader.quiz.services.quiz_generate")
    run_worker_batch()
    monkeypatch.undo()
    quiz = Quiz.objects.get(article=article)
    assert (quiz.status, quiz.task_attempts) == (Quiz.Status.RUNNING, 1)

    # Within the lease the run may still be working: polls leave it alone.
    poll(client, article)
    assert Quiz.objects.get(pk=quiz.pk).status == Quiz.Status.RUNNING
    assert quiz_tasks().count() == 1

    started_minutes_ago(Quiz, quiz.pk, 11)  # ... and now its lease has run out
    assert "Preparing the quiz" in poll(client, article).content.decode()
    poll(client, article)

    quiz.refresh_from_db()
    assert quiz.status == Quiz.Status.PENDING
    assert quiz.status_message == (
        "Retrying (attempt 2 of 3) after the background worker stopped during attempt 1"
    )
    assert quiz_tasks().filter(status="READY").count() == 1  # queued once, for two polls
    run_worker_batch()
    quiz.refresh_from_db()
    assert (quiz.status, quiz.task_attempts) == (Quiz.Status.READY, 2)
    assert "Preparing the quiz" not in quiz_page(client, article).content.decode()


@pytest.mark.django_db(transaction=True)
def test_article_left_running_is_queued_again_when_the_teachers_badge_polls(
    client, database_queue, monkeypatch, settings
):
    article = make_article(text=TEXT, annotate="task")
    kill_the_worker_during(monkeypatch, "nlp.pipeline.annotate_text")
    run_worker_batch()
    monkeypatch.undo()
    client.force_login(make_user("teacher", is_staff=True))
    status_url = reverse("classroom:article_status", args=[article.pk])
    started_minutes_ago(Article, article.pk, 11)

    badge = client.get(status_url, headers={"HX-Request": "true"}).content.decode()

    assert "Waiting to be annotated" in badge and 'hx-trigger="every 2s"' in badge
    assert "Retrying (attempt 2 of 3) after the background worker stopped" in badge
    assert annotation_results().filter(status="READY").count() == 1
    run_worker_batch()
    assert Article.objects.get(pk=article.pk).status == Article.Status.READY


@pytest.mark.django_db
def test_two_polls_of_the_same_stale_export_queue_it_once(settings, monkeypatch):
    settings.TASKS = DATABASE_TASKS
    lea = lea_with_a_word()
    export = vocabulary_export(lea)
    Export.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING,
        task_attempts=1,
        task_started_at=timezone.now() - dt.timedelta(minutes=11),
    )
    # Two requests read the export before either has queued it again.
    first, second = Export.objects.get(pk=export.pk), Export.objects.get(pk=export.pk)

    assert export_requeue_if_stale(first).status == ExportStatus.PENDING
    assert export_requeue_if_stale(second).status == ExportStatus.PENDING

    # The task export_request queued, and one more from the first poll; none from the second.
    assert DBTaskResult.objects.filter(task_path="glossary.tasks.build_export").count() == 2


@pytest.mark.django_db
def test_run_whose_lease_ran_out_does_not_overwrite_its_successor(settings):
    settings.TASKS = DATABASE_TASKS
    article = make_annotated_article()
    quiz = quiz_services.quiz_for_article(article)
    slow_run = (1, timezone.now() - dt.timedelta(hours=1))
    Quiz.objects.filter(pk=quiz.pk).update(
        status=Quiz.Status.RUNNING, task_attempts=slow_run[0], task_started_at=slow_run[1]
    )
    quiz = quiz_services.quiz_for_article(article)
    assert quiz.status == Quiz.Status.PENDING

    # The run thought dead was only slow, and now fails: the retry already queued stands.
    retried = attempt_failed(
        Quiz,
        quiz.pk,
        run=slow_run,
        error=OperationalError("database is locked"),
        task=generate_quiz,
    )

    assert retried is False
    quiz.refresh_from_db()
    assert quiz.status == Quiz.Status.PENDING and "worker stopped" in quiz.status_message
    assert quiz_tasks().count() == 2


@pytest.mark.django_db
def test_run_a_teacher_started_again_is_not_overwritten_by_the_old_one(client, settings):
    settings.TASKS = DATABASE_TASKS
    article = make_annotated_article()
    quiz = quiz_services.quiz_for_article(article)
    old_run = (1, timezone.now() - dt.timedelta(minutes=3))
    Quiz.objects.filter(pk=quiz.pk).update(
        status=Quiz.Status.RUNNING, task_attempts=old_run[0], task_started_at=old_run[1]
    )
    client.force_login(make_user("teacher", is_staff=True))
    client.post(reverse("reader:quiz_generate_retry", args=[article.pk]))
    # The new run claims the quiz: its attempt 1 as well, but started now.
    Quiz.objects.filter(pk=quiz.pk).update(status=Quiz.Status.RUNNING, **claim_fields())

    assert not attempt_failed(
        Quiz, quiz.pk, run=old_run, error=ValueError("old code"), task=generate_quiz
    )

    quiz.refresh_from_db()
    assert (quiz.status, quiz.status_message, quiz.task_attempts) == ("running", "", 1)


@pytest.mark.django_db
def test_run_that_outlived_its_last_attempt_fails_with_the_reason(client, settings):
    settings.TASKS = DATABASE_TASKS
    lea = lea_with_a_word()
    export = vocabulary_export(lea)
    Export.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING,
        task_attempts=3,
        task_started_at=timezone.now() - dt.timedelta(minutes=11),
    )
    client.force_login(lea)

    page = client.get(reverse("glossary:export_detail", args=[export.pk])).content.decode()

    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED and export.finished_at is not None
    assert export.status_message == "The background worker stopped during attempt 3 of 3."
    assert "could not be made: The background worker stopped" in page
    assert 'class="retry-export"' in page


@pytest.mark.django_db(transaction=True)
def test_requeue_stale_tasks_command_queues_the_work_of_dead_workers(
    database_queue, monkeypatch, settings, capsys
):
    article = make_article(text=TEXT, annotate="task")
    kill_the_worker_during(monkeypatch, "nlp.pipeline.annotate_text")
    run_worker_batch()
    monkeypatch.undo()
    lea = lea_with_a_word()
    export = vocabulary_export(lea)
    Export.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING, task_attempts=1, task_started_at=timezone.now()
    )
    assert Article.objects.get(pk=article.pk).status == Article.Status.RUNNING
    Article.objects.filter(pk=article.pk).update(
        task_started_at=timezone.now() - dt.timedelta(minutes=11)
    )

    call_command("requeue_stale_tasks")
    call_command("requeue_stale_tasks")  # run again by a second cron: nothing more

    assert capsys.readouterr().out.splitlines() == [
        "1 articles, 0 exports, 0 quizzes",
        "0 articles, 0 exports, 0 quizzes",
    ]
    assert Article.objects.get(pk=article.pk).status == Article.Status.PENDING
    assert annotation_results().filter(status="READY").count() == 1
    # The export's run started just now: it is left to its worker.
    assert Export.objects.get(pk=export.pk).status == ExportStatus.RUNNING
    run_worker_batch()
    assert Article.objects.get(pk=article.pk).status == Article.Status.READY


# --- Lost tasks --------------------------------------------------------------------------------
# A row stays pending when its task never starts: the queue lost it, or the run failed before it
# could claim the row. Its lease counts from when the task was due.

LOST_ONCE = "Retrying (attempt 2 of 3) after the task for attempt 1 did not start within 10 minutes"


def export_tasks():
    return DBTaskResult.objects.filter(task_path="glossary.tasks.build_export")


def lose_the_queued_tasks(results) -> None:
    """What a queue that lost its tasks leaves: the rows wait, no task names them."""
    results.delete()


def export_box(client, export):
    url = reverse("glossary:export_detail", args=[export.pk])
    return client.get(url, headers={"HX-Request": "true"}).content.decode()


def asked_for_minutes_ago(export, minutes) -> None:
    """The export was asked for (and its task due) `minutes` ago."""
    then = timezone.now() - dt.timedelta(minutes=minutes)
    Export.objects.filter(pk=export.pk).update(created_at=then, task_due_at=then)


@pytest.mark.django_db(transaction=True)
def test_export_whose_task_was_lost_is_queued_again_when_its_page_is_polled_after_the_lease(
    client, database_queue
):
    lea = lea_with_a_word()
    export = vocabulary_export(lea)
    lose_the_queued_tasks(export_tasks())
    client.force_login(lea)

    # Within the lease the task may only be waiting behind others: polls leave it alone.
    assert "Start again" not in export_box(client, export)
    assert not export_tasks().exists()

    asked_for_minutes_ago(export, 11)
    export_box(client, export)
    box = export_box(client, export)

    export.refresh_from_db()
    assert (export.status, export.task_attempts) == (ExportStatus.PENDING, 1)
    assert export.status_message == LOST_ONCE
    assert LOST_ONCE in box and "Start again" in box
    assert export_tasks().count() == 1  # queued once, for two polls
    run_worker_batch()
    export.refresh_from_db()
    assert (export.status, export.task_attempts) == (ExportStatus.READY, 2)


@pytest.mark.django_db(transaction=True)
def test_quiz_whose_run_could_not_reach_the_database_to_claim_it_is_queued_again_by_its_page(
    client, database_queue, monkeypatch
):
    article = make_annotated_article()
    quiz_page(client, article)
    fail_first(
        monkeypatch, "reader.quiz.services.claim_fields", OperationalError("connection refused")
    )
    run_worker_batch()
    quiz = Quiz.objects.get(article=article)
    # The run stopped before its claim: nothing says it ever ran.
    assert (quiz.status, quiz.task_attempts) == (Quiz.Status.PENDING, 0)
    assert quiz_tasks().get().status == "FAILED"

    poll(client, article)
    assert quiz_tasks().count() == 1  # within the lease
    due_minutes_ago(Quiz, quiz.pk, 11)
    assert "Preparing the quiz" in poll(client, article).content.decode()

    quiz.refresh_from_db()
    assert (quiz.status, quiz.status_message) == (Quiz.Status.PENDING, LOST_ONCE)
    run_worker_batch()
    quiz.refresh_from_db()
    assert (quiz.status, quiz.task_attempts) == (Quiz.Status.READY, 2)
    assert quiz.has_questions


@pytest.mark.django_db(transaction=True)
def test_article_whose_task_was_lost_is_queued_again_once_by_requeue_stale_tasks(
    database_queue, capsys
):
    article = make_article(text=TEXT, annotate="task")
    lose_the_queued_tasks(annotation_results())
    due_minutes_ago(Article, article.pk, 11)

    call_command("requeue_stale_tasks")
    call_command("requeue_stale_tasks")  # a second cron: nothing more

    assert capsys.readouterr().out.splitlines() == [
        "1 articles, 0 exports, 0 quizzes",
        "0 articles, 0 exports, 0 quizzes",
    ]
    assert Article.objects.get(pk=article.pk).status_message == LOST_ONCE
    assert annotation_results().count() == 1
    run_worker_batch()
    assert Article.objects.get(pk=article.pk).status == Article.Status.READY


@pytest.mark.django_db
def test_lost_task_of_the_last_attempt_fails_the_export_with_the_reason(client, settings):
    settings.TASKS = DATABASE_TASKS
    lea = lea_with_a_word()
    export = vocabulary_export(lea)
    Export.objects.filter(pk=export.pk).update(task_attempts=2)
    asked_for_minutes_ago(export, 40)
    client.force_login(lea)

    page = client.get(reverse("glossary:export_detail", args=[export.pk])).content.decode()

    export.refresh_from_db()
    assert (export.status, export.task_attempts) == (ExportStatus.FAILED, 3)
    assert export.status_message == "The task for attempt 3 of 3 did not start within 10 minutes."
    assert export.finished_at is not None and export.data is None
    assert "could not be made: The task for attempt 3 of 3 did not start" in page
    assert "Try again" in page
    assert export_tasks().count() == 1  # the one export_request queued; none more


@pytest.mark.django_db(transaction=True)
def test_retry_waiting_out_its_pause_is_not_taken_for_a_lost_task(
    database_queue, monkeypatch, settings
):
    # A pause longer than the lease: the retry's lease counts from the pause's end.
    settings.TASK_RETRY_DELAY = 15 * 60
    lea = lea_with_a_word()
    export = vocabulary_export(lea)
    fail_first(monkeypatch, "glossary.exports.export_file", OperationalError("database is locked"))
    run_worker_batch()
    export.refresh_from_db()
    retry = export_tasks().get(status="READY")
    assert export.task_due_at == retry.run_after

    # Eleven minutes after the failure the retry is still four minutes from its start.
    Export.objects.filter(pk=export.pk).update(
        task_due_at=F("task_due_at") - dt.timedelta(minutes=11)
    )
    assert requeue_stale(Export, build_export) == 0
    export.refresh_from_db()
    assert export.status_message.startswith("Retrying (attempt 2 of 3) after OperationalError")


@pytest.mark.django_db(transaction=True)
def test_second_task_for_an_export_another_task_built_does_nothing(database_queue, monkeypatch):
    # The first task was only waiting behind a long queue when the lease queued another.
    lea = lea_with_a_word()
    export = vocabulary_export(lea)
    asked_for_minutes_ago(export, 11)
    assert requeue_stale(Export, build_export) == 1
    builds = count_calls(monkeypatch, "glossary.exports.export_file")

    run_worker_batch()

    export.refresh_from_db()
    assert (export.status, len(builds)) == (ExportStatus.READY, 1)
    results = export_tasks().order_by("enqueued_at")
    assert [(r.status, r.return_value) for r in results] == [
        ("SUCCESSFUL", True),
        ("SUCCESSFUL", False),  # found the export built: nothing to do
    ]


@pytest.mark.django_db
def test_task_for_a_quiz_that_is_ready_or_claimed_does_nothing(monkeypatch):
    article = make_annotated_article()
    quiz = quiz_services.quiz_for_article(article)  # generated at once (immediate backend)
    assert quiz.status == Quiz.Status.READY
    generations = count_calls(monkeypatch, "reader.quiz.services.quiz_generate")

    assert generate_quiz.call(quiz.pk) is False
    assert Quiz.objects.get(pk=quiz.pk).status == Quiz.Status.READY

    Quiz.objects.filter(pk=quiz.pk).update(status=Quiz.Status.RUNNING, **claim_fields())
    claimed = Quiz.objects.values("task_attempts", "task_started_at").get(pk=quiz.pk)
    assert generate_quiz.call(quiz.pk) is False
    assert Quiz.objects.values("task_attempts", "task_started_at").get(pk=quiz.pk) == claimed

    assert generations == []


@pytest.mark.django_db
def test_export_waiting_past_the_lease_can_be_started_again_by_its_owner(client, settings):
    settings.TASKS = DATABASE_TASKS
    lea = lea_with_a_word()
    export = vocabulary_export(lea)
    asked_for_minutes_ago(export, 11)
    # The page's own poll queued it again a while ago; it still waits.
    Export.objects.filter(pk=export.pk).update(
        task_attempts=1, status_message=LOST_ONCE, task_due_at=timezone.now()
    )
    client.force_login(lea)
    assert "Start again" in export_box(client, export)

    client.post(reverse("glossary:export_retry", args=[export.pk]))

    export.refresh_from_db()
    assert (export.status, export.status_message, export.task_attempts) == ("pending", "", 0)
    assert export_tasks().count() == 2


@pytest.mark.django_db
def test_export_within_its_lease_cannot_be_started_again(client, settings):
    settings.TASKS = DATABASE_TASKS
    lea = lea_with_a_word()
    export = vocabulary_export(lea)
    client.force_login(lea)
    assert "Start again" not in export_box(client, export)

    client.post(reverse("glossary:export_retry", args=[export.pk]))

    assert export_tasks().count() == 1


# --- Queued on commit --------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_quiz_and_export_tasks_are_queued_only_once_their_rows_are_committed(database_queue):
    article = make_annotated_article()
    lea = lea_with_a_word()

    with transaction.atomic():
        quiz = quiz_services.quiz_request_generation(article)
        export = vocabulary_export(lea)
        # A queue outside this transaction (another database, a broker) would get a task
        # naming a row it cannot see yet.
        assert not DBTaskResult.objects.exists()

    assert quiz_tasks().get().args_kwargs["args"] == [quiz.pk]
    assert DBTaskResult.objects.get(task_path="glossary.tasks.build_export").args_kwargs[
        "args"
    ] == [export.pk]
