"""Writes to articles: creating them and storing their annotation."""

from __future__ import annotations

import datetime as dt
import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Value, When
from django.utils import timezone

from core.task_attempts import (
    attempt_failed,
    background_work_task,
    claim_fields,
    current_run,
    new_work_fields,
    requeue_if_stale,
)
from nlp.document import Annotation
from reader.correction_carryover import corrections_carry_over
from reader.difficulty import estimate_cefr
from reader.lemma_changes import lemma_changes
from reader.models import Article, ReadingPosition
from reader.quiz.services import quiz_copy, quiz_refresh_after_annotation
from reader.status_carryover import statuses_carry_over
from reader.text_input import clean_article_text

log = logging.getLogger(__name__)

# Articles up to this many characters are annotated inside the request that adds them;
# longer ones go to the task queue and the page shows their progress.
INLINE_ANNOTATION_CHARS = 20_000

# _PIPELINE_LAZILY: the annotation pipeline (and the database lexicon, which compiles idioms
# with it) is imported by the functions that annotate, not by this module: importing it loads
# spaCy and the German model's code, 4.5 s and some 100 MB, which a web process that only
# queues the work (RANDNOTIZ_TASKS=database) never needs.


def article_create(
    *,
    title: str,
    text: str,
    source: str = "",
    published: dt.date | str | None = None,
    created_by=None,
    seed_order: int | None = None,
    visibility: str | None = None,
    annotate: str = "auto",
) -> Article:
    """Store a new article (pending) and have it annotated: inline for short texts, as a task
    otherwise (`annotate` = "auto" | "inline" | "task" | "none").

    An article with an owner is private to them unless `visibility` says otherwise; one
    without (a seed, a text an operator loads with a command) goes into the shared library,
    since nobody else could ever read it (reader/access.py)."""
    if visibility is None:
        visibility = Article.Visibility.PRIVATE if created_by else Article.Visibility.SHARED
    text = clean_article_text(text)
    article = Article.objects.create(
        title=_title(title),
        text=text,
        source=source.strip()[:200],
        published=published or None,
        created_by=created_by,
        visibility=visibility,
        seed_order=seed_order,
        word_count=len(text.split()),
    )
    return _start_annotation(article, annotate)


def article_visibility_set(article: Article, *, shared: bool) -> Article:
    """Put the article into the shared library or take it back out (reader/access.py says
    who may). Classes it is already assigned to keep it either way."""
    article.visibility = Article.Visibility.SHARED if shared else Article.Visibility.PRIVATE
    article.save(update_fields=["visibility"])
    return article


def article_copy(article: Article, *, owner) -> tuple[Article, bool]:
    """`owner`'s own, private copy of `article` (a shared one they may not change), to change
    as they like: its text, title, source, date and level, its annotation when it has one
    (queued again otherwise) and its quiz's questions (reader.quiz.services.quiz_copy). The
    original, its quiz, its readers and their results stay exactly as they are.

    Once per owner: a second call (a second click, another tab) returns the copy already made
    instead of another (the article_one_copy_per_owner constraint settles a race). Returns
    (copy, created)."""
    existing = Article.objects.filter(created_by=owner, copied_from=article).first()
    if existing is not None:
        return existing, False
    source = Article.objects.get(pk=article.pk)  # the text and annotation, which lists defer
    annotated = source.is_ready and bool(source.annotation)
    try:
        with transaction.atomic():
            copy = Article.objects.create(
                title=source.title,
                source=source.source,
                published=source.published,
                text=source.text,
                created_by=owner,
                visibility=Article.Visibility.PRIVATE,
                copied_from=source,
                word_count=source.word_count,
                level=source.level,
                **(
                    {
                        "status": Article.Status.READY,
                        "annotation": source.annotation,
                        "annotation_version": source.annotation_version,
                        "annotated_at": source.annotated_at,
                    }
                    if annotated
                    else {}
                ),
            )
            if annotated:
                quiz_copy(source, copy)
    except IntegrityError:
        # The other click made it first.
        return Article.objects.get(created_by=owner, copied_from=article), False
    if not annotated:
        # Queued, never inline: the caller may hold a transaction (classroom's copy adds the
        # corrections in the same one), and the pipeline takes seconds.
        _start_annotation(copy, "task")
    return copy, True


def article_delete(article: Article) -> None:
    """Delete one's own article (reader.access.article_can_change says whose), with its
    quiz, corrections, reading positions and word index. What learners saved from it stays:
    saved words do not point at articles, and their example sentences keep the sentence and
    the article's title (glossary.Example.article is SET_NULL).

    Refused, with the reason, while the article is in the shared library (other people read
    it) or assigned to a class: deleting the assignment would take the students' progress,
    lookups and quiz results with it."""
    if article.is_shared:
        raise ValidationError(
            "It is in the shared library, where others read it: make it private first."
        )
    if article.assignments.exists():
        raise ValidationError(
            "It is assigned to a class: delete the assignment first (its results go with it)."
        )
    article.delete()


def reading_position_set(*, user, article: Article, sentence: int) -> None:
    """Remember where `user` is in `article` (one row per reader and article)."""
    ReadingPosition.objects.update_or_create(
        user=user, article=article, defaults={"sentence": sentence}
    )


