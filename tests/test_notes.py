from reader.notes import article_notes


def tok(text, lemma, upos="NOUN", **extra):
    return {"text": text, "ws": " ", "lemma": lemma, "upos": upos, **extra}


ANNOTATION = {"sentences": [
    {"tokens": [tok("Er", "er", "PRON"), tok("stellte", "vorstellen", "VERB"), tok("die", "der", "DET"),
                tok("Mehrfachraketenwerfer", "Mehrfachraketenwerfer", compound=[
                    {"part": "Mehrfach", "lemma": "mehrfach", "gloss": "multiple"},
                    {"part": "raketen", "lemma": "Rakete", "gloss": "rocket"},
                    {"part": "werfer", "lemma": "Werfer", "gloss": "launcher"}]),
                tok("vor", "vor", "ADP")],
     "expressions": [{"type": "separable_verb", "tokens": [1, 4], "lemma": "vorstellen", "gloss": "to present"}]},
    {"tokens": [tok("Mehrfachraketenwerfer", "Mehrfachraketenwerfer", compound=[
                    {"part": "Mehrfach", "lemma": "mehrfach", "gloss": "multiple"},
                    {"part": "raketen", "lemma": "Rakete", "gloss": "rocket"},
                    {"part": "werfer", "lemma": "Werfer", "gloss": "launcher"}])],
     "expressions": [{"type": "idiom", "tokens": [0], "lemma": "x", "gloss": None}]},
]}


def test_notes_come_in_reading_order_with_their_place_in_the_text():
    notes = article_notes(ANNOTATION)
    assert [(n["kind"], n["s"], n["t"]) for n in notes] == [
        ("separable_verb", 0, 1), ("compound", 0, 3), ("idiom", 1, 0)]


def test_separable_verb_note_shows_the_split_words_with_an_ellipsis():
    note = article_notes(ANNOTATION)[0]
    assert note["words"] == "stellte … vor" and note["lemma"] == "vorstellen"


def test_a_compound_is_noted_once_with_its_parts_and_head():
    compound = [n for n in article_notes(ANNOTATION) if n["kind"] == "compound"]
    assert len(compound) == 1
    assert compound[0]["written"] == "Mehrfach|raketen|werfer"
    assert compound[0]["head_gloss"] == "launcher"


def test_no_annotation_no_notes():
    assert article_notes(None) == []
