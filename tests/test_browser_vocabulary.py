"""Vocabulary in a real browser: log in, save a word from the seed article, mark one known
with a key, and download the deck, which Anki itself then opens."""

import os

import pytest
from django.urls import reverse

from glossary.models import SavedWord
from nlp.document import Annotation
from tests.factories import make_user

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username="lea", password="correct horse battery"):
    page.goto(live_server.url + reverse("login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form.form button[type=submit]")
    page.wait_for_url(live_server.url + reverse("reader:article_list"))


def open_popover(page, word):
    """Click a word and wait until its popover has settled: a click both focuses and clicks
    the word, and the reading script may fetch the popover twice; a button pressed in the
    first copy would be swapped away by the second."""
    word.click()
    page.locator("#popover").wait_for(state="visible")
    s, t = word.get_attribute("data-s"), word.get_attribute("data-t")
    page.locator(f'#vocab-actions[data-s="{s}"][data-t="{t}"]').wait_for()
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    page.wait_for_timeout(150)


def test_learner_saves_a_word_marks_one_known_and_downloads_the_deck(
    browser_page, live_server, seed_article, tmp_path
):
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    make_user("lea", password="correct horse battery")
    page = browser_page
    log_in(page, live_server)
    page.goto(live_server.url + reverse("reader:article_detail", args=[seed_article.pk]))

    # Save "Haubitzen" from its popover: the button turns into "Saved" without a reload.
    open_popover(page, page.locator(".w", has_text="Haubitzen").first)
    popover = page.locator("#popover")
    page.evaluate("window.__noReload = true")
    popover.locator("button[data-save]").click()
    popover.locator("button[data-save].saved").wait_for()
    assert "✓ Saved" in popover.inner_text()
    assert page.evaluate("window.__noReload") is True
    word = SavedWord.objects.get(user__username="lea")
    # The lemma as the pipeline gives it (Haubitze; an unreduced plural lemma would still do).
    assert word.lemma.startswith("Haubitze") and "howitzer" in word.sense
    assert "Haubitzen" in word.examples.get().sentence
    # Saving makes it "learning": every Haubitze token on the page is coloured at once.
    page.wait_for_function(
        "() => [...document.querySelectorAll('.text .w')]"
        ".filter(w => w.textContent.startsWith('Haubitze'))"
        ".every(w => w.classList.contains('st-learning'))"
    )

    # Keyboard: focus another word and press 3 -> known, no longer highlighted.
    page.mouse.move(0, 0)
    target = page.locator(".text .w.st-new:not(.name)").nth(3)
    key = target.get_attribute("data-s"), target.get_attribute("data-t")
    target = page.locator(f'.text .w[data-s="{key[0]}"][data-t="{key[1]}"]')
    target.focus()
    page.keyboard.press("3")
    page.wait_for_function("() => document.activeElement.classList.contains('st-known')")
    from reader.models import LemmaStatus

    assert LemmaStatus.objects.filter(user__username="lea", status="known").exists()
    assert key == (target.get_attribute("data-s"), target.get_attribute("data-t"))

    # The vocabulary page lists the word; the deck downloads and Anki opens it.
    page.goto(live_server.url + reverse("glossary:vocabulary"))
    assert "die Haubitze" in page.locator("table.vocab").inner_text()
    with page.expect_download() as download_info:
        page.click("text=Anki deck (.apkg)")
    deck = tmp_path / "deck.apkg"
    download_info.value.save_as(deck)
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(
                package_path=str(deck),
                options=ImportAnkiPackageOptions(merge_notetypes=True, with_scheduling=False),
            )
        )
        notes = [dict(col.get_note(nid).items()) for nid in col.find_notes("")]
        assert len(notes) == 1 and notes[0]["German"].startswith("die Haubitze")
        assert notes[0]["English"] == word.gloss
        assert "<b>Haubitzen</b>" in notes[0]["Sentence"]
    finally:
        col.close()


def test_vocabulary_page_edit_and_delete_inline(browser_page, live_server, seed_article):
    from glossary.services import saved_word_add
    from glossary.vocabulary import candidate_at

    user = make_user("lea", password="correct horse battery")
    annotation = Annotation.from_json(seed_article.annotation)
    positions = list(
        {
            token.key: (s, t)
            for s, t, token in annotation.tokens()
            if token.upos in {"NOUN", "VERB"} and token.gloss
        }.values()
    )[:2]
    for s, t in positions:
        saved_word_add(user=user, candidate=candidate_at(annotation, s, t), article=seed_article)
    first, second = SavedWord.objects.filter(user=user).order_by("id")
    page = browser_page
    log_in(page, live_server)
    page.goto(live_server.url + reverse("glossary:vocabulary"))

    # Search filters the table as one types (htmx, the URL follows).
    page.fill("input[name=q]", first.gloss)
    page.locator(f"#word-{second.pk}").wait_for(state="detached")
    assert "q=" in page.url
    page.fill("input[name=q]", "")
    page.locator(f"#word-{second.pk}").wait_for()

    row = page.locator(f"#word-{first.pk}")
    row.locator("text=Edit").click()
    page.fill(f"#word-{first.pk} textarea[name=note]", "remember the plural")
    page.locator(f"#word-{first.pk} button[type=submit]").click()
    page.locator(f"#word-{first.pk} .note", has_text="remember the plural").wait_for()

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f"#word-{second.pk} button", has_text="Delete").click()
    page.locator(f"#word-{second.pk}").wait_for(state="detached")
    assert not SavedWord.objects.filter(pk=second.pk).exists()
    first.refresh_from_db()
    assert first.note == "remember the plural"


def test_learner_marks_the_rest_of_the_article_known_and_undoes_it(browser_page, live_server):
    from reader.models import LemmaStatus
    from tests.classroom_factories import make_ready_article

    make_user("lea", password="correct horse battery")
    article = make_ready_article()
    page = browser_page
    log_in(page, live_server)
    page.goto(live_server.url + reverse("reader:article_detail", args=[article.pk]))

    # A saved word is "learning"; the others are new until the learner says they know them.
    open_popover(page, page.locator(".text .w", has_text="Raketenwerfer"))
    page.locator("#popover button[data-save]").click()
    page.locator("#popover button[data-save].saved").wait_for()
    page.get_by_role("button", name="Mark the rest as known").click()

    page.get_by_text("8 words marked as known.").wait_for()
    words = page.locator(".text .w")
    classes = {w.inner_text(): w.get_attribute("class") for w in words.all()}
    assert "st-learning" in classes["Raketenwerfer"]
    assert all("st-known" in c for text, c in classes.items() if text != "Raketenwerfer")
    assert LemmaStatus.objects.filter(user__username="lea", status="known").count() == 8

    page.get_by_role("button", name="Undo").click()
    page.get_by_text("Undone: 8 words marked new again.").wait_for()
    assert page.locator(".text .w.st-known").count() == 0
    assert list(LemmaStatus.objects.values_list("key", "status")) == [("raketenwerfer", "learning")]
