"""A plural the lemmatiser left as written finds its singular in the dictionary (nlp/nouns.py)."""

import spacy
from spacy.tokens import Doc

from nlp.extensions import register_extensions
from nlp.lexicon import LexEntry, MemoryLexicon
from nlp.nouns import complete_nouns, singular_candidates


def test_singular_candidates_take_off_each_plural_ending():
    assert singular_candidates("Zutaten") == ["Zutat", "Zutate"]
    assert "Badewanne" in singular_candidates("Badewannen")


def test_a_plural_left_as_written_takes_its_singulars_gender_and_plural():
    register_extensions()
    nlp = spacy.blank("de")
    doc = Doc(
        nlp.vocab, words=["Die", "Badewannen", "sind", "voll"], pos=["DET", "NOUN", "AUX", "ADJ"]
    )
    doc[1].lemma_ = "Badewannen"
    doc._.lexicon = MemoryLexicon(
        [LexEntry("Badewanne", "NOUN", ("bathtub",), gender="f", plural="Badewannen")]
    )
    complete_nouns(doc)
    assert (doc[1]._.gender, doc[1]._.plural) == ("f", "Badewannen")
