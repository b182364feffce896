"""Reads for the reading view."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from reader.models import Article, ReadingPosition


def word_statuses_for(user) -> dict[str, str]:
    """lemma key -> status for a learner (glossary.selectors.word_statuses); empty for
    anonymous readers."""
    from glossary.selectors import word_statuses

    if not getattr(user, "is_authenticated", False):
        return {}
    return word_statuses(user)


def own_copy_id(user, article) -> int | None:
    """The id of the user's own copy of `article` ("Make my own copy"), if they made one."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Article.objects.filter(created_by=user, copied_from=article)
        .values_list("pk", flat=True)
        .first()
    )


def with_own_copy_ids(articles: QuerySet[Article], user) -> QuerySet[Article]:
    """`articles`, each with `own_copy_id`: the user's copy of it, if any (one query for a list)."""
    copies = Article.objects.filter(created_by=user, copied_from=OuterRef("pk")).values("pk")
    return articles.annotate(own_copy_id=Subquery(copies[:1]))


def reading_position(user, article_id: int) -> int | None:
    """The sentence where the reader left the article (reader.models.ReadingPosition)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        ReadingPosition.objects.filter(user=user, article_id=article_id)
        .values_list("sentence", flat=True)
        .first()
    )
