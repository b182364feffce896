from nlp.document import Annotation
from reader.notes import article_notes


def notes_for(stored):
    """The notes panel of an annotation as the pipeline stores it."""
    return article_notes(Annotation.from_stored(stored))


def tok(text, lemma, upos="NOUN", **extra):
    return {"text": text, "ws": " ", "lemma": lemma, "upos": upos, **extra}


ANNOTATION = {
    "sentences": [
        {
            "tokens": [
                tok("Er", "er", "PRON"),
                tok("stellte", "vorstellen", "VERB"),
                tok("die", "der", "DET"),
                tok(
                    "Mehrfachraketenwerfer",
                    "Mehrfachraketenwerfer",
                    compound=[
                        {"part": "Mehrfach", "lemma": "mehrfach", "gloss": "multiple"},
                        {"part": "raketen", "lemma": "Rakete", "gloss": "rocket"},
                        {"part": "werfer", "lemma": "Werfer", "gloss": "launcher"},
                    ],
                ),
                tok("vor", "vor", "ADP"),
            ],
            "expressions": [
                {
                    "type": "separable_verb",
                    "tokens": [1, 4],
                    "lemma": "vorstellen",
                    "gloss": "to present",
                }
            ],
        },
        {
            "tokens": [
                tok(
                    "Mehrfachraketenwerfer",
                    "Mehrfachraketenwerfer",
                    compound=[
                        {"part": "Mehrfach", "lemma": "mehrfach", "gloss": "multiple"},
                        {"part": "raketen", "lemma": "Rakete", "gloss": "rocket"},
                        {"part": "werfer", "lemma": "Werfer", "gloss": "launcher"},
                    ],
                )
            ],
            "expressions": [{"type": "idiom", "tokens": [0], "lemma": "x", "gloss": None}],
        },
    ]
}


def test_notes_come_in_reading_order_with_their_place_in_the_text():
    notes = notes_for(ANNOTATION)
    assert [(n["kind"], n["s"], n["t"]) for n in notes] == [
        ("separable_verb", 0, 1),
        ("compound", 0, 3),
        ("idiom", 1, 0),
    ]


def test_separable_verb_note_shows_the_split_words_with_an_ellipsis():
    note = notes_for(ANNOTATION)[0]
    assert note["words"] == "stellte … vor" and note["lemma"] == "vorstellen"


def test_a_compound_is_noted_once_with_its_parts_and_head():
    compound = [n for n in notes_for(ANNOTATION) if n["kind"] == "compound"]
    assert len(compound) == 1
    assert compound[0]["written"] == "Mehrfach|raketen|werfer"
    assert compound[0]["head_gloss"] == "launcher"


def test_no_annotation_no_notes():
    assert notes_for(None) == []


def test_a_repeated_compound_says_how_often_it_occurs():
    compound = next(n for n in notes_for(ANNOTATION) if n["kind"] == "compound")
    assert compound["count"] == 2 and (compound["s"], compound["t"]) == (0, 3)


def part(written, lemma, gloss):
    return {"part": written, "lemma": lemma, "gloss": gloss}


def compound_tok(text, *parts):
    return tok(text, text, compound=list(parts))


def compound_notes(*tokens):
    notes = notes_for({"sentences": [{"tokens": list(tokens)}]})
    return [n["words"] for n in notes if n["kind"] == "compound"]


def test_compounds_of_names_acronyms_and_numbers_are_left_to_the_popover():
    assert (
        compound_notes(
            compound_tok(
                "US-Präsident", part("US-", "US", None), part("Präsident", "Präsident", "president")
            ),
            compound_tok("Ostasien", part("Ost", "Ost", "east"), part("asien", "Asien", "Asia")),
            compound_tok(
                "Pjöngjang-Moskau",
                part("Pjöngjang-", "Pjöngjang", "Pyongyang"),
                part("Moskau", "Moskau", "Moscow"),
            ),
            compound_tok(
                "70-jährigen", part("70-", "70", None), part("jährigen", "jährig", "year-old")
            ),
            compound_tok(
                "nordkoreanischer",
                part("nord", "Nord", "north"),
                part("koreanischer", "koreanisch", "Korean"),
            ),
        )
        == []
    )


