"""Queries compiled once per process (core/compiled.py) give what their querysets give."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from core.compiled import rows_for
from reader.access import article_get_readable
from reader.models import Article, Quiz, QuizQuestion
from reader.quiz import services
from reader.quiz.selectors import article_quiz, quiz_questions
from tests.quiz_annotations import ARTICLE, make_annotated_article

ANYONE = AnonymousUser()  # the seed-like articles here are in the shared library

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_annotated_article()


def fields(row) -> dict:
    return {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}


def test_a_learners_questions_are_the_querysets_rows_in_the_teachers_order(article):
    quiz = services.quiz_get_or_generate(article)
    rows = list(QuizQuestion.objects.filter(quiz=quiz).order_by("position", "pk"))
    services.quiz_question_drop(rows[1])
    services.quiz_question_move(rows[3], offset=-1)
    expected = quiz.questions.filter(dropped=False).order_by("position", "pk")
    got = quiz_questions(quiz)
    assert [fields(q) for q in got] == [fields(q) for q in expected]
    assert rows[1].pk not in [q.pk for q in got]
    assert isinstance(got[0].choices, list) and all(isinstance(c, str) for c in got[0].choices)


def test_an_article_by_id_comes_without_text_and_annotation_until_asked(article):
    found = article_get_readable(ANYONE, article.pk)
    assert found.get_deferred_fields() == {"text", "annotation"}
    assert found.title == article.title and found.annotated_at == article.annotated_at
    assert found.text == ARTICLE  # loaded on first use


@pytest.mark.parametrize("pk", [0, -1, 2**63, 10**30])
def test_an_id_no_row_can_have_finds_nothing(pk):
    assert rows_for(_articles, pk) == []


def test_an_impossible_article_id_in_the_quiz_url_is_not_found(client):
    # reverse() refuses such an id itself now (the "id" converter), so the path is written out
    url = reverse("reader:quiz_take", args=[1]).replace("/1/", f"/{10**30}/")
    assert client.get(url).status_code == 404


def test_a_query_using_the_id_twice_is_refused():
    with pytest.raises(ValueError):
        rows_for(_articles_twice, 1)


def _articles(pk):
    return Article.objects.filter(pk=pk)


def _articles_twice(pk):
    return Article.objects.filter(pk=pk, created_by_id=pk)


def test_an_articles_quiz_is_the_one_row_the_queryset_finds(article):
    assert article_quiz(article.pk) is None
    quiz = services.quiz_get_or_generate(article)
    assert fields(article_quiz(article.pk)) == fields(Quiz.objects.get(article=article))
    assert article_quiz(article.pk).pk == quiz.pk


def test_dates_come_as_the_orms_python_values_and_annotations_are_set(article):
    import datetime as dt

    from django.utils import timezone

    from classroom.services import correction_add
    from reader.render_cache import article_for_reading
    from tests.factories import make_user

    Article.objects.filter(pk=article.pk).update(annotated_at=timezone.now())
    correction = correction_add(
        article=article, user=make_user("frau_meier"), kind="compound_remove", key="brücke"
    )
    found = article_for_reading(ANYONE, article.pk)
    expected = Article.objects.get(pk=article.pk)
    assert isinstance(found.created_at, dt.datetime) and found.created_at.tzinfo is not None
    assert found.created_at == expected.created_at
    assert found.annotated_at == expected.annotated_at
    assert (found.corrections_count, found.corrections_last) == (1, correction.pk)
    assert found.get_deferred_fields() == {"text", "annotation"}
