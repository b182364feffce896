from django.tasks import task

from reader.services import article_annotate


@task()
def annotate_article(article_id: int) -> bool:
    """Annotate an article in the background (see reader.services.article_annotate)."""
    return article_annotate(article_id)