def test_a_name_with_a_real_compound_after_it_keeps_its_note():
    assert compound_notes(
        compound_tok(
            "US-Regierungsvertreter",
            part("US-", "US", None),
            part("Regierungs", "Regierung", "government"),
            part("vertreter", "Vertreter", "representative"),
        )
    ) == ["US-Regierungsvertreter"]


def test_compounds_an_english_reader_reads_unaided_are_left_out_but_not_false_friends():
    assert compound_notes(
        compound_tok(
            "Militärtechnologie",
            part("Militär", "Militär", "military"),
            part("technologie", "Technologie", "technology"),
        ),
        compound_tok(
            "Frontlinien", part("Front", "Front", "front"), part("linien", "Linie", "line")
        ),
        compound_tok(
            "Grenzregion", part("Grenz", "Grenze", "border"), part("region", "Region", "region")
        ),
        compound_tok("Giftgas", part("Gift", "Gift", "poison"), part("gas", "Gas", "gas")),
        compound_tok(
            "Sprengkopf",
            part("Spreng", "sprengen", "to blow sth. up"),
            part("kopf", "Kopf", "head"),
        ),
    ) == ["Grenzregion", "Giftgas", "Sprengkopf"]


def test_a_compound_left_out_is_not_noted_at_a_later_place_either():
    us = compound_tok(
        "US-Präsident", part("US-", "US", None), part("Präsident", "Präsident", "president")
    )
    assert compound_notes(us, dict(us)) == []


def test_the_same_words_read_as_two_kinds_of_expression_make_one_note():
    notes = notes_for(
        {
            "sentences": [
                {
                    "tokens": [
                        tok("Sie", "sie", "PRON"),
                        tok("stellten", "feststellen", "VERB"),
                        tok("fest", "fest", "ADP"),
                    ],
                    "expressions": [
                        {
                            "type": "separable_verb",
                            "tokens": [1, 2],
                            "lemma": "feststellen",
                            "gloss": None,
                        },
                        {
                            "type": "idiom",
                            "tokens": [2, 1],
                            "lemma": "feststellen",
                            "gloss": "to ascertain",
                        },
                    ],
                }
            ]
        }
    )
    assert [(n["kind"], n["words"], n["gloss"]) for n in notes] == [
        ("separable_verb", "stellten fest", "to ascertain")
    ]


def test_a_word_for_word_compound_whose_whole_means_something_else_keeps_its_note():
    notes = notes_for(
        {
            "sentences": [
                {
                    "tokens": [
                        tok(
                            "Lichtmaschine",
                            "Lichtmaschine",
                            gloss="alternator",
                            compound=[
                                part("Licht", "Licht", "light"),
                                part("maschine", "Maschine", "machine"),
                            ],
                        ),
                        tok(
                            "Militärtechnologie",
                            "Militärtechnologie",
                            gloss="technology",  # the head's, lent by the glosser
                            compound=[
                                part("Militär", "Militär", "military"),
                                part("technologie", "Technologie", "technology"),
                            ],
                        ),
                    ]
                }
            ]
        }
    )
    assert [n["words"] for n in notes] == ["Lichtmaschine"]


def test_a_capitalised_common_noun_gloss_is_no_name():
    assert compound_notes(
        compound_tok(
            "Jalousienschrank",
            part("Jalousien", "Jalousie", "Venetian blind"),
            part("schrank", "Schrank", "cupboard"),
        ),
        compound_tok(
            "Nordkorea-Bedrohung",
            part("Nordkorea-", "Nordkorea", "North Korea"),
            part("Bedrohung", "Bedrohung", "threat"),
        ),
    ) == ["Jalousienschrank"]
