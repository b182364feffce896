"""Anki decks (.apkg via genanki) and Anki-importable text files from saved words.

One note model, "Randnotiz German word", with two cards per note: German -> English (the word
in its sentence) and English -> German (the sentence as a cloze). Model and deck ids are fixed
numbers (or derived from stable ids), and every note's GUID comes from learner + lemma + sense,
so importing a later export updates the learner's cards instead of adding duplicates.

Every field is HTML-escaped: a note like `<script>` or a sentence with quotes reaches Anki as
text, shown as typed and never executed.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import os
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import genanki

from core.csv_safe import csv_writer
from glossary.selectors import saved_words_for
from glossary.vocabulary import article_deck_candidates, kind_label
from nlp.document import Annotation
from reader.render_cache import corrected_annotation


class NothingToExport(Exception):
    """An export was asked for with no words in it: say so instead of writing an empty deck."""


# Fixed forever: changing it makes Anki treat every card as a new note type.
MODEL_ID = 1_734_120_601
MODEL_NAME = "Randnotiz German word"
FIELDS = ["German", "English", "PartOfSpeech", "Cloze", "Sentence", "Source", "Note"]

CSS = """\
.card { font-family: "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, serif;
  font-size: 22px; line-height: 1.45; color: #1d1d1f; background: #fbfaf7; text-align: center;
  padding: 1.2em .8em; max-width: 34em; margin: 0 auto; }
