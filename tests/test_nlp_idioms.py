"""Idiom matching on hand-built spaCy Docs (lemmas and STTS tags set by hand, no tagger)."""

import pytest
import spacy
from spacy.tokens import Doc

from nlp.idiom_matching import IdiomMatcher, Tok, parseme_category
from nlp.idiom_patterns import compile_idiom, split_particle
from nlp.idioms import IdiomsComponent
from nlp.lexicon import IdiomEntry

UPOS = {
    "NN": "NOUN",
    "NE": "PROPN",
    "ART": "DET",
    "APPR": "ADP",
    "APPRART": "ADP",
    "ADJA": "ADJ",
    "ADJD": "ADJ",
    "ADV": "ADV",
    "VVFIN": "VERB",
    "VVPP": "VERB",
    "VVINF": "VERB",
    "VVIZU": "VERB",
    "VAFIN": "AUX",
    "VMFIN": "AUX",
    "VAINF": "AUX",
    "PTKVZ": "ADP",
    "PPER": "PRON",
    "PRF": "PRON",
    "PIS": "PRON",
    "PPOSAT": "DET",
    "KOUS": "SCONJ",
    "KON": "CCONJ",
    "$,": "PUNCT",
    "$.": "PUNCT",
    "$(": "PUNCT",
    "PTKZU": "PART",
    "PTKNEG": "PART",
    "PRELS": "PRON",
    "PIAT": "DET",
    "PAV": "ADV",
}

SEED_IDIOMS = [
    IdiomEntry("jdn. mit Argusaugen beobachten", "to watch sb. like a hawk"),
    IdiomEntry("Eine Hand wäscht die andere.", "one good turn deserves another", kind="proverb"),
    IdiomEntry("mit dem Säbel rasseln", "to rattle the sabre"),
    IdiomEntry("schwere Geschütze auffahren", "to bring out the big guns"),
    IdiomEntry("ins Bild passen", "to fit the picture"),
    IdiomEntry("auf dem Papier", "on paper, in theory"),
    IdiomEntry("etw. in Frage stellen", "to call sth. into question", kind="light_verb"),
    IdiomEntry("eine Rolle spielen", "to play a part, to matter", kind="light_verb"),
    IdiomEntry("sich die Hände in Unschuld waschen", "to wash one's hands of sth."),
]


def make_doc(*sentences: str) -> Doc:
    """Each sentence is "form/lemma/TAG form/lemma/TAG ..."; tokens are space separated."""
    nlp = spacy.blank("de")
    words, lemmas, tags, pos, starts = [], [], [], [], []
    for sentence in sentences:
        for n, item in enumerate(sentence.split()):
            form, lemma, tag = item.rsplit("/", 2)
            words.append(form)
            lemmas.append(lemma)
            tags.append(tag)
            pos.append(UPOS.get(tag, "X"))
            starts.append(n == 0)
    return Doc(nlp.vocab, words=words, lemmas=lemmas, tags=tags, pos=pos, sent_starts=starts)


@pytest.fixture(scope="module")
def component():
    return IdiomsComponent(idioms=SEED_IDIOMS)


def phrases(component, *sentences):
    doc = component(make_doc(*sentences))
    return {(e["lemma"], tuple(doc[i].text for i in e["doc_tokens"])) for e in doc._.expressions}


def lemmas_found(component, *sentences):
    return {lemma for lemma, _ in phrases(component, *sentences)}


def test_argusaugen_matches_with_another_verb_in_the_passive(component):
    found = phrases(
        component,
        "Von/von/APPR Brüssel/Brüssel/NE wird/werden/VAFIN die/der/ART "
        "Achse/Achse/NN mit/mit/APPR Argusaugen/Argusauge/NN betrachtet/betrachten/VVPP ./././$.",
    )
    assert ("jdn. mit Argusaugen beobachten", ("mit", "Argusaugen", "betrachtet")) in found


def test_hand_washes_the_other_with_an_inserted_adjective_and_verb_last(component):
    found = phrases(
        component,
        "dass/dass/KOUS eine/ein/ART autoritäre/autoritär/ADJA Hand/Hand/NN "
        "die/der/ART andere/ander/PIS wäscht/waschen/VVFIN ./././$.",
    )
    assert ("Eine Hand wäscht die andere.", ("eine", "Hand", "die", "andere", "wäscht")) in found


