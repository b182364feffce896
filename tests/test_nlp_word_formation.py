"""German word formation proposals (nlp/word_formation.py)."""

from nlp.word_formation import number_word_gloss, participle_infinitives, place_bases


def test_participles_propose_their_infinitives():
    assert "liefern" in participle_infinitives("geliefert")
    assert "einsetzen" in participle_infinitives("eingesetzt")
    assert "waschen" in participle_infinitives("gewaschen")
    assert "erscheinen" in participle_infinitives("erschienen")
    assert "nennen" in participle_infinitives("genannt")
    assert "adressieren" in participle_infinitives("adressiert")
    assert participle_infinitives("bellend") == ["bellen"]
    assert participle_infinitives("handelnd") == ["handeln"]


def test_adjective_in_t_without_prefix_is_no_participle():
    assert participle_infinitives("dicht") == []


def test_place_adjective_bases():
    assert "München" in place_bases("Münchner")
    assert "Bonn" in place_bases("Bonner")
    assert "Göttingen" in place_bases("Göttinger")
    assert "Münster" in place_bases("Münsteraner")
    assert "Lippe" in place_bases("lippisch")


def test_number_words():
    assert number_word_gloss("siebt") == "seventh"
    assert number_word_gloss("dreiminütig") == "three-minute; lasting three minutes"
    assert number_word_gloss("60er") == "(the) 60s"
    assert number_word_gloss("Kampf") is None
