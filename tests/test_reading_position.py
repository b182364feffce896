"""The reading position (issue 18, item 2): where a reader left an article comes back on its
page and on an assignment's, for that reader alone."""

import pytest
from django.test import Client
from django.urls import reverse

from classroom import services as classroom_services
from reader.models import ReadingPosition
from tests.classroom_factories import make_class, make_ready_article, make_student, make_teacher
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    lea = make_user("lea")
    teacher = make_teacher("frau_weber")
    return {
        "lea": lea,
        "max": make_user("max"),
        "teacher": teacher,
        "mine": make_ready_article("Mein Text", created_by=lea),
        "class_text": make_ready_article("Nur für die 10b", created_by=teacher),
        "shared": make_ready_article("Für alle"),
    }


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_reading_position_comes_back_for_its_reader_only(world):
    shared = world["shared"]
    lea = _client(world["lea"])
    assert (
        lea.post(reverse("reader:reading_position", args=[shared.pk]), {"s": 1}).status_code == 204
    )
    page = lea.get(reverse("reader:article_detail", args=[shared.pk])).content.decode()
    assert 'data-resume-s="1"' in page
    assert reverse("reader:reading_position", args=[shared.pk]) in page
    # Saving again moves it; one row per reader and article.
    lea.post(reverse("reader:reading_position", args=[shared.pk]), {"s": 0})
    assert ReadingPosition.objects.get(user=world["lea"], article=shared).sentence == 0
    other = _client(world["max"]).get(reverse("reader:article_detail", args=[shared.pk]))
    assert "data-resume-s" not in other.content.decode()
    anonymous = Client().get(reverse("reader:article_detail", args=[shared.pk]))
    assert "data-position-url" not in anonymous.content.decode()


def test_a_reading_position_is_checked(world):
    lea, max_ = _client(world["lea"]), _client(world["max"])
    url = reverse("reader:reading_position", args=[world["mine"].pk])
    assert lea.post(url, {"s": 2}).status_code == 400  # the article has two sentences
    assert lea.post(url, {"s": "x"}).status_code == 400
    assert max_.post(url, {"s": 0}).status_code == 404  # not theirs to read
    assert Client().post(url, {"s": 0}).status_code == 302  # to log in
    assert not ReadingPosition.objects.exists()


def test_an_assignment_opens_at_the_students_place_in_the_text_too(world):
    student = make_student("sam")
    classroom = make_class(world["teacher"], students=[student])
    assignment = classroom_services.assignment_create(
        classroom=classroom, article=world["class_text"]
    )
    client = _client(student)
    client.post(reverse("reader:reading_position", args=[world["class_text"].pk]), {"s": 1})
    page = client.get(reverse("classroom:assignment_read", args=[assignment.pk])).content.decode()
    assert 'data-resume-s="1"' in page
