"""A learner's own library (issue 18, item 1): any signed-in learner adds a text through the
teachers' add-article form, and it is private to them by reader.access's one rule."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from reader.models import Article
from tests.classroom_factories import make_student, make_teacher
from tests.test_classroom import GERMAN_PARAGRAPH
from tests.test_tasks import DATABASE_TASKS

pytestmark = pytest.mark.django_db


def learner_adds(client, learner, **data):
    client.force_login(learner)
    return client.post(reverse("classroom:article_add"), data)


def test_a_learner_adds_a_pasted_text_and_reads_it(client):
    learner = make_student("lena")
    response = learner_adds(client, learner, title="Schulen", text=GERMAN_PARAGRAPH)
    article = Article.objects.get(title="Schulen")
    assert article.created_by == learner
    assert article.visibility == Article.Visibility.PRIVATE
    # Straight to reading, not to the teachers' review page.
    assert response.status_code == 302
    assert response["Location"] == reverse("reader:article_detail", args=[article.pk])
    page = client.get(response["Location"], follow=True).content.decode()
    assert "Only you see it." in page and "Regierung" in page
    popover = reverse("reader:word_popover", args=[article.pk, 0, 1])
    assert client.get(popover, headers={"HX-Request": "true"}).status_code == 200


def test_nobody_else_reads_a_learners_text():
    owner, other = make_student("lena"), make_student("tom")
    learner_adds(Client(), owner, title="Tagebuch", text=GERMAN_PARAGRAPH)
    article = Article.objects.get(title="Tagebuch")
    page = reverse("reader:article_detail", args=[article.pk])
    popover = reverse("reader:word_popover", args=[article.pk, 0, 1])
    second, anonymous = Client(), Client()
    second.force_login(other)
    for visitor in (second, anonymous):
        assert visitor.get(page).status_code == 404
        assert visitor.get(popover, headers={"HX-Request": "true"}).status_code == 404
        assert visitor.get(popover).status_code == 404


def test_a_learners_text_is_on_their_home_page_only():
    owner, other = make_student("lena"), make_student("tom")
    mine = Client()
    learner_adds(mine, owner, title="Mein Tagebuch", text=GERMAN_PARAGRAPH)
    home = reverse("reader:article_list")
    assert "Mein Tagebuch" in mine.get(home).content.decode()
    second = Client()
    second.force_login(other)
    assert "Mein Tagebuch" not in second.get(home).content.decode()
    assert "Mein Tagebuch" not in Client().get(home).content.decode()


def test_the_home_page_links_signed_in_users_to_the_add_form(client):
    add = reverse("classroom:article_add")
    assert f'href="{add}"' not in client.get(reverse("reader:article_list")).content.decode()
    client.force_login(make_student("lena"))
    page = client.get(reverse("reader:article_list")).content.decode()
    assert f'href="{add}"' in page and "Add a text" in page
    assert client.get(add).status_code == 200


def test_a_learners_long_upload_is_annotated_in_the_background(client, settings):
    # The worker's queue: with the default backend the upload would annotate it at once.
    settings.TASKS = DATABASE_TASKS
    text = "\n\n".join([GERMAN_PARAGRAPH] * 120)  # > 20,000 characters
    upload = SimpleUploadedFile("lang.txt", text.encode())
    response = learner_adds(client, make_student("lena"), title="Lang", file=upload)
    article = Article.objects.get(title="Lang")
    assert article.status == Article.Status.PENDING
    assert article.visibility == Article.Visibility.PRIVATE
    page = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in page


def test_a_learners_bad_upload_gets_the_teachers_clear_message(client):
    upload = SimpleUploadedFile("bild.png", b"\x89PNG\r\n\x1a\n")
    response = learner_adds(client, make_student("lena"), title="Bild", file=upload)
    assert response.status_code == 400 and not Article.objects.exists()
    assert 'class="errorlist' in response.content.decode()


def test_a_teacher_still_goes_to_the_review_page(client):
    teacher = make_teacher()
    response = learner_adds(client, teacher, title="Unterricht", text=GERMAN_PARAGRAPH)
    article = Article.objects.get(title="Unterricht")
    assert response["Location"] == reverse("classroom:article_review", args=[article.pk])
    assert article.visibility == Article.Visibility.PRIVATE
