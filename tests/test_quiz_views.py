"""Taking a quiz in the browser's place (Django's test client) and a teacher's review."""

from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from reader.models import Article, Quiz, QuizAttempt, QuizQuestion
from reader.quiz import services
from reader.quiz.generate import quiz_generate
from tests.factories import make_user
from tests.quiz_annotations import ARTICLE, annotate, make_annotated_article

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


@pytest.fixture
def article():
    return make_annotated_article()


@pytest.fixture
def teacher():
    return make_user("teacher", is_staff=True)


def quiz_url(article, name="reader:quiz_take", *args):
    return reverse(name, args=[article.pk, *args])


def questions(article):
    return list(QuizQuestion.objects.filter(quiz__article=article, dropped=False))


def answer(client, article, q, choice, htmx=True):
    return client.post(
        quiz_url(article, "reader:quiz_answer", q.pk),
        {"choice": choice},
        headers=HX if htmx else {},
    )


def test_article_page_links_to_the_quiz(client, article):
    page = client.get(reverse("reader:article_detail", args=[article.pk]))
    assert quiz_url(article) in page.content.decode()


def test_quiz_page_shows_every_question_with_its_choices(client, article):
    page = client.get(quiz_url(article)).content.decode()
    stored = questions(article)
    assert len(stored) >= 8
    for q in stored:
        assert f'id="q{q.pk}"' in page
        assert q.choices[0].replace("'", "&#x27;") in page


def test_stored_quiz_is_the_generated_quiz_of_that_annotation(client, article):
    client.get(quiz_url(article))
    generated = quiz_generate(article.annotation, seed=0)
    assert [(q.prompt, q.choices, q.answer) for q in questions(article)] == [
        (q.prompt, q.choices, q.answer) for q in generated
    ]
    client.get(quiz_url(article))
    assert Quiz.objects.count() == 1 and len(questions(article)) == len(generated)


def test_answer_is_checked_on_the_server_with_feedback_and_highlighted_source(client, article):
    client.get(quiz_url(article))
    q = questions(article)[0]
    wrong = (q.answer + 1) % len(q.choices)
    html = answer(client, article, q, wrong).content.decode()
    assert "Not quite." in html
    before, mark, after = q.sentence_parts()
    assert f"<mark>{mark}</mark>" in html
    assert 'class="right"' in html and 'class="wrong"' in html
    assert 'id="score"' in html and 'hx-swap-oob="true"' in html
    q2 = questions(article)[1]
    assert "Right!" in answer(client, article, q2, q2.answer).content.decode()


def test_first_answer_counts(client, article):
    client.get(quiz_url(article))
    q = questions(article)[0]
    answer(client, article, q, (q.answer + 1) % len(q.choices))
    assert "Not quite." in answer(client, article, q, q.answer).content.decode()


def test_a_choice_out_of_range_is_rejected(client, article):
    client.get(quiz_url(article))
    q = questions(article)[0]
    assert answer(client, article, q, len(q.choices)).status_code == 400
    assert answer(client, article, q, "x").status_code == 400


def test_answering_without_javascript_redirects_back_to_the_question(client, article):
    client.get(quiz_url(article))
    q = questions(article)[0]
    response = answer(client, article, q, q.answer, htmx=False)
    assert response.status_code == 302 and response["Location"].endswith(f"#q{q.pk}")
    assert "Right!" in client.get(quiz_url(article)).content.decode()


def test_score_at_the_end_and_attempt_stored_for_a_logged_in_learner(client, article):
    learner = make_user("lea")
    client.force_login(learner)
    client.get(quiz_url(article) + "?assignment=7")
    stored = questions(article)
    for k, q in enumerate(stored):
        html = answer(
            client, article, q, q.answer if k % 2 == 0 else (q.answer + 1) % len(q.choices)
        ).content.decode()
    right = (len(stored) + 1) // 2
    assert f"{right} / {len(stored)}" in html and "Try again" in html
    attempt = QuizAttempt.objects.get()
    assert (attempt.user, attempt.score, attempt.total, attempt.assignment_id) == (
        learner,
        right,
        len(stored),
        7,
    )
    first = attempt.answers[str(stored[0].pk)]
    assert (first["choice"], first["correct"]) == (stored[0].answer, True)
    # What was asked is kept with the answer (the question row may change or go).
    assert (first["prompt"], first["choices"], first["answer"]) == (
        stored[0].body,
        stored[0].choices,
        stored[0].answer,
    )


