"""A verb's sense chosen by the nouns of its clause: the Ding importer keeps the nouns of each
line a verb's senses come from (its examples and notes), nlp.glosses prefers the line
that names a noun of the verb's clause."""

import pytest

from lexicon.database import DbLexicon
from lexicon.importers.ding import line_context, parse_line
from lexicon.importers.ding_entries import build_lexicon, specific_contexts
from lexicon.models import Entry
from nlp.extensions import register_extensions
from nlp.glosses import entry_senses, gloss_doc
from nlp.lexicon import LexEntry, MemoryLexicon, context_stem
from nlp.verbs import reflexive_verbs, separable_verbs
from tests import nlp_docs

from .test_import_ding import run_import

register_extensions()

# Ding's lines for wahrnehmen, shortened: the perceiving line names "Bedrohung" in an example,
# the opportunity line "Vorteil; Gelegenheit" in its note. Without a noun to go by, "to use"
# (the plainer English word) leads.
WAHRNEHMEN_LINES = (
    "etw. wahrnehmen; etw. empfinden {vt} | wahrnehmend | wahrgenommen | "
    "jdn./etw. als Bedrohung wahrnehmen | Er nahm den Schmerz in seinem Bein kaum wahr. :: "
    "to perceive sth.; to discern sth. | perceiving | perceived | "
    "to perceive sb./sth. as a threat | He barely registered the pain in his leg.\n"
    "(Vorteil; Gelegenheit) wahrnehmen {vt} | wahrnehmend | wahrgenommen | "
    "die Gelegenheit wahrnehmen :: to use; to seize | using | used | to seize the opportunity\n"
)
WAHRNEHMEN = LexEntry(
    "wahrnehmen",
    "VERB",
    ("to perceive sth.", "to discern sth.", "to use", "to seize"),
    contexts=(
        ("to perceive sth.", "bedrohung schmerz bein"),
        ("to discern sth.", "bedrohung schmerz bein"),
        ("to use", "vorteil gelegenheit"),
        ("to seize", "vorteil gelegenheit"),
    ),
)
LEXICON = MemoryLexicon([WAHRNEHMEN])


def doc_of(rows, lexicon=LEXICON):
    return nlp_docs.doc_of(rows, lexicon)


def verb_with(*noun_rows, tag="VVINF"):
    """'wahrnehmen' after the given (word, lemma, STTS, UPOS) rows."""
    return [*noun_rows, ("wahrnehmen", "wahrnehmen", tag, "VERB"), (".", ".", "$.", "PUNCT")]


BEDROHUNG = ("Bedrohung", "Bedrohung", "NN", "NOUN")


def test_verb_is_glossed_with_the_sense_whose_example_names_its_object():
    doc = gloss_doc(doc_of(verb_with(("die", "die", "ART", "DET"), BEDROHUNG)))
    assert doc[2]._.gloss == "to perceive sth."
    assert doc[2]._.senses[:2] == ["to perceive sth.", "to discern sth."]
    assert "to use" in doc[2]._.senses


def test_without_a_named_noun_the_usual_order_stands():
    plain = gloss_doc(doc_of(verb_with(("Chance", "Chance", "NN", "NOUN"))))
    assert plain[1]._.gloss == "to use"
    assert plain[1]._.senses == entry_senses(WAHRNEHMEN)
    chance = gloss_doc(doc_of(verb_with(("Gelegenheiten", "Gelegenheit", "NN", "NOUN"))))
    assert chance[1]._.gloss == "to use"


def test_a_noun_in_another_clause_does_not_choose():
    doc = gloss_doc(
        doc_of(
            [
                BEDROHUNG,
                ("wächst", "wachsen", "VVFIN", "VERB"),
                (",", ",", "$,", "PUNCT"),
                ("wir", "wir", "PPER", "PRON"),
                ("wahrnehmen", "wahrnehmen", "VVINF", "VERB"),
            ]
        )
    )
    assert doc[4]._.gloss == "to use"


