"""Quiz generation as a background task: at once with the default (immediate) backend, through
the django-tasks-db queue and `manage.py db_worker` in production. Learners wait on a
"preparing the quiz" box that polls; a failure shows its reason, keeps what was stored and
offers teachers a "try again".

Tests with the database queue use real transactions (transaction=True): the worker commits
like the separate process it is in production.
"""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from reader.models import Quiz, QuizQuestion
from reader.quiz import services
from tests.factories import make_article, make_user
from tests.quiz_annotations import make_annotated_article
from tests.test_tasks import DATABASE_TASKS, TEXT, run_worker_batch

HX = {"HX-Request": "true"}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_TASKS


def quiz_page(client, article, **headers):
    return client.get(reverse("reader:quiz_take", args=[article.pk]), headers=headers)


def poll(client, article):
    return client.get(reverse("reader:quiz_take", args=[article.pk]) + "?status=1", headers=HX)


def quiz_tasks():
    return DBTaskResult.objects.filter(task_path="reader.tasks.generate_quiz")


def break_the_generator(monkeypatch, message="generator out of memory"):
    def failing_generate(*args, **kwargs):
        raise RuntimeError(message)

    monkeypatch.setattr("reader.quiz.services.quiz_generate", failing_generate)


def stored_questions(article):
    return list(
        QuizQuestion.objects.filter(quiz__article=article).values_list(
            "pk", "position", "prompt", "choices", "answer", "edited", "dropped"
        )
    )


# --- The default backend: everything at once ---------------------------------------------------


@pytest.mark.django_db
def test_annotating_an_article_generates_its_quiz_at_once_by_default(sample_lexicon):
    article = make_article(text=TEXT, annotate="inline")

    quiz = Quiz.objects.get(article=article)
    assert quiz.status == Quiz.Status.READY and quiz.has_questions
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_first_visit_of_the_quiz_page_shows_the_questions_by_default(client):
    article = make_annotated_article()

    page = quiz_page(client, article).content.decode()

    assert "Preparing the quiz" not in page
    assert Quiz.objects.get(article=article).status == Quiz.Status.READY
    for q in QuizQuestion.objects.filter(quiz__article=article):
        assert f'id="q{q.pk}"' in page


@pytest.mark.django_db
def test_failed_generation_shows_the_reason_and_a_teacher_retries_it(client, monkeypatch):
    article = make_annotated_article()
    break_the_generator(monkeypatch)

    page = quiz_page(client, article).content.decode()
    assert "The quiz could not be made: RuntimeError: generator out of memory" in page
    assert "A teacher can try again." in page
    assert not QuizQuestion.objects.exists()

    monkeypatch.undo()
    client.force_login(make_user("teacher", is_staff=True))
    assert 'class="retry-generation"' in quiz_page(client, article).content.decode()
    client.post(reverse("reader:quiz_generate_retry", args=[article.pk]))

    quiz = Quiz.objects.get(article=article)
    assert quiz.status == Quiz.Status.READY and quiz.status_message == ""
    assert QuizQuestion.objects.filter(quiz=quiz).count() >= 8


@pytest.mark.django_db
def test_failed_regeneration_keeps_the_questions_and_the_teachers_edits(client, monkeypatch):
    article = make_annotated_article()
    quiz = services.quiz_get_or_generate(article)
    edited = QuizQuestion.objects.filter(quiz=quiz).first()
    services.quiz_question_update(
        edited, prompt="Eigene Frage?\nText ___", choices=["a", "b"], answer=1, explanation="mine"
    )
    before = stored_questions(article)
    teacher = make_user("teacher", is_staff=True)
    client.force_login(teacher)
    break_the_generator(monkeypatch, "bad seed")

    client.post(reverse("reader:quiz_regenerate", args=[article.pk]))

    quiz.refresh_from_db()
    assert quiz.status == Quiz.Status.FAILED
    assert quiz.status_message == "RuntimeError: bad seed"
    assert stored_questions(article) == before  # nothing half-written
    edit_page = client.get(reverse("reader:quiz_edit", args=[article.pk])).content.decode()
    assert "could not be generated: RuntimeError: bad seed" in edit_page
    # Learners keep taking the quiz they had.
    client.logout()
    page = quiz_page(client, article).content.decode()
    assert f'id="q{edited.pk}"' in page and "bad seed" not in page


# --- The database queue: pending until the worker has run -----------------------------------


