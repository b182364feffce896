"""Writes for a learner's vocabulary: saving words, word statuses, edits; and exports built in
the background."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core.task_attempts import (
    attempt_failed,
    background_work_task,
    claim_fields,
    lease,
    new_work_fields,
    requeue_if_stale,
)
from glossary import exports
from glossary.anki import NothingToExport
from glossary.models import (
    Example,
    Export,
    ExportStatus,
    SavedWord,
)
from glossary.vocabulary import Candidate, article_lemma_counts
from reader.models import LemmaStatus, WordStatus


def _sentence_hash(sentence: str) -> str:
    return hashlib.sha256(sentence.encode()).hexdigest()


def saved_word_add(
    *, user, candidate: Candidate, article=None, sense: str | None = None
) -> tuple[SavedWord, bool]:
    """Save a word in one sense with the sentence it was met in.

    Saving the same lemma and sense again adds the sentence as a further example instead of a
    second word. Two tabs saving at the same moment both reach get_or_create; the loser's
    INSERT hits the unique constraint, and the retry finds the winner's row. Returns the word
    and whether it was new. A word saved while "new" becomes "learning".
    """
    sense = candidate.sense if sense is None else sense
    for attempt in range(3):
        try:
            with transaction.atomic():
                word, created = SavedWord.objects.get_or_create(
                    user=user,
                    key=candidate.key,
                    sense=sense,
                    defaults={
                        "lemma": candidate.lemma,
                        "kind": candidate.kind,
                        "pos": candidate.pos,
                        "headline": candidate.headline,
                        "gloss": sense,
                    },
                )
                if candidate.sentence:
                    Example.objects.get_or_create(
                        saved_word=word,
                        sentence_hash=_sentence_hash(candidate.sentence),
                        defaults={
                            "sentence": candidate.sentence,
                            "spans": [list(span) for span in candidate.spans],
                            "article": article,
                            "article_title": article.title if article else "",
                        },
                    )
                LemmaStatus.objects.get_or_create(
                    user=user, key=candidate.key, defaults={"status": WordStatus.LEARNING}
                )
            return word, created
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def word_status_set(*, user, key: str, status: str) -> str:
    """Set a learner's status for a lemma key; "new" removes the row."""
    if status not in WordStatus.values:
        raise ValueError(f"Unknown status {status!r}")
    if status == WordStatus.NEW:
        LemmaStatus.objects.filter(user=user, key=key).delete()
        return status
    for attempt in range(3):
        try:
            with transaction.atomic():
                LemmaStatus.objects.update_or_create(
                    user=user, key=key, defaults={"status": status}
                )
            return status
        except IntegrityError:
            if attempt == 2:
                raise
    return status


def statuses_mark_rest_known(*, user, annotation) -> tuple[int, dt.datetime, dt.datetime]:
    """Mark every word of an article that the learner has no status for as known: after
    reading it through, the words they neither saved nor marked are words they knew (LUTE's
    "mark the rest as known"). Names are left out, as everywhere statuses are counted.

    Returns (how many were marked, the earliest and latest `updated_at` they got), which is
    what statuses_undo_rest_known needs to take back exactly these rows and no status the
    learner set by hand since."""
    keys = article_lemma_counts(annotation)
    max_length = LemmaStatus._meta.get_field("key").max_length
    have = set(
        LemmaStatus.objects.filter(user=user, key__in=list(keys)).values_list("key", flat=True)
    )
    rest = [key for key in sorted(keys) if key not in have and len(key) <= max_length]
    started = timezone.now()
    LemmaStatus.objects.bulk_create(
        [LemmaStatus(user=user, key=key, status=WordStatus.KNOWN) for key in rest],
        batch_size=1000,
        ignore_conflicts=True,  # a status set in another tab meanwhile stays as it is
    )
    finished = timezone.now()
    marked = LemmaStatus.objects.filter(
        user=user, key__in=rest, updated_at__gte=started, updated_at__lte=finished
    ).count()
    return marked, started, finished


def statuses_undo_rest_known(
    *, user, annotation, started: dt.datetime, finished: dt.datetime
) -> int:
    """Take back statuses_mark_rest_known: the article's words marked known in that moment.
    A word the learner has marked since (even as known again) has a later `updated_at` and
    stays. Returns how many words are new again."""
    deleted, _ = LemmaStatus.objects.filter(
        user=user,
        key__in=list(article_lemma_counts(annotation)),
        status=WordStatus.KNOWN,
        updated_at__gte=started,
        updated_at__lte=finished,
    ).delete()
    return deleted


