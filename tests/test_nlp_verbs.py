"""Separable and reflexive verbs (nlp/verbs.py) on hand-built Docs."""

from nlp.extensions import register_extensions
from nlp.lexicon import LexEntry, MemoryLexicon
from nlp.pipeline import annotate_text
from nlp.verbs import reflexive_verbs, separable_verbs, split_particle_verb
from tests import nlp_docs

register_extensions()

LEXICON = MemoryLexicon(
    [
        LexEntry("vorstellen", "VERB", ("to introduce",)),
        LexEntry("stellen", "VERB", ("to put",)),
        LexEntry("werfen", "VERB", ("to throw",)),
        LexEntry("vorwerfen", "VERB", ("to reproach",)),
        LexEntry("ziehen", "VERB", ("to pull",)),
        LexEntry("wiegen", "VERB", ("to weigh",)),
        LexEntry("konzentrieren", "VERB", ("to concentrate",), reflexive=True),
        LexEntry("sehen", "VERB", ("to see",)),
        LexEntry("dauern", "VERB", ("to last",)),
    ]
)


def doc_of(rows, lexicon=LEXICON):
    return nlp_docs.doc_of(rows, lexicon)


def test_separable_particle_links_to_finite_verb():
    doc = separable_verbs(
        doc_of(
            [
                ("Er", "er", "PPER"),
                ("stellte", "stellen", "VVFIN"),
                ("sie", "sie", "PPER"),
                ("gestern", "gestern", "ADV"),
                ("vor", "vor", "PTKVZ"),
                (".", ".", "$."),
            ]
        )
    )
    assert doc._.expressions == [
        {
            "type": "separable_verb",
            "doc_tokens": [1, 4],
            "lemma": "vorstellen",
            "gloss": "to introduce",
            "transparent": False,
        }
    ]
    assert doc[1]._.verb_lemma == doc[4]._.verb_lemma == "vorstellen"
    assert doc[4]._.gloss == "to introduce"


def test_particle_skips_subordinate_clause_to_reach_its_verb():
    doc = separable_verbs(
        doc_of(
            [
                ("Er", "er", "PPER"),
                ("stellte", "stellen", "VVFIN"),
                (",", ",", "$,"),
                ("weil", "weil", "KOUS"),
                ("sie", "sie", "PPER"),
                ("kam", "kommen", "VVFIN"),
                (",", ",", "$,"),
                ("sich", "sich", "PRF"),
                ("vor", "vor", "PTKVZ"),
                (".", ".", "$."),
            ]
        )
    )
    assert doc._.expressions[0]["doc_tokens"] == [1, 8]


def test_one_word_particle_verbs():
    doc = separable_verbs(
        doc_of(
            [
                ("vorgeworfen", "vorwerfen", "VVPP"),
                ("zusammengezogen", "zusammenziehen", "VVPP"),
                ("aufzuwiegen", "aufwiegen", "VVIZU"),
                ("dauert", "dauern", "VVFIN"),
            ]
        )
    )
    assert [e["lemma"] for e in doc._.expressions] == ["vorwerfen", "zusammenziehen", "aufwiegen"]
    assert doc[0]._.gloss == "to reproach"


def test_inseparable_reading_of_ambiguous_prefix_is_left_alone():
    assert split_particle_verb("unterstützen", "unterstützt") is None
    assert split_particle_verb("unterbringen", "untergebracht") == ("unter", "bringen")
    assert split_particle_verb("vollziehen", "vollzogen") is None
    assert split_particle_verb("volltanken", "vollgetankt") == ("voll", "tanken")


