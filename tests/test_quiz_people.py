"""Who said what, and who "sie" is: the people of an article, its reported speech, and the
speaker and reference questions made of them (reader/quiz/people.py, kinds/speaker.py,
kinds/reference.py), on small texts tagged by hand."""

import random

import pytest

from reader.quiz.checks import check_question
from reader.quiz.kinds import reference, speaker
from reader.quiz.people import article_people, article_reports
from reader.quiz.sentences import article_sentences
from tests.tagged_text import tagged

STRIKE = tagged(
    "Rostock/NE –/$( Ein/ART Warnstreik/NN:m legte/VVFIN/legen den/ART Hafen/NN:m am/APPR "
    "Dienstag/NN:m still/PTKVZ ./$.",
    "Verhandlungsführerin/NN:f Katrin/NE Wendt/NN sagte/VVFIN/sagen ,/$, das/ART Angebot/NN:n "
    "der/ART Arbeitgeber/NN:m sei/VAFIN! eine/ART Provokation/NN:f ./$. | Wer/PIS so/ADV "
    "hart/ADJD arbeite/VVFIN! ,/$, müsse/VMFIN! von/APPR seinem/PPOSAT Lohn/NN:m auch/ADV "
    "eine/ART Wohnung/NN:f bezahlen/VVINF können/VVINF ./$.",
    "Der/ART Verband/NN:m reagierte/VVFIN/reagieren mit/APPR Unverständnis/NN:n ./$. | "
    "Hauptgeschäftsführer/NN:m Thomas/NE Reimers/NE erklärte/VVFIN/erklären ,/$, die/ART "
    "Gewerkschaft/NN:f gefährde/VVFIN! mit/APPR dem/ART Streik/NN:m die/ART Häfen/NN:m ./$.",
    "Die/ART Wirtschaftsministerin/NN:f Claudia/NE Brandt/NE traf/VVFIN/treffen am/APPR "
    "Mittwoch/NN:m den/ART Bürgermeister/NN:m Markus/NE Leitner/NN ./$. | Eine/ART "
    "rasche/ADJA Einigung/NN:f sei/VAFIN! möglich/ADJD und/KON nötig/ADJD ,/$, "
    "sagte/VVFIN/sagen sie/PPER nach/APPR dem/ART Treffen/NN:n ./$.",
    "Am/APPR Nachmittag/NN:m zogen/VVFIN/ziehen 1.200/CARD Menschen/NN:m durch/APPR die/ART "
    "Stadt/NN:f ./$. | Die/ART Sprecherin/NN:f der/ART Polizei/NN:f ,/$, Sabine/NE Hofer/NE "
    ",/$, lobte/VVFIN/loben den/ART friedlichen/ADJA Verlauf/NN:m ./$.",
)
WOMEN = {"Katrin Wendt", "Claudia Brandt", "Sabine Hofer"}


def sents_of(annotation):
    return article_sentences(annotation)


def paragraphs_of(annotation):
    return {k: s["paragraph"] for k, s in enumerate(annotation["sentences"])}


def questions(kind, annotation):
    sents = sents_of(annotation)
    if kind is speaker:
        return list(speaker._speaker_questions(sents, paragraphs_of(annotation), random.Random(0)))
    return list(reference._reference_questions(sents, random.Random(0)))


def test_people_are_found_with_the_sex_their_role_noun_shows():
    people = {p.name: p.gender for p in article_people(sents_of(STRIKE))}
    assert people == {
        "Katrin Wendt": "f",  # Verhandlungsführerin Katrin Wendt (the surname tagged a noun)
        "Thomas Reimers": "m",
        "Claudia Brandt": "f",  # Die Wirtschaftsministerin ...
        "Markus Leitner": "m",  # den Bürgermeister ...
        "Sabine Hofer": "f",  # Die Sprecherin der Polizei, Sabine Hofer,
    }


def test_reported_speech_goes_on_in_konjunktiv_i_and_sagte_sie_is_the_woman_named_before():
    sents = sents_of(STRIKE)
    reports = article_reports(article_people(sents), sents, paragraphs_of(STRIKE))
    said = [(r.s, r.speaker.name, r.named is not None) for r in reports]
    assert said == [
        (1, "Katrin Wendt", True),
        (2, "Katrin Wendt", False),  # Wer so hart arbeite, müsse ...: still Wendt
        (4, "Thomas Reimers", True),
        (6, "Claudia Brandt", True),  # ..., sagte sie: Brandt, not Leitner
    ]


def test_a_quote_asks_for_its_speaker_without_naming_them():
    asked = {q.sentence_index: q for q in questions(speaker, STRIKE)}
    q = asked[4]
    assert q.prompt.splitlines()[1] == "…die Gewerkschaft gefährde mit dem Streik die Häfen"
    assert "Reimers" not in q.prompt
    assert q.choices[q.answer] == "Thomas Reimers"
    assert len(q.choices) >= 3 and len(set(q.choices)) == len(q.choices)
    assert check_question(q, STRIKE) == []


def test_a_sentence_that_goes_on_reporting_asks_whose_words_they_are_among_women_only():
    """ "... von seinem Lohn": what was said refers to someone, so every choice is a woman like
    the speaker, and "sein" cannot tell them apart."""
    q = {q.sentence_index: q for q in questions(speaker, STRIKE)}[2]
    assert q.choices[q.answer] == "Katrin Wendt"
    assert set(q.choices) == WOMEN
    assert "Konjunktiv I" in q.explanation
    assert q.score > {q.sentence_index: q for q in questions(speaker, STRIKE)}[1].score


