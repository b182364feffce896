"""My library (issue 18, item 2): the articles a learner may read (reader.access decides:
their own, the shared library, their classes'), each with how much of it they know.

The figures come from the articles' word index (glossary.ArticleWord: the distinct lemma keys
of each annotation, built once per annotation version) joined with the learner's statuses in
one grouped query for the whole list, so the page never decodes an annotation to draw itself;
only an article whose index is missing or older than its annotation has it built first, once."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Q

from core.search import search_text
from glossary.article_words import article_words_refresh
from glossary.models import ArticleWord
from reader.access import articles_readable
from reader.models import Article, LemmaStatus, WordStatus

SORTS = {
    "added": "Newest first",
    "fewest_new": "Fewest new words",
    "most_new": "Most new words",
}


@dataclass(frozen=True)
class Figures:
    total: int  # distinct words (names left out: glossary.vocabulary.article_lemma_counts)
    known: int
    new: int  # neither known nor being learnt

    @property
    def known_percent(self) -> int:
        return round(100 * self.known / self.total) if self.total else 0


def library_articles(
    user, *, q: str = "", sort: str = "added"
) -> list[tuple[Article, Figures | None]]:
    """The articles `user` may read whose title or text contains `q` (any case, on SQLite as
    on PostgreSQL), each with its Figures (None while it is not annotated yet), sorted by
    `sort` (a key of SORTS; articles without figures last, newest first among equals)."""
    articles = articles_readable(user).select_related("created_by").order_by("-created_at", "-pk")
    if q:
        articles = search_text(articles, q, "title", "text")
    articles = list(articles)
    numbers = _figures(user, articles)
    rows = [(article, numbers.get(article.pk)) for article in articles]
    if sort == "fewest_new":
        rows.sort(key=lambda row: (row[1] is None, row[1].new if row[1] else 0))
    elif sort == "most_new":
        rows.sort(key=lambda row: (row[1] is None, -row[1].new if row[1] else 0))
    return rows


def _figures(user, articles: list[Article]) -> dict[int, Figures]:
    """article id -> Figures for the annotated ones: one grouped query over their word index,
    which also says whose index is missing or older than the annotation; only those are
    built (glossary.services.article_words_refresh) and counted again."""
    ready = {a.pk: a.annotated_at for a in articles if a.status == Article.Status.READY}
    if not ready:
        return {}
    counted = _counts(user, list(ready))
    stale = [pk for pk, stamp in ready.items() if pk not in counted or counted[pk][1] != stamp]
    if stale:
        for article in Article.objects.filter(pk__in=stale).only("annotation", "annotated_at"):
            article_words_refresh(article)
        counted.update(_counts(user, stale))
    return {pk: figures for pk, (figures, _) in counted.items()}


def _counts(user, article_ids: list[int]) -> dict[int, tuple[Figures, object]]:
    """article id -> (Figures, the annotation time its word index was built from)."""
    statuses = LemmaStatus.objects.filter(user=user)
    known = statuses.filter(status=WordStatus.KNOWN).values("key")
    learning = statuses.filter(status=WordStatus.LEARNING).values("key")
    rows = (
        ArticleWord.objects.filter(article_id__in=article_ids)
        .order_by()
        .values("article_id")
        .annotate(
            total=Count("pk"),
            known=Count("pk", filter=Q(key__in=known)),
            learning=Count("pk", filter=Q(key__in=learning)),
            stamp=Max("annotated_at"),
        )
    )
    return {
        row["article_id"]: (
            Figures(
                total=row["total"],
                known=row["known"],
                new=row["total"] - row["known"] - row["learning"],
            ),
            row["stamp"],
        )
        for row in rows
    }
