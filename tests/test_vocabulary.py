"""Saved words, word statuses and the vocabulary page, through the views a learner uses."""

import json
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from glossary.models import Example, SavedWord
from glossary.selectors import known_shares
from glossary.services import saved_word_add, word_status_set
from glossary.vocabulary import candidate_at
from nlp.document import Annotation
from reader.models import Article, LemmaStatus
from reader.selectors import word_statuses
from tests.factories import make_user

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


def tok(text, lemma, upos, ws=" ", **extra):
    return {"text": text, "ws": ws, "lemma": lemma, "upos": upos, "xpos": "", "feats": "", **extra}


ANNOTATION = {
    "version": 1,
    "sentences": [
        {
            "paragraph": 0,
            "kind": "text",
            "tokens": [
                tok("Pjöngjang", "Pjöngjang", "PROPN"),
                tok("stellte", "stellen", "VERB", gloss="to put", senses=["to put", "to place"]),
                tok("neue", "neu", "ADJ", gloss="new"),
                tok(
                    "Haubitzen",
                    "Haubitze",
                    "NOUN",
                    gloss="howitzer",
                    gender="f",
                    plural="Haubitzen",
                ),
                tok("vor", "vor", "ADP", ws="", gloss="before"),
                tok(".", ".", "PUNCT", ws="\n"),
            ],
            "expressions": [
                {
                    "type": "separable_verb",
                    "tokens": [1, 4],
                    "lemma": "vorstellen",
                    "gloss": "to present",
                },
            ],
        },
        {
            "paragraph": 1,
            "kind": "text",
            "tokens": [
                tok("Die", "der", "DET"),
                tok(
                    "Haubitze", "Haubitze", "NOUN", gloss="howitzer", gender="f", plural="Haubitzen"
                ),
                tok("feuerte", "feuern", "VERB", ws="", gloss="to fire"),
                tok(".", ".", "PUNCT", ws=""),
            ],
            "expressions": [],
        },
    ],
}
TEXT = "Pjöngjang stellte neue Haubitzen vor.\nDie Haubitze feuerte."


def make_glossed_article(title="Neue Haubitzen", annotation=ANNOTATION) -> Article:
    return Article.objects.create(
        visibility=Article.Visibility.SHARED,
        title=title,
        text=TEXT,
        status=Article.Status.READY,
        annotation=annotation,
        annotation_version=1,
        annotated_at=timezone.now(),
        word_count=6,
    )


@pytest.fixture
def lea(client):
    user = make_user("lea")
    client.force_login(user)
    return user


@pytest.fixture
def article():
    return make_glossed_article()


def save(client, article, s, t, **extra):
    return client.post(
        reverse("glossary:word_save"), {"article": article.pk, "s": s, "t": t, **extra}, headers=HX
    )


def hx_event(response, name="randnotiz:status"):
    return json.loads(response["HX-Trigger"])[name]


# --- Saving -----------------------------------------------------------------------------------


def test_save_from_popover_keeps_lemma_sense_sentence_and_article(client, lea, article):
    response = save(client, article, 0, 3)
    assert response.status_code == 200
    assert "✓ Saved" in response.content.decode()
    word = SavedWord.objects.get(user=lea)
    assert (word.lemma, word.sense, word.gloss, word.headline) == (
        "Haubitze",
        "howitzer",
        "howitzer",
        "die Haubitze, -n",
    )
    example = word.examples.get()
    assert example.sentence == "Pjöngjang stellte neue Haubitzen vor."
    assert example.sentence[slice(*example.spans[0])] == "Haubitzen"
    assert example.article == article and example.article_title == "Neue Haubitzen"
    # Saving makes a new word "learning", and the page is told to recolour both Haubitze tokens.
    event = hx_event(response)
    assert event == {"key": "haubitze", "status": "learning", "tokens": ["0-3", "1-1"]}


def test_saving_the_same_word_again_adds_the_sentence_as_another_example(client, lea, article):
    save(client, article, 0, 3)
    response = save(client, article, 1, 1)
    assert "added as an example" in response.content.decode()
    word = SavedWord.objects.get(user=lea)
    assert [e.sentence for e in word.examples.all()] == [
        "Pjöngjang stellte neue Haubitzen vor.",
        "Die Haubitze feuerte.",
    ]
    save(client, article, 1, 1)
    assert Example.objects.count() == 2


