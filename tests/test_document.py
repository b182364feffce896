"""The typed annotation document (nlp/document.py) reads the stored JSON as it is."""

import dataclasses
import json
from pathlib import Path

import pytest

from nlp.document import Annotation, Token

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name", ["seed_article", "quiz_article", "quiz_dateline"])
def test_stored_annotations_read_and_write_back_unchanged(name):
    stored = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    assert Annotation.from_json(stored).to_json() == stored


def test_the_seed_is_typed_all_the_way_down():
    stored = json.loads((GOLDEN / "seed_article.json").read_text(encoding="utf-8"))
    document = Annotation.from_json(stored)
    assert document.version == stored["version"]
    compound = next(t for _, _, t in document.tokens() if t.compound)
    assert compound.compound[0].part and compound.compound[0].lemma
    separable = next(x for s in document.sentences for x in s.expressions)
    assert isinstance(separable.tokens, tuple)
    # Nothing decoded carries a key the classes do not know: all of it is typed.
    assert not any(t.extra for _, _, t in document.tokens())
    assert not any(x.extra for s in document.sentences for x in s.expressions)


def test_keys_a_later_pipeline_adds_are_kept():
    stored = {
        "version": 99,
        "sentences": [
            {
                "paragraph": 0,
                "kind": "text",
                "clause": [0],
                "tokens": [{"text": "Ja", "lemma": "ja", "stress": 1}],
                "expressions": [{"type": "idiom", "tokens": [0], "lemma": "ja", "x": 1}],
            }
        ],
    }
    written = Annotation.from_json(stored).to_json()
    assert written["sentences"][0]["clause"] == [0]
    assert written["sentences"][0]["tokens"][0]["stress"] == 1
    assert written["sentences"][0]["expressions"][0]["x"] == 1


def test_an_older_annotation_without_newer_keys_reads_with_defaults():
    document = Annotation.from_json(
        {"sentences": [{"tokens": [{"text": "Haus", "lemma": "Haus", "upos": "NOUN"}]}]}
    )
    token = document.token(0, 0)
    assert (token.gender, token.plural, token.senses, token.compound) == (None, None, None, None)
    assert document.sentences[0].paragraph == 0 and document.sentences[0].expressions == ()
    assert document.token(0, 1) is None and document.token(1, 0) is None


def test_the_word_key_is_the_case_folded_lemma_or_text():
    assert Token(text="Haubitzen", lemma="Haubitze").key == "haubitze"
    assert Token(text="Kursk").key == "kursk"


def test_a_decoded_document_cannot_be_changed_in_place():
    token = Token(text="Haus")
    with pytest.raises(dataclasses.FrozenInstanceError):
        token.gloss = "house"