def test_reflexive_verb_needs_reflexive_entry_and_pronoun_in_clause():
    rows = [
        ("Sie", "sie", "PPER"),
        ("konzentriert", "konzentrieren", "VVFIN"),
        ("sich", "sich", "PRF"),
        (".", ".", "$."),
    ]
    doc = reflexive_verbs(separable_verbs(doc_of(rows)))
    assert doc._.expressions == [
        {
            "type": "reflexive_verb",
            "doc_tokens": [1, 2],
            "lemma": "sich konzentrieren",
            "gloss": "to concentrate",
        }
    ]
    not_reflexive = reflexive_verbs(
        doc_of(
            [
                ("Er", "er", "PPER"),
                ("sah", "sehen", "VVFIN"),
                ("sich", "sich", "PRF"),
                (".", ".", "$."),
            ]
        )
    )
    assert not_reflexive._.expressions == []


def test_expressions_land_in_their_sentence_with_sentence_indices():
    result = annotate_text("Es regnet. Er stellte sie gestern vor.", LEXICON)
    second = result["sentences"][1]
    assert second["expressions"][0]["type"] == "separable_verb"
    assert second["expressions"][0]["tokens"] == [1, 4]
    assert [second["tokens"][i]["lemma"] for i in (1, 4)] == ["vorstellen", "vorstellen"]
    assert second["tokens"][1]["word_lemma"] == "stellen"
    assert second["tokens"][4]["gloss"] == "to introduce"


def test_separable_verb_the_dictionary_lacks_shows_its_word_formation_gloss_in_its_note():
    # Ding has rücken but not heranrücken: the verb's gloss comes from its parts, and the
    # grammar note of the separable verb shows the same.
    lexicon = MemoryLexicon([LexEntry("rücken", "VERB", ("to move",))])
    result = annotate_text("Die Truppen wollen näher heranrücken.", lexicon)
    sentence = result["sentences"][0]
    (expression,) = sentence["expressions"]
    (token,) = (sentence["tokens"][i] for i in expression["tokens"])
    assert expression["lemma"] == "heranrücken"
    assert token["gloss"] == "heranrücken: heran- (closer, up to) + rücken: to move"
    assert expression["gloss"] == token["gloss"]


def test_clause_final_adverb_particle_joins_when_dictionary_has_the_verb():
    lexicon = MemoryLexicon([LexEntry("herausstellen", "VERB", ("to turn out",))])
    rows = [
        ("Es", "es", "PPER"),
        ("stellte", "stellen", "VVFIN"),
        ("sich", "sich", "PRF"),
        ("heraus", "heraus", "ADV"),
        (".", ".", "$."),
    ]
    doc = separable_verbs(doc_of(rows, lexicon))
    assert [e["lemma"] for e in doc._.expressions] == ["herausstellen"]
    unknown = separable_verbs(doc_of(rows, MemoryLexicon()))
    assert unknown._.expressions == []


def test_rare_particle_verb_is_joined_but_not_a_parseme_expression():
    lexicon = MemoryLexicon(
        [
            LexEntry("anfangen", "VERB", ("to begin",)),
            LexEntry("zurückreichen", "VERB", ("to go back",)),
        ]
    )
    common = separable_verbs(doc_of([("fing", "fangen", "VVFIN"), ("an", "an", "PTKVZ")], lexicon))
    rare = separable_verbs(
        doc_of([("reicht", "reichen", "VVFIN"), ("zurück", "zurück", "PTKVZ")], lexicon)
    )
    assert common._.expressions[0]["transparent"] is False
    assert rare._.expressions[0]["lemma"] == "zurückreichen"
    assert rare._.expressions[0]["transparent"] is True


def test_verb_known_only_as_reflexive_keeps_its_dictionary_sense():
    lexicon = MemoryLexicon(
        [
            LexEntry("abspielen", "NOUN", ("playback",)),
            LexEntry("abspielen", "VERB", ("to happen",), reflexive=True),
            LexEntry("spielen", "VERB", ("to play",)),
        ]
    )
    doc = separable_verbs(
        doc_of(
            [
                ("was", "was", "PWS"),
                ("sich", "sich", "PRF"),
                ("dort", "dort", "ADV"),
                ("abspielt", "abspielen", "VVFIN"),
            ],
            lexicon,
        )
    )
    assert doc._.expressions[0]["gloss"] == "to happen"
    assert doc._.expressions[0]["transparent"] is False


