"""The item forms of issue 17, item 1 on small texts: statements said another way, judged
richtig / falsch / steht nicht im Text, and detail questions asked as W-questions."""

import random

import pytest

from nlp.document import Token
from reader.quiz.facts import extract_facts
from reader.quiz.helpers import FALSE, NOT_GIVEN, TRUE, norm
from reader.quiz.kinds import ArticleContext
from reader.quiz.kinds.details import _details
from reader.quiz.kinds.true_false import _true_false
from reader.quiz.paraphrase import (
    number_words,
    paraphrase_edits,
    person_roles,
    render,
)
from reader.quiz.sentences import article_sentences
from tests.quiz_annotations import annotate


def context_of(text, **words):
    """The quiz context of `text`, with dictionary fields set on the words named."""
    annotation = annotate(text)
    for s in annotation["sentences"]:
        for t in s["tokens"]:
            t.update(words.get(t["text"], {}))
    sents = article_sentences(annotation)
    return ArticleContext(
        annotation,
        sents,
        extract_facts(sents),
        random.Random(0),
        frozenset(norm(s.text) for s in sents),
    )


def statements(context, answer):
    return [q.prompt.split("\n", 1)[1] for q in _true_false(context) if q.answer == answer]


@pytest.mark.parametrize(
    "n, words",
    [
        (14, "vierzehn"),
        (21, "einundzwanzig"),
        (101, "einhunderteins"),
        (1200, "eintausendzweihundert"),
        (3104, "dreitausendeinhundertvier"),
        (90000, "neunzigtausend"),
    ],
)
def test_a_number_is_written_in_words(n, words):
    assert number_words(n) == words


def test_a_paraphrase_writes_numbers_another_way_but_keeps_years():
    context = context_of(
        "Im Jahr 2027 besuchten rund 35.000 Fahrgäste die neue Linie in Leipzig.\n"
    )
    sent = context.sents[0]
    said = render(sent, paraphrase_edits(sent, context.facts, {}))
    assert (
        said
        == "Im Jahr 2027 besuchten etwa fünfunddreißigtausend Fahrgäste die neue Linie in Leipzig."
    )


def test_a_paraphrase_gives_the_role_for_the_name_where_the_article_gives_both():
    context = context_of(
        "Der Trainer Thomas Keller lobte am Freitag den Plan für die Brücke in Leipzig.\n"
        "Keller kritisierte am Abend die hohen Kosten der Brücke in Dresden sehr.\n"
    )
    roles = person_roles(context.sents, context.facts)
    assert roles["Keller"].phrase() == "der Trainer"
    said = render(context.sents[1], paraphrase_edits(context.sents[1], context.facts, roles))
    assert said.startswith("Der Trainer kritisierte am Abend")


def test_two_people_of_one_role_keep_their_names():
    context = context_of(
        "Der Trainer Thomas Keller lobte am Freitag den Plan für die Brücke in Leipzig.\n"
        "Der Trainer Markus Vogel kritisierte am Abend die Kosten der Brücke in Dresden.\n"
    )
    assert person_roles(context.sents, context.facts) == {}


def test_a_synonym_stands_in_only_with_the_sense_of_the_sentence():
    text = "Nach einer Umfrage der Zeitung unterstützt eine Mehrheit von 62 Prozent den Bau.\n"
    survey = context_of(text, Umfrage={"gloss": "survey", "lemma": "Umfrage", "gender": "f"})
    sent = survey.sents[0]
    assert "Befragung" in render(sent, paraphrase_edits(sent, survey.facts, {}))
    # A gloss the two words do not share: the sense may differ, the word stays.
    other = context_of(text, Umfrage={"gloss": "canvass", "lemma": "Umfrage", "gender": "f"})
    assert "Umfrage" in render(other.sents[0], paraphrase_edits(other.sents[0], other.facts, {}))


def test_richtig_says_the_sentence_in_other_words():
    context = context_of(
        "Im Jahr 2027 besuchten rund 35.000 Fahrgäste die neue Linie in Leipzig.\n"
    )
    questions = [q for q in _true_false(context) if q.answer == 0]
    assert questions
    for q in questions:
        assert q.choices == [TRUE, FALSE, NOT_GIVEN]
        assert q.prompt.split("\n", 1)[1] != q.sentence


def test_falsch_turns_a_word_into_its_opposite():
    context = context_of(
        "Im vergangenen Jahr stieg die Zahl der Fahrgäste in der Stadt sehr stark.\n"
    )
    assert any("sank" in s for s in statements(context, 1))


