"""Who may read an article (reader/access.py): every URL that takes an article id, tried by
each persona. A teacher's own article is read by that teacher, the students of a class it is
assigned to, and staff; everyone else gets a 404, exactly as for an id that does not exist.
The shared library is read by everyone."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from classroom import services
from reader.access import article_readable, articles_readable
from reader.models import Article
from tests.classroom_factories import (
    make_class,
    make_quiz,
    make_ready_article,
    make_student,
    make_teacher,
)
from tests.factories import make_user

pytestmark = pytest.mark.django_db

READERS = {"owner", "member", "staff"}
PERSONAS = [
    "owner",
    "other_teacher",
    "member",
    "outsider",
    "learner",
    "anonymous",
    "staff",
]


@pytest.fixture
def world():
    owner = make_teacher("owner")
    other_teacher = make_teacher("other_teacher")
    member = make_student("member")
    outsider = make_student("outsider")
    staff = make_user("staff", is_staff=True)
    make_class(other_teacher, name="Other class", students=[outsider])
    classroom = make_class(owner, students=[member])
    private = make_ready_article("Nur für die 10b", created_by=owner)
    shared = make_ready_article("Für alle")
    for article in (private, shared):
        make_quiz(article)
    assignment = services.assignment_create(classroom=classroom, article=private)
    return {
        "owner": owner,
        "other_teacher": other_teacher,
        "member": member,
        "outsider": outsider,
        "learner": make_user("learner"),
        "anonymous": None,
        "staff": staff,
        "classroom": classroom,
        "assignment": assignment,
        "private": private,
        "shared": shared,
    }


def _client(world, persona) -> Client:
    client = Client()
    if world[persona] is not None:
        client.force_login(world[persona])
    return client


def _reading_urls(article):
    """(name, method, url, data, status for a reader); anything else gets 404 (or, on pages
    that need an account, anonymous visitors are sent to log in)."""
    question = article.quiz.questions.first()
    word = {"article": article.pk, "s": 0, "t": 1}
    return [
        ("article_detail", "get", reverse("reader:article_detail", args=[article.pk]), {}, 200),
        (
            "article_status",
            "htmx",
            reverse("reader:article_detail", args=[article.pk]) + "?status=1",
            {},
            200,
        ),
        ("word_popover", "htmx", reverse("reader:word_popover", args=[article.pk, 0, 1]), {}, 200),
        ("word_page", "get", reverse("reader:word_popover", args=[article.pk, 0, 1]), {}, 200),
        ("word_lookup", "post", reverse("reader:word_lookup", args=[article.pk, 0, 1]), {}, 204),
        ("quiz_take", "get", reverse("reader:quiz_take", args=[article.pk]), {}, 200),
        (
            "quiz_answer",
            "post",
            reverse("reader:quiz_answer", args=[article.pk, question.pk]),
            {"choice": 0},
            302,
        ),
        ("quiz_retry", "post", reverse("reader:quiz_retry", args=[article.pk]), {}, 302),
        ("word_save", "htmx-post", reverse("glossary:word_save"), word, 200),
        (
            "word_status",
            "htmx-post",
            reverse("glossary:word_status"),
            word | {"status": "known"},
            200,
        ),
        ("rest_known", "post", reverse("glossary:rest_known", args=[article.pk]), {}, 302),
    ]


LOGIN_FIRST = {"word_save", "word_status", "rest_known"}


def _send(client, method, url, data):
    if method == "get":
        return client.get(url)
    if method == "htmx":
        return client.get(url, headers={"HX-Request": "true"})
    if method == "htmx-post":
        return client.post(url, data, headers={"HX-Request": "true"})
    return client.post(url, data)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_teachers_own_article_is_read_only_by_them_their_class_and_staff(world, persona):
    client = _client(world, persona)
    failures = []
    for name, method, url, data, allowed in _reading_urls(world["private"]):
        if persona in READERS:
            want = allowed
        elif persona == "anonymous" and name in LOGIN_FIRST:
            want = 401 if method == "htmx-post" else 302
        else:
            want = 404
        got = _send(client, method, url, data).status_code
        if got != want:
            failures.append(f"{name}: {got} != {want}")
    assert not failures, failures


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_shared_library_is_read_by_everyone(world, persona):
    client = _client(world, persona)
    failures = []
    for name, method, url, data, allowed in _reading_urls(world["shared"]):
        want = allowed
        if persona == "anonymous" and name in LOGIN_FIRST:
            want = 401 if method == "htmx-post" else 302
        got = _send(client, method, url, data).status_code
        if got != want:
            failures.append(f"{name}: {got} != {want}")
    assert not failures, failures


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_home_page_lists_only_what_the_viewer_may_read(world, persona):
    page = _client(world, persona).get(reverse("reader:article_list")).content.decode()
    assert "Für alle" in page
    assert ("Nur für die 10b" in page) == (persona in READERS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_class_deck_only_of_an_article_the_teacher_may_read(world, persona):
    """Any teacher could download any article's deck by its id."""
    client = _client(world, persona)
    private = client.get(reverse("glossary:article_deck", args=[world["private"].pk]))
    shared = client.get(reverse("glossary:article_deck", args=[world["shared"].pk]))
    if persona == "anonymous":
        assert private.status_code == shared.status_code == 302  # to log in
    elif persona == "owner":
        assert private.status_code == shared.status_code == 200
    elif persona == "other_teacher":
        assert (private.status_code, shared.status_code) == (404, 200)
    else:  # decks are for teachers
        assert private.status_code == shared.status_code == 404


