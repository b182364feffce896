"""Wiktionary enrichment on saved pages in today's HTML structure; the network is mocked."""

from io import StringIO
from pathlib import Path

import pytest
import requests
from bs4 import BeautifulSoup
from django.core.management import call_command

from lexicon.database import DbLexicon
from lexicon.models import Entry, Sense, Source, WiktionaryPage
from lexicon.wiktionary import (
    fetch_html,
    german_section,
    legacy_html,
    parse_section,
    wiktionary_enrich,
)
from reader.models import Article

PAGES = Path(__file__).parent / "fixtures" / "wiktionary"


def page(name: str) -> str:
    return (PAGES / f"{name}.html").read_text(encoding="utf-8")


class FakeResponse:
    def __init__(self, status_code: int, text: str = ""):
        self.status_code, self.text = status_code, text


@pytest.fixture
def wiktionary(monkeypatch):
    """requests.get answered from tests/fixtures/wiktionary; records every request."""
    calls: list[dict] = []

    def fake_get(url, headers=None, timeout=None, **kwargs):
        calls.append({"url": url, "headers": headers or {}, "timeout": timeout})
        title = url.rsplit("/", 1)[-1]
        path = PAGES / f"{requests.utils.unquote(title)}.html"
        if not path.exists():
            return FakeResponse(404)
        return FakeResponse(200, path.read_text(encoding="utf-8"))

    monkeypatch.setattr("lexicon.wiktionary.requests.get", fake_get)
    return calls


@pytest.fixture
def offline(monkeypatch):
    def fail(*args, **kwargs):
        raise requests.ConnectionError("no network here")

    monkeypatch.setattr("lexicon.wiktionary.requests.get", fail)


def test_wiktionaryparser_alone_finds_nothing_on_todays_pages():
    # Why the adapter exists: 0.0.97 looks for span.mw-headline and the TOC.
    from wiktionaryparser import WiktionaryParser

    parser = WiktionaryParser()
    parser.soup = BeautifulSoup(page("Haubitze").replace(">\n<", "><"), "html.parser")
    parser.current_word = "Haubitze"
    parser.clean_html()
    data = parser.get_word_data("german")
    assert all(not item["definitions"] for item in data)


def test_legacy_html_gives_the_parser_old_style_headings_and_a_toc():
    soup = BeautifulSoup(legacy_html(german_section(page("Haubitze"))), "html.parser")
    assert [s.text for s in soup.select("span.toctext")][:4] == [
        "German",
        "Etymology",
        "Pronunciation",
        "Noun",
    ]
    assert soup.select_one("h3 > span.mw-headline#Noun_2").text == "Noun"
    assert not soup.select("div.mw-heading")


def test_german_section_leaves_other_languages_out():
    section = german_section(page("Haubitze"))
    assert "Dutch sense" not in section and "Swedish sense" not in section
    assert "howitzer" in section
    assert german_section(page("gift")) == ""


def test_noun_definitions_with_labels_as_detail_and_grammar():
    word = parse_section("Haubitze", german_section(page("Haubitze")))
    assert [(s.pos, s.gloss, s.detail) for s in word.senses] == [
        ("NOUN", "howitzer", "(military)"),
        ("NOUN", "someone who drinks a lot", "(figurative, colloquial)"),
    ]
    assert word.gender == {"NOUN": "f"} and word.plural == {"NOUN": "Haubitzen"}


def test_verb_definitions_leave_usage_examples_out():
    word = parse_section("aufwiegen", german_section(page("aufwiegen")))
    assert [s.gloss for s in word.senses] == ["to counterbalance, to offset", "to outweigh"]
    assert all("advantages" not in s.gloss for s in word.senses)


def test_page_without_german_section_has_no_senses():
    assert parse_section("gift", german_section(page("gift"))).senses == []


