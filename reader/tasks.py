from django.tasks import task

from reader.quiz.services import quiz_build
from reader.services import article_annotate

# The services record a failed run on their row themselves (core/task_attempts.py: queued
# again after a database error, failed with the reason otherwise) and re-raise what escapes
# them, so the task result in the queue is FAILED with the traceback too. A lease may queue a
# second task for work whose first task was only slow to start: generate_quiz then does nothing
# for a quiz the other has claimed or generated; annotate_article annotates the article again.


@task()
def annotate_article(article_id: int) -> bool:
    """Annotate an article in the background (see reader.services.article_annotate)."""
    return article_annotate(article_id)


@task()
def generate_quiz(quiz_id: int) -> bool:
    """Generate an article's quiz in the background (see reader.quiz.services.quiz_build)."""
    return quiz_build(quiz_id)