def test_a_student_of_a_closed_class_no_longer_reads_its_private_article(world):
    client = _client(world, "member")
    url = reverse("reader:article_detail", args=[world["private"].pk])
    assert client.get(url).status_code == 200
    services.classroom_close(classroom=world["classroom"])
    assert client.get(url).status_code == 404


def test_a_student_removed_from_the_class_no_longer_reads_it(world):
    client = _client(world, "member")
    url = reverse("reader:quiz_take", args=[world["private"].pk])
    assert client.get(url).status_code == 200
    world["classroom"].memberships.filter(student=world["member"]).delete()
    assert client.get(url).status_code == 404


def test_a_learners_own_article_is_private_to_them(world):
    learner = world["learner"]
    own = make_ready_article("Mein Text", created_by=learner)
    url = reverse("reader:article_detail", args=[own.pk])
    assert _client(world, "learner").get(url).status_code == 200
    for persona in ("owner", "member", "other_teacher", "anonymous"):
        assert _client(world, persona).get(url).status_code == 404, persona


def test_a_cached_page_is_not_served_to_someone_who_may_not_read_it(world):
    """The render cache keeps markup per article; the access check runs on every request."""
    url = reverse("reader:article_detail", args=[world["private"].pk])
    assert _client(world, "owner").get(url).status_code == 200  # fills the cache
    assert _client(world, "outsider").get(url).status_code == 404
    assert _client(world, "anonymous").get(url).status_code == 404


def test_the_rule_for_one_article_and_the_list_agree(world):
    learner_own = make_ready_article("Mein Text", created_by=world["learner"])
    articles = [world["private"], world["shared"], learner_own]
    for persona in PERSONAS:
        user = world[persona] or AnonymousUser()
        listed = set(articles_readable(user).values_list("pk", flat=True))
        for article in articles:
            fresh = Article.objects.get(pk=article.pk)
            assert article_readable(user, fresh) == (article.pk in listed), (persona, article)


def test_an_unpublished_article_stays_readable_where_it_is_assigned(world):
    """A teacher assigned a shared article which its owner later took back: their class keeps it."""
    shared = make_ready_article("Bald privat", created_by=world["owner"], visibility="shared")
    other_class = make_class(world["other_teacher"], name="Andere", students=[])
    services.assignment_create(classroom=other_class, article=shared)
    Article.objects.filter(pk=shared.pk).update(visibility="private")
    url = reverse("reader:article_detail", args=[shared.pk])
    assert _client(world, "other_teacher").get(url).status_code == 200
    assert _client(world, "outsider").get(url).status_code == 404


def test_the_database_refuses_an_unknown_visibility(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=world["shared"].pk).update(visibility="everyone")


def _quiz_edit_urls(article):
    question = article.quiz.questions.first()
    pk, qid = article.pk, question.pk
    return [
        ("quiz_edit", "get", reverse("reader:quiz_edit", args=[pk]), {}),
        (
            "quiz_question_edit",
            "post",
            reverse("reader:quiz_question_edit", args=[pk, qid]),
            {f"q{qid}-prompt": "Neu?", f"q{qid}-choices": "a\nb", f"q{qid}-answer": 1},
        ),
        ("quiz_question_move", "post", reverse("reader:quiz_question_move", args=[pk, qid]), {}),
        ("quiz_question_drop", "post", reverse("reader:quiz_question_drop", args=[pk, qid]), {}),
        ("quiz_regenerate", "post", reverse("reader:quiz_regenerate", args=[pk]), {}),
    ]


@pytest.mark.parametrize("persona", ["other_teacher", "member", "learner", "anonymous"])
@pytest.mark.parametrize("which", ["private", "shared"])
def test_only_the_owner_and_staff_edit_an_articles_quiz(world, persona, which):
    """Any teacher could edit, drop, reorder or regenerate any article's quiz."""
    article = world[which]
    before = list(article.quiz.questions.values_list("pk", "prompt", "position", "dropped"))
    client = _client(world, persona)
    for name, method, url, data in _quiz_edit_urls(article):
        assert _send(client, method, url, data).status_code == 404, name
    after = list(article.quiz.questions.values_list("pk", "prompt", "position", "dropped"))
    assert after == before


@pytest.mark.parametrize("persona", ["owner", "staff"])
def test_the_owner_and_staff_may_edit_the_quiz(world, persona):
    client = _client(world, persona)
    response = client.get(reverse("reader:quiz_edit", args=[world["private"].pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["other_teacher", "member", "learner", "outsider"])
def test_only_the_owner_or_staff_publish_an_article(world, persona):
    url = reverse("classroom:article_publish", args=[world["private"].pk])
    response = _client(world, persona).post(url, {"shared": "1"})
    assert response.status_code == 404
    assert Article.objects.get(pk=world["private"].pk).visibility == "private"


def test_a_published_article_is_read_by_everyone_and_can_be_taken_back(world):
    url = reverse("classroom:article_publish", args=[world["private"].pk])
    page = reverse("reader:article_detail", args=[world["private"].pk])
    owner = _client(world, "owner")
    assert (
        "Publish to the shared library"
        in owner.get(
            reverse("classroom:article_review", args=[world["private"].pk])
        ).content.decode()
    )
    assert owner.post(url, {"shared": "1"}).status_code == 302
    assert _client(world, "anonymous").get(page).status_code == 200
    assert _client(world, "staff").post(url, {"shared": "0"}).status_code == 302
    assert _client(world, "anonymous").get(page).status_code == 404
    assert _client(world, "member").get(page).status_code == 200  # still assigned to the class