def test_another_sense_is_a_separate_saved_word(client, lea, article):
    popover = client.get(
        reverse("reader:word_popover", args=[article.pk, 0, 1]), headers=HX
    ).content.decode()
    assert 'data-save-sense="1"' in popover and "“to place”" in popover
    save(client, article, 0, 1)
    save(client, article, 0, 1, sense=1)
    assert sorted(SavedWord.objects.values_list("sense", flat=True)) == ["to place", "to put"]
    assert save(client, article, 0, 1, sense=2).status_code == 400


def test_separable_verb_is_saved_as_one_unit_with_both_parts_as_cloze_spans(client, lea, article):
    save(client, article, 0, 1, x=0)
    word = SavedWord.objects.get(user=lea)
    assert (word.key, word.kind, word.sense) == ("vorstellen", "separable_verb", "to present")
    example = word.examples.get()
    assert [example.sentence[a:b] for a, b in example.spans] == ["stellte", "vor"]


def test_expression_index_must_belong_to_the_token(client, lea, article):
    assert save(client, article, 0, 2, x=0).status_code == 404
    assert save(client, article, 0, 99).status_code == 404
    assert save(client, article, 0, "x").status_code == 400


def test_anonymous_htmx_save_gets_401_with_redirect_to_login(client, article):
    page = f"http://testserver/articles/{article.pk}/?x=1"
    response = client.post(
        reverse("glossary:word_save"),
        {"article": article.pk, "s": 0, "t": 3},
        headers={**HX, "HX-Current-URL": page},
    )
    assert response.status_code == 401
    assert response["HX-Redirect"] == f"{reverse('login')}?next=%2Farticles%2F{article.pk}%2F"
    assert not SavedWord.objects.exists()


def test_save_without_javascript_redirects_back_to_the_article(client, lea, article):
    response = client.post(reverse("glossary:word_save"), {"article": article.pk, "s": 0, "t": 3})
    assert response.status_code == 302
    assert response["Location"] == reverse("reader:article_detail", args=[article.pk])


def test_word_survives_its_article_being_deleted(client, lea, article):
    save(client, article, 0, 3)
    article.delete()
    example = SavedWord.objects.get(user=lea).examples.get()
    assert example.article is None
    assert example.article_title == "Neue Haubitzen"
    assert example.sentence == "Pjöngjang stellte neue Haubitzen vor."
    page = client.get(reverse("glossary:vocabulary")).content.decode()
    assert "Neue Haubitzen" in page and "Pjöngjang stellte" in page


@pytest.mark.django_db(transaction=True)
def test_two_tabs_saving_at_once_make_one_word_with_one_example():
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip("threads cannot share SQLite's in-memory test database")
    user = make_user("lea")
    article = make_glossed_article()
    candidate = candidate_at(Annotation.from_json(article.annotation), 0, 3)
    barrier = threading.Barrier(4)
    errors = []

    def worker():
        try:
            barrier.wait()
            saved_word_add(user=user, candidate=candidate, article=article)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert SavedWord.objects.filter(user=user).count() == 1
    assert Example.objects.count() == 1


def test_saving_again_when_the_row_appeared_meanwhile_uses_it():
    """The race's losing side: get_or_create finds the winner's row after its INSERT fails."""
    user = make_user("lea")
    article = make_glossed_article()
    candidate = candidate_at(Annotation.from_json(article.annotation), 0, 3)
    SavedWord.objects.create(
        user=user, key="haubitze", lemma="Haubitze", headline="die Haubitze", sense="howitzer"
    )
    word, created = saved_word_add(user=user, candidate=candidate, article=article)
    assert not created and word.examples.count() == 1


# --- Status -----------------------------------------------------------------------------------


