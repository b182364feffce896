"""Reads for quizzes."""

from __future__ import annotations

from django.db.models import QuerySet

from core.compiled import rows_for
from reader.quiz.models import Quiz, QuizAttempt, QuizQuestion


def article_quiz(article_id: int) -> Quiz | None:
    """The article's quiz, if it has one (every quiz page and answer asks: the SQL is compiled
    once, core/compiled.py)."""
    found = rows_for(_quiz_of_article, article_id)
    return found[0] if found else None


def _quiz_of_article(article_id: int) -> QuerySet[Quiz]:
    return Quiz.objects.filter(article_id=article_id)


def quiz_questions(quiz: Quiz) -> list[QuizQuestion]:
    """The questions a learner sees, in the teacher's order (every quiz page and answer asks:
    the SQL is compiled once, core/compiled.py)."""
    return rows_for(_shown_questions, quiz.pk)


def _shown_questions(quiz_id: int) -> QuerySet[QuizQuestion]:
    return QuizQuestion.objects.filter(quiz_id=quiz_id, dropped=False).order_by("position", "pk")


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


def quiz_is_closed_book(article, assignment_id: int | None) -> bool:
    """Whether the attempt under way counts for an assignment of this article that its teacher
    set to closed book: then the quiz page neither shows nor links the article. Reached through
    the article's assignments (reader never imports classroom: docs/architecture.md)."""
    if assignment_id is None:
        return False
    return article.assignments.filter(pk=assignment_id, closed_book=True).exists()