def test_opening_from_an_assignment_after_practice_records_a_new_attempt_for_it(client, article):
    client.force_login(make_user("lea"))
    client.get(quiz_url(article))
    for q in questions(article):
        answer(client, article, q, q.answer)
    assert QuizAttempt.objects.filter(assignment_id__isnull=True).count() == 1
    client.get(quiz_url(article) + "?assignment=7")
    for q in questions(article):
        answer(client, article, q, q.answer)
    assert QuizAttempt.objects.filter(assignment_id=7).count() == 1


def test_anonymous_learner_gets_a_score_but_no_stored_attempt(client, article):
    client.get(quiz_url(article))
    for q in questions(article):
        html = answer(client, article, q, q.answer).content.decode()
    assert "Your score" in html
    assert QuizAttempt.objects.count() == 0


def test_the_log_in_link_after_the_last_answer_leads_back_to_the_quiz_page(client, article):
    from urllib.parse import quote

    client.get(quiz_url(article))
    for q in questions(article):
        html = answer(client, article, q, q.answer).content.decode()
    assert f'?next={quote(quiz_url(article))}"' in html


def test_retry_starts_the_quiz_again(client, article):
    client.get(quiz_url(article))
    q = questions(article)[0]
    answer(client, article, q, q.answer)
    response = client.post(quiz_url(article, "reader:quiz_retry"))
    assert response.status_code == 302
    page = client.get(quiz_url(article)).content.decode()
    assert "Right!" not in page and "0 of" in page


def test_attempt_record_service_scores_from_stored_answers(article):
    quiz = services.quiz_get_or_generate(article)
    learner = make_user("max")
    stored = questions(article)
    attempt = services.quiz_attempt_record(
        quiz=quiz,
        user=learner,
        answers={q.pk: q.answer for q in stored[:3]},
        assignment=SimpleNamespace(pk=12),
    )
    assert (attempt.score, attempt.total, attempt.assignment_id) == (3, len(stored), 12)


# --------------------------------------------------------------------------- teacher review


def test_only_the_articles_owner_and_staff_may_review(client, article):
    """Any teacher could edit any article's quiz, the shared seed's included."""
    assert client.get(quiz_url(article, "reader:quiz_edit")).status_code == 404
    client.force_login(make_user("outsider"))
    assert client.get(quiz_url(article, "reader:quiz_edit")).status_code == 404
    creator = make_user("creator")
    article.created_by = creator
    article.save(update_fields=["created_by"])
    client.force_login(creator)
    assert client.get(quiz_url(article, "reader:quiz_edit")).status_code == 200
    teacher_like = SimpleNamespace(
        is_authenticated=True, is_staff=False, pk=999, profile=SimpleNamespace(role="teacher")
    )
    assert not services.can_edit_quiz(teacher_like, article)
    assert services.can_edit_quiz(SimpleNamespace(is_authenticated=True, is_staff=True), article)


def test_teacher_edits_a_question(client, article, teacher):
    client.force_login(teacher)
    client.get(quiz_url(article, "reader:quiz_edit"))
    q = questions(article)[0]
    response = client.post(
        quiz_url(article, "reader:quiz_question_edit", q.pk),
        {
            f"q{q.pk}-prompt": "Wie viel?\nEine neue Frage ___ ?",
            f"q{q.pk}-choices": "eins\nzwei\ndrei",
            f"q{q.pk}-answer": "2",
            f"q{q.pk}-explanation": "Weil.",
        },
    )
    assert response.status_code == 302
    q.refresh_from_db()
    assert (q.choices, q.answer, q.edited) == (["eins", "zwei", "drei"], 1, True)