def test_status_buttons_set_known_and_page_gets_every_token_of_the_lemma(client, lea, article):
    response = client.post(
        reverse("glossary:word_status"),
        {"article": article.pk, "s": 1, "t": 1, "status": "known"},
        headers=HX,
    )
    assert response.status_code == 200
    assert hx_event(response) == {"key": "haubitze", "status": "known", "tokens": ["0-3", "1-1"]}
    assert 'data-status="known" aria-pressed="true"' in response.content.decode()
    assert word_statuses(lea) == {"haubitze": "known"}


def test_known_words_are_not_highlighted_in_any_article(client, lea, article):
    other = make_glossed_article(title="Noch ein Text")
    word_status_set(user=lea, key="haubitze", status="known")
    word_status_set(user=lea, key="feuern", status="learning")
    html = client.get(reverse("reader:article_detail", args=[other.pk])).content.decode()
    assert 'class="w st-known" tabindex="0" role="button" data-s="1" data-t="1"' in html
    assert "st-learning" in html
    word_status_set(user=lea, key="haubitze", status="new")
    assert not LemmaStatus.objects.filter(key="haubitze").exists()


def test_status_rejects_unknown_values(client, lea, article):
    response = client.post(
        reverse("glossary:word_status"),
        {"article": article.pk, "s": 1, "t": 1, "status": "mastered"},
        headers=HX,
    )
    assert response.status_code == 400


def test_popover_shows_save_and_status_buttons_for_a_learner(client, lea, article):
    html = client.get(
        reverse("reader:word_popover", args=[article.pk, 0, 1]), headers=HX
    ).content.decode()
    assert 'id="vocab-actions"' in html
    assert "Save “stellen”" in html and "Save “vorstellen”" in html
    assert 'data-status="new" aria-pressed="true"' in html


def test_popover_invites_anonymous_readers_to_log_in(client, article):
    html = client.get(
        reverse("reader:word_popover", args=[article.pk, 0, 1]), headers=HX
    ).content.decode()
    assert "Log in" in html and "data-status" not in html


def test_article_list_shows_share_of_known_words(client, lea, article):
    word_status_set(user=lea, key="haubitze", status="known")
    word_status_set(user=lea, key="neu", status="known")
    # Counted words: stellen, neu, Haubitze, vor, der, feuern (the name is left out).
    assert known_shares(lea, [article])[article.pk] == {"known": 2, "total": 6, "percent": 33}
    html = client.get(reverse("reader:article_list")).content.decode()
    assert "you know 33 %" in html


def test_known_share_index_follows_a_reannotation(lea, article):
    known_shares(lea, [article])
    article.annotation = {"version": 1, "sentences": [ANNOTATION["sentences"][1]]}
    article.annotated_at = timezone.now()
    article.save()
    word_status_set(user=lea, key="feuern", status="known")
    assert (
        known_shares(lea, [Article.objects.defer("annotation").get(pk=article.pk)])[article.pk][
            "total"
        ]
        == 3
    )


def test_known_shares_cost_a_fixed_number_of_queries(lea, django_assert_max_num_queries):
    articles = [make_glossed_article(title=f"Text {i}") for i in range(5)]
    known_shares(lea, articles)
    listed = list(Article.objects.defer("text", "annotation"))
    with django_assert_max_num_queries(2):
        known_shares(lea, listed)


# --- The vocabulary page ----------------------------------------------------------------------


@pytest.fixture
def saved(client, lea, article):
    save(client, article, 0, 3)
    save(client, article, 1, 2)
    save(client, article, 0, 1, x=0)
    return {w.key: w for w in SavedWord.objects.filter(user=lea)}


def test_vocabulary_page_lists_saved_words(client, saved):
    html = client.get(reverse("glossary:vocabulary")).content.decode()
    assert "die Haubitze, -n" in html and "vorstellen" in html and "feuern" in html


def test_vocabulary_search_filters_by_german_english_and_sentence(client, saved):
    def found(**params):
        response = client.get(
            reverse("glossary:vocabulary"), params, headers={**HX, "HX-Target": "results"}
        )
        return {w.key for w, _ in response.context["rows"]}

    assert found(q="howitz") == {"haubitze"}
    assert found(q="feuer") == {"feuern"}
    assert found(q="Pjöngjang") == {"haubitze", "vorstellen"}  # words of that sentence
    assert found(status="known") == set()
    word_status_set(user=saved["feuern"].user, key="feuern", status="known")
    assert found(status="known") == {"feuern"}
    assert found(status="learning") == {"haubitze", "vorstellen"}


