"""The cached reading markup (reader/render_cache.py) is never stale."""

import pytest
from django.contrib.auth.models import AnonymousUser

from classroom.services import correction_add, correction_delete
from nlp.document import Annotation
from reader.corrections import apply_corrections
from reader.models import Article
from reader.render_cache import (
    article_for_reading,
    article_reading_html,
    cache,
    corrected_annotation,
)
from reader.rendering import reading_blocks, reading_html
from reader.selectors import article_corrections
from reader.services import article_annotate
from tests.factories import make_article, make_user

ANYONE = AnonymousUser()  # the seed-like articles here are in the shared library

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def stored(article) -> Annotation:
    return Annotation.from_json(Article.objects.get(pk=article.pk).annotation)


def fresh_html(article, statuses):
    annotation = stored(article)
    return reading_html(
        reading_blocks(apply_corrections(annotation, article_corrections(article.pk)), statuses)
    )


def first_word_key(article) -> str:
    return stored(article).sentences[0].tokens[1].key


def test_cached_markup_equals_freshly_built_markup_and_is_reused():
    article = make_article()
    first = article_reading_html(article_for_reading(ANYONE, article.pk), {})
    again = article_reading_html(article_for_reading(ANYONE, article.pk), {})
    assert first == again == fresh_html(article, {})


def test_a_status_of_a_word_in_the_article_changes_the_markup():
    article = make_article()
    key = first_word_key(article)
    plain = article_reading_html(article_for_reading(ANYONE, article.pk), {})
    known = article_reading_html(article_for_reading(ANYONE, article.pk), {key: "known"})
    assert known == fresh_html(article, {key: "known"})
    assert known != plain


def test_every_reader_shares_one_entry_whatever_their_statuses():
    article = make_article()
    article_reading_html(article_for_reading(ANYONE, article.pk), {})
    article_reading_html(
        article_for_reading(ANYONE, article.pk), {first_word_key(article): "known"}
    )
    article_reading_html(article_for_reading(ANYONE, article.pk), {"zebrastreifen": "known"})
    assert len(cache) == 2  # the decoded annotation and the markup, both for every reader


def test_markup_with_any_statuses_equals_a_fresh_build():
    article = make_article()
    keys = sorted({t.key for _, _, t in stored(article).tokens()})
    for n in range(len(keys)):
        statuses = {k: ("known" if i % 2 else "learning") for i, k in enumerate(keys[: n + 1])}
        statuses["woanders"] = "known"
        cached = article_reading_html(article_for_reading(ANYONE, article.pk), statuses)
        assert cached == fresh_html(article, statuses), statuses


def test_a_teachers_correction_shows_at_once():
    article = make_article()
    teacher = make_user("frau_meier")
    before = article_reading_html(article_for_reading(ANYONE, article.pk), {})
    correction_add(
        article=article, user=teacher, kind="compound_remove", key=first_word_key(article)
    )
    after = article_reading_html(article_for_reading(ANYONE, article.pk), {})
    assert after == fresh_html(article, {})
    assert len(cache) == 4 and before is not None  # annotation and markup, before and after


def test_reannotation_gives_new_markup():
    article = make_article()
    article_reading_html(article_for_reading(ANYONE, article.pk), {})
    Article.objects.filter(pk=article.pk).update(text="Ganz neuer Text hier.")
    article_annotate(article.pk)
    after = article_reading_html(article_for_reading(ANYONE, article.pk), {})
    assert "neuer" in after


def test_cached_notes_panel_follows_a_teachers_correction(client):
    from django.urls import reverse

    from tests.classroom_factories import make_ready_article

    article = make_ready_article()
    url = reverse("reader:article_detail", args=[article.pk])

    def notes_html() -> str:
        page = client.get(url).content.decode()
        return page[page.find('id="notes"') : page.find("</section>", page.find('id="notes"'))]

    assert "Rakete" in notes_html()
    assert "Rakete" in notes_html()  # from the fragment cache
    correction_add(
        article=article, user=make_user("frau_meier"), kind="compound_remove", key="raketenwerfer"
    )
    assert "Rakete" not in notes_html()


def test_a_deleted_correction_is_gone_at_once_even_when_another_replaces_it():
    article = make_article()
    teacher = make_user("frau_meier")
    key = first_word_key(article)

    def gloss_shown():
        annotation = corrected_annotation(article_for_reading(ANYONE, article.pk))
        return annotation.sentences[0].tokens[1].gloss

    first = correction_add(
        article=article, user=teacher, kind="gloss", key=key, data={"gloss": "Abc"}
    )
    assert gloss_shown() == "Abc"
    correction_delete(article=article, correction_id=first.pk)
    assert gloss_shown() != "Abc"
    # As many corrections as before, but another one: a new version all the same.
    correction_add(article=article, user=teacher, kind="gloss", key=key, data={"gloss": "Xyz"})
    assert gloss_shown() == "Xyz"


def test_a_cached_page_asks_the_database_once_for_article_and_corrections(
    django_assert_num_queries,
):
    article = make_article()
    correction_add(
        article=article,
        user=make_user("frau_meier"),
        kind="compound_remove",
        key=first_word_key(article),
    )
    article_reading_html(article_for_reading(ANYONE, article.pk), {})  # fills the cache
    with django_assert_num_queries(1):
        article_reading_html(article_for_reading(ANYONE, article.pk), {})


def test_an_article_id_no_column_can_hold_is_not_found(client):
    response = client.get("/articles/99999999999999999999999/")
    assert response.status_code == 404
    response = client.get("/articles/99999999999999999999999/words/0/0/")
    assert response.status_code == 404


def test_the_cached_article_section_is_the_templates_own_rendering_for_this_reader():
    from django.template.loader import render_to_string

    from reader.notes import article_notes
    from reader.render_cache import article_section_html

    article = make_article()
    correction_add(article=article, user=make_user("frau_meier"), kind="compound_remove", key="x")
    statuses = {first_word_key(article): "known"}
    corrected = apply_corrections(stored(article), article_corrections(article.pk))
    expected = render_to_string(
        "reader/article.html#reading",
        {
            "article": article,
            "text_html": fresh_html(article, statuses),
            "notes": article_notes(corrected),
        },
    )
    for _ in range(2):  # built, then from the cache
        assert article_section_html(article_for_reading(ANYONE, article.pk), statuses) == expected
    assert article_section_html(article_for_reading(ANYONE, article.pk), {}) != expected
