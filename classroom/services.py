"""Writes for classes, assignments, reading progress and teachers' corrections."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from classroom.models import (
    Assignment,
    Classroom,
    Lookup,
    Membership,
    Progress,
    new_join_code,
)
from nlp.document import Annotation
from reader import services as reader_services
from reader.models import Correction
from reader.rendering import is_interactive
from reader.selectors import word_statuses

# Session key: {article id: assignment id} for the assignments a student has open, so lookups
# in the reader's popover view can be counted for the right assignment.
READING_SESSION_KEY = "classroom_reading"


def classroom_create(*, teacher, name: str) -> Classroom:
    """A new class with a fresh join code (retried on the rare collision)."""
    for _ in range(5):
        try:
            with transaction.atomic():
                return Classroom.objects.create(
                    teacher=teacher, name=name.strip()[:120], join_code=new_join_code()
                )
        except IntegrityError:
            continue
    raise RuntimeError("could not find a free join code")


def classroom_join(*, student, code: str) -> Classroom:
    """Join the class with this code; joining twice is harmless. Raises ValidationError with a
    message for the student when the code is unknown or the class is closed."""
    code = "".join(code.split()).upper()
    classroom = Classroom.objects.filter(join_code=code).first()
    if classroom is None:
        raise ValidationError("No class has this code. Check it with your teacher.")
    if classroom.is_closed:
        raise ValidationError("This class is closed and takes no new students.")
    if classroom.teacher_id == student.pk:
        raise ValidationError("You teach this class.")
    Membership.objects.get_or_create(classroom=classroom, student=student)
    return classroom


def membership_remove(*, classroom: Classroom, student_id: int) -> bool:
    """Take a student out of a class. Their past results stay on the dashboards."""
    deleted, _ = Membership.objects.filter(classroom=classroom, student_id=student_id).delete()
    return bool(deleted)


def classroom_close(*, classroom: Classroom) -> None:
    # Conditional update: closing twice keeps the first date.
    Classroom.objects.filter(pk=classroom.pk, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )


def assignment_create(
    *,
    classroom: Classroom,
    article,
    due_at: dt.datetime | None = None,
    closed_book: bool = False,
) -> Assignment:
    if classroom.is_closed:
        raise ValidationError("This class is closed.")
    assignment, created = Assignment.objects.get_or_create(
        classroom=classroom,
        article=article,
        defaults={"due_at": due_at, "closed_book": closed_book},
    )
    if not created:
        raise ValidationError("This article is already assigned to this class.")
    return assignment


def assignment_quiz_set(*, assignment: Assignment, closed_book: bool) -> Assignment:
    """The teacher's choice of open or closed book for the assignment's quiz; it applies from
    the next quiz page or answer a student sends."""
    assignment.closed_book = closed_book
    assignment.save(update_fields=["closed_book"])
    return assignment


def assignment_delete(*, assignment: Assignment) -> None:
    assignment.delete()


def article_word_keys(annotation: Annotation | None) -> set[str]:
    """The distinct words of an article a learner could mark known: lemmas, names left out."""
    return {
        token.key
        for _, _, token in (annotation.tokens() if annotation else ())
        if is_interactive(token) and token.upos != "PROPN"
    }


def readiness_for(student, article) -> float | None:
    """Share of the article's words the student has marked known; None when it has none."""
    keys = article_word_keys(Annotation.from_stored(article.annotation))
    if not keys:
        return None
    statuses = word_statuses(student)
    known = sum(1 for key in keys if statuses.get(key) == "known")
    return known / len(keys)


def assignment_open(*, assignment: Assignment, student, session=None) -> Progress:
    """Record that a student opened an assignment. Readiness is measured at the first opening
    only: "known before reading" must not count words learnt from this very text."""
    progress = Progress.objects.filter(assignment=assignment, student=student).first()
    if progress is None:
        try:
            with transaction.atomic():
                progress = Progress.objects.create(
                    assignment=assignment,
                    student=student,
                    opened_at=timezone.now(),
                    readiness=readiness_for(student, assignment.article),
                )
        except IntegrityError:  # the same student opening it in two tabs at once
            progress = Progress.objects.get(assignment=assignment, student=student)
    if session is not None:
        reading = dict(session.get(READING_SESSION_KEY) or {})
        reading[str(assignment.article_id)] = assignment.pk
        session[READING_SESSION_KEY] = reading
    return progress


