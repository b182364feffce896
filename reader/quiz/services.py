"""Writes for quizzes: generating and regenerating an article's quiz, a teacher's edits, and
recording attempts."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.db.models import F

from core.task_attempts import (
    attempt_failed,
    claim_fields,
    current_run,
    new_work_fields,
    requeue_if_stale,
)
from nlp.document import Annotation
from reader.access import article_can_change
from reader.models import Article
from reader.quiz.generate import fingerprint, quiz_generate
from reader.quiz.helpers import Question
from reader.quiz.models import Quiz, QuizAttempt, QuizQuestion
from reader.quiz.selectors import article_quiz


def can_edit_quiz(user, article: Article) -> bool:
    """Only whoever may change the article (its owner, staff: reader/access.py) edits its quiz:
    the quiz is what every reader of the article answers, the shared seed's included."""
    return article_can_change(user, article)


def _row(quiz: Quiz, q: Question, position: int) -> QuizQuestion:
    return QuizQuestion(
        quiz=quiz,
        position=position,
        kind=q.kind,
        prompt=q.prompt,
        choices=q.choices,
        answer=q.answer,
        sentence=q.sentence,
        explanation=q.explanation,
        highlight=q.highlight,
        anchor=q.anchor,
    )


# (article id, created, annotation version, annotated at) -> fingerprint of its annotation.
_fingerprints: dict[tuple, str] = {}
_FINGERPRINTS_KEPT = 256


def annotation_fingerprint(article: Article) -> str | None:
    """fingerprint(article.annotation), None without one. Every quiz page and answer asks
    whether the questions still fit the article; decoding its annotation (150 KB of JSON for
    the seed) to find out was most of their time under load (bench/load.py), so the answer is
    kept per process for each stored annotation. article_annotate stamps annotated_at on every
    new annotation, which makes it part of the key; without that stamp nothing is kept."""
    if article.annotated_at is None:
        return fingerprint(article.annotation) if article.annotation else None
    key = (article.pk, article.created_at, article.annotation_version, article.annotated_at)
    found = _fingerprints.get(key)
    if found is None:
        if not article.annotation:
            return None
        if len(_fingerprints) >= _FINGERPRINTS_KEPT:
            _fingerprints.clear()
        found = _fingerprints[key] = fingerprint(article.annotation)
    return found


def quiz_for_article(article: Article) -> Quiz | None:
    """The article's quiz as it stands, with its generation queued when it has no questions yet
    or they come from an older annotation. None while the article has no annotation.

    A quiz whose last generation failed is not queued again here (every poll of the quiz page
    would retry it): a teacher's "try again" or the next annotation does that. One whose
    generation outlived its lease (its worker died) is queued again (core/task_attempts.py).
    """
    from reader.tasks import generate_quiz

    current = annotation_fingerprint(article)
    if current is None:
        return None
    quiz = article_quiz(article.pk)
    if quiz is None or (quiz.status == Quiz.Status.READY and quiz.fingerprint != current):
        quiz = quiz_request_generation(article)
    elif requeue_if_stale(quiz, generate_quiz):
        quiz.refresh_from_db()
    return quiz


def quiz_request_generation(
    article: Article, *, new_seed: bool = False, restart: bool = False
) -> Quiz:
    """Queue the generation of the article's quiz (reader.tasks.generate_quiz) and return the
    quiz. `new_seed` asks for another selection of questions (a teacher's "regenerate").

    At most one generation per quiz is queued or running: the conditional update below lets
    one of two simultaneous requests through. `restart` queues one even so, for a teacher
    whose quiz waits on a task that a killed worker will never finish (two generations of one
    quiz are harmless: quiz_build locks the quiz, so they run one after the other).

    The task is queued when the caller's transaction commits, so no queue (in the database or
    outside it) sees it before the quiz row. Outside a transaction that is at once: with the
    immediate backend (the default) the quiz is generated here, and ready when this returns
    unless it failed. A caller inside a transaction gets it pending, generated on commit.
    """
    from reader.tasks import generate_quiz

    quiz, created = Quiz.objects.get_or_create(
        article=article, defaults={"status": Quiz.Status.PENDING, **new_work_fields()}
    )
    # New work: its runs are counted from zero, its lease from now (core/task_attempts.py).
    updates: dict = {"status": Quiz.Status.PENDING, "status_message": "", **new_work_fields()}
    if new_seed:
        updates["seed"] = F("seed") + 1
    claimable = Quiz.objects.filter(pk=quiz.pk)
    if not restart:
        claimable = claimable.exclude(status__in=[Quiz.Status.PENDING, Quiz.Status.RUNNING])
    claimed = created or bool(claimable.update(**updates))
    if claimed:
        transaction.on_commit(lambda: generate_quiz.enqueue(quiz.pk))
    quiz.refresh_from_db()
    return quiz