def test_sabre_rattling_with_an_adverb_inserted(component):
    found = phrases(
        component,
        "Kim/Kim/NE rasselt/rasseln/VVFIN kräftig/kräftig/ADJD mit/mit/APPR "
        "dem/der/ART Säbel/Säbel/NN",
    )
    assert ("mit dem Säbel rasseln", ("rasselt", "mit", "dem", "Säbel")) in found


def test_big_guns_with_split_particle_and_a_different_adjective(component):
    found = phrases(
        component,
        "Zudem/zudem/ADV fährt/fahren/VVFIN der/der/ART konservative/konservativ/ADJA "
        "Hardliner/Hardliner/NN harte/hart/ADJA Geschütze/Geschütz/NN "
        "gegenüber/gegenüber/APPR Kim/Kim/NE auf/auf/PTKVZ :/:/$.",
    )
    assert ("schwere Geschütze auffahren", ("fährt", "Geschütze", "auf")) in found


def test_big_guns_when_the_pipeline_already_joined_the_particle(component):
    found = lemmas_found(
        component,
        "Er/er/PPER fährt/auffahren/VVFIN schwere/schwer/ADJA "
        "Geschütze/Geschütz/NN auf/auf/PTKVZ ./././$.",
    )
    assert "schwere Geschütze auffahren" in found


def test_fits_the_picture_after_the_verb(component):
    found = phrases(
        component,
        "Da/da/ADV passt/passen/VVFIN nur/nur/ADV ins/in/APPRART Bild/Bild/NN "
        ",/,/$, was/was/PRELS die/der/ART EU/EU/NE festgestellt/feststellen/VVPP hat/haben/VAFIN",
    )
    assert ("ins Bild passen", ("passt", "ins", "Bild")) in found


def test_on_paper_as_a_bare_prepositional_phrase(component):
    found = phrases(
        component,
        "Auf/auf/APPR dem/der/ART Papier/Papier/NN zumindest/zumindest/ADV "
        "haben/haben/VAFIN sie/sie/PPER unterzeichnet/unterzeichnen/VVPP ./././$.",
    )
    assert ("auf dem Papier", ("Auf", "dem", "Papier")) in found


def test_washing_ones_hands_is_not_one_good_turn(component):
    assert (
        lemmas_found(
            component,
            "Er/er/PPER wäscht/waschen/VVFIN sich/er/PRF die/der/ART Hände/Hand/NN ./././$.",
        )
        == set()
    )


def test_a_picture_on_the_wall_does_not_fit_the_picture(component):
    assert (
        lemmas_found(
            component,
            "Das/der/ART Bild/Bild/NN hängt/hängen/VVFIN an/an/APPR "
            "der/der/ART Wand/Wand/NN ./././$.",
        )
        == set()
    )


def test_a_noun_alone_is_no_idiom(component):
    assert (
        lemmas_found(
            component,
            "Der/der/ART Säbel/Säbel/NN hängt/hängen/VVFIN im/in/APPRART Museum/Museum/NN ./././$.",
            "Die/der/ART Geschütze/Geschütz/NN waren/sein/VAFIN schwer/schwer/ADJD ./././$.",
        )
        == set()
    )


def test_driving_up_without_guns_is_not_the_idiom(component):
    assert (
        lemmas_found(
            component,
            "Der/der/ART Wagen/Wagen/NN fährt/fahren/VVFIN vor/vor/APPR "
            "dem/der/ART Haus/Haus/NN auf/auf/PTKVZ ./././$.",
        )
        == set()
    )


def test_preposition_must_lead_its_noun_phrase(component):
    # Bild and passen and "in" occur, but "in" belongs to another phrase.
    assert "ins Bild passen" not in lemmas_found(
        component,
        "Das/der/ART Bild/Bild/NN passt/passen/VVFIN gut/gut/ADJD in/in/APPR "
        "den/der/ART Raum/Raum/NN ./././$.",
    )


def test_words_of_an_idiom_must_share_a_clause(component):
    assert "mit dem Säbel rasseln" not in lemmas_found(
        component,
        "Er/er/PPER kämpfte/kämpfen/VVFIN mit/mit/APPR dem/der/ART Säbel/Säbel/NN "
        ",/,/$, während/während/KOUS die/der/ART Ketten/Kette/NN rasselten/rasseln/VVFIN ./././$.",
    )


