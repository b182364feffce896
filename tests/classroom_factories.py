"""Factories for the classroom tests: personas (teacher, student, outsider) and small articles
with a hand-made annotation, so permission tests need no NLP pipeline."""

from __future__ import annotations

from accounts.services import profile_set_role
from classroom import services
from reader.models import Article
from tests.factories import make_user

PASSWORD = "correct horse battery"


def make_teacher(username: str = "frau_weber"):
    user = make_user(username, password=PASSWORD)
    profile_set_role(user=user, role="teacher")
    return user


def make_student(username: str = "sam"):
    user = make_user(username, password=PASSWORD)
    profile_set_role(user=user, role="learner")
    return user


def token(text, lemma=None, upos="NOUN", ws=" ", gloss=None, **extra):
    return {
        "text": text,
        "ws": ws,
        "lemma": lemma or text,
        "upos": upos,
        "xpos": "",
        "feats": "",
        "gloss": gloss,
        "compound": None,
        "senses": [gloss] if gloss else [],
        **extra,
    }


def small_annotation() -> dict:
    """ "Die Regierung stellte den Raketenwerfer vor." + "Das ist gut." as the pipeline would."""
    return {
        "version": 1,
        "sentences": [
            {
                "paragraph": 0,
                "kind": "text",
                "tokens": [
                    token("Die", "die", "DET", gloss="the"),
                    token("Regierung", gloss="government", gender="f"),
                    token("stellte", "vorstellen", "VERB", gloss="to present"),
                    token("den", "der", "DET", gloss="the"),
                    token(
                        "Raketenwerfer",
                        gloss="rocket launcher",
                        compound=[
                            {"part": "Raketen", "lemma": "Rakete", "gloss": "rocket"},
                            {"part": "werfer", "lemma": "Werfer", "gloss": "thrower"},
                        ],
                    ),
                    token("vor", "vor", "ADP", ws=""),
                    token(".", ".", "PUNCT", ws="\n\n"),
                ],
                "expressions": [
                    {
                        "type": "separable_verb",
                        "tokens": [2, 5],
                        "lemma": "vorstellen",
                        "gloss": "to present",
                    }
                ],
            },
            {
                "paragraph": 1,
                "kind": "text",
                "tokens": [
                    token("Das", "das", "PRON", gloss="that"),
                    token("ist", "sein", "AUX", gloss="to be"),
                    token("gut", "gut", "ADJ", ws="", gloss="good"),
                    token(".", ".", "PUNCT", ws=""),
                ],
                "expressions": [],
            },
        ],
    }


def make_ready_article(title="Ein Plan", created_by=None, **extra) -> Article:
    """A teacher's article is private to them, as article_create makes it; without an owner it
    is in the shared library."""
    extra.setdefault(
        "visibility", Article.Visibility.PRIVATE if created_by else Article.Visibility.SHARED
    )
    return Article.objects.create(
        title=title,
        text="Die Regierung stellte den Raketenwerfer vor.\n\nDas ist gut.",
        created_by=created_by,
        status=Article.Status.READY,
        annotation=small_annotation(),
        annotation_version=1,
        word_count=9,
        level="B1",
        **extra,
    )


def make_class(teacher, name="Deutsch 10b", students=()):
    classroom = services.classroom_create(teacher=teacher, name=name)
    for student in students:
        services.classroom_join(student=student, code=classroom.join_code)
    return classroom


def make_quiz(article):
    """A two-question quiz for the small article, as the quiz app stores it."""
    from reader.quiz.models import Quiz, QuizQuestion

    quiz = Quiz.objects.create(article=article)
    QuizQuestion.objects.create(
        quiz=quiz,
        position=0,
        kind="details",
        prompt="Wer stellte den Plan vor?",
        choices=["Die Regierung", "Kim", "Putin"],
        answer=0,
        sentence="Die Regierung stellte den Raketenwerfer vor.",
        anchor="a0",
    )
    QuizQuestion.objects.create(
        quiz=quiz,
        position=1,
        kind="true_false",
        prompt="Ist das gut?",
        choices=["True", "False"],
        answer=0,
        sentence="Das ist gut.",
        anchor="a1",
    )
    return quiz


def take_quiz(quiz, user, assignment, choices: list[int]):
    """Answer the quiz's questions in order with these choice indices (0 = right here)."""
    from reader.quiz.services import quiz_attempt_record

    questions = list(quiz.questions.order_by("position"))
    return quiz_attempt_record(
        quiz=quiz,
        user=user,
        answers={q.pk: c for q, c in zip(questions, choices, strict=False)},
        assignment=assignment,
    )
