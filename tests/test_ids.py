"""An id beyond 64 bits, in a URL or a query parameter, is a 404 or an invalid field, never
an OverflowError (a 500)."""

import pytest
from django.urls import reverse

from core.ids import MAX_ID
from reader.models import QuizAttempt, QuizQuestion
from tests.classroom_factories import make_teacher
from tests.factories import make_user
from tests.quiz_annotations import make_annotated_article
from tests.test_hostile_input import all_url_patterns

TOO_BIG = 99999999999999999999999


def routes_with_ids():
    for name, pattern in all_url_patterns():
        converters = getattr(pattern.pattern, "converters", {})
        if any(type(c).__name__ in ("IdConverter", "IntConverter") for c in converters.values()):
            yield name, pattern


ROUTES = sorted(routes_with_ids(), key=lambda route: route[0])


def test_every_route_with_an_id_uses_the_bounded_id_converter():
    assert ROUTES, "the URLconf has routes with ids"
    plain_ints = [
        name
        for name, pattern in ROUTES
        if any(type(c).__name__ == "IntConverter" for c in pattern.pattern.converters.values())
    ]
    assert plain_ints == []


def url_with(pattern, name: str, value: int) -> str:
    # reverse() checks the converter's regex, so the path is built from the route itself.
    route = str(pattern.pattern)
    for key in pattern.pattern.converters:
        route = route.replace(f"<id:{key}>", str(value))
    prefix = reverse(name, kwargs=dict.fromkeys(pattern.pattern.converters, 1))
    # the route's own text is the tail of the reversed URL; swap the tail
    tail = str(pattern.pattern)
    for key in pattern.pattern.converters:
        tail = tail.replace(f"<id:{key}>", "1")
    return prefix[: len(prefix) - len(tail)] + route


@pytest.mark.django_db
@pytest.mark.parametrize("name,pattern", ROUTES, ids=[name for name, _ in ROUTES])
@pytest.mark.parametrize("value", [TOO_BIG, MAX_ID + 1])
def test_an_id_beyond_64_bits_in_a_url_is_a_404(client, name, pattern, value):
    teacher = make_teacher()
    teacher.is_staff = teacher.is_superuser = True
    teacher.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(teacher)
    url = url_with(pattern, name, value)
    assert str(value) in url
    assert client.get(url).status_code == 404
    assert client.post(url).status_code in (403, 404, 405)


@pytest.mark.django_db
def test_an_assignment_id_beyond_64_bits_on_the_quiz_page_breaks_no_later_answer(client):
    article = make_annotated_article()
    client.force_login(make_user("lea"))
    url = reverse("reader:quiz_take", args=[article.pk])
    assert client.get(url, {"assignment": TOO_BIG}).status_code == 200
    questions = QuizQuestion.objects.filter(quiz__article=article, dropped=False)
    assert questions
    for question in questions:
        response = client.post(
            reverse("reader:quiz_answer", args=[article.pk, question.pk]),
            {"choice": question.answer},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
    assert QuizAttempt.objects.filter(assignment_id__isnull=True).count() == 1