def test_reordered_light_verb_construction_with_zu_infinitive(component):
    found = {
        (e["lemma"], e["type"])
        for e in component(
            make_doc(
                "Niemand/niemand/PIS wagt/wagen/VVFIN ,/,/$, seine/sein/PPOSAT Integrität/Integrität/NN "  # noqa: E501
                "in/in/APPR Frage/Frage/NN zu/zu/PTKZU stellen/stellen/VVINF ./././$."
            )
        )._.expressions
    }
    assert ("etw. in Frage stellen", "light_verb") in found


def test_negated_light_verb_is_the_same_expression(component):
    doc = component(
        make_doc(
            "Der/der/ART Preis/Preis/NN spielt/spielen/VVFIN keine/kein/PIAT "
            "Rolle/Rolle/NN ./././$."
        )
    )
    (expr,) = doc._.expressions
    assert expr["lemma"] == "eine Rolle spielen"
    assert expr["type"] == "light_verb"
    assert [doc[i].text for i in expr["doc_tokens"]] == ["spielt", "keine", "Rolle"]
    assert expr["core_tokens"] == [2, 4]


def test_reflexive_idiom_takes_sich_along(component):
    found = phrases(
        component,
        "Der/der/ART Minister/Minister/NN wusch/waschen/VVFIN sich/er/PRF "
        "die/der/ART Hände/Hand/NN in/in/APPR Unschuld/Unschuld/NN ./././$.",
    )
    assert (
        "sich die Hände in Unschuld waschen",
        ("wusch", "sich", "die", "Hände", "in", "Unschuld"),
    ) in found


def test_token_indices_are_within_the_sentence(component):
    doc = component(
        make_doc(
            "Das/der/ART ist/sein/VAFIN gut/gut/ADJD ./././$.",
            "Kim/Kim/NE rasselt/rasseln/VVFIN mit/mit/APPR dem/der/ART Säbel/Säbel/NN ./././$.",
        )
    )
    (expr,) = doc._.expressions
    assert expr["sent"] == 1
    assert expr["tokens"] == [1, 2, 3, 4]
    assert expr["doc_tokens"] == [5, 6, 7, 8]
    assert expr["gloss"] == "to rattle the sabre"


def test_component_is_registered_with_spacy_and_takes_idioms_by_setter():
    nlp = spacy.blank("de")
    pipe = nlp.add_pipe("randnotiz_idioms")
    pipe.set_idioms(SEED_IDIOMS)
    doc = make_doc("Kim/Kim/NE rasselt/rasseln/VVFIN mit/mit/APPR dem/der/ART Säbel/Säbel/NN")
    doc = nlp.get_pipe("randnotiz_idioms")(doc)
    assert [e["lemma"] for e in doc._.expressions] == ["mit dem Säbel rasseln"]


def test_matcher_works_on_plain_tokens_without_spacy():
    matcher = IdiomMatcher(SEED_IDIOMS)
    toks = [
        Tok("Das", "der", "PDS"),
        Tok("passt", "passen", "VVFIN"),
        Tok("ins", "in", "APPRART"),
        Tok("Bild", "Bild", "NN"),
    ]
    (match,) = matcher.match_sentence(toks)
    assert match.pattern.phrase == "ins Bild passen"
    assert match.tokens == (1, 2, 3)


def test_patterns_are_anchored_on_their_rarest_word():
    pattern = compile_idiom(IdiomEntry("jdn. mit Argusaugen beobachten", "x"))
    assert pattern.elements[pattern.anchor].word == "Argusaugen"
    assert pattern.verb_optional
    assert not compile_idiom(IdiomEntry("mit dem Säbel rasseln", "x")).verb_optional


def test_single_content_word_without_preposition_is_not_compiled():
    assert compile_idiom(IdiomEntry("jdn. ärgern", "to annoy sb.")) is None


def test_separable_particles_are_split_from_their_verbs():
    assert split_particle("auffahren") == ("auf", "fahren")
    assert split_particle("beobachten") is None
    assert split_particle("antworten") is None


# --- choosing idioms from Ding ---------------------------------------------------------------