def quiz_refresh_after_annotation(article_id: int) -> Quiz | None:
    """After an article was annotated: queue its quiz's generation unless its questions already
    come from this annotation (re-annotating an unchanged text leaves the quiz alone)."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None or not article.annotation:
        return None
    quiz = Quiz.objects.filter(article=article).first()
    if (
        quiz is not None
        and quiz.status == Quiz.Status.READY
        and quiz.fingerprint == fingerprint(article.annotation)
    ):
        return quiz
    return quiz_request_generation(article)


def quiz_build(quiz_id: int) -> bool:
    """Generate a stored quiz's questions (the body of the generate_quiz task).

    The questions, the fingerprint and the status "ready" are written in one transaction, so a
    failure leaves the previous questions and the teacher's edits as they were, and the quiz
    says why (or is queued again after a database error: core/task_attempts.py); the error
    is re-raised. Returns False when there is nothing to generate: the quiz is gone (its article
    deleted while the task waited), or not pending (a second task for it, queued again by a
    lease while the first only waited in the queue, finds it claimed or done).
    """
    from reader.tasks import generate_quiz

    claimed = Quiz.objects.filter(pk=quiz_id, status=Quiz.Status.PENDING).update(
        status=Quiz.Status.RUNNING, **claim_fields()
    )
    if not claimed:
        return False
    run = current_run(Quiz, quiz_id)
    try:
        with transaction.atomic():
            quiz = Quiz.objects.select_for_update().select_related("article").get(pk=quiz_id)
            quiz_regenerate(quiz)
    except Exception as error:
        attempt_failed(Quiz, quiz_id, run=run, error=error, task=generate_quiz)
        raise
    return True


def quiz_get_or_generate(article: Article) -> Quiz | None:
    """The article's quiz with questions from its current annotation, generated here and now if
    needed (for commands and tests; pages go through quiz_for_article). None while the article
    has no annotation."""
    if not article.annotation:
        return None
    quiz, _ = Quiz.objects.get_or_create(article=article)
    if quiz.status != Quiz.Status.READY or quiz.fingerprint != fingerprint(article.annotation):
        # Pending first: quiz_build claims only a pending quiz.
        Quiz.objects.filter(pk=quiz.pk).update(status=Quiz.Status.PENDING, **new_work_fields())
        quiz_build(quiz.pk)
        quiz.refresh_from_db()
    return quiz


@transaction.atomic
def quiz_regenerate(quiz: Quiz, *, seed: int | None = None) -> Quiz:
    """Generate the quiz's questions again from the article's current annotation.

    Questions a teacher edited stay as they are, at their place in the order, and no new
    question is made on their sentences; dropped ones stay dropped and are not made again.
    A new `seed` gives another selection and order of choices.
    """
    article = quiz.article
    annotation = Annotation.from_stored(article.annotation) or Annotation(sentences=())
    if seed is not None:
        quiz.seed = seed
    rows = list(quiz.questions.all())
    edited = [r for r in rows if r.edited and not r.dropped]
    dropped = [r for r in rows if r.dropped]
    QuizQuestion.objects.filter(quiz=quiz, edited=False, dropped=False).delete()
    generated = quiz_generate(
        annotation,
        seed=quiz.seed,
        avoid_anchors=[r.anchor for r in edited],
        exclude=[(r.kind, r.anchor) for r in dropped],
        title=article.title,
    )
    # Edited questions keep their places; new ones fill the others in text order.
    total = len(edited) + len(generated)
    slots: list[object] = [None] * total
    for r in sorted(edited, key=lambda r: r.position):
        k = min(r.position, total - 1)
        while slots[k] is not None:
            k = (k + 1) % total
        slots[k] = r
    fresh = iter(generated)
    new_rows = []
    for position, slot in enumerate(slots):
        if slot is None:
            new_rows.append(_row(quiz, next(fresh), position))
        else:
            slot.position = position
            slot.save(update_fields=["position"])
    QuizQuestion.objects.bulk_create(new_rows)
    # Dropped questions sit after the active ones, out of the learner's way.
    for k, r in enumerate(dropped):
        r.position = total + k
        r.save(update_fields=["position"])
    quiz.fingerprint = fingerprint(annotation)
    quiz.annotation_version = article.annotation_version
    quiz.status = Quiz.Status.READY
    quiz.status_message = ""
    quiz.save()
    return quiz


def quiz_copy(source: Article, to: Article) -> Quiz | None:
    """Give `to` (a teacher's own copy of `source`, same annotation) a quiz of its own with the
    questions of `source`'s as they stand, edited and dropped ones included, so the teacher
    starts from what their students would have seen and changes only the copy's. None when
    `source` has no questions yet: the copy's quiz is generated when it is first asked for
    (quiz_for_article). Attempts are not copied: they are the original's readers' results."""
    quiz = article_quiz(source.pk)
    if quiz is None or not quiz.has_questions:
        return None
    copy = Quiz.objects.create(
        article=to,
        seed=quiz.seed,
        fingerprint=quiz.fingerprint,
        annotation_version=quiz.annotation_version,
        status=Quiz.Status.READY,
    )
    QuizQuestion.objects.bulk_create(
        [
            QuizQuestion(
                quiz=copy,
                position=q.position,
                kind=q.kind,
                prompt=q.prompt,
                choices=list(q.choices),
                answer=q.answer,
                sentence=q.sentence,
                explanation=q.explanation,
                highlight=list(q.highlight or []),
                anchor=q.anchor,
                edited=q.edited,
                dropped=q.dropped,
            )
            for q in quiz.questions.all()
        ]
    )
    return copy


def quiz_question_update(
    question: QuizQuestion, *, prompt: str, choices: list[str], answer: int, explanation: str
) -> QuizQuestion:
    """A teacher's edit: marks the question as edited so regeneration keeps it."""
    question.prompt = prompt
    question.choices = choices
    question.answer = answer
    question.explanation = explanation
    question.edited = True
    question.save(update_fields=["prompt", "choices", "answer", "explanation", "edited"])
    return question


def quiz_question_drop(question: QuizQuestion, *, dropped: bool = True) -> QuizQuestion:
    question.dropped = dropped
    question.save(update_fields=["dropped"])
    return question


@transaction.atomic
def quiz_question_move(question: QuizQuestion, *, offset: int) -> None:
    """Move a question up (-1) or down (+1) among the quiz's active questions."""
    active = list(
        QuizQuestion.objects.select_for_update()
        .filter(quiz_id=question.quiz_id, dropped=False)
        .order_by("position", "pk")
    )
    ids = [q.pk for q in active]
    if question.pk not in ids:
        return
    k = ids.index(question.pk)
    j = k + offset
    if not 0 <= j < len(active):
        return
    active[k], active[j] = active[j], active[k]
    for position, q in enumerate(active):
        if q.position != position:
            q.position = position
            q.save(update_fields=["position"])


def question_snapshot(question: QuizQuestion) -> dict:
    """What was asked, kept in the attempt itself: a teacher's edit, drop or move and every
    regeneration (which deletes the questions nobody edited) change or remove the question
    rows, and a recorded result must still say what was asked, the choices and the right
    answer. A copy in the answer rather than kept (soft-deleted) question rows: an edit
    changes a row in place too, and the attempt must keep what the student saw."""
    return {
        "kind": question.kind,
        "prompt": question.body,
        "sentence": question.sentence,
        "choices": list(question.choices),
        "answer": question.answer,
        "position": question.position,
    }


def quiz_attempt_record(
    *, quiz: Quiz, user, answers: Mapping[int | str, int], assignment=None
) -> QuizAttempt | None:
    """Store a finished attempt for a logged-in learner, scored here from the stored answers
    (never from what the browser says). `assignment` is a classroom assignment or its id.
    Anonymous attempts are not stored (None)."""
    if not getattr(user, "is_authenticated", False):
        return None
    questions = {q.pk: q for q in quiz.questions.filter(dropped=False)}
    marked = {}
    for key, choice in answers.items():
        q = questions.get(int(key))
        if q is not None:
            marked[str(q.pk)] = {
                "choice": int(choice),
                "correct": int(choice) == q.answer,
                **question_snapshot(q),
            }
    assignment_id = getattr(assignment, "pk", assignment)
    return QuizAttempt.objects.create(
        quiz=quiz,
        user=user,
        assignment_id=int(assignment_id) if assignment_id is not None else None,
        answers=marked,
        score=sum(1 for m in marked.values() if m["correct"]),
        total=len(questions),
    )
