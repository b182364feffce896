"""Compound splitting (nlp/compounds.py and its neighbours) and `manage.py split_compounds`.

The dictionary here is a small word list of our own, with parts of speech as Ding gives them.
"""

import io

import pytest
import spacy
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from nlp.compound_annotator import make_compounds, named_by_form  # noqa: F401  (registers the factory)
from nlp.compound_candidates import candidate_substrings, vocabulary_for
from nlp.compound_vocabulary import Vocabulary
from nlp.compounds import Part, flat_parts, split_compound
from nlp.extensions import register_extensions
from nlp.lexicon import LexEntry, MemoryLexicon

WORDS = [
    ("mehr", "ADV"),
    ("mehrfach", "ADJ"),
    ("Fach", "NOUN"),
    ("Rakete", "NOUN"),
    ("Werfer", "NOUN"),
    ("Raketenwerfer", "NOUN"),
    ("Krieg", "NOUN"),
    ("Eintritt", "NOUN"),
    ("Tritt", "NOUN"),
    ("Sein", "NOUN"),
    ("sein", "VERB"),
    ("Artillerie", "NOUN"),
    ("Geschütz", "NOUN"),
    ("Schütze", "NOUN"),
    ("Art", "NOUN"),
    ("Haubitze", "NOUN"),
    ("Verstand", "NOUN"),
    ("Vers", "NOUN"),
    ("Tand", "NOUN"),
    ("Beamter", "NOUN"),
    ("Amt", "NOUN"),
    ("Bundestag", "NOUN"),
    ("Bund", "NOUN"),
    ("Tag", "NOUN"),
    ("Kamikaze", "NOUN"),
    ("Drohne", "NOUN"),
    ("Drohn", "NOUN"),
    ("Präsident", "NOUN"),
    ("Staat", "NOUN"),
    ("Moskau", "PROPN"),
    ("Buch", "NOUN"),
    ("Kiste", "NOUN"),
    ("Schule", "NOUN"),
    ("Bus", "NOUN"),
    ("schreiben", "VERB"),
    ("Tisch", "NOUN"),
    ("Mensch", "NOUN"),
    ("leer", "ADJ"),
    ("Umwelt", "NOUN"),
    ("freundlich", "ADJ"),
    ("Arbeit", "NOUN"),
    ("Samt", "NOUN"),
    ("samt", "ADP"),
    ("Verfassung", "NOUN"),
    ("Gericht", "NOUN"),
    ("Lehrer", "NOUN"),
    ("Wirtschaft", "NOUN"),
    ("Wirt", "NOUN"),
    ("Schaft", "NOUN"),
    ("Krise", "NOUN"),
    ("Hilfe", "NOUN"),
    ("Organisation", "NOUN"),
    ("Software", "NOUN"),
    ("Haus", "NOUN"),
    ("Partei", "NOUN"),
    ("Part", "NOUN"),
    ("Ei", "NOUN"),
    ("Schale", "NOUN"),
]


@pytest.fixture(scope="module")
def vocab():
    return Vocabulary(WORDS)


def lemmas(parts):
    """Every part down to the words (the full decomposition)."""
    return [p.lemma for p in flat_parts(parts)] if parts else None


def test_mehrfach_stays_one_part_while_raketenwerfer_splits(vocab):
    # mehrfach is an adjective: a noun (Fach) cannot be its head, so it is no mehr + Fach.
    assert lemmas(split_compound("Mehrfachraketenwerfer", vocab)) == [
        "mehrfach",
        "Rakete",
        "Werfer",
    ]


def test_parts_keep_linking_elements_as_written(vocab):
    parts = flat_parts(split_compound("Mehrfachraketenwerfer", vocab))
    assert [p.part for p in parts] == ["Mehrfach", "Raketen", "werfer"]
    assert parts[1].link == "n"


def test_a_known_part_is_one_immediate_part_with_its_split_one_level_down(vocab):
    # mehrfach + Raketenwerfer, not mehrfach + Rakete + Werfer: Raketenwerfer is a word, and
    # its own parts (spelt as that word) are one level down.
    parts = split_compound("Mehrfachraketenwerfer", vocab)
    assert [p.part for p in parts] == ["Mehrfach", "raketenwerfer"]
    assert "".join(p.part for p in parts) == "Mehrfachraketenwerfer"
    assert [(p.part, p.lemma, p.link) for p in parts[1].parts] == [
        ("Raketen", "Rakete", "n"),
        ("werfer", "Werfer", ""),
    ]


