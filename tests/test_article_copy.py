"""A teacher's own copy of a shared article (issue 14, item 2): a teacher who wants a different
quiz or other glosses for a shared article gets a private copy to change, never a change to
everyone's. The original, its quiz, its students and their attempts stay as they were."""

import pytest
from django.test import Client
from django.urls import reverse

from classroom import services
from reader.models import Article, Correction
from reader.quiz import services as quiz_services
from reader.quiz.models import QuizAttempt
from tests.classroom_factories import (
    make_class,
    make_quiz,
    make_ready_article,
    make_student,
    make_teacher,
    take_quiz,
)
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    owner = make_teacher("owner")
    other = make_teacher("other")
    student = make_student("student")
    shared = make_ready_article("Für alle", source="dpa", created_by=owner, visibility="shared")
    quiz = make_quiz(shared)
    # As generated from this annotation (make_quiz leaves that out).
    quiz.fingerprint = quiz_services.fingerprint(shared.annotation)
    quiz.save(update_fields=["fingerprint"])
    classroom = make_class(owner, students=[student])
    assignment = services.assignment_create(classroom=classroom, article=shared)
    attempt = take_quiz(shared.quiz, student, assignment, [0, 1])
    services.correction_add(
        article=shared,
        user=owner,
        kind=Correction.Kind.GLOSS,
        key="regierung",
        data={"gloss": "cabinet"},
    )
    return {
        "owner": owner,
        "other": other,
        "student": student,
        "shared": shared,
        "assignment": assignment,
        "attempt": attempt,
    }


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _copy_url(article) -> str:
    return reverse("classroom:article_copy", args=[article.pk])


def test_the_copy_is_the_teachers_own_private_article_with_the_same_text_and_quiz(world):
    shared = world["shared"]
    response = _client(world["other"]).post(_copy_url(shared))
    copy = Article.objects.get(copied_from=shared)
    assert response.status_code == 302
    assert response["Location"] == reverse("classroom:article_review", args=[copy.pk])
    assert copy.created_by == world["other"]
    assert copy.visibility == Article.Visibility.PRIVATE
    assert (copy.title, copy.text, copy.source, copy.level) == (
        shared.title,
        shared.text,
        shared.source,
        shared.level,
    )
    assert copy.is_ready and copy.annotation == shared.annotation
    questions = ["prompt", "choices", "answer", "position"]
    assert list(copy.quiz.questions.values_list(*questions)) == list(
        shared.quiz.questions.values_list(*questions)
    )
    assert not copy.quiz.attempts.exists()
    assert list(Correction.objects.filter(article=copy).values_list("key", "data")) == [
        ("regierung", {"gloss": "cabinet"})
    ]
    # Theirs to change: the review page and the quiz editor open.
    client = _client(world["other"])
    assert client.get(reverse("classroom:article_review", args=[copy.pk])).status_code == 200
    assert client.get(reverse("reader:quiz_edit", args=[copy.pk])).status_code == 200
    # Private: nobody else reads it.
    for persona in ("owner", "student"):
        url = reverse("reader:article_detail", args=[copy.pk])
        assert _client(world[persona]).get(url).status_code == 404, persona


def test_a_second_click_gives_the_copy_already_made(world):
    client = _client(world["other"])
    first = client.post(_copy_url(world["shared"]))
    second = client.post(_copy_url(world["shared"]), follow=True)
    assert Article.objects.filter(copied_from=world["shared"]).count() == 1
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "You already have your own copy" in second.content.decode()


