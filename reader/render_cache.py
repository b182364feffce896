"""The reading view's token markup, cached (found by bench/load.py: building it was two thirds
of an article page's time, about 6 ms of CPU for the seed article).

The markup (reader.rendering.reading_blocks joined by reading_html) depends on the annotation,
the teachers' corrections and the reader's word statuses. The cache holds it once per article
version and set of corrections, built for a reader with no statuses, together with where each
word's status class sits in it; a reader's own statuses are then written into a copy of those
few places. So every reader of an article shares one entry, whatever words they know, and a
re-annotation or a correction gives a new key: nothing is ever stale. The result is exactly
what reading_html(reading_blocks(...)) would give (tests/test_render_cache.py checks it);
should the markup ever stop looking as expected, the entry is built per reader's statuses.
The rest of the page's article (heading, quiz link, grammar notes) is the same for every
reader: article_section_html renders it once per version around the text.

The cache is a small LRU in each process, holding the objects themselves: an entry is cheap to
rebuild, a shared cache would cost a network round trip for 100 KB of HTML, and even Django's
LocMem cache pickles, which cost 1-2 ms per page here. Entries are never modified after they
are made (a reader's copy is a new string).
"""

from __future__ import annotations

import hashlib
import json
import re
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
from reader.rendering import is_interactive, reading_blocks, reading_html
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
NEW = "st-new"
# The opening tag reading_blocks writes for a word; group 1 is its class list.
_WORD_TAG = re.compile(
    r'<span class="([^"]*)" tabindex="0" role="button" data-s="(\d+)" data-t="(\d+)"'
)


@dataclass
class _Prepared:
    html: str  # the page's text as for a reader without statuses (reading_html)
    # word key -> [(start, end)]: where its tokens' class lists end in "st-new" in `html`
    spots: dict[str, list[tuple[int, int]]] | None  # None: markup not as expected
    words: frozenset[str]


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


def _prepare(annotation: Annotation | None) -> _Prepared:
    keys = {
        (s, t): token.key
        for s, t, token in (annotation.tokens() if annotation else ())
        if is_interactive(token)
    }
    html = str(reading_html(reading_blocks(annotation, {})))
    spots: dict[str, list[tuple[int, int]]] | None = {}
    found = 0
    for match in _WORD_TAG.finditer(html):
        key = keys.get((int(match.group(2)), int(match.group(3))))
        if key is None or not match.group(1).endswith(NEW):
            spots = None
            break
        spots.setdefault(key, []).append((match.end(1) - len(NEW), match.end(1)))
        found += 1
    if spots is not None and found != len(keys):
        spots = None
    return _Prepared(html=html, spots=spots, words=frozenset(keys.values()))


def _with_statuses(prepared: _Prepared, statuses: dict[str, str]) -> SafeString:
    edits = sorted(
        (start, end, f"st-{status}")
        for key, status in statuses.items()
        for start, end in prepared.spots.get(key, ())
    )
    if not edits:
        return mark_safe(prepared.html)
    html, parts, position = prepared.html, [], 0
    for start, end, text in edits:
        parts += [html[position:start], text]
        position = end
    parts.append(html[position:])
    return mark_safe("".join(parts))


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
    base = f"reading:{_version(article)}"
    prepared = cache.get(base)
    if prepared is None:
        prepared = _prepare(corrected_annotation(article))
        cache.set(base, prepared)
    if prepared.spots is not None:
        return _with_statuses(prepared, statuses)

    # Fallback: one entry per reader's statuses of this article's words.
    mine = sorted((key, status) for key, status in statuses.items() if key in prepared.words)
    key = f"{base}:{_digest(mine)}"
    html = cache.get(key)
    if html is None:
        html = reading_html(reading_blocks(corrected_annotation(article), statuses))
        cache.set(key, html)
    return html


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
