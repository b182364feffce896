"""The data migrations of the access model, run on a database as today's main left it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)


def migrate_to(*targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(list(targets))
    return executor.loader.project_state(list(targets)).apps


def test_seeds_become_shared_and_teachers_articles_stay_theirs():
    old = migrate_to(("reader", "0005_task_due_at"))
    User = old.get_model("auth", "User")
    Article = old.get_model("reader", "Article")
    teacher = User.objects.create(username="frau_weber")
    seed = Article.objects.create(title="Seed", text="x", seed_order=0)
    loaded = Article.objects.create(title="Geladen", text="x")
    own = Article.objects.create(title="Für die 10b", text="x", created_by=teacher)

    new = migrate_to(("reader", "0006_article_visibility"))
    Article = new.get_model("reader", "Article")
    visibility = dict(Article.objects.values_list("pk", "visibility"))
    assert visibility == {seed.pk: "shared", loaded.pk: "shared", own.pk: "private"}
    migrate_to(*[key for key in MigrationExecutor(connection).loader.graph.leaf_nodes()])


def test_recorded_answers_get_what_was_asked_from_the_questions_still_there():
    old = migrate_to(("reader", "0006_article_visibility"))
    Article = old.get_model("reader", "Article")
    Quiz = old.get_model("reader", "Quiz")
    QuizQuestion = old.get_model("reader", "QuizQuestion")
    QuizAttempt = old.get_model("reader", "QuizAttempt")
    quiz = Quiz.objects.create(article=Article.objects.create(title="t", text="x"))
    q = QuizQuestion.objects.create(
        quiz=quiz, kind="details", prompt="Wer?", choices=["A", "B"], answer=1, sentence="s."
    )
    attempt = QuizAttempt.objects.create(
        quiz=quiz, answers={str(q.pk): {"choice": 0, "correct": False}}, score=0, total=1
    )
    new = migrate_to(("reader", "0007_attempt_question_snapshots"))
    answers = new.get_model("reader", "QuizAttempt").objects.get(pk=attempt.pk).answers
    assert answers[str(q.pk)] == {
        "choice": 0,
        "correct": False,
        "kind": "details",
        "prompt": "Wer?",
        "sentence": "s.",
        "choices": ["A", "B"],
        "answer": 1,
        "position": 0,
    }
    migrate_to(*MigrationExecutor(connection).loader.graph.leaf_nodes())
