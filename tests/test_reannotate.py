"""Re-annotation after a pipeline upgrade (`manage.py reannotate`, the annotate task): a word
the new pipeline gives another lemma keeps the learners' statuses and the teachers'
corrections made under the old one."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from glossary.models import SavedWord
from nlp.document import Annotation
from nlp.pipeline import annotate_text
from reader.correction_carryover import corrections_carry_over
from reader.corrections import apply_corrections
from reader.lemma_changes import lemma_changes
from reader.models import Article, Correction, LemmaStatus
from reader.rendering import reading_blocks, reading_html
from reader.selectors import word_statuses
from reader.services import article_annotation_replace
from reader.status_carryover import statuses_carry_over
from tests.factories import make_article, make_user

TEXT = "Die Truppen feuern auf die Häuser.\n\nDer Plan ist gut."

# What an older pipeline made of TEXT, each word as text|lemma|UPOS, a blank line between
# sentences: it left the plurals "Truppen" and "Häuser" as their own lemmas, where today's
# pipeline says "Truppe" and "Haus".
OLD_PIPELINE = """
Die|der|DET Truppen|Truppen|NOUN feuern|feuern|VERB auf|auf|ADP die|der|DET
Häuser|Häuser|NOUN .|.|PUNCT

Der|der|DET Plan|Plan|NOUN ist|sein|AUX gut|gut|ADJ .|.|PUNCT
"""


def annotation_by_hand(text: str, sentences: str) -> dict:
    """An annotation of `text` with the given words (text|lemma|UPOS, a blank line between
    sentences), each token's `ws` the whitespace after it, so that the tokens give back the
    text as the pipeline's do."""
    position, result = 0, []
    for number, sentence in enumerate(re.split(r"\n\s*\n", sentences.strip())):
        tokens = []
        for word in sentence.split():
            word, lemma, upos = word.split("|")
            start = text.index(word, position)
            assert not text[position:start].strip(), f"{word!r} is not the next word"
            if tokens:
                tokens[-1]["ws"] = text[position:start]
            position = start + len(word)
            tokens.append({"text": word, "ws": "", "lemma": lemma, "upos": upos, "gloss": None})
        end = len(text) - len(text[position:].lstrip())
        tokens[-1]["ws"], position = text[position:end], end
        result.append({"paragraph": number, "kind": "text", "tokens": tokens, "expressions": []})
    return {"version": 0, "sentences": result}


def typed_by_hand(text: str, sentences: str) -> Annotation:
    return Annotation.from_json(annotation_by_hand(text, sentences))


def old_pipeline_article() -> Article:
    """TEXT as the older pipeline left it in the database."""
    article = make_article(text=TEXT, annotate="none")
    Article.objects.filter(pk=article.pk).update(
        annotation=annotation_by_hand(TEXT, OLD_PIPELINE),
        annotation_version=0,
        annotated_at=timezone.now(),
        status=Article.Status.READY,
    )
    return article


def statuses_of(user) -> dict[str, str]:
    return dict(LemmaStatus.objects.filter(user=user).values_list("key", "status"))


def reading_page(article, user) -> str:
    annotation = Annotation.from_json(Article.objects.get(pk=article.pk).annotation)
    return reading_html(reading_blocks(annotation, word_statuses(user)))


# --- Which words changed lemma -----------------------------------------------------------------


def test_the_old_pipelines_plurals_are_found_as_changed_lemmas():
    old = typed_by_hand(TEXT, OLD_PIPELINE)
    new = typed_by_hand(
        TEXT,
        OLD_PIPELINE.replace("Truppen|Truppen", "Truppen|Truppe").replace("ser|Häuser", "ser|Haus"),
    )

    assert lemma_changes(old, new) == {"truppen": {"truppe"}, "häuser": {"haus"}}


def test_words_are_matched_by_their_place_in_the_text_when_sentences_are_split_differently():
    text = "Er kam. Dann ging er."
    old = typed_by_hand(
        text, "Er|er|PRON kam|kam|VERB .|.|PUNCT Dann|dann|ADV ging|ging|VERB er|er|PRON .|.|PUNCT"
    )
    new = typed_by_hand(
        text,
        """
        Er|er|PRON kam|kommen|VERB .|.|PUNCT

        Dann|dann|ADV ging|gehen|VERB er|er|PRON .|.|PUNCT
        """,
    )

    assert lemma_changes(old, new) == {"kam": {"kommen"}, "ging": {"gehen"}}


