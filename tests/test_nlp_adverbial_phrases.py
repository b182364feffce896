"""Multiword adverbs read as one word (issue #16): "noch einmal" is "again", not "still" +
"once"; Ding's phrase rows come from the lexicon as adverb entries (lexicon.database)."""

import spacy
from spacy.tokens import Doc

from nlp.extensions import register_extensions
from nlp.glosses import gloss_doc
from nlp.lexicon import LexEntry, MemoryLexicon

register_extensions()
VOCAB = spacy.blank("de").vocab

LEXICON = MemoryLexicon(
    [
        LexEntry("noch", "ADV", ("still",)),
        LexEntry("einmal", "ADV", ("once",)),
        LexEntry("bis", "ADP", ("until", "up to")),
        LexEntry("heute", "ADV", ("today",)),
        LexEntry("Probe", "NOUN", ("rehearsal",), "f", "Proben"),
        LexEntry("proben", "VERB", ("to rehearse",)),
        # As the database serves Ding's phrase rows: in Ding's order, rare senses first.
        LexEntry("noch einmal", "ADV", ("one day", "someday", "once more", "again")),
        LexEntry("bis zu", "ADV", ("pending", "as far as", "up to")),
    ]
)


def glossed(rows):
    """rows: (word, lemma, upos, STTS tag); one sentence."""
    doc = Doc(
        VOCAB,
        words=[r[0] for r in rows],
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows],
        sent_starts=[i == 0 for i in range(len(rows))],
    )
    doc._.lexicon = LEXICON
    doc._.lex = {}
    return gloss_doc(doc)


def test_both_words_of_a_multiword_adverb_show_the_phrase_in_everyday_english():
    doc = glossed(
        [
            ("Wir", "wir", "PRON", "PPER"),
            ("proben", "proben", "VERB", "VVFIN"),
            ("morgen", "morgen", "ADV", "ADV"),
            ("noch", "noch", "ADV", "ADV"),
            ("einmal", "einmal", "ADV", "ADV"),
        ]
    )
    assert doc[3]._.gloss == doc[4]._.gloss == "noch einmal: again"
    assert doc[4]._.senses[:2] == ["again", "one day"]
    assert doc[1]._.gloss == "to rehearse"


def test_bis_zu_before_a_number_is_up_to():
    doc = glossed(
        [
            ("Die", "der", "DET", "ART"),
            ("Probe", "Probe", "NOUN", "NN"),
            ("dauert", "dauern", "VERB", "VVFIN"),
            ("bis", "bis", "ADV", "ADV"),
            ("zu", "zu", "ADP", "APPR"),
            ("drei", "drei", "NUM", "CARD"),
            ("Stunden", "Stunde", "NOUN", "NN"),
        ]
    )
    assert doc[3]._.gloss == "bis zu: up to"


def test_a_word_outside_any_phrase_keeps_its_own_gloss():
    doc = glossed(
        [
            ("Heute", "heute", "ADV", "ADV"),
            ("proben", "proben", "VERB", "VVFIN"),
            ("wir", "wir", "PRON", "PPER"),
            ("noch", "noch", "ADV", "ADV"),
        ]
    )
    assert doc[0]._.gloss == "today"
    assert doc[3]._.gloss == "still"


def test_everyday_senses_of_one_length_keep_dings_order():
    lexicon = MemoryLexicon(
        [
            LexEntry("nicht", "PART", ("not",)),
            LexEntry("mehr", "ADV", ("more",)),
            LexEntry("nicht mehr", "ADV", ("no longer", "no more")),
        ]
    )
    words = [("Das", "PDS"), ("geht", "VVFIN"), ("nicht", "PTKNEG"), ("mehr", "ADV")]
    doc = Doc(
        VOCAB,
        words=[w for w, _ in words],
        lemmas=[w.lower() for w, _ in words],
        pos=["PRON", "VERB", "PART", "ADV"],
        tags=[t for _, t in words],
    )
    doc._.lexicon = lexicon
    doc._.lex = {}
    assert gloss_doc(doc)[3]._.gloss == "nicht mehr: no longer"
