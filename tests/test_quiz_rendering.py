"""The quiz page's questions, rendered once per process and reused (reader/quiz/rendering.py):
the page must be the one rendered question by question for this learner, whatever other
learners, teachers and regenerations did before."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from reader.models import QuizQuestion
from reader.quiz import rendering, services
from tests.factories import make_user
from tests.quiz_annotations import make_annotated_article

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}
CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")([A-Za-z0-9]+)')


@pytest.fixture
def article():
    article = make_annotated_article()
    services.quiz_get_or_generate(article)
    return article


@pytest.fixture
def learner(client):
    client.force_login(make_user("lea"))
    return client


@pytest.fixture
def other_learner():
    client = Client()
    client.force_login(make_user("max"))
    return client


def page_of(client, article) -> str:
    return client.get(reverse("reader:quiz_take", args=[article.pk])).content.decode()


def answer(client, article, question, choice) -> str:
    url = reverse("reader:quiz_answer", args=[article.pk, question.pk])
    return client.post(url, {"choice": choice}, headers=HX).content.decode()


def questions(article) -> list[QuizQuestion]:
    return list(QuizQuestion.objects.filter(quiz__article=article, dropped=False))


def wrong(question) -> int:
    return (question.answer + 1) % len(question.choices)


def same_token(html: str) -> str:
    """The markup with every CSRF token written as "TOKEN" (each request masks its own)."""
    return CSRF_VALUE.sub(r"\1TOKEN", html)


def rendered_alone(article, question, choice, request) -> str:
    """The question's markup as the template gives it for this request, without the cache."""
    item = {
        "q": question,
        "choice": choice,
        "correct": choice is not None and choice == question.answer,
    }
    return render_to_string(
        "reader/quiz.html#question", {"article": article, "item": item}, request
    )


def test_every_question_on_the_page_is_its_uncached_rendering_for_this_learner(
    learner, other_learner, article
):
    first, second, *rest = questions(article)
    # Another learner's answers fill the cache first, for the same questions.
    page_of(other_learner, article)
    answer(other_learner, article, first, first.answer)
    answer(other_learner, article, second, second.answer)
    page_of(learner, article)
    answer(learner, article, first, wrong(first))
    answer(learner, article, second, second.answer)

    response = learner.get(reverse("reader:quiz_take", args=[article.pk]))
    page = same_token(response.content.decode())
    mine = {first.pk: wrong(first), second.pk: second.answer}
    for q in [first, second, *rest]:
        alone = rendered_alone(article, q, mine.get(q.pk), response.wsgi_request)
        assert same_token(alone) in page
    assert page.count('<li class="question') == len(rest) + 2
    assert page.count("(your answer)") == 2


def test_a_warm_cache_gives_the_page_an_empty_one_gives(learner, article):
    q = questions(article)[0]
    page_of(learner, article)
    answer(learner, article, q, wrong(q))
    warm = page_of(learner, article)
    rendering.clear()
    assert same_token(page_of(learner, article)) == same_token(warm)


def test_every_form_carries_the_pages_own_working_csrf_token(article):
    client = Client(enforce_csrf_checks=True)
    page = page_of(client, article)
    tokens = {value for _, value in CSRF_VALUE.findall(page)}
    assert len(tokens) == 1  # the page's token, also in hx-headers, as {% csrf_token %} gives
    q = questions(article)[0]
    url = reverse("reader:quiz_answer", args=[article.pk, q.pk])
    refused = client.post(url, {"choice": q.answer, "csrfmiddlewaretoken": "x" * 32})
    assert refused.status_code == 403
    response = client.post(url, {"choice": q.answer, "csrfmiddlewaretoken": tokens.pop()})
    assert response.status_code == 302


def test_a_second_learner_gets_the_questions_without_rendering_them_again(
    learner, other_learner, article
):
    rendering.clear()
    page_of(learner, article)
    made = rendering._cached.cache_info().misses
    assert made == len(questions(article))
    page_of(other_learner, article)
    assert rendering._cached.cache_info().misses == made


def test_a_teachers_edit_shows_at_once_on_a_cached_page(learner, article):
    q = questions(article)[0]
    page_of(learner, article)
    services.quiz_question_update(
        q, prompt="Neu?\nWer baut ___?", choices=["Leipzig", "Halle"], answer=1, explanation="So."
    )
    page = page_of(learner, article)
    assert "Wer baut ___?" in page and ">Halle</button>" in page
    html = answer(learner, article, q, 1)
    assert "Right!" in html and "So." in html
    assert '<li class="right">Halle' in html


def test_an_edit_to_the_right_answer_changes_the_feedback_of_an_answered_question(learner, article):
    q = questions(article)[0]
    page_of(learner, article)
    assert "Not quite." in answer(learner, article, q, wrong(q))
    services.quiz_question_update(
        q, prompt=q.prompt, choices=q.choices, answer=wrong(q), explanation=q.explanation
    )
    page = page_of(learner, article)
    assert "Right!" in page and "Not quite." not in page


def test_a_regenerated_quiz_shows_its_new_questions(learner, article):
    old = questions(article)
    page_of(learner, article)
    services.quiz_request_generation(article, new_seed=True)  # runs at once in tests
    new = questions(article)
    assert {q.pk for q in new}.isdisjoint({q.pk for q in old})
    response = learner.get(reverse("reader:quiz_take", args=[article.pk]))
    page = same_token(response.content.decode())
    for q in new:
        assert same_token(rendered_alone(article, q, None, response.wsgi_request)) in page
    for q in old:
        assert f'id="q{q.pk}"' not in page


def test_each_learner_sees_only_their_own_answers(learner, other_learner, article):
    q = questions(article)[0]
    page_of(learner, article)
    page_of(other_learner, article)
    answer(learner, article, q, wrong(q))
    theirs = page_of(other_learner, article)
    assert "(your answer)" not in theirs
    assert reverse("reader:quiz_answer", args=[article.pk, q.pk]) in theirs
    assert "Right!" in answer(other_learner, article, q, q.answer)
    mine = page_of(learner, article)
    assert "Not quite." in mine and "Right!" not in mine
    chosen = q.choices[wrong(q)].replace("'", "&#x27;")
    assert f'<li class="wrong">{chosen} <span class="yours">(your answer)</span>' in mine


def test_a_question_that_looks_like_the_csrf_slot_is_shown_as_text(learner, article):
    q = questions(article)[0]
    services.quiz_question_update(
        q, prompt="<csrf-token>", choices=["<csrf-token>", "b"], answer=1, explanation=""
    )
    page = page_of(learner, article)
    assert '<p class="prompt" lang="de">&lt;csrf-token&gt;</p>' in page
    assert ">&lt;csrf-token&gt;</button>" in page


def test_choices_that_are_not_text_are_rendered_without_the_cache(learner, article):
    q = questions(article)[0]
    QuizQuestion.objects.filter(pk=q.pk).update(choices=[1, True])
    page = page_of(learner, article)
    assert 'value="0">1</button>' in page and 'value="1">True</button>' in page
