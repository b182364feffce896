"""Clause boundaries (nlp/clauses.py), in sentences tagged by hand as `word/STTS`."""

from nlp.clauses import (
    annotate_clauses,
    clause_numbers,
    clause_span,
    clause_tokens,
    relative_antecedent,
)
from nlp.lexicon import MemoryLexicon
from tests.nlp_docs import doc_of


def clauses(tagged: str) -> list[str]:
    """The clauses of a tagged sentence, each as its words."""
    tokens = [tuple(spec.rsplit("/", 1)) + ("",) for spec in tagged.split()]
    found: dict[int, list[str]] = {}
    for (text, _, _), number in zip(tokens, clause_numbers(tokens), strict=True):
        if number >= 0:
            found.setdefault(number, []).append(text)
    return [" ".join(words) for words in found.values()]


def test_a_subordinate_clause_after_a_comma_is_a_clause_of_its_own():
    for conjunction in ("dass", "weil", "ob", "wenn"):
        sentence = (
            f"Sie/PPER fragt/VVFIN ,/$, {conjunction}/KOUS er/PPER morgen/ADV kommt/VVFIN ./$."
        )
        assert clauses(sentence) == ["Sie fragt", f"{conjunction} er morgen kommt"]


def test_a_subordinate_clause_in_front_ends_at_its_comma():
    assert clauses("Weil/KOUS es/PPER regnet/VVFIN ,/$, bleiben/VVFIN wir/PPER ./$.") == [
        "Weil es regnet",
        "bleiben wir",
    ]


def test_a_relative_clause_splits_its_host_in_two():
    assert clauses(
        "Das/ART Buch/NN ,/$, das/PRELS ich/PPER lese/VVFIN ,/$, ist/VAFIN lang/ADJD ./$."
    ) == ["Das Buch", "das ich lese", "ist lang"]


def test_a_relative_clause_after_a_preposition_keeps_it():
    assert clauses(
        "Das/PDS ist/VAFIN der/ART Ort/NN ,/$, an/APPR dem/PRELS sie/PPER wohnt/VVFIN"
    ) == [
        "Das ist der Ort",
        "an dem sie wohnt",
    ]


def test_und_before_a_new_finite_verb_starts_a_clause():
    assert clauses("Er/PPER kocht/VVFIN und/KON sie/PPER liest/VVFIN ./$.") == [
        "Er kocht",
        "und sie liest",
    ]
    assert clauses("Es/PPER ist/VAFIN spät/ADJD ,/$, aber/KON wir/PPER bleiben/VVFIN ./$.") == [
        "Es ist spät",
        "aber wir bleiben",
    ]


def test_und_between_words_of_one_clause_does_not_split_it():
    assert clauses("Sie/PPER kauft/VVFIN Brot/NN und/KON Käse/NN ./$.") == [
        "Sie kauft Brot und Käse"
    ]
    assert clauses("Er/PPER hat/VAFIN gelesen/VVPP und/KON geschrieben/VVPP ./$.") == [
        "Er hat gelesen und geschrieben"
    ]
    # Coordinated objects in front of the verb: the first "und" has no finite verb before it.
    assert clauses(
        "Brot/NN und/KON Käse/NN kauft/VVFIN sie/PPER und/KON dann/ADV geht/VVFIN sie/PPER"
    ) == ["Brot und Käse kauft sie", "und dann geht sie"]


def test_a_zu_infinitive_after_a_comma_is_a_clause():
    assert clauses("Sie/PPER versucht/VVFIN ,/$, das/ART Buch/NN zu/PTKZU lesen/VVINF ./$.") == [
        "Sie versucht",
        "das Buch zu lesen",
    ]
    assert clauses("Er/PPER kam/VVFIN ,/$, um/KOUI zu/PTKZU helfen/VVINF ./$.") == [
        "Er kam",
        "um zu helfen",
    ]


def test_quoted_speech_is_bounded_by_its_colon_and_comma_not_by_its_quotes():
    # STTS tags the colon $.
    assert clauses("Er/PPER sagte/VVFIN :/$. „/$( Wir/PPER kommen/VVFIN ./$. “/$(") == [
        "Er sagte",
        "„ Wir kommen",
        "“",
    ]
    assert clauses("„/$( Wir/PPER kommen/VVFIN “/$( ,/$, sagte/VVFIN sie/PPER ./$.") == [
        "„ Wir kommen “",
        "sagte sie",
    ]


def test_brackets_and_dashes_stay_inside_the_clause_they_interrupt():
    assert clauses(
        "Er/PPER hat/VAFIN sich/PRF –/$( wie/KOKOM erwartet/VVPP –/$( beworben/VVPP ./$."
    ) == ["Er hat sich – wie erwartet – beworben"]
    assert clauses("Der/ART Preis/NN (/$( in/APPR Euro/NN )/$( steigt/VVFIN ./$.") == [
        "Der Preis ( in Euro ) steigt"
    ]


def test_untagged_punctuation_is_known_by_its_universal_tag():
    tokens = [("Er", "", "PRON"), ("kam", "", "VERB"), (",", "", "PUNCT"), ("sie", "", "PRON")]
    assert clause_numbers(tokens) == [0, 0, -1, 1]


def test_the_doc_knows_each_tokens_clause_and_each_clauses_tokens():
    doc = doc_of(
        [
            ("Er", "er", "PPER"),
            ("bleibt", "bleiben", "VVFIN"),
            (",", ",", "$,"),
            ("weil", "weil", "KOUS"),
            ("es", "es", "PPER"),
            ("regnet", "regnen", "VVFIN"),
            (".", ".", "$."),
            ("Sie", "sie", "PPER"),
            ("geht", "gehen", "VVFIN"),
        ],
        MemoryLexicon(),
        sentence_starts=(0, 7),
    )
    annotate_clauses(doc)
    assert [t._.clause for t in doc] == [0, 0, -1, 1, 1, 1, -1, 2, 2]
    assert doc._.clauses == [(0, 2), (3, 6), (7, 9)]
    assert clause_span(doc[4]) == (3, 6)
    assert clause_tokens(doc[8]).text == "Sie geht"
    assert clause_span(doc[2]) == (2, 3)  # the comma between clauses


def test_a_hand_built_doc_gets_its_clauses_on_first_use():
    doc = doc_of([("Er", "er", "PPER"), ("kam", "kommen", "VVFIN")], MemoryLexicon())
    assert clause_tokens(doc[1]).text == "Er kam"


def test_a_relative_clause_stands_for_the_noun_before_its_comma():
    rows = [
        ("Die", "die", "ART", "DET"),
        ("Frau", "Frau", "NN", "NOUN"),
        (",", ",", "$,", "PUNCT"),
        ("mit", "mit", "APPR", "ADP"),
        ("der", "der", "PRELS", "PRON"),
        ("ich", "ich", "PPER", "PRON"),
        ("spreche", "sprechen", "VVFIN", "VERB"),
        (",", ",", "$,", "PUNCT"),
        ("lacht", "lachen", "VVFIN", "VERB"),
    ]
    doc = doc_of(rows, MemoryLexicon())
    assert relative_antecedent(doc[3]).text == "Frau"
    assert relative_antecedent(doc[8]) is None  # "lacht" opens no relative clause
