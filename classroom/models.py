"""Classes, their students, assignments and what students did with them.

Who may see what is decided in classroom/access.py, never in templates or views.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

# No 0/O/1/I/L: join codes are read off a projector and typed by hand.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class Classroom(models.Model):
    name = models.CharField(max_length=120)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="classrooms_taught"
    )
    join_code = models.CharField(max_length=16, unique=True, default=new_join_code)
    created_at = models.DateTimeField(auto_now_add=True)
    # A closed class takes no new students and drops off its students' home page; the teacher
    # keeps its results.
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # Open classes first on every database (PostgreSQL sorts NULL last by default).
        ordering = [models.F("closed_at").asc(nulls_first=True), "name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Membership(models.Model):
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="memberships")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["student__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["classroom", "student"], name="membership_once_per_class"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} in {self.classroom}"


class Assignment(models.Model):
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="assignments")
    article = models.ForeignKey(
        "reader.Article", on_delete=models.CASCADE, related_name="assignments"
    )
    due_at = models.DateTimeField(null=True, blank=True)
    # Closed book: the quiz taken for this assignment hides the article (reader/quiz/views.py),
    # so the score says what a student understood and kept, not what they can look up.
    closed_book = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = [models.F("due_at").asc(nulls_last=True), "-created_at"]
        constraints = [
            # Assigning the same article twice would split its results over two dashboards.
            models.UniqueConstraint(
                fields=["classroom", "article"], name="assignment_once_per_class"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article} → {self.classroom}"


class Progress(models.Model):
    """One student's reading of one assignment: opened, finished, readiness when first opened."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="progress")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    opened_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    # Share of the article's distinct words the student had marked known before reading;
    # null when the vocabulary app could not tell.
    readiness = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "student"], name="progress_once_per_student"
            ),
            models.CheckConstraint(
                condition=Q(readiness__isnull=True) | Q(readiness__gte=0, readiness__lte=1),
                name="progress_readiness_is_share",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} on {self.assignment_id}"


class Lookup(models.Model):
    """How often a student opened a word's popover while reading an assignment."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="lookups")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=200)  # the lemma, case-folded (nlp.document.Token.key)
    count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "student", "key"], name="lookup_once_per_word"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} ×{self.count}"