def test_a_relative_clause_takes_the_noun_its_pronoun_stands_for():
    doc = gloss_doc(
        doc_of(
            [
                BEDROHUNG,
                (",", ",", "$,", "PUNCT"),
                ("die", "die", "PRELS", "PRON"),
                ("wir", "wir", "PPER", "PRON"),
                ("wahrnehmen", "wahrnehmen", "VVINF", "VERB"),
            ]
        )
    )
    assert doc[4]._.gloss == "to perceive sth."


def test_a_compound_noun_names_its_head():
    hyphen = gloss_doc(
        doc_of(verb_with(("Nordkorea-Bedrohung", "Nordkorea-Bedrohung", "NN", "NOUN")))
    )
    assert hyphen[1]._.gloss == "to perceive sth."
    closed = gloss_doc(doc_of(verb_with(("Kriegsbedrohungen", "Kriegsbedrohung", "NN", "NOUN"))))
    assert closed[1]._.gloss == "to perceive sth."
    # A prefix is no compound's modifier: Vorteil is no kind of "Teil".
    assert context_stem("Vorteile") == "vorteil"


def test_the_same_verb_form_takes_each_sentence_own_nouns():
    rows = verb_with(BEDROHUNG) + verb_with(("Gelegenheit", "Gelegenheit", "NN", "NOUN"))
    doc = nlp_docs.doc_of(rows, LEXICON, sentence_starts=(0, 3))
    gloss_doc(doc)
    assert (doc[1]._.gloss, doc[4]._.gloss) == ("to perceive sth.", "to use")


def test_hand_written_senses_and_auxiliaries_are_not_overruled():
    core = LexEntry(
        "wahrnehmen",
        "VERB",
        ("to notice",) + WAHRNEHMEN.glosses,
        contexts=WAHRNEHMEN.contexts,
        fixed=1,
    )
    assert entry_senses(core, frozenset({"bedrohung"}))[0] == "to notice"
    doc = gloss_doc(doc_of(verb_with(BEDROHUNG, tag="VAINF")))
    assert doc[1]._.gloss == "to use"


def test_a_verb_with_one_dictionary_line_keeps_its_order():
    one_line = LexEntry("austragen", "VERB", ("to sign out", "to cancel sb.'s name"))
    assert entry_senses(one_line, frozenset({"krieg"})) == entry_senses(one_line)


def test_split_separable_verb_takes_the_nouns_between_its_parts():
    doc = separable_verbs(
        doc_of(
            [
                ("Die", "die", "ART", "DET"),
                ("Jugend", "Jugend", "NN", "NOUN"),
                ("nimmt", "nehmen", "VVFIN", "VERB"),
                ("die", "die", "ART", "DET"),
                BEDROHUNG,
                ("als", "als", "KOKOM", "CCONJ"),
                ("Störgeräusch", "Störgeräusch", "NN", "NOUN"),
                ("wahr", "wahr", "PTKVZ", "ADP"),
                (".", ".", "$.", "PUNCT"),
            ]
        )
    )
    [expression] = doc._.expressions
    assert (expression["lemma"], expression["gloss"]) == ("wahrnehmen", "to perceive sth.")
    assert doc[2]._.gloss == doc[7]._.gloss == "to perceive sth."


def test_reflexive_verb_takes_the_nouns_of_its_clause():
    sich_stellen = LexEntry(
        "stellen",
        "VERB",
        ("to surrender", "to face up to sth."),
        reflexive=True,
        contexts=(("to surrender", "polizei"), ("to face up to sth.", "herausforderung")),
    )
    doc = reflexive_verbs(
        doc_of(
            [
                ("Er", "er", "PPER", "PRON"),
                ("stellt", "stellen", "VVFIN", "VERB"),
                ("sich", "sich", "PRF", "PRON"),
                ("der", "die", "ART", "DET"),
                ("Herausforderung", "Herausforderung", "NN", "NOUN"),
                (".", ".", "$.", "PUNCT"),
            ],
            MemoryLexicon([sich_stellen]),
        )
    )
    assert doc._.expressions[0]["gloss"] == "to face up to sth."


