from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from lexicon.lookup_sites import lookup_links
from reader import render_cache, selectors, services
from reader.access import articles_readable
from reader.forms import PositionForm
from reader.lookups import lookup_hear, lookups_counted
from reader.rendering import word_details


@require_GET
def article_list(request):
    articles = articles_readable(request.user)
    return render(request, "reader/article_list.html", {"articles": articles})


@require_GET
def article_detail(request, pk: int):
    # Cached article markup, corrections applied (reader/render_cache.py; bench/load.py found it).
    article = render_cache.article_for_reading(request.user, pk)
    if request.htmx and request.GET.get("status"):
        if article.is_ready:
            # The page needs the whole text, not just the status: htmx reloads it (no inline
            # script, which the Content-Security-Policy would refuse).
            return HttpResponseClientRefresh()
        return render(request, "reader/article.html#status", {"article": article})
    statuses = selectors.word_statuses(request.user)
    context = {
        "article": article,
        "counts_lookups": lookups_counted(request, pk),
        "rest_known": selectors.rest_known_marked(request, pk),
        # Where this reader left off: static/js/position.js scrolls back to it.
        "position": selectors.reading_position(request.user, pk),
    }
    if article.is_ready:
        context["reading_html"] = render_cache.article_section_html(article, statuses)
    return render(request, "reader/article.html", context)


def _word(request, pk: int, s: int, t: int) -> tuple:
    # Teachers' corrections applied; decoded once per process (reader/render_cache.py).
    article = render_cache.article_for_reading(request.user, pk)
    annotation = render_cache.corrected_annotation(article)
    word = word_details(annotation, s, t) if annotation else None
    if word is None:
        raise Http404("No such word in this article.")
    return article, word


@require_GET
def word_popover(request, pk: int, s: int, t: int):
    """The popover for one word; the whole page with the word panel when JavaScript is off.

    A popover opened by hovering or moving the focus (`?glance=1`) is not a lookup yet: a mouse
    crossing the text would count every word under it for the teacher. The reader's script
    posts to word_lookup when the learner stays on it (static/js/reader.js)."""
    article, word = _word(request, pk, s, t)
    if not request.GET.get("glance"):
        lookup_hear(request, article.pk, word["key"])  # inside assignments only
    context = {
        "article": article,
        "word": word,
        # A name is looked up as written; any other word by its dictionary form.
        "lookups": lookup_links(
            word=word["text"] if word["is_name"] else word["lemma"], sentence=word["sentence"]
        ),
    }
    if request.htmx:
        return render(request, "reader/article.html#popover", context)
    statuses = selectors.word_statuses(request.user)
    context["reading_html"] = render_cache.article_section_html(article, statuses)
    return render(request, "reader/article.html", context)


@require_POST
def word_lookup(request, pk: int, s: int, t: int):
    """A glanced-at word the learner stayed on: counted as a lookup inside an assignment."""
    article, word = _word(request, pk, s, t)
    lookup_hear(request, article.pk, word["key"])
    return HttpResponse(status=204)


@login_required
@require_POST
def reading_position(request, pk: int):
    """Remember the sentence the reader is at (sent by static/js/position.js as they scroll
    or open a word), so the page opens there next time."""
    article = render_cache.article_for_reading(request.user, pk)
    form = PositionForm(request.POST)
    annotation = render_cache.corrected_annotation(article)
    if not form.is_valid() or annotation is None:
        return HttpResponseBadRequest("No such sentence.")
    sentence = form.cleaned_data["s"]
    if sentence >= len(annotation.sentences):
        return HttpResponseBadRequest("No such sentence.")
    services.reading_position_set(user=request.user, article=article, sentence=sentence)
    return HttpResponse(status=204)
