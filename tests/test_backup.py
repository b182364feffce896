"""`manage.py backup` / `restore` (what `make backup` and `make restore FILE=...` run)."""

import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from reader.management.commands.backup import backup_querysets
from reader.models import Article
from tests.factories import make_article, make_user


def school_counts() -> dict[str, int]:
    return {label: queryset.count() for label, queryset in backup_querysets()}


def quiz_attempt_for(article, student):
    """A finished quiz attempt, through the quiz app's own services (None if it has no quiz)."""
    from reader.quiz.services import quiz_attempt_record, quiz_get_or_generate

    quiz = quiz_get_or_generate(Article.objects.get(pk=article.pk))
    if quiz is None:
        return None
    answers = {q.pk: 0 for q in quiz.questions.filter(dropped=False)}
    return quiz_attempt_record(quiz=quiz, user=student, answers=answers)


def populate_school():
    """A little of everything a school makes, through the models that exist now."""
    teacher = make_user("frau_meier", password="a long teacher passphrase")
    student = make_user("lea", password="correct horse battery")
    article = make_article(title="Der Plan <b>neu</b>", annotate="inline")
    make_article(title="Noch ein Text", text="Ein zweiter Text steht hier.", annotate="inline")
    Profile = apps.get_model("accounts", "Profile")
    Profile.objects.update_or_create(user=teacher, defaults={"role": "teacher"})
    Profile.objects.get_or_create(user=student)

    SavedWord = apps.get_model("glossary", "SavedWord")
    word = SavedWord.objects.create(
        user=student, key="plan", lemma="Plan", headline="der Plan, Pläne", sense="plan"
    )
    apps.get_model("glossary", "Example").objects.create(
        saved_word=word,
        sentence="Der Plan ist gut.",
        spans=[[4, 8]],
        sentence_hash="x" * 64,
        article=article,
        article_title=article.title,
    )
    apps.get_model("reader", "LemmaStatus").objects.create(user=student, key="gut", status="known")
    Entry = apps.get_model("lexicon", "Entry")
    teacher_entry = Entry.objects.create(key="plan", headword="Plan", pos="NOUN", source="teacher")
    apps.get_model("lexicon", "Sense").objects.create(
        entry=teacher_entry, order=0, gloss="scheme", source="teacher"
    )
    # A re-importable dictionary row: not school data.
    Entry.objects.create(key="gut", headword="gut", pos="ADJ", source="ding")

    Classroom = apps.get_model("classroom", "Classroom")
    classroom = Classroom.objects.create(name="10b", teacher=teacher)
    apps.get_model("classroom", "Membership").objects.create(classroom=classroom, student=student)
    assignment = apps.get_model("classroom", "Assignment").objects.create(
        classroom=classroom, article=article
    )
    apps.get_model("classroom", "Progress").objects.create(
        assignment=assignment, student=student, opened_at=timezone.now(), readiness=0.5
    )
    quiz_attempt_for(article, student)
    apps.get_model("reader", "Correction").objects.create(
        article=article, kind="gloss", key="plan", data={"gloss": "scheme"}, created_by=teacher
    )
    return article


