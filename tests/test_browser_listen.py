"""Listen and reading comfort in a real browser.

Headless Chromium has speechSynthesis but no voices, so the page gets a stand-in with one
German voice that records what it is asked to say and finishes an utterance only when the test
says so (window.__finishSpeaking): the test sees which sentence is highlighted meanwhile."""

import pytest
from django.urls import reverse

from tests.test_accessibility import Audit, focus_first_word, wait_for_popover_of_focused_word

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GERMAN_VOICE = """
(() => {
  const voice = {name: "Anna", lang: "de-DE", default: true, localService: true, voiceURI: "Anna"};
  const queue = [];
  window.__spoken = [];
  window.__finishSpeaking = () => {
    const u = queue.shift();
    if (u) u.dispatchEvent(new Event("end"));
  };
  const synth = {
    speaking: false, pending: false, paused: false,
    getVoices: () => [voice],
    speak(u) { window.__spoken.push({text: u.text, lang: u.lang, rate: u.rate}); queue.push(u); },
    cancel() { queue.splice(0).forEach((u) => u.dispatchEvent(new Event("end"))); },
    pause() {}, resume() {},
    addEventListener() {}, removeEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  // The real utterance accepts only a real SpeechSynthesisVoice.
  window.SpeechSynthesisUtterance = class extends EventTarget {
    constructor(text) {
      super(); this.text = text; this.lang = ""; this.rate = 1; this.voice = null;
    }
  };
})();
"""


def open_article(page, live_server, article):
    page.goto(live_server.url + reverse("reader:article_detail", args=[article.pk]))
    page.wait_for_function("() => document.documentElement.dataset.speech")


def spoken(page) -> list[str]:
    return [u["text"] for u in page.evaluate("window.__spoken")]


def sentence_text(page, index: int) -> str:
    return page.evaluate(
        "(i) => document.getElementById('s' + i).textContent.replace(/\\s+/g, ' ').trim()", index
    )


def speaking_ids(page) -> list[str]:
    return page.evaluate("Array.from(document.querySelectorAll('.s.speaking'), (s) => s.id)")


def test_popover_reads_the_word_and_its_sentence(browser_page, live_server, seed_article):
    page = browser_page
    page.add_init_script(GERMAN_VOICE)
    open_article(page, live_server, seed_article)
    word = page.locator(".text .w", has_text="Haubitzen").first
    s = int(word.get_attribute("data-s"))
    word.click()
    popover = page.locator("#popover")
    popover.wait_for(state="visible")
    popover.get_by_role("button", name="Word", exact=True).click()
    assert page.evaluate("window.__spoken")[-1] == {"text": "Haubitzen", "lang": "de-DE", "rate": 1}
    popover.get_by_role("button", name="Sentence").click()
    assert spoken(page)[-1] == sentence_text(page, s)
    assert speaking_ids(page) == [f"s{s}"]
    page.evaluate("window.__finishSpeaking()")
    # Only that sentence: nothing more is read, the highlight goes.
    page.wait_for_function("() => !document.querySelector('.s.speaking')")
    assert spoken(page)[-1] == sentence_text(page, s)


def test_article_is_read_on_from_a_sentence_with_it_highlighted(
    browser_page, live_server, seed_article
):
    page = browser_page
    page.add_init_script(GERMAN_VOICE)
    open_article(page, live_server, seed_article)
    # The keyboard alone: Tab to a word, Enter into its popover, Tab to "Read on from here".
    focus_first_word(page)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    wait_for_popover_of_focused_word(page)
    s = int(page.evaluate("document.activeElement.dataset.s"))
    page.keyboard.press("Enter")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.speak === 'from'"):
            break
    assert page.evaluate("document.activeElement.dataset.speak") == "from"
    page.keyboard.press("Enter")
    assert spoken(page) == [sentence_text(page, s)]
    assert speaking_ids(page) == [f"s{s}"]
    page.evaluate("window.__finishSpeaking()")
    page.wait_for_function(
        "(id) => document.getElementById(id).classList.contains('speaking')", arg=f"s{s + 1}"
    )
    assert speaking_ids(page) == [f"s{s + 1}"]
    assert spoken(page)[-1] == sentence_text(page, s + 1)
    # Escape closes the popover and stops reading.
    page.keyboard.press("Escape")
    assert speaking_ids(page) == []
    assert page.get_by_role("button", name="Stop").is_disabled()


