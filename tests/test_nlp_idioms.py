"""Idiom matching on hand-built spaCy Docs (lemmas and STTS tags set by hand, no tagger)."""

import pytest
import spacy
from spacy.tokens import Doc

from reader.nlp.idioms import IdiomMatcher, IdiomsComponent, Tok, compile_idiom, split_particle
from reader.nlp.lexicon import IdiomEntry

UPOS = {
    "NN": "NOUN", "NE": "PROPN", "ART": "DET", "APPR": "ADP", "APPRART": "ADP", "ADJA": "ADJ",
    "ADJD": "ADJ", "ADV": "ADV", "VVFIN": "VERB", "VVPP": "VERB", "VVINF": "VERB",
    "VVIZU": "VERB", "VAFIN": "AUX", "VMFIN": "AUX", "VAINF": "AUX", "PTKVZ": "ADP",
    "PPER": "PRON", "PRF": "PRON", "PIS": "PRON", "PPOSAT": "DET", "KOUS": "SCONJ",
    "KON": "CCONJ", "$,": "PUNCT", "$.": "PUNCT", "$(": "PUNCT", "PTKZU": "PART",
    "PTKNEG": "PART", "PRELS": "PRON", "PIAT": "DET", "PAV": "ADV",
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
    found = phrases(component, "Von/von/APPR Brüssel/Brüssel/NE wird/werden/VAFIN die/der/ART "
                    "Achse/Achse/NN mit/mit/APPR Argusaugen/Argusauge/NN betrachtet/betrachten/VVPP ./././$.")
    assert ("jdn. mit Argusaugen beobachten", ("mit", "Argusaugen", "betrachtet")) in found


def test_hand_washes_the_other_with_an_inserted_adjective_and_verb_last(component):
    found = phrases(component, "dass/dass/KOUS eine/ein/ART autoritäre/autoritär/ADJA Hand/Hand/NN "
                    "die/der/ART andere/ander/PIS wäscht/waschen/VVFIN ./././$.")
    assert ("Eine Hand wäscht die andere.",
            ("eine", "Hand", "die", "andere", "wäscht")) in found


def test_sabre_rattling_with_an_adverb_inserted(component):
    found = phrases(component, "Kim/Kim/NE rasselt/rasseln/VVFIN kräftig/kräftig/ADJD mit/mit/APPR "
                    "dem/der/ART Säbel/Säbel/NN")
    assert ("mit dem Säbel rasseln", ("rasselt", "mit", "dem", "Säbel")) in found


def test_big_guns_with_split_particle_and_a_different_adjective(component):
    found = phrases(component, "Zudem/zudem/ADV fährt/fahren/VVFIN der/der/ART konservative/konservativ/ADJA "
                    "Hardliner/Hardliner/NN harte/hart/ADJA Geschütze/Geschütz/NN "
                    "gegenüber/gegenüber/APPR Kim/Kim/NE auf/auf/PTKVZ :/:/$.")
    assert ("schwere Geschütze auffahren", ("fährt", "Geschütze", "auf")) in found


def test_big_guns_when_the_pipeline_already_joined_the_particle(component):
    found = lemmas_found(component, "Er/er/PPER fährt/auffahren/VVFIN schwere/schwer/ADJA "
                         "Geschütze/Geschütz/NN auf/auf/PTKVZ ./././$.")
    assert "schwere Geschütze auffahren" in found


def test_fits_the_picture_after_the_verb(component):
    found = phrases(component, "Da/da/ADV passt/passen/VVFIN nur/nur/ADV ins/in/APPRART Bild/Bild/NN "
                    ",/,/$, was/was/PRELS die/der/ART EU/EU/NE festgestellt/feststellen/VVPP hat/haben/VAFIN")
    assert ("ins Bild passen", ("passt", "ins", "Bild")) in found


def test_on_paper_as_a_bare_prepositional_phrase(component):
    found = phrases(component, "Auf/auf/APPR dem/der/ART Papier/Papier/NN zumindest/zumindest/ADV "
                    "haben/haben/VAFIN sie/sie/PPER unterzeichnet/unterzeichnen/VVPP ./././$.")
    assert ("auf dem Papier", ("Auf", "dem", "Papier")) in found


def test_washing_ones_hands_is_not_one_good_turn(component):
    assert lemmas_found(component, "Er/er/PPER wäscht/waschen/VVFIN sich/er/PRF die/der/ART "
                        "Hände/Hand/NN ./././$.") == set()


def test_a_picture_on_the_wall_does_not_fit_the_picture(component):
    assert lemmas_found(component, "Das/der/ART Bild/Bild/NN hängt/hängen/VVFIN an/an/APPR "
                        "der/der/ART Wand/Wand/NN ./././$.") == set()


def test_a_noun_alone_is_no_idiom(component):
    assert lemmas_found(component, "Der/der/ART Säbel/Säbel/NN hängt/hängen/VVFIN im/in/APPRART "
                        "Museum/Museum/NN ./././$.",
                        "Die/der/ART Geschütze/Geschütz/NN waren/sein/VAFIN schwer/schwer/ADJD ./././$.") == set()


def test_driving_up_without_guns_is_not_the_idiom(component):
    assert lemmas_found(component, "Der/der/ART Wagen/Wagen/NN fährt/fahren/VVFIN vor/vor/APPR "
                        "dem/der/ART Haus/Haus/NN auf/auf/PTKVZ ./././$.") == set()


def test_preposition_must_lead_its_noun_phrase(component):
    # Bild and passen and "in" occur, but "in" belongs to another phrase.
    assert "ins Bild passen" not in lemmas_found(
        component, "Das/der/ART Bild/Bild/NN passt/passen/VVFIN gut/gut/ADJD in/in/APPR "
        "den/der/ART Raum/Raum/NN ./././$.")


def test_words_of_an_idiom_must_share_a_clause(component):
    assert "mit dem Säbel rasseln" not in lemmas_found(
        component, "Er/er/PPER kämpfte/kämpfen/VVFIN mit/mit/APPR dem/der/ART Säbel/Säbel/NN "
        ",/,/$, während/während/KOUS die/der/ART Ketten/Kette/NN rasselten/rasseln/VVFIN ./././$.")


def test_reordered_light_verb_construction_with_zu_infinitive(component):
    found = {(e["lemma"], e["type"]) for e in component(make_doc(
        "Niemand/niemand/PIS wagt/wagen/VVFIN ,/,/$, seine/sein/PPOSAT Integrität/Integrität/NN "
        "in/in/APPR Frage/Frage/NN zu/zu/PTKZU stellen/stellen/VVINF ./././$."))._.expressions}
    assert ("etw. in Frage stellen", "light_verb") in found


def test_negated_light_verb_is_the_same_expression(component):
    doc = component(make_doc("Der/der/ART Preis/Preis/NN spielt/spielen/VVFIN keine/kein/PIAT "
                             "Rolle/Rolle/NN ./././$."))
    (expr,) = doc._.expressions
    assert expr["lemma"] == "eine Rolle spielen"
    assert expr["type"] == "light_verb"
    assert [doc[i].text for i in expr["doc_tokens"]] == ["spielt", "keine", "Rolle"]
    assert expr["core_tokens"] == [2, 4]


def test_reflexive_idiom_takes_sich_along(component):
    found = phrases(component, "Der/der/ART Minister/Minister/NN wusch/waschen/VVFIN sich/er/PRF "
                    "die/der/ART Hände/Hand/NN in/in/APPR Unschuld/Unschuld/NN ./././$.")
    assert ("sich die Hände in Unschuld waschen",
            ("wusch", "sich", "die", "Hände", "in", "Unschuld")) in found


def test_token_indices_are_within_the_sentence(component):
    doc = component(make_doc("Das/der/ART ist/sein/VAFIN gut/gut/ADJD ./././$.",
                             "Kim/Kim/NE rasselt/rasseln/VVFIN mit/mit/APPR dem/der/ART Säbel/Säbel/NN ./././$."))
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
    toks = [Tok("Das", "der", "PDS"), Tok("passt", "passen", "VVFIN"), Tok("ins", "in", "APPRART"),
            Tok("Bild", "Bild", "NN")]
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