def test_falsch_takes_a_nicht_out():
    context = context_of(
        "Der Stadtrat hat den Bau der neuen Brücke am Dienstag nicht beschlossen.\n",
        nicht={"xpos": "PTKNEG"},
    )
    false = statements(context, 1)
    assert false and all("nicht" not in s for s in false)


def test_falsch_puts_a_nicht_in_before_the_verb_at_the_end():
    context = context_of("Der Stadtrat hat am Dienstag den Bau der Brücke beschlossen.\n")
    assert "Der Stadtrat hat am Dienstag den Bau der Brücke nicht beschlossen." in statements(
        context, 1
    )


def test_not_in_the_text_adds_what_the_article_does_not_say():
    context = context_of("Der Stadtrat hat am Dienstag den Bau der Brücke beschlossen.\n")
    assert statements(context, 2) == [
        "Der Stadtrat hat am Dienstag den Bau der Brücke erstmals beschlossen."
    ]


def test_not_in_the_text_is_not_made_where_the_sentence_says_it_happened_again():
    context = context_of("Der Stadtrat hat am Dienstag den Bau der Brücke wieder beschlossen.\n")
    assert not any("erstmals" in s for s in statements(context, 2))


def test_a_question_of_the_text_is_no_statement_to_judge():
    context = context_of(
        "Hat der Stadtrat am Dienstag den Bau der Brücke in Leipzig beschlossen?\n"
    )
    assert list(_true_false(context)) == []


TEXT = (
    "Die Bürgermeisterin Anna Berger lobte am Freitag den Plan für die Brücke.\n"
    "Am Abend kritisierte Thomas Keller die Kosten der Brücke in Dresden sehr.\n"
    "Im vergangenen Jahr besuchten rund 35.000 Fahrgäste die Straßenbahn in Leipzig.\n"
    "Im März soll die Baustelle in Hamburg beginnen und etwa 3 Jahre dauern.\n"
    "Im Mai besuchten 12.000 Zuschauer das Stadion, im Juni 20.000 Zuschauer.\n"
    "Markus Vogel sagte am Montag, in Bremen fehlten 400 Wohnungen für Familien.\n"
)


@pytest.fixture(scope="module")
def details():
    return [
        q.prompt.split("\n", 1)[1] for q in _details(context_of(TEXT, sagte={"lemma": "sagen"}))
    ]


def test_who_asks_for_the_subject_that_opens_the_sentence(details):
    assert "Wer lobte am Freitag den Plan für die Brücke?" in details


def test_who_asks_for_the_subject_after_the_verb(details):
    assert "Wer kritisierte am Abend die Kosten der Brücke in Dresden sehr?" in details


def test_how_many_asks_for_a_number_with_what_it_counts(details):
    assert any(q.startswith("Wie viele Fahrgäste besuchten im vergangenen Jahr") for q in details)


def test_where_and_when_ask_for_a_place_and_a_month(details):
    assert any(
        q.startswith("In welchem Monat soll die Baustelle in Hamburg beginnen") for q in details
    )
    assert any(q.startswith("Wo besuchten im vergangenen Jahr") for q in details), details


def test_what_someone_said_gets_no_w_question(details):
    assert not any("Bremen" in q or "Wohnungen" in q for q in details)
    assert not any(q.startswith("Wer sagte") for q in details)  # the saying is no content
    assert all(q.endswith("?") for q in details)


def test_only_round_numbers_are_written_in_words():
    from reader.quiz.paraphrase import number_rewritten

    assert number_rewritten(Token(text="90.000")) == "neunzigtausend"
    assert number_rewritten(Token(text="3.104")) is None  # dreitausendeinhundertvier: unread
    assert number_rewritten(Token(text="2027")) is None  # a year stays a year
    assert number_rewritten(Token(text="zwölf", upos="NUM")) == "12"


def test_a_false_statement_swaps_no_name_of_unknown_sex_in_beside_a_role_that_shows_one():
    """ "Die Bürgermeisterin Markus Vogel lobte ...": the grammar gives the answer away. The
    article never shows whether Vogel is a man or a woman, so he is no swap beside a role noun;
    a who-question keeps no role noun, so there he stays a choice."""
    context = context_of(
        "Die Bürgermeisterin Anna Berger lobte den Plan für die neue Brücke sehr.\n"
        "Der Unternehmer Thomas Keller kritisierte die Kosten der Brücke sehr.\n"
        "Auch Markus Vogel kritisierte die Kosten der neuen Brücke in Leipzig.\n"
    )
    false = statements(context, 1)
    assert false and not any(
        "Bürgermeisterin Markus" in s or "Unternehmer Markus" in s for s in false
    )
