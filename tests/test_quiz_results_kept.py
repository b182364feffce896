"""Recorded quiz results are never lost (issue 14, item 3): regenerating, editing, dropping or
moving questions leaves every recorded answer complete on the teacher's answers page and in
the dashboard's most missed questions."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from classroom import selectors, services
from reader.quiz import services as quiz_services
from reader.quiz.models import QuizQuestion
from tests.classroom_factories import make_class, make_student, make_teacher
from tests.quiz_annotations import make_annotated_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered():
    teacher = make_teacher()
    student = make_student()
    article = make_annotated_article()
    article.created_by = teacher
    article.save(update_fields=["created_by"])
    assignment = services.assignment_create(
        classroom=make_class(teacher, students=[student]), article=article
    )
    services.assignment_open(assignment=assignment, student=student)
    quiz = quiz_services.quiz_get_or_generate(article)
    questions = list(quiz.questions.filter(dropped=False))
    # Every answer wrong: each question shows among the most missed.
    wrong = {q.pk: (q.answer + 1) % len(q.choices) for q in questions}
    quiz_services.quiz_attempt_record(quiz=quiz, user=student, answers=wrong, assignment=assignment)
    asked = [(q.body, q.choices[wrong[q.pk]], q.right_choice) for q in questions]
    return teacher, student, assignment, quiz, asked


def shown(assignment, student):
    (attempt,) = selectors.student_answers(assignment, student)
    return [(a["prompt"], a["given"], a["expected"]) for a in attempt.answers]


def test_regenerating_the_quiz_keeps_every_recorded_answer(answered):
    teacher, student, assignment, quiz, asked = answered
    ids = list(quiz.questions.values_list("pk", flat=True))
    quiz_services.quiz_regenerate(quiz, seed=quiz.seed + 1)
    assert not QuizQuestion.objects.filter(pk__in=ids).exists()  # the rows answered are gone
    assert shown(assignment, student) == asked
    missed = selectors.assignment_dashboard(assignment, top=100).missed
    assert sorted(m["prompt"] for m in missed) == sorted(a[0] for a in asked)

    client = Client()
    client.force_login(teacher)
    page = client.get(
        reverse("classroom:assignment_answers", args=[assignment.pk, student.pk])
    ).content.decode()
    dashboard = client.get(
        reverse("classroom:assignment_dashboard", args=[assignment.pk])
    ).content.decode()
    for prompt, given, expected in asked:
        assert escape(prompt) in page and escape(given) in page and escape(expected) in page
        assert escape(prompt) in dashboard


def test_editing_dropping_and_moving_leave_what_was_asked(answered):
    teacher, student, assignment, quiz, asked = answered
    first, second, *_ = quiz.questions.filter(dropped=False)
    quiz_services.quiz_question_update(
        first, prompt="Ganz anders?", choices=["x", "y"], answer=1, explanation=""
    )
    quiz_services.quiz_question_drop(second)
    quiz_services.quiz_question_move(quiz.questions.filter(dropped=False).last(), offset=-1)
    QuizQuestion.objects.filter(quiz=quiz).delete()  # as a regeneration does to unedited ones
    assert shown(assignment, student) == asked