def article_add_once(
    *, created_by, title: str, text: str, source: str = "", published=None
) -> tuple[Article, bool]:
    """article_create for a teacher's form, once: the same title and text sent again by the
    same teacher (a second click on "Add", the form sent again from the browser's history)
    give the article already there instead of a copy annotated twice. Returns (article,
    created)."""
    text = clean_article_text(text)
    with transaction.atomic():
        # One teacher's adds go one at a time, so of two racing clicks the second sees the
        # first's row (SQLite's IMMEDIATE transactions serialize them anyway).
        list(
            get_user_model()
            .objects.select_for_update()
            .filter(pk=created_by.pk)
            .values_list("pk", flat=True)
        )
        existing = (
            Article.objects.filter(created_by=created_by, title=_title(title), text=text)
            .order_by("pk")
            .first()
        )
        if existing is not None:
            return existing, False
        article = article_create(
            title=title,
            text=text,
            source=source,
            published=published,
            created_by=created_by,
            annotate="none",
        )
    return _start_annotation(article, "auto"), True


def _title(title: str) -> str:
    return title.strip()[:300] or "Untitled"


def _start_annotation(article: Article, annotate: str) -> Article:
    if annotate == "auto":
        annotate = "inline" if len(article.text) <= INLINE_ANNOTATION_CHARS else "task"
    if annotate == "inline":
        article_annotate(article.pk)
        article.refresh_from_db()
    elif annotate == "task":
        article_enqueue_annotation(article)
    return article


def article_enqueue_annotation(article: Article) -> None:
    """Queue the article's annotation once the caller's transaction commits, as new work: its
    runs are counted from zero again, its lease from now (core/task_attempts.py)."""
    Article.objects.filter(pk=article.pk).update(**new_work_fields())
    transaction.on_commit(lambda: background_work_task("articles").enqueue(article.pk))


def article_requeue_if_stale(article: Article) -> Article:
    """The article, its annotation queued again if the run outlived its lease (its worker
    died) or its task never started within it (lost): the teacher's status badge calls this
    as it polls (core/task_attempts.py)."""
    if requeue_if_stale(article, background_work_task("articles")):
        article.refresh_from_db()
    return article


def article_annotate(article_id: int, *, new_work: bool = False) -> bool:
    """Annotate one article and store the result with its version in a single update, in the
    transaction that carries statuses and corrections over to changed lemmas
    (article_annotation_replace).

    Returns False when the article is gone (deleted while queued) or failed. A failure leaves the
    previous annotation in place and marks the article failed with the reason, so a reader
    never sees half an annotation; a database error has it annotated again after a pause
    instead, while runs remain (core/task_attempts.py). A failure after the pipeline ran is
    re-raised. A new annotation has the article's quiz generated again.

    `new_work` is for a run asked for by hand (manage.py reannotate): its runs are counted
    from the first again, as article_enqueue_annotation counts those of a queued one.
    """
    from lexicon.database import DbLexicon  # noqa: PLC0415 (see _PIPELINE_LAZILY)
    from nlp.pipeline import annotate_text  # noqa: PLC0415 (see _PIPELINE_LAZILY)

    text = Article.objects.filter(pk=article_id).values_list("text", flat=True).first()
    if text is None:
        return False
    claim = claim_fields()
    if new_work:
        claim["task_attempts"] = 1
    # An article being re-annotated stays ready: readers keep the annotation it has.
    Article.objects.filter(pk=article_id).update(
        status=Case(
            When(status=Article.Status.READY, then=Value(Article.Status.READY)),
            default=Value(Article.Status.RUNNING),
        ),
        **claim,
    )
    run = current_run(Article, article_id)
    annotated = False
    try:
        document = annotate_text(text, DbLexicon())
        annotated = True
        updated = article_annotation_replace(article_id, text=text, document=document)
    except Exception as error:
        log.exception("annotating article %s failed", article_id)
        attempt_failed(
            Article,
            article_id,
            run=run,
            error=error,
            task=background_work_task("articles"),
            keep_ready=True,
        )
        if annotated:
            raise
        return False  # the reason is on the article, for the teacher
    if updated:
        # The quiz follows its annotation; generated at once by the default backend, queued for
        # the worker with the database one.
        quiz_refresh_after_annotation(article_id)
    return bool(updated)


def article_annotation_replace(article_id: int, *, text: str, document: dict) -> int:
    """Store `document` as the annotation of the article (if its text is still `text`) and, in
    the same transaction, carry learners' statuses and teachers' word corrections from the
    lemmas the previous annotation gave its words to the ones `document` gives them
    (reader/lemma_changes.py): both are keyed by lemma, and a pipeline upgrade that reads
    "Truppen" as "Truppe" would otherwise leave them on a key no word has. Returns the number
    of articles updated (0 or 1)."""
    from nlp.pipeline import ANNOTATION_VERSION  # noqa: PLC0415 (see _PIPELINE_LAZILY)

    article = Article.objects.filter(pk=article_id, text=text)
    typed = Annotation.from_json(document)
    level = estimate_level(typed)
    with transaction.atomic():
        # Locked until the commit: of two re-annotations racing, the second compares against
        # the annotation the first stored, not the one both started from.
        previous = article.select_for_update().values_list("annotation", flat=True).first()
        updated = article.update(
            annotation=document,
            annotation_version=ANNOTATION_VERSION,
            annotated_at=timezone.now(),
            status=Article.Status.READY,
            status_message="",
            task_attempts=0,  # done: the next annotation is new work
            level=level,
        )
        changes = lemma_changes(Annotation.from_stored(previous), typed) if updated else {}
        if changes:
            statuses_carry_over(changes)
            corrections_carry_over(article_id, changes, typed)
    return updated


def estimate_level(document: Annotation) -> str:
    """A CEFR-like level from word frequencies and sentence length (see reader/difficulty.py)."""
    return estimate_cefr(document)
