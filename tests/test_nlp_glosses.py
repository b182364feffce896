"""Glosses from the lexicon with their fallbacks (nlp/glosses.py)."""

import spacy
from spacy.tokens import Doc

from nlp.extensions import register_extensions
from nlp.glosses import gloss_doc, head_candidates, rank_senses
from nlp.lexicon import LexEntry, MemoryLexicon

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


def test_senses_are_three_or_five_when_the_others_are_as_plain():
    # "to authorize" is rarer English than "to allow": three senses.
    token = glossed([("erlaubt", "erlauben", "VERB")])[0]
    assert token._.senses == ["to allow", "to permit", "to let"]
    # Four everyday words are all shown, a rare fifth is not.
    four = rank_senses(("house", "home", "building", "place", "domicile"))
    assert four == ["house", "home", "building", "place"]


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


WORD_FORMATION_LEXICON = MemoryLexicon(
    [
        LexEntry("München", "NOUN", ("Munich",), "n"),
        LexEntry("Rappen", "NOUN", ("Rappen",), "m"),
        LexEntry("Lippe", "NOUN", ("lip", "Lippe"), "f"),
        LexEntry("Fahrer", "NOUN", ("driver",), "m"),
        LexEntry("Arzt", "NOUN", ("doctor",), "m"),
        LexEntry("Tisch", "NOUN", ("table",), "m"),
        LexEntry("Kampf", "NOUN", ("fight", "struggle"), "m"),
        LexEntry("fusionieren", "VERB", ("to merge",)),
        LexEntry("locker", "ADJ", ("loose",)),
        LexEntry("interessiert", "ADJ", ("interested",)),
        LexEntry("rühren", "VERB", ("to stir",)),
        LexEntry("preisen", "VERB", ("to praise",)),
        LexEntry("singen", "VERB", ("to sing",)),
        LexEntry("entstehen", "VERB", ("to arise",)),
        LexEntry("verfeinden", "VERB", ("to make enemies",)),
    ]
)


def glossed_with_word_formation(rows):
    doc = Doc(
        VOCAB, words=[r[0] for r in rows], lemmas=[r[1] for r in rows], pos=[r[2] for r in rows]
    )
    doc._.lexicon, doc._.lex = WORD_FORMATION_LEXICON, {}
    return [t._.gloss for t in gloss_doc(doc)]


def test_place_adjective_is_glossed_through_the_place_name():
    assert glossed_with_word_formation(
        [("Münchner", "Münchner", "ADJ"), ("lippischen", "lippisch", "ADJ")]
    ) == ["of/from Munich", "of/from Lippe"]


def test_noun_in_er_is_no_place_adjective():
    # Rapper is an agent noun, not "person from Rappen" (a Swiss coin).
    assert glossed_with_word_formation([("Rapper", "Rapper", "NOUN")]) == [None]


def test_feminine_diminutive_and_derived_nouns_name_their_base():
    assert glossed_with_word_formation(
        [
            ("Fahrerinnen", "Fahrerinn", "NOUN"),
            ("Ärztin", "Ärztin", "NOUN"),
            ("Tischchen", "Tischchen", "NOUN"),
            ("Fusionierung", "Fusionierung", "NOUN"),
            ("Lockerheit", "Lockerheit", "NOUN"),
            ("Interessierten", "Interessierte", "NOUN"),
        ]
    ) == [
        "driver (female)",
        "doctor (female)",
        "little table (Tisch + -chen)",
        "act or result of fusionieren: to merge",
        "being loose (noun from locker)",
        "someone or something interested (noun from interessiert)",
    ]


def test_los_adjective_means_without():
    assert glossed_with_word_formation([("kampflos", "kampflos", "ADJ")]) == [
        "without fight (Kampf + -los)"
    ]


def test_ordinals_and_ages_are_glossed_without_the_dictionary():
    assert glossed_with_word_formation(
        [("dritten", "dritt", "ADJ"), ("70-Jährige", "70-jährig", "ADJ")]
    ) == ["third", "70-year-old; lasting 70 years"]


def test_strong_and_prefixed_participles_find_their_verb():
    assert glossed_with_word_formation(
        [
            ("gesungenen", "gesungen", "ADJ"),
            ("entstandene", "entstanden", "ADJ"),
            ("verfeindeten", "verfeindet", "ADJ"),
        ]
    ) == [
        "participle of singen: to sing",
        "participle of entstehen: to arise",
        "participle of verfeinden: to make enemies",
    ]


