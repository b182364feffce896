"""My library (issue 18, item 2): a learner's own articles and the shared ones they may read,
searched and sorted, with the share of words known and the number of new ones; deleting
one's own article keeps the words saved from it; the reading position comes back."""

import pytest
from django.test import Client
from django.urls import reverse

from classroom import services as classroom_services
from classroom.models import Lookup
from glossary.library import library_articles
from glossary.models import ArticleWord, Example, SavedWord
from reader.models import Article, LemmaStatus, ReadingPosition
from tests.classroom_factories import make_class, make_ready_article, make_student, make_teacher
from tests.factories import make_user

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}


@pytest.fixture
def world():
    lea = make_user("lea")
    max_ = make_user("max")
    teacher = make_teacher("frau_weber")
    return {
        "lea": lea,
        "max": max_,
        "teacher": teacher,
        "mine": make_ready_article("Mein Text", created_by=lea),
        "theirs": make_ready_article("Geheimnis von Max", created_by=max_),
        "class_text": make_ready_article("Nur für die 10b", created_by=teacher),
        "shared": make_ready_article("Für alle"),
    }


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _library(user, **params) -> str:
    return _client(user).get(reverse("library:library"), params).content.decode()


def _titles(user, **params) -> list[str]:
    return [article.title for article, _ in library_articles(user, **params)]


def test_the_library_lists_ones_own_and_the_shared_articles_only(world):
    assert sorted(_titles(world["lea"])) == ["Für alle", "Mein Text"]
    page = _library(world["lea"])
    assert "Mein Text" in page and "Für alle" in page
    assert "Geheimnis von Max" not in page and "Nur für die 10b" not in page
    assert sorted(_titles(world["max"])) == ["Für alle", "Geheimnis von Max"]


def test_a_student_finds_their_classes_articles_too(world):
    student = make_student("sam")
    make_class(world["teacher"], students=[student])
    classroom_services.assignment_create(
        classroom=world["teacher"].classrooms_taught.get(), article=world["class_text"]
    )
    assert sorted(_titles(student)) == ["Für alle", "Nur für die 10b"]


