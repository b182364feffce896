"""Property-based tests (hypothesis) of the annotation pipeline and the quiz generator on
random text: they never crash and never lose a character.

Example counts are kept modest so that the suite stays fast; the database is not needed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp.lexicon import LexEntry, MemoryLexicon
from nlp.pipeline import annotate_text
from reader.quiz.generate import quiz_generate
from reader.text_input import clean_article_text

PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Any Unicode except lone surrogates (which no browser or file can send as UTF-8).
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)

GERMAN_WORDS = (
    "Die Regierung stellte am Montag einen Plan vor . Der Raketenwerfer ist neu , sagte sie ! "
    "Haubitzen Bücherkiste US-Präsident SPÖ 2026 3,5 % „ “ ( ) - – ... ? : ; Straße Öl über "
    "ließ sich nicht lumpen eine Hand wäscht die andere Kim Jong Un in Seoul und Berlin"
).split()
german_like = st.lists(
    st.tuples(
        st.sampled_from(GERMAN_WORDS),
        st.sampled_from([" ", " ", " ", "", "\n", "\n\n", "  ", "\t", "\u00a0"]),
    ),
    max_size=80,
).map(lambda pairs: "".join(word + ws for word, ws in pairs))

LEXICON = MemoryLexicon(
    [
        LexEntry(lemma="Regierung", pos="NOUN", glosses=("government",), gender="f"),
        LexEntry(lemma="Plan", pos="NOUN", glosses=("plan",), gender="m"),
        LexEntry(lemma="vorstellen", pos="VERB", glosses=("to present",)),
        LexEntry(lemma="Rakete", pos="NOUN", glosses=("rocket",), gender="f"),
        LexEntry(lemma="Werfer", pos="NOUN", glosses=("thrower",), gender="m"),
    ]
)


def rebuilt(document: dict) -> str:
    return "".join(
        token["text"] + token["ws"]
        for sentence in document["sentences"]
        for token in sentence["tokens"]
    )


def check_document(document: dict, text: str) -> None:
    assert rebuilt(document) == text
    for sentence in document["sentences"]:
        size = len(sentence["tokens"])
        for expression in sentence.get("expressions", []):
            assert all(0 <= i < size for i in expression["tokens"])


@PROPERTY_SETTINGS
@given(any_text)
def test_pipeline_never_crashes_and_keeps_every_character_of_any_text(text):
    check_document(annotate_text(text, MemoryLexicon()), text)


@PROPERTY_SETTINGS
@given(german_like)
def test_pipeline_keeps_every_character_of_german_like_text(text):
    check_document(annotate_text(text, LEXICON), text)


@PROPERTY_SETTINGS
@given(any_text)
def test_pipeline_keeps_every_character_of_text_as_the_app_stores_it(text):
    try:
        cleaned = clean_article_text(text)
    except ValidationError:
        return  # refused with a message (empty, too long): nothing reaches the pipeline
    check_document(annotate_text(cleaned, LEXICON), cleaned)


@PROPERTY_SETTINGS
@given(st.one_of(german_like, any_text), st.integers(min_value=0, max_value=2**16))
def test_quiz_generator_never_crashes_and_asks_answerable_questions(text, seed):
    document = annotate_text(text, LEXICON)
    questions = quiz_generate(document, seed)
    again = quiz_generate(document, seed)
    assert [q.prompt for q in questions] == [q.prompt for q in again]  # deterministic
    for question in questions:
        assert 0 <= question.answer < len(question.choices)
        assert len(set(question.choices)) == len(question.choices)
