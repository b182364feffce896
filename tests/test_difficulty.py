"""The article's estimated level (reader/difficulty.py): what counts as a rare word, and that
plainer texts rate lower than denser ones."""

from nlp.document import Annotation, Token
from nlp.pipeline import annotate_text
from reader.difficulty import difficulty_score, estimate_cefr, is_rare


def word(text, lemma, upos="NOUN", compound=None):
    return Token.from_json({"text": text, "lemma": lemma, "upos": upos, "compound": compound})


def compound(text, lemma, *parts):
    """A noun split as the pipeline splits it: parts as (form in the word, lemma)."""
    return word(text, lemma, compound=[{"part": p, "lemma": p_lemma} for p, p_lemma in parts])


def test_a_common_word_is_not_rare_and_an_uncommon_one_is():
    assert not is_rare(word("Regierung", "Regierung"))
    assert is_rare(word("Haubitzen", "Haubitze"))


def test_a_compound_of_common_parts_is_not_rare_though_the_compound_itself_is():
    assert is_rare(word("Grenzregion", "Grenzregion"))
    assert not is_rare(
        compound("Grenzregion", "Grenzregion", ("Grenz", "Grenze"), ("region", "Region"))
    )
    assert is_rare(word("Kriegsvorbereitungen", "Kriegsvorbereitung"))
    assert not is_rare(
        compound(
            "Kriegsvorbereitungen",
            "Kriegsvorbereitung",
            ("Kriegs", "Krieg"),
            ("vorbereitungen", "Vorbereitung"),
        )
    )


def test_a_compound_with_a_rare_part_is_rare():
    assert is_rare(
        compound(
            "Haubitzenstellung",
            "Haubitzenstellung",
            ("Haubitzen", "Haubitze"),
            ("stellung", "Stellung"),
        )
    )


def test_a_verb_is_as_common_as_the_form_in_the_text():
    # wordfreq counts forms: the participle of "ankündigen" is far commoner than its infinitive.
    assert not is_rare(word("angekündigt", "ankündigen", upos="VERB"))


def test_a_text_without_words_has_no_level():
    assert difficulty_score(Annotation(sentences=())) is None
    assert estimate_cefr(Annotation(sentences=())) == ""


GRADED_READER = (
    "Anna wohnt in Berlin. Sie hat einen kleinen Hund. Der Hund heißt Max. "
    "Am Morgen geht Anna mit Max in den Park. Dann trinkt sie einen Kaffee. "
    "Sie arbeitet in einer Schule. Die Kinder mögen Anna sehr."
)
NEWS = (
    "Die Regierung hat am Montag angekündigt, die umstrittene Reform des Rentensystems trotz "
    "erheblicher Proteste der Gewerkschaften noch vor der parlamentarischen Sommerpause "
    "verabschieden zu wollen. Kritiker bemängeln, dass die vorgesehenen Übergangsfristen "
    "insbesondere Geringverdiener unverhältnismäßig belasteten und die demografischen "
    "Verwerfungen lediglich in die Zukunft verschöben. Der Finanzminister wies diese "
    "Einschätzung zurück und verwies auf die angespannte Haushaltslage."
)


def test_a_graded_reader_rates_lower_than_a_news_report():
    easy = Annotation.from_json(annotate_text(GRADED_READER))
    hard = Annotation.from_json(annotate_text(NEWS))
    assert difficulty_score(easy) < difficulty_score(hard)
    assert estimate_cefr(easy) in {"A2", "B1"}
    assert estimate_cefr(hard) in {"C1", "C2"}
