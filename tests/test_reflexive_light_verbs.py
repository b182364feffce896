"""Which reflexive uses are verbs of their own (a reflexive-verb note for the learner, IRV in
PARSEME), and which light verbs with a noun make one expression: through the real tagger, with
a small dictionary of Ding-like entries."""

from nlp.conllu import mwe_column
from nlp.lexicon import IdiomEntry, LexEntry, MemoryLexicon
from nlp.pipeline import annotate_text

LEXICON = MemoryLexicon(
    [
        LexEntry("finden", "VERB", ("to find", "to think")),
        LexEntry("finden", "VERB", ("to be found", "can be found"), reflexive=True),
        LexEntry("befinden", "VERB", ("to decide", "to deem")),
        LexEntry("befinden", "VERB", ("to be located", "to be situated"), reflexive=True),
        LexEntry("leisten", "VERB", ("to perform sth.", "to render")),
        LexEntry("leisten", "VERB", ("to afford sth.", "to splurge"), reflexive=True),
        LexEntry("einigen", "VERB", ("to unite",)),
        LexEntry("einigen", "VERB", ("to agree", "to come to an agreement"), reflexive=True),
        LexEntry("befreien", "VERB", ("to free", "to release sb.")),
        LexEntry(
            "befreien",
            "VERB",
            ("to free oneself", "to win free", "to break loose", "to escape"),
            reflexive=True,
        ),
        LexEntry("Netz", "NOUN", ("net",), gender="n"),
        LexEntry("anschaffen", "VERB", ("to buy sth.", "to purchase sth.")),
        LexEntry("anschaffen", "VERB", ("to get sth.",), reflexive=True),
        LexEntry("Wagen", "NOUN", ("car",), gender="m"),
        LexEntry("Urlaub", "NOUN", ("holiday",), gender="m"),
        LexEntry("Kompromiss", "NOUN", ("compromise",), gender="m"),
        LexEntry("Schlüssel", "NOUN", ("key",), gender="m"),
        LexEntry("Schublade", "NOUN", ("drawer",), gender="f"),
    ]
)


def reflexive_notes(text: str, lexicon=LEXICON) -> list[str]:
    return [
        expr["lemma"]
        for sentence in annotate_text(text, lexicon)["sentences"]
        for expr in sentence["expressions"]
        if expr["type"] == "reflexive_verb"
    ]


def test_a_passive_like_reflexive_of_the_plain_verb_is_no_verb_of_its_own():
    """sich finden "to be found" is finden with the finder left out (a decausative): no note;
    sich befinden "to be located" has left befinden "to decide" behind: a note."""
    assert reflexive_notes("Der Schlüssel fand sich in der Schublade.") == []
    assert reflexive_notes("Der Schlüssel befindet sich in der Schublade.") == ["sich befinden"]


def test_a_dative_reflexive_beside_an_accusative_object_is_no_reflexive_verb():
    """ "sich (dative) etwas leisten" is leisten done for oneself, however far "to afford" is
    from "to perform"; an accusative inside a prepositional phrase is no object."""
    assert reflexive_notes("Die Familie leistete sich einen teuren Urlaub.") == []
    assert reflexive_notes("Die Nachbarn leisten sich nichts.") == []
    # "einen" is never a dative plural, whatever its noun ends in
    assert reflexive_notes("Er hat sich einen neuen Wagen angeschafft.") == []
    assert reflexive_notes("Die Parteien einigten sich auf den Kompromiss.") == ["sich einigen"]


def test_the_plain_verb_done_to_oneself_is_no_reflexive_verb():
    """sich befreien "to free oneself" is befreien "to free" with oneself as the object, even
    beside senses of its own ("to win free")."""
    assert reflexive_notes("Der Hund befreite sich aus dem Netz.") == []


def test_a_light_verbs_sich_is_no_part_of_the_construction():
    """ "sich auf die Suche begeben": the noun carries the meaning and the verb its frame; the
    "sich" is the verb's own object, so the construction PARSEME marks is auf, Suche, begeben
    (the learner still sees the whole phrase)."""
    lexicon = MemoryLexicon(
        [LexEntry("Schatz", "NOUN", ("treasure",), gender="m")],
        [IdiomEntry("sich auf die Suche begeben", "to go in search", kind="light_verb")],
    )
    (sentence,) = annotate_text("Die Kinder begaben sich auf die Suche.", lexicon)["sentences"]
    words = [t["text"] for t in sentence["tokens"]]
    marked = [w for w, mark in zip(words, mwe_column(sentence), strict=True) if mark != "*"]
    assert marked == ["begaben", "auf", "Suche"]
    (expression,) = [e for e in sentence["expressions"] if e["type"] == "light_verb"]
    assert [words[i] for i in expression["tokens"]] == ["begaben", "sich", "auf", "die", "Suche"]
