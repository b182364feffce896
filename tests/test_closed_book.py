"""A closed-book quiz: a teacher sets an assignment's quiz to hide the article while students
answer it; the quiz page for that assignment neither shows nor links the article."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from classroom import services
from classroom.models import Assignment
from reader.quiz.models import QuizQuestion
from tests.classroom_factories import make_class, make_student, make_teacher
from tests.quiz_annotations import make_annotated_article

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


def closed_book_world(*, closed_book=True):
    """A teacher, a student of their class, and the quiz article assigned to the class."""
    teacher, student = make_teacher(), make_student()
    article = make_annotated_article()
    assignment = services.assignment_create(
        classroom=make_class(teacher, students=[student]),
        article=article,
        closed_book=closed_book,
    )
    return teacher, student, article, assignment


def quiz_page(client, article, assignment=None):
    url = reverse("reader:quiz_take", args=[article.pk])
    if assignment is not None:
        url += f"?assignment={assignment.pk}"
    return client.get(url).content.decode()


def answer(client, article, question, *, htmx=True):
    url = reverse("reader:quiz_answer", args=[article.pk, question.pk])
    return client.post(url, {"choice": question.answer}, headers=HX if htmx else {})


def shown_questions(article):
    return list(QuizQuestion.objects.filter(quiz__article=article, dropped=False))


def article_url(article):
    return reverse("reader:article_detail", args=[article.pk])


def test_teacher_sets_closed_book_when_assigning_and_changes_it_on_the_results_page(client):
    teacher = make_teacher()
    classroom = make_class(teacher)
    article = make_annotated_article()
    client.force_login(teacher)
    client.post(
        reverse("classroom:assignment_create", args=[classroom.pk]),
        {"article": article.pk, "closed_book": "on"},
    )
    assignment = Assignment.objects.get()
    assert assignment.closed_book
    class_page = client.get(reverse("classroom:classroom_detail", args=[classroom.pk]))
    assert "closed book" in class_page.content.decode()
    dashboard = reverse("classroom:assignment_dashboard", args=[assignment.pk])
    assert "Closed-book quiz" in client.get(dashboard).content.decode()

    # An unticked box is open book again.
    settings_url = reverse("classroom:assignment_quiz_settings", args=[assignment.pk])
    page = client.post(settings_url, {}, follow=True).content.decode()
    assignment.refresh_from_db()
    assert not assignment.closed_book
    assert "Open-book quiz" in page
    client.post(settings_url, {"closed_book": "on"})
    assignment.refresh_from_db()
    assert assignment.closed_book


def test_only_the_classs_teacher_changes_the_quiz_setting(client):
    _, student, _, assignment = closed_book_world()
    client.force_login(student)
    url = reverse("classroom:assignment_quiz_settings", args=[assignment.pk])
    assert client.post(url, {}).status_code == 404
    client.force_login(make_teacher("herr_other"))
    assert client.post(url, {}).status_code == 404
    assignment.refresh_from_db()
    assert assignment.closed_book


def test_the_closed_book_quiz_neither_shows_nor_links_the_article(client):
    _, student, article, assignment = closed_book_world()
    client.force_login(student)
    page = quiz_page(client, article, assignment)
    assert "Closed book" in page
    assert f'href="{article_url(article)}"' not in page
    questions = shown_questions(article)
    assert len(questions) >= 8
    for question in questions:
        feedback = answer(client, article, question).content.decode()
        assert "Right!" in feedback
        # The feedback would quote the article: its explanation and the source sentence.
        assert 'class="source"' not in feedback
        assert not question.explanation or escape(question.explanation) not in feedback
    done = quiz_page(client, article)
    assert re.search(r"Your score: <strong>\d+ / \d+", done)
    assert 'class="source"' not in done
    assert f'href="{article_url(article)}"' not in done


def test_the_quiz_stays_closed_when_opened_again_without_the_assignment(client):
    """The attempt under way decides: a non-JS answer redirects to the plain quiz address, and
    a student may type it."""
    _, student, article, assignment = closed_book_world()
    client.force_login(student)
    quiz_page(client, article, assignment)
    question = shown_questions(article)[0]
    redirected = answer(client, article, question, htmx=False)
    page = client.get(redirected.url).content.decode()
    assert f'id="q{question.pk}"' in page
    assert "Closed book" in page and 'class="source"' not in page
    assert f'href="{article_url(article)}"' not in page


def test_an_open_book_assignment_and_practice_keep_the_article_and_the_sources(client):
    _, student, article, assignment = closed_book_world(closed_book=False)
    client.force_login(student)
    page = quiz_page(client, article, assignment)
    assert f'href="{article_url(article)}"' in page and "Closed book" not in page
    question = shown_questions(article)[0]
    assert 'class="source"' in answer(client, article, question).content.decode()

    client.force_login(make_student("lea"))  # practice, no assignment
    assert f'href="{article_url(article)}"' in quiz_page(client, article)


def test_the_reading_pages_quiz_links_open_the_assignments_quiz(client):
    """Both "Take the quiz" links of the assignment's reading page (the one under the text and
    the assignment's own) carry the assignment, so either opens the quiz closed."""
    _, student, article, assignment = closed_book_world()
    client.force_login(student)
    page = client.get(reverse("classroom:assignment_read", args=[assignment.pk])).content.decode()
    quiz = reverse("reader:quiz_take", args=[article.pk])
    links = re.findall(rf'href="({re.escape(quiz)}[^"]*)"', page)
    assert links and all(link == f"{quiz}?assignment={assignment.pk}" for link in links)
    assert len(links) == 2
    assert "Closed book" in page
    # The article's own page keeps the plain quiz link.
    assert f'href="{quiz}"' in client.get(article_url(article)).content.decode()


def test_the_teachers_results_say_closed_book(client):
    teacher, student, article, assignment = closed_book_world()
    client.force_login(teacher)
    dashboard = client.get(reverse("classroom:assignment_dashboard", args=[assignment.pk]))
    assert "Quiz (best, closed book)" in dashboard.content.decode()
    answers = reverse("classroom:assignment_answers", args=[assignment.pk, student.pk])
    assert "closed-book quiz" in client.get(answers).content.decode()
