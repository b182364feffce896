"""The whole pipeline: annotate_text / annotate_sentences (nlp/pipeline.py)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp.lexicon import LexEntry, MemoryLexicon
from nlp.pipeline import (
    ANNOTATION_VERSION,
    annotate_sentences,
    annotate_text,
    get_nlp,
    split_chunks,
)

LEXICON = MemoryLexicon(
    [
        LexEntry("Haubitze", "NOUN", ("howitzer",), "f", "Haubitzen"),
        LexEntry("liefern", "VERB", ("to deliver", "to supply")),
        LexEntry("schwer", "ADJ", ("heavy",)),
        LexEntry("Geschütz", "NOUN", ("gun", "cannon"), "n", "Geschütze"),
    ]
)

ARTICLE = (
    "Seoul (taz) – Nordkorea liefert Haubitzen.\n"
    "\n"
    "Bericht: Nordkorea liefert schwere Geschütze\n"
    "Das 11. Korps hat 50.000 Mann. „Kommt ihr?“ Er kam.\n"
)


def rebuilt(annotation):
    return "".join(t["text"] + t["ws"] for s in annotation["sentences"] for t in s["tokens"])


def test_pipeline_is_built_once_with_components_in_order():
    assert get_nlp() is get_nlp()
    names = get_nlp().pipe_names
    assert names[:3] == ["randnotiz_sentences", "randnotiz_tagger", "randnotiz_lemmas"]
    assert names[-3:] == ["randnotiz_glosses", "randnotiz_compound_headlines", "randnotiz_nouns"]


def test_article_round_trip_paragraphs_headings_and_glosses():
    result = annotate_text(ARTICLE, LEXICON)
    assert result["version"] == ANNOTATION_VERSION
    assert rebuilt(result) == ARTICLE
    sents = result["sentences"]
    assert [(s["paragraph"], s["kind"]) for s in sents] == [
        (0, "text"),
        (1, "heading"),
        (2, "text"),
        (2, "text"),
        (2, "text"),
    ]
    haubitzen = next(t for s in sents for t in s["tokens"] if t["text"] == "Haubitzen")
    assert haubitzen["lemma"] == "Haubitze"
    assert haubitzen["gloss"] == "howitzer"
    assert (haubitzen["gender"], haubitzen["plural"]) == ("f", "Haubitzen")
    nordkorea = sents[0]["tokens"][5]
    assert nordkorea["upos"] == "PROPN" and nordkorea["gloss"] is None
    keys = {
        "text",
        "ws",
        "lemma",
        "upos",
        "xpos",
        "feats",
        "gloss",
        "compound",
        "gender",
        "plural",
        "senses",
    }
    assert all(set(t) == keys for s in sents for t in s["tokens"])
    assert all(s["expressions"] == [] or isinstance(s["expressions"], list) for s in sents)


def test_bad_input_never_crashes_and_round_trips():
    for text in [
        "",
        " ",
        "\n\n",
        "...!?",
        "😀😀 🇩🇪",
        "日本語のテキスト。",
        "<script>alert(1)</script>",
        "\n  Leading space and trailing \n",
        "x" * 100_000,
        "Lehrer*innen https://x.de/?a=1 12km",
    ]:
        result = annotate_text(text, LEXICON)
        assert rebuilt(result) == text


def test_long_text_is_cut_at_line_breaks_and_still_round_trips():
    text = "Er kam.\n  Sie ging.\n\n" * 50
    chunks = split_chunks(text, size=100)
    assert "".join(chunks) == text
    assert all(c.startswith(("Er", "Sie")) for c in chunks)
    assert len(chunks) > 5


def test_big_text_annotates_in_chunks():
    text = ("Die Haubitzen kamen gestern an. " * 30 + "\n") * 120  # ~115 kB, crosses a chunk
    result = annotate_text(text, LEXICON)
    assert rebuilt(result) == text
    assert result["sentences"][-1]["paragraph"] == 119


def test_presegmented_sentences_are_kept():
    sents = [["Er", "stellte", "Haubitzen", "vor", "."], ["Sie", "kam"]]
    result = annotate_sentences(sents, LEXICON)
    assert [[t["text"] for t in s["tokens"]] for s in result["sentences"]] == sents
    assert result["sentences"][0]["tokens"][2]["lemma"] == "Haubitze"


def test_empty_presegmented_input():
    assert annotate_sentences([], LEXICON)["sentences"] == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_random_unicode_never_crashes_and_round_trips(text):
    assert rebuilt(annotate_text(text, LEXICON)) == text


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.lists(
            st.text(min_size=1, max_size=12).filter(lambda w: w.strip() == w and w),
            min_size=1,
            max_size=8,
        ),
        max_size=4,
    )
)
def test_random_presegmented_input_keeps_tokens(sentences):
    result = annotate_sentences(sentences, LEXICON)
    assert [[t["text"] for t in s["tokens"]] for s in result["sentences"]] == sentences
