"""Large exports as background tasks: a learner's vocabulary, a class deck and an assignment's
results above a size are built by the build_export task; the owner waits on a page that polls
and then offers the file, which only they may download. Small exports keep downloading at once.

Tests with the database queue use real transactions (transaction=True), as the worker commits
like the separate process it is in production.
"""

import csv
import io

import pytest
from anki.collection import Collection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from classroom import services as classroom_services
from glossary import exports
from glossary.models import Export, ExportStatus
from glossary.services import KEEP_EXPORTS, export_request, saved_word_add
from tests.classroom_factories import make_class, make_ready_article, make_student, make_teacher
from tests.factories import make_user
from tests.test_anki import candidate, import_apkg, notes
from tests.test_tasks import DATABASE_TASKS, run_worker_batch

HX = {"HX-Request": "true"}
WORDS = [("Haubitze", "howitzer"), ("Brücke", "bridge"), ("Regierung", "government")]


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def small_threshold(monkeypatch):
    """Every export counts as large."""
    monkeypatch.setattr(exports, "INLINE_WORDS", 0)
    monkeypatch.setattr(exports, "INLINE_ARTICLE_WORDS", 0)
    monkeypatch.setattr("classroom.exports.INLINE_STUDENTS", 0)


@pytest.fixture
def lea(client):
    user = make_user("lea")
    for lemma, sense in WORDS:
        saved_word_add(
            user=user,
            candidate=candidate(
                lemma, sense, sentence=f"Die {lemma} ist neu.", spans=((4, 4 + len(lemma)),)
            ),
        )
    client.force_login(user)
    return user


def export_tasks():
    return DBTaskResult.objects.filter(task_path="glossary.tasks.build_export")


def opened_in_anki(data: bytes, tmp_path) -> list[dict]:
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        import_apkg(col, data, tmp_path)
        return notes(col)
    finally:
        col.close()


def break_the_deck_builder(monkeypatch, message="disk full"):
    def failing_deck(*args, **kwargs):
        raise OSError(message)

    monkeypatch.setattr("glossary.exports.learner_deck", failing_deck)


# --- Small exports stay direct ------------------------------------------------------------------


@pytest.mark.django_db
def test_small_export_downloads_at_once_without_an_export_row(client, lea):
    response = client.get(reverse("glossary:export_csv"))

    assert response.status_code == 200
    assert "howitzer" in response.content.decode()
    assert not Export.objects.exists()
    assert " download>" in client.get(reverse("glossary:vocabulary")).content.decode()


# --- The default backend: queued and built at once ---------------------------------------------


@pytest.mark.django_db
def test_large_export_with_the_default_backend_goes_straight_to_the_file(
    client, lea, small_threshold, tmp_path
):
    response = client.get(reverse("glossary:export_apkg"))

    queued = Export.objects.get()
    assert queued.status == ExportStatus.READY and queued.owner == lea
    assert response["Location"] == reverse("glossary:export_download", args=[queued.pk])
    download = client.get(response["Location"])
    assert download["Content-Disposition"] == 'attachment; filename="randnotiz-lea.apkg"'
    german = sorted(n["German"] for n in opened_in_anki(download.content, tmp_path))
    assert german == sorted(f"die {lemma}, -n" for lemma, _ in WORDS)
    # A page that queues exports must not mark its links `download`: they open a page.
    assert " download>" not in client.get(reverse("glossary:vocabulary")).content.decode()


@pytest.mark.django_db
def test_large_export_keeps_the_vocabulary_pages_filters(client, lea, small_threshold):
    response = client.get(reverse("glossary:export_csv"), {"q": "brück"}, follow=True)

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["german"] for r in rows] == ["die Brücke, -n"]
    assert Export.objects.get().params == {
        "fmt": "csv",
        "q": "brück",
        "article": None,
        "status": "",
    }