def test_sie_asks_who_it_is_among_people_who_all_agree_with_it():
    [q] = questions(reference, STRIKE)
    assert q.prompt.startswith("Who is „sie“ in this sentence?\n")
    assert q.choices[q.answer] == "Claudia Brandt"
    assert set(q.choices) == WOMEN  # Leitner, named just before, is no choice: er, not sie
    a, b = q.highlight
    assert q.sentence[a:b] == "sie"
    assert check_question(q, STRIKE) == []


ONE_WOMAN = (
    "Die/ART Ministerin/NN:f Claudia/NE Brandt/NE traf/VVFIN/treffen die/ART Arbeiter/NN:m ./$."
)
TWO_WOMEN = (
    "Die/ART Ministerin/NN:f Claudia/NE Brandt/NE traf/VVFIN/treffen die/ART "
    "Sprecherin/NN:f Sabine/NE Hofer/NE ./$."
)


@pytest.mark.parametrize(
    ("before", "verb", "meant"),
    [
        (ONE_WOMAN, "sagte/VVFIN/sagen", "Claudia Brandt"),
        # Two women named just before: which one "sie" is cannot be told.
        (TWO_WOMEN, "sagte/VVFIN/sagen", None),
        # "sagten sie": plural, the workers, no woman.
        (ONE_WOMAN, "sagten/VVFIN/sagen", None),
    ],
)
def test_a_reference_question_only_where_the_pronoun_can_mean_one_person(before, verb, meant):
    text = tagged(
        "Die/ART Reporterin/NN:f Anna/NE Berger/NE berichtete/VVFIN/berichten live/ADV ./$.",
        "Verhandlungsführerin/NN:f Katrin/NE Wendt/NN sagte/VVFIN/sagen ,/$, das/ART "
        "Angebot/NN:n sei/VAFIN! eine/ART Provokation/NN:f ./$.",
        "Der/ART Streik/NN:m dauerte/VVFIN/dauern bis/APPR Freitag/NN:m ./$.",
        f"{before} | Eine/ART Einigung/NN:f sei/VAFIN! möglich/ADJD ,/$, {verb} sie/PPER "
        "am/APPR Abend/NN:m ./$.",
    )
    asked = questions(reference, text)
    assert [q.choices[q.answer] for q in asked] == ([meant] if meant else [])


def test_the_speaker_may_follow_the_verb_with_their_role():
    text = tagged(
        "Wer/PIS nichts/PIS habe/VAFIN! ,/$, bekomme/VVFIN! Hilfe/NN:f ,/$, sagte/VVFIN/sagen "
        "die/ART Landesvorsitzende/NN:f Renate/NE Keller/NN ./$."
    )
    sents = sents_of(text)
    [report] = article_reports(article_people(sents), sents, paragraphs_of(text))
    assert report.speaker.name == "Renate Keller" and report.speaker.gender == "f"


def test_a_second_question_about_one_speaker_comes_after_every_speakers_first():
    asked = speaker._one_speaker_first(questions(speaker, STRIKE))
    best = {}
    for q in sorted(asked, key=lambda q: -q.score):
        best.setdefault(q.choices[q.answer], q.score)
    firsts = sorted(best.values())
    wendt_second = min(q.score for q in asked if q.choices[q.answer] == "Katrin Wendt")
    assert wendt_second < firsts[0]


def test_she_who_opens_a_report_is_the_woman_named_before():
    text = tagged(
        "Die/ART Klubobfrau/NN:f der/ART Grünen/NN Sabine/NE Hofer/NE "
        "kritisierte/VVFIN/kritisieren den/ART Plan/NN:m ./$. | Sie/PPER "
        "forderte/VVFIN/fordern ,/$, dass/KOUS die/ART Stadt/NN:f die/ART Kosten/NN "
        "übernehme/VVFIN! ./$."
    )
    sents = sents_of(text)
    [report] = article_reports(article_people(sents), sents, paragraphs_of(text))
    assert (report.s, report.speaker.name) == (1, "Sabine Hofer")


def test_true_false_gives_words_that_go_on_reporting_to_their_speaker_or_to_another():
    """ "Wer so hart arbeite, müsse ..." names nobody: only a reader who follows the reported
    speech knows that it is still Katrin Wendt. Said with her name it is richtig, with another
    woman quoted (seinem: no man) falsch; a sentence naming its speaker gets no such item."""
    from reader.quiz.kinds import true_false
    from reader.quiz.kinds.base import ArticleContext

    sents = sents_of(STRIKE)
    context = ArticleContext(
        annotation=STRIKE,
        sents=sents,
        facts=[],
        rng=random.Random(0),
        all_texts=frozenset(),
        paragraphs=paragraphs_of(STRIKE),
    )
    made = list(true_false._attributions(context))
    assert {q.sentence_index for q in made} == {2}
    right, wrong = sorted(made, key=lambda q: q.answer)
    assert right.prompt.splitlines()[1] == (
        "Die Aussage, wer so hart arbeite, müsse von seinem Lohn auch eine Wohnung "
        "bezahlen können, stammt von Katrin Wendt."
    )
    assert (right.answer, wrong.answer) == (0, 1)
    said_by = wrong.prompt.splitlines()[1].split(" stammt von ")[1].rstrip(".")
    assert said_by in WOMEN - {"Katrin Wendt"}
    assert right.target == wrong.target  # the mixer asks one of the two
    assert check_question(right, STRIKE) == [] and check_question(wrong, STRIKE) == []
