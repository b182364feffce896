from django.tasks import task

from reader.models import Article
from reader.services import article_annotate


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
            status=Article.Status.FAILED, status_message=f"{type(error).__name__}: {error}"[:2000]
        )
        raise
