"""Expressions through the real pipeline (HanTa, the Ding importer, the curated idiom list):
reflexive-verb notes only for inherently reflexive verbs, idioms with their polarity, articles
and verb as written, never an auxiliary standing in for the idiom's verb."""

from pathlib import Path

import pytest
from django.core.management import call_command

from lexicon.database import DbLexicon
from nlp.pipeline import annotate_text

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ding_expressions.txt"


@pytest.fixture
def lexicon(db):
    call_command("import_ding", str(FIXTURE), force=True, verbosity=0)
    return DbLexicon()


def expressions(text: str, lexicon) -> list[tuple[str, str, list[str]]]:
    """(type, lemma, words) of every expression of the text."""
    found = []
    for sentence in annotate_text(text, lexicon)["sentences"]:
        for expr in sentence["expressions"]:
            words = [sentence["tokens"][i]["text"] for i in expr["tokens"]]
            found.append((expr["type"], expr["lemma"], words))
    return found


def lemmas(text: str, lexicon) -> set[str]:
    return {lemma for _, lemma, _ in expressions(text, lexicon)}


def test_inherently_reflexive_verbs_get_their_note(lexicon):
    assert ("reflexive_verb", "sich befinden", ["befindet", "sich"]) in expressions(
        "Das Buch befindet sich im Regal.", lexicon
    )
    assert "sich bemühen" in lemmas("Die Mannschaft bemüht sich.", lexicon)


def test_a_reflexive_use_meaning_what_the_verb_means_gets_no_note(lexicon):
    """sich ändern "to change" is the plain verb's change: no reflexive-verb expression, but
    the verb still reads in its intransitive sense."""
    annotation = annotate_text("Die Lage hat sich geändert.", lexicon)
    (sentence,) = annotation["sentences"]
    assert not [e for e in sentence["expressions"] if e["type"] == "reflexive_verb"]
    verb = next(t for t in sentence["tokens"] if t["text"] == "geändert")
    assert verb["gloss"] == "to change"


def test_a_dative_reflexive_doing_the_verb_for_oneself_gets_no_note(lexicon):
    """sich etw. wünschen "to want sth.; to wish for sth." is wishing, for oneself."""
    found = expressions("Die Kinder wünschen sich ein Buch.", lexicon)
    assert not [e for e in found if e[0] == "reflexive_verb"]


def test_an_idiom_written_with_its_negation_needs_it(lexicon):
    """keine Chance haben: "gute Chancen haben" means the opposite."""
    assert "keine Chance haben" in lemmas("Die Mannschaft hat keine Chance.", lexicon)
    assert "keine Chance haben" not in lemmas("Die Mannschaft hat gute Chancen.", lexicon)
    assert "keine Chance haben" not in lemmas("Die Mannschaft hat eine Chance.", lexicon)


def test_the_perfect_auxiliary_is_no_idioms_verb(lexicon):
    """im Rennen sein "to be in the running": "ist im Rennen gestürzt" is a fall in a race."""
    assert "im Rennen sein" in lemmas("Die Kandidatin ist noch im Rennen.", lexicon)
    assert "im Rennen sein" not in lemmas("Die Fahrerin ist im Rennen gestürzt.", lexicon)
    assert "im Spiel sein" not in lemmas("Der Spieler ist im Spiel verletzt worden.", lexicon)


def test_im_sinne_with_a_genitive_is_a_preposition_not_im_sinn_haben(lexicon):
    assert "im Sinn haben" in lemmas("Sie hat etwas anderes im Sinn.", lexicon)
    assert "im Sinn haben" not in lemmas(
        "Sie handeln im Sinne der Kunden und haben Erfolg.", lexicon
    )


def test_a_bare_noun_of_an_idiom_takes_no_article(lexicon):
    """Recht haben "to be right"; das Recht haben "to have the right"."""
    assert "Recht haben" in lemmas("Die Kritiker haben Recht.", lexicon)
    assert "Recht haben" not in lemmas("Jeder hat das Recht, zu schweigen.", lexicon)


def test_an_idioms_article_as_written(lexicon):
    """den Kopf aus der Schlinge ziehen: a head pulled out of a noose is "einen Kopf" no more."""
    assert "den Kopf aus der Schlinge ziehen" in lemmas(
        "Die Mannschaft zog den Kopf aus der Schlinge.", lexicon
    )
    assert "den Kopf aus der Schlinge ziehen" not in lemmas(
        "Der Henker zog einen Kopf aus der Schlinge.", lexicon
    )


def test_a_verb_with_the_preposition_that_gives_its_sense_is_one_expression(lexicon):
    """gilt als "is regarded as", not "counts as"; the preposition may come as da(r)- before a
    clause of its own ("sorgt dafür, dass")."""
    assert ("idiom", "als etw. gelten", ["gilt", "als"]) in expressions(
        "Die Mannschaft gilt als Favorit.", lexicon
    )
    assert "für etw. sorgen" in lemmas(
        "Die Regierung sorgt dafür, dass die Lage ruhig bleibt.", lexicon
    )
    # the infinitive's zu is no preposition
    assert "zu etw. zählen" not in lemmas("Sie begann, die Stimmen zu zählen.", lexicon)


def test_verb_preposition_constructions_are_iav_in_the_parseme_column(lexicon):
    """PARSEME's German data has no IAV: the column says IAV, so no VID is claimed."""
    from nlp.conllu import mwe_column

    (sentence,) = annotate_text("Die Mannschaft gilt als Favorit.", lexicon)["sentences"]
    column = mwe_column(sentence)
    assert column[2] == "1:IAV" and column[3] == "1"


def test_a_verbs_preposition_in_another_conjunct_is_not_its_own(lexicon):
    assert "jdn./etw. für etw. halten" in lemmas("Sie hält den Plan für falsch.", lexicon)
    assert "jdn./etw. für etw. halten" not in lemmas(
        "Sie hält Abstand und kämpft für die Kinder.", lexicon
    )
