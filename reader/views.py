import functools

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from classroom.services import lookup_record_for_request
from reader import render_cache, selectors
from reader.rendering import reading_blocks, reading_html, word_details


@require_GET
def article_list(request):
    articles = selectors.article_list()
    return render(request, "reader/article_list.html", {"articles": articles})


@require_GET
def article_detail(request, pk: int):
    # Cached token markup, corrections applied (reader/render_cache.py; bench/load.py found it).
    article = render_cache.article_for_reading(pk)
    if request.htmx and request.GET.get("status"):
        return render(request, "reader/article.html#status", {"article": article})
    statuses = selectors.word_statuses_for(request.user)
    context = {
        "article": article,
        "text_html": render_cache.article_reading_html(article, statuses),
        # Called by the template only when the notes panel is not in the fragment cache.
        "notes": functools.cache(functools.partial(selectors.article_notes_for, article)),
        # The notes panel's rendered HTML is cached under this (templates/reader/article.html).
        "reading_version": render_cache.reading_version(article),
    }
    return render(request, "reader/article.html", context)


@require_GET
def word_popover(request, pk: int, s: int, t: int):
    """The popover for one word; the whole page with the word panel when JavaScript is off."""
    # Teachers' corrections applied; decoded once per process (reader/render_cache.py).
    article = render_cache.article_for_reading(pk)
    article.annotation = render_cache.corrected_annotation(article)
    word = word_details(article.annotation, s, t) if article.annotation else None
    if word is None:
        raise Http404("No such word in this article.")
    lookup_record_for_request(request, article.pk, word["key"])  # counted inside assignments only
    context = {"article": article, "word": word}
    if request.htmx:
        return render(request, "reader/article.html#popover", context)
    statuses = selectors.word_statuses_for(request.user)
    context["text_html"] = reading_html(reading_blocks(article.annotation, statuses))
    context["notes"] = selectors.article_notes_for(article)
    context["reading_version"] = render_cache.reading_version(article)  # the notes' cache key
    return render(request, "reader/article.html", context)
