"""Glosses from the lexicon with their fallbacks (reader/nlp/glosses.py)."""

import spacy
from spacy.tokens import Doc

from reader.nlp.extensions import register_extensions
from reader.nlp.glosses import gloss_doc, head_candidates, rank_senses
from reader.nlp.lexicon import LexEntry, MemoryLexicon

register_extensions()
VOCAB = spacy.blank("de").vocab

LEXICON = MemoryLexicon(
    [
        LexEntry("Haubitze", "NOUN", ("howitzer", "field howitzer"), "f", "Haubitzen"),
        LexEntry("Eintritt", "NOUN", ("entry", "admission"), "m", "Eintritte"),
        LexEntry("erlauben", "VERB", ("to allow", "to permit", "to let", "to authorize")),
        LexEntry("Kim", "NOUN", ("kim",)),
        LexEntry("schwer", "ADJ", ("heavy",)),
        LexEntry("schwer", "ADV", ("heavily",)),
    ]
)


def glossed(rows):
    """rows: (word, lemma, upos)"""
    doc = Doc(
        VOCAB, words=[r[0] for r in rows], lemmas=[r[1] for r in rows], pos=[r[2] for r in rows]
    )
    doc._.lexicon = LEXICON
    doc._.lex = {}
    return gloss_doc(doc)


def test_noun_gets_gloss_senses_gender_and_plural():
    token = glossed([("Haubitzen", "Haubitze", "NOUN")])[0]
    assert token._.gloss == "howitzer"
    assert token._.senses == ["howitzer", "field howitzer"]
    assert (token._.gender, token._.plural) == ("f", "Haubitzen")


def test_senses_are_at_most_three():
    token = glossed([("erlaubt", "erlauben", "VERB")])[0]
    assert len(token._.senses) == 3
    assert set(token._.senses) <= {"to allow", "to permit", "to let", "to authorize"}


def test_plain_english_sense_comes_first_and_notes_are_cleaned():
    assert rank_senses(("puissance", "verdure", "force"))[0] == "force"
    assert rank_senses(("geezer", "type", "chap"))[0] == "type"
    assert rank_senses(("regimen", "government /Gov.", "Govt./"))[:2] == ["government", "regimen"]
    assert rank_senses(("the enemy", "enemy")) == ["the enemy"]


def test_part_of_speech_picks_the_entry():
    doc = glossed([("schwer", "schwer", "ADV"), ("schwere", "schwer", "ADJ")])
    assert [t._.gloss for t in doc] == ["heavily", "heavy"]


def test_names_numbers_and_punctuation_get_no_gloss():
    doc = glossed([("Kim", "Kim", "PROPN"), ("50", "50", "NUM"), (".", ".", "PUNCT")])
    assert [t._.gloss for t in doc] == [None, None, None]


def test_unknown_compound_noun_gets_its_head_gloss():
    token = glossed([("Kriegseintritt", "Kriegseintritt", "NOUN")])[0]
    assert token._.gloss == "entry"
    assert token._.gloss_via == "head"
    assert token._.gender == "m"
    assert token._.plural == "Kriegseintritte"


def test_head_candidates_are_longest_first_and_never_tiny():
    heads = head_candidates("Kriegseintritt")
    assert heads[0] == "Iegseintritt"
    assert heads[-1] == "Ritt"
    assert "Tt" not in heads


def test_participle_adjective_is_glossed_through_its_verb():
    lexicon = MemoryLexicon([LexEntry("liefern", "VERB", ("to deliver",))])
    doc = Doc(VOCAB, words=["gelieferten"], lemmas=["geliefert"], pos=["ADJ"])
    doc._.lexicon, doc._.lex = lexicon, {}
    token = gloss_doc(doc)[0]
    assert token._.gloss == "participle of liefern: to deliver"


def test_abbreviations_and_old_spelling_get_glosses():
    lexicon = MemoryLexicon([LexEntry("Prozess", "NOUN", ("trial",), "m")])
    doc = Doc(VOCAB, words=["Dr.", "Prozeß"], lemmas=["Dr.", "Prozeß"], pos=["NOUN", "NOUN"])
    doc._.lexicon, doc._.lex = lexicon, {}
    doc = gloss_doc(doc)
    assert doc[0]._.gloss.startswith("Dr.")
    assert doc[1]._.gloss == "trial"


def test_first_plain_sense_leads_in_dictionary_order():
    assert rank_senses(("to take after sb.", "to come", "to think of sth."))[0] == "to come"
    assert rank_senses(("heavy", "weighty", "big"))[0] == "heavy"
    assert rank_senses(("howitzer", "field howitzer")) == ["howitzer", "field howitzer"]


def test_gender_inclusive_noun_is_glossed_through_its_base():
    lexicon = MemoryLexicon([LexEntry("Lehrer", "NOUN", ("teacher",), "m")])
    doc = Doc(VOCAB, words=["Lehrer*innen"], lemmas=["Lehrer*in"], pos=["NOUN"])
    doc._.lexicon, doc._.lex = lexicon, {}
    assert gloss_doc(doc)[0]._.gloss == "teacher"
