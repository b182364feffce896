"""Look further: the popover links a word to outside dictionaries and its sentence to a
translator, from templates an administrator can change. The server never calls them."""

import html as html_lib
import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from lexicon.lookup_sites import lookup_links, lookup_url
from lexicon.models import LookupKind, LookupSite
from tests.test_reader_views import find_token

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


def popover_links(client, article, text) -> dict[str, str]:
    s, t = find_token(article, text)
    response = client.get(reverse("reader:word_popover", args=[article.pk, s, t]), headers=HX)
    page = response.content.decode()
    section = page.split('class="look-further"', 1)[1].split("</div>", 1)[0]
    new_tab = r'<a href="([^"]+)" target="_blank" rel="noopener noreferrer"[^>]*>([^<]+)<'
    links = re.findall(new_tab, section)
    return {name: html_lib.unescape(url) for url, name in links}


def test_placeholder_takes_the_term_url_encoded_in_either_spelling():
    assert lookup_url("https://www.dwds.de/wb/{}", "Haubitze") == "https://www.dwds.de/wb/Haubitze"
    assert lookup_url("https://x.example/?q=###", "groß & klein") == (
        "https://x.example/?q=gro%C3%9F%20%26%20klein"
    )
    # A slash would cut DeepL's /de/en/<text> fragment.
    assert lookup_url("https://www.deepl.com/translator#de/en/{}", "1/2 Satz") == (
        "https://www.deepl.com/translator#de/en/1%2F2%20Satz"
    )


def test_defaults_are_four_dictionaries_and_a_translator():
    links = lookup_links(word="Haubitze", sentence="Ein Satz.")
    assert [link.name for link in links["word"]] == ["DWDS", "Duden", "Wiktionary", "Linguee"]
    assert [link.name for link in links["sentence"]] == ["DeepL"]


def test_popover_links_the_lemma_and_the_sentence_in_new_tabs(client, seed_article):
    links = popover_links(client, seed_article, "Haubitzen")
    assert links["DWDS"] == "https://www.dwds.de/wb/Haubitze"
    assert links["Wiktionary"] == "https://en.wiktionary.org/wiki/Haubitze#German"
    deepl = links["Translate with DeepL"]
    assert deepl.startswith("https://www.deepl.com/translator#de/en/")
    assert "Haubitzen" in deepl and " " not in deepl


def test_an_administrators_change_reaches_the_popover(client, seed_article):
    LookupSite.objects.filter(name="Duden").update(enabled=False)
    LookupSite.objects.create(
        name="Leo", url_template="https://dict.leo.org/german-english/###", position=0
    )
    links = popover_links(client, seed_article, "Haubitzen")
    assert "Duden" not in links
    assert links["Leo"] == "https://dict.leo.org/german-english/Haubitze"
    assert list(links)[0] == "Leo"


def test_no_enabled_site_leaves_the_popover_without_the_section(client, seed_article):
    LookupSite.objects.update(enabled=False)
    s, t = find_token(seed_article, "Haubitzen")
    response = client.get(reverse("reader:word_popover", args=[seed_article.pk, s, t]), headers=HX)
    assert "look-further" not in response.content.decode()


@pytest.mark.parametrize(
    "template",
    ["https://www.dwds.de/wb/", "javascript:alert('{}')", "data:text/html,{}"],
)
def test_a_template_without_placeholder_or_web_address_is_refused(template):
    with pytest.raises(IntegrityError), transaction.atomic():
        LookupSite.objects.create(name="Bad", url_template=template, kind=LookupKind.WORD)


def test_administrator_edits_sites_in_the_admin(admin_client):
    response = admin_client.get(reverse("admin:lexicon_lookupsite_changelist"))
    assert response.status_code == 200
    assert "DWDS" in response.content.decode()
