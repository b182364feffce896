"""Numbers that arrive in a form or a query parameter (an article, a sentence, a token, a
choice, a page) and reach a query or an index: one beyond 64 bits, a negative one or garbage
gets a 400 or the form again with a message, never an OverflowError or IndexError (a 500), and
changes nothing stored. Ids in URLs are tests/test_ids.py's."""

import pytest
from django.urls import reverse

from classroom.models import Assignment
from core.ids import MAX_ID
from glossary.models import SavedWord
from reader.models import Correction, LemmaStatus, QuizAttempt
from tests.classroom_factories import make_class, make_quiz, make_ready_article, make_teacher

HX = {"HX-Request": "true"}
BAD = [99999999999999999999999, MAX_ID + 1, -1, "abc", "1e3", "0x10", ""]


@pytest.fixture
def world(client, db):
    teacher = make_teacher()
    article = make_ready_article(created_by=teacher)
    quiz = make_quiz(article)
    classroom = make_class(teacher)
    client.force_login(teacher)
    question = quiz.questions.order_by("position").first()
    return {"article": article, "classroom": classroom, "question": question}


def word(field):
    """The POST for the article's second word (sentence 0, token 1) with `field` replaced."""
    return lambda w, value: {"article": w["article"].pk, "s": 0, "t": 1, field: value}


# (name, url, data builder, htmx, values of BAD that are fine there)
CASES = [
    ("save_article", lambda w: reverse("glossary:word_save"), word("article"), True, ()),
    ("save_sentence", lambda w: reverse("glossary:word_save"), word("s"), True, ()),
    ("save_token", lambda w: reverse("glossary:word_save"), word("t"), True, ()),
    (
        "save_expression",
        lambda w: reverse("glossary:word_save"),
        word("x"),
        True,
        ("",),
    ),  # optional
    ("save_sense", lambda w: reverse("glossary:word_save"), word("sense"), True, ("",)),
    (
        "status_article",
        lambda w: reverse("glossary:word_status"),
        lambda w, v: {**word("article")(w, v), "status": "known"},
        True,
        (),
    ),
    (
        "status_token",
        lambda w: reverse("glossary:word_status"),
        lambda w, v: {**word("t")(w, v), "status": "known"},
        True,
        (),
    ),
    (
        "assign_article",
        lambda w: reverse("classroom:assignment_create", args=[w["classroom"].pk]),
        lambda w, v: {"article": v},
        False,
        (),
    ),
    (
        "idiom_sentence",
        lambda w: reverse("classroom:correction_add", args=[w["article"].pk, "idiom_add"]),
        lambda w, v: {"sentence": v, "tokens": "1 4", "lemma": "vorstellen"},
        False,
        (),
    ),
    (
        "idiom_tokens",
        lambda w: reverse("classroom:correction_add", args=[w["article"].pk, "idiom_add"]),
        lambda w, v: {"sentence": 0, "tokens": f"1 {v}", "lemma": "vorstellen"},
        False,
        ("",),  # "1 " is one word
    ),
    (
        "idiom_remove_sentence",
        lambda w: reverse("classroom:correction_add", args=[w["article"].pk, "idiom_remove"]),
        lambda w, v: {"sentence": v, "lemma": "vorstellen"},
        False,
        (),
    ),
    (
        "quiz_choice",
        lambda w: reverse("reader:quiz_answer", args=[w["article"].pk, w["question"].pk]),
        lambda w, v: {"choice": v},
        True,
        (),
    ),
    (
        "quiz_edit_answer",
        lambda w: reverse("reader:quiz_question_edit", args=[w["article"].pk, w["question"].pk]),
        lambda w, v: {
            f"q{w['question'].pk}-{k}": x
            for k, x in {"prompt": "Wer?", "choices": "A\nB", "answer": v}.items()
        },
        False,
        (),
    ),
    (
        "quiz_move",
        lambda w: reverse("reader:quiz_question_move", args=[w["article"].pk, w["question"].pk]),
        lambda w, v: {"offset": v},
        False,
        (-1,),  # up
    ),
]


def _label(value) -> str:
    return str(value)[:12] or "empty"


FORM_CASES = [
    pytest.param(name, url, data, htmx, value, id=f"{name}-{_label(value)}")
    for name, url, data, htmx, fine in CASES
    for value in BAD
    if value not in fine
]


@pytest.mark.parametrize("name,url,data,htmx,value", FORM_CASES)
def test_a_bad_number_in_a_form_is_refused_with_a_message(
    client, world, name, url, data, htmx, value
):
    question = world["question"]
    response = client.post(url(world), data(world, value), headers=HX if htmx else {})
    assert response.status_code in (302, 400, 404), response.status_code
    if response.status_code == 302:
        # A plain form sends the user back with the message on the next page.
        page = client.get(response.url)
        messages = [str(m) for m in page.context["messages"]] if page.context else []
        assert messages, f"{name}: redirected without saying why"
    else:
        assert response.content.strip(), f"{name}: an empty {response.status_code}"
    assert not SavedWord.objects.exists()
    assert not LemmaStatus.objects.exists()
    assert not Assignment.objects.exists()
    assert not Correction.objects.exists()
    question.refresh_from_db()
    assert question.choices == ["Die Regierung", "Kim", "Putin"] and question.position == 0
    assert not QuizAttempt.objects.exists()


@pytest.mark.parametrize("field", ["article", "page"])
@pytest.mark.parametrize("value", BAD, ids=[_label(v) for v in BAD])
def test_a_bad_number_in_the_vocabulary_filter_shows_the_page(client, world, field, value):
    response = client.get(reverse("glossary:vocabulary"), {field: value})
    assert response.status_code == 200
