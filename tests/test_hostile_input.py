"""Hostile and broken input: stored XSS, CSRF, uploads, races, a deleted article.

Articles here carry a hand-made annotation (tests/classroom_factories.py) so that the tests
exercise the web layer, not the NLP pipeline.
"""

from __future__ import annotations

import io
import threading
import zipfile

import pytest
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from classroom.services import correction_add
from glossary.models import Example, SavedWord
from reader.models import Article, LemmaStatus
from reader.quiz import services as quiz_services
from tests.classroom_factories import (
    PASSWORD,
    make_class,
    make_quiz,
    make_ready_article,
    make_student,
    make_teacher,
)

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def assert_escaped(response, payload: str = PAYLOAD) -> None:
    """The payload is on the page as text, never as markup."""
    assert response.status_code == 200, response.status_code
    body = response.content.decode()
    assert "<script>alert" not in body
    assert "<img src=x" not in body
    assert "&lt;script&gt;alert(" in body, "the payload should be shown, escaped"


def logged_in(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def hostile_article(teacher=None) -> Article:
    """An article whose title, text, a word and its gloss all carry the payload."""
    article = make_ready_article(title=f"Titel {PAYLOAD}", created_by=teacher)
    annotation = article.annotation
    annotation["sentences"][1]["tokens"].insert(
        0,
        {
            "text": PAYLOAD,
            "ws": " ",
            "lemma": PAYLOAD,
            "upos": "NOUN",
            "xpos": "NN",
            "feats": "",
            "gloss": PAYLOAD,
            "compound": None,
            "senses": [PAYLOAD],
            "gender": "f",
            "plural": PAYLOAD,
        },
    )
    annotation["sentences"][0]["tokens"][1]["gloss"] = PAYLOAD
    annotation["sentences"][0]["tokens"][1]["senses"] = [PAYLOAD]
    Article.objects.filter(pk=article.pk).update(
        annotation=annotation, text=article.text.replace("Das ist", f"{PAYLOAD} Das ist")
    )
    article.refresh_from_db()
    return article


# --- Stored XSS -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_html_in_title_text_and_words_is_shown_as_text_on_the_reading_page():
    article = hostile_article()
    student = make_student()
    for client in (Client(), logged_in(student)):
        assert_escaped(client.get(reverse("reader:article_detail", args=[article.pk])))
        assert_escaped(client.get(reverse("reader:article_list")))


@pytest.mark.django_db
def test_html_in_a_dictionary_gloss_is_shown_as_text_in_the_popover():
    article = hostile_article()
    for s, t in [(0, 1), (1, 0)]:
        url = reverse("reader:word_popover", args=[article.pk, s, t])
        assert_escaped(Client().get(url, headers={"HX-Request": "true"}))
        assert_escaped(Client().get(url))  # the no-JavaScript page


@pytest.mark.django_db
def test_html_in_a_teachers_gloss_correction_is_shown_as_text():
    teacher = make_teacher()
    article = make_ready_article(created_by=teacher, visibility="shared")
    correction_add(
        article=article, user=teacher, kind="gloss", key="regierung", data={"gloss": PAYLOAD}
    )
    url = reverse("reader:word_popover", args=[article.pk, 0, 1])
    assert_escaped(Client().get(url, headers={"HX-Request": "true"}))
    review = logged_in(teacher).get(reverse("classroom:article_review", args=[article.pk]))
    assert_escaped(review)


@pytest.mark.django_db
def test_html_in_a_saved_words_note_and_gloss_is_shown_as_text_on_the_vocabulary_page():
    student = make_student()
    article = hostile_article()
    word = SavedWord.objects.create(
        user=student,
        key="regierung",
        lemma="Regierung",
        headline=f"die Regierung {PAYLOAD}",
        sense=PAYLOAD,
        gloss=PAYLOAD,
        note=PAYLOAD,
    )
    Example.objects.create(
        saved_word=word,
        sentence=f"Die Regierung {PAYLOAD}.",
        spans=[[4, 13]],
        sentence_hash="h" * 64,
        article=article,
        article_title=article.title,
    )
    assert_escaped(logged_in(student).get(reverse("glossary:vocabulary")))


@pytest.mark.django_db
def test_html_in_a_teachers_quiz_edit_is_shown_as_text_to_students():
    teacher = make_teacher()
    article = make_ready_article(created_by=teacher, visibility="shared")
    quiz = make_quiz(article)
    # Marked as generated from this annotation, so the quiz app keeps it as it is.
    quiz.fingerprint = quiz_services.fingerprint(article.annotation)
    quiz.save(update_fields=["fingerprint"])
    question = quiz.questions.order_by("position").first()
    edit = logged_in(teacher).post(
        reverse("reader:quiz_question_edit", args=[article.pk, question.pk]),
        {
            f"q{question.pk}-prompt": f"Wer? {PAYLOAD}",
            f"q{question.pk}-choices": f"Die Regierung\n{PAYLOAD}\nNiemand",
            f"q{question.pk}-answer": "1",
            f"q{question.pk}-explanation": PAYLOAD,
        },
    )
    assert edit.status_code in (200, 302)
    question.refresh_from_db()
    assert PAYLOAD in question.prompt  # stored as typed ...
    page = logged_in(make_student()).get(reverse("reader:quiz_take", args=[article.pk]))
    assert_escaped(page)  # ... shown as text
    assert_escaped(logged_in(teacher).get(reverse("reader:quiz_edit", args=[article.pk])))


@pytest.mark.django_db
def test_html_in_a_class_name_is_shown_as_text():
    teacher = make_teacher()
    student = make_student()
    classroom = make_class(teacher, name=f"10b {PAYLOAD}", students=[student])
    assert_escaped(
        logged_in(teacher).get(reverse("classroom:classroom_detail", args=[classroom.pk]))
    )
    assert_escaped(logged_in(student).get(reverse("classroom:home")))


# --- CSRF on every POST -------------------------------------------------------------------


def all_url_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = pattern.namespace
            sub_prefix = f"{prefix}{namespace}:" if namespace else prefix
            yield from all_url_patterns(pattern, sub_prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{prefix}{pattern.name}", pattern


SAMPLE_ARGS = {
    "int": 1,
    "id": 1,
    "str": "abc",
    "slug": "abc",
    "path": "a/b",
    "uuid": "0" * 8 + "-0000-0000-0000-" + "0" * 12,
}


def sample_url(name: str, pattern: URLPattern) -> str | None:
    converters = getattr(pattern.pattern, "converters", {})
    kwargs = {}
    for key, converter in converters.items():
        kind = type(converter).__name__.replace("Converter", "").lower()
        kwargs[key] = SAMPLE_ARGS.get(kind, "abc")
    try:
        return reverse(name, kwargs=kwargs)
    except Exception:  # a regex pattern with its own groups (the admin's): reverse by args
        return None


@pytest.mark.django_db
def test_every_post_url_refuses_a_request_without_csrf_token():
    """Every URL in the URLconf, as a logged-in teacher and as a staff user: a POST without the
    token is refused before any view runs (the htmx POSTs send it as X-CSRFToken)."""
    teacher = make_teacher()
    admin = make_teacher("admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    tested, skipped = [], []
    for user in (teacher, admin):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        for name, pattern in all_url_patterns():
            url = sample_url(name, pattern)
            if url is None:
                skipped.append(name)
                continue
            response = client.post(url, {"x": "1"}, headers={"HX-Request": "true"})
            assert response.status_code == 403, f"{name} {url} answered {response.status_code}"
            assert b"CSRF" in response.content
            tested.append(name)
    ours = {n for n in tested if n.split(":")[0] in {"reader", "glossary", "classroom"}}
    assert {
        "glossary:word_save",
        "reader:quiz_answer",
        "classroom:article_add",
        "classroom:correction_add",
        "signup",
        "login",
    } <= set(tested)
    assert len(ours) >= 20


@pytest.mark.django_db
def test_htmx_post_with_the_pages_token_header_is_accepted():
    """The other half: base.html hands htmx the token as a header, and that passes the check."""
    student = make_student()
    article = make_ready_article()
    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    page = client.get(reverse("reader:article_detail", args=[article.pk]))
    token = page.context["csrf_token"]
    assert f'"X-CSRFToken": "{token}"' in page.content.decode()
    response = client.post(
        reverse("glossary:word_save"),
        {"article": article.pk, "s": 0, "t": 1},
        headers={"HX-Request": "true", "X-CSRFToken": str(token)},
    )
    assert response.status_code == 200
    assert SavedWord.objects.filter(user=student, key="regierung").exists()


# --- Uploads --------------------------------------------------------------------------------

GERMAN = (
    "Die Regierung hat am Montag einen neuen Plan für die Schulen vorgestellt. Der Minister "
    "sagte, dass die Schüler mehr Zeit für das Lesen haben sollen. Es ist nicht klar, wie "
    "viel Geld die Länder dafür bekommen werden. Die Lehrer sind mit dem Plan auch nicht "
    "zufrieden, weil sie schon jetzt zu wenig Zeit haben. Über die Ferien wird noch gesprochen.\n"
)


def upload(teacher, name: str, data: bytes, title="Hochgeladen"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = logged_in(teacher)
    return client.post(
        reverse("classroom:article_add"),
        {"title": title, "file": SimpleUploadedFile(name, data)},
    )


def form_errors(response) -> str:
    form = response.context["form"]
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@pytest.mark.django_db
def test_a_50_mb_upload_is_refused_with_a_clear_message():
    teacher = make_teacher()
    response = upload(
        teacher, "huge.txt", GERMAN.encode() * (50 * 2**20 // len(GERMAN.encode()) + 1)
    )
    # Refused before the body is read (413) or by the form (400); either way with the limit.
    assert response.status_code in (400, 413)
    assert " MB" in response.content.decode()
    assert not Article.objects.exists()


def epub_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), b"application/epub+zip")
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_zip_bomb_epub_is_refused_without_inflating_it():
    teacher = make_teacher()
    bomb = epub_bytes({"OEBPS/chapter.xhtml": b"<p>" + b"A" * (200 * 2**20) + b"</p>"})
    assert len(bomb) < 2**20  # 200 MB of text in under a megabyte
    response = upload(teacher, "bomb.epub", bomb)
    assert response.status_code == 400
    assert form_errors(response)
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,data",
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40),
        ("document.txt", b"%PDF-1.7\n" + b"\x00\x01\x02\xff" * 2000),
        ("broken.epub", b"PK\x03\x04 this is no zip file"),
    ],
)
def test_binary_files_are_refused_with_a_clear_message(name, data):
    response = upload(make_teacher(), name, data)
    assert response.status_code == 400
    assert form_errors(response)
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "utf-8-sig", "cp1252"])
def test_files_in_other_encodings_keep_their_umlauts(encoding):
    teacher = make_teacher()
    response = upload(teacher, "alt.txt", GERMAN.encode(encoding))
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    assert "Schüler" in article.text and "Über" in article.text
    assert "\ufffd" not in article.text


