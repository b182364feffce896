""" "Mark the rest as known" after reading an article (glossary.services.statuses_mark_rest_known,
glossary.views.rest_known): the words a learner neither saved nor marked become known, in one
click that can be undone."""

import pytest
from django.test import Client
from django.urls import reverse

from glossary.services import word_status_set
from reader.models import Article, LemmaStatus
from tests.classroom_factories import make_ready_article, make_student
from tests.factories import make_user

pytestmark = pytest.mark.django_db

# The small article's words as a learner can mark them ("Die Regierung stellte den
# Raketenwerfer vor. Das ist gut."): names would be left out.
ARTICLE_KEYS = {
    "die",
    "regierung",
    "vorstellen",
    "der",
    "raketenwerfer",
    "vor",
    "das",
    "sein",
    "gut",
}


def statuses(user) -> dict[str, str]:
    return dict(LemmaStatus.objects.filter(user=user).values_list("key", "status"))


@pytest.fixture
def reader():
    student = make_student()
    client = Client()
    client.force_login(student)
    return student, client


def test_the_rest_of_the_articles_words_become_known_and_marked_ones_keep_their_status(reader):
    student, client = reader
    article = make_ready_article()
    word_status_set(user=student, key="raketenwerfer", status="learning")
    word_status_set(user=student, key="haus", status="learning")  # another article's word

    response = client.post(reverse("glossary:rest_known", args=[article.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("reader:article_detail", args=[article.pk])
    expected = {key: "known" for key in ARTICLE_KEYS} | {
        "raketenwerfer": "learning",
        "haus": "learning",
    }
    assert statuses(student) == expected
    # The page offers to undo it, saying how many words it marked.
    page = client.get(response["Location"]).content.decode()
    assert "8 words marked as known" in page
    assert reverse("glossary:rest_known_undo", args=[article.pk]) in page


def test_undo_takes_back_only_what_the_click_marked(reader):
    student, client = reader
    article = make_ready_article()
    word_status_set(user=student, key="gut", status="known")  # known before: stays known
    client.post(reverse("glossary:rest_known", args=[article.pk]))
    word_status_set(user=student, key="regierung", status="learning")  # changed since: stays

    response = client.post(reverse("glossary:rest_known_undo", args=[article.pk]), follow=True)

    assert statuses(student) == {"gut": "known", "regierung": "learning"}
    assert "Undone: 7 words marked new again." in response.content.decode()
    # A second undo has nothing left to take back.
    again = client.post(reverse("glossary:rest_known_undo", args=[article.pk]), follow=True)
    assert "nothing to undo" in again.content.decode()
    assert statuses(student) == {"gut": "known", "regierung": "learning"}


def test_another_learners_statuses_are_not_touched(reader):
    student, client = reader
    other = make_user("ole")
    word_status_set(user=other, key="regierung", status="learning")
    article = make_ready_article()
    client.post(reverse("glossary:rest_known", args=[article.pk]))
    client.post(reverse("glossary:rest_known_undo", args=[article.pk]))
    assert statuses(other) == {"regierung": "learning"}
    assert statuses(student) == {}


def test_it_goes_back_to_the_page_it_was_asked_from_but_never_to_another_site(reader):
    student, client = reader
    article = make_ready_article()
    url = reverse("glossary:rest_known", args=[article.pk])
    assert client.post(url, {"next": "/classes/assignments/7/"})["Location"] == (
        "/classes/assignments/7/"
    )
    assert client.post(url, {"next": "https://evil.example/"})["Location"] == reverse(
        "reader:article_detail", args=[article.pk]
    )


def test_only_a_logged_in_learner_with_a_post_on_a_ready_article_can_mark(reader):
    student, client = reader
    article = make_ready_article()
    url = reverse("glossary:rest_known", args=[article.pk])
    anonymous = Client().post(url)
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]
    assert client.get(url).status_code == 405
    assert client.post(reverse("glossary:rest_known", args=[article.pk + 100])).status_code == 404
    pending = make_ready_article(title="Wartet")
    Article.objects.filter(pk=pending.pk).update(status="pending", annotation=None)
    assert client.post(reverse("glossary:rest_known", args=[pending.pk])).status_code == 404
    assert statuses(student) == {}
