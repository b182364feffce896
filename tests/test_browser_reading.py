"""The reading view in a real browser: hover, keyboard, phone width."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hovering_haubitzen_shows_howitzer(browser_page, live_server, seed_article):
    page = browser_page
    page.goto(live_server.url + reverse("reader:article_detail", args=[seed_article.pk]))
    page.locator(".w", has_text="Haubitzen").first.hover()
    popover = page.locator("#popover")
    popover.wait_for(state="visible")
    assert "howitzer" in popover.inner_text()
    assert "die Haubitze, -n" in popover.inner_text()


def test_keyboard_alone_reaches_a_popover(browser_page, live_server, seed_article):
    page = browser_page
    page.goto(live_server.url + reverse("reader:article_detail", args=[seed_article.pk]))
    # Tab past the header links into the text; the first focused word opens its popover.
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('w')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('w')")
    page.locator("#popover").wait_for(state="visible")
    first = page.locator("#popover .headline").inner_text()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "(first) => document.querySelector('#popover .headline')?.innerText !== first", arg=first
    )
    page.keyboard.press("Escape")
    page.locator("#popover").wait_for(state="hidden")


def test_escape_also_cancels_a_hover_that_had_just_begun(browser_page, live_server, seed_article):
    """The pointer passes over another word and the reader presses Escape at once: the
    popover stays closed, instead of that word's opening a moment later."""
    page = browser_page
    page.goto(live_server.url + reverse("reader:article_detail", args=[seed_article.pk]))
    page.locator(".w", has_text="Haubitzen").first.click()
    page.locator("#popover").wait_for(state="visible")
    # Both in one task, well inside the 120 ms a hover waits before it opens.
    page.evaluate(
        """() => {
            const other = document.querySelectorAll('.text .w')[5];
            other.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
            document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));
        }"""
    )
    page.wait_for_timeout(600)
    assert page.locator("#popover").is_hidden()


def test_phone_width_shows_the_popover_as_a_bottom_sheet(browser_page, live_server, seed_article):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + reverse("reader:article_detail", args=[seed_article.pk]))
    page.locator(".w", has_text="Haubitzen").first.click()
    popover = page.locator("#popover")
    popover.wait_for(state="visible")
    box = popover.bounding_box()
    assert box["width"] >= 380 and box["y"] + box["height"] >= 790


def test_notes_panel_filters_by_kind_and_leads_to_the_word(browser_page, live_server, seed_article):
    page = browser_page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(live_server.url + reverse("reader:article_detail", args=[seed_article.pk]))
    page.get_by_role("button", name="Verbs").click()
    visible = page.locator(".note-list .note:visible")
    assert visible.count() >= 1
    assert all(
        "verb" in (visible.nth(i).get_attribute("class") or "") for i in range(visible.count())
    )
    page.locator(".note-list .note.separable_verb .note-link", has_text="vorstellen").click()
    page.locator("#popover").wait_for(state="visible")
    assert "vorstellen" in page.locator("#popover").inner_text()
