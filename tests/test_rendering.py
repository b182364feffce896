import pickle

from nlp.document import Annotation
from reader.rendering import (
    WordSlot,
    reading_blocks,
    reading_html,
    reading_segments,
    statuses_joined,
    word_details,
)


def tok(text, lemma, upos, ws=" ", **extra):
    return {"text": text, "ws": ws, "lemma": lemma, "upos": upos, "xpos": "", "feats": "", **extra}


ANNOTATION = Annotation.from_json(
    {
        "version": 1,
        "sentences": [
            {
                "paragraph": 0,
                "kind": "heading",
                "tokens": [tok("Haubitzen", "Haubitze", "NOUN", "\n\n")],
                "expressions": [],
            },
            {
                "paragraph": 1,
                "kind": "text",
                "expressions": [
                    {
                        "type": "separable_verb",
                        "tokens": [1, 4],
                        "lemma": "vorstellen",
                        "gloss": "to present",
                    }
                ],
                "tokens": [
                    tok("Kim", "Kim", "PROPN"),
                    tok("stellte", "stellen", "VERB"),
                    tok("<script>", "<script>", "NOUN", gloss="a script"),
                    tok("50", "50", "NUM"),
                    tok("vor", "vor", "ADP", ""),
                    tok(".", ".", "PUNCT", ""),
                ],
            },
        ],
    }
)


def test_headings_and_paragraphs_become_blocks():
    blocks = reading_blocks(ANNOTATION)
    assert [b.kind for b in blocks] == ["heading", "paragraph"]


def test_markup_in_article_text_is_escaped():
    html = reading_blocks(ANNOTATION)[1].html
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_numbers_and_punctuation_get_no_popover_but_words_do():
    html = reading_blocks(ANNOTATION)[1].html
    assert 'data-t="3"' not in html and 'data-t="5"' not in html
    assert 'data-t="1"' in html and 'data-t="0"' in html


def test_separable_verb_parts_share_a_link_id():
    html = reading_blocks(ANNOTATION)[1].html
    assert html.count('data-x="1-0"') == 2
    assert 'class="w sep st-new"' in html


def test_known_words_are_marked_known():
    html = reading_blocks(ANNOTATION, {"stellen": "known"})[1].html
    assert "st-known" in html


def test_segments_joined_with_statuses_are_the_pages_markup():
    segments = reading_segments(ANNOTATION)
    for statuses in ({}, {"stellen": "known"}, {"kim": "learning", "stellen": "known"}):
        assert statuses_joined(segments, statuses) == reading_html(
            reading_blocks(ANNOTATION, statuses)
        )


def test_each_word_has_a_slot_named_by_its_status_key_and_nothing_else_has():
    slots = [s for s in reading_segments(ANNOTATION) if isinstance(s, WordSlot)]
    assert [s.key for s in slots] == [
        t.key for _, _, t in ANNOTATION.tokens() if t.text not in {"50", "."}
    ]
    assert slots[0].before == '<span class="w ' and 'data-s="0"' in slots[0].after


def test_segments_survive_pickling_for_any_cache_backend():
    segments = reading_segments(ANNOTATION)
    assert pickle.loads(pickle.dumps(segments)) == segments


def test_popover_details_for_a_noun_show_article_and_plural():
    annotation = {
        "sentences": [
            {
                "tokens": [
                    tok(
                        "Haubitzen",
                        "Haubitze",
                        "NOUN",
                        gender="f",
                        plural="Haubitzen",
                        gloss="howitzer",
                        feats="Number=Plur",
                    )
                ],
                "expressions": [],
            }
        ]
    }
    word = word_details(Annotation.from_json(annotation), 0, 0)
    assert word["headline"] == "die Haubitze, -n"
    assert word["senses"] == ["howitzer"]
    assert word["pos"] == "noun, plural"


def test_popover_for_a_name_has_no_gloss():
    word = word_details(ANNOTATION, 1, 0)
    assert word["is_name"] and word["senses"] == []


def test_popover_lists_the_expression_a_word_belongs_to():
    word = word_details(ANNOTATION, 1, 4)
    assert word["expressions"][0]["lemma"] == "vorstellen"
    assert word["expressions"][0]["words"] == "stellte … vor"
    assert word["expressions"][0]["label"] == "Separable verb"


def test_out_of_range_word_is_none():
    assert word_details(ANNOTATION, 5, 0) is None
    assert word_details(ANNOTATION, 1, 99) is None


def test_noun_in_its_dictionary_plural_form_is_labelled_plural_without_tagger_features():
    annotation = {
        "sentences": [
            {
                "tokens": [
                    tok(
                        "Geschütze", "Geschütz", "NOUN", gender="n", plural="Geschütze", gloss="gun"
                    )
                ],
                "expressions": [],
            }
        ]
    }
    assert word_details(Annotation.from_json(annotation), 0, 0)["pos"] == "noun, plural"
