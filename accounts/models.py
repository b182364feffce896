"""A learner's or teacher's profile beside Django's own User.

Kept as a one-to-one row instead of a custom user model: the project started on
`auth.User`, and swapping the user model later is a painful migration.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Role(models.TextChoices):
    LEARNER = "learner", "Learner"
    TEACHER = "teacher", "Teacher"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    # Only an admin makes someone a teacher: sign-up always creates learners.
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.LEARNER)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=Role.values), name="accounts_profile_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"

    @property
    def is_teacher(self) -> bool:
        return self.role == Role.TEACHER
