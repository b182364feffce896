"""Classes, joining, assignments, progress, lookups, corrections and the teacher's dashboard,
through the views as teachers and students use them."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from classroom import selectors, services
from classroom.models import Assignment, Classroom, Lookup, Membership, Progress
from nlp.document import Annotation
from reader import selectors as reader_selectors
from reader.corrections import apply_corrections
from reader.models import Article
from tests.classroom_factories import (
    make_class,
    make_quiz,
    make_ready_article,
    make_student,
    make_teacher,
    small_annotation,
    take_quiz,
)
from tests.test_tasks import DATABASE_TASKS

pytestmark = pytest.mark.django_db

GERMAN_PARAGRAPH = (
    "Die Regierung hat am Montag einen neuen Plan für die Schulen vorgestellt. Er soll dafür "
    "sorgen, dass mehr Lehrer eingestellt werden und die Klassen kleiner sind. Kritiker sagen, "
    "das sei nicht genug, weil es auch an Räumen fehlt und die Gebäude alt sind."
)


def assigned_article():
    """A teacher, a student in their class, and the small article assigned to it."""
    teacher, student = make_teacher(), make_student()
    article = make_ready_article(created_by=teacher)
    assignment = services.assignment_create(
        classroom=make_class(teacher, students=[student]), article=article
    )
    return teacher, student, article, assignment


def test_teacher_creates_a_class_and_gets_a_join_code_and_link(client):
    teacher = make_teacher()
    client.force_login(teacher)
    response = client.post(
        reverse("classroom:classroom_create"), {"name": "Deutsch 10b"}, follow=True
    )
    classroom = Classroom.objects.get(teacher=teacher)
    page = response.content.decode()
    assert classroom.join_code in page
    assert reverse("classroom:join_code", args=[classroom.join_code]) in page


def test_student_joins_with_the_code_typed_loosely_or_with_the_link(client):
    classroom = make_class(make_teacher())
    first, second = make_student("ana"), make_student("ben")
    client.force_login(first)
    code = classroom.join_code
    response = client.post(reverse("classroom:join"), {"code": f" {code[:4].lower()} {code[4:]} "})
    assert response.status_code == 302
    client.force_login(second)
    link = reverse("classroom:join_code", args=[code])
    assert code in client.get(link).content.decode()  # the link fills in the code
    client.post(link, {"code": code})
    assert set(Membership.objects.values_list("student__username", flat=True)) == {"ana", "ben"}


def test_joining_twice_is_harmless_and_bad_or_closed_codes_get_a_message(client):
    classroom = make_class(make_teacher())
    student = make_student()
    services.classroom_join(student=student, code=classroom.join_code)
    services.classroom_join(student=student, code=classroom.join_code)
    assert Membership.objects.count() == 1
    client.force_login(make_student("late"))
    response = client.post(reverse("classroom:join"), {"code": "NOPE2345"})
    assert response.status_code == 400 and "No class has this code" in response.content.decode()
    services.classroom_close(classroom=classroom)
    response = client.post(reverse("classroom:join"), {"code": classroom.join_code})
    assert "closed" in response.content.decode()


def test_teacher_sees_only_their_own_classes(client):
    mine, theirs = make_teacher("mine"), make_teacher("theirs")
    make_class(mine, name="Meine Klasse")
    make_class(theirs, name="Fremde Klasse")
    client.force_login(mine)
    page = client.get(reverse("classroom:home")).content.decode()
    assert "Meine Klasse" in page and "Fremde Klasse" not in page


def test_student_home_lists_open_assignments_with_due_dates_soonest_first(client):
    teacher, student = make_teacher(), make_student()
    classroom = make_class(teacher, students=[student])
    other_class = make_class(make_teacher("t2"), name="Andere")  # not joined
    later = make_ready_article(title="Später", created_by=teacher)
    sooner = make_ready_article(title="Bald", created_by=teacher)
    hidden = make_ready_article(title="Nicht meins")
    due = timezone.now() + dt.timedelta(days=2)
    services.assignment_create(
        classroom=classroom, article=later, due_at=due + dt.timedelta(days=5)
    )
    services.assignment_create(classroom=classroom, article=sooner, due_at=due)
    services.assignment_create(classroom=other_class, article=hidden)
    client.force_login(student)
    page = client.get(reverse("classroom:home")).content.decode()
    assert page.index("Bald") < page.index("Später")
    assert "Nicht meins" not in page
    assert "due" in page
    services.classroom_close(classroom=classroom)
    page = client.get(reverse("classroom:home")).content.decode()
    assert "Bald" not in page


def test_assigning_through_the_class_page_with_a_due_date(client):
    teacher = make_teacher()
    classroom = make_class(teacher)
    article = make_ready_article(created_by=teacher)
    client.force_login(teacher)
    client.post(
        reverse("classroom:assignment_create", args=[classroom.pk]),
        {"article": article.pk, "due_at": "2030-05-01T08:00"},
    )
    assignment = Assignment.objects.get()
    assert assignment.due_at.year == 2030
    response = client.post(
        reverse("classroom:assignment_create", args=[classroom.pk]),
        {"article": article.pk},
        follow=True,
    )
    assert "already assigned" in response.content.decode()


def test_opening_reading_to_the_end_and_lookups_are_recorded(client):
    teacher, student, article, assignment = assigned_article()
    client.force_login(student)
    popover = reverse("reader:word_popover", args=[article.pk, 0, 1])

    # A lookup outside the assignment is the learner's own business: not recorded.
    client.get(popover, headers={"HX-Request": "true"})
    assert not Lookup.objects.exists()

    page = client.get(reverse("classroom:assignment_read", args=[assignment.pk])).content.decode()
    assert 'hx-trigger="intersect once"' in page  # the end-of-text beacon
    assert Progress.objects.get().finished_at is None
    client.get(popover, headers={"HX-Request": "true"})
    client.get(popover, headers={"HX-Request": "true"})
    assert Lookup.objects.get().count == 2 and Lookup.objects.get().key == "regierung"

    response = client.post(
        reverse("classroom:assignment_finish", args=[assignment.pk]), headers={"HX-Request": "true"}
    )
    assert "read to the end" in response.content.decode()
    first_finish = Progress.objects.get().finished_at
    assert first_finish is not None
    client.post(
        reverse("classroom:assignment_finish", args=[assignment.pk]), headers={"HX-Request": "true"}
    )
    assert Progress.objects.get().finished_at == first_finish


def test_a_glance_is_not_a_lookup_until_the_reader_stays_on_the_word(client):
    teacher, student, article, assignment = assigned_article()
    client.force_login(student)
    page = client.get(reverse("classroom:assignment_read", args=[assignment.pk])).content.decode()
    lookup = reverse("reader:word_lookup", args=[article.pk, 0, 1])
    assert f'data-lookup-url="{reverse("reader:word_lookup", args=[article.pk, 0, 0])}"' in page

    # The mouse crossing a word (or the focus passing it) opens its popover as a glance.
    popover = reverse("reader:word_popover", args=[article.pk, 0, 1])
    client.get(popover + "?glance=1", headers={"HX-Request": "true"})
    assert not Lookup.objects.exists()

    # The reader's script posts once the reader stays on it.
    response = client.post(lookup, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert Lookup.objects.get().key == "regierung" and Lookup.objects.get().count == 1


def test_staying_on_a_word_outside_an_assignment_counts_nothing(client):
    student = make_student()
    article = make_ready_article()
    client.force_login(student)
    page = client.get(reverse("reader:article_detail", args=[article.pk])).content.decode()
    assert "data-lookup-url" not in page  # the script has nothing to post to
    response = client.post(
        reverse("reader:word_lookup", args=[article.pk, 0, 1]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 204
    assert not Lookup.objects.exists()
    missing = client.post(reverse("reader:word_lookup", args=[article.pk, 99, 0]))
    assert missing.status_code == 404


def test_the_article_page_counts_lookups_while_its_assignment_is_open(client):
    teacher, student, article, assignment = assigned_article()
    client.force_login(student)
    client.get(reverse("classroom:assignment_read", args=[assignment.pk]))
    page = client.get(reverse("reader:article_detail", args=[article.pk])).content.decode()
    assert "data-lookup-url" in page


def test_lookups_stop_counting_once_a_student_is_removed(client):
    teacher, student = make_teacher(), make_student()
    article = make_ready_article(created_by=teacher)
    classroom = make_class(teacher, students=[student])
    assignment = services.assignment_create(classroom=classroom, article=article)
    client.force_login(student)
    client.get(reverse("classroom:assignment_read", args=[assignment.pk]))
    services.membership_remove(classroom=classroom, student_id=student.pk)
    client.get(
        reverse("reader:word_popover", args=[article.pk, 0, 1]), headers={"HX-Request": "true"}
    )
    assert not Lookup.objects.exists()


def _dashboard_world():
    teacher = make_teacher()
    ana, ben, cem = make_student("ana"), make_student("ben"), make_student("cem")
    article = make_ready_article(created_by=teacher)
    quiz = make_quiz(article)
    assignment = services.assignment_create(
        classroom=make_class(teacher, students=[ana, ben, cem]), article=article
    )
    services.assignment_open(assignment=assignment, student=ana)
    services.assignment_finish(assignment=assignment, student=ana)
    take_quiz(quiz, ana, assignment, [0, 1])
    take_quiz(quiz, ana, assignment, [0, 0])
    services.assignment_open(assignment=assignment, student=ben)
    take_quiz(quiz, ben, assignment, [1, 1])
    take_quiz(quiz, cem, None, [0, 0])  # practice outside the assignment: not on the dashboard
    for student, key in [
        (ana, "raketenwerfer"),
        (ben, "raketenwerfer"),
        (ben, "regierung"),
        (ben, "raketenwerfer"),
    ]:
        services.lookup_record(assignment_id=assignment.pk, student=student, key=key)
    return teacher, assignment


def test_dashboard_shows_who_opened_finished_scores_missed_questions_and_looked_up_words(client):
    teacher, assignment = _dashboard_world()
    dashboard = selectors.assignment_dashboard(assignment)
    assert (dashboard.opened, dashboard.finished) == (2, 1)
    assert [(r.student.username, r.percent, r.attempts) for r in dashboard.rows] == [
        ("ana", 100, 2),
        ("ben", 0, 1),
        ("cem", None, 0),
    ]
    # Missed questions count first attempts: both missed question 2, ben also question 1.
    assert [(q["prompt"], q["missed"]) for q in dashboard.missed] == [
        ("Ist das gut?", 2),
        ("Wer stellte den Plan vor?", 1),
    ]
    # Looked-up words as the article shows them, with their gloss: not the stored key.
    assert dashboard.words[0] == {
        "key": "raketenwerfer",
        "lemma": "Raketenwerfer",
        "gloss": "rocket launcher",
        "count": 3,
        "students": 2,
    }

    client.force_login(teacher)
    page = client.get(
        reverse("classroom:assignment_dashboard", args=[assignment.pk])
    ).content.decode()
    assert "<svg" in page and "Quiz score per student" in page
    assert "known words %" in page  # readiness against score, one dot per student
    assert "2/2" in page and "0/2" in page and "Ist das gut?" in page
    assert '<span lang="de">Raketenwerfer</span> (rocket launcher)' in page


def test_results_export_as_csv_one_row_per_student(client):
    teacher, assignment = _dashboard_world()
    client.force_login(teacher)
    response = client.get(reverse("classroom:assignment_csv", args=[assignment.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["student"], r["best score"], r["lookups"]) for r in rows] == [
        ("ana", "2", "1"),
        ("ben", "0", "3"),
        ("cem", "", "0"),
    ]
    assert rows[0]["finished reading"] and not rows[1]["finished reading"]


def test_csv_cells_never_start_a_spreadsheet_formula(client):
    teacher = make_teacher()
    student = make_student("+1+1")  # a valid Django username that Excel would evaluate
    article = make_ready_article(created_by=teacher)
    classroom = make_class(teacher, students=[student])
    assignment = services.assignment_create(classroom=classroom, article=article)
    client.force_login(teacher)
    body = client.get(reverse("classroom:assignment_csv", args=[assignment.pk])).content.decode()
    assert "\n'+1+1," in body


def test_readiness_is_the_share_of_words_known_before_first_opening():
    from glossary.services import word_status_set

    teacher, student, article, assignment = assigned_article()
    keys = services.article_word_keys(Annotation.from_json(article.annotation))
    assert "regierung" in keys and "." not in keys
    word_status_set(user=student, key="regierung", status="known")
    word_status_set(user=student, key="gut", status="known")
    word_status_set(user=student, key="sein", status="learning")
    progress = services.assignment_open(assignment=assignment, student=student)
    assert progress.readiness == pytest.approx(2 / len(keys))
    word_status_set(user=student, key="vorstellen", status="known")  # learnt while reading
    assert services.assignment_open(
        assignment=assignment, student=student
    ).readiness == pytest.approx(2 / len(keys))
    client_rows = selectors.assignment_dashboard(assignment).rows
    assert client_rows[0].readiness_percent == round(200 / len(keys))


def test_the_class_deck_downloads_as_an_anki_package(client):
    teacher, student, article, assignment = assigned_article()
    client.force_login(teacher)
    response = client.get(reverse("classroom:assignment_deck", args=[assignment.pk]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert ".apkg" in response["Content-Disposition"]


def test_teacher_adds_a_long_article_by_upload_and_sees_it_being_annotated(client, settings):
    # The worker's queue: with the default backend the upload would annotate it at once.
    settings.TASKS = DATABASE_TASKS
    teacher = make_teacher()
    client.force_login(teacher)
    text = "\n\n".join([GERMAN_PARAGRAPH] * 120)  # > 20,000 characters: annotated in the background
    response = client.post(
        reverse("classroom:article_add"),
        {
            "title": "Schulen",
            "source": "Testzeitung",
            "published": "2026-11-20",
            "file": SimpleUploadedFile("schulen.txt", text.encode("utf-16")),
        },
    )
    article = Article.objects.get(title="Schulen")
    assert response.status_code == 302 and response["Location"] == reverse(
        "classroom:article_review", args=[article.pk]
    )
    assert article.status == Article.Status.PENDING and article.source == "Testzeitung"
    status_url = reverse("classroom:article_status", args=[article.pk])
    review = client.get(response["Location"]).content.decode()
    assert status_url + "?reload=1" in review and "<progress" in review
    partial = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in partial and "<progress" in partial
    Article.objects.filter(pk=article.pk).update(
        status="ready", annotation=small_annotation(), level="B2"
    )
    partial = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert "every 2s" not in partial and "B2" in partial
    # The review page polls with reload=1: once ready it reloads to show the text.
    review = client.get(reverse("classroom:article_review", args=[article.pk])).content.decode()
    assert "?reload=1" not in review  # ready now: no polling at all
    refresh = client.get(status_url + "?reload=1", headers={"HX-Request": "true"})
    assert refresh.headers["HX-Refresh"] == "true"
    assert "B2" in client.get(reverse("classroom:home")).content.decode()  # level on the card


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("a.txt", b"", "Paste the article"),
        ("a.txt", b"\x00\x01\x02binary" * 100, "not text"),
        ("a.docx", b"PK\x03\x04", "not supported"),
        ("a.pdf", b"%PDF-1.4", "damaged or not a PDF"),
        (
            "a.txt",
            (
                (
                    "The government presented a new plan for the schools on Monday and it is "
                    "meant to be good for all of the teachers who have been waiting. "
                )
                * 5
            ).encode(),
            "does not look like German",
        ),
    ],
)
def test_bad_uploads_get_a_clear_message(client, name, data, expected):
    client.force_login(make_teacher())
    response = client.post(
        reverse("classroom:article_add"), {"title": "X", "file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert not Article.objects.exists()


def test_too_big_uploads_get_a_clear_message(client, monkeypatch):
    import classroom.uploads

    monkeypatch.setattr(classroom.uploads, "MAX_UPLOAD_BYTES", 2000)
    client.force_login(make_teacher())
    response = client.post(
        reverse("classroom:article_add"),
        {"title": "X", "file": SimpleUploadedFile("a.txt", GERMAN_PARAGRAPH.encode() * 20)},
    )
    assert response.status_code == 400 and "too big" in response.content.decode()


def test_pasted_english_is_refused_too(client):
    client.force_login(make_teacher())
    response = client.post(
        reverse("classroom:article_add"),
        {"title": "X", "text": "This is the news of the day and it is about the weather. " * 5},
    )
    assert "does not look like German" in response.content.decode()


# --- corrections ----------------------------------------------------------------------------


def test_apply_corrections_changes_glosses_compounds_and_idioms_without_touching_the_input():
    annotation = Annotation.from_json(small_annotation())
    corrected = apply_corrections(
        annotation,
        [
            {"kind": "gloss", "key": "regierung", "gloss": "cabinet"},
            {"kind": "compound_remove", "key": "raketenwerfer"},
            {"kind": "idiom_remove", "sentence": 0, "lemma": "vorstellen"},
            {
                "kind": "idiom_add",
                "sentence": 1,
                "tokens": [0, 1, 2],
                "lemma": "das ist gut",
                "gloss": "fine",
            },
            {
                "kind": "idiom_add",
                "sentence": 9,
                "tokens": [0],
                "lemma": "gone",
                "gloss": None,
            },  # stale: skipped
        ],
    )
    tokens = corrected.sentences[0].tokens
    assert tokens[1].gloss == "cabinet" and tokens[1].senses == ("cabinet",)
    assert tokens[4].compound is None
    assert corrected.sentences[0].expressions == ()
    assert corrected.sentences[1].expressions[0].lemma == "das ist gut"
    assert annotation == Annotation.from_json(small_annotation())


def test_corrections_survive_re_annotation_and_show_for_every_reader(client):
    teacher = make_teacher()
    # In the shared library: every reader sees it.
    article = make_ready_article(created_by=teacher, visibility="shared")
    client.force_login(teacher)
    client.post(
        reverse("classroom:correction_add", args=[article.pk, "gloss"]),
        {"key": "regierung", "gloss": "cabinet"},
    )
    client.post(
        reverse("classroom:correction_add", args=[article.pk, "compound"]),
        {"key": "raketenwerfer", "parts": "Raketen = rocket + Werfer = launcher"},
    )
    client.post(
        reverse("classroom:correction_add", args=[article.pk, "idiom_add"]),
        {"sentence": 1, "tokens": "0 1 2", "lemma": "das ist gut", "gloss": "that's fine"},
    )
    # A re-annotation writes a fresh document (here: a new gloss from the pipeline).
    fresh = small_annotation()
    fresh["sentences"][0]["tokens"][1]["gloss"] = "regime"
    Article.objects.filter(pk=article.pk).update(annotation=fresh, annotation_version=2)

    client.logout()
    reader = make_student()
    client.force_login(reader)
    popover = client.get(
        reverse("reader:word_popover", args=[article.pk, 0, 1]), headers={"HX-Request": "true"}
    )
    assert "cabinet" in popover.content.decode() and "regime" not in popover.content.decode()
    compound = client.get(
        reverse("reader:word_popover", args=[article.pk, 0, 4]), headers={"HX-Request": "true"}
    )
    assert "launcher" in compound.content.decode()
    idiom = client.get(
        reverse("reader:word_popover", args=[article.pk, 1, 2]), headers={"HX-Request": "true"}
    )
    assert "that&#x27;s fine" in idiom.content.decode() or "that's fine" in idiom.content.decode()


def test_the_review_panel_offers_the_corrections_for_a_word(client):
    teacher = make_teacher()
    article = make_ready_article(created_by=teacher)
    client.force_login(teacher)
    page = client.get(reverse("classroom:article_review", args=[article.pk])).content.decode()
    assert reverse("classroom:review_word", args=[article.pk, 0, 0]) in page
    panel = client.get(
        reverse("classroom:review_word", args=[article.pk, 0, 4]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "Raketen = rocket + werfer = thrower" in panel
    assert "vorstellen" in panel  # the sentence's separable verb can be removed
    assert "<html" not in panel
    assert reverse("reader:quiz_edit", args=[article.pk]) in page  # quiz editing is the quiz app's
    # Without JavaScript the same URL is the whole page with the panel open.
    assert (
        "<html"
        in client.get(reverse("classroom:review_word", args=[article.pk, 0, 4])).content.decode()
    )


def test_a_newer_gloss_correction_replaces_the_older_one():
    teacher = make_teacher()
    article = make_ready_article(created_by=teacher)
    services.correction_add(
        article=article, user=teacher, kind="gloss", key="regierung", data={"gloss": "cabinet"}
    )
    services.correction_add(
        article=article,
        user=teacher,
        kind="gloss",
        key="regierung",
        data={"gloss": "government (federal)"},
    )
    assert [c["gloss"] for c in reader_selectors.article_corrections(article.pk)] == [
        "government (federal)"
    ]


def test_a_quiz_attempt_counts_for_an_assignment_only_for_its_students_and_article():
    teacher, student, outsider = make_teacher(), make_student(), make_student("eve")
    article, other = (
        make_ready_article(created_by=teacher),
        make_ready_article(title="Anderer", created_by=teacher),
    )
    assignment = services.assignment_create(
        classroom=make_class(teacher, students=[student]), article=article
    )
    assert (
        services.quiz_assignment_id(
            user=student, article_id=article.pk, assignment_id=assignment.pk
        )
        == assignment.pk
    )
    assert Progress.objects.filter(student=student).exists()  # taking the quiz implies opening
    assert (
        services.quiz_assignment_id(
            user=outsider, article_id=article.pk, assignment_id=assignment.pk
        )
        is None
    )
    assert (
        services.quiz_assignment_id(user=student, article_id=other.pk, assignment_id=assignment.pk)
        is None
    )
    assert (
        services.quiz_assignment_id(user=student, article_id=article.pk, assignment_id=987654)
        is None
    )
    # Attempts stored with a forged assignment id are not shown: another article's quiz, or
    # someone who never opened the assignment.
    take_quiz(make_quiz(other), student, assignment, [0, 0])
    take_quiz(make_quiz(article), outsider, assignment, [0, 0])
    assert selectors.assignment_dashboard(assignment).scored == []
    assert [r.student for r in selectors.assignment_dashboard(assignment).rows] == [student]


def test_corrections_survive_a_real_re_annotation_by_the_pipeline(client, sample_lexicon):
    from reader.services import article_annotate
    from tests.factories import make_article

    teacher = make_teacher()
    article = make_article(created_by=teacher, visibility="shared")
    assert article.is_ready
    s, t = next(
        (s, t)
        for s, sentence in enumerate(article.annotation["sentences"])
        for t, token in enumerate(sentence["tokens"])
        if token["text"] == "Regierung"
    )
    key = article.annotation["sentences"][s]["tokens"][t]["lemma"].lower()
    services.correction_add(
        article=article, user=teacher, kind="gloss", key=key, data={"gloss": "the cabinet"}
    )
    Article.objects.filter(pk=article.pk).update(annotation_version=0)
    assert article_annotate(article.pk)
    article.refresh_from_db()
    assert article.annotation_version != 0  # annotated afresh
    assert article.annotation["sentences"][s]["tokens"][t].get("gloss") != "the cabinet"
    client.force_login(make_student())
    popover = client.get(
        reverse("reader:word_popover", args=[article.pk, s, t]), headers={"HX-Request": "true"}
    )
    assert "the cabinet" in popover.content.decode()


def test_a_join_link_survives_logging_in_first(client):
    classroom = make_class(make_teacher())
    link = reverse("classroom:join_code", args=[classroom.join_code])
    response = client.get(link)
    assert response.status_code == 302 and f"next={link}" in response["Location"].replace(
        "%2F", "/"
    )
    make_student("neu")
    response = client.post(
        reverse("login"), {"username": "neu", "password": "correct horse battery", "next": link}
    )
    assert response["Location"] == link


def test_the_progress_estimate_grows_with_time_and_never_claims_done():
    from datetime import timedelta

    from classroom.templatetags.classroom_tags import annotation_progress

    article = Article(word_count=40_000, created_at=timezone.now())
    assert annotation_progress(article) == 1
    article.created_at = timezone.now() - timedelta(seconds=15)
    assert 40 <= annotation_progress(article) <= 60  # 10 s start + 20 s for 40,000 words
    article.created_at = timezone.now() - timedelta(hours=1)
    assert annotation_progress(article) == 95


def test_an_oversized_upload_is_refused_before_the_body_is_read(client):
    client.force_login(make_teacher())
    response = client.generic(
        "POST",
        reverse("classroom:article_add"),
        data=b"x" * 100,
        content_type="multipart/form-data; boundary=zzz",
        CONTENT_LENGTH=str(50 * 2**20),
    )
    assert response.status_code == 413 and "too big" in response.content.decode()


def test_adding_an_article_still_needs_the_csrf_token():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_teacher())
    response = client.post(
        reverse("classroom:article_add"), {"title": "X", "text": GERMAN_PARAGRAPH}
    )
    assert response.status_code == 403 and not Article.objects.exists()


def test_open_classes_are_listed_before_closed_ones():
    teacher = make_teacher()
    old = make_class(teacher, name="Alt")
    make_class(teacher, name="Neu")
    services.classroom_close(classroom=old)
    assert [c.name for c in selectors.classrooms_taught(teacher)] == ["Neu", "Alt"]


def test_an_idiom_on_words_that_are_not_there_is_refused(client):
    from reader.models import Correction

    teacher = make_teacher()
    article = make_ready_article(created_by=teacher)
    client.force_login(teacher)
    url = reverse("classroom:correction_add", args=[article.pk, "idiom_add"])
    response = client.post(url, {"sentence": 1, "tokens": "0 99", "lemma": "x"}, follow=True)
    assert "not in this article" in response.content.decode()
    client.post(url, {"sentence": 7, "tokens": "0", "lemma": "x"})
    assert not Correction.objects.exists()


def test_the_assignment_page_has_the_readers_grammar_notes(client):
    teacher, student, article, assignment = assigned_article()
    client.force_login(student)
    page = client.get(reverse("classroom:assignment_read", args=[assignment.pk])).content.decode()
    assert 'id="notes"' in page and "vorstellen" in page


def test_pasted_text_over_the_request_limit_gets_a_message_with_the_limit(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2**20
    client.force_login(make_teacher())
    response = client.post(
        reverse("classroom:article_add"),
        {"title": "X", "text": GERMAN_PARAGRAPH * (2**20 // len(GERMAN_PARAGRAPH) + 1)},
    )
    assert response.status_code == 413
    assert "at most 1 MB" in response.content.decode()
    assert not Article.objects.exists()
