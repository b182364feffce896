"""The sense of a particle verb meant in its sentence (issue #16): its clause's nouns and
prepositions choose among the senses of the verb's dictionary lines, as for full verbs."""

from lexicon.database import DbLexicon
from lexicon.models import Idiom, Source
from nlp.english import renders_preposition
from nlp.extensions import register_extensions
from nlp.glosses import entry_senses, gloss_doc
from nlp.lexicon import LexEntry, MemoryLexicon
from nlp.verbs import reflexive_verbs, separable_verbs
from tests import nlp_docs

register_extensions()

# One Ding line glosses "die Kosten auf jdn. abschieben" twice: the plain "to pass" first,
# then the sense the "auf" frame is written for.
ABSCHIEBEN = LexEntry(
    "abschieben",
    "VERB",
    ("to pass", "to shift on to sb.", "to deport sb."),
    contexts=(
        ("to pass", "kost"),
        ("to shift on to sb.", "kost"),
        ("to deport sb.", "flüchtling"),
    ),
    ranked=True,
)
LEXICON = MemoryLexicon([ABSCHIEBEN])


def schiebt_ab(*middle):
    """'Die Firma schiebt <middle> ab.' as the tagger leaves it, through the separable verbs."""
    rows = [
        ("Die", "die", "ART", "DET"),
        ("Firma", "Firma", "NN", "NOUN"),
        ("schiebt", "schieben", "VVFIN", "VERB"),
        *middle,
        ("ab", "ab", "PTKVZ", "ADP"),
        (".", ".", "$.", "PUNCT"),
    ]
    return separable_verbs(nlp_docs.doc_of(rows, LEXICON))


KOSTEN = [("die", "die", "ART", "DET"), ("Kosten", "Kosten", "NN", "NOUN")]
AUF_DIE_KUNDEN = [
    ("auf", "auf", "APPR", "ADP"),
    ("die", "die", "ART", "DET"),
    ("Kunden", "Kunde", "NN", "NOUN"),
]


def test_a_preposition_of_the_clause_picks_the_sense_whose_english_renders_it():
    doc = schiebt_ab(*KOSTEN, *AUF_DIE_KUNDEN)
    [expression] = doc._.expressions
    assert expression["gloss"] == "to shift on to sb."
    assert doc[2]._.senses[:2] == ["to shift on to sb.", "to pass"]


def test_without_the_preposition_the_line_keeps_its_order():
    doc = schiebt_ab(*KOSTEN)
    assert doc._.expressions[0]["gloss"] == "to pass"


def test_the_preposition_only_breaks_a_tie_between_the_chosen_lines_senses():
    # "auf" alone names no line: the usual order stands, no sense is pulled up by it.
    senses = entry_senses(ABSCHIEBEN, frozenset({"@auf"}))
    assert senses[0] == "to pass"


def test_the_infinitive_marker_renders_no_preposition():
    assert renders_preposition("to shift on to sb.", frozenset({"auf"}))
    assert renders_preposition("to adapt to sth.", frozenset({"an"}))
    assert not renders_preposition("to pass", frozenset({"zu", "an"}))
    assert not renders_preposition("to pass", frozenset({"auf"}))


AUSZAHLEN = LexEntry("auszahlen", "VERB", ("to pay out sth.",))
SICH_AUSZAHLEN = LexEntry("auszahlen", "VERB", ("to pay off",), reflexive=True)


def test_a_particle_verb_with_sich_shows_its_reflexive_sense_as_headline():
    rows = [
        ("Die", "die", "ART", "DET"),
        ("Mühe", "Mühe", "NN", "NOUN"),
        ("zahlt", "zahlen", "VVFIN", "VERB"),
        ("sich", "sich", "PRF", "PRON"),
        ("aus", "aus", "PTKVZ", "ADP"),
        (".", ".", "$.", "PUNCT"),
    ]
    lexicon = MemoryLexicon([AUSZAHLEN, SICH_AUSZAHLEN])
    doc = reflexive_verbs(separable_verbs(nlp_docs.doc_of(rows, lexicon)))
    [expression] = [x for x in doc._.expressions if x["type"] == "separable_verb"]
    assert expression["gloss"] == doc[2]._.gloss == "to pay off"


