"""Reads for classes: lists for the home pages and the teacher's dashboard."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from classroom.models import Assignment, Classroom, Lookup, Membership, Progress
from glossary.vocabulary import token_positions_with_key
from reader.access import articles_assignable
from reader.models import Correction
from reader.quiz.models import QuizAttempt, QuizQuestion
from reader.render_cache import corrected_annotation
from reader.selectors import with_own_copy_ids


def classrooms_taught(teacher) -> QuerySet[Classroom]:
    # Explicit order: a model's Meta.ordering is dropped from aggregate (GROUP BY) queries.
    return (
        Classroom.objects.filter(teacher=teacher)
        .annotate(student_count=Count("memberships", distinct=True))
        .order_by(F("closed_at").asc(nulls_first=True), "name", "pk")
    )


def classrooms_joined(student) -> QuerySet[Classroom]:
    return Classroom.objects.filter(
        memberships__student=student, closed_at__isnull=True
    ).select_related("teacher")


@dataclass
class Attempt:
    """A quiz attempt made inside an assignment, with its answers spelt out for people."""

    student: object
    score: int
    total: int
    created_at: datetime
    # [{"question": id, "prompt", "correct": bool, "given", "expected"}] in the quiz's order
    answers: list[dict] = field(default_factory=list)


def assignment_attempts(assignments, *, student=None) -> dict[int, list[Attempt]]:
    """assignment id -> its quiz attempts, oldest first. Attempts are the quiz app's
    (reader.quiz QuizAttempt.assignment_id); only those on the assigned article's quiz count."""
    assignments = list(assignments)
    article_of = {a.pk: a.article_id for a in assignments}
    attempts = QuizAttempt.objects.filter(assignment_id__in=list(article_of)).select_related(
        "quiz", "user"
    )
    if student is not None:
        attempts = attempts.filter(user=student)
    # The quiz page takes the assignment id from its URL, so an attempt only counts when it is
    # on the assigned article's quiz and by someone who opened the assignment through
    # classroom.access (which is what creates a Progress row).
    opened = set(
        Progress.objects.filter(assignment_id__in=list(article_of)).values_list(
            "assignment_id", "student_id"
        )
    )
    attempts = [
        a
        for a in attempts.order_by("created_at", "pk")
        if a.quiz.article_id == article_of[a.assignment_id]
        and (a.assignment_id, a.user_id) in opened
    ]
    question_ids = {int(q) for a in attempts for q in (a.answers or {})}
    questions = {q.pk: q for q in QuizQuestion.objects.filter(pk__in=question_ids)}
    result: dict[int, list[Attempt]] = {}
    for attempt in attempts:
        answers = []
        for qid, mark in (attempt.answers or {}).items():
            # What was asked, as recorded with the answer (reader.quiz.services.
            # question_snapshot); the live row only for an answer recorded without one.
            asked = mark if "choices" in mark else _live_snapshot(questions.get(int(qid)))
            if asked is None:
                continue
            choices, choice, right = asked["choices"], mark.get("choice"), asked["answer"]
            answers.append(
                {
                    "question": int(qid),
                    "position": (asked["position"], int(qid)),
                    "prompt": asked["prompt"],
                    "correct": bool(mark.get("correct")),
                    "given": choices[choice]
                    if isinstance(choice, int) and 0 <= choice < len(choices)
                    else "",
                    "expected": choices[right] if 0 <= right < len(choices) else "",
                }
            )
        answers.sort(key=lambda a: a["position"])
        result.setdefault(attempt.assignment_id, []).append(
            Attempt(
                student=attempt.user,
                score=attempt.score,
                total=attempt.total,
                created_at=attempt.created_at,
                answers=answers,
            )
        )
    return result


def _live_snapshot(question) -> dict | None:
    if question is None:
        return None
    return {
        "prompt": question.body,
        "choices": question.choices,
        "answer": question.answer,
        "position": question.position,
    }


def open_assignments_for(student) -> list[Assignment]:
    """Assignments of the student's open classes, soonest due first, with what the student did."""
    assignments = list(
        Assignment.objects.filter(
            classroom__memberships__student=student, classroom__closed_at__isnull=True
        ).select_related("classroom", "article")
    )
    progress = {
        p.assignment_id: p
        for p in Progress.objects.filter(student=student, assignment__in=assignments)
    }
    scored = {
        pk: attempts[-1]
        for pk, attempts in assignment_attempts(assignments, student=student).items()
    }
    now = timezone.now()
    for assignment in assignments:
        assignment.my_progress = progress.get(assignment.pk)
        assignment.my_result = scored.get(assignment.pk)
        assignment.is_overdue = bool(assignment.due_at and assignment.due_at < now)
    return assignments


def classroom_students(classroom: Classroom) -> QuerySet[Membership]:
    return classroom.memberships.select_related("student")


def classroom_assignments(classroom: Classroom) -> QuerySet[Assignment]:
    return (
        classroom.assignments.select_related("article")
        .annotate(
            opened=Count("progress", distinct=True),
            finished=Count(
                "progress", filter=Q(progress__finished_at__isnull=False), distinct=True
            ),
        )
        .order_by(F("due_at").asc(nulls_last=True), "-created_at")
    )


def articles_for_teacher(teacher) -> QuerySet:
    """What a teacher can assign: the shared library and their own (reader/access.py), each
    with `own_copy_id`, the teacher's own copy of a shared one ("Make my own copy")."""
    return with_own_copy_ids(articles_assignable(teacher), teacher)


def corrections_list(article) -> QuerySet[Correction]:
    return Correction.objects.filter(article=article)