DING_LINES = [
    "Argusaugen {pl} | jdn. mit Argusaugen beobachten / etw. mit Argusaugen bewachen :: "
    "eagle-eyes | to watch sb./sth. like a hawk",
    "Säbel {m} [mil.] | Säbel {pl} | Kavalleriesäbel {m} | mit dem Säbel rasseln [übtr.] :: "
    "sabre [Br.] | sabres | cavalry sabre | to rattle the sabre [fig.]",
    "Eine Hand wäscht die andere. :: One hand washes the other.; One good turn deserves another.",
    "Der Apfel fällt nicht weit vom Stamm. [Sprw.] :: The apple does not fall far from the tree. [prov.]",  # noqa: E501
    "etw. in Frage stellen; infrage stellen (Sache) {vt} | in Frage stellend; infrage stellend | "
    "in Frage gestellt; infrage gestellt | Dieser Fall stellt die Sinnhaftigkeit des Gesetzes in "
    "Frage. :: to bring into question sth. | bringing into question | brought into question | "
    "This case calls the meaningfulness of the law into question.",
    "Es ist wichtig. :: It matters.",
    "Apfel {m} | Äpfel {pl} | einen Apfel schälen :: apple | apples | to peel an apple",
    "an jdm./etw. Kritik üben {vi} :: to criticise sb./sth.",
]


def selected(lines=DING_LINES, **kwargs):
    from lexicon.idiom_selection import select_idioms

    return {e.phrase: e for e in select_idioms(lines, **kwargs)}


def test_selection_keeps_figurative_proverbs_sayings_and_fixed_verb_phrases():
    found = selected()
    assert found["mit dem Säbel rasseln"].extra["rank"] == 0
    assert found["mit dem Säbel rasseln"].meaning == "to rattle the sabre"
    assert found["Der Apfel fällt nicht weit vom Stamm."].kind == "proverb"
    assert found["Eine Hand wäscht die andere."].kind == "proverb"
    assert "jdn. mit Argusaugen beobachten" in found
    assert found["etw. in Frage stellen"].kind == "light_verb"


def test_selection_drops_inflection_rows_examples_and_plain_phrases():
    found = selected()
    assert not {
        "in Frage stellend",
        "in Frage gestellt",
        "Dieser Fall stellt die Sinnhaftigkeit des Gesetzes in Frage.",
        "Es ist wichtig.",
        "einen Apfel schälen",
    } & set(found)


def test_selection_accepts_the_importers_parsed_records():
    from lexicon.idiom_selection import PhraseRecord, select_idioms

    records = [
        PhraseRecord("mit dem Säbel rasseln", "to rattle the sabre", sub_index=3, figurative=True),
        PhraseRecord("in Frage gestellt", "brought into question", sub_index=2),
    ]
    assert [e.phrase for e in select_idioms(records)] == ["mit dem Säbel rasseln"]


def test_line_noun_tie_goes_to_the_first_noun_written_in_every_process():
    # Ties were broken by a set's order, which changes with PYTHONHASHSEED: two imports of the
    # same Ding file could select different idioms.
    from lexicon.idiom_selection import PhraseRecord, _line_nouns

    records = [
        PhraseRecord("Zahn um Zahn und Auge um Auge", "a tooth for a tooth", line=7),
        PhraseRecord("Auge und Zahn zeigen", "to show eye and tooth", line=7),
    ]
    assert _line_nouns(records) == {7: "zahn"}


def test_selection_ranks_flagged_idioms_first():
    entries = list(selected().values())
    ranks = [e.extra["rank"] for e in entries]
    assert ranks == sorted(ranks)


def test_curated_list_is_large_compilable_and_has_the_seed_idioms():
    from lexicon.idiom_selection import load_curated

    curated = load_curated()
    assert len(curated) >= 150
    assert all(e.meaning and e.source == "curated" for e in curated)
    assert all(compile_idiom(e) is not None for e in curated)
    assert sum(e.kind == "light_verb" for e in curated) >= 50
    phrases = {e.phrase for e in curated}
    assert {
        "ins Bild passen",
        "auf dem Papier",
        "mit dem Säbel rasseln",
        "schwere Geschütze auffahren",
        "Eine Hand wäscht die andere.",
        "jdn. mit Argusaugen beobachten",
        "Kritik üben",
        "in Kraft treten",
    } <= phrases


