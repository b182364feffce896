"""Fields that every kind of background work keeps on its own row (core/task_attempts.py),
and the check constraint every model with choices uses."""

from django.db import models
from django.db.models import Q


class BackgroundWork(models.Model):
    """The bookkeeping of the work a task does on one row: an article's annotation, a quiz's
    generation, an export's file. Each model keeps its own `status` field, whose labels say
    what the work is ("Being annotated"), with the values core.task_attempts shares.
    """

    status_message = models.TextField(blank=True)
    # Runs of the task started since the work was last asked for, when the current one
    # started, and when the task last queued for it was due (at once, or after a retry's
    # pause): retries and leases, core/task_attempts.py.
    task_attempts = models.PositiveSmallIntegerField(default=0)
    task_started_at = models.DateTimeField(null=True, blank=True)
    task_due_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


def choices_check(field: str, choices: type[models.TextChoices], *, blank: bool = False) -> Q:
    """A CheckConstraint condition keeping `field` to the values of `choices` (or "")."""
    check = Q(**{f"{field}__in": choices.values})
    return check | Q(**{field: ""}) if blank else check
