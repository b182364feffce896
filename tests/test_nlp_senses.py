"""Sense choice from the sentence (issue 16): each rule through the real pipeline, with a
dictionary in which Ding's first sense is the wrong one for the sentence."""

from pathlib import Path

import pytest
from django.core.management import call_command

from lexicon.database import DbLexicon
from nlp.pipeline import annotate_text
from nlp.senses import adverb_form

SENSES_DING = Path(__file__).parent / "fixtures" / "ding_senses.txt"


@pytest.fixture
def lexicon(db):
    call_command("import_ding", str(SENSES_DING), force=True, verbosity=0)
    return DbLexicon()


def gloss_of(lexicon, text: str, word: str) -> str | None:
    annotation = annotate_text(text, lexicon)
    for sentence in annotation["sentences"]:
        for token in sentence["tokens"]:
            if token["text"] == word:
                return token.get("gloss")
    raise AssertionError(f"{word!r} not in {text!r}")


def test_an_adjective_modifying_a_verb_is_glossed_by_the_dictionarys_adverb(lexicon):
    assert gloss_of(lexicon, "Die Preise sind deutlich gestiegen.", "deutlich") == "significantly"
    # After a copula it is the adjective.
    assert gloss_of(lexicon, "Die Lage ist deutlich.", "deutlich") == "clear"


def test_an_adverbial_adjective_without_an_adverb_entry_gets_the_english_ly_form(lexicon):
    assert gloss_of(lexicon, "Die Preise sind stark gestiegen.", "stark") == "strongly"
    assert gloss_of(lexicon, "Die Lage ist stark.", "stark") == "strong"


def test_english_ly_forms_only_where_english_has_them():
    assert adverb_form("clear") == "clearly"
    assert adverb_form("gradual") == "gradually"
    assert adverb_form("happy") == "happily"
    assert adverb_form("fast") is None
    assert adverb_form("hard") is None  # hardly means something else
    assert adverb_form("in stages") is None


def test_the_article_chooses_between_homographs_by_gender(lexicon):
    assert gloss_of(lexicon, "Der Fahrer sitzt am Steuer.", "Steuer") == "rudder"
    assert gloss_of(lexicon, "Die Steuer ist gestiegen.", "Steuer") == "tax"


def test_the_clauses_preposition_chooses_the_framed_sense(lexicon):
    assert gloss_of(lexicon, "Er besteht auf einer Zahlung.", "besteht") == "to insist on sth."
    assert gloss_of(lexicon, "Die Lage besteht.", "besteht") == "to exist"


def test_a_preposition_of_a_comparison_is_no_frame(lexicon):
    gloss = gloss_of(lexicon, "Die Lage besteht länger als auf dem Papier.", "besteht")
    assert gloss == "to exist"


def test_a_comparative_with_an_entry_of_its_own_is_glossed_by_it(lexicon):
    assert gloss_of(lexicon, "Die Preise stiegen später.", "später") == "later"


def test_the_sense_most_of_its_compounds_use_comes_first(lexicon):
    # "monitor" is the commoner English word; Ding's compounds say "observer".
    assert gloss_of(lexicon, "Die Beobachter warnten.", "Beobachter") == "observer"


def test_a_sense_of_a_field_the_article_is_not_about_goes_last(lexicon):
    # Ding's mining compounds put "mining" first; an article on a supplier's business is
    # about economics ([econ.] on three of its words), not mining.
    business = "Der Zulieferer meldet Umsatz, Gewinn und den Abbau."
    assert gloss_of(lexicon, business, "Abbau") == "reduction"
    assert gloss_of(lexicon, "Der Abbau ist gemeldet.", "Abbau") == "mining"
