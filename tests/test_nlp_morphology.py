import pytest
import spacy
from spacy.tokens import Doc

from nlp.extensions import register_extensions
from nlp.morphology import add_morphology, adjective_degree, finite_verb_feats
from reader.grammar_labels import pos_label


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("erlaubte", "erlauben"),
        ("stellte", "vorstellen"),
        ("arbeitete", "arbeiten"),
        ("kam", "kommen"),
        ("fuhren", "auffahren"),
        ("hatte", "haben"),
        ("wurde", "werden"),
        ("brachten", "bringen"),
        ("forderte", "fordern"),
    ],
)
def test_past_tense_of_weak_strong_and_particle_verbs(form, lemma):
    assert finite_verb_feats(form, lemma)["Tense"] == "Past"


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("liefert", "liefern"),
        ("arbeitet", "arbeiten"),
        ("rettet", "retten"),
        ("fährt", "auffahren"),
        ("gilt", "gelten"),
    ],
)
def test_present_tense_is_not_mistaken_for_past(form, lemma):
    assert finite_verb_feats(form, lemma)["Tense"] == "Pres"


def test_konjunktiv_forms_are_subjunctive_but_ich_habe_is_not():
    assert finite_verb_feats("dürfte", "dürfen")["Mood"] == "Sub"
    assert finite_verb_feats("habe", "haben")["Mood"] == "Sub"
    assert finite_verb_feats("habe", "haben", first_person_in_clause=True)["Mood"] == "Ind"


def test_adjective_degrees():
    assert adjective_degree("schwerste", "schwer") == "Sup"
    assert adjective_degree("größerer", "groß") == "Cmp"
    assert adjective_degree("ukrainischen", "ukrainisch") == "Pos"


def test_component_sets_tense_that_the_popover_label_reads():
    register_extensions()
    words = ["Biden", "erlaubte", "den", "Einsatz"]
    doc = Doc(spacy.blank("de").vocab, words=words, sent_starts=[True, False, False, False])
    for token, tag, lemma in zip(
        doc, ["NE", "VVFIN", "ART", "NN"], ["Biden", "erlauben", "der", "Einsatz"], strict=True
    ):
        token.tag_, token.lemma_ = tag, lemma
    add_morphology(doc)
    assert pos_label("VERB", "VVFIN", str(doc[1].morph)) == "verb, past tense"