def test_a_word_tokenised_differently_or_only_recased_is_no_change():
    text = "Pjöngjang-Moskau plant."
    old = typed_by_hand(text, "Pjöngjang-Moskau|Pjöngjang-Moskau|PROPN plant|Planen|VERB .|.|PUNCT")
    new = typed_by_hand(
        text, "Pjöngjang|Pjöngjang|PROPN -|-|PUNCT Moskau|Moskau|PROPN plant|planen|VERB .|.|PUNCT"
    )

    assert lemma_changes(old, new) == {}
    assert lemma_changes(None, new) == {}


# --- Learners' statuses -------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_learners_known_word_stays_known_when_a_pipeline_upgrade_changes_its_lemma():
    lea = make_user("lea")
    article = old_pipeline_article()
    LemmaStatus.objects.create(user=lea, key="truppen", status="known")
    LemmaStatus.objects.create(user=lea, key="häuser", status="learning")
    assert 'class="w st-known" tabindex="0" role="button" data-s="0" data-t="1">Truppen' in (
        reading_page(article, lea)
    )

    call_command("reannotate", verbosity=0)

    annotation = Article.objects.get(pk=article.pk).annotation
    assert annotation["sentences"][0]["tokens"][1]["lemma"] == "Truppe"
    page = reading_page(article, lea)
    assert 'class="w st-known" tabindex="0" role="button" data-s="0" data-t="1">Truppen' in page
    assert 'class="w st-learning" tabindex="0" role="button" data-s="0" data-t="5">Häuser' in page
    # The old rows stay: another article may still read "Truppen" as its own lemma.
    assert statuses_of(lea) == {
        "truppen": "known",
        "truppe": "known",
        "häuser": "learning",
        "haus": "learning",
    }


@pytest.mark.django_db
def test_a_status_the_learner_already_has_on_the_new_lemma_is_kept():
    lea = make_user("lea")
    article = old_pipeline_article()
    LemmaStatus.objects.create(user=lea, key="truppen", status="known")
    LemmaStatus.objects.create(user=lea, key="truppe", status="learning")

    call_command("reannotate", str(article.pk), verbosity=0)

    assert statuses_of(lea) == {"truppen": "known", "truppe": "learning"}


@pytest.mark.django_db
def test_every_learners_status_is_carried_and_only_theirs():
    lea, tom, ben = make_user("lea"), make_user("tom"), make_user("ben")
    article = old_pipeline_article()
    LemmaStatus.objects.create(user=lea, key="truppen", status="known")
    LemmaStatus.objects.create(user=tom, key="truppen", status="learning")
    LemmaStatus.objects.create(user=ben, key="plan", status="known")

    call_command("reannotate", str(article.pk), verbosity=0)

    assert statuses_of(lea) == {"truppen": "known", "truppe": "known"}
    assert statuses_of(tom) == {"truppen": "learning", "truppe": "learning"}
    assert statuses_of(ben) == {"plan": "known"}


@pytest.mark.django_db
def test_nothing_is_copied_when_the_lemmas_are_unchanged():
    lea = make_user("lea")
    article = make_article(text=TEXT)
    LemmaStatus.objects.create(user=lea, key="truppe", status="known")
    LemmaStatus.objects.create(user=lea, key="gut", status="learning")
    before = list(LemmaStatus.objects.order_by("pk").values())

    call_command("reannotate", str(article.pk), verbosity=0)

    assert list(LemmaStatus.objects.order_by("pk").values()) == before


@pytest.mark.django_db
def test_two_old_lemmas_that_become_one_carry_the_status_still_being_learnt():
    lea = make_user("lea")
    LemmaStatus.objects.create(user=lea, key="häuser", status="known")
    LemmaStatus.objects.create(user=lea, key="häusern", status="learning")

    statuses_carry_over({"häuser": {"haus"}, "häusern": {"haus"}})

    assert statuses_of(lea)["haus"] == "learning"


@pytest.mark.django_db
def test_carrying_the_same_change_twice_as_two_racing_reannotations_would_keeps_one_row():
    lea = make_user("lea")
    LemmaStatus.objects.create(user=lea, key="truppen", status="known")

    statuses_carry_over({"truppen": {"truppe"}})
    statuses_carry_over({"truppen": {"truppe"}})

    assert statuses_of(lea) == {"truppen": "known", "truppe": "known"}


