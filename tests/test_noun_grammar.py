"""A gender and a plural for every common noun (issue 16, item 3; nlp/nouns.py), through
the real pipeline and the importer, with a small Ding file of our own."""

from pathlib import Path

import pytest
from django.core.management import call_command

from lexicon.database import DbLexicon
from nlp.document import Annotation
from nlp.pipeline import annotate_text

DING = Path(__file__).parent / "fixtures" / "ding_nouns.txt"


@pytest.fixture
def lexicon(db):
    call_command("import_ding", str(DING), force=True, verbosity=0)
    return DbLexicon()


def noun(text: str, word: str, lexicon) -> tuple[str | None, str | None]:
    annotation = Annotation.from_json(annotate_text(text, lexicon))
    token = next(t for _, _, t in annotation.tokens() if t.text == word)
    return token.gender, token.plural


def test_a_compound_takes_its_heads_gender(lexicon):
    # Ding lists Energiepreise only as a plural, without a gender: Preis is masculine.
    assert noun("Die Energiepreise steigen.", "Energiepreise", lexicon)[0] == "m"


def test_a_plural_that_is_another_words_is_made_again(lexicon):
    # Ding aligns Kommune with Gemeinschaften; the word itself says its plural.
    assert noun("Die Kommunen zahlen.", "Kommunen", lexicon) == ("f", "Kommunen")


def test_a_nominalised_infinitive_is_neuter(lexicon):
    assert noun("Das Aufhören fällt schwer.", "Aufhören", lexicon) == ("n", None)


def test_feminine_suffixes_have_their_regular_plural(lexicon):
    assert noun("Die Aussetzung gilt.", "Aussetzung", lexicon) == ("f", "Aussetzungen")
    assert noun("Die Pensionistin lacht.", "Pensionistin", lexicon) == ("f", "Pensionistinnen")


def test_a_noun_in_a_plural_form_shows_it_without_the_dative_n(lexicon):
    # Messetag is listed without a plural (and german-nouns lacks it); "an Messetagen" is its
    # dative plural.
    assert noun("An Messetagen ist es voll.", "Messetagen", lexicon)[1] == "Messetage"
