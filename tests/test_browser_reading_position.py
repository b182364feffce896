"""The reading position in a real browser: the page scrolls back to where the reader left off
(static/js/position.js)."""

import pytest
from django.urls import reverse

from reader.models import Article, ReadingPosition
from tests.classroom_factories import make_ready_article, token
from tests.factories import make_user
from tests.test_accessibility import log_in

# The policy is checked in tests/test_browser_csp.py; axe and Playwright's helpers are put
# into the page as scripts, which it refuses.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser_context_args(bypass_csp=True),
]

SENTENCES = 80


def make_long_article(owner) -> Article:
    """Eighty one-sentence paragraphs, far more than one screen."""
    sentences = [
        {
            "paragraph": i,
            "kind": "text",
            "tokens": [
                token("Der", "der", "DET", gloss="the"),
                token("Plan", gloss="plan", gender="m"),
                token("ist", "sein", "AUX", gloss="to be"),
                token("gut", "gut", "ADJ", ws="", gloss="good"),
                token(".", ".", "PUNCT", ws="\n\n"),
            ],
            "expressions": [],
        }
        for i in range(SENTENCES)
    ]
    article = make_ready_article("Ein langer Text", created_by=owner)
    Article.objects.filter(pk=article.pk).update(
        annotation={"version": 1, "sentences": sentences},
        text="\n\n".join(["Der Plan ist gut."] * SENTENCES),
    )
    return article


def _eventually(page, check, seconds: float = 15):
    """Poll `check` until it returns something true (the page saves its position in the
    background, later on a loaded machine), and return that."""
    for _ in range(int(seconds * 10)):
        found = check()
        if found:
            return found
        page.wait_for_timeout(100)
    return check()


def _top_sentence(page) -> int:
    return page.evaluate(
        """() => {
          const s = [...document.querySelectorAll('#article .text .s')]
            .find((el) => el.getBoundingClientRect().bottom > 0);
          return parseInt(s.id.slice(1), 10);
        }"""
    )


def test_the_reading_page_opens_where_the_reader_left_off(browser_page, live_server):
    page, base = browser_page, live_server.url
    lea = make_user("lea")
    article = make_long_article(lea)
    log_in(page, base, lea)
    url = base + reverse("reader:article_detail", args=[article.pk])

    page.goto(url)
    page.evaluate("document.getElementById('s50').scrollIntoView({block: 'start'})")
    # Saved once scrolling has stopped for a moment.
    position = _eventually(
        page, lambda: ReadingPosition.objects.filter(user=lea, article=article).first()
    )
    assert position is not None and 48 <= position.sentence <= 50

    page.goto(base + reverse("reader:article_list"))
    page.goto(url)
    page.wait_for_function("() => window.scrollY > 0")
    assert 48 <= _top_sentence(page) <= 50

    # Opening a word moves the position to its sentence.
    page.locator("#s52 .w").first.click()
    page.locator("#popover").wait_for(state="visible")
    assert _eventually(page, lambda: ReadingPosition.objects.get(pk=position.pk).sentence == 52)


def test_a_link_to_a_place_in_the_text_wins_over_the_reading_position(browser_page, live_server):
    page, base = browser_page, live_server.url
    lea = make_user("lea")
    article = make_long_article(lea)
    ReadingPosition.objects.create(user=lea, article=article, sentence=60)
    log_in(page, base, lea)
    page.goto(base + reverse("reader:article_detail", args=[article.pk]) + "#s10")
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)  # long enough for position.js to have run, had it moved the page
    assert 9 <= _top_sentence(page) <= 10


def test_leaving_before_scrolling_settles_keeps_where_the_screen_was(browser_page, live_server):
    page, base = browser_page, live_server.url
    lea = make_user("lea")
    article = make_long_article(lea)
    log_in(page, base, lea)
    page.goto(base + reverse("reader:article_detail", args=[article.pk]))
    page.evaluate("document.getElementById('s30').scrollIntoView({block: 'start'})")
    page.goto(base + reverse("reader:article_list"))  # at once, before the position is taken
    position = _eventually(
        page, lambda: ReadingPosition.objects.filter(user=lea, article=article).first()
    )
    assert position is not None and 28 <= position.sentence <= 30