def test_fugen_s_kriegseintritt(vocab):
    assert split_compound("Kriegseintritt", vocab) == [
        Part("Kriegs", "Krieg", "s"),
        Part("eintritt", "Eintritt", ""),
    ]


def test_inflected_head_gets_its_lemma(vocab):
    assert lemmas(split_compound("Artilleriegeschütze", vocab)) == ["Artillerie", "Geschütz"]
    assert lemmas(split_compound("Artilleriegeschützen", vocab)) == ["Artillerie", "Geschütz"]


def test_tagger_lemma_names_the_head(vocab):
    parts = split_compound("Artilleriegeschütze", vocab, lemma="Artilleriegeschütz", pos="NOUN")
    assert parts[-1] == Part("geschütze", "Geschütz", "")


@pytest.mark.parametrize("word", ["Haubitze", "Haubitzen", "Verstand", "Beamter", "Bundestag"])
def test_simplex_and_lexicalised_words_stay_whole(vocab, word):
    assert split_compound(word, vocab) is None


def test_derivational_suffix_is_no_head(vocab):
    # Wirt+schaft is a derivation, Partei no Part + Ei.
    assert split_compound("Wirtschaft", vocab) is None
    assert split_compound("Partei", vocab) is None
    assert lemmas(split_compound("Wirtschaftskrise", vocab)) == ["Wirtschaft", "Krise"]


def test_frequent_parts_win_among_splits(vocab):
    assert lemmas(split_compound("Arbeitsamt", vocab)) == ["Arbeit", "Amt"]


def test_three_parts_and_other_fugen(vocab):
    assert lemmas(split_compound("Bundesverfassungsgericht", vocab)) == [
        "Bund",
        "Verfassung",
        "Gericht",
    ]
    assert lemmas(split_compound("Bücherkiste", vocab)) == ["Buch", "Kiste"]
    assert lemmas(split_compound("Schulbus", vocab)) == ["Schule", "Bus"]
    assert lemmas(split_compound("Schreibtisch", vocab)) == ["schreiben", "Tisch"]
    assert lemmas(split_compound("Hilfsorganisation", vocab)) == ["Hilfe", "Organisation"]
    assert lemmas(split_compound("Eierschale", vocab)) == ["Ei", "Schale"]


def test_adjective_compounds(vocab):
    assert lemmas(split_compound("menschenleer", vocab)) == ["Mensch", "leer"]
    assert lemmas(split_compound("umweltfreundliche", vocab, pos="ADJ")) == ["Umwelt", "freundlich"]


def test_hyphenated_forms(vocab):
    parts = split_compound("Kamikaze-Drohnen", vocab)
    assert parts == [Part("Kamikaze-", "Kamikaze", "-"), Part("Drohnen", "Drohne", "")]
    assert lemmas(split_compound("Pjöngjang-Moskau", vocab)) == ["Pjöngjang", "Moskau"]
    assert lemmas(split_compound("US-Präsident", vocab)) == ["US", "Präsident"]
    assert lemmas(split_compound("Nato-Staaten", vocab)) == ["Nato", "Staat"]
    assert lemmas(split_compound("Nato-Kriegseintritt", vocab)) == ["Nato", "Krieg", "Eintritt"]


@pytest.mark.parametrize(
    "word",
    [
        "x" * 80,
        "Kriegseintritt" * 6,  # 84 letters: beyond any real word
        "Lehrer*innen",
        "https://www.tagesschau.de/ausland",
        "info@example.org",
        "5km",
        "100-200",
        "E-Mail",
        "Ein-",
        "-",
        "--",
        "",
        "iPhone",
        "Software",
        "NATO",
        "Kriegs'eintritt",
    ],
)
def test_bad_input_gives_no_split_and_no_crash(vocab, word):
    assert split_compound(word, vocab) is None


def test_all_caps_headline_splits_into_written_parts(vocab):
    parts = split_compound("KRIEGSEINTRITT", vocab)
    assert [p.part for p in parts] == ["KRIEGS", "EINTRITT"]
    assert lemmas(parts) == ["Krieg", "Eintritt"]


def test_long_real_word_is_fast_and_sane(vocab):
    word = "Mehrfachraketenwerferartilleriegeschützkriegseintrittsbundesverfassungsgericht"
    parts = split_compound(word, vocab)
    assert "".join(p.part for p in parts) == word
    assert lemmas(parts)[-1] == "Gericht"


