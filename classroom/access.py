"""Who may see what: one helper per object kind, used by every view and htmx endpoint.

Each returns the object or raises Http404 -- also when the object exists but belongs to
someone else, so a guessed id tells nothing (healthchecks' `_get_rw_check_for_user`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.selectors import user_is_teacher
from classroom.models import Assignment, Classroom
from reader.access import article_get_owned, article_get_readable, articles_assignable


def is_teacher(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user_is_teacher(user)


def require_teacher(user) -> None:
    """Teacher-only pages that concern no particular class (creating a class, adding an article)."""
    if not is_teacher(user):
        raise PermissionDenied(
            "Only teachers can do this. Ask an administrator to make you a teacher."
        )


def classroom_get(user, pk: int, *, manage: bool = False) -> Classroom:
    """A class its teacher may manage, or (manage=False) that a student has joined.

    A student of a closed class no longer sees it.
    """
    try:
        classroom = Classroom.objects.select_related("teacher").get(pk=pk)
    except Classroom.DoesNotExist:
        raise Http404("No such class.") from None
    if classroom.teacher_id == user.pk and is_teacher(user):
        return classroom
    if manage or classroom.is_closed:
        raise Http404("No such class.")
    if not classroom.memberships.filter(student_id=user.pk).exists():
        raise Http404("No such class.")
    return classroom


def assignment_get(user, pk: int, *, manage: bool = False) -> Assignment:
    """An assignment of a class the user teaches, or (manage=False) a class the user is in."""
    try:
        assignment = Assignment.objects.select_related("classroom", "article").get(pk=pk)
    except Assignment.DoesNotExist:
        raise Http404("No such assignment.") from None
    classroom_get(user, assignment.classroom_id, manage=manage)
    return assignment


def is_assignment_teacher(user, assignment: Assignment) -> bool:
    return assignment.classroom.teacher_id == user.pk and is_teacher(user)


def article_get(user, pk: int, *, manage: bool = False):
    """An article a teacher may assign (the shared library and their own:
    reader.access.articles_assignable), or (manage=True) correct: only its owner or staff,
    since corrections change the article for every reader (reader.access.article_get_owned)."""
    if not (is_teacher(user) or getattr(user, "is_staff", False)):
        raise Http404("No such article.")
    if manage:
        return article_get_owned(user, pk)
    article = article_get_readable(user, pk)
    if not user.is_staff and not articles_assignable(user).filter(pk=article.pk).exists():
        raise Http404("No such article.")
    return article