def test_adverb_particle_before_extraposed_comparison_or_phrase_joins():
    lexicon = MemoryLexicon(
        [
            LexEntry("herausstellen", "VERB", ("to turn out",)),
            LexEntry("zusammensetzen", "VERB", ("to be composed of",)),
            LexEntry("zusammenarbeiten", "VERB", ("to work together",)),
        ]
    )
    turned_out = separable_verbs(
        doc_of(
            [
                ("Es", "es", "PPER"),
                ("stellte", "stellen", "VVFIN"),
                ("sich", "sich", "PRF"),
                ("als", "als", "KOKOM"),
                ("teurer", "teuer", "ADJD"),
                ("heraus", "heraus", "ADV"),
                ("als", "als", "KOKOM"),
                ("gedacht", "denken", "VVPP"),
                (".", ".", "$."),
            ],
            lexicon,
        )
    )
    composed = separable_verbs(
        doc_of(
            [
                ("Der", "der", "ART"),
                ("Chor", "Chor", "NN"),
                ("setzt", "setzen", "VVFIN"),
                ("sich", "sich", "PRF"),
                ("zusammen", "zusammen", "ADV"),
                ("aus", "aus", "APPR"),
                ("Laien", "Laie", "NN"),
                (".", ".", "$."),
            ],
            lexicon,
        )
    )
    together_with = separable_verbs(
        doc_of(
            [
                ("Sie", "sie", "PPER"),
                ("arbeitet", "arbeiten", "VVFIN"),
                ("zusammen", "zusammen", "ADV"),
                ("mit", "mit", "APPR"),
                ("ihm", "er", "PPER"),
                (".", ".", "$."),
            ],
            lexicon,
        )
    )
    together_into = separable_verbs(
        doc_of(
            [
                ("Wir", "wir", "PPER"),
                ("setzen", "setzen", "VVFIN"),
                ("zusammen", "zusammen", "ADV"),
                ("in", "in", "APPR"),
                ("See", "See", "NN"),
                (".", ".", "$."),
            ],
            lexicon,
        )
    )
    assert [e["doc_tokens"] for e in turned_out._.expressions] == [[1, 5]]
    assert [e["lemma"] for e in composed._.expressions] == ["zusammensetzen"]
    assert together_with._.expressions == []
    assert together_into._.expressions == []


def test_participle_tagged_adjective_is_a_verb_next_to_haben_or_werden():
    lexicon = MemoryLexicon(
        [
            LexEntry("anfangen", "VERB", ("to begin",)),
            LexEntry("fangen", "VERB", ("to catch",)),
            LexEntry("ausschließen", "VERB", ("to exclude",)),
            LexEntry("schließen", "VERB", ("to close",)),
        ]
    )
    perfect = separable_verbs(
        doc_of(
            [
                ("Sie", "sie", "PPER"),
                ("hat", "haben", "VAFIN"),
                ("angefangen", "angefangen", "ADJD"),
                ("zu", "zu", "PTKZU"),
                ("lesen", "lesen", "VVINF"),
                (".", ".", "$."),
            ],
            lexicon,
        )
    )
    adjective = separable_verbs(
        doc_of(
            [
                ("Das", "der", "PDS"),
                ("ist", "sein", "VAFIN"),
                ("ausgeschlossen", "ausgeschlossen", "ADJD"),
                (".", ".", "$."),
            ],
            lexicon,
        )
    )
    adverb = separable_verbs(
        doc_of(
            [
                ("Sie", "sie", "PPER"),
                ("hat", "haben", "VAFIN"),
                ("ausgeschlossen", "ausgeschlossen", "ADJD"),
                ("gut", "gut", "ADJD"),
                ("gespielt", "spielen", "VVPP"),
                (".", ".", "$."),
            ],
            lexicon,
        )
    )
    assert [e["lemma"] for e in perfect._.expressions] == ["anfangen"]
    assert perfect[2]._.verb_lemma == "anfangen"
    assert adjective._.expressions == []
    assert adverb._.expressions == []