@pytest.mark.django_db
def test_the_carry_over_costs_as_many_queries_for_a_school_as_for_one_learner():
    article = old_pipeline_article()
    new = annotate_text(TEXT)
    old = Article.objects.get(pk=article.pk).annotation

    def queries_with(learners: int) -> int:
        Article.objects.filter(pk=article.pk).update(annotation=old)
        for n in range(learners):
            user = make_user(f"learner{learners}_{n}")
            LemmaStatus.objects.create(user=user, key="truppen", status="known")
            LemmaStatus.objects.create(user=user, key="häuser", status="learning")
        with CaptureQueriesContext(connection) as queries:
            assert article_annotation_replace(article.pk, text=TEXT, document=new)
        return len(queries)

    assert queries_with(1) == queries_with(300)
    assert LemmaStatus.objects.filter(key="truppe").count() == 301


# --- Saved words and teachers' corrections --------------------------------------------------------


@pytest.mark.django_db
def test_saved_words_are_untouched_by_a_lemma_change():
    lea = make_user("lea")
    article = old_pipeline_article()
    SavedWord.objects.create(
        user=lea, key="truppen", lemma="Truppen", headline="die Truppen", sense="troops"
    )
    before = list(SavedWord.objects.values())

    call_command("reannotate", str(article.pk), verbosity=0)

    assert list(SavedWord.objects.values()) == before


@pytest.mark.django_db
def test_a_teachers_gloss_correction_follows_the_word_to_its_new_lemma():
    teacher = make_user("frau_meier")
    article = old_pipeline_article()
    Correction.objects.create(
        article=article, kind="gloss", key="truppen", data={"gloss": "troops"}, created_by=teacher
    )
    Correction.objects.create(
        article=article, kind="compound_remove", key="häuser", created_by=teacher
    )

    call_command("reannotate", str(article.pk), verbosity=0)

    assert sorted(Correction.objects.values_list("kind", "key")) == [
        ("compound_remove", "haus"),
        ("gloss", "truppe"),
    ]
    corrected = apply_corrections(
        Annotation.from_json(Article.objects.get(pk=article.pk).annotation),
        [c.as_dict() for c in Correction.objects.all()],
    )
    truppen = corrected.sentences[0].tokens[1]
    assert (truppen.text, truppen.gloss, truppen.corrected) == ("Truppen", "troops", True)


@pytest.mark.django_db
def test_a_teachers_correction_already_on_the_new_lemma_wins():
    teacher = make_user("frau_meier")
    article = old_pipeline_article()
    Correction.objects.create(
        article=article, kind="gloss", key="truppen", data={"gloss": "troops"}, created_by=teacher
    )
    Correction.objects.create(
        article=article, kind="gloss", key="truppe", data={"gloss": "unit"}, created_by=teacher
    )

    call_command("reannotate", str(article.pk), verbosity=0)

    assert sorted(Correction.objects.values_list("key", "data")) == [
        ("truppe", {"gloss": "unit"}),
        ("truppen", {"gloss": "troops"}),
    ]


@pytest.mark.django_db
def test_a_correction_whose_old_lemma_is_still_read_elsewhere_is_copied_not_moved():
    teacher = make_user("frau_meier")
    article = make_article(text=TEXT, annotate="none")
    Correction.objects.create(
        article=article, kind="gloss", key="truppen", data={"gloss": "troops"}, created_by=teacher
    )
    # The new pipeline reads one "Truppen" as "Truppe" and leaves another as "Truppen".
    still_there = typed_by_hand("Truppen", "Truppen|Truppen|NOUN")

    corrections_carry_over(article.pk, {"truppen": {"truppe"}}, still_there)

    assert sorted(Correction.objects.values_list("key", "data", "created_by")) == [
        ("truppe", {"gloss": "troops"}, teacher.pk),
        ("truppen", {"gloss": "troops"}, teacher.pk),
    ]


# --- The command ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reannotate_counts_its_runs_from_the_first_as_a_new_request_does(monkeypatch):
    article = old_pipeline_article()
    # Three runs of an earlier request failed on a locked database.
    Article.objects.filter(pk=article.pk).update(task_attempts=3)

    def failing_annotate_text(text, lexicon):
        raise RuntimeError("new pipeline broken")

    monkeypatch.setattr("nlp.pipeline.annotate_text", failing_annotate_text)
    with pytest.raises(CommandError):
        call_command("reannotate", str(article.pk), verbosity=0)

    assert Article.objects.get(pk=article.pk).task_attempts == 1
