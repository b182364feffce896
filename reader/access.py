"""Who may read and change an article: the one rule, used by every view and htmx endpoint that
takes an article id (the reading page, popovers, word saving, quizzes, decks, the teachers'
review) and by the home page's list.

An article has an owner (`created_by`; none for the seed articles a command loads) and a
visibility:

- shared: the shared library, read by everyone, signed in or not;
- private: read by its owner, by staff, and by the students and the teacher of a class it is
  assigned to (an open class: a student of a closed one no longer sees it).

Only the owner and staff change an article (its corrections, its quiz, publishing it); a
teacher publishes their own article to the shared library; anyone else who wants it different
makes their own copy. Nothing here is about teachers or learners as such: a learner's own
article is private to them by the same rule.

The rule is written once as a query condition (_readable); article_readable answers the common
cases (shared, own, staff) without a query, as the condition would, and asks the database
only about the classes. Anything the user may not read is a 404, exactly like an id that does
not exist, so a guessed id tells nothing.

Reader must not import classroom (the layers in docs/architecture.md), so the classes are
reached through the ORM's related lookups (assignments -> classroom -> memberships).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.selectors import user_is_teacher
from core.compiled import rows_for
from reader.models import Article


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _readable(user) -> Q:
    """The condition on Article rows the user may read."""
    shared = Q(visibility=Article.Visibility.SHARED)
    if not _signed_in(user):
        return shared
    if user.is_staff:
        return Q()
    through_a_class = Article.objects.filter(
        Q(
            assignments__classroom__memberships__student=user,
            assignments__classroom__closed_at__isnull=True,
        )
        | Q(assignments__classroom__teacher=user)
    ).values("pk")
    return shared | Q(created_by=user) | Q(pk__in=through_a_class)


def articles_readable(user) -> QuerySet[Article]:
    """Every article the user may read (the home page), without text and annotation."""
    return Article.objects.filter(_readable(user)).defer("text", "annotation")


def article_readable(user, article: Article) -> bool:
    if article.visibility == Article.Visibility.SHARED:
        return True
    if not _signed_in(user):
        return False
    if user.is_staff or article.created_by_id == user.pk:
        return True
    return Article.objects.filter(_readable(user), pk=article.pk).exists()


def article_ensure_readable(user, article: Article) -> Article:
    """The article, or Http404 when the user may not read it (render_cache.article_for_reading
    passes every cached article through here)."""
    if not article_readable(user, article):
        raise Http404("No such article.")
    return article


def article_get_readable(user, pk: int) -> Article:
    """The article without its text and annotation, which load when first used: most pages
    that show an article by id (the quiz) need neither. The SQL is compiled once
    (reader/compiled.py): the quiz page and every quiz answer ask."""
    found = rows_for(_article_without_text, pk)
    if not found:
        raise Http404("No such article.")
    return article_ensure_readable(user, found[0])


def _article_without_text(pk: int) -> QuerySet[Article]:
    return Article.objects.defer("text", "annotation").filter(pk=pk)


def article_can_change(user, article: Article) -> bool:
    """Its owner and staff change an article: its corrections and its quiz change it for every
    reader, so nobody else may."""
    if not _signed_in(user):
        return False
    return bool(user.is_staff or (article.created_by_id and article.created_by_id == user.pk))


def article_get_owned(user, pk: int) -> Article:
    """An article the user may change (article_can_change), or Http404."""
    article = article_get_readable(user, pk)
    if not article_can_change(user, article):
        raise Http404("No such article.")
    return article


def article_can_publish(user, article: Article) -> bool:
    """Staff, and a teacher for their own article, put it into the shared library (or take it
    back out). A learner's own article stays private: its text may be anyone's."""
    if not article_can_change(user, article):
        return False
    return bool(user.is_staff or user_is_teacher(user))


def articles_assignable(user) -> QuerySet[Article]:
    """What a teacher may assign to a class: the shared library and their own articles."""
    return Article.objects.filter(
        Q(visibility=Article.Visibility.SHARED) | Q(created_by=user)
    ).defer("text", "annotation")
