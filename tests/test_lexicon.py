"""DbLexicon over the sample dictionary (tests/fixtures/ding_sample.txt)."""

import pytest

from lexicon.database import CHUNK_SIZE, DbLexicon
from lexicon.models import Entry, Idiom, Sense, Source
from nlp.lexicon import IdiomEntry, LexEntry, Lexicon


@pytest.fixture
def lexicon(sample_lexicon) -> DbLexicon:
    return DbLexicon()


def test_db_lexicon_follows_the_pipeline_protocol(lexicon):
    def takes(lex: Lexicon) -> Lexicon:  # type-checked by mypy; at run time, by the names
        return lex

    for name in ("lookup_many", "lookup", "is_word", "idioms"):
        assert callable(getattr(takes(lexicon), name))


def test_lookup_many_gives_entries_with_grammar_and_glosses(lexicon):
    found = lexicon.lookup_many(["Haubitze", "Raketenwerfer", "Werfer"])
    assert set(found) == {"haubitze", "raketenwerfer", "werfer"}
    haubitze = found["haubitze"][0]
    assert haubitze == LexEntry(
        lemma="Haubitze",
        pos="NOUN",
        glosses=("howitzer",),
        gender="f",
        plural="Haubitzen",
        reflexive=False,
        source="ding",
        # The importer has put the senses in a learner's order (order_senses).
        ranked=True,
        # The line's subject label, which the article's topic is matched against.
        contexts=(("howitzer", "#mil."),),
    )
    # Ding's everyday line first, the [sport] and [mil.] lines after.
    assert found["werfer"][0].glosses == ("thrower", "pitcher", "launcher")


def test_lookup_many_asks_the_database_once_for_a_document(lexicon, django_assert_num_queries):
    words = ["Haubitze", "Rakete", "Geschütz", "vorstellen", "gut", "Unbekanntwort"]
    with django_assert_num_queries(1):
        found = lexicon.lookup_many(words)
    assert "unbekanntwort" not in found and len(found) == 5


def test_lookup_many_chunks_long_lists_and_fetches_senses_only_for_words_found(
    lexicon, django_assert_num_queries
):
    words = [f"Wort{i}" for i in range(CHUNK_SIZE * 2 + 10)] + ["Haubitze"]
    # three index-only chunks to see which keys exist, one query for the one that does
    with django_assert_num_queries(4):
        found = lexicon.lookup_many(words)
    assert list(found) == ["haubitze"]


def test_repeated_lookups_come_from_the_cache(lexicon, django_assert_num_queries):
    lexicon.lookup_many(["Haubitze", "Nichtda"])
    with django_assert_num_queries(0):
        assert lexicon.lookup("haubitze").lemma == "Haubitze"
        assert not lexicon.is_word("Nichtda")


def test_a_new_lexicon_sees_a_teachers_correction_first(lexicon):
    lexicon.lookup_many(["Haubitze"])
    teacher = Entry.objects.create(
        headword="Haubitze", key="haubitze", pos="NOUN", gender="f", source=Source.TEACHER
    )
    Sense.objects.create(entry=teacher, gloss="howitzer (a short cannon)", source=Source.TEACHER)
    entries = DbLexicon().lookup_many(["Haubitze"])["haubitze"]
    assert [e.source for e in entries] == ["teacher", "ding"]
    assert DbLexicon().lookup("Haubitze", "NOUN").glosses == ("howitzer (a short cannon)",)


def test_article_and_frame_free_headwords_are_found(lexicon):
    assert lexicon.lookup("Polizei").glosses[0] == "the police"
    assert lexicon.lookup("verzichten", "VERB").glosses[0] == "to do without sth."
    assert lexicon.is_word("Argusaugen")


def test_reflexive_and_plain_verbs_are_separate_entries(lexicon):
    entries = lexicon.lookup_many(["konzentrieren"])["konzentrieren"]
    assert {e.reflexive for e in entries} == {True, False}
    reflexive = next(e for e in entries if e.reflexive)
    assert reflexive.glosses[0].startswith("to concentrate")
    vorstellen = [e for e in lexicon.lookup_many(["vorstellen"])["vorstellen"] if not e.reflexive]
    assert vorstellen[0].glosses[0] == "to present"


