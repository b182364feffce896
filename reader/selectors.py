"""Reads for the reading view."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from core.compiled import rows_for
from reader.models import Article


def article_list() -> QuerySet[Article]:
    return Article.objects.defer("text", "annotation")


def article_get(pk: int) -> Article:
    """The article without its text and annotation, which load when first used: most pages
    that show an article by id (the quiz) need neither. The SQL is compiled once
    (core/compiled.py): the quiz page and every quiz answer ask."""
    found = rows_for(_article_without_text, pk)
    if not found:
        raise Http404("No such article.")
    return found[0]


def _article_without_text(pk: int) -> QuerySet[Article]:
    return Article.objects.defer("text", "annotation").filter(pk=pk)


def word_statuses_for(user) -> dict[str, str]:
    """lemma key -> status for a learner (glossary.selectors.word_statuses); empty for
    anonymous readers."""
    from glossary.selectors import word_statuses

    if not getattr(user, "is_authenticated", False):
        return {}
    return word_statuses(user)
