"""`manage.py import_ding` on the hand-written sample file."""

import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from lexicon.models import DictionaryImport, Entry, Idiom, Sense, Source

from .conftest import SAMPLE_DING

pytestmark = pytest.mark.django_db


def run_import(*args, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_ding", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_import_writes_entries_with_grammar_and_senses():
    out, _ = run_import(str(SAMPLE_DING))
    assert "Imported" in out and "entries" in out and " s" in out
    haubitze = Entry.objects.get(key="haubitze")
    assert (haubitze.headword, haubitze.pos, haubitze.gender, haubitze.plural) == (
        "Haubitze",
        "NOUN",
        "f",
        "Haubitzen",
    )
    assert list(haubitze.senses.values_list("gloss", flat=True)) == ["howitzer"]
    assert haubitze.frequency and haubitze.frequency > 1
    assert Entry.objects.get(key="feldhaubitze").senses.first().gloss == "field howitzer"
    assert Entry.objects.filter(key="konzentrieren", reflexive=True, pos="VERB").exists()
    assert Entry.objects.get(key="polizei").senses.first().gloss == "the police"


def test_gaps_in_noun_grammar_are_filled_from_german_nouns():
    run_import(str(SAMPLE_DING))
    # Ding gives "die Polizei {f}" without a plural; german-nouns knows it.
    assert Entry.objects.get(key="polizei").plural == "Polizeien"
    # Ding's own plural is kept.
    assert Entry.objects.get(key="rakete").plural == "Raketen"


def test_idiom_candidates_are_stored_and_real_idioms_selected():
    run_import(str(SAMPLE_DING))
    saebel = Idiom.objects.get(phrase="mit dem Säbel rasseln")
    assert saebel.meaning == "to rattle the sabre"
    assert saebel.figurative and saebel.selected
    argus = Idiom.objects.get(phrase="jdn. mit Argusaugen beobachten")
    assert argus.kind == "idiom" and argus.meaning == "to watch sb./sth. like a hawk"
    assert Idiom.objects.get(phrase="Eine Hand wäscht die andere.").kind == "proverb"
    apple = Idiom.objects.get(phrase="einen Apfel schälen")
    assert not apple.selected
    assert saebel.rank < argus.rank < apple.rank


def test_unchanged_file_is_skipped_and_says_so():
    run_import(str(SAMPLE_DING))
    entries = Entry.objects.count()
    out, _ = run_import(str(SAMPLE_DING))
    assert "unchanged" in out and "skipped" in out
    assert Entry.objects.count() == entries


def test_forced_reimport_replaces_ding_rows_and_keeps_other_sources():
    run_import(str(SAMPLE_DING))
    counts = (Entry.objects.count(), Sense.objects.count(), Idiom.objects.count())
    teacher = Entry.objects.create(
        headword="Haubitze", key="haubitze", pos="NOUN", gender="f", source=Source.TEACHER
    )
    Sense.objects.create(entry=teacher, gloss="howitzer (a short cannon)", source=Source.TEACHER)
    Idiom.objects.create(
        phrase="schwere Geschütze auffahren",
        key="schwere geschütze auffahren",
        meaning="to bring out the big guns",
        kind="idiom",
        selected=True,
        source=Source.CURATED,
    )
    run_import(str(SAMPLE_DING), force=True)
    assert Entry.objects.filter(source=Source.DING).count() == counts[0]
    # Ding entries carry our core senses too (source "curated"): count by entry.
    assert Sense.objects.filter(entry__source=Source.DING).count() == counts[1]
    assert Idiom.objects.filter(source=Source.DING).count() == counts[2]
    assert Entry.objects.get(source=Source.TEACHER).senses.get().gloss.startswith("howitzer")
    assert Idiom.objects.filter(source=Source.CURATED).count() == 1


def test_changed_file_is_imported_again(tmp_path):
    copy = tmp_path / "de-en"
    shutil.copy(SAMPLE_DING, copy)
    run_import(str(copy))
    with open(copy, "a", encoding="utf-8") as handle:
        handle.write("Drohne {f} [mil.] | Drohnen {pl} :: drone | drones\n")
    out, _ = run_import(str(copy))
    assert "Imported" in out
    assert Entry.objects.get(key="drohne").plural == "Drohnen"
    assert DictionaryImport.objects.get(source=Source.DING).path == str(copy)


def test_missing_file_warns_with_install_hint_and_does_not_fail(tmp_path):
    out, err = run_import(str(tmp_path / "nowhere"))
    assert "not found" in err and "apt-get install trans-de-en" in err
    assert Entry.objects.count() == 0


def test_default_path_comes_from_settings(settings):
    settings.RANDNOTIZ_DING_PATH = str(SAMPLE_DING)
    run_import()
    assert Entry.objects.filter(key="haubitze").exists()


def test_core_glosses_lead_and_fill_in_what_ding_lists_only_inside_phrases(tmp_path):
    sample = tmp_path / "de-en"
    sample.write_text(
        SAMPLE_DING.read_text(encoding="utf-8") + "Zug {m} | Züge {pl} :: lineament | lineaments\n",
        encoding="utf-8",
    )
    run_import(str(sample))
    zug = Entry.objects.get(key="zug", pos="NOUN")
    assert [s.gloss for s in zug.senses.order_by("order")][:2] == ["train", "move"]
    assert "lineament" in [s.gloss for s in zug.senses.all()]
    assert zug.gender == "m"
    zwischen = Entry.objects.get(key="zwischen", pos="ADP")
    assert zwischen.senses.order_by("order").first().gloss == "between"
