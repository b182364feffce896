"""Reads for the reading view."""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from reader.models import Article
from reader.notes import article_notes


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


def article_notes_for(article: Article) -> list[dict]:
    """The grammar notes panel of the article as teachers corrected it, cached per annotation
    and corrections (either changing gives a new key, so a cached panel is never stale)."""
    from classroom.corrections import apply_corrections
    from classroom.selectors import article_corrections

    if not article.is_ready:
        return []
    corrections = article_corrections(article.pk)
    digest = hashlib.blake2b(
        json.dumps(corrections, sort_keys=True, default=str).encode(), digest_size=12
    ).hexdigest()
    stamp = article.annotated_at.timestamp() if article.annotated_at else None
    # created_at: SQLite reuses a deleted last row's id (rolled-back tests), and annotated_at may
    # be unset (seeds, fixtures), so the id alone would match another article's panel.
    born = article.created_at.timestamp() if article.created_at else None
    key = f"notes:{article.pk}:{born}:{article.annotation_version}:{stamp}:{digest}"
    notes = cache.get(key)
    if notes is None:
        notes = article_notes(apply_corrections(article.annotation, corrections))
        cache.set(key, notes, 60 * 60)
    return notes