def test_rate_is_kept_and_used(browser_page, live_server, seed_article):
    page = browser_page
    page.add_init_script(GERMAN_VOICE)
    open_article(page, live_server, seed_article)
    page.locator("#listen-rate").fill("0.7")
    assert page.locator("#listen-rate-value").inner_text() == "0.7×"
    page.reload()
    page.wait_for_function("() => document.documentElement.dataset.speech")
    assert page.locator("#listen-rate").input_value() == "0.7"
    page.get_by_role("button", name="Listen to the article").click()
    first = page.evaluate("window.__spoken")[0]
    assert first["rate"] == pytest.approx(0.7)
    assert first["text"] == sentence_text(page, 0)
    page.get_by_role("button", name="Stop").click()
    assert speaking_ids(page) == []


def test_without_a_german_voice_the_controls_hide_behind_a_note(
    browser_page, live_server, seed_article
):
    page = browser_page  # headless Chromium as it is: speechSynthesis without any voice
    open_article(page, live_server, seed_article)
    assert page.evaluate("document.documentElement.dataset.speech") == "no"
    assert page.locator(".speech-none").is_visible()
    assert "German voice" in page.locator(".speech-none").inner_text()
    assert not page.get_by_role("button", name="Listen to the article").is_visible()
    page.locator(".text .w", has_text="Haubitzen").first.click()
    page.locator("#popover").wait_for(state="visible")
    assert page.locator("#popover [data-speak]").count() == 3
    assert not page.locator("#popover .listen-word").is_visible()


def test_text_size_and_dark_theme_are_kept_per_browser(browser_page, live_server, seed_article):
    page = browser_page
    open_article(page, live_server, seed_article)
    text = page.locator(".reading .text")
    before = float(text.evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)"))
    page.get_by_role("button", name="larger text").click()
    page.get_by_role("button", name="larger text").click()
    page.get_by_role("button", name="Dark theme").click()
    page.reload()
    after = float(text.evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)"))
    assert after == pytest.approx(before * 1.32, rel=0.02)
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.get_by_role("button", name="Dark theme").get_attribute("aria-pressed") == "true"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(18, 18, 20)"


# axe is put into the page as a <script>, which the Content-Security-Policy refuses.
@pytest.mark.browser_context_args(bypass_csp=True)
def test_dark_theme_follows_the_system_and_passes_axe(browser_page, live_server, seed_article):
    from lexicon.models import LookupSite

    LookupSite.objects.create(name="DWDS", url_template="https://www.dwds.de/wb/{}")
    LookupSite.objects.create(
        name="DeepL", url_template="https://www.deepl.com/translator#de/en/{}", kind="sentence"
    )
    page = browser_page
    page.add_init_script(GERMAN_VOICE)
    page.emulate_media(color_scheme="dark")
    audit = Audit(page)
    open_article(page, live_server, seed_article)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(18, 18, 20)"
    assert page.get_by_role("button", name="Dark theme").get_attribute("aria-pressed") == "true"
    audit.check("article, dark")
    page.locator(".text .w", has_text="Haubitzen").first.click()
    page.locator("#popover").wait_for(state="visible")
    page.locator("#popover").get_by_role("button", name="Sentence").click()
    audit.check("popover with listen and look-up links, a sentence being read, dark")
    page.emulate_media(color_scheme="light")
    audit.check("popover, light")
    page.goto(live_server.url + reverse("reader:article_list"))
    page.emulate_media(color_scheme="dark")
    audit.check("article list, dark")
    audit.assert_clean()
