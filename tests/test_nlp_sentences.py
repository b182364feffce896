"""Paragraphs, subheadings and sentence boundaries (nlp/sentences.py)."""

import spacy
from spacy.tokens import Doc

from nlp.extensions import register_extensions
from nlp.sentences import segment

register_extensions()
VOCAB = spacy.blank("de").vocab


def sentences_of(words, spaces=None):
    doc = segment(Doc(VOCAB, words=words, spaces=spaces))
    return [[t.text for t in s if not t.is_space] for s in doc.sents], doc._.sentence_info


def test_full_stop_before_capital_starts_a_sentence():
    sents, _ = sentences_of(["Er", "kam", ".", "Dann", "ging", "er", "."])
    assert sents == [["Er", "kam", "."], ["Dann", "ging", "er", "."]]


def test_ordinal_and_thousands_are_no_sentence_end():
    # The German tokenizer keeps "11." and "50.000" whole; they must not end a sentence.
    sents, _ = sentences_of(["Das", "11.", "Korps", "hat", "50.000", "Mann", "."])
    assert len(sents) == 1


def test_abbreviation_before_noun_is_no_sentence_end():
    sents, _ = sentences_of(["Waffen", ",", "z.B.", "Raketen", ",", "kamen", "."])
    assert len(sents) == 1


def test_closing_quote_stays_with_its_sentence():
    words = ["„", "Kommst", "du", "?", "“", "Er", "nickte", "."]
    sents, _ = sentences_of(words, [False, True, False, False, True, True, False, False])
    assert sents == [["„", "Kommst", "du", "?", "“"], ["Er", "nickte", "."]]


def test_question_inside_quote_before_comma_continues_sentence():
    words = ["„", "Kommst", "du", "?", "“", ",", "fragte", "er", "."]
    sents, _ = sentences_of(words)
    assert len(sents) == 1


def test_dash_does_not_split():
    sents, _ = sentences_of(["Seoul", "–", "Dass", "er", "kam", ",", "ist", "klar", "."])
    assert len(sents) == 1


def test_each_line_is_a_paragraph_and_short_unpunctuated_line_a_heading():
    words = [
        "Ein",
        "Satz",
        ".",
        "\n\n",
        "Bericht",
        ":",
        "Neue",
        "Waffen",
        "\n",
        "Noch",
        "einer",
        ".",
    ]
    spaces = [True, False, False, False, False, True, True, False, False, True, False, False]
    doc = segment(Doc(VOCAB, words=words, spaces=spaces))
    assert doc._.sentence_info == [(0, 0, "text"), (4, 1, "heading"), (9, 2, "text")]
    # The newline belongs to the sentence before it, so sentences rebuild the text.
    assert [s.text_with_ws for s in doc.sents] == [
        "Ein Satz.\n\n",
        "Bericht: Neue Waffen\n",
        "Noch einer.",
    ]


def test_whitespace_only_doc_is_one_sentence():
    doc = segment(Doc(VOCAB, words=["  "], spaces=[False]))
    assert len(list(doc.sents)) == 1


def split_text(text):
    """Sentences of a real paragraph, tokenized as the pipeline does."""
    doc = segment(spacy.blank("de")(text))
    return [s.text.strip() for s in doc.sents]


def test_number_at_sentence_end_before_a_pronoun_ends_the_sentence():
    assert split_text("Die Mannschaft stand zuletzt auf Platz 12. Sie hofft auf mehr.") == [
        "Die Mannschaft stand zuletzt auf Platz 12.",
        "Sie hofft auf mehr.",
    ]


def test_number_at_sentence_end_before_an_article_conjunction_or_adverb_ends_it():
    for second in ("Der Zug fährt weiter.", "Aber niemand stieg aus.", "Dann kam der Bus."):
        assert len(split_text(f"Wir nahmen die Linie 7. {second}")) == 2


def test_ordinal_before_its_noun_or_month_stays_in_the_sentence():
    for text in (
        "Die Messe läuft vom 14. bis 18. Mai.",
        "Am Montag, 3. März, beginnt der Kurs.",
        "Am 3. Oktober feiert Deutschland.",
        "Sie wurde zum 2. Mal Meisterin.",
        "Der 19. Platz reichte nicht.",
        "Im 18. Jahrhundert wuchs die Stadt.",
        "Er feierte seinen 60. Geburtstag in Rom.",
        "Bis 31. März bleibt das Museum zu.",
    ):
        assert split_text(text) == [text]


def test_year_or_score_after_a_noun_ends_the_sentence_before_a_name():
    assert len(split_text("Das Werk schloss im Jahr 2014. Betriebsrat Weber war dagegen.")) == 2
    assert len(split_text("Das Spiel endete 3:1. Trainer Kurz lobte das Team.")) == 2
    assert len(split_text("Im Wald blühten 40, am Feldrand nur 12. Viele Arten fehlten.")) == 2


def test_numbered_list_item_keeps_its_number():
    assert split_text("4. Die Regeln gelten für alle.") == ["4. Die Regeln gelten für alle."]


def test_typewriter_quotes_open_and_close_sentences():
    assert split_text("Er schwieg. ``Wir warten.'' Dann ging er.") == [
        "Er schwieg.",
        "``Wir warten.''",
        "Dann ging er.",
    ]