@pytest.mark.django_db
def test_text_in_another_language_is_refused_with_a_clear_message():
    english = (
        "The government presented a new plan for the schools on Monday. The minister said that "
        "pupils should have more time for reading. It is not clear how much money the states "
        "will get for it, and the teachers are not happy with the plan either.\n"
    )
    response = upload(make_teacher(), "english.txt", english.encode())
    assert response.status_code == 400
    assert "German" in form_errors(response)
    assert not Article.objects.exists()


# --- Races ----------------------------------------------------------------------------------


def run_together(count: int, work) -> list[BaseException]:
    """Run `work()` in `count` threads released at the same moment; their exceptions."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def runner():
        try:
            barrier.wait(timeout=10)
            work()
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=runner) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "sqlite" in connection.settings_dict["ENGINE"],
    reason="SQLite's in-memory test database cannot be written from threads; "
    "test_sqlite_file_database_takes_concurrent_writers covers SQLite",
)
def test_a_word_saved_twice_at_the_same_moment_by_two_tabs_is_saved_once():
    student = make_student()
    article = make_ready_article()

    def save_from_a_tab():
        client = Client()
        client.force_login(student)
        response = client.post(
            reverse("glossary:word_save"),
            {"article": article.pk, "s": 0, "t": 1},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200, response.status_code

    for _ in range(3):
        assert run_together(4, save_from_a_tab) == []
    assert SavedWord.objects.filter(user=student, key="regierung").count() == 1
    assert Example.objects.filter(saved_word__user=student).count() == 1
    assert LemmaStatus.objects.filter(user=student, key="regierung").count() == 1


def add_article(client, title="Der Plan", text=GERMAN):
    return client.post(reverse("classroom:article_add"), {"title": title, "text": text})


@pytest.mark.django_db
def test_a_second_click_on_add_gives_the_article_already_added_not_a_copy():
    client = logged_in(make_teacher())
    first = add_article(client)
    again = add_article(client)
    article = Article.objects.get()
    review = reverse("classroom:article_review", args=[article.pk])
    assert first["Location"] == again["Location"] == review
    assert "not added twice" in client.get(review).content.decode()
    # Another title, another teacher's same text: new articles.
    add_article(client, title="Der Plan, Teil 2")
    add_article(logged_in(make_teacher("herr_meier")))
    assert Article.objects.count() == 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "sqlite" in connection.settings_dict["ENGINE"],
    reason="SQLite's in-memory test database cannot be written from threads; its IMMEDIATE "
    "transactions serialize the two adds anyway",
)
def test_two_clicks_on_add_at_the_same_moment_add_one_article():
    teacher = make_teacher()
    for round in range(3):

        def click_add(title=f"Der Plan {round}"):
            response = add_article(logged_in(teacher), title=title)
            assert response.status_code == 302, response.status_code

        assert run_together(4, click_add) == []
        assert Article.objects.filter(title=f"Der Plan {round}").count() == 1


# --- A teacher deletes an article students are reading -------------------------------------


@pytest.mark.django_db
def test_deleted_article_gives_a_clear_404_and_saved_words_keep_their_sentence():
    teacher = make_teacher()
    student = make_student()
    article = make_ready_article(created_by=teacher, visibility="shared")
    client = logged_in(student)
    saved = client.post(
        reverse("glossary:word_save"),
        {"article": article.pk, "s": 0, "t": 1},
        headers={"HX-Request": "true"},
    )
    assert saved.status_code == 200
    reading = reverse("reader:article_detail", args=[article.pk])
    popover = reverse("reader:word_popover", args=[article.pk, 0, 1])
    assert client.get(reading).status_code == 200

    Article.objects.get(pk=article.pk).delete()  # what the teacher's delete ends in

    for url, headers in [(reading, {}), (popover, {"HX-Request": "true"}), (popover, {})]:
        response = client.get(url, headers=headers)
        assert response.status_code == 404
    page = client.get(reading).content.decode()
    assert "This page is not here" in page and "your vocabulary" in page  # templates/404.html
    again = client.post(
        reverse("glossary:word_save"),
        {"article": article.pk, "s": 0, "t": 2},
        headers={"HX-Request": "true"},
    )
    assert again.status_code == 404
    example = Example.objects.get(saved_word__user=student)
    assert example.sentence == "Die Regierung stellte den Raketenwerfer vor."
    assert example.article_id is None
    assert example.article_title == "Ein Plan"
    assert logged_in(student).get(reverse("glossary:vocabulary")).status_code == 200


# --- SQLite with concurrent writers ---------------------------------------------------------

SQLITE_WRITERS = r"""
import json, threading
import django
django.setup()
from django.core.management import call_command
from django.db import OperationalError, close_old_connections, connection
from django.test import Client
from django.urls import reverse

