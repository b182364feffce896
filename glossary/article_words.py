"""The index of each article's lemma keys (ArticleWord), from which the article list tells a
learner how much of each article they know (glossary.selectors.known_shares). A module of its
own: the selector rebuilds a stale index as it reads, and the services must not be imported by
the selectors (they import the exports, which import the selectors)."""

from __future__ import annotations

from django.db import transaction

from glossary.models import ArticleWord
from glossary.vocabulary import article_lemma_counts
from nlp.document import Annotation


def article_words_refresh(article) -> None:
    """Rebuild an article's lemma-key index when its annotation changed since the last build."""
    stamp = article.annotated_at
    current = (
        ArticleWord.objects.filter(article=article).values_list("annotated_at", flat=True).first()
    )
    if current is not None and current == stamp:
        return
    counts = article_lemma_counts(Annotation.from_stored(article.annotation))
    with transaction.atomic():
        ArticleWord.objects.filter(article=article).delete()
        ArticleWord.objects.bulk_create(
            [
                ArticleWord(article=article, key=key, count=n, annotated_at=stamp)
                for key, n in counts.items()
            ],
            ignore_conflicts=True,
        )