def test_plain_is_word_predicate_works(vocab):
    lexicon = MemoryLexicon([LexEntry(w, pos) for w, pos in WORDS])
    assert lemmas(split_compound("Kriegseintritt", lexicon.is_word)) == ["Krieg", "Eintritt"]
    assert split_compound("Haubitze", lexicon.is_word) is None


def test_plural_headwords_count_as_fugen(vocab):
    # Some lexicons list plural forms as words: Raketen is still Rakete + n.
    found = {
        "rakete": [LexEntry("Rakete", "NOUN", plural="Raketen")],
        "raketen": [LexEntry("Raketen", "NOUN")],
        "werfer": [LexEntry("Werfer", "NOUN")],
    }
    parts = split_compound("Raketenwerfer", Vocabulary.from_entries(found))
    assert parts[0] == Part("Raketen", "Rakete", "n")


def test_candidate_substrings_are_enough_to_split(vocab):
    # The pipeline fetches only these keys: splitting against them must give the same result.
    for word in [
        "Mehrfachraketenwerfer",
        "Kriegseintritt",
        "Artilleriegeschütze",
        "Schulbus",
        "Hilfsorganisation",
        "Kamikaze-Drohnen",
        "Haubitze",
    ]:
        keys = candidate_substrings(word)
        small = Vocabulary([(w, pos) for w, pos in WORDS if w.lower() in keys])
        assert split_compound(word, small) == split_compound(word, vocab), word


def test_vocabulary_for_fetches_in_rounds_and_splits_the_same(vocab):
    words = [
        "Mehrfachraketenwerfer",
        "Bundesverfassungsgericht",
        "Artilleriegeschütze",
        "Kamikaze-Drohnen",
        "Haubitze",
        "umweltfreundliche",
    ]
    lexicon = MemoryLexicon([LexEntry(w, pos) for w, pos in WORDS])
    calls = []

    def fetch(keys):
        calls.append(len(keys))
        return lexicon.lookup_many(keys)

    small = vocabulary_for([(w, None) for w in words], fetch)
    for word in words:
        assert split_compound(word, small) == split_compound(word, vocab), word
    all_keys = set().union(*(candidate_substrings(w) for w in words))
    assert 1 < len(calls) <= 8
    assert sum(calls) < len(all_keys) / 2


def test_component_sets_compound_with_glosses():
    register_extensions()
    nlp = spacy.blank("de")
    component = nlp.add_pipe("randnotiz_compounds")
    doc = Doc(
        nlp.vocab,
        words=["Der", "Kriegseintritt", "im", "Bundestag", "."],
        pos=["DET", "NOUN", "ADP", "PROPN", "PUNCT"],
    )
    doc._.lexicon = MemoryLexicon(
        [
            LexEntry("Krieg", "NOUN", ("war",)),
            LexEntry("Eintritt", "NOUN", ("entry",)),
            LexEntry("Bund", "NOUN", ("federation",)),
            LexEntry("Tag", "NOUN", ("day",)),
        ]
    )
    doc = component(doc)
    assert doc[1]._.compound == [
        {"part": "Kriegs", "lemma": "Krieg", "gloss": "war", "link": "s"},
        {"part": "eintritt", "lemma": "Eintritt", "gloss": "entry"},
    ]
    assert doc[3]._.compound is None  # a name stays whole


def test_component_splits_hyphenated_names_and_glosses_parts_by_their_pos():
    register_extensions()
    nlp = spacy.blank("de")
    component = nlp.add_pipe("randnotiz_compounds")
    doc = Doc(nlp.vocab, words=["Pjöngjang-Moskau", "Schreibtisch"], pos=["PROPN", "NOUN"])
    doc._.lexicon = MemoryLexicon(
        [
            LexEntry("Pjöngjang", "PROPN", ("Pyongyang",)),
            LexEntry("Moskau", "PROPN", ("Moscow",)),
            LexEntry("Schreiben", "NOUN", ("letter",)),
            LexEntry("schreiben", "VERB", ("to write",)),
            LexEntry("Tisch", "NOUN", ("table",)),
        ]
    )
    doc = component(doc)
    assert [p["gloss"] for p in doc[0]._.compound] == ["Pyongyang", "Moscow"]
    # Schreib- is the verb's stem: its gloss is the verb's, not the noun Schreiben's.
    assert doc[1]._.compound == [
        {"part": "Schreib", "lemma": "schreiben", "gloss": "to write"},
        {"part": "tisch", "lemma": "Tisch", "gloss": "table"},
    ]


