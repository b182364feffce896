"""The registry of quiz kinds: every kind a module, each proposing candidates the mixer picks."""

import pytest

from reader.quiz import generate
from reader.quiz.generate import quiz_generate
from reader.quiz.helpers import Question
from reader.quiz.kinds import KINDS, REGISTRY, ArticleContext, Kind, kind_named
from tests.quiz_annotations import ARTICLE, annotate


@pytest.fixture(scope="module")
def annotation():
    return annotate(ARTICLE)


def test_each_kind_is_registered_once_in_the_order_of_the_json_contract():
    assert KINDS == (
        "details",
        "true_false",
        "vocabulary",
        "meaning",
        "compound",
        "idiom",
        "main_idea",
        "heading",
        "reference",
        "speaker",
    )
    assert [kind_named(name).name for name in KINDS] == list(KINDS)
    assert {k.name for k in REGISTRY if k.content} == {
        "details",
        "true_false",
        "main_idea",
        "heading",
        "reference",
        "speaker",
    }


def echo(context: ArticleContext):
    """A kind for the test: each content sentence, asked whether it is in the article."""
    for sent in context.sents:
        if sent.good:
            yield Question(
                kind="echo",
                prompt=f"Is this in the article?\n{sent.text}",
                choices=["yes", "no"],
                answer=0,
                sentence=sent.text,
                explanation="It is.",
                sentence_index=sent.index,
                highlight=[0, len(sent.text)],
                score=9.0,
            )


def test_a_kind_added_to_the_registry_gets_a_turn_and_leaves_the_others_as_they_were(
    annotation, monkeypatch
):
    # Count enough to exhaust every kind: a cap reached first would leave out different
    # questions each time.
    before = quiz_generate(annotation, seed=0, count=200)
    monkeypatch.setattr(generate, "REGISTRY", (*REGISTRY, Kind("echo", echo, content=True)))
    monkeypatch.setattr(generate, "KINDS", (*KINDS, "echo"))
    after = quiz_generate(annotation, seed=0, count=200)
    assert any(q.kind == "echo" for q in after)

    # Added last, the new kind draws nothing from the random before the others: their
    # questions stay the same (fewer of them, as the new kind takes sentences too). Of a
    # sentence's true and false statement, the mixer takes the one that alternates with the
    # statement chosen before, so for true/false the sentence stays, not the statement.
    def key(q):
        return (q.kind, q.sentence) if q.kind == "true_false" else (q.kind, q.prompt, q.choices)

    old = [key(q) for q in before]
    assert all(key(q) in old for q in after if q.kind != "echo")