def test_expletive_es_gibt_matches_in_both_word_orders():
    from lexicon.idiom_selection import load_curated

    matcher = IdiomMatcher(load_curated())
    for toks in (
        [Tok("Es", "es", "PPER"), Tok("gibt", "geben", "VVFIN"), Tok("Hoffnung", "Hoffnung", "NN")],
        [
            Tok("Heute", "heute", "ADV"),
            Tok("gibt", "geben", "VVFIN"),
            Tok("es", "es", "PPER"),
            Tok("Regen", "Regen", "NN"),
        ],
    ):
        assert [m.pattern.phrase for m in matcher.match_sentence(toks)] == ["es geben"]


def test_a_noun_inside_another_prepositional_phrase_is_not_the_idiom():
    matcher = IdiomMatcher([IdiomEntry("Glück haben", "to be lucky")])
    toks = [
        Tok("Sie", "sie", "PPER"),
        Tok("hat", "haben", "VAFIN"),
        Tok("zum", "zu", "APPRART"),
        Tok("Glück", "Glück", "NN"),
        Tok("Zeit", "Zeit", "NN"),
    ]
    assert matcher.match_sentence(toks) == []


def test_a_contraction_is_not_its_preposition_with_another_article():
    matcher = IdiomMatcher([IdiomEntry("ins Spiel kommen", "to come into play")])
    toks = [
        Tok("Er", "er", "PPER"),
        Tok("kam", "kommen", "VVFIN"),
        Tok("in", "in", "APPR"),
        Tok("den", "der", "ART"),
        Tok("Spielen", "Spiel", "NN"),
    ]
    assert matcher.match_sentence(toks) == []


@pytest.mark.parametrize(
    "sentence, phrase",
    [
        (
            "Von Brüssel bis nach Washington wird die Achse Pjöngjang-Moskau mit Argusaugen betrachtet .",  # noqa: E501
            "jdn. mit Argusaugen beobachten",
        ),
        (
            "Zwischen Moskau und Pjöngjang gilt also längst , dass eine autoritäre Hand die andere wäscht .",  # noqa: E501
            "Eine Hand wäscht die andere.",
        ),
        ("Kim Jong Un rasselt kräftig mit dem Säbel", "mit dem Säbel rasseln"),
        (
            "Zudem fährt der konservative Hardliner seinerseits harte Geschütze gegenüber Kim Jong Un auf :",  # noqa: E501
            "schwere Geschütze auffahren",
        ),
        (
            "Da passt nur ins Bild , was die EU am Montag nach ausgiebiger Prüfung festgestellt hat :",  # noqa: E501
            "ins Bild passen",
        ),
        (
            "Auf dem Papier zumindest haben er und Putin zuletzt eine Partnerschaft unterzeichnet .",  # noqa: E501
            "auf dem Papier",
        ),
    ],
)
def test_seed_article_idioms_with_real_tagger_lemmas(sentence, phrase):
    """HanTa's tags and lemmas (its own notation, ADJ(A)), not hand-made ones."""
    matcher = _curated_matcher()
    tagged = _hanta().tag_sent(sentence.split(), taglevel=1)
    found = [
        m.pattern.phrase
        for m in matcher.match_sentence([Tok(w, lemma, t) for w, lemma, t in tagged])
    ]
    assert phrase in found


_CACHE: dict = {}


def _hanta():
    if "hanta" not in _CACHE:
        from HanTa import HanoverTagger as ht

        _CACHE["hanta"] = ht.HanoverTagger("morphmodel_ger.pgz")
    return _CACHE["hanta"]


def _curated_matcher():
    if "matcher" not in _CACHE:
        from lexicon.idiom_selection import load_curated

        _CACHE["matcher"] = IdiomMatcher(load_curated())
    return _CACHE["matcher"]


