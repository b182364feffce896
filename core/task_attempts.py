"""Attempts, automatic retries and leases for the work a task does on one row: an article's
annotation (reader.tasks.annotate_article), a quiz's generation (reader.tasks.generate_quiz) and
an export's file (glossary.tasks.build_export).

The three models share the fields this needs: `status` (pending, running, ready, failed),
`status_message`, `task_attempts` (runs started since the work was last asked for),
`task_started_at` (when the current run started) and `task_due_at` (when the task last queued
for the row was due: when it was queued, or when a retry's pause ends). Whatever queues work
stamps `task_due_at` (new_work_fields for new work). A run claims its row by raising
`task_attempts` and stamping `task_started_at`; what it writes when it fails is conditional
on both (its "run") and on the row still running, so a run that a lease or a teacher's "Start
again" gave up on cannot overwrite the state of the run that replaced it. Quiz and export runs
claim only a pending row, so a second task for a row already claimed or done does nothing.

- A failure on the database (OperationalError, InterfaceError: "database is locked", a lost
  connection, a PostgreSQL deadlock) says nothing about the work, so the run is queued again
  after a pause, up to settings.TASK_MAX_ATTEMPTS runs. Any other error (a ValueError from the
  pipeline, a bug) would fail the same way again: the row is failed at once with its reason.
- Only a queue that can defer (django-tasks-db) retries. With the ImmediateBackend the task
  runs inside the web request: retrying there would hold the request for another
  busy_timeout, and a connection lost in a request stays lost until the request ends. The
  row is failed with its reason and the page's "Try again" is the retry.
- A row left "running" for longer than settings.TASK_LEASE_MINUTES lost its worker (killed,
  out of memory, the machine restarted). A row left "pending" for longer than the lease after
  its task was due lost that task: the queue dropped it, or its run failed before it could
  claim the row (the database unreachable at that moment). Either way its status page, when
  polled, or `manage.py requeue_stale_tasks` queues it again, counted as one of its attempts
  (the lost task's, for a pending row), and fails it with the reason after the last one. A
  task that was only waiting in a long queue then finds its row claimed by the other, or
  claims it first: one of the two does the work (an article's second run annotates it again,
  with the same result).
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


def lease_minutes() -> int:
    return settings.TASK_LEASE_MINUTES


def lease() -> dt.timedelta:
    return dt.timedelta(minutes=lease_minutes())


def retry_delay(attempt: int) -> dt.timedelta:
    """The pause before run `attempt + 1`: TASK_RETRY_DELAY seconds, doubled after each run, so
    a database busy with a migration or a restart has time to come back."""
    return dt.timedelta(seconds=settings.TASK_RETRY_DELAY * 2 ** (attempt - 1))


def failure_reason(error: BaseException) -> str:
    """What a teacher sees as the reason a run failed."""
    return f"{type(error).__name__}: {error}"[:2000]


def is_transient(error: BaseException) -> bool:
    return isinstance(error, TRANSIENT_ERRORS)


def new_work_fields() -> dict:
    """The fields to set on a row whose work is queued as new work (asked for again): its runs
    count from zero, its lease from now."""
    return {"task_attempts": 0, "task_due_at": timezone.now()}


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
    run_after = timezone.now() + retry_delay(attempt)
    mine = model.objects.filter(
        pk=pk,
        task_attempts=attempt,
        task_started_at=started_at,
        status__in=[RUNNING, READY] if keep_ready else [RUNNING],
    )
    if retry:
        changes = {
            "status": PENDING,
            "status_message": retrying_message(attempt + 1, reason),
            # The retry's pending lease counts from the end of its pause.
            "task_due_at": run_after,
        }
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
        transaction.on_commit(lambda: task.using(run_after=run_after).enqueue(pk))
        log.warning("%s %s: run %s failed (%s), retrying", model.__name__, pk, attempt, reason)
    return retry


def requeue_if_stale(row, task, *, failed_fields: dict | None = None) -> bool:
    """Queue the work on `row` again when it outlived the lease: running for longer (its worker
    died) or pending for longer after its task was due (the task was lost). For a status page
    to call as it polls. Costs no query unless the row is stale. Returns True when it was, so
    `row` is out of date: pending again, failed after its last attempt, or changed by the
    request that queued it first."""
    cutoff = timezone.now() - lease()
    if row.status == RUNNING:
        stale = row.task_started_at is None or row.task_started_at < cutoff
    else:
        stale = row.status == PENDING and row.task_due_at is not None and row.task_due_at < cutoff
    if not stale:
        return False
    _requeue(type(row), row.pk, row.status, row.task_attempts, cutoff, task, failed_fields)
    return True


def requeue_stale(model, task, *, failed_fields: dict | None = None) -> int:
    """requeue_if_stale for every stale row of `model` (manage.py requeue_stale_tasks).
    Returns how many rows changed."""
    cutoff = timezone.now() - lease()
    stale = model.objects.filter(_stale(cutoff)).values_list("pk", "status", "task_attempts")
    return sum(
        _requeue(model, pk, status, attempts, cutoff, task, failed_fields)
        for pk, status, attempts in stale
    )


def _stale(cutoff) -> Q:
    # A row running without a start time was claimed before the upgrade that added it. A row
    # pending without a due time was never queued (an article stored with annotate="none").
    running = Q(task_started_at__lt=cutoff) | Q(task_started_at__isnull=True)
    return (Q(status=RUNNING) & running) | Q(status=PENDING, task_due_at__lt=cutoff)


def _requeue(model, pk, status, attempts, cutoff, task, failed_fields) -> bool:
    # Conditional on the row as it was read: of two polls (or a poll and the command) that see
    # the same stale row, one update matches and queues the work, the other matches nothing.
    row = model.objects.filter(pk=pk, status=status, task_attempts=attempts).filter(_stale(cutoff))
    # A pending row's lost task was to start the next run: it counts as one, or a queue that
    # keeps losing tasks would have the row queued again for ever.
    lost = attempts if status == RUNNING else attempts + 1
    if lost >= max_attempts():
        message = _why_lost(status, f"{lost} of {max_attempts()}") + "."
        return bool(
            row.update(
                status=FAILED,
                status_message=message[0].upper() + message[1:],
                task_attempts=lost,
                **(failed_fields or {}),
            )
        )
    if not row.update(
        status=PENDING,
        status_message=retrying_message(lost + 1, _why_lost(status, lost)),
        task_attempts=lost,
        task_due_at=timezone.now(),
    ):
        return False
    transaction.on_commit(lambda: task.enqueue(pk))
    log.warning("%s %s: %s, queued again", model.__name__, pk, _why_lost(status, lost))
    return True


def _why_lost(status, attempt) -> str:
    if status == RUNNING:
        return f"the background worker stopped during attempt {attempt}"
    return f"the task for attempt {attempt} did not start within {lease_minutes()} minutes"


def _replace_a_broken_connection() -> None:
    """A lost connection would lose the record of the failure too. Outside a transaction the
    broken connection is dropped so that the next query opens a new one (as Django does between
    requests); inside one it must not be: the caller's transaction is still open."""
    if not connection.in_atomic_block:
        connection.close_if_unusable_or_obsolete()


# The kinds of background work, each registered by its app's AppConfig.ready(): core is the
# bottom layer and may not import the apps whose rows it requeues.
_REGISTERED: dict[str, tuple] = {}


def background_work_register(name: str, model, task, *, failed_fields=None) -> None:
    """Make `requeue_all_stale` (and `manage.py requeue_stale_tasks`) look after `model`'s rows,
    queued again with `task`; `failed_fields` (a callable returning a dict) are written with a
    failure."""
    _REGISTERED[name] = (model, task, failed_fields)


def background_work_task(name: str):
    """The task registered for a kind of work: what its app's services queue, so they need not
    import their tasks module, which imports them (the task calls the service)."""
    return _REGISTERED[name][1]


def requeue_all_stale() -> dict[str, int]:
    """requeue_stale for every registered kind of work (articles, quizzes, exports): what
    `manage.py requeue_stale_tasks` runs. Returns how many rows of each kind changed, by name
    in alphabetical order (apps register in INSTALLED_APPS order, which tells a reader of the
    output nothing)."""
    return {
        name: requeue_stale(model, task, failed_fields=failed_fields() if failed_fields else None)
        for name, (model, task, failed_fields) in sorted(_REGISTERED.items())
    }
