"""A learner's vocabulary: saving words from the popover, word statuses, the vocabulary page
and its exports. Every view that touches a saved word gets it through
selectors.saved_word_get(user, pk), which 404s for anyone else's."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from accounts.selectors import user_is_teacher
from core.redirects import redirect_to_next
from glossary import exports, selectors, services
from glossary.anki import NothingToExport
from glossary.forms import (
    SavedWordForm,
    StatusOnlyForm,
    VocabularyFilterForm,
    WordPositionForm,
    WordStatusForm,
)
from glossary.models import ExportKind, ExportStatus
from glossary.vocabulary import candidate_at, token_positions_with_key
from reader import render_cache
from reader import selectors as reader_selectors
from reader.access import article_get_readable
from reader.models import Article
from reader.rendering import word_details

PAGE_SIZE = 50


def _login_required_htmx(view):
    """login_required, but an htmx request gets a 401 (and HX-Redirect to the login page)
    instead of a login page swapped into the popover."""
    guarded = login_required(view)

    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated and request.htmx:
            response = HttpResponse("Log in to keep words.", status=401)
            # Back to the page the learner was reading, as a path (never another host).
            next_path = urlsplit(request.headers.get("HX-Current-URL", "")).path or "/"
            response["HX-Redirect"] = f"{reverse('login')}?{urlencode({'next': next_path})}"
            return response
        return guarded(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _word_in_article(request, form):
    """(article, annotation, popover details) for a valid WordPositionForm, or 404."""
    article = render_cache.article_for_reading(request.user, form.cleaned_data["article"])
    if article.status != Article.Status.READY:
        raise Http404("This article is not ready.")
    # Corrections applied and decoded once per process, as for the popover: decoding the
    # annotation's JSON in every request was half the cost of saving a word (bench/load.py).
    annotation = render_cache.corrected_annotation(article)
    word = (
        word_details(annotation, form.cleaned_data["s"], form.cleaned_data["t"])
        if annotation
        else None
    )
    if word is None:
        raise Http404("No such word in this article.")
    return article, annotation, word


def _actions(request, article, word, **extra):
    context = {"article": article, "word": word, **extra}
    return render(request, "glossary/word_actions.html#actions", context)


@_login_required_htmx
@require_POST
def word_save(request):
    """Save the word (or, with `x`, its idiom / separable verb) from the popover."""
    form = WordPositionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Bad word position.")
    article, annotation, word = _word_in_article(request, form)
    data = form.cleaned_data
    candidate = candidate_at(annotation, data["s"], data["t"], data["x"])
    if candidate is None:
        raise Http404("Nothing to save there.")
    sense = None
    if data["sense"] is not None and data["x"] is None:
        if data["sense"] >= len(candidate.senses):
            return HttpResponseBadRequest("No such sense.")
        sense = candidate.senses[data["sense"]]
    saved, created = services.saved_word_add(
        user=request.user, candidate=candidate, article=article, sense=sense
    )
    label = f"“{saved.lemma}” ({saved.sense})" if saved.sense else f"“{saved.lemma}”"
    note = (
        f"Saved {label}."
        if created
        else f"{label} was saved already: this sentence is added as an example."
    )
    if not request.htmx:
        messages.success(request, note)
        return redirect("reader:article_detail", article.pk)
    response = _actions(request, article, word, flash=note)
    positions = (
        token_positions_with_key(annotation, candidate.key) if candidate.kind == "word" else []
    )
    return trigger_client_event(
        response,
        "randnotiz:status",
        {
            "key": candidate.key,
            "status": selectors.word_status(request.user, candidate.key),
            "tokens": positions,
        },
    )


@_login_required_htmx
@require_POST
def word_status(request):
    """Set new / learning / known for the word at a position; the page recolours every token
    of that lemma from the event this response triggers."""
    form = WordStatusForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Bad word position or status.")
    article, annotation, word = _word_in_article(request, form)
    status = services.word_status_set(
        user=request.user, key=word["key"], status=form.cleaned_data["status"]
    )
    if not request.htmx:
        return redirect("reader:article_detail", article.pk)
    response = _actions(request, article, word)
    return trigger_client_event(
        response,
        "randnotiz:status",
        {
            "key": word["key"],
            "status": status,
            "tokens": token_positions_with_key(annotation, word["key"]),
        },
    )


# --- The vocabulary page ----------------------------------------------------------------------


def _filtered(request):
    form = VocabularyFilterForm(
        request.GET or None, articles=selectors.vocabulary_articles(request.user)
    )
    filters = form.cleaned_data if form.is_valid() else {}
    words = selectors.vocabulary_search(
        request.user,
        q=(filters.get("q") or "").strip(),
        article_id=filters.get("article"),
        status=filters.get("status") or "",
    )
    return form, filters, words


@login_required
@require_GET
def vocabulary(request):
    form, filters, words = _filtered(request)
    page = Paginator(words, PAGE_SIZE).get_page(filters.get("page") or 1)
    statuses = reader_selectors.word_statuses(request.user)
    rows = [(word, statuses.get(word.key, "new")) for word in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "total": selectors.saved_words_for(request.user).count(),
    }
    # Large exports open a page that waits for the file, which a `download` link would save.
    context["direct_download"] = context["total"] <= exports.INLINE_WORDS
    if request.htmx and request.htmx.target == "results":
        return render(request, "glossary/vocabulary.html#results", context)
    return render(request, "glossary/vocabulary.html", context)


def _row(request, word, **extra):
    context = {"word": word, "status": selectors.word_status(request.user, word.key), **extra}
    return render(request, "glossary/vocabulary.html#row", context)


@login_required
@require_http_methods(["GET", "POST"])
def word_edit(request, pk: int):
    """Edit the English and the note: inline in the table with htmx, a page of its own without."""
    word = selectors.saved_word_get(request.user, pk)
    form = SavedWordForm(request.POST or None, instance=word)
    if request.method == "POST" and form.is_valid():
        services.saved_word_update(
            word=word, gloss=form.cleaned_data["gloss"], note=form.cleaned_data["note"]
        )
        if request.htmx:
            return _row(request, word)
        messages.success(request, f"Saved your changes to “{word.lemma}”.")
        return redirect("glossary:vocabulary")
    if request.htmx:
        return render(request, "glossary/vocabulary.html#row_edit", {"word": word, "form": form})
    return render(request, "glossary/word_edit.html", {"word": word, "form": form})


@login_required
@require_GET
def word_row(request, pk: int):
    """The table row again (Cancel in the inline editor)."""
    return _row(request, selectors.saved_word_get(request.user, pk))


@login_required
@require_POST
def word_delete(request, pk: int):
    word = selectors.saved_word_get(request.user, pk)
    services.saved_word_delete(word=word)
    if request.htmx:
        # An empty 200 removes the row (hx-swap="outerHTML").
        return HttpResponse("")
    messages.success(request, f"Deleted “{word.lemma}”.")
    return redirect("glossary:vocabulary")


@login_required
@require_POST
def saved_word_status(request, pk: int):
    word = selectors.saved_word_get(request.user, pk)
    form = StatusOnlyForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Bad status.")
    services.word_status_set(user=request.user, key=word.key, status=form.cleaned_data["status"])
    if request.htmx:
        return _row(request, word)
    return redirect("glossary:vocabulary")


# --- Exports ----------------------------------------------------------------------------------


def _download(data: bytes | str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _nothing(request, error: NothingToExport):
    messages.error(request, f"{error} Save words from an article first (or loosen the filters).")
    return redirect(
        reverse("glossary:vocabulary") + (f"?{request.GET.urlencode()}" if request.GET else "")
    )


@login_required
@require_GET
def export(request, fmt: str):
    """The saved words on the vocabulary page (with its filters) as .apkg, Anki TSV or CSV;
    built in the background above exports.INLINE_WORDS words."""
    _, filters, words = _filtered(request)
    if words.count() > exports.INLINE_WORDS:
        queued = services.export_request(
            owner=request.user,
            kind=ExportKind.VOCABULARY,
            params=exports.vocabulary_params(fmt, filters),
        )
        return redirect(exports.export_destination(queued))
    try:
        return _download(*exports.vocabulary_file(request.user, words, fmt))
    except NothingToExport as error:
        return _nothing(request, error)


@login_required
@require_GET
def article_deck_download(request, pk: int):
    """A class deck of an article's vocabulary, for teachers, of an article they may read."""
    if not user_is_teacher(request.user):
        raise Http404("Class decks are for teachers.")
    article = article_get_readable(request.user, pk)
    if exports.article_deck_is_large(article):
        queued = services.export_request(
            owner=request.user, kind=ExportKind.ARTICLE_DECK, params={"article": article.pk}
        )
        return redirect(exports.export_destination(queued))
    try:
        return _download(*exports.article_deck_file(article))
    except NothingToExport as error:
        messages.error(request, str(error))
        return redirect("reader:article_detail", article.pk)