def test_the_library_needs_an_account(world):
    response = Client().get(reverse("library:library"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_search_finds_title_and_text_whatever_the_case_of_any_letter(world):
    lea = world["lea"]
    umlauts = make_ready_article("Ärger im Büro", created_by=lea)
    Article.objects.filter(pk=umlauts.pk).update(text="Die Straße war überfüllt.")
    assert _titles(lea, q="ärger") == ["Ärger im Büro"]
    assert _titles(lea, q="BÜRO") == ["Ärger im Büro"]
    assert _titles(lea, q="ÜBERFÜLLT") == ["Ärger im Büro"]
    assert sorted(_titles(lea, q="raketenwerfer")) == ["Für alle", "Mein Text"]  # in the text
    assert _titles(lea, q="Geheimnis") == []  # max's article is found by max alone
    assert _titles(lea, q="100%_") == []  # LIKE's wildcards are searched for as written


def test_the_search_result_list_is_swapped_by_htmx(world):
    response = _client(world["lea"]).get(
        reverse("library:library"),
        {"q": "mein"},
        headers={**HX, "HX-Target": "library-results"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="library-results">')
    assert "Mein Text" in html and "Für alle" not in html and "<h1>" not in html


def test_each_article_shows_the_share_of_words_known_and_the_new_words(world):
    lea = world["lea"]
    # The small article has 9 different words: die regierung vorstellen der raketenwerfer vor
    # das sein gut.
    LemmaStatus.objects.create(user=lea, key="regierung", status="known")
    LemmaStatus.objects.create(user=lea, key="gut", status="known")
    LemmaStatus.objects.create(user=lea, key="sein", status="learning")
    LemmaStatus.objects.create(user=world["max"], key="die", status="known")  # not lea's
    numbers = next(f for a, f in library_articles(lea) if a.pk == world["mine"].pk)
    assert (numbers.total, numbers.known, numbers.new, numbers.known_percent) == (9, 2, 6, 22)
    page = _library(lea)
    assert '<td class="new-words">6</td>' in page
    assert "22 %" in page


def test_sorting_by_new_words(world):
    lea = world["lea"]
    easy = make_ready_article("Leicht", created_by=lea)
    for key in ("die", "regierung", "vorstellen", "der", "raketenwerfer"):
        LemmaStatus.objects.create(user=lea, key=key, status="known")
    # Every article has the same words; "Leicht" gets one more known through its own.
    ArticleWord.objects.filter(article=easy).delete()
    library_articles(lea)  # builds the index
    ArticleWord.objects.filter(article=easy, key="gut").delete()
    fewest = _titles(lea, sort="fewest_new")
    assert fewest[0] == "Leicht"
    assert _titles(lea, sort="most_new")[-1] == "Leicht"
    assert _titles(lea, sort="added")[0] == "Leicht"  # the newest


def test_an_article_still_being_prepared_is_listed_without_figures(world):
    lea = world["lea"]
    Article.objects.create(title="Wird vorbereitet", text="Der Plan.", created_by=lea)
    rows = library_articles(lea, sort="fewest_new")
    assert [(a.title, f) for a, f in rows][-1] == ("Wird vorbereitet", None)  # sorted last
    assert "being prepared" in _library(lea)


def test_the_page_never_decodes_an_annotation_once_the_index_is_built(world, monkeypatch):
    lea = world["lea"]
    library_articles(lea)  # builds the index of every listed article
    calls = []
    monkeypatch.setattr(
        "glossary.library.article_words_refresh", lambda article: calls.append(article.pk)
    )
    assert _client(lea).get(reverse("library:library")).status_code == 200
    assert calls == []


def _save_a_word(client, article):
    response = client.post(
        reverse("glossary:word_save"), {"article": article.pk, "s": 0, "t": 1}, headers=HX
    )
    assert response.status_code == 200


def test_deleting_ones_own_article_keeps_the_saved_words_with_their_sentences(world):
    lea, mine = world["lea"], world["mine"]
    client = _client(lea)
    _save_a_word(client, mine)
    client.post(reverse("reader:reading_position", args=[mine.pk]), {"s": 1})
    url = reverse("library:article_delete", args=[mine.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and "saved from it stay" in confirm.content.decode()
    assert Article.objects.filter(pk=mine.pk).exists()  # nothing deleted by looking

    response = client.post(url, follow=True)
    assert "was deleted" in response.content.decode()
    assert not Article.objects.filter(pk=mine.pk).exists()
    word = SavedWord.objects.get(user=lea)
    example = word.examples.get()
    assert (word.lemma, example.sentence, example.article_title, example.article_id) == (
        "Regierung",
        "Die Regierung stellte den Raketenwerfer vor.",
        "Mein Text",
        None,
    )
    assert not ReadingPosition.objects.filter(article_id=mine.pk).exists()
    vocabulary = client.get(reverse("glossary:vocabulary")).content.decode()
    assert "Die Regierung stellte den Raketenwerfer vor." in vocabulary


def test_an_assigned_article_is_not_deleted_and_its_results_stay(world):
    teacher = world["teacher"]
    student = make_student("sam")
    classroom = make_class(teacher, students=[student])
    article = world["class_text"]
    assignment = classroom_services.assignment_create(classroom=classroom, article=article)
    classroom_services.lookup_record(assignment_id=assignment.pk, student=student, key="plan")
    response = _client(teacher).post(
        reverse("library:article_delete", args=[article.pk]), follow=True
    )
    assert "assigned to a class" in response.content.decode()
    assert Article.objects.filter(pk=article.pk).exists()
    assert Lookup.objects.filter(assignment=assignment, student=student).exists()


def test_a_published_article_is_not_deleted(world):
    teacher = world["teacher"]
    published = make_ready_article("Veröffentlicht", created_by=teacher, visibility="shared")
    response = _client(teacher).post(
        reverse("library:article_delete", args=[published.pk]), follow=True
    )
    assert "shared library" in response.content.decode()
    assert Article.objects.filter(pk=published.pk).exists()


@pytest.mark.parametrize("persona", ["max", "teacher", "staff", "anonymous"])
def test_nobody_else_deletes_an_article(world, persona):
    users = {
        "max": world["max"],
        "teacher": world["teacher"],
        "staff": make_user("staff", is_staff=True),
        "anonymous": None,
    }
    client = _client(users[persona])
    for article in (world["mine"], world["shared"]):
        url = reverse("library:article_delete", args=[article.pk])
        want = 302 if persona == "anonymous" else 404  # to log in
        assert client.get(url).status_code == want
        assert client.post(url).status_code == want
        assert Article.objects.filter(pk=article.pk).exists()


def test_the_delete_link_is_shown_for_ones_own_articles_only(world):
    page = _library(world["lea"])
    assert reverse("library:article_delete", args=[world["mine"].pk]) in page
    assert reverse("library:article_delete", args=[world["shared"].pk]) not in page


def test_the_header_and_the_home_pages_lead_to_the_library(world):
    url = reverse("library:library")
    assert url in _client(world["lea"]).get(reverse("reader:article_list")).content.decode()
    student = make_student("sam")
    home = _client(student).get(reverse("classroom:home")).content.decode()
    assert url in home and reverse("classroom:article_add") in home
    assert url not in Client().get(reverse("reader:article_list")).content.decode()


def test_saved_examples_keep_the_title_of_a_deleted_article(world):
    """The foreign keys to an article: examples are SET_NULL (the saved word stays), the rest
    belongs to the article and goes with it."""
    field = Example._meta.get_field("article")
    assert field.remote_field.on_delete.__name__ == "SET_NULL"
    assert not any(
        f.related_model is Article for f in SavedWord._meta.get_fields() if f.is_relation
    )
