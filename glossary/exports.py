"""What each export contains, one builder per kind, used by both paths: inside the request for
the common small case, and by the build_export task (glossary.tasks) above the sizes below,
where building would keep a web process and the person waiting.

The file formats themselves are glossary.anki's; this module only names the files and says
which rows go in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from django.urls import reverse

from glossary.anki import article_deck, cards_csv, cards_tsv, learner_cards, learner_deck
from glossary.models import Export, ExportKind, ExportStatus
from glossary.selectors import vocabulary_search
from reader.models import Article

# Above these sizes an export is queued (an assignment's results: classroom.exports).
# Measured (CPU, SQLite, one example sentence a word): an .apkg of 500 saved words takes 90 ms,
# of 2,000 words 370 ms, a CSV of 2,000 words 260 ms. A learner's vocabulary rarely passes
# 1,000 words, an article 5,000 words (a long feature), so the everyday export downloads at once.
INLINE_WORDS = 1000
INLINE_ARTICLE_WORDS = 5000


def export_destination(export: Export) -> str:
    """Where a queued export sends its owner: the file itself when it is already built (the
    default backend builds it at once), else the page that waits for it. Shared by the glossary
    and classroom views that queue exports."""
    if export.status == ExportStatus.READY:
        return reverse("glossary:export_download", args=[export.pk])
    return reverse("glossary:export_detail", args=[export.pk])


class ExportFile(NamedTuple):
    data: bytes
    filename: str
    content_type: str


# --- A learner's vocabulary -------------------------------------------------------------------


def vocabulary_params(fmt: str, filters: dict) -> dict:
    """The vocabulary page's filters as an export's params (plain JSON)."""
    return {
        "fmt": fmt,
        "q": (filters.get("q") or "").strip(),
        "article": filters.get("article"),
        "status": filters.get("status") or "",
    }


def vocabulary_words(user, params: dict):
    return vocabulary_search(
        user, q=params["q"], article_id=params["article"], status=params["status"]
    )


def vocabulary_file(user, words, fmt: str) -> ExportFile:
    """The saved words as an .apkg, Anki TSV or CSV. Raises NothingToExport for none."""
    name = f"randnotiz-{user.get_username()}"
    if fmt == "apkg":
        return ExportFile(learner_deck(user, words), f"{name}.apkg", "application/octet-stream")
    cards = learner_cards(user, words)
    if fmt == "tsv":
        text = cards_tsv(cards, deck_name=f"Randnotiz::{user.get_username()}")
        return ExportFile(text.encode(), f"{name}.tsv", "text/tab-separated-values; charset=utf-8")
    return ExportFile(cards_csv(cards).encode(), f"{name}.csv", "text/csv; charset=utf-8")


# --- A class deck -----------------------------------------------------------------------------


def article_deck_file(article) -> ExportFile:
    """An article's vocabulary as a class deck. Raises NothingToExport without glossed words."""
    return ExportFile(
        article_deck(article), f"randnotiz-article-{article.pk}.apkg", "application/octet-stream"
    )


def article_deck_is_large(article) -> bool:
    return (article.word_count or 0) > INLINE_ARTICLE_WORDS


# --- The task's side --------------------------------------------------------------------------

# Builders of the kinds of export that apps above glossary own (classroom's assignment results),
# registered from their AppConfig.ready(): kind -> build(owner, params).
_BUILDERS: dict[str, Callable[[object, dict], ExportFile]] = {}


def export_kind_register(kind: str, build: Callable[[object, dict], ExportFile]) -> None:
    _BUILDERS[kind] = build


def export_file(export: Export) -> ExportFile:
    """Build a queued export's file from its kind and params, as its owner would see it."""
    params = export.params
    if export.kind == ExportKind.VOCABULARY:
        words = vocabulary_words(export.owner, params)
        return vocabulary_file(export.owner, words, params["fmt"])
    if export.kind == ExportKind.ARTICLE_DECK:
        return article_deck_file(Article.objects.get(pk=params["article"]))
    if export.kind in _BUILDERS:
        return _BUILDERS[export.kind](export.owner, params)
    raise ValueError(f"unknown export kind {export.kind!r}")
