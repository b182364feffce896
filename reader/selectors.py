"""Reads for the reading view."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from reader.models import Article


def article_list() -> QuerySet[Article]:
    return Article.objects.defer("text", "annotation")


def article_get(pk: int) -> Article:
    return get_object_or_404(Article, pk=pk)


def word_statuses_for(user) -> dict[str, str]:
    """lemma key -> status for a learner; empty for anonymous readers. The vocabulary app
    provides the real statuses once it is installed (glossary.selectors.word_statuses)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    try:
        from glossary.selectors import word_statuses
    except ImportError:
        return {}
    return word_statuses(user)