def test_adjective_known_only_with_sein_or_werden_is_glossed_through_that_phrase():
    lexicon = MemoryLexicon(
        [
            LexEntry("verfeindet sein", "VERB", ("to be enemies",)),
            LexEntry("fündig werden", "VERB", ("to strike it rich",)),
        ]
    )
    doc = Doc(
        VOCAB,
        words=["verfeindeten", "fündig", "unbekannten"],
        lemmas=["verfeindet", "fündig", "unbekannt"],
        pos=["ADJ", "ADV", "ADJ"],
    )
    doc._.lexicon, doc._.lex = lexicon, {}
    assert [t._.gloss for t in gloss_doc(doc)] == [
        "verfeindet sein: to be enemies",
        "fündig werden: to strike it rich",
        None,
    ]


def test_nominalised_infinitive_is_glossed_through_its_verb_not_a_compound_head():
    lexicon = MemoryLexicon(
        [
            LexEntry("aufplustern", "VERB", ("to ruffle one's feathers",), reflexive=True),
            LexEntry("Luster", "NOUN", ("chandelier",), "m"),
        ]
    )
    doc = Doc(VOCAB, words=["Aufplustern"], lemmas=["Aufpluster"], pos=["NOUN"])
    doc._.lexicon, doc._.lex = lexicon, {}
    assert gloss_doc(doc)[0]._.gloss == "act of sich aufplustern: to ruffle one's feathers"


def test_directional_particle_verb_reads_off_its_parts_but_opaque_one_does_not():
    # aus + preisen is not "to praise out": auspreisen means to price goods.
    assert glossed_with_word_formation(
        [("herumrühren", "herumrühren", "VERB"), ("auspreisen", "auspreisen", "VERB")]
    ) == ["herumrühren: herum- (around) + rühren: to stir", None]


def test_common_english_noun_is_glossed_as_english_but_names_are_not():
    assert glossed_with_word_formation(
        [("Workshop", "Workshop", "NOUN"), ("Paucke", "Paucke", "NOUN")]
    ) == ["workshop (English word)", None]


def test_old_spelling_compound_is_glossed_through_its_reformed_head():
    lexicon = MemoryLexicon([LexEntry("Prozess", "NOUN", ("process",), "m", "Prozesse")])
    doc = Doc(VOCAB, words=["Friedensprozeß"], lemmas=["Friedensprozeß"], pos=["NOUN"])
    doc._.lexicon, doc._.lex = lexicon, {}
    assert gloss_doc(doc)[0]._.gloss == "process"


def test_adverb_takes_the_particle_entry_and_adjective_not_the_capitalised_noun():
    lexicon = MemoryLexicon(
        [
            LexEntry("gar", "ADJ", ("done", "cooked")),
            LexEntry("gar", "PART", ("at all",)),
            LexEntry("Ober", "NOUN", ("queen",), "f"),
            LexEntry("obere", "ADJ", ("upper",)),
            LexEntry("Ober", "NOUN", ("waiter",), "m"),
            LexEntry("Lot", "NOUN", ("plumb line",), "n"),
        ]
    )
    doc = Doc(
        VOCAB,
        words=["gar", "oberster", "lotig"],
        lemmas=["gar", "ober", "lot"],
        pos=["ADV", "ADJ", "ADJ"],
    )
    doc._.lexicon, doc._.lex = lexicon, {}
    # No adjective at all: the noun is still better than nothing.
    assert [t._.gloss for t in gloss_doc(doc)] == ["at all", "upper", "plumb line"]


def test_preposition_attaching_a_second_object_does_not_make_a_verb_gloss_rarer():
    # warnen: Ding's "to warn sb. of/against sth." is the plain sense, not "to alert".
    assert rank_senses(("to warn sb. of/against sth.", "to alert", "to warn"))[0] == (
        "to warn sb. of/against sth."
    )
    # A particle changes the verb: "to take after sb." is not "to take".
    assert rank_senses(("to take after sb.", "to come"))[0] == "to come"


def test_hand_written_senses_stay_ahead_of_plainer_dictionary_ones():
    # reichen: "to be enough" is what a learner needs, though "to hand" is one common word.
    assert rank_senses(("to be enough", "to hand", "to reach"), fixed=1)[:2] == [
        "to be enough",
        "to hand",
    ]
    assert rank_senses(("to be enough", "to hand", "to reach"))[0] == "to hand"