def test_an_edit_with_duplicate_choices_is_refused(client, article, teacher):
    client.force_login(teacher)
    client.get(quiz_url(article, "reader:quiz_edit"))
    q = questions(article)[0]
    response = client.post(
        quiz_url(article, "reader:quiz_question_edit", q.pk),
        {
            f"q{q.pk}-prompt": "x",
            f"q{q.pk}-choices": "eins\neins",
            f"q{q.pk}-answer": "1",
        },
    )
    assert response.status_code == 400
    q.refresh_from_db()
    assert not q.edited


def test_teacher_reorders_and_drops_questions(client, article, teacher):
    client.force_login(teacher)
    client.get(quiz_url(article, "reader:quiz_edit"))
    first, second = questions(article)[:2]
    client.post(quiz_url(article, "reader:quiz_question_move", second.pk), {"offset": "-1"})
    assert [q.pk for q in questions(article)[:2]] == [second.pk, first.pk]
    client.post(quiz_url(article, "reader:quiz_question_drop", first.pk))
    assert first.pk not in [q.pk for q in questions(article)]
    assert f'id="q{first.pk}"' not in client.get(quiz_url(article)).content.decode()


def test_regenerate_keeps_edited_questions_and_leaves_dropped_ones_out(client, article, teacher):
    client.force_login(teacher)
    quiz = services.quiz_get_or_generate(article)
    rows = questions(article)
    edited, dropped = rows[2], rows[3]
    services.quiz_question_update(
        edited, prompt="Neu?\n___ x", choices=["a", "b"], answer=0, explanation=""
    )
    services.quiz_question_drop(dropped)
    client.post(quiz_url(article, "reader:quiz_regenerate"))
    quiz.refresh_from_db()
    assert quiz.seed == 1
    after = questions(article)
    assert edited.pk in [q.pk for q in after]
    assert [q.pk for q in after].index(edited.pk) == 2
    assert (dropped.kind, dropped.anchor) not in {(q.kind, q.anchor) for q in after}
    assert sum(1 for q in after if q.anchor == edited.anchor) == 1


def test_edits_survive_reannotation(article):
    services.quiz_get_or_generate(article)
    edited = questions(article)[0]
    services.quiz_question_update(
        edited, prompt="Eigene Frage?\nText ___", choices=["a", "b"], answer=1, explanation="mine"
    )
    # The article is annotated again (a new pipeline version changes the document).
    annotation = annotate(ARTICLE)
    annotation["version"] = 2
    Article.objects.filter(pk=article.pk).update(annotation=annotation, annotation_version=2)
    article.refresh_from_db()
    quiz = services.quiz_get_or_generate(article)
    assert quiz.annotation_version == 2
    kept = QuizQuestion.objects.get(pk=edited.pk)
    assert (kept.prompt, kept.choices, kept.answer, kept.edited) == (
        "Eigene Frage?\nText ___",
        ["a", "b"],
        1,
        True,
    )
    assert len(questions(article)) >= 8


def test_quiz_page_of_an_article_not_yet_annotated_says_so(client):
    article = Article.objects.create(title="Wartet", text="Ein Text.", visibility="shared")
    page = client.get(reverse("reader:quiz_take", args=[article.pk]))
    assert page.status_code == 200 and "not annotated yet" in page.content.decode()


def test_quiz_page_follows_a_new_annotation_of_the_article(client, article):
    Article.objects.filter(pk=article.pk).update(annotated_at=timezone.now())
    assert "Brücke" in client.get(quiz_url(article)).content.decode()  # fingerprint kept
    old = {q.pk for q in questions(article)}
    text = "Dresden plant einen Tunnel. " + ARTICLE.replace("Brücke", "Fähre")
    Article.objects.filter(pk=article.pk).update(
        text=text, annotation=annotate(text), annotated_at=timezone.now()
    )
    page = client.get(quiz_url(article)).content.decode()
    assert "Fähre" in page
    new = questions(article)
    assert not old & {q.pk for q in new}
    assert not any("Brücke" in q.sentence for q in new)