def test_editing_the_copys_quiz_leaves_the_originals_for_its_students(world):
    shared, student = world["shared"], world["student"]
    before = list(shared.quiz.questions.values_list("pk", "prompt", "choices", "answer"))
    recorded = QuizAttempt.objects.get(pk=world["attempt"].pk).answers
    _client(world["other"]).post(_copy_url(shared))
    copy = Article.objects.get(copied_from=shared)
    client = _client(world["other"])
    for question in copy.quiz.questions.all():
        q = question.pk
        client.post(
            reverse("reader:quiz_question_edit", args=[copy.pk, q]),
            {f"q{q}-prompt": "Ganz anders?", f"q{q}-choices": "ja\nnein", f"q{q}-answer": 2},
        )
    client.post(reverse("reader:quiz_regenerate", args=[copy.pk]))
    assert set(copy.quiz.questions.values_list("prompt", flat=True)) == {"Ganz anders?"}

    assert list(shared.quiz.questions.values_list("pk", "prompt", "choices", "answer")) == before
    attempt = QuizAttempt.objects.get(pk=world["attempt"].pk)
    assert attempt.quiz_id == shared.quiz.pk and attempt.answers == recorded
    assert world["assignment"].article_id == shared.pk
    # The original's student still reads and answers the original quiz.
    page = _client(student).get(reverse("reader:quiz_take", args=[shared.pk])).content.decode()
    assert "Wer stellte den Plan vor?" in page and "Ganz anders?" not in page


def test_a_teacher_is_offered_a_copy_where_they_may_not_change_the_quiz(world):
    shared = world["shared"]
    quiz_page = reverse("reader:quiz_take", args=[shared.pk])
    page = _client(world["other"]).get(quiz_page).content.decode()
    assert _copy_url(shared) in page
    home = _client(world["other"]).get(reverse("classroom:home")).content.decode()
    assert _copy_url(shared) in home
    # Once made, the offer becomes a link to it.
    _client(world["other"]).post(_copy_url(shared))
    copy = Article.objects.get(copied_from=shared)
    page = _client(world["other"]).get(quiz_page).content.decode()
    assert _copy_url(shared) not in page
    assert reverse("classroom:article_review", args=[copy.pk]) in page
    # Its owner edits it; students and learners are offered nothing.
    assert _copy_url(shared) not in _client(world["owner"]).get(quiz_page).content.decode()
    assert _copy_url(shared) not in _client(world["student"]).get(quiz_page).content.decode()


def test_the_owner_copying_their_own_article_is_sent_to_it(world):
    response = _client(world["owner"]).post(_copy_url(world["shared"]))
    assert response["Location"] == reverse("classroom:article_review", args=[world["shared"].pk])
    assert not Article.objects.filter(copied_from=world["shared"]).exists()


@pytest.mark.parametrize("persona", ["student", "learner", "other_teacher", "anonymous"])
def test_nobody_copies_a_private_article_they_may_not_read(world, persona):
    private = make_ready_article("Nur für die 10b", created_by=world["owner"])
    users = {
        "student": make_student("outsider"),
        "learner": make_user("learner"),
        "other_teacher": world["other"],
        "anonymous": None,
    }
    response = _client(users[persona]).post(_copy_url(private))
    assert response.status_code == (302 if persona == "anonymous" else 404)
    assert not Article.objects.filter(copied_from=private).exists()


def test_learners_make_no_copies_of_shared_articles(world):
    response = _client(make_user("learner")).post(_copy_url(world["shared"]))
    assert response.status_code == 404


def test_an_article_still_being_annotated_is_copied_and_annotated_for_the_copy(world, monkeypatch):
    queued = []
    monkeypatch.setattr(
        "reader.services.article_enqueue_annotation", lambda article: queued.append(article.pk)
    )
    pending = Article.objects.create(
        title="Noch nicht fertig", text="Der Plan ist gut.", visibility="shared"
    )
    copy, created = services.article_copy(teacher=world["other"], article=pending)
    assert created and copy.status == Article.Status.PENDING and copy.annotation is None
    assert queued == [copy.pk]
    assert quiz_services.quiz_for_article(copy) is None  # generated once it is annotated


def test_the_dashboard_of_a_shared_article_offers_a_copy_instead_of_the_quiz_editor(world):
    other = world["other"]
    assignment = services.assignment_create(
        classroom=make_class(other, name="7a"), article=world["shared"]
    )
    url = reverse("classroom:assignment_dashboard", args=[assignment.pk])
    page = _client(other).get(url).content.decode()
    assert _copy_url(world["shared"]) in page
    assert reverse("reader:quiz_edit", args=[world["shared"].pk]) not in page
    owners = _client(world["owner"]).get(
        reverse("classroom:assignment_dashboard", args=[world["assignment"].pk])
    )
    assert reverse("reader:quiz_edit", args=[world["shared"].pk]) in owners.content.decode()
