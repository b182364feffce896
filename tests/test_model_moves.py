"""Models that moved between apps keep their tables: `migrate` from the state before the move,
on a database with rows, changes Django's state only and every row is still there."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)


def migrate_to(*targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(list(targets))
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def migrate_to_latest():
    return migrate_to(*MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_dictionary_moves_from_glossary_to_lexicon_with_its_rows():
    old = migrate_to(("glossary", "0008_lookup_sites"), ("lexicon", None))
    Entry = old.get_model("glossary", "Entry")
    entry = Entry.objects.create(key="plan", headword="Plan", pos="NOUN", source="teacher")
    old.get_model("glossary", "Sense").objects.create(
        entry=entry, order=0, gloss="scheme", source="teacher"
    )
    old.get_model("glossary", "Idiom").objects.create(
        phrase="Pläne schmieden", key="pläne schmieden", meaning="to make plans", source="ding"
    )
    old.get_model("glossary", "DictionaryImport").objects.create(
        source="ding", path="/usr/share/trans/de-en", checksum="c" * 64, entries=1
    )
    old.get_model("glossary", "WiktionaryPage").objects.create(title="Plan", status=200)

    new = migrate_to_latest()

    entry = new.get_model("lexicon", "Entry").objects.get()
    assert (entry.headword, entry.source) == ("Plan", "teacher")
    assert list(entry.senses.values_list("gloss", flat=True)) == ["scheme"]
    assert new.get_model("lexicon", "Idiom").objects.get().meaning == "to make plans"
    assert new.get_model("lexicon", "DictionaryImport").objects.get().checksum == "c" * 64
    assert new.get_model("lexicon", "WiktionaryPage").objects.get().title == "Plan"
    with pytest.raises(LookupError):
        new.get_model("glossary", "Entry")


def test_word_statuses_move_from_glossary_to_reader_with_their_rows():
    old = migrate_to(("glossary", "0009_lexicon_models_move"), ("reader", "0010_reading_position"))
    lea = old.get_model("auth", "User").objects.create(username="lea")
    old.get_model("glossary", "LemmaStatus").objects.create(user=lea, key="plan", status="known")

    new = migrate_to_latest()

    status = new.get_model("reader", "LemmaStatus").objects.get()
    assert (status.user_id, status.key, status.status) == (lea.pk, "plan", "known")
    with pytest.raises(LookupError):
        new.get_model("glossary", "LemmaStatus")


def test_corrections_move_from_classroom_to_reader_with_their_rows():
    old = migrate_to(
        ("classroom", "0003_open_classes_first"), ("reader", "0011_lemmastatus_from_glossary")
    )
    article = old.get_model("reader", "Article").objects.create(title="t", text="x")
    old.get_model("classroom", "Correction").objects.create(
        article=article, kind="gloss", key="plan", data={"gloss": "scheme"}
    )

    new = migrate_to_latest()

    correction = new.get_model("reader", "Correction").objects.get()
    assert (correction.article_id, correction.key, correction.data) == (
        article.pk,
        "plan",
        {"gloss": "scheme"},
    )
    with pytest.raises(LookupError):
        new.get_model("classroom", "Correction")


def test_the_popovers_outside_dictionaries_move_from_glossary_to_lexicon_with_their_rows():
    old = migrate_to(("glossary", "0010_lemmastatus_to_reader"), ("lexicon", "0001_initial"))
    # glossary/0008 made the default sites; an administrator added one.
    defaults = set(old.get_model("glossary", "LookupSite").objects.values_list("name", flat=True))
    old.get_model("glossary", "LookupSite").objects.create(
        name="Wortschatz", url_template="https://wortschatz.uni-leipzig.de/de/{}", enabled=False
    )

    new = migrate_to_latest()

    sites = new.get_model("lexicon", "LookupSite").objects
    assert set(sites.values_list("name", flat=True)) == defaults | {"Wortschatz"}
    assert not sites.get(name="Wortschatz").enabled
    with pytest.raises(LookupError):
        new.get_model("glossary", "LookupSite")


@pytest.mark.parametrize(
    "before, old_app, new_app, model",
    [
        ([("glossary", "0008_lookup_sites"), ("lexicon", None)], "glossary", "lexicon", "entry"),
        (
            [("glossary", "0010_lemmastatus_to_reader"), ("lexicon", "0001_initial")],
            "glossary",
            "lexicon",
            "lookupsite",
        ),
        (
            [
                ("glossary", "0009_lexicon_models_move"),
                ("reader", "0007_attempt_question_snapshots"),
            ],
            "glossary",
            "reader",
            "lemmastatus",
        ),
        (
            [
                ("classroom", "0003_open_classes_first"),
                ("reader", "0011_lemmastatus_from_glossary"),
            ],
            "classroom",
            "reader",
            "correction",
        ),
    ],
)
def test_permissions_granted_on_a_moved_model_stay_granted(before, old_app, new_app, model):
    old = migrate_to(*before, ("contenttypes", "0002_remove_content_type_name"))
    content_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label=old_app, model=model
    )
    permission = old.get_model("auth", "Permission").objects.get(
        content_type=content_type, codename=f"change_{model}"
    )
    editor = old.get_model("auth", "User").objects.create(username="editor", is_staff=True)
    editor.user_permissions.add(permission)

    new = migrate_to_latest()

    granted = new.get_model("auth", "User").objects.get(pk=editor.pk).user_permissions.get()
    assert (granted.content_type.app_label, granted.codename) == (new_app, f"change_{model}")
