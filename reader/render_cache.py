"""The reading view's token markup, cached (found by bench/load.py: building it was two thirds
of an article page's time, about 6 ms of CPU for the seed article).

The markup (reader.rendering.reading_html of reading_blocks) depends on the annotation, the
teachers' corrections and the reader's word statuses. The cache holds the text once per article
version and set of corrections as reader.rendering.reading_segments: the markup that is the
same for every reader, and a slot for each word's status class. A reader's page is those pieces
concatenated with their statuses. So every reader of an article shares one entry, whatever
words they know, and a re-annotation or a correction gives a new key: nothing is ever stale.
The result is exactly what reading_html(reading_blocks(...)) would give
(tests/test_render_cache.py checks it). The rest of the page's article (heading, quiz link,
grammar notes) is the same for every reader: article_section_html renders it once per version
around the text.

The cache is a small LRU in each process, holding the objects themselves: an entry is cheap to
rebuild, a shared cache would cost a network round trip for 100 KB of HTML, and even Django's
LocMem cache pickles, which cost 1-2 ms per page here (the entries are plain strings, lists and
dicts all the same, so any backend could hold them). Entries are never modified after they are
made (a reader's page is a new list and string).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.compiled import rows_for
from nlp.document import Annotation
from reader.access import article_ensure_readable
from reader.corrections import apply_corrections
from reader.models import Article, Correction
from reader.notes import article_notes
from reader.rendering import WordSlot, reading_segments, status_class
from reader.selectors import article_corrections

MAX_ENTRIES = 32  # articles (each version and set of corrections) a process keeps, x2


# Annotations change only through reader.services.article_annotate, which sets annotated_at (part
# of every key); the time limit bounds what an edit behind its back (the admin, a shell) can leave.
MAX_AGE = 10 * 60


class _LRU:
    def __init__(self, size: int):
        self.size, self._data, self._lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self._lock:
            expires, value = self._data.get(key, (0.0, None))
            if value is None or expires < time.monotonic():
                return None
            self._data.move_to_end(key)
            return value

    def set(self, key, value) -> None:
        with self._lock:
            self._data[key] = (time.monotonic() + MAX_AGE, value)
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)


cache = _LRU(MAX_ENTRIES)


@dataclass(frozen=True)
class _Prepared:
    """reading_segments flattened for joining: the slots' markup merged with the static
    markup around them, so a page joins two strings per word, not four."""

    parts: tuple[str, ...]  # markup, with each word's status class as a part of its own
    places: dict[str, tuple[int, ...]]  # word key -> where its status classes are in `parts`
    html: str  # the parts joined as they are: the page of a reader with no statuses


def _prepare(annotation: Annotation | None) -> _Prepared:
    parts: list[str] = []
    places: dict[str, list[int]] = {}
    static: list[str] = []
    for segment in reading_segments(annotation):
        if isinstance(segment, WordSlot):
            static.append(segment.before)
            parts.append("".join(static))
            places.setdefault(segment.key, []).append(len(parts))
            parts.append(status_class(None))
            static = [segment.after]
        else:
            static.append(segment)
    parts.append("".join(static))
    return _Prepared(
        parts=tuple(parts),
        places={key: tuple(where) for key, where in places.items()},
        html="".join(parts),
    )


def _with_statuses(prepared: _Prepared, statuses: dict[str, str]) -> SafeString:
    parts: list[str] | None = None
    for key, status in statuses.items():
        where = prepared.places.get(key)
        if where:
            if parts is None:
                parts = list(prepared.parts)
            for i in where:
                parts[i] = status_class(status)
    return mark_safe(prepared.html if parts is None else "".join(parts))


def article_for_reading(user, pk: int) -> Article:
    """The article `user` may read (reader/access.py; Http404 otherwise), without its text
    and annotation: a cached page needs neither, and decoding the annotation JSON alone costs
    more than the rest of the query. Accessing them loads them.

    The same query says which set of corrections applies (their number and newest id), so a
    cached page needs no second query for the corrections themselves: they are only created
    and deleted, never edited, and ids are never reused (AUTOINCREMENT on SQLite, sequences on
    PostgreSQL), so any change moves one of the two.

    Its SQL is compiled once per process (core/compiled.py): compiling this query (two
    correlated subqueries) took a third of a cached article page's time (bench/load.py)."""
    found = rows_for(_article_with_corrections_version, pk)
    if not found:
        raise Http404("No such article.")
    # The cache below holds markup, never the decision: each request is checked, so an article
    # one reader may see is never served to another from here.
    return article_ensure_readable(user, found[0])


