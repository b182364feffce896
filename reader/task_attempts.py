"""Attempts, automatic retries and leases for the work a task does on one row: an article's
annotation (reader.tasks.annotate_article), a quiz's generation (reader.tasks.generate_quiz) and
an export's file (glossary.tasks.build_export).

The three models share the fields this needs: `status` (pending, running, ready, failed),
`status_message`, `task_attempts` (runs started since the work was last asked for) and
`task_started_at` (when the current run started). A run claims its row by raising
`task_attempts` and stamping `task_started_at`; what it writes when it fails is conditional
on both (its "run") and on the row still running, so a run that a lease or a teacher's "Start
again" gave up on cannot overwrite the state of the run that replaced it.

- A failure on the database (OperationalError, InterfaceError: "database is locked", a lost
  connection, a PostgreSQL deadlock) says nothing about the work, so the run is queued again
  after a pause, up to settings.TASK_MAX_ATTEMPTS runs. Any other error (a ValueError from the
  pipeline, a bug) would fail the same way again: the row is failed at once with its reason.
- Only a queue that can defer (django-tasks-db) retries. With the ImmediateBackend the task
  runs inside the web request: retrying there would hold the request for another
  busy_timeout, and a connection lost in a request stays lost until the request ends. The
  row is failed with its reason and the page's "Try again" is the retry.
- A row left "running" for longer than settings.TASK_LEASE_MINUTES lost its worker (killed,
  out of memory, the machine restarted). Its status page, when polled, or
  `manage.py requeue_stale_tasks` queues it again, counted as one of its attempts.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

log = logging.getLogger(__name__)

# The status values Article, Quiz and Export share.
PENDING, RUNNING, READY, FAILED = "pending", "running", "ready", "failed"

TRANSIENT_ERRORS = (OperationalError, InterfaceError)


def max_attempts() -> int:
    return max(1, settings.TASK_MAX_ATTEMPTS)


def lease() -> dt.timedelta:
    return dt.timedelta(minutes=settings.TASK_LEASE_MINUTES)


def retry_delay(attempt: int) -> dt.timedelta:
    """The pause before run `attempt + 1`: TASK_RETRY_DELAY seconds, doubled after each run, so
    a database busy with a migration or a restart has time to come back."""
    return dt.timedelta(seconds=settings.TASK_RETRY_DELAY * 2 ** (attempt - 1))


def failure_reason(error: BaseException) -> str:
    """What a teacher sees as the reason a run failed."""
    return f"{type(error).__name__}: {error}"[:2000]


def is_transient(error: BaseException) -> bool:
    return isinstance(error, TRANSIENT_ERRORS)


def claim_fields() -> dict:
    """The fields a run sets on its row when it starts (besides the status)."""
    return {"task_attempts": F("task_attempts") + 1, "task_started_at": timezone.now()}


def current_run(model, pk: int) -> tuple[int, dt.datetime]:
    """The run a task has just claimed on row `pk`: its attempt number and start time."""
    return model.objects.filter(pk=pk).values_list("task_attempts", "task_started_at")[0]


def retrying_message(attempt: int, why: str) -> str:
    return f"Retrying (attempt {attempt} of {max_attempts()}) after {why}"[:2000]


def attempt_failed(
    model,
    pk: int,
    *,
    run: tuple[int, dt.datetime],
    error: BaseException,
    task,
    reason: str = "",
    failed_fields: dict | None = None,
    keep_ready: bool = False,
) -> bool:
    """Record that `run` (current_run) of the work on row `pk` failed with `error`: queue the work
    again (the row pending, saying so) when the error is transient, runs remain and the queue
    can defer; otherwise the row is failed with `reason` (failure_reason(error) by default).
    Returns True when the work was queued again.

    `keep_ready` is for an article being re-annotated: it stays ready with the annotation it
    has (readers keep reading it), only the retry is queued.
    """
    _replace_a_broken_connection()
    attempt, started_at = run
    reason = reason or failure_reason(error)
    retry = is_transient(error) and attempt < max_attempts() and task.get_backend().supports_defer
    mine = model.objects.filter(
        pk=pk,
        task_attempts=attempt,
        task_started_at=started_at,
        status__in=[RUNNING, READY] if keep_ready else [RUNNING],
    )
    if retry:
        changes = {"status": PENDING, "status_message": retrying_message(attempt + 1, reason)}
    else:
        if is_transient(error) and attempt > 1:
            reason = f"{reason} (after {attempt} attempts)"[:2000]
        changes = {"status": FAILED, "status_message": reason, **(failed_fields or {})}
    if keep_ready:
        # Case keeps a ready row's status and message in the same conditional update.
        changes = {
            name: Case(
                When(status=READY, then=F(name)),
                default=Value(value),
                output_field=model._meta.get_field(name),
            )
            if name in ("status", "status_message")
            else value
            for name, value in changes.items()
        }
    if not mine.update(**changes):
        return False  # a newer run owns the row now (a lease ran out, a teacher started again)
    if retry:
        run_after = timezone.now() + retry_delay(attempt)
        transaction.on_commit(lambda: task.using(run_after=run_after).enqueue(pk))
        log.warning("%s %s: run %s failed (%s), retrying", model.__name__, pk, attempt, reason)
    return retry


def requeue_if_stale(row, task, *, failed_fields: dict | None = None) -> bool:
    """Queue the work on `row` again when its run outlived the lease (its worker died): for a
    status page to call as it polls. Costs no query unless the row is stale. Returns True when
    it was, so `row` is out of date: pending again, failed after its last attempt, or changed
    by the request that queued it first."""
    cutoff = timezone.now() - lease()
    started = row.task_started_at
    if row.status != RUNNING or (started is not None and started >= cutoff):
        return False
    _requeue(type(row), row.pk, row.task_attempts, cutoff, task, failed_fields)
    return True


def requeue_stale(model, task, *, failed_fields: dict | None = None) -> int:
    """requeue_if_stale for every stale row of `model` (manage.py requeue_stale_tasks).
    Returns how many rows changed."""
    cutoff = timezone.now() - lease()
    stale = (
        model.objects.filter(status=RUNNING)
        .filter(_started_before(cutoff))
        .values_list("pk", "task_attempts")
    )
    return sum(_requeue(model, pk, attempts, cutoff, task, failed_fields) for pk, attempts in stale)


def _started_before(cutoff) -> Q:
    # A row running without a start time was claimed before the upgrade that added it.
    return Q(task_started_at__lt=cutoff) | Q(task_started_at__isnull=True)


def _requeue(model, pk, attempts, cutoff, task, failed_fields) -> bool:
    # Conditional on the row as it was read: of two polls (or a poll and the command) that see
    # the same stale row, one update matches and queues the work, the other matches nothing.
    row = model.objects.filter(pk=pk, status=RUNNING, task_attempts=attempts).filter(
        _started_before(cutoff)
    )
    why = f"the background worker stopped during attempt {attempts}"
    if attempts >= max_attempts():
        message = f"{why[0].upper()}{why[1:]} of {max_attempts()}."
        return bool(row.update(status=FAILED, status_message=message, **(failed_fields or {})))
    if not row.update(status=PENDING, status_message=retrying_message(attempts + 1, why)):
        return False
    transaction.on_commit(lambda: task.enqueue(pk))
    log.warning("%s %s: run %s outlived its lease, queued again", model.__name__, pk, attempts)
    return True


def _replace_a_broken_connection() -> None:
    """A lost connection would lose the record of the failure too. Outside a transaction the
    broken connection is dropped so that the next query opens a new one (as Django does between
    requests); inside one it must not be: the caller's transaction is still open."""
    if not connection.in_atomic_block:
        connection.close_if_unusable_or_obsolete()


def requeue_all_stale() -> dict[str, int]:
    """requeue_stale for articles, quizzes and exports: what `manage.py requeue_stale_tasks`
    runs. Returns how many rows of each kind changed."""
    from glossary.models import Export
    from glossary.tasks import build_export
    from reader.models import Article, Quiz
    from reader.tasks import annotate_article, generate_quiz

    return {
        "articles": requeue_stale(Article, annotate_article),
        "quizzes": requeue_stale(Quiz, generate_quiz),
        "exports": requeue_stale(
            Export, build_export, failed_fields={"finished_at": timezone.now()}
        ),
    }
