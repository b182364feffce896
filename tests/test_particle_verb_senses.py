"""The sense of a particle verb meant in its sentence (issue #16): its clause's nouns and
prepositions choose among the senses of the verb's dictionary lines, as for full verbs."""

from nlp.english import renders_preposition
from nlp.extensions import register_extensions
from nlp.glosses import entry_senses
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
