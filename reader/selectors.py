"""Reads for the reading view: a learner's word statuses, their last "rest known", and the
teachers' corrections an article is shown with."""

from __future__ import annotations

import functools

from django.db import connection
from django.db.models import OuterRef, QuerySet, Subquery

from reader.models import Article, Correction, LemmaStatus, ReadingPosition


def word_statuses(user) -> dict[str, str]:
    """lemma key -> "learning" | "known" for the reading view; empty for anonymous readers."""
    if not getattr(user, "is_authenticated", False):
        return {}
    # Every reading page asks. Building the ORM's query took three times as long as running it,
    # so the SQL is written once per process.
    with connection.cursor() as cursor:
        cursor.execute(_statuses_sql(), [user.pk])
        return dict(cursor.fetchall())


@functools.cache
def _statuses_sql() -> str:
    q, meta = connection.ops.quote_name, LemmaStatus._meta
    key, status, user = (meta.get_field(name).column for name in ("key", "status", "user"))
    return f"SELECT {q(key)}, {q(status)} FROM {q(meta.db_table)} WHERE {q(user)} = %s"


# Session key: the learner's last "mark the rest as known" (glossary.views.rest_known sets
# it), so the article page can offer to undo it.
REST_KNOWN_SESSION_KEY = "glossary_rest_known"


def rest_known_marked(request, article_id: int) -> dict | None:
    """The learner's last "mark the rest as known", if it was on this article."""
    marked = request.session.get(REST_KNOWN_SESSION_KEY)
    return marked if marked and marked.get("article") == article_id else None


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


def article_corrections(article_id: int) -> list[dict]:
    """The corrections for an article as plain dicts for reader.corrections.apply_corrections."""
    return [c.as_dict() for c in Correction.objects.filter(article_id=article_id)]