def test_adjective_particle_tagged_as_adjective_joins_its_verb():
    matcher = _curated_matcher()
    toks = [
        Tok("Das", "der", "PDS"),
        Tok("stellte", "stellen", "VVFIN"),
        Tok("Rogan", "Rogan", "NE"),
        Tok("auch", "auch", "ADV"),
        Tok("klar", "klar", "ADJD"),
        Tok(".", ".", "$."),
    ]
    (match,) = matcher.match_sentence(toks)
    assert match.pattern.phrase == "klarstellen"
    assert match.core == (1, 4)
    # an adjective in the middle of the clause is no particle
    toks = [
        Tok("Er", "er", "PPER"),
        Tok("stellte", "stellen", "VVFIN"),
        Tok("klar", "klar", "ADJD"),
        Tok("formulierte", "formuliert", "ADJA"),
        Tok("Fragen", "Frage", "NN"),
        Tok(".", ".", "$."),
    ]
    assert [m.pattern.phrase for m in matcher.match_sentence(toks)] in ([], ["eine Frage stellen"])


def test_particle_mistagged_as_preposition_at_the_clause_end_still_counts(component):
    found = lemmas_found(
        component,
        "Zudem/zudem/PROAV fährt/fahren/VVFIN er/er/PPER harte/hart/ADJA Geschütze/Geschütz/NN "
        "gegenüber/gegenüber/APPR Kim/Kim/NE auf/auf/APPR :/:/$.",
    )
    assert "schwere Geschütze auffahren" in found


def test_seed_article_through_the_whole_pipeline_has_the_six_idioms():
    """annotate_text with the curated list: the idioms arrive in the annotation JSON, one
    expression each, with gloss and literal sense, indices within their sentence."""
    from pathlib import Path

    from lexicon.idiom_selection import load_curated
    from nlp.lexicon import MemoryLexicon
    from nlp.pipeline import annotate_text

    seed = Path(__file__).resolve().parent.parent / "seeds" / "000_nordkorea_kursk.txt"
    text = seed.read_text(encoding="utf-8").split("---\n", 1)[1]
    annotation = annotate_text(text, MemoryLexicon([], load_curated()))
    found = {}
    for sentence in annotation["sentences"]:
        for expr in sentence["expressions"]:
            if expr["type"] in {"idiom", "light_verb"}:
                words = [sentence["tokens"][i]["text"] for i in expr["tokens"]]
                found[expr["lemma"]] = (words, expr["gloss"], expr["literal"])
    assert found["jdn. mit Argusaugen beobachten"][0] == ["mit", "Argusaugen", "betrachtet"]
    assert found["Eine Hand wäscht die andere."][0] == ["eine", "Hand", "die", "andere", "wäscht"]
    assert found["mit dem Säbel rasseln"][0] == ["rasselt", "mit", "dem", "Säbel"]
    assert found["schwere Geschütze auffahren"][0] == ["fährt", "Geschütze", "auf"]
    assert found["ins Bild passen"][0] == ["passt", "ins", "Bild"]
    assert found["auf dem Papier"][0] == ["Auf", "dem", "Papier"]
    assert found["mit dem Säbel rasseln"][1].startswith("to rattle the sabre")
    assert found["mit dem Säbel rasseln"][2] == "to rattle with the sabre"


TAGS = [
    "NN",
    "NE",
    "ART",
    "APPR",
    "APPRART",
    "ADJA",
    "ADJD",
    "ADV",
    "VVFIN",
    "VVPP",
    "PTKVZ",
    "PPER",
    "PRF",
    "PPOSAT",
    "$,",
    "$.",
    "$(",
    "KOUS",
    "",
    "VV(FIN)",
]


def test_odd_input_never_crashes_and_indices_stay_in_the_sentence():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    matcher = _curated_matcher()
    words = st.sampled_from(
        [
            "es",
            "gibt",
            "Bild",
            "ins",
            "passt",
            "auf",
            "Papier",
            "dem",
            "sich",
            "Säbel",
            "mit",
            "",
            "A" * 80,
            "https://x.de/a?b=1",
            "Lehrer*innen",
            "HAND",
            "wäscht",
            "andere",
            "5km",
            "—",
            ",",
        ]
    )

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(words, words, st.sampled_from(TAGS)), max_size=25))
    def check(items):
        toks = [Tok(text, lemma, tag) for text, lemma, tag in items]
        for match in matcher.match_sentence(toks):
            assert all(0 <= i < len(toks) for i in match.tokens)
            assert set(match.core) <= set(match.tokens)

    check()


