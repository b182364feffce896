"""Reads for quizzes."""

from __future__ import annotations

from django.db.models import QuerySet

from reader.quiz.models import Quiz, QuizAttempt, QuizQuestion


def quiz_questions(quiz: Quiz) -> QuerySet[QuizQuestion]:
    """The questions a learner sees, in the teacher's order."""
    return quiz.questions.filter(dropped=False).order_by("position", "pk")


def quiz_attempts(
    *, quiz: Quiz | None = None, user=None, assignment_id: int | None = None
) -> QuerySet[QuizAttempt]:
    attempts = QuizAttempt.objects.select_related("quiz", "user")
    if quiz is not None:
        attempts = attempts.filter(quiz=quiz)
    if user is not None:
        attempts = attempts.filter(user=user)
    if assignment_id is not None:
        attempts = attempts.filter(assignment_id=assignment_id)
    return attempts
