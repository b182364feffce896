"""HanTa tagging and the lemma repairs (nlp/tagger.py)."""

import spacy
from spacy.tokens import Doc

from nlp.extensions import register_extensions
from nlp.lexicon import LexEntry, MemoryLexicon
from nlp.sentences import segment
from nlp.tagger import repair_lemmas, restore_case, tag_doc

register_extensions()
VOCAB = spacy.blank("de").vocab


def tagged(words, lexicon=None):
    doc = segment(Doc(VOCAB, words=words))
    doc._.lexicon = lexicon or MemoryLexicon()
    doc._.lex = {}
    return repair_lemmas(tag_doc(doc))


def test_restore_case_keeps_acronyms_in_hanta_lemmas():
    assert restore_case("Us-präsident", "US-Präsident") == "US-Präsident"
    assert restore_case("Spö", "SPÖ") == "SPÖ"
    assert restore_case("Nato-staat", "Nato-Staaten") == "Nato-Staat"


def test_tagger_gives_stts_upos_and_lemmas():
    doc = tagged(["Der", "US-Präsident", "der", "SPÖ", "stellte", "Pläne", "vor", "."])
    rows = [(t.text, t.lemma_, t.pos_, t.tag_) for t in doc]
    assert rows[1] == ("US-Präsident", "US-Präsident", "NOUN", "NN")
    assert rows[3][1] == "SPÖ"
    assert rows[4][1:3] == ("stellen", "VERB")
    assert rows[6][2:] == ("ADP", "PTKVZ")
    assert rows[7][2:] == ("PUNCT", "$.")
    assert str(doc[4].morph) == "VerbForm=Fin"


def test_numbers_ordinals_and_quotes_are_decided_by_their_characters():
    doc = tagged(["„", "Das", "11.", "Korps", "hat", "50.000", "Mann", "“", "."])
    assert (doc[0].pos_, doc[7].pos_) == ("PUNCT", "PUNCT")
    assert (doc[2].pos_, doc[2].tag_) == ("ADJ", "ADJA")
    assert (doc[5].pos_, doc[5].lemma_) == ("NUM", "50.000")


def test_unreduced_plural_gets_dictionary_lemma_from_second_opinion():
    lexicon = MemoryLexicon([LexEntry("Haubitze", "NOUN", ("howitzer",), "f", "Haubitzen")])
    doc = tagged(["Knapp", "50", "Haubitzen", "kamen", "."], lexicon)
    assert doc[2].lemma_ == "Haubitze"


def test_personal_pronouns_get_nominative_lemma():
    doc = tagged(["Er", "gab", "ihm", "mich", "."])
    assert [t.lemma_ for t in doc[:4]] == ["er", "geben", "er", "ich"]


def test_name_keeps_written_form_unless_genitive():
    doc = tagged(["Thomann", "und", "Deutschlands", "Kanzler", "kamen", "."])
    assert doc[0].lemma_ == "Thomann"
    assert doc[2].lemma_ == "Deutschland"


def test_odd_tokens_do_not_break_the_tagger():
    doc = tagged(["😀", "日本語", "<b>", "x" * 500, "Lehrer*innen", "."])
    assert all(t.pos_ for t in doc)


def test_all_caps_headline_is_read_as_words_not_acronyms():
    doc = tagged(["NORDKOREA", "LIEFERT", "RUSSLAND", "SCHWERE", "WAFFEN"])
    assert [t.lemma_ for t in doc] == ["Nordkorea", "liefern", "Russland", "schwer", "Waffe"]


def test_gender_star_url_and_very_long_word():
    long_word = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung"
    doc = tagged(["Die", "Lehrer*innen", "lesen", "https://taz.de/a?id=5", "und", long_word, "."])
    assert (doc[1].lemma_, doc[1].pos_) == ("Lehrer*in", "NOUN")
    assert (doc[3].pos_, doc[3].lemma_) == ("X", "https://taz.de/a?id=5")
    assert doc[5].pos_ == "NOUN"


def test_haben_and_modals_are_verbs_without_a_verb_to_govern():
    doc = tagged(["Sie", "hat", "Geld", ",", "aber", "er", "hat", "gearbeitet", "."])
    assert (doc[1].pos_, doc[6].pos_) == ("VERB", "AUX")
    assert doc[1].tag_ == doc[6].tag_ == "VAFIN"


def test_hanta_nominalisations_are_plain_nouns_in_stts():
    from nlp.stts import normalize_stts

    assert normalize_stts("NNA") == normalize_stts("NNI") == "NN"
    doc = tagged(["Die", "Vorsitzende", "sprach", "."])
    assert (doc[1].tag_, doc[1].pos_) == ("NN", "NOUN")