def test_postposition_particle_verb_is_joined_but_compositional():
    lexicon = MemoryLexicon(
        [
            LexEntry("gegenüberstehen", "VERB", ("to face",)),
            LexEntry("stehen", "VERB", ("to stand",)),
        ]
    )
    doc = separable_verbs(
        doc_of(
            [
                ("Er", "er", "PPER"),
                ("steht", "stehen", "VVFIN"),
                ("ihr", "sie", "PPER"),
                ("gegenüber", "gegenüber", "PTKVZ"),
                (".", ".", "$."),
            ],
            lexicon,
        )
    )
    assert doc._.expressions[0]["lemma"] == "gegenüberstehen"
    assert doc[1]._.gloss == "to face"
    assert doc._.expressions[0]["transparent"] is True


def test_adjective_particle_counts_as_lexicalised_only_when_written_as_one_word():
    lexicon = MemoryLexicon(
        [
            LexEntry("stellen", "VERB", ("to put",)),
            LexEntry("fertigstellen", "VERB", ("to complete",)),
            LexEntry("feststellen", "VERB", ("to find",)),
        ]
    )
    one_word = separable_verbs(
        doc_of(
            [
                ("um", "um", "KOUI"),
                ("es", "es", "PPER"),
                ("fertigzustellen", "fertigstellen", "VVIZU"),
            ],
            lexicon,
        )
    )
    apart = separable_verbs(
        doc_of(
            [
                ("Sie", "sie", "PPER"),
                ("stellte", "stellen", "VVFIN"),
                ("es", "es", "PPER"),
                ("fest", "fest", "PTKVZ"),
                (".", ".", "$."),
            ],
            lexicon,
        )
    )
    # fertigstellen is rarer than once per million words, yet lexicalised by its spelling.
    assert one_word._.expressions[0]["transparent"] is False
    assert apart._.expressions[0]["lemma"] == "feststellen"
    assert apart._.expressions[0]["transparent"] is True


def test_mit_verb_is_compositional_while_it_keeps_its_base_verbs_meaning():
    lexicon = MemoryLexicon(
        [
            LexEntry("bringen", "VERB", ("to bring sb./sth.", "to take sb./sth.")),
            LexEntry("mitbringen", "VERB", ("to bring sth. along",)),
            LexEntry("teilen", "VERB", ("to share", "to divide sth.")),
            LexEntry("mitteilen", "VERB", ("to inform sb.", "to communicate")),
        ]
    )
    brought = separable_verbs(
        doc_of([("brachte", "bringen", "VVFIN"), ("mit", "mit", "PTKVZ")], lexicon)
    )
    informed = separable_verbs(
        doc_of([("teilte", "teilen", "VVFIN"), ("mit", "mit", "PTKVZ")], lexicon)
    )
    assert brought._.expressions[0]["transparent"] is True
    assert informed._.expressions[0]["lemma"] == "mitteilen"
    assert informed._.expressions[0]["transparent"] is False


def test_particle_after_sein_haben_werden_joins_only_a_dictionary_verb():
    lexicon = MemoryLexicon([LexEntry("vorhaben", "VERB", ("to plan",))])
    plan = separable_verbs(
        doc_of(
            [
                ("Sie", "sie", "PPER"),
                ("hat", "haben", "VAFIN"),
                ("etwas", "etwas", "PIS"),
                ("vor", "vor", "PTKVZ"),
                (".", ".", "$."),
            ],
            lexicon,
        )
    )
    predicate = separable_verbs(
        doc_of(
            [
                ("Er", "er", "PPER"),
                ("ist", "sein", "VAFIN"),
                ("weiter", "weiter", "PTKVZ"),
                (".", ".", "$."),
            ],
            lexicon,
        )
    )
    assert [e["lemma"] for e in plan._.expressions] == ["vorhaben"]
    assert predicate._.expressions == []
    assert predicate[1]._.verb_lemma is None