# --- The importer ------------------------------------------------------------------------


def test_line_context_lists_the_nouns_of_examples_and_notes_not_sentence_starts():
    german = WAHRNEHMEN_LINES.splitlines()[0].split(" :: ")[0].split(" | ")
    assert line_context(german) == "bedrohung schmerz bein"
    note = WAHRNEHMEN_LINES.splitlines()[1].split(" :: ")[0].split(" | ")
    assert line_context(note) == "vorteil gelegenheit"


def test_each_verb_sense_keeps_its_line_nouns_and_one_line_verbs_none():
    lines = [parse_line(raw, n) for n, raw in enumerate(WAHRNEHMEN_LINES.splitlines(), 1)]
    lines.append(parse_line("austragen {vt} (Zahlen; Daten) :: to sign out", 3))
    entries, _ = build_lexicon(lines)
    by_key = {(e.key, e.pos): e for e in entries}
    wahrnehmen = by_key[("wahrnehmen", "VERB")]
    contexts = {s.gloss: s.context for s in wahrnehmen.senses}
    assert contexts["to perceive sth."] == "bedrohung schmerz bein"
    assert contexts["to use"] == "vorteil gelegenheit"
    # One line: nothing to choose between, so nothing is stored.
    assert [s.context for s in by_key[("austragen", "VERB")].senses] == [""]


def test_nouns_named_by_many_verb_lines_are_dropped(monkeypatch):
    monkeypatch.setattr("lexicon.importers.ding_entries.MAX_CONTEXT_LINES", 1)
    lines = [
        parse_line("etw. sehen {vt} | das Kind sehen | den Krieg sehen :: to see | - | -", 1),
        parse_line("etw. hören {vt} | das Kind hören :: to hear | -", 2),
    ]
    specific = specific_contexts(lines)
    assert specific["kind krieg"] == "krieg"
    assert specific["kind"] == ""


@pytest.mark.django_db
def test_import_stores_the_contexts_and_the_lexicon_returns_them(tmp_path):
    sample = tmp_path / "de-en"
    sample.write_text(WAHRNEHMEN_LINES, encoding="utf-8")
    run_import(str(sample))
    [entry] = DbLexicon().lookup_many(["wahrnehmen"])["wahrnehmen"]
    # Stored in a learner's order (ding_entries.order_senses): one plain word first.
    assert entry.glosses[:2] == ("to use", "to perceive sth.")
    assert ("to perceive sth.", "bedrohung schmerz bein") in entry.contexts
    assert ("to use", "vorteil gelegenheit") in entry.contexts
    assert entry_senses(entry, frozenset({"bedrohung"}))[0] == "to perceive sth."
    assert entry_senses(entry)[0] == "to use"


@pytest.mark.django_db
def test_reflexive_twin_keeps_its_own_senses_not_the_plain_verbs_core_ones(tmp_path):
    # lexicon/data/core_glosses.tsv has "stellen: to put; to place; to stand" for the plain verb.
    sample = tmp_path / "de-en"
    sample.write_text(
        "stellen {vt} | stellend | gestellt :: to put sth. | putting | put\n"
        "sich jdm. stellen {vr} | sich der Polizei stellen :: to surrender | to turn yourself in\n",
        encoding="utf-8",
    )
    run_import(str(sample))
    plain = Entry.objects.get(key="stellen", reflexive=False)
    reflexive = Entry.objects.get(key="stellen", reflexive=True)
    assert plain.senses.order_by("order").first().gloss == "to put"
    assert [s.gloss for s in reflexive.senses.order_by("order")] == ["to surrender"]