@pytest.mark.django_db
def test_only_the_owner_sees_and_downloads_an_export(client, lea, small_threshold):
    client.get(reverse("glossary:export_tsv"))
    queued = Export.objects.get()
    client.force_login(make_user("max"))

    for name in ("glossary:export_detail", "glossary:export_download"):
        assert client.get(reverse(name, args=[queued.pk])).status_code == 404
    assert client.post(reverse("glossary:export_retry", args=[queued.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("glossary:export_download", args=[queued.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.django_db
def test_old_finished_exports_are_cleared_when_a_new_one_is_asked_for(lea):
    other = make_user("max")
    export_request(owner=other, kind="vocabulary", params=exports.vocabulary_params("csv", {}))
    for _ in range(KEEP_EXPORTS + 3):
        export_request(owner=lea, kind="vocabulary", params=exports.vocabulary_params("csv", {}))

    # The newest KEEP_EXPORTS finished ones and the one just asked for; others' are untouched.
    assert Export.objects.filter(owner=lea).count() == KEEP_EXPORTS + 1
    assert Export.objects.filter(owner=other).count() == 1


@pytest.mark.django_db
def test_failed_export_shows_its_reason_and_tries_again(client, lea, small_threshold, monkeypatch):
    break_the_deck_builder(monkeypatch)

    response = client.get(reverse("glossary:export_apkg"), follow=True)

    queued = Export.objects.get()
    assert (queued.status, queued.status_message) == (ExportStatus.FAILED, "OSError: disk full")
    assert queued.data is None and queued.filename == ""  # nothing half-written
    page = response.content.decode()
    assert "could not be made: OSError: disk full" in page and 'class="retry-export"' in page
    monkeypatch.undo()
    client.post(reverse("glossary:export_retry", args=[queued.pk]))
    queued.refresh_from_db()
    assert queued.status == ExportStatus.READY and bytes(queued.data)[:2] == b"PK"


# --- The database queue: waiting until the worker has built it ---------------------------------


@pytest.mark.django_db(transaction=True)
def test_queued_export_waits_then_offers_the_file_built_by_the_worker(
    client, lea, small_threshold, database_queue, tmp_path
):
    response = client.get(reverse("glossary:export_apkg"))

    queued = Export.objects.get()
    detail = reverse("glossary:export_detail", args=[queued.pk])
    download = reverse("glossary:export_download", args=[queued.pk])
    assert response["Location"] == detail
    page = client.get(detail).content.decode()
    assert "Waiting" in page and 'hx-trigger="every 2s"' in page and download not in page
    assert client.get(download)["Location"] == detail  # not ready: back to the waiting page
    assert export_tasks().get().args_kwargs["args"] == [queued.pk]

    run_worker_batch()

    assert export_tasks().get().status == "SUCCESSFUL"
    box = client.get(detail, headers=HX).content.decode()
    assert box.lstrip().startswith('<div id="export-status"')
    assert download in box and "hx-trigger" not in box
    assert len(opened_in_anki(client.get(download).content, tmp_path)) == len(WORDS)


@pytest.mark.django_db(transaction=True)
def test_export_failing_in_the_worker_is_failed_with_its_reason(
    client, lea, small_threshold, database_queue, monkeypatch
):
    client.get(reverse("glossary:export_apkg"))
    break_the_deck_builder(monkeypatch)

    run_worker_batch()

    queued = Export.objects.get()
    assert (queued.status, queued.status_message) == (ExportStatus.FAILED, "OSError: disk full")
    assert queued.data is None and queued.finished_at is not None
    result = export_tasks().get()
    assert result.status == "FAILED" and "disk full" in result.traceback
    box = client.get(reverse("glossary:export_detail", args=[queued.pk]), headers=HX)
    assert "could not be made: OSError: disk full" in box.content.decode()

    monkeypatch.undo()
    client.post(reverse("glossary:export_retry", args=[queued.pk]))
    assert Export.objects.get().status == ExportStatus.PENDING
    run_worker_batch()
    assert Export.objects.get().status == ExportStatus.READY


@pytest.mark.django_db(transaction=True)
def test_nothing_to_export_says_so_in_plain_words(client, small_threshold, database_queue):
    user = make_user("ida")
    client.force_login(user)
    export_request(owner=user, kind="vocabulary", params=exports.vocabulary_params("csv", {}))

    run_worker_batch()

    assert Export.objects.get().status_message == "There are no words to export."


# --- Teachers' exports ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_large_class_deck_is_built_by_the_worker(client, small_threshold, database_queue, tmp_path):
    teacher = make_teacher()
    article = make_ready_article(created_by=teacher)
    client.force_login(teacher)

    response = client.get(reverse("glossary:article_deck", args=[article.pk]))
    queued = Export.objects.get()
    assert response["Location"] == reverse("glossary:export_detail", args=[queued.pk])
    run_worker_batch()

    download = client.get(reverse("glossary:export_download", args=[queued.pk]))
    assert download["Content-Disposition"].endswith(f'randnotiz-article-{article.pk}.apkg"')
    assert opened_in_anki(download.content, tmp_path)


@pytest.mark.django_db
def test_large_class_results_table_is_the_same_csv_built_in_the_background(client, monkeypatch):
    teacher = make_teacher()
    students = [make_student("ana"), make_student("ben")]
    assignment = classroom_services.assignment_create(
        classroom=make_class(teacher, students=students),
        article=make_ready_article(created_by=teacher),
    )
    client.force_login(teacher)
    url = reverse("classroom:assignment_csv", args=[assignment.pk])
    direct = client.get(url)
    assert direct.status_code == 200 and not Export.objects.exists()

    monkeypatch.setattr("classroom.exports.INLINE_STUDENTS", 1)
    queued = client.get(url, follow=True)

    assert queued.content == direct.content
    assert queued["Content-Disposition"] == direct["Content-Disposition"]
    assert Export.objects.get().kind == "assignment_results"
    # A student of the class may not have the class's results, queued or not.
    client.force_login(students[0])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_students_large_class_deck_is_queued_for_the_student(client, small_threshold):
    teacher, student = make_teacher(), make_student()
    assignment = classroom_services.assignment_create(
        classroom=make_class(teacher, students=[student]),
        article=make_ready_article(created_by=teacher),
    )
    client.force_login(student)

    response = client.get(reverse("classroom:assignment_deck", args=[assignment.pk]), follow=True)

    assert response.content[:2] == b"PK"
    assert Export.objects.get().owner == student
