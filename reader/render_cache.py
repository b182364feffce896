"""The reading view's token markup, cached (found by bench/load.py: building it was two thirds
of an article page's time, about 6 ms of CPU for the seed article).

The markup is a pure function (reader.rendering.reading_blocks) of the annotation, the teachers'
corrections and the reader's statuses of the words that occur in the article, so the cache key
is made of exactly those: the article's annotation version and time, a digest of its
corrections, and a digest of the reader's statuses restricted to the article's words. Readers
with the same statuses for this article's words (every new student at 8:00) share one entry;
a re-annotation, a correction or a status change gives a new key, so nothing is ever stale.

The cache is per process (settings.CACHES["default"], LocMem): entries are cheap to rebuild,
and a shared cache would cost a network round trip for 70 KB of HTML.
"""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache
from django.shortcuts import get_object_or_404

from reader.models import Article
from reader.rendering import Block, is_interactive, reading_blocks, word_key

TIMEOUT = 60 * 60


def article_for_reading(pk: int) -> Article:
    """The article without its text and annotation: a cached page needs neither, and decoding
    the annotation JSON alone costs more than the rest of the query. Accessing them loads them."""
    return get_object_or_404(Article.objects.defer("text", "annotation"), pk=pk)


def _digest(value) -> str:
    data = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def article_reading_blocks(article: Article, statuses: dict[str, str]) -> list[Block]:
    """reading_blocks(corrected annotation, statuses), from the cache when it can be."""
    from classroom.corrections import apply_corrections
    from classroom.selectors import article_corrections

    corrections = article_corrections(article.pk)
    stamp = article.annotated_at.timestamp() if article.annotated_at else None
    base = f"reading:{article.pk}:{article.annotation_version}:{stamp}:{_digest(corrections)}"
    annotation = None

    words = cache.get(f"{base}:words")
    if words is None:
        annotation = apply_corrections(article.annotation, corrections)
        words = frozenset(
            word_key(token)
            for sentence in (annotation or {}).get("sentences", [])
            for token in sentence["tokens"]
            if is_interactive(token)
        )
        cache.set(f"{base}:words", words, TIMEOUT)

    mine = sorted((key, status) for key, status in statuses.items() if key in words)
    key = f"{base}:{_digest(mine)}"
    blocks = cache.get(key)
    if blocks is None:
        if annotation is None:
            annotation = apply_corrections(article.annotation, corrections)
        blocks = reading_blocks(annotation, statuses)
        cache.set(key, blocks, TIMEOUT)
    return blocks