def test_vocabulary_filter_by_article(client, lea, saved):
    other = make_glossed_article(title="Anderer Text")
    save(client, other, 0, 2)
    page = client.get(reverse("glossary:vocabulary"), {"article": other.pk})
    assert {w.key for w, _ in page.context["rows"]} == {"neu"}
    assert "Anderer Text" in page.content.decode()


def test_results_partial_for_htmx(client, saved):
    response = client.get(
        reverse("glossary:vocabulary"), {"q": "xyz"}, headers={**HX, "HX-Target": "results"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert "No saved word matches" in html


def test_edit_gloss_and_note_inline(client, saved):
    word = saved["haubitze"]
    form = client.get(reverse("glossary:word_edit", args=[word.pk]), headers=HX).content.decode()
    assert "<form" in form and 'name="gloss"' in form
    response = client.post(
        reverse("glossary:word_edit", args=[word.pk]),
        {"gloss": "howitzer (gun)", "note": "<b>plural</b> -n"},
        headers=HX,
    )
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="word-{word.pk}"')
    assert "howitzer (gun)" in html and "&lt;b&gt;plural&lt;/b&gt;" in html
    word.refresh_from_db()
    assert (word.gloss, word.sense, word.note) == ("howitzer (gun)", "howitzer", "<b>plural</b> -n")


def test_delete_with_htmx_returns_an_empty_row(client, saved):
    word = saved["feuern"]
    response = client.post(reverse("glossary:word_delete", args=[word.pk]), headers=HX)
    assert response.status_code == 200 and response.content == b""
    assert not SavedWord.objects.filter(pk=word.pk).exists()


def test_status_select_on_the_vocabulary_page(client, saved):
    word = saved["feuern"]
    response = client.post(
        reverse("glossary:saved_word_status", args=[word.pk]), {"status": "known"}, headers=HX
    )
    assert '<option value="known" selected>' in response.content.decode()
    assert LemmaStatus.objects.get(key="feuern").status == "known"


@pytest.mark.parametrize(
    "name,method,data",
    [
        ("glossary:word_edit", "post", {"gloss": "hacked", "note": ""}),
        ("glossary:word_edit", "get", None),
        ("glossary:word_delete", "post", None),
        ("glossary:saved_word_status", "post", {"status": "known"}),
        ("glossary:word_row", "get", None),
    ],
)
def test_another_learners_word_is_404(client, saved, name, method, data):
    word = saved["haubitze"]
    client.force_login(make_user("max"))
    response = getattr(client, method)(reverse(name, args=[word.pk]), data or {}, headers=HX)
    assert response.status_code == 404
    word.refresh_from_db()
    assert word.gloss == "howitzer"


def test_vocabulary_page_needs_login(client):
    response = client.get(reverse("glossary:vocabulary"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


# --- Exports from the page --------------------------------------------------------------------


def test_download_apkg_tsv_and_csv(client, saved):
    apkg = client.get(reverse("glossary:export_apkg"))
    assert apkg.status_code == 200 and apkg["Content-Disposition"].endswith('.apkg"')
    assert apkg.content[:2] == b"PK"
    tsv = client.get(reverse("glossary:export_tsv")).content.decode()
    assert tsv.startswith("#separator:tab") and "die Haubitze, -n" in tsv
    csv_text = client.get(reverse("glossary:export_csv"), {"q": "howitz"}).content.decode()
    assert len(csv_text.strip().splitlines()) == 2


def test_export_with_no_words_explains_instead_of_an_empty_file(client, lea):
    response = client.get(reverse("glossary:export_apkg"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("glossary:vocabulary"))
    assert "no words to export" in response.content.decode()


def test_class_deck_for_teachers_only(client, lea, article):
    from accounts.services import profile_set_role

    url = reverse("glossary:article_deck", args=[article.pk])
    assert client.get(url).status_code == 404
    profile_set_role(user=lea, role="teacher")
    response = client.get(url)
    assert response.status_code == 200 and response.content[:2] == b"PK"