def saved_word_update(
    *, word: SavedWord, gloss: str | None = None, note: str | None = None
) -> SavedWord:
    fields = []
    if gloss is not None:
        word.gloss = gloss.strip()
        fields.append("gloss")
    if note is not None:
        word.note = note.strip()
        fields.append("note")
    if fields:
        word.save(update_fields=[*fields, "updated_at"])
    return word


def saved_word_delete(*, word: SavedWord) -> None:
    word.delete()


# --- Exports built in the background ----------------------------------------------------------

# Finished exports kept per user (older ones are deleted when a new one is asked for), and the
# age after which any export goes, finished or not (a worker that died leaves one "waiting").
KEEP_EXPORTS = 5
EXPORT_MAX_AGE = dt.timedelta(days=7)


def export_request(*, owner, kind: str, params: dict) -> Export:
    """Queue an export for its owner (glossary.tasks.build_export) and return it.

    The task is queued when the caller's transaction commits, so no queue sees it before the
    Export row. Outside a transaction that is at once: with the default immediate backend the
    export is built here, ready (or failed) when this returns. Clears the owner's old exports
    first.
    """

    exports_prune(owner)
    export = Export.objects.create(owner=owner, kind=kind, params=params, **new_work_fields())
    transaction.on_commit(lambda: background_work_task("exports").enqueue(export.pk))
    export.refresh_from_db()
    return export


def export_build(export_id: int) -> bool:
    """Build a queued export's file (the body of the build_export task).

    The file, its name and the status "ready" are written in one update: an export is either
    downloadable whole or not at all. A failure leaves no file and says why (or has the export
    built again after a database error: core/task_attempts.py); the error is re-raised.
    Returns False when there is nothing to build: deleted meanwhile, or not pending (claimed or
    built by another task for it: a lease queues the work again while the first task may
    still be waiting in the queue).
    """
    if not Export.objects.filter(pk=export_id, status=ExportStatus.PENDING).update(
        status=ExportStatus.RUNNING, **claim_fields()
    ):
        return False
    export = Export.objects.select_related("owner").get(pk=export_id)
    try:
        file = exports.export_file(export)
        Export.objects.filter(pk=export_id).update(
            status=ExportStatus.READY,
            status_message="",
            data=file.data,
            filename=file.filename,
            content_type=file.content_type,
            finished_at=timezone.now(),
        )
    except Exception as error:
        attempt_failed(
            Export,
            export_id,
            run=(export.task_attempts, export.task_started_at),
            error=error,
            task=background_work_task("exports"),
            # "There are no words to export." needs no exception name.
            reason=str(error) if isinstance(error, NothingToExport) else "",
            failed_fields={"finished_at": timezone.now()},
        )
        raise
    return True


def export_requeue_if_stale(export: Export) -> Export:
    """The export, queued again if its build outlived its lease (its worker died) or its task
    never started within it (lost): its page calls this as it polls (core/task_attempts.py)."""
    if requeue_if_stale(
        export, background_work_task("exports"), failed_fields={"finished_at": timezone.now()}
    ):
        export.refresh_from_db()
    return export


def export_retry(export: Export) -> Export:
    """The export queued again as new work when Export.can_start_again: its owner's "Try again"
    after a failure, "Start again" when it is still not ready a lease after it was asked for.
    Anything else is left as it is. A task or run still going for it is harmless: the new task
    finds the export claimed or built and does nothing, or the two build the same file."""

    waiting_too_long = Q(
        status__in=[ExportStatus.PENDING, ExportStatus.RUNNING],
        created_at__lt=timezone.now() - lease(),
    )
    again = Export.objects.filter(Q(status=ExportStatus.FAILED) | waiting_too_long, pk=export.pk)
    if again.update(
        status=ExportStatus.PENDING, status_message="", finished_at=None, **new_work_fields()
    ):
        transaction.on_commit(lambda: background_work_task("exports").enqueue(export.pk))
    export.refresh_from_db()
    return export


def exports_prune(owner) -> int:
    """Delete the owner's finished exports beyond the newest KEEP_EXPORTS, and any older than
    EXPORT_MAX_AGE. Returns how many went."""
    finished = Export.objects.filter(
        owner=owner, status__in=[ExportStatus.READY, ExportStatus.FAILED]
    ).values_list("pk", flat=True)
    stale = list(finished[KEEP_EXPORTS:])
    cutoff = timezone.now() - EXPORT_MAX_AGE
    deleted, _ = Export.objects.filter(
        Q(pk__in=stale) | Q(owner=owner, created_at__lt=cutoff)
    ).delete()
    return deleted
