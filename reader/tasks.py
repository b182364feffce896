from django.tasks import task

from reader.models import Article, Quiz
from reader.quiz.services import quiz_build
from reader.services import article_annotate


def failure_reason(error: BaseException) -> str:
    """What a teacher sees as the reason a task failed."""
    return f"{type(error).__name__}: {error}"[:2000]


@task()
def annotate_article(article_id: int) -> bool:
    """Annotate an article in the background (see reader.services.article_annotate)."""
    try:
        return article_annotate(article_id)
    except Exception as error:
        # article_annotate records pipeline failures itself; this catches what escapes it (an
        # import error after a bad deploy, the database going away before the final update), so
        # the article is not left "being annotated" forever. Re-raised: the task result in the
        # queue then shows FAILED with the traceback too.
        Article.objects.filter(pk=article_id).exclude(status=Article.Status.READY).update(
            status=Article.Status.FAILED, status_message=failure_reason(error)
        )
        raise


@task()
def generate_quiz(quiz_id: int) -> bool:
    """Generate an article's quiz in the background (see reader.quiz.services.quiz_build)."""
    try:
        return quiz_build(quiz_id)
    except Exception as error:
        # quiz_build rolled its writes back; the quiz keeps its previous questions and says why
        # the new ones are missing. Re-raised so the task result is FAILED with the traceback.
        Quiz.objects.filter(pk=quiz_id).update(
            status=Quiz.Status.FAILED, status_message=failure_reason(error)
        )
        raise
