import re

import pytest
from django.urls import reverse

from reader.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def find_token(article, text):
    for s, sentence in enumerate(article.annotation["sentences"]):
        for t, token in enumerate(sentence["tokens"]):
            if token["text"] == text:
                return s, t
    raise AssertionError(f"{text} not in article")


def test_article_list_shows_the_seed_first(client, seed_article):
    make_article(title="Ein späterer Artikel")
    response = client.get(reverse("reader:article_list"))
    assert response.status_code == 200
    titles = [a.title for a in response.context["articles"]]
    assert titles[0] == seed_article.title


def test_seed_article_renders_paragraphs_subheadings_and_words(client, seed_article):
    response = client.get(reverse("reader:article_detail", args=[seed_article.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<h2 class="subhead">') == 3
    assert "Seoul (taz)" in re.sub(r"<[^>]+>", "", html)
    assert 'tabindex="0"' in html and ">Haubitzen</span>" in html


def test_popover_for_haubitzen_shows_article_plural_and_gloss(client, seed_article):
    s, t = find_token(seed_article, "Haubitzen")
    url = reverse("reader:word_popover", args=[seed_article.pk, s, t])
    response = client.get(url, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # a fragment for htmx, not the page
    assert "die Haubitze, -n" in html
    assert "howitzer" in html
    assert "noun, plural" in html


def test_popover_without_javascript_is_the_whole_page_with_the_word(client, seed_article):
    s, t = find_token(seed_article, "Haubitzen")
    response = client.get(reverse("reader:word_popover", args=[seed_article.pk, s, t]))
    html = response.content.decode()
    assert "<html" in html and "howitzer" in html


def test_names_are_labelled_not_glossed(client, seed_article):
    s, t = find_token(seed_article, "Putin")
    response = client.get(
        reverse("reader:word_popover", args=[seed_article.pk, s, t]), headers={"HX-Request": "true"}
    )
    assert "name" in response.content.decode()


def test_unknown_word_address_is_404_not_500(client, seed_article):
    response = client.get(
        reverse("reader:word_popover", args=[seed_article.pk, 999, 0]),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 404


def test_script_in_article_text_shows_as_text(client, sample_lexicon):
    article = make_article(title="<b>Titel</b>", text="Das ist <script>alert(1)</script> ein Test.")
    html = client.get(reverse("reader:article_detail", args=[article.pk])).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in re.sub(r"<[^>]+>", "", html)
    assert "<b>Titel</b>" not in html


def test_two_megabytes_of_text_is_refused_with_a_message(sample_lexicon):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="too long"):
        make_article(text="Wort " * 420_000)
    assert not Article.objects.exists()


def test_punctuation_only_article_is_refused(sample_lexicon):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="no words"):
        make_article(text="!!! ??? ...")


def test_pending_article_shows_progress_that_polls(client, db):
    article = make_article(annotate="none")
    html = client.get(reverse("reader:article_detail", args=[article.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in html
    partial = client.get(
        reverse("reader:article_detail", args=[article.pk]) + "?status=1",
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "<html" not in partial and "Waiting to be annotated" in partial


def test_load_seeds_twice_keeps_one_seed(seed_article):
    from django.core.management import call_command

    call_command("load_seeds", verbosity=0)
    assert Article.objects.filter(seed_order__isnull=False).count() == 1


def test_notes_panel_lists_compounds_and_separable_verbs_linked_to_their_place(
    client, seed_article
):
    html = client.get(reverse("reader:article_detail", args=[seed_article.pk])).content.decode()
    notes = html[html.index('id="notes"') :]
    assert "Mehrfach|raketenwerfer" in notes
    assert "vorstellen" in notes and "stellte … vor" in notes
    assert 'class="note-link"' in notes and 'href="#s' in notes


def test_popover_on_either_part_of_a_separable_verb_shows_the_whole_verb(client, seed_article):
    s, t = find_token(seed_article, "stellte")
    html = client.get(
        reverse("reader:word_popover", args=[seed_article.pk, s, t]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "vorstellen" in html and "stellte … vor" in html
    tokens = seed_article.annotation["sentences"][s]["tokens"]
    vor = max(i for i, token in enumerate(tokens) if token["text"] == "vor")
    html = client.get(
        reverse("reader:word_popover", args=[seed_article.pk, s, vor]),
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "vorstellen" in html
