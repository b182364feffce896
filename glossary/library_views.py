"""My library: the learner's articles and the shared ones, searched and sorted, with how much
of each they know (glossary.library); deleting one's own article."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from glossary.forms import LibraryFilterForm
from glossary.library import library_articles
from reader.access import article_get_readable
from reader.services import article_delete


@login_required
@require_GET
def library(request):
    form = LibraryFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    rows = library_articles(request.user, q=data.get("q") or "", sort=data.get("sort") or "added")
    context = {"form": form, "rows": rows, "searching": bool(data.get("q"))}
    if request.htmx and request.htmx.target == "library-results":
        return render(request, "glossary/library.html#results", context)
    return render(request, "glossary/library.html", context)


def _own_article(user, pk: int):
    """The user's own article; anyone else's (staff included: this is one's own library) is a
    404, as for an id that does not exist."""
    article = article_get_readable(user, pk)
    if article.created_by_id != user.pk:
        raise Http404("No such article.")
    return article


@login_required
@require_http_methods(["GET", "POST"])
def article_delete_view(request, pk: int):
    """Delete one's own article after a confirmation page (works without JavaScript)."""
    article = _own_article(request.user, pk)
    if request.method == "POST":
        title = article.title
        try:
            article_delete(article)
        except ValidationError as error:
            messages.error(request, f"“{title}” was not deleted. {' '.join(error.messages)}")
        else:
            messages.success(
                request,
                f"“{title}” was deleted. The words you saved from it stay, with their sentences.",
            )
        return redirect("library:library")
    return render(request, "glossary/library_delete.html", {"article": article})