@login_required
@require_GET
def export_detail(request, pk: int):
    """An export being built: the status box polls (htmx) until the file can be downloaded. A
    build that outlived its lease (its worker died, or its task never started) is queued again
    as the page polls."""
    queued = services.export_requeue_if_stale(selectors.export_get(request.user, pk))
    template = "glossary/export.html#status" if request.htmx else "glossary/export.html"
    return render(request, template, {"export": queued})


@login_required
@require_GET
def export_download(request, pk: int):
    queued = selectors.export_get(request.user, pk, with_data=True)
    if queued.status != ExportStatus.READY:
        return redirect("glossary:export_detail", queued.pk)
    return _download(bytes(queued.data), queued.filename, queued.content_type)


@login_required
@require_POST
def export_retry(request, pk: int):
    """Try a failed export again, or start again one still not ready a lease after it was asked
    for (Export.can_start_again)."""
    queued = services.export_retry(selectors.export_get(request.user, pk))
    return redirect("glossary:export_detail", queued.pk)


@login_required
@require_POST
def rest_known(request, pk: int):
    """After reading: every word of the article without a status becomes known."""
    article = render_cache.article_for_reading(request.user, pk)
    annotation = render_cache.corrected_annotation(article) if article.is_ready else None
    if annotation is None:
        raise Http404("This article is not ready.")
    count, started, finished = services.statuses_mark_rest_known(
        user=request.user, annotation=annotation
    )
    request.session[reader_selectors.REST_KNOWN_SESSION_KEY] = {
        "article": article.pk,
        "count": count,
        "from": started.isoformat(),
        "to": finished.isoformat(),
    }
    return _back_to_the_article(request, article.pk)


@login_required
@require_POST
def rest_known_undo(request, pk: int):
    marked = reader_selectors.rest_known_marked(request, pk)
    if marked is None:
        messages.info(request, "There is nothing to undo here.")
        return _back_to_the_article(request, pk)
    article = render_cache.article_for_reading(request.user, pk)
    annotation = render_cache.corrected_annotation(article)
    count = services.statuses_undo_rest_known(
        user=request.user,
        annotation=annotation,
        started=dt.datetime.fromisoformat(marked["from"]),
        finished=dt.datetime.fromisoformat(marked["to"]),
    )
    del request.session[reader_selectors.REST_KNOWN_SESSION_KEY]
    messages.success(request, f"Undone: {count} word{pluralize(count)} marked new again.")
    return _back_to_the_article(request, pk)


def _back_to_the_article(request, pk: int):
    """To the page the form was on (the article, or the assignment that shows it)."""
    return redirect_to_next(request, request.POST.get("next", ""), "reader:article_detail", pk=pk)
