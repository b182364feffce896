"""The faster word analysis (nlp/hanta.py) gives exactly HanTa's own results."""

import functools

import pytest
from HanTa import HanoverTagger

from nlp import hanta
from nlp.tagger import hanta_tagger

# Known and unknown words, short and long, compounds, participles, names, odd spellings: the
# analysis takes a different route through the morpheme tables for each kind.
WORDS = """
    der zu ab ei öl x 3 19. §
    haubitzen mehrfachraketenwerfer kriegseintritt artilleriegeschütze
    vorgeworfen zusammengezogen aufzuwiegen vorstellen stellte
    bundesverfassungsgerichtsentscheidung pjöngjang kamikaze-drohnen
    lehrer*innen wellness schneller allerschnellsten unverhältnismäßigkeiten
    donaudampfschifffahrtsgesellschaftskapitän xqzvbn kim us-präsident
    betrachtete säbelrasseln gewaschen rasselt aufgefahren blabliblubb
""".split()


@functools.cache
def plain_hanta():
    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


@pytest.mark.parametrize("word", WORDS)
def test_tag_probabilities_are_hantas_own(word):
    assert hanta_tagger().analyze_forward(word) == plain_hanta().analyze_forward(word)


@pytest.mark.parametrize("word", WORDS)
def test_morpheme_paths_are_hantas_own_for_every_likely_tag(word):
    ours = hanta_tagger()
    for tag, _ in plain_hanta().analyze_forward(word)[:4]:
        assert ours.analyze_viterbi(word, -tag) == plain_hanta().analyze_viterbi(word, -tag)


def test_a_tagged_sentence_is_hantas_own():
    sentence = (
        "Nordkorea stellte am Montag neue Mehrfachraketenwerfer vor , "
        "die Lehrer*innen betrachteten das mit Argusaugen ."
    ).split()
    assert hanta_tagger().tag_sent(sentence) == plain_hanta().tag_sent(sentence)


def test_installing_twice_changes_nothing():
    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    hanta.install(tagger)
    first = tagger.analyze_forward("mehrfachraketenwerfer")
    hanta.install(tagger)
    assert tagger.analyze_forward("mehrfachraketenwerfer") == first