def _toks(text: str) -> list[Tok]:
    """Matcher tokens from "form/lemma/TAG ..." items."""
    return [Tok(*item.rsplit("/", 2)) for item in text.split()]


def _curated_phrases(text: str) -> list[str]:
    return [m.pattern.phrase for m in _curated_matcher().match_sentence(_toks(text))]


def test_general_news_idioms_match_in_passive_relative_clause_and_with_kein():
    assert "zur Verfügung stellen" in _curated_phrases(
        "Mittel/Mittel/NN wurden/werden/VAFIN den/der/ART Ländern/Land/NN zur/zu/APPRART "
        "Verfügung/Verfügung/NN gestellt/stellen/VVPP ./././$."
    )
    assert "Rechnung tragen" in _curated_phrases(
        "die/die/PRELS Regierung/Regierung/NN keine/kein/PIAT Rechnung/Rechnung/NN "
        "trug/tragen/VVFIN ./././$."
    )
    assert "ins Stocken geraten" in _curated_phrases(
        "die/die/PRELS ins/in/APPRART Stocken/Stocken/NN geraten/geraten/VVPP "
        "waren/sein/VAFIN ./././$."
    )


def test_a_curated_adjective_is_part_of_the_idiom():
    """die rote Karte zeigen: a map that shows the way is no red card."""
    assert "die rote Karte zeigen" in _curated_phrases(
        "Der/der/ART Schiedsrichter/Schiedsrichter/NN zeigte/zeigen/VVFIN ihm/er/PPER "
        "die/der/ART rote/rot/ADJA Karte/Karte/NN ./././$."
    )
    assert "die rote Karte zeigen" not in _curated_phrases(
        "Die/der/ART Karte/Karte/NN zeigte/zeigen/VVFIN den/der/ART Weg/Weg/NN ./././$."
    )


def test_zu_with_an_infinitive_is_part_of_the_idiom():
    assert _curated_phrases(
        "Das/der/PDS gibt/geben/VVFIN zu/zu/PTKZU denken/denken/VVINF ./././$."
    ) == ["zu denken geben"]


def test_a_full_verb_wins_over_the_auxiliary_beside_it():
    """das in Kraft getreten ist: in Kraft treten, not in Kraft sein."""
    assert _curated_phrases(
        "das/die/PRELS im/in/APPRART Januar/Januar/NN in/in/APPR Kraft/Kraft/NN "
        "getreten/treten/VVPP ist/sein/VAFIN ./././$."
    ) == ["in Kraft treten"]


def test_causative_light_verbs_are_labelled_lvc_cause():

    (match,) = _curated_matcher().match_sentence(
        _toks(
            "Das/der/PDS bringt/bringen/VVFIN Kinder/Kind/NN in/in/APPR Gefahr/Gefahr/NN ./././$."
        )
    )
    assert match.as_dict()["type"] == "light_verb"
    assert match.as_dict()["parseme"] == "LVC.cause"
    assert parseme_category(IdiomEntry("Kritik üben", "x", kind="light_verb")) == "LVC.full"


def test_ding_phrases_the_curated_list_calls_literal_are_not_selected():
    from lexicon.idiom_selection import literal_phrases, load_curated, select_idioms

    assert "auf dem weg sein" in literal_phrases()
    assert all(e.kind != "literal" for e in load_curated())
    assert [e.phrase for e in select_idioms(["die Zeche bezahlen [übtr.] :: to pay [fig.]"])] == [
        "die Zeche bezahlen"
    ]
    assert select_idioms(["am Ende sein [übtr.] :: to be exhausted [fig.]"]) == []


def test_a_singular_only_idiom_is_no_pile_of_bills():
    """die Rechnung bezahlen (sg=1): the price of a decision, not "Rechnungen bezahlt"."""
    assert "die Rechnung zahlen" in _curated_phrases(
        "Am/an/APPRART Ende/Ende/NN zahlen/zahlen/VVFIN die/der/ART Bürger/Bürger/NN "
        "die/der/ART Rechnung/Rechnung/NN ./././$."
    )
    assert (
        _curated_phrases(
            "Sie/sie/PPER haben/haben/VAFIN die/der/ART Rechnungen/Rechnung/NN "
            "bezahlt/bezahlen/VVPP ./././$."
        )
        == []
    )
