"""The rejection rules (issue 17, item 5): each drops a question with its fault, and lets the
same question without the fault through."""

import random

from reader.quiz.facts import extract_facts
from reader.quiz.generate import quiz_generate
from reader.quiz.helpers import FALSE, NOT_GIVEN, TRUE, Question, norm
from reader.quiz.kinds import ArticleContext
from reader.quiz.rejections import (
    category_crossing,
    distractor_in_the_same_role,
    non_people_options,
    statement_from_a_question,
    two_forms_of_one_name,
    unclean_options,
)
from reader.quiz.sentences import article_sentences
from tests.quiz_annotations import annotate

TEXT = (
    "Die Bürgermeisterin Anna Berger lobte am Freitag den Plan für die neue Brücke in Leipzig.\n"
    "Markus Vogel lobte am Abend den Plan für die neue Brücke ebenfalls sehr.\n"
    "Thomas Keller kritisierte am Montag die hohen Kosten des Projekts in Dresden.\n"
    "Berger stellte den Plan im Juni in Hamburg vor, wo rund 400 Zuschauer kamen.\n"
    "Wer soll die Brücke in Leipzig am Ende bezahlen?\n"
)


def context():
    annotation = annotate(TEXT)
    sents = article_sentences(annotation)
    return ArticleContext(
        annotation,
        sents,
        extract_facts(sents),
        random.Random(0),
        frozenset(norm(s.text) for s in sents),
    )


def details(question, choices, answer=0, sentence_index=2):
    ctx = context()
    return Question(
        "details",
        f"Answer the question about the article.\n{question}",
        choices,
        answer,
        ctx.sents[sentence_index].text,
        "",
        sentence_index,
        [0, 1],
    )


WHO = "Wer kritisierte am Montag die hohen Kosten des Projekts?"


def test_a_clean_set_of_people_passes_every_rule():
    q = details(WHO, ["Thomas Keller", "Anna Berger", "Markus Vogel"])
    for rule in (unclean_options, non_people_options, two_forms_of_one_name, category_crossing):
        assert rule(q, context()) is None, rule.__name__


def test_an_option_that_is_no_clean_word_is_dropped():
    run_together = details(WHO, ["Thomas Keller", "AnnaBerger", "Markus Vogel"])
    assert unclean_options(run_together, context())
    stuck = details(WHO, ["Thomas Keller", "Anna Berger,", "Markus Vogel"])
    assert unclean_options(stuck, context())


def test_a_first_name_cut_off_from_its_surname_is_dropped():
    q = details(WHO, ["Thomas Keller", "Anna", "Markus Vogel"])
    assert unclean_options(q, context()) == "an option is a name cut off"


def test_a_person_question_with_a_place_among_the_options_is_dropped():
    q = details(WHO, ["Thomas Keller", "Dresden", "Markus Vogel"])
    assert non_people_options(q, context()) == "„Dresden“ is not a person"


def test_two_forms_of_one_name_are_dropped():
    q = details(WHO, ["Thomas Keller", "Berger", "Anna Berger"])
    assert two_forms_of_one_name(q, context())


def test_options_across_categories_are_dropped():
    q = details("Wo kritisierte Thomas Keller die Kosten?", ["Dresden", "Hamburg", "Anna Berger"])
    assert category_crossing(q, context()) == "options of different categories"
    places = details("Wo kritisierte Thomas Keller die Kosten?", ["Dresden", "Hamburg", "Leipzig"])
    assert category_crossing(places, context()) is None


def test_a_distractor_the_article_uses_in_the_same_role_is_dropped():
    # Markus Vogel also "lobte den Plan für die neue Brücke": he would be right too.
    praised = details(
        "Wer lobte am Freitag den Plan für die neue Brücke?",
        ["Anna Berger", "Markus Vogel", "Thomas Keller"],
        sentence_index=0,
    )
    assert distractor_in_the_same_role(praised, context()) == (
        "the article uses „Markus Vogel“ in the same role"
    )
    criticised = details(WHO, ["Thomas Keller", "Anna Berger"], sentence_index=2)
    assert distractor_in_the_same_role(criticised, context()) is None


def test_a_statement_made_from_a_question_is_dropped():
    ctx = context()
    question = ctx.sents[4]
    q = Question(
        "true_false",
        "Richtig, falsch oder steht nicht im Text?\nDie Stadt soll die Brücke bezahlen.",
        [TRUE, FALSE, NOT_GIVEN],
        1,
        question.text,
        "",
        question.index,
        [0, 1],
    )
    assert statement_from_a_question(q, ctx) == "the statement is made from a question"


def test_the_same_target_is_asked_about_once():
    text = TEXT + "In Dresden kostet die Brücke rund 30 Millionen Euro nach einem Gutachten.\n"
    quiz = quiz_generate(annotate(text), count=30)
    targets = [norm(q.target) for q in quiz if q.target]
    assert targets and len(targets) == len(set(targets))


def test_no_generated_question_breaks_a_rule():
    from reader.quiz.rejections import rejection

    annotation = annotate(TEXT)
    sents = article_sentences(annotation)
    ctx = ArticleContext(
        annotation,
        sents,
        extract_facts(sents),
        random.Random(0),
        frozenset(norm(s.text) for s in sents),
    )
    for q in quiz_generate(annotation, count=30):
        assert rejection(q, ctx) is None, q.prompt