def test_spelling_decides_between_noun_and_function_word(lexicon):
    assert lexicon.lookup_many(["aber"])["aber"][0].pos == "CCONJ"
    assert lexicon.lookup_many(["Aber"])["aber"][0].pos == "NOUN"
    assert lexicon.lookup("gut", "ADV").glosses[0] == "well"


def test_unreduced_plural_finds_the_singular(lexicon):
    entry = lexicon.lookup("Haubitzen")
    assert entry is not None and entry.lemma == "Haubitze" and entry.glosses == ("howitzer",)
    # A headword wins over a plural that is spelt the same.
    assert lexicon.lookup("Werfer").lemma == "Werfer"


def test_homographs_keep_their_gender(lexicon):
    entries = lexicon.lookup_many(["See"])["see"]
    assert {(e.gender, e.glosses[0]) for e in entries} == {("m", "lake"), ("f", "sea")}


def test_senses_are_capped(sample_lexicon):
    assert DbLexicon(max_senses=1).lookup("Werfer").glosses == ("thrower",)


def test_empty_and_blank_lemmas_are_ignored(lexicon, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert lexicon.lookup_many(["", "  "]) == {}


def test_idioms_are_the_selected_ones_best_first(lexicon):
    idioms = lexicon.idioms()
    assert all(isinstance(i, IdiomEntry) for i in idioms)
    phrases = [i.phrase for i in idioms]
    assert "mit dem Säbel rasseln" in phrases
    assert "Eine Hand wäscht die andere." in phrases
    assert "einen Apfel schälen" not in phrases
    # One entry per phrase: our curated wording, if the curated list has it, wins over Ding's.
    assert phrases.count("mit dem Säbel rasseln") == 1
    saebel = next(i for i in idioms if i.phrase == "mit dem Säbel rasseln")
    assert saebel.meaning.startswith("to rattle the sabre")
    proverb = next(i for i in idioms if i.phrase == "Eine Hand wäscht die andere.")
    assert proverb.kind == "proverb"
    ranks = [i.extra["rank"] for i in idioms if i.source == "ding"]
    assert ranks == sorted(ranks)


def test_teacher_idiom_comes_first_and_changes_the_idioms_key(lexicon):
    before = lexicon.idioms_key
    Idiom.objects.create(
        phrase="auf dem Papier",
        key="auf dem papier",
        meaning="on paper (in theory, not in practice)",
        kind="idiom",
        selected=True,
        source=Source.TEACHER,
    )
    fresh = DbLexicon()
    assert fresh.idioms_key != before
    assert fresh.idioms()[0].phrase == "auf dem Papier"


def test_empty_database_gives_no_entries_and_no_ding_idioms(db):
    lexicon = DbLexicon()
    assert lexicon.lookup_many(["Haubitze"]) == {}
    assert all(i.source != "ding" for i in lexicon.idioms())


def test_hand_written_senses_keep_their_place_before_dictionary_ones(lexicon):
    from nlp.glosses import entry_senses

    # core_glosses.tsv: "stellen  VERB  to put; to place; to stand" ahead of Ding's senses,
    # which the ranking would otherwise reorder by how common their English words are.
    stellen = next(e for e in lexicon.lookup_many(["stellen"])["stellen"] if not e.reflexive)
    assert stellen.fixed == 3 and stellen.glosses[:3] == ("to put", "to place", "to stand")
    assert entry_senses(stellen)[:3] == ["to put", "to place", "to stand"]
    # The homograph without the core sense among its own keeps Ding's senses, all ranked.
    sea = next(e for e in lexicon.lookup_many(["See"])["see"] if e.gender == "f")
    assert sea.fixed == 0


def test_a_multiword_adverb_is_served_from_dings_phrase_rows(db):
    for meaning, rank in (("to remain", 1), ("still", 2), ("still; as before", 3)):
        Idiom.objects.create(
            phrase="nach wie vor",
            key="nach wie vor",
            meaning=meaning,
            kind="phrase",
            selected=False,
            source=Source.DING,
            rank=rank,
        )
    entry = DbLexicon().lookup_many(["nach wie vor"])["nach wie vor"][0]
    # A verb's sense glosses no adverb: "to remain" is left out, the rows' senses once each.
    assert (entry.pos, entry.glosses) == ("ADV", ("still", "as before"))
