"""`manage.py requeue_stale_tasks`: queue again the articles, quizzes and exports whose task has
been running for longer than TASK_LEASE_MINUTES, so their worker died (killed, out of memory,
the machine restarted), or has been due for longer without starting, so it was lost (dropped
by the queue, or its run failed before it claimed the row); one on its last attempt is failed
with that reason instead.

Quiz and export pages do this themselves as they poll; this command is for articles and for
work nobody is watching. Run it every few minutes from cron or beside the worker (docs/deploy.md).
Safe to run anywhere and at any time, also twice at once: each row is queued again by one
conditional update.
"""

from django.core.management.base import BaseCommand

from core.task_attempts import requeue_all_stale


class Command(BaseCommand):
    help = (
        "Queue again the background work whose worker died or whose task never started "
        "(running, or pending after it was due, for longer than the lease)."
    )

    def handle(self, *args, **options):
        changed = requeue_all_stale()
        if options["verbosity"]:
            self.stdout.write(", ".join(f"{count} {kind}" for kind, count in changed.items()))
