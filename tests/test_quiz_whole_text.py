"""Questions about the whole text: its main idea (kinds/main_idea.py), the subheading a
sentence stands under (kinds/heading.py), and the mix an article of 300 words gets."""

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from reader.quiz.checks import check_question
from reader.quiz.generate import CONTENT_KINDS, quiz_generate
from reader.quiz.kinds import heading, main_idea
from reader.quiz.sentences import article_sentences
from tests.quiz_annotations import annotate

GOLDEN = Path(__file__).parent / "golden"

# Written with the words the hand tagger of tests/quiz_annotations.py knows (finite verbs,
# names), so that the sentences count as content.
REPORT = """\
Leipzig – Die Stadt Leipzig baut bis 2028 ein neues Hallenbad für rund 30 Millionen Euro.
Das Bad soll am Nordstrand liegen und ein Becken mit 50 Metern haben.
Der Stadtrat stellte am Dienstag mit 38 von 50 Stimmen den Plan vor.
Bürgermeisterin Anna Berger lobte den Plan als guten Tag für den Sport in Sachsen.
Die Opposition kritisierte die Kosten von rund 30 Millionen Euro als zu hoch.
Im Jahr 2019 schloss die Stadt das alte Bad am Johannesplatz in Leipzig.
Nach Angaben der Stadt fehlen in Leipzig rund 120 Stunden Wasserzeit pro Woche.
Der Verein Leipzig Nord hat inzwischen mehr als 900 Mitglieder in der Stadt.
"""
SECTIONS = """\
Leipzig – Die Stadt Leipzig baut bis 2028 ein neues Hallenbad für rund 30 Millionen Euro.
Der Stadtrat stellte am Dienstag mit 38 von 50 Stimmen den Plan vor.
Die Kosten sind umstritten
Die Opposition kritisierte die Kosten von rund 30 Millionen Euro als zu hoch.
Der Bund der Steuerzahler forderte einen Vergleich mit Dresden und Berlin.
Nach Angaben der Stadt erhielt Leipzig rund zehn Millionen Euro vom Land.
Die Vereine warten seit Jahren
Der Verein Leipzig Nord hat inzwischen mehr als 900 Mitglieder in der Stadt.
Viele Kinder kamen nach Angaben der Vereine erst mit zehn Jahren ins Wasser.
Thomas Keller vom Verein sagte, die Wartelisten sind lang.
Der Bau beginnt im Frühjahr
Die ersten Bagger sollen im März am Nordstrand stehen.
Die Bauzeit liegt nach Angaben der Stadt bei zweieinhalb Jahren.
"""


def main_ideas(text, title=""):
    annotation = annotate(text)
    sents = article_sentences(annotation)
    paragraphs = {k: s["paragraph"] for k, s in enumerate(annotation["sentences"])}
    return annotation, list(main_idea._main_idea(sents, paragraphs, title, random.Random(0)))


def test_the_main_idea_is_the_lead_among_three_details_of_the_article():
    annotation, [q] = main_ideas(REPORT, title="Leipzig baut ein neues Hallenbad")
    lead = "Die Stadt Leipzig baut bis 2028 ein neues Hallenbad für rund 30 Millionen Euro."
    assert q.choices[q.answer] == lead  # shown without its dateline "Leipzig –"
    assert len(q.choices) == 4
    texts = {s.shown for s in article_sentences(annotation)}
    assert set(q.choices) <= texts
    # Details stand on their own: none opens with "Das ..." that needs the sentence before.
    assert not any(c.startswith(("Das ", "Er ", "Dabei ")) for c in q.choices)
    assert check_question(q, annotation) == []


def test_a_detail_that_shares_the_titles_topic_as_much_as_the_lead_is_no_wrong_choice():
    """ "Hallenbad" in the title, the lead and no detail: with "Bad" in the title too, "Das Bad
    soll ..." would share as much; it is left out anyway, as it leans on the lead."""
    _, [q] = main_ideas(REPORT, title="Leipzig: Neues Hallenbad für den Schwimmsport")
    wrong = [c for k, c in enumerate(q.choices) if k != q.answer]
    assert not any("Hallenbad" in c for c in wrong)


@pytest.mark.parametrize(
    "title", ["Kommentar: Leipzig baut endlich ein Hallenbad", "Rezension – Ein Bad für alle"]
)
def test_a_commentary_or_review_gets_no_main_idea_question(title):
    assert main_ideas(REPORT, title=title)[1] == []


def test_no_main_idea_question_when_the_lead_has_nothing_of_the_title():
    assert main_ideas(REPORT, title="Schwimmvereine klagen über Wasserzeiten")[1] == []


def test_each_section_asks_for_its_subheading_among_the_others():
    annotation = annotate(SECTIONS)
    asked = list(heading._heading_questions(article_sentences(annotation), random.Random(0)))
    headings = {"Die Kosten sind umstritten", "Die Vereine warten seit Jahren",
                "Der Bau beginnt im Frühjahr"}  # fmt: skip
    assert [q.choices[q.answer] for q in asked] == [
        "Die Kosten sind umstritten",
        "Die Vereine warten seit Jahren",
        "Der Bau beginnt im Frühjahr",
    ]
    for q in asked:
        assert set(q.choices) == headings
        assert check_question(q, annotation) == []
    # A sentence from within its section, not the first after the heading.
    assert asked[0].sentence.startswith("Der Bund der Steuerzahler")
    assert asked[1].sentence.startswith("Viele Kinder")
    assert asked[2].sentence.startswith("Die Bauzeit")


def test_one_subheading_gives_no_heading_question():
    one = SECTIONS.split("Die Vereine warten")[0]
    assert (
        list(heading._heading_questions(article_sentences(annotate(one)), random.Random(0))) == []
    )


def test_the_seed_article_gets_the_mix_of_issue_17():
    """300 words or more: at least 8 questions of at least 5 kinds, 40 % about the content."""
    annotation = json.loads((GOLDEN / "quiz_seed_input.json").read_text(encoding="utf-8"))
    quiz = quiz_generate(annotation, seed=0, title="Nordkoreas Truppen in Kursk")
    kinds = Counter(q.kind for q in quiz)
    assert len(quiz) >= 8 and len(kinds) >= 5
    assert sum(kinds[k] for k in CONTENT_KINDS) >= 0.4 * len(quiz)
    assert kinds["heading"] >= 1  # the seed has three subheadings


@pytest.mark.parametrize("seed", range(3))
def test_no_question_asks_about_a_sentence_the_main_idea_shows_whole(seed):
    """A gap in a sentence that stands whole among the main idea's choices is answered there."""
    annotation = json.loads((GOLDEN / "quiz_seed_input.json").read_text(encoding="utf-8"))
    quiz = quiz_generate(annotation, seed=seed, count=14)
    [main] = [q for q in quiz if q.kind == "main_idea"]
    shown = {s.text for s in article_sentences(annotation) if s.shown in main.choices}
    assert [q for q in quiz if q is not main and q.sentence in shown] == []
