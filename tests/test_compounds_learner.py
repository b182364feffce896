"""Compounds as a learner reads them (issue 16, item 2), through the real pipeline and the
importer, with a small Ding file of our own (tests/fixtures/ding_compounds.txt)."""

from pathlib import Path

import pytest
import spacy
from django.core.management import call_command
from spacy.tokens import Doc

from lexicon.database import DbLexicon
from nlp.document import Annotation
from nlp.extensions import register_extensions
from nlp.pipeline import annotate_text

DING = Path(__file__).parent / "fixtures" / "ding_compounds.txt"


@pytest.fixture
def lexicon(db):
    call_command("import_ding", str(DING), force=True, verbosity=0)
    return DbLexicon()


def token(text: str, word: str, lexicon):
    annotation = Annotation.from_json(annotate_text(text, lexicon))
    return next(t for _, _, t in annotation.tokens() if t.text == word)


def test_a_compound_shows_its_immediate_parts_and_the_inner_split_one_level_down(lexicon):
    stay = token("Der Krankenhausaufenthalt war kurz.", "Krankenhausaufenthalt", lexicon)
    assert [(p.part, p.lemma) for p in stay.compound] == [
        ("Krankenhaus", "Krankenhaus"),
        ("aufenthalt", "Aufenthalt"),
    ]
    assert stay.compound[0].gloss == "hospital"
    assert [p.lemma for p in stay.compound[0].parts] == ["Kranke", "Haus"]


def test_a_lexicalised_word_is_shown_whole(lexicon):
    # Handschuh "glove" is no shoe: no gloss of it shares a word with its parts' glosses.
    assert token("Er verlor einen Handschuh.", "Handschuh", lexicon).compound is None
    # Krankenhaus "hospital" is no ill house, though one level down in a longer word.
    assert token("Das Krankenhaus ist neu.", "Krankenhaus", lexicon).compound is None


def test_a_part_is_glossed_in_the_compounds_sense(lexicon):
    # Leiter is a ladder (die) and a manager (der); Bauleiter "site manager" says which.
    boss = token("Der Bauleiter kam spät.", "Bauleiter", lexicon)
    assert [(p.lemma, p.gloss) for p in boss.compound] == [
        ("Bau", "construction"),
        ("Leiter", "manager"),
    ]
    # Fracht's first sense is "freight charges"; a Frachtschiff carries cargo.
    ship = token("Das Frachtschiff lag im Hafen.", "Frachtschiff", lexicon)
    assert ship.compound[0].gloss == "cargo"


def test_the_fugenelement_is_kept_with_its_part(lexicon):
    market = token("Der Arbeitsmarkt wächst.", "Arbeitsmarkt", lexicon)
    first = market.compound[0]
    assert (first.part, first.lemma, first.link, first.stem) == ("Arbeits", "Arbeit", "s", "Arbeit")


def test_a_compound_the_dictionary_lacks_still_splits(lexicon):
    basket = token("Der Brotkorb ist leer.", "Brotkorb", lexicon)
    assert [p.lemma for p in basket.compound] == ["Brot", "Korb"]


def _split_as_noun(word: str, lexicon) -> list | None:
    """The compound step alone on a word the tagger took for a common noun (as HanTa does
    with many names it does not know)."""
    register_extensions()
    nlp = spacy.blank("de")
    component = nlp.add_pipe("randnotiz_compounds")
    doc = Doc(nlp.vocab, words=["Die", word, "."], pos=["DET", "NOUN", "PUNCT"])
    doc._.lexicon = lexicon
    return component(doc)[1]._.compound


def test_names_tagged_as_nouns_are_never_split(lexicon):
    # Ding glosses Niedersachsen and Sachsen only with English names: no "lowly + Saxony".
    assert _split_as_noun("Niedersachsen", lexicon) is None
    # Not in the dictionary, on a head that makes family and place names: Kugel|mann,
    # Falken|see are names, not "ball + man" and "falcon + lake".
    assert _split_as_noun("Kugelmann", lexicon) is None
    assert _split_as_noun("Falkensee", lexicon) is None
    # The same test leaves common compounds alone.
    assert _split_as_noun("Brotkorb", lexicon) is not None


def test_a_compound_the_dictionary_lacks_is_glossed_from_all_its_parts(lexicon):
    # Not just the head's "basket".
    assert token("Der Brotkorb ist leer.", "Brotkorb", lexicon).gloss == "bread basket"


def test_the_sentence_can_say_a_word_is_a_name(lexicon):
    # After a noun that introduces a name, and after a capitalised adjective inside the sentence.
    assert token("Wir aßen in der Pizzeria Brotkorb.", "Brotkorb", lexicon).compound is None
    lakes = "Wir wandern in der Mecklenburgischen Seenplatte."
    assert token(lakes, "Seenplatte", lexicon).compound is None
    assert token("Die Seenplatte ist flach.", "Seenplatte", lexicon).compound is not None


def test_the_same_english_word_wins_over_a_lookalike(lexicon):
    # Betriebsrat "works council": Rat's council, not its counsel.
    council = token("Der Betriebsrat tagt.", "Betriebsrat", lexicon)
    assert council.compound[-1].gloss == "council"


def test_a_present_participle_used_as_a_noun_is_no_compound(lexicon):
    # die Vorsitzende is who presides (vorsitzen), not Vorsitz + Ende "chair + end".
    assert _split_as_noun("Vorsitzende", lexicon) is None