# Ding's example lines of einstellen: what the verb means with this object.
EINSTELLEN = LexEntry("einstellen", "VERB", ("to hire", "to stop", "to adjust"), fixed=3)
BETRIEB_EINSTELLEN = LexEntry("den Betrieb einstellen", "VERB", ("to cease operations",))


def stellt_ein(*middle):
    rows = [
        ("Die", "die", "ART", "DET"),
        ("Werft", "Werft", "NN", "NOUN"),
        ("stellt", "stellen", "VVFIN", "VERB"),
        *middle,
        ("ein", "ein", "PTKVZ", "ADP"),
        (".", ".", "$.", "PUNCT"),
    ]
    lexicon = MemoryLexicon([EINSTELLEN, BETRIEB_EINSTELLEN])
    return gloss_doc(separable_verbs(nlp_docs.doc_of(rows, lexicon)))


def test_the_object_of_a_dictionary_example_phrase_gives_the_particle_verb_its_sense():
    doc = stellt_ein(("den", "die", "ART", "DET"), ("Betrieb", "Betrieb", "NN", "NOUN"))
    [expression] = doc._.expressions
    assert expression["gloss"] == "(den Betrieb einstellen) to cease operations"
    assert doc[2]._.senses[:2] == ["(den Betrieb einstellen) to cease operations", "to hire"]


def test_the_phrase_is_found_whatever_the_case_of_its_noun():
    doc = stellt_ein(("der", "die", "ART", "DET"), ("Betrieb", "Betrieb", "NN", "NOUN"))
    assert doc._.expressions[0]["gloss"] == "(den Betrieb einstellen) to cease operations"


def test_an_object_no_example_names_keeps_the_verbs_own_first_sense():
    doc = stellt_ein(("zwei", "zwei", "CARD", "NUM"), ("Schweißer", "Schweißer", "NN", "NOUN"))
    assert doc._.expressions[0]["gloss"] == "to hire"


def test_the_database_serves_a_phrase_rows_verb_senses_as_a_verb_entry(db):
    for meaning, rank in (("to cease operations", 1), ("to fold; to fold up", 2)):
        Idiom.objects.create(
            phrase="den Betrieb einstellen",
            key="den betrieb einstellen",
            meaning=meaning,
            kind="phrase",
            selected=False,
            source=Source.DING,
            rank=rank,
        )
    [entry] = DbLexicon().lookup_many(["den betrieb einstellen"])["den betrieb einstellen"]
    assert (entry.pos, entry.glosses) == ("VERB", ("to cease operations", "to fold", "to fold up"))


def test_a_noun_after_a_preposition_is_no_object_for_an_example_phrase():
    # "Die Werft stellt im Betrieb zwei Schweißer ein": hiring, whatever "den Betrieb einstellen"
    # means.
    doc = stellt_ein(
        ("im", "in", "APPRART", "ADP"),
        ("Betrieb", "Betrieb", "NN", "NOUN"),
        ("zwei", "zwei", "CARD", "NUM"),
        ("Schweißer", "Schweißer", "NN", "NOUN"),
    )
    assert doc._.expressions[0]["gloss"] == "to hire"


def test_a_to_that_marks_an_infinitive_renders_no_preposition():
    assert not renders_preposition("not to forget sth./doing sth.", frozenset({"an"}))
    assert not renders_preposition("to summon up sth. to do sth.", frozenset({"zu"}))
    assert renders_preposition("to get used to", frozenset({"an"}))


def test_the_preposition_never_brings_a_rarer_english_word_first():
    freisprechen = LexEntry(
        "freisprechen",
        "VERB",
        ("to acquit sb.", "to exculpate sb. from a charge"),
        contexts=(("to acquit sb.", "vorwurf"), ("to exculpate sb. from a charge", "vorwurf")),
        ranked=True,
    )
    # "Das Gericht spricht ihn vom Vorwurf frei."
    assert entry_senses(freisprechen, frozenset({"vorwurf", "@von"}))[0] == "to acquit sb."