@dataclass
class StudentRow:
    student: object
    progress: Progress | None = None
    result: Attempt | None = None  # the best attempt
    attempts: int = 0
    lookups: int = 0
    is_member: bool = True

    @property
    def percent(self) -> int | None:
        if self.result is None or not self.result.total:
            return None
        return round(100 * self.result.score / self.result.total)

    @property
    def readiness_percent(self) -> int | None:
        if self.progress is None or self.progress.readiness is None:
            return None
        return round(100 * self.progress.readiness)


@dataclass
class Dashboard:
    assignment: Assignment
    rows: list[StudentRow] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)  # {"prompt", "missed", "answered", "share"}
    words: list[dict] = field(default_factory=list)  # {"key", "count", "students"}

    @property
    def opened(self) -> int:
        return sum(1 for r in self.rows if r.progress)

    @property
    def finished(self) -> int:
        return sum(1 for r in self.rows if r.progress and r.progress.finished_at)

    @property
    def scored(self) -> list[StudentRow]:
        return [r for r in self.rows if r.result]

    @property
    def mean_percent(self) -> int | None:
        values = [r.percent for r in self.scored if r.percent is not None]
        return round(sum(values) / len(values)) if values else None


def assignment_dashboard(assignment: Assignment, *, top: int = 10) -> Dashboard:
    """Everything the teacher's dashboard shows for one assignment.

    Students who left the class but had already worked on it stay listed, marked as gone.
    """
    members = {m.student_id: m.student for m in classroom_students(assignment.classroom)}
    progress = {
        p.student_id: p
        for p in Progress.objects.filter(assignment=assignment).select_related("student")
    }
    results: dict[int, list[Attempt]] = {}
    for attempt in assignment_attempts([assignment]).get(assignment.pk, []):
        if attempt.student is not None:
            results.setdefault(attempt.student.pk, []).append(attempt)
    lookups = dict(
        Lookup.objects.filter(assignment=assignment)
        .values_list("student_id")
        .annotate(n=Sum("count"))
    )
    return Dashboard(
        assignment=assignment,
        rows=_student_rows(members, progress, results, lookups),
        missed=_most_missed(results, top),
        words=_most_looked_up(assignment, top),
    )


def _student_rows(
    members: dict, progress: dict, results: dict[int, list[Attempt]], lookups: dict
) -> list[StudentRow]:
    """One row per member or former member who worked on it, by username: progress, best
    result, how many attempts and look-ups."""
    students = dict(members)
    for p in progress.values():
        students.setdefault(p.student_id, p.student)
    for rs in results.values():
        students.setdefault(rs[0].student.pk, rs[0].student)

    rows = []
    for student_id, student in sorted(
        students.items(), key=lambda kv: kv[1].get_username().lower()
    ):
        attempts = results.get(student_id, [])
        best = max(
            attempts,
            key=lambda r: (r.score / r.total if r.total else 0, r.created_at),
            default=None,
        )
        rows.append(
            StudentRow(
                student=student,
                progress=progress.get(student_id),
                result=best,
                attempts=len(attempts),
                lookups=lookups.get(student_id, 0),
                is_member=student_id in members,
            )
        )
    return rows


def _most_missed(results: dict[int, list[Attempt]], top: int) -> list[dict]:
    """The `top` questions most often answered wrong."""
    # Most missed questions: over each student's first attempt, which is what they understood
    # before seeing the answers.
    missed: Counter = Counter()
    answered: Counter = Counter()
    prompts: dict = {}
    for attempts in results.values():
        for answer in attempts[0].answers or []:
            question = answer.get("question")
            prompts.setdefault(question, answer.get("prompt", f"Question {question}"))
            answered[question] += 1
            if not answer.get("correct"):
                missed[question] += 1
    return [
        {
            "prompt": prompts[q],
            "missed": n,
            "answered": answered[q],
            "share": round(100 * n / answered[q]),
        }
        for q, n in missed.most_common(top)
        if n
    ]


def _most_looked_up(assignment: Assignment, top: int) -> list[dict]:
    """The `top` words most students looked up, shown as they appear in the article."""
    words = (
        Lookup.objects.filter(assignment=assignment)
        .values("key")
        .annotate(total=Sum("count"), students=Count("student", distinct=True))
        .order_by("-students", "-total", "key")[:top]
    )
    words = list(words)
    shown = words_as_in_article(assignment.article, {w["key"] for w in words})
    return [
        {
            "key": w["key"],
            "count": w["total"],
            "students": w["students"],
            **shown.get(w["key"], {"lemma": w["key"], "gloss": None}),
        }
        for w in words
    ]


def words_as_in_article(article, keys: set[str]) -> dict[str, dict]:
    """key -> {"lemma", "gloss"} as the article's popovers show the word (teachers' corrections
    applied), from its first place in the text: lookups are stored by case-folded key, but a
    teacher reads "Haubitze (howitzer)", not "haubitze"."""
    annotation = corrected_annotation(article) if keys else None
    found: dict[str, dict] = {}
    for key in keys:
        positions = token_positions_with_key(annotation, key)
        if positions:
            s, t = map(int, positions[0].split("-"))
            token = annotation.sentences[s].tokens[t]
            found[key] = {"lemma": token.headword, "gloss": token.gloss}
    return found


def assignment_student(assignment: Assignment, user_id: int):
    """The user if they are in the assignment's class or have worked on it, else None."""
    return (
        get_user_model()
        .objects.filter(pk=user_id)
        .filter(
            Q(memberships__classroom_id=assignment.classroom_id)
            | Q(pk__in=Progress.objects.filter(assignment=assignment).values("student_id"))
        )
        .distinct()
        .first()
    )


def student_answers(assignment: Assignment, student) -> list[Attempt]:
    return assignment_attempts([assignment], student=student).get(assignment.pk, [])