def _article_with_corrections_version(pk: int) -> QuerySet[Article]:
    corrections = Correction.objects.filter(article=OuterRef("pk")).order_by()
    return (
        Article.objects.defer("text", "annotation")
        .annotate(
            corrections_count=Subquery(
                corrections.values("article").annotate(n=Count("pk")).values("n")
            ),
            corrections_last=Subquery(corrections.order_by("-pk").values("pk")[:1]),
        )
        .filter(pk=pk)
        .order_by()
    )


def _digest(value) -> str:
    data = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def _corrections(article: Article) -> list:
    """The article's corrections, fetched once per request and only when needed."""
    if not hasattr(article, "_corrections"):
        article._corrections = article_corrections(article.pk)
    return article._corrections


def _version(article: Article) -> str:
    """What the reading page's article-wide parts depend on, once per request."""
    if not hasattr(article, "_reading_version"):
        if hasattr(article, "corrections_count"):  # loaded by article_for_reading
            fixed = f"n{article.corrections_count or 0}:{article.corrections_last}"
        else:
            fixed = _digest(_corrections(article))
        stamp = article.annotated_at.timestamp() if article.annotated_at else None
        # created_at tells apart two articles that got the same id (SQLite reuses the id of a
        # deleted last row, as in rolled-back tests).
        born = article.created_at.timestamp() if article.created_at else None
        article._reading_version = (
            f"{article.pk}:{born}:{article.annotation_version}:{stamp}:{fixed}"
        )
    return article._reading_version


def corrected_annotation(article: Article) -> Annotation | None:
    """The annotation with the teachers' corrections applied, decoded once per process and
    version (decoding the seed article's 150 KB of JSON took longer than the rest of a popover
    request). Shared between requests, and frozen: nothing can modify it."""
    key = f"annotation:{_version(article)}"
    annotation = cache.get(key)
    if annotation is None:
        annotation = apply_corrections(
            Annotation.from_stored(article.annotation), _corrections(article)
        )
        if annotation is None:
            return None
        cache.set(key, annotation)
    return annotation


def article_reading_html(article: Article, statuses: dict[str, str]) -> SafeString:
    """reading_html(reading_blocks(corrected annotation, statuses)), from the cache when it
    can be."""
    key = f"reading:{_version(article)}"
    prepared = cache.get(key)
    if prepared is None:
        prepared = _prepare(corrected_annotation(article))
        cache.set(key, prepared)
    return _with_statuses(prepared, statuses)


# Stand for the text and the quiz link's address while the section renders: escaped content
# can never contain "<!--".
_TEXT_GOES_HERE = "<!-- the reader's text -->"
_QUIZ_URL_GOES_HERE = "<!-- the quiz's address -->"


def article_section_html(
    article: Article, statuses: dict[str, str], *, quiz_url: str | None = None
) -> SafeString:
    """The reading page's article (templates/reader/article.html#reading): heading, the text
    with the reader's word statuses, the quiz link and the grammar notes. All but the statuses
    is the same for every reader, so it is rendered once per process and version: the template
    work had become two fifths of a cached page (bench/load.py). `quiz_url` replaces the quiz
    link's address (an assignment's quiz, which may be closed book)."""
    key = f"section:{_version(article)}"
    frame = cache.get(key)
    if frame is None:
        frame = _section_frame(article)
        cache.set(key, frame)
    before, after = frame
    url = escape(quiz_url or reverse("reader:quiz_take", args=[article.pk]))
    after = after.replace(_QUIZ_URL_GOES_HERE, url)
    return mark_safe(before + article_reading_html(article, statuses) + after)


def _section_frame(article: Article) -> tuple[str, str]:
    annotation = corrected_annotation(article)
    html = render_to_string(
        "reader/article.html#reading",
        {
            "article": article,
            "text_html": mark_safe(_TEXT_GOES_HERE),
            "quiz_url": mark_safe(_QUIZ_URL_GOES_HERE),
            "notes": article_notes(annotation) if annotation else [],
        },
    )
    before, found, after = html.partition(_TEXT_GOES_HERE)
    assert found, "templates/reader/article.html#reading prints no text_html"
    return before, after