@pytest.fixture
def wordlist(tmp_path):
    path = tmp_path / "words.tsv"
    path.write_text("\n".join(f"{w}\t{pos}" for w, pos in WORDS) + "\n", encoding="utf-8")
    return path


def test_split_compounds_command_end_to_end(tmp_path, wordlist):
    words = tmp_path / "in.txt"
    words.write_text(
        "Bücherkiste\nMehrfachraketenwerfer\nHaubitze\nKriegseintritt\nKamikaze-Drohnen\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("split_compounds", str(words), wordlist=str(wordlist), stdout=out)
    assert out.getvalue() == (
        "Bücherkiste\tBuch\tKiste\n"
        "Mehrfachraketenwerfer\tmehrfach\tRakete\tWerfer\n"
        "Haubitze\n"
        "Kriegseintritt\tKrieg\tEintritt\n"
        "Kamikaze-Drohnen\tKamikaze\tDrohne\n"
    )


def test_split_compounds_command_reads_stdin(monkeypatch, wordlist):
    monkeypatch.setattr("sys.stdin", io.StringIO("Schulbus\nLehrer*innen\n"))
    out = io.StringIO()
    call_command("split_compounds", "-", wordlist=str(wordlist), stdout=out)
    assert out.getvalue() == "Schulbus\tSchule\tBus\nLehrer*innen\n"


def test_split_compounds_command_uses_the_imported_dictionary(tmp_path, sample_lexicon):
    words = tmp_path / "in.txt"
    words.write_text(
        "Kriegseintritt\nRaketenwerfer\nArtilleriegeschütze\nHaubitze\nVerstand\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("split_compounds", str(words), lexicon="db", stdout=out)
    assert out.getvalue() == (
        "Kriegseintritt\tKrieg\tEintritt\n"
        "Raketenwerfer\tRakete\tWerfer\n"
        "Artilleriegeschütze\tArtillerie\tGeschütz\n"
        "Haubitze\n"
        "Verstand\n"
    )


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzäöüßABEKRSTÄÖÜ-*/.:0123456789 'é"),
        max_size=90,
    )
)
def test_any_string_splits_without_crash_into_parts_that_spell_it(word):
    vocab = Vocabulary(WORDS)
    parts = split_compound(word, vocab)
    if parts is not None:
        assert len(parts) >= 2
        assert "".join(p.part for p in parts) == word
        assert all(p.lemma for p in parts)


def test_an_adjective_spelt_like_the_stem_of_a_verb_in_common_use_is_the_verb():
    # reichte and gereicht are common, so Reichweite is how far something reaches, not a
    # "rich width"; weißte is rare, so Weißwein keeps the adjective.
    vocab = Vocabulary(
        [
            ("reich", "ADJ"),
            ("Reich", "NOUN"),
            ("reichen", "VERB"),
            ("Weite", "NOUN"),
            ("kühl", "ADJ"),
            ("Kühle", "NOUN"),
            ("kühlen", "VERB"),
            ("Schrank", "NOUN"),
            ("weiß", "ADJ"),
            ("Weiß", "NOUN"),
            ("weißen", "VERB"),
            ("Wein", "NOUN"),
        ]
    )
    assert lemmas(split_compound("Reichweite", vocab)) == ["reichen", "Weite"]
    assert lemmas(split_compound("Kühlschrank", vocab)) == ["kühlen", "Schrank"]
    assert lemmas(split_compound("Weißwein", vocab)) == ["weiß", "Wein"]


def test_people_and_adjectives_made_from_a_compound_name_stay_whole():
    vocab = Vocabulary(
        [
            ("Nordkorea", "NOUN"),
            ("Nord", "NOUN"),
            ("Korea", "PROPN"),
            ("koreanisch", "ADJ"),
            ("Koreaner", "NOUN"),
            ("Ausland", "NOUN"),
        ]
    )
    assert split_compound("nordkoreanischer", vocab, lemma="nordkoreanisch", pos="ADJ") is None
    assert split_compound("Nordkoreanerinnen", vocab) is None
    assert split_compound("Nordkoreaner", vocab) is None
    assert lemmas(split_compound("Auslandskoreaner", vocab)) == ["Ausland", "Koreaner"]