@pytest.mark.django_db(transaction=True)
def test_backup_flush_restore_gives_back_every_row(tmp_path):
    article = populate_school()
    before = school_counts()
    annotation = Article.objects.get(pk=article.pk).annotation
    backup = tmp_path / "school.json"

    call_command("backup", str(backup), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    assert not Article.objects.exists()
    call_command("restore", str(backup), verbosity=0)

    assert school_counts() == before
    restored = Article.objects.get(pk=article.pk)
    assert restored.title == "Der Plan <b>neu</b>"
    assert restored.annotation == annotation
    assert restored.status == Article.Status.READY
    user = apps.get_model("auth", "User").objects.get(username="lea")
    assert user.check_password("correct horse battery")
    assert user.saved_words.get().examples.get().article_id == article.pk


@pytest.mark.django_db(transaction=True)
def test_backup_leaves_out_the_imported_dictionary_and_sessions(tmp_path, client):
    populate_school()
    client.login(username="lea", password="correct horse battery")
    backup = tmp_path / "school.json"

    call_command("backup", str(backup), verbosity=0)

    models = {row["model"] for row in json.loads(backup.read_text())}
    assert {"reader.article", "auth.user", "glossary.savedword", "reader.correction"} <= models
    assert not models & {"sessions.session", "contenttypes.contenttype", "auth.permission"}
    entries = [row for row in json.loads(backup.read_text()) if row["model"] == "lexicon.entry"]
    assert [e["fields"]["source"] for e in entries] == ["teacher"]


@pytest.mark.django_db(transaction=True)
def test_a_backup_written_before_models_moved_app_restores(tmp_path):
    """Teachers' dictionary entries and learners' word statuses were glossary's models; a
    backup of then names them so."""
    populate_school()
    before = school_counts()
    backup = tmp_path / "school.json"
    call_command("backup", str(backup), verbosity=0)
    rows = json.loads(backup.read_text())
    for row in rows:
        row["model"] = {"reader.lemmastatus": "glossary.lemmastatus"}.get(
            row["model"], row["model"].replace("lexicon.", "glossary.")
        )
    backup.write_text(json.dumps(rows))
    call_command("flush", interactive=False, verbosity=0)

    call_command("restore", str(backup), verbosity=0)

    assert school_counts() == before
    entry = apps.get_model("lexicon", "Entry").objects.get()
    assert (entry.headword, entry.source, entry.senses.get().gloss) == ("Plan", "teacher", "scheme")
    status = apps.get_model("reader", "LemmaStatus").objects.get()
    assert (status.user.username, status.key, status.status) == ("lea", "gut", "known")


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_already_has_data(tmp_path):
    populate_school()
    backup = tmp_path / "school.json"
    call_command("backup", str(backup), verbosity=0)

    with pytest.raises(CommandError, match="empty database"):
        call_command("restore", str(backup), verbosity=0)


# --- Re-annotation after a pipeline upgrade ------------------------------------------------


def user_data_snapshot() -> dict:
    """Everything learners and teachers made that a re-annotation must not touch."""
    labels = [
        "glossary.savedword",
        "glossary.example",
        "reader.lemmastatus",
        "reader.correction",
        "classroom.progress",
        "classroom.assignment",
        "reader.quiz",
        "reader.quizquestion",
        "reader.quizattempt",
    ]
    snapshot = {}
    for label in labels:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        snapshot[label] = sorted(
            (tuple(sorted(row.items())) for row in model.objects.values()), key=repr
        )
    snapshot["statuses"] = sorted(Article.objects.values_list("pk", "status"))
    return snapshot


@pytest.mark.django_db
def test_reannotating_every_article_loses_no_user_data():
    article = populate_school()
    # An article as an older pipeline left it.
    Article.objects.filter(pk=article.pk).update(annotation_version=0)
    before = user_data_snapshot()
    assert before["glossary.savedword"] and before["reader.correction"]
    old = Article.objects.get(pk=article.pk)

    call_command("reannotate", "--all", verbosity=0)

    new = Article.objects.get(pk=article.pk)
    assert new.annotated_at > old.annotated_at
    assert new.annotation_version > 0
    assert user_data_snapshot() == before
    # The saved word's sentence is its own copy, whatever the new annotation says.
    example = apps.get_model("glossary", "Example").objects.get()
    assert example.sentence == "Der Plan ist gut." and example.article_id == article.pk


@pytest.mark.django_db
def test_reannotate_by_default_takes_only_outdated_or_unfinished_articles():
    current = make_article(title="Aktuell", annotate="inline")
    outdated = make_article(title="Alt", annotate="inline")
    pending = make_article(title="Wartet", annotate="none")
    Article.objects.filter(pk=outdated.pk).update(annotation_version=0)
    stamp = Article.objects.get(pk=current.pk).annotated_at

    call_command("reannotate", verbosity=0)

    assert Article.objects.get(pk=current.pk).annotated_at == stamp
    assert Article.objects.get(pk=outdated.pk).annotation_version > 0
    assert Article.objects.get(pk=pending.pk).status == Article.Status.READY


@pytest.mark.django_db
def test_reannotate_reports_failures_and_keeps_the_old_annotation(monkeypatch):
    article = make_article(annotate="inline")
    before = Article.objects.get(pk=article.pk)

    def failing_annotate_text(text, lexicon):
        raise RuntimeError("new pipeline broken")

    monkeypatch.setattr("nlp.pipeline.annotate_text", failing_annotate_text)
    with pytest.raises(CommandError, match="could not be annotated"):
        call_command("reannotate", "--all", verbosity=0)

    after = Article.objects.get(pk=article.pk)
    assert after.annotation == before.annotation
    assert after.status == Article.Status.READY