@pytest.mark.django_db(transaction=True)
def test_quiz_page_shows_preparing_until_the_worker_has_generated_it(client, database_queue):
    article = make_annotated_article()

    page = quiz_page(client, article).content.decode()
    assert "Preparing the quiz" in page
    assert f'hx-get="/articles/{article.pk}/quiz/?status=1"' in page
    assert 'hx-trigger="every 2s"' in page
    poll_response = poll(client, article)
    assert "Preparing the quiz" in poll_response.content.decode()
    assert "HX-Refresh" not in poll_response.headers
    # Polls and visits while it waits queue nothing more.
    quiz_page(client, article)
    assert quiz_tasks().count() == 1

    run_worker_batch()

    assert quiz_tasks().get().status == "SUCCESSFUL"
    assert poll(client, article).headers["HX-Refresh"] == "true"
    page = quiz_page(client, article).content.decode()
    assert "Preparing the quiz" not in page
    questions = QuizQuestion.objects.filter(quiz__article=article)
    assert questions.count() >= 8
    assert all(f'id="q{q.pk}"' in page for q in questions)


@pytest.mark.django_db(transaction=True)
def test_worker_annotates_an_article_and_then_generates_its_quiz(sample_lexicon, database_queue):
    article = make_article(text=TEXT, annotate="task")

    run_worker_batch()

    quiz = Quiz.objects.get(article=article)
    assert quiz.status == Quiz.Status.READY and quiz.has_questions
    assert quiz_tasks().get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_failed_generation_in_the_worker_shows_failed_with_its_reason(
    client, database_queue, monkeypatch
):
    article = make_annotated_article()
    quiz_page(client, article)
    break_the_generator(monkeypatch)

    run_worker_batch()

    quiz = Quiz.objects.get(article=article)
    assert quiz.status == Quiz.Status.FAILED
    assert quiz.status_message == "RuntimeError: generator out of memory"
    assert not quiz.has_questions and not QuizQuestion.objects.exists()
    result = quiz_tasks().get()
    assert result.status == "FAILED" and "generator out of memory" in result.traceback
    # The polling box stops polling and says why.
    box = poll(client, article).content.decode()
    assert "could not be made: RuntimeError: generator out of memory" in box
    assert "hx-trigger" not in box
    # A failed quiz is not queued again by every visit; a teacher's retry queues it.
    quiz_page(client, article)
    assert quiz_tasks().count() == 1
    monkeypatch.undo()
    client.force_login(make_user("teacher", is_staff=True))
    client.post(reverse("reader:quiz_generate_retry", args=[article.pk]))
    assert Quiz.objects.get(article=article).status == Quiz.Status.PENDING
    run_worker_batch()
    assert Quiz.objects.get(article=article).status == Quiz.Status.READY


@pytest.mark.django_db(transaction=True)
def test_teachers_regeneration_in_the_worker_keeps_edited_questions(client, database_queue):
    article = make_annotated_article()
    quiz = services.quiz_get_or_generate(article)
    edited = QuizQuestion.objects.filter(quiz=quiz).order_by("position")[2]
    services.quiz_question_update(
        edited, prompt="Neu?\n___ x", choices=["a", "b"], answer=0, explanation=""
    )
    client.force_login(make_user("teacher", is_staff=True))

    response = client.post(reverse("reader:quiz_regenerate", args=[article.pk]), follow=True)
    assert "New questions are being generated" in response.content.decode()
    quiz.refresh_from_db()
    assert (quiz.status, quiz.seed) == (Quiz.Status.PENDING, 1)
    run_worker_batch()

    quiz.refresh_from_db()
    assert quiz.status == Quiz.Status.READY
    kept = QuizQuestion.objects.get(pk=edited.pk)
    assert (kept.prompt, kept.position, kept.edited) == ("Neu?\n___ x", 2, True)


@pytest.mark.django_db(transaction=True)
def test_teacher_restarts_a_generation_left_running_by_a_killed_worker(client, database_queue):
    article = make_annotated_article()
    quiz_page(client, article)
    # The worker claimed the task and died: the quiz says "running" and nothing will finish it.
    DBTaskResult.objects.all().delete()
    Quiz.objects.filter(article=article).update(status=Quiz.Status.RUNNING)
    client.force_login(make_user("teacher", is_staff=True))
    client.post(reverse("reader:quiz_regenerate", args=[article.pk]))
    assert not quiz_tasks().exists()  # a regeneration waits for the running one
    assert (
        "Start again" in client.get(reverse("reader:quiz_edit", args=[article.pk])).content.decode()
    )

    client.post(reverse("reader:quiz_generate_retry", args=[article.pk]))
    run_worker_batch()

    assert Quiz.objects.get(article=article).status == Quiz.Status.READY
    assert "Preparing the quiz" not in quiz_page(client, article).content.decode()


@pytest.mark.django_db
def test_seed_article_has_its_quiz_after_loading_the_seeds(sample_lexicon):
    # `make run` on a fresh machine: the first quiz a visitor opens is already there.
    from django.core.management import call_command

    call_command("load_seeds", verbosity=0)

    quiz = Quiz.objects.get(article__seed_order=0)
    assert quiz.status == Quiz.Status.READY
    assert quiz.questions.filter(dropped=False).count() >= 8