.card.nightMode, .nightMode .card { color: #eee; background: #1f1f22; }
.de { font-size: 1.5em; font-weight: 700; }
.en { font-size: 1.25em; color: #0b5cad; margin-top: .3em; }
.nightMode .en { color: #8ab8ef; }
.pos { font: 600 .62em system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  letter-spacing: .06em; text-transform: uppercase; color: #6b6b70; margin-top: .35em; }
.sentence { margin: 1em auto 0; font-size: .9em; text-align: left; padding: .6em .8em;
  border-left: 3px solid #e4e1da; }
.sentence b, .gap { color: #0b5cad; font-weight: 700; }
.nightMode .sentence b, .nightMode .gap { color: #8ab8ef; }
.source, .note { font: .6em system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #6b6b70; margin-top: 1em; text-align: left; }
.note { font-size: .72em; color: inherit; white-space: pre-wrap; }
hr#answer { border: 0; border-top: 1px solid #e4e1da; margin: 1em 0; }
@media (max-width: 480px) {
  .card { font-size: 19px; padding: .8em .4em; }
  .de { font-size: 1.35em; }
}
"""

TEMPLATES = [
    {
        "name": "German → English",
        "qfmt": (
            '<div class="de" lang="de">{{German}}</div>'
            '{{#PartOfSpeech}}<div class="pos">{{PartOfSpeech}}</div>{{/PartOfSpeech}}'
            '{{#Sentence}}<div class="sentence" lang="de">{{Sentence}}</div>{{/Sentence}}'
        ),
        "afmt": (
            '{{FrontSide}}<hr id="answer"><div class="en">{{English}}</div>'
            '{{#Note}}<div class="note">{{Note}}</div>{{/Note}}'
            '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}'
        ),
    },
    {
        "name": "English → German (cloze)",
        "qfmt": (
            '{{#English}}<div class="en">{{English}}</div>'
            '{{#PartOfSpeech}}<div class="pos">{{PartOfSpeech}}</div>{{/PartOfSpeech}}'
            '{{#Cloze}}<div class="sentence" lang="de">{{Cloze}}</div>{{/Cloze}}{{/English}}'
        ),
        "afmt": (
            '<div class="en">{{English}}</div><hr id="answer">'
            '<div class="de" lang="de">{{German}}</div>'
            '{{#Sentence}}<div class="sentence" lang="de">{{Sentence}}</div>{{/Sentence}}'
            '{{#Note}}<div class="note">{{Note}}</div>{{/Note}}'
            '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}'
        ),
    },
]

MODEL = genanki.Model(
    MODEL_ID,
    MODEL_NAME,
    fields=[{"name": name} for name in FIELDS],
    templates=TEMPLATES,
    css=CSS,
)

GAP = '<span class="gap">[…]</span>'


def stable_id(*parts: object) -> int:
    """A deck id that is the same on every export: 31 bits of a hash, above Anki's small ids."""
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_guid(owner: str, key: str, sense: str) -> str:
    """Same learner (or class deck), lemma and sense -> same GUID -> Anki updates the note."""
    return genanki.guid_for("randnotiz", owner, key, sense)


@dataclass
class CardData:
    """One note's content before escaping."""

    guid: str
    german: str
    english: str
    part_of_speech: str
    sentence: str = ""
    spans: Sequence[Sequence[int]] = ()
    more_sentences: Sequence[str] = ()
    source: str = ""
    note: str = ""
    tags: Sequence[str] = ()


def _marked(sentence: str, spans: Sequence[Sequence[int]], mark) -> str:
    """The sentence escaped, with each span passed through `mark` (bold or a gap)."""
    out, position = [], 0
    valid = sorted((int(a), int(b)) for a, b in spans if 0 <= int(a) <= int(b) <= len(sentence))
    for start, end in valid:
        if start < position:
            continue
        out.append(html.escape(sentence[position:start]))
        out.append(mark(html.escape(sentence[start:end])))
        position = end
    out.append(html.escape(sentence[position:]))
    return "".join(out)


def _escape_multiline(text: str) -> str:
    return html.escape(text).replace("\r\n", "\n").replace("\n", "<br>")


def card_fields(card: CardData) -> list[str]:
    """The note's field values, HTML-escaped, in FIELDS order."""
    sentence = _marked(card.sentence, card.spans, lambda w: f"<b>{w}</b>") if card.sentence else ""
    cloze = (
        _marked(card.sentence, card.spans, lambda w: GAP) if card.sentence and card.spans else ""
    )
    if card.more_sentences:
        sentence = "<br>".join(
            filter(None, [sentence, *(html.escape(s) for s in card.more_sentences)])
        )
    return [
        html.escape(card.german),
        html.escape(card.english),
        html.escape(card.part_of_speech),
        cloze,
        sentence,
        html.escape(card.source),
        _escape_multiline(card.note),
    ]


def _tag(text: str) -> str:
    # Anki tags are space-separated words.
    return "".join(c if c.isalnum() or c in "-_:" else "_" for c in text)[:60] or "word"


def package_bytes(deck_name: str, deck_id: int, cards: Iterable[CardData]) -> bytes:
    """The .apkg file for these cards. Raises NothingToExport for no cards."""
    deck = genanki.Deck(deck_id, deck_name)
    for card in cards:
        deck.add_note(
            genanki.Note(
                model=MODEL,
                fields=card_fields(card),
                guid=card.guid,
                tags=[_tag(t) for t in card.tags],
            )
        )
    if not deck.notes:
        raise NothingToExport("There are no words to export.")
    package = genanki.Package(deck)
    # genanki.Package.write_to_file leaves its temporary SQLite file behind; do its two steps
    # here and clean up.
    fd, db_path = tempfile.mkstemp(suffix=".anki2")
    os.close(fd)
    try:
        connection = sqlite3.connect(db_path)
        try:
            timestamp = time.time()
            package.write_to_db(
                connection.cursor(), timestamp, iter(range(int(timestamp * 1000), 1 << 62))
            )
            connection.commit()
        finally:
            connection.close()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(db_path, "collection.anki2")
            archive.writestr("media", "{}")
        return buffer.getvalue()
    finally:
        os.remove(db_path)


# --- A learner's saved words ------------------------------------------------------------------


def saved_word_card(word, owner: str) -> CardData:
    examples = list(word.examples.all())
    first = examples[0] if examples else None
    sources = list(dict.fromkeys(e.article_title for e in examples if e.article_title))
    return CardData(
        guid=note_guid(owner, word.key, word.sense),
        german=word.headline or word.lemma,
        english=word.gloss or word.sense,
        part_of_speech=kind_label(word.kind, word.pos),
        sentence=first.sentence if first else "",
        spans=first.spans if first else (),
        more_sentences=[e.sentence for e in examples[1:]],
        source="; ".join(sources),
        note=word.note,
        tags=["randnotiz", word.kind],
    )


def learner_owner(user) -> str:
    return f"user:{user.pk}"


def learner_deck_id(user) -> int:
    return stable_id("randnotiz-deck", learner_owner(user))


def learner_deck(user, words=None) -> bytes:
    """The learner's saved words as an .apkg. Raises NothingToExport when there are none."""
    words = saved_words_for(user) if words is None else words
    owner = learner_owner(user)
    return package_bytes(
        f"Randnotiz::{user.get_username()}",
        learner_deck_id(user),
        (saved_word_card(w, owner) for w in words),
    )


# --- A class deck from an article -------------------------------------------------------------


def article_cards(article, annotation=None) -> list[CardData]:
    owner = f"article:{article.pk}"
    if annotation is None:
        annotation = Annotation.from_stored(article.annotation)
    return [
        CardData(
            guid=note_guid(owner, c.key, c.sense),
            german=c.headline,
            english="; ".join(c.senses[:2]) if c.kind == "word" else c.sense,
            part_of_speech=kind_label(c.kind, c.pos),
            sentence=c.sentence,
            spans=c.spans,
            source=article.title,
            tags=["randnotiz", "class", c.kind],
        )
        for c in article_deck_candidates(annotation)
    ]


def article_deck(article) -> bytes:
    """A class deck of an article's vocabulary: its glossed content words and expressions, each
    with the first sentence it occurs in. Raises NothingToExport for an article without any
    (not annotated yet, or no glosses)."""
    # As readers see it, teachers' corrections applied (one cached overlay, reader/render_cache.py).
    cards = article_cards(article, corrected_annotation(article))
    if not cards:
        raise NothingToExport(f"“{article.title}” has no glossed words to export yet.")
    return package_bytes(
        f"Randnotiz::{article.title[:80]}", stable_id("randnotiz-article", article.pk), cards
    )


# --- Text files -------------------------------------------------------------------------------


def cards_tsv(cards: Iterable[CardData], *, deck_name: str) -> str:
    """Tab-separated text for Anki's File > Import: header lines tell Anki the separator, that
    fields are HTML, the note type, deck, columns and which column is the GUID (so a re-import
    updates). The note type comes with the .apkg (import one once); without it Anki offers Basic
    and the learner maps columns 1 and 2 (German, English). Fields with tabs, quotes or newlines
    are quoted, which Anki's importer reads."""
    buffer = io.StringIO()
    buffer.write("#separator:tab\n#html:true\n")
    buffer.write(f"#notetype:{MODEL_NAME}\n#deck:{deck_name}\n")
    # German and English come first: in a collection without our note type Anki offers Basic,
    # and columns 1 and 2 are the obvious Front and Back.
    buffer.write("#columns:" + "\t".join([*FIELDS, "GUID", "Tags"]) + "\n")
    buffer.write(f"#guid column:{len(FIELDS) + 1}\n#tags column:{len(FIELDS) + 2}\n")
    writer = csv_writer(buffer, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    rows = 0
    for card in cards:
        writer.writerow([*card_fields(card), card.guid, " ".join(_tag(t) for t in card.tags)])
        rows += 1
    if not rows:
        raise NothingToExport("There are no words to export.")
    return buffer.getvalue()


def cards_csv(cards: Iterable[CardData]) -> str:
    """Plain comma-separated text (no HTML) for spreadsheets and other flashcard tools."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\n")
    writer.writerow(["german", "english", "part_of_speech", "sentence", "source", "note"])
    rows = 0
    for card in cards:
        writer.writerow(
            [card.german, card.english, card.part_of_speech, card.sentence, card.source, card.note]
        )
        rows += 1
    if not rows:
        raise NothingToExport("There are no words to export.")
    return buffer.getvalue()


def learner_cards(user, words=None) -> list[CardData]:
    words = saved_words_for(user) if words is None else words
    owner = learner_owner(user)
    return [saved_word_card(w, owner) for w in words]


__all__ = [
    "NothingToExport",
    "article_deck",
    "cards_csv",
    "cards_tsv",
    "learner_cards",
    "learner_deck",
    "package_bytes",
]