def assignment_finish(*, assignment: Assignment, student) -> bool:
    """Record that the student read to the end; the first time counts. Opening is implied."""
    assignment_open(assignment=assignment, student=student)
    return bool(
        Progress.objects.filter(
            assignment=assignment, student=student, finished_at__isnull=True
        ).update(finished_at=timezone.now())
    )


def lookup_record(*, assignment_id: int, student, key: str) -> None:
    """Count one popover opening of a word by a student inside an assignment."""
    key = key[:200]
    updated = Lookup.objects.filter(assignment_id=assignment_id, student=student, key=key).update(
        count=F("count") + 1
    )
    if not updated:
        try:
            with transaction.atomic():
                Lookup.objects.create(assignment_id=assignment_id, student=student, key=key)
        except IntegrityError:  # two popovers at once: the other request created the row
            Lookup.objects.filter(assignment_id=assignment_id, student=student, key=key).update(
                count=F("count") + 1
            )


def reading_counts_lookups(request, article_id: int) -> bool:
    """The other half of the reader's lookup hook: only inside an assignment are lookups
    counted, and the reading page posts the words a learner stays on."""
    return reading_assignment_id(request, article_id) is not None


def reading_assignment_id(request, article_id: int) -> int | None:
    """The assignment the user is reading this article for (set by assignment_open), if any:
    only there are their lookups counted for a teacher."""
    if not getattr(request.user, "is_authenticated", False):
        return None
    return (request.session.get(READING_SESSION_KEY) or {}).get(str(article_id))


def lookup_record_for_request(request, article_id: int, key: str) -> None:
    """The hook the reader's lookup views call (reader.lookups, registered in
    ClassroomConfig.ready): counts the lookup when the student is reading this article as an
    assignment, and does nothing otherwise."""
    user = request.user
    assignment_id = reading_assignment_id(request, article_id)
    if assignment_id is None or not key:
        return
    # Re-check membership: the student may have been removed since opening the assignment.
    if not Membership.objects.filter(
        classroom__assignments__pk=assignment_id, classroom__closed_at__isnull=True, student=user
    ).exists():
        return
    lookup_record(assignment_id=assignment_id, student=user, key=key)


def quiz_assignment_id(*, user, article_id: int, assignment_id) -> int | None:
    """The assignment a quiz attempt may count for: the id from the quiz page's ?assignment=
    if the user is a student of that (open) class and the assignment is this article; None
    otherwise, so a made-up id never lands on a teacher's dashboard. Opening is recorded too."""
    if not assignment_id or not getattr(user, "is_authenticated", False):
        return None
    assignment = Assignment.objects.filter(
        pk=assignment_id,
        article_id=article_id,
        classroom__closed_at__isnull=True,
        classroom__memberships__student=user,
    ).first()
    if assignment is None:
        return None
    assignment_open(assignment=assignment, student=user)
    return assignment.pk


def correction_add(
    *, article, user, kind: str, key: str = "", sentence: int | None = None, data=None
) -> Correction:
    """Store a teacher's correction. A newer gloss or compound correction for the same word
    replaces the older one, so the list stays short and says what is in force."""
    data = data or {}
    with transaction.atomic():
        if kind in (Correction.Kind.GLOSS,):
            Correction.objects.filter(article=article, kind=kind, key=key).delete()
        if kind in (Correction.Kind.COMPOUND_SET, Correction.Kind.COMPOUND_REMOVE):
            Correction.objects.filter(
                article=article,
                key=key,
                kind__in=[Correction.Kind.COMPOUND_SET, Correction.Kind.COMPOUND_REMOVE],
            ).delete()
        return Correction.objects.create(
            article=article, kind=kind, key=key, sentence=sentence, data=data, created_by=user
        )


def correction_delete(*, article, correction_id: int) -> bool:
    deleted, _ = Correction.objects.filter(article=article, pk=correction_id).delete()
    return bool(deleted)


def article_copy(*, teacher, article) -> tuple:
    """A teacher's own copy of a shared article (reader.services.article_copy), with the
    corrections in force on it, so the copy reads as the original did until the teacher
    changes it; theirs to correct, to change the quiz of, to assign. Returns (copy, created)."""
    with transaction.atomic():
        copy, created = reader_services.article_copy(article, owner=teacher)
        if created:
            Correction.objects.bulk_create(
                [
                    Correction(
                        article=copy,
                        kind=c.kind,
                        key=c.key,
                        sentence=c.sentence,
                        data=c.data,
                        created_by=c.created_by,
                    )
                    for c in Correction.objects.filter(article=article)
                ]
            )
    return copy, created
