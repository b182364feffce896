"""Reads for a learner's vocabulary and exports."""

from __future__ import annotations

import functools

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from glossary.article_words import article_words_refresh
from glossary.models import ArticleWord, Example, Export, SavedWord
from reader.models import LemmaStatus, WordStatus


def word_status(user, key: str) -> str:
    if not getattr(user, "is_authenticated", False):
        return WordStatus.NEW
    # Asked by every popover, as are the saved senses below (see word_statuses).
    with connection.cursor() as cursor:
        cursor.execute(_by_user_and_key_sql(LemmaStatus, "status"), [user.pk, key])
        row = cursor.fetchone()
    return row[0] if row else WordStatus.NEW


def saved_senses(user, key: str) -> set[str]:
    """The senses of `key` the learner has saved already (the popover marks them)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    with connection.cursor() as cursor:
        cursor.execute(_by_user_and_key_sql(SavedWord, "sense"), [user.pk, key])
        return {sense for (sense,) in cursor.fetchall()}


@functools.cache
def _by_user_and_key_sql(model, column: str) -> str:
    q, meta = connection.ops.quote_name, model._meta
    column, user, key = (meta.get_field(name).column for name in (column, "user", "key"))
    return f"SELECT {q(column)} FROM {q(meta.db_table)} WHERE {q(user)} = %s AND {q(key)} = %s"


def saved_word_get(user, pk: int) -> SavedWord:
    """The learner's own saved word; anyone else's is a 404, never a 403 that confirms it exists."""
    return get_object_or_404(SavedWord, pk=pk, user=user)


def saved_words_for(user) -> QuerySet[SavedWord]:
    return SavedWord.objects.filter(user=user).prefetch_related(
        Prefetch("examples", queryset=Example.objects.order_by("created_at", "id"))
    )


def vocabulary_search(
    user, *, q: str = "", article_id: int | None = None, status: str = ""
) -> QuerySet[SavedWord]:
    """The vocabulary page's list: search over German, English, note and sentences; filter by
    the article a word was met in and by the learner's status for it."""
    words = saved_words_for(user)
    if q:
        words = words.filter(
            Q(lemma__icontains=q)
            | Q(headline__icontains=q)
            | Q(gloss__icontains=q)
            | Q(sense__icontains=q)
            | Q(note__icontains=q)
            | Q(examples__sentence__icontains=q)
        )
    if article_id:
        words = words.filter(examples__article_id=article_id)
    if status:
        marked = LemmaStatus.objects.filter(user=user).values("key")
        if status == WordStatus.NEW:
            words = words.exclude(key__in=marked)
        else:
            words = words.filter(
                key__in=LemmaStatus.objects.filter(user=user, status=status).values("key")
            )
    return words.distinct()


def vocabulary_articles(user) -> list[tuple[int, str]]:
    """(article id, title) of the articles the learner saved words from, for the filter."""
    rows = (
        Example.objects.filter(saved_word__user=user, article__isnull=False)
        .values_list("article_id", "article__title")
        .distinct()
        .order_by("article__title")
    )
    return list(rows)


def known_shares(user, articles) -> dict[int, dict]:
    """article id -> {"known": n, "total": n, "percent": p}: the share of an article's distinct
    words (names left out) the learner has marked known. One aggregate query for the whole list;
    articles whose word index is missing or stale get it rebuilt first."""
    if not getattr(user, "is_authenticated", False):
        return {}
    ready = [a for a in articles if a.status == "ready"]
    if not ready:
        return {}
    stamps = dict(
        ArticleWord.objects.filter(article__in=ready)
        .values_list("article_id", "annotated_at")
        .distinct()
    )
    for article in ready:
        if article.pk not in stamps or stamps[article.pk] != article.annotated_at:
            # The list defers the annotation; load it only for the article that needs it.
            article.refresh_from_db(fields=["annotation", "annotated_at"])
            article_words_refresh(article)
    known_keys = LemmaStatus.objects.filter(user=user, status=WordStatus.KNOWN).values("key")
    rows = (
        ArticleWord.objects.filter(article__in=ready)
        .values("article_id")
        .annotate(total=Count("id"), known=Count("id", filter=Q(key__in=known_keys)))
    )
    return {
        row["article_id"]: {
            "known": row["known"],
            "total": row["total"],
            "percent": round(100 * row["known"] / row["total"]) if row["total"] else 0,
        }
        for row in rows
    }


def export_get(user, pk: int, *, with_data: bool = False):
    """The user's own export (the file left out unless asked for); anyone else's is a 404."""
    exports = Export.objects.all() if with_data else Export.objects.defer("data")
    return get_object_or_404(exports, pk=pk, owner=user)
