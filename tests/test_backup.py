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
    apps.get_model("glossary", "LemmaStatus").objects.create(
        user=student, key="gut", status="known"
    )
    Entry = apps.get_model("glossary", "Entry")
    teacher_entry = Entry.objects.create(key="plan", headword="Plan", pos="NOUN", source="teacher")
    apps.get_model("glossary", "Sense").objects.create(
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
    apps.get_model("classroom", "QuizResult").objects.create(
        assignment=assignment, student=student, score=3, total=4, answers=[{"question": 1}]
    )
    apps.get_model("classroom", "Correction").objects.create(
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
    assert {"reader.article", "auth.user", "glossary.savedword", "classroom.quizresult"} <= models
    assert not models & {"sessions.session", "contenttypes.contenttype", "auth.permission"}
    entries = [row for row in json.loads(backup.read_text()) if row["model"] == "glossary.entry"]
    assert [e["fields"]["source"] for e in entries] == ["teacher"]


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_already_has_data(tmp_path):
    populate_school()
    backup = tmp_path / "school.json"
    call_command("backup", str(backup), verbosity=0)

    with pytest.raises(CommandError, match="empty database"):
        call_command("restore", str(backup), verbosity=0)