def test_vocabulary_for_asks_for_the_name_a_word_is_made_from():
    # The splitter needs to know Nordkorea even when the text has only Nordkoreaner.
    lexicon = MemoryLexicon(
        [
            LexEntry("Nordkorea", "NOUN"),
            LexEntry("Nord", "NOUN"),
            LexEntry("Koreaner", "NOUN"),
        ]
    )
    small = vocabulary_for([("Nordkoreaner", None)], lexicon.lookup_many)
    assert split_compound("Nordkoreaner", small) is None


def test_an_uninflected_headword_whose_head_is_a_verb_has_the_verb_as_a_noun():
    vocab = Vocabulary(
        [
            ("Säbelrasseln", "NOUN"),
            ("Säbel", "NOUN"),
            ("Rassel", "NOUN"),
            ("rasseln", "VERB"),
            ("Anlage", "NOUN"),
            ("Versuch", "NOUN"),
            ("versuchen", "VERB"),
        ]
    )
    parts = split_compound("Säbelrasseln", vocab, lemma="Säbelrasseln", pos="NOUN")
    assert parts[-1] == Part("rasseln", "Rasseln", "")
    # Without the tagger's word that it is uninflected, -n may be the plural (Rasseln).
    assert lemmas(split_compound("Säbelrasseln", vocab)) == ["Säbel", "Rassel"]
    # A plural that is no headword, which the tagger left as it is: the noun's plural.
    parts = split_compound("Anlagenversuchen", vocab, lemma="Anlagenversuchen", pos="NOUN")
    assert lemmas(parts) == ["Anlage", "Versuch"]


def test_zusammenhang_is_lexicalised_not_together_plus_slope():
    words = Vocabulary(
        [("zusammen", "ADV"), ("Hang", "NOUN"), ("hängen", "VERB"), ("Zusammenhang", "NOUN")]
    )
    assert split_compound("Zusammenhang", words) is None


def test_a_noun_the_dictionary_glosses_only_as_itself_is_a_name_and_no_head():
    # The imported dictionary has no place labels: Spree and Cher are nouns glossed as
    # themselves, and Sprecher must not become two rivers.
    vocab = Vocabulary.from_entries(
        {
            "spree": [LexEntry("Spree", "NOUN", ("Spree",), gender="f")],
            "cher": [LexEntry("Cher", "NOUN", ("Cher",), gender="m")],
            "sprecher": [LexEntry("Sprecher", "NOUN", ("spokesman", "speaker"), gender="m")],
            "regierung": [LexEntry("Regierung", "NOUN", ("government",), gender="f")],
            "bundesregierung": [
                LexEntry("Bundesregierung", "NOUN", ("Federal Government",), gender="f")
            ],
            "bund": [LexEntry("Bund", "NOUN", ("federation",), gender="m")],
        }
    )
    assert split_compound("Sprecher", vocab) is None
    assert lemmas(split_compound("Regierungssprecher", vocab)) == ["Regierung", "Sprecher"]
    assert lemmas(split_compound("Bundesregierung", vocab)) == ["Bund", "Regierung"]


def test_a_town_the_dictionary_lacks_stays_whole_while_a_known_noun_on_its_ending_splits():
    register_extensions()
    nlp = spacy.blank("de")
    component = nlp.add_pipe("randnotiz_compounds")
    words = ["Von", "Tannenhausen", "in", "die", "Hauptstadt", "und", "nach", "Kieselburg"]
    doc = Doc(
        nlp.vocab, words=words, pos=["ADP", "NOUN", "ADP", "DET", "NOUN", "CCONJ", "ADP", "NOUN"]
    )
    doc._.lexicon = MemoryLexicon(
        [
            LexEntry("Tanne", "NOUN", ("fir",)),
            LexEntry("Haus", "NOUN", ("house",)),
            LexEntry("Kiesel", "NOUN", ("pebble",)),
            LexEntry("Burg", "NOUN", ("castle",)),
            LexEntry("Haupt", "NOUN", ("head",)),
            LexEntry("Stadt", "NOUN", ("town",)),
            LexEntry("Hauptstadt", "NOUN", ("capital",)),
        ]
    )
    doc = component(doc)
    assert doc[1]._.compound is None  # not "fir + houses"
    assert doc[7]._.compound is None  # not "pebble + castle"
    # The dictionary's Hauptstadt is no town's name, though it ends like one.
    assert not named_by_form(doc[4], doc._.lex)
    assert named_by_form(doc[1], doc._.lex)