call_command("migrate", verbosity=0)
from glossary.models import SavedWord
from reader.models import LemmaStatus
from reader.models import Article
from tests.classroom_factories import make_ready_article, make_student

student = make_student()
article = make_ready_article()
errors, saves = [], []
barrier = threading.Barrier(8)

def writer(n):
    try:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(student)
        barrier.wait(timeout=20)
        for i in range(15):
            # A status write, an article write and a word saved from the same sentence by all.
            LemmaStatus.objects.update_or_create(
                user=student, key=f"w{n}-{i}", defaults={"status": "known"}
            )
            Article.objects.filter(pk=article.pk).update(word_count=n * 100 + i)
            response = client.post(
                reverse("glossary:word_save"),
                {"article": article.pk, "s": 0, "t": 1},
                headers={"HX-Request": "true"},
            )
            saves.append(response.status_code)
    except OperationalError as error:
        errors.append(str(error))
    except Exception as error:
        errors.append(repr(error))
    finally:
        close_old_connections()
        connection.close()

threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps({
    "journal_mode": connection.cursor().execute("PRAGMA journal_mode").fetchone()[0],
    "errors": errors, "saves": sorted(set(saves)), "requests": len(saves),
    "statuses": LemmaStatus.objects.filter(user=student, key__startswith="w").count(),
    "saved_words": SavedWord.objects.filter(user=student, key="regierung").count(),
}))
"""


def test_sqlite_file_database_takes_concurrent_writers(tmp_path):
    """Eight threads writing at once to a real SQLite file with the project's settings (WAL,
    busy_timeout, IMMEDIATE transactions) see no "database is locked", and the word all of them
    save from the same sentence at the same moment is stored once."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(
        SQLITE_PATH=str(tmp_path / "school.sqlite3"), DJANGO_SETTINGS_MODULE="config.settings"
    )
    result = subprocess.run(
        [sys.executable, "-c", SQLITE_WRITERS],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["journal_mode"] == "wal"
    assert outcome["errors"] == []
    assert outcome["requests"] == 8 * 15 and outcome["saves"] == [200]
    assert outcome["statuses"] == 8 * 15
    assert outcome["saved_words"] == 1
