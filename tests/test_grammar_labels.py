from reader.grammar_labels import noun_headline, plural_suffix, pos_label


def test_noun_headline_shows_article_and_plural_suffix():
    assert noun_headline("Haubitze", "f", "Haubitzen") == "die Haubitze, -n"
    assert noun_headline("Geschütz", "n", "Geschütze") == "das Geschütz, -e"


def test_umlaut_plurals_use_dictionary_shorthand():
    assert plural_suffix("Haus", "Häuser") == "¨-er"
    assert plural_suffix("Lehrer", "Lehrer") == "-"
    assert plural_suffix("Museum", "Museen") == "Museen"


def test_noun_without_gender_is_just_the_lemma():
    assert noun_headline("Kursk", None, None) == "Kursk"


def test_verb_labels_say_tense_in_plain_english():
    assert pos_label("VERB", "VVFIN", "Mood=Ind|Tense=Past|VerbForm=Fin") == "verb, past tense"
    assert pos_label("VERB", "VVPP", "VerbForm=Part") == "verb, past participle"
    assert pos_label("VERB", "VVIZU", "VerbForm=Inf") == "verb, infinitive with zu"


def test_names_and_plural_nouns():
    assert pos_label("PROPN", "NE", "") == "name"
    assert pos_label("NOUN", "NN", "Case=Nom|Number=Plur") == "noun, plural"