def test_fetch_names_the_app_in_the_user_agent(wiktionary):
    status, html = fetch_html("Haubitze")
    assert status == 200 and "Haubitze" in html
    (call,) = wiktionary
    assert call["url"].endswith("/wiki/Haubitze")
    assert call["headers"]["User-Agent"].startswith("Randnotiz/")
    assert "contact:" in call["headers"]["User-Agent"]
    assert call["timeout"]


@pytest.mark.django_db
def test_enrich_stores_senses_with_source_wiktionary_and_caches_the_page(wiktionary):
    counts = wiktionary_enrich(["Haubitze", "aufwiegen", "Gibtsnicht"], pause=0)
    assert counts == {"lemmas": 3, "fetched": 3, "found": 2, "senses": 4, "offline": 0}
    entry = Entry.objects.get(key="haubitze", source=Source.WIKTIONARY)
    assert (entry.pos, entry.gender, entry.plural) == ("NOUN", "f", "Haubitzen")
    assert list(entry.senses.values_list("gloss", "source")) == [
        ("howitzer", "wiktionary"),
        ("someone who drinks a lot", "wiktionary"),
    ]
    assert WiktionaryPage.objects.get(title="Gibtsnicht").status == 404
    # A second run reads the cache: no request at all.
    wiktionary.clear()
    counts = wiktionary_enrich(["Haubitze", "Gibtsnicht"], pause=0)
    assert wiktionary == [] and counts["fetched"] == 0
    assert Entry.objects.filter(key="haubitze", source=Source.WIKTIONARY).count() == 1


@pytest.mark.django_db
def test_cached_pages_still_work_offline(wiktionary, monkeypatch):
    wiktionary_enrich(["aufwiegen"], pause=0)
    Entry.objects.filter(source=Source.WIKTIONARY).delete()

    def fail(*args, **kwargs):
        raise requests.ConnectionError("offline")

    monkeypatch.setattr("lexicon.wiktionary.requests.get", fail)
    counts = wiktionary_enrich(["aufwiegen"], pause=0)
    assert counts["senses"] == 2 and counts["offline"] == 0


@pytest.mark.django_db
def test_enrich_stops_quietly_when_offline(offline):
    messages: list[str] = []
    counts = wiktionary_enrich(["Haubitze", "aufwiegen"], pause=0, log=messages.append)
    assert counts["offline"] == 1 and counts["lemmas"] == 1
    assert "not reachable" in messages[0]
    assert not WiktionaryPage.objects.exists()


@pytest.mark.django_db
def test_wiktionary_senses_come_after_ding_in_the_lexicon(wiktionary, sample_lexicon):
    wiktionary_enrich(["Haubitze"], pause=0)
    entries = DbLexicon().lookup_many(["Haubitze"])["haubitze"]
    assert [e.source for e in entries] == ["ding", "wiktionary"]
    assert Sense.objects.filter(source=Source.DING, entry__key="haubitze").exists()


@pytest.mark.django_db
def test_command_looks_up_unglossed_lemmas_of_annotated_articles(wiktionary):
    annotation = {
        "version": 1,
        "sentences": [
            {
                "tokens": [
                    {"text": "wog", "lemma": "aufwiegen", "upos": "VERB", "gloss": None},
                    {"text": "Haus", "lemma": "Haus", "upos": "NOUN", "gloss": "house"},
                    {"text": "Kim", "lemma": "Kim", "upos": "PROPN", "gloss": None},
                ],
                "expressions": [],
            }
        ],
    }
    Article.objects.create(title="t", text="x", status="ready", annotation=annotation)
    out = StringIO()
    call_command("wiktionary_enrich", "--pause", "0", stdout=out)
    assert [c["url"].rsplit("/", 1)[-1] for c in wiktionary] == ["aufwiegen"]
    assert "1 with German definitions, 2 senses stored" in out.getvalue()
    assert Entry.objects.get(key="aufwiegen").source == "wiktionary"


@pytest.mark.django_db
def test_command_says_so_when_offline(offline):
    out, err = StringIO(), StringIO()
    call_command("wiktionary_enrich", "Haubitze", "--pause", "0", stdout=out, stderr=err)
    assert "could not be reached" in err.getvalue()
