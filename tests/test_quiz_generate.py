"""The quiz generator on hand-made annotations: each kind, and each rule every question obeys."""

import copy

import pytest

from reader.quiz.checks import check_question, check_quiz
from reader.quiz.generate import (
    FALSE,
    GAP,
    KINDS,
    TRUE,
    article_sentences,
    quiz_generate,
    target_count,
    word_count,
)
from tests.quiz_annotations import ARTICLE, annotate


@pytest.fixture(scope="module")
def annotation():
    return annotate(ARTICLE)


@pytest.fixture(scope="module")
def quiz(annotation):
    return quiz_generate(annotation, seed=0)


def generous(annotation, kind):
    """Many questions, so that every candidate kind shows up."""
    return [q for q in quiz_generate(annotation, seed=0, count=60) if q.kind == kind]


def body(q):
    return q.prompt.split("\n", 1)[1]


# --------------------------------------------------------------------------- kinds


def test_details_gap_a_number_with_numbers_of_the_same_article(annotation):
    questions = [
        q for q in generous(annotation, "details") if any(c.isdigit() for c in q.choices[q.answer])
    ]
    assert questions
    numbers = {
        t["text"] for s in annotation["sentences"] for t in s["tokens"] if t["upos"] == "NUM"
    }
    for q in questions:
        assert body(q).count(GAP) == 1
        assert set(q.choices) <= numbers
        assert body(q).replace(GAP, q.choices[q.answer]) == q.sentence


def test_details_gap_a_place_with_places_as_choices(annotation):
    places = [q for q in generous(annotation, "details") if q.prompt.startswith("Which place")]
    assert places
    for q in places:
        assert all(
            c in {"Leipzig", "Dresden", "Hamburg", "Berlin", "Bremen", "Sachsen", "Elbe"}
            for c in q.choices
        ), q.choices


def test_true_false_swaps_one_fact_or_keeps_the_sentence(annotation):
    questions = generous(annotation, "true_false")
    texts = {s.text for s in article_sentences(annotation)}
    assert {q.answer for q in questions} == {0, 1}, "both true and false statements are made"
    for q in questions:
        assert q.choices == [TRUE, FALSE]
        statement = body(q)
        if q.answer == 0:
            assert statement == q.sentence
        else:
            assert statement not in texts
            # exactly one fact changed: the statement differs from the sentence in one place
            a, b = q.highlight
            assert statement.startswith(q.sentence[:a]) and statement.endswith(q.sentence[b:])


def test_vocabulary_distractors_share_part_of_speech_and_form(annotation):
    questions = generous(annotation, "vocabulary")
    assert questions
    tags = {
        t["text"]: (t["xpos"], t["feats"]) for s in annotation["sentences"] for t in s["tokens"]
    }
    for q in questions:
        assert len({tags[c] for c in q.choices}) == 1, q.choices


def test_meaning_asks_english_for_a_german_word_with_glosses_of_other_words(annotation):
    questions = generous(annotation, "meaning")
    assert questions
    glosses = {t["gloss"] for s in annotation["sentences"] for t in s["tokens"] if t["gloss"]}
    for q in questions:
        assert set(q.choices) <= glosses
        word = q.prompt.split("„")[1].split("“")[0]
        token = next(t for s in annotation["sentences"] for t in s["tokens"] if t["text"] == word)
        assert q.choices[q.answer] == token["gloss"]


def test_compound_parts_question_gives_parts_with_one_wrong_meaning_in_distractors(annotation):
    questions = generous(annotation, "compound")
    assert questions
    q = next(q for q in questions if "Radweg" in q.prompt)
    assert q.choices[q.answer] == "Rad (bicycle) + Weg (path)"
    for k, choice in enumerate(q.choices):
        if k != q.answer:
            assert choice.startswith("Rad (") and "+ Weg (" in choice


def test_idiom_meaning_uses_the_expression_gloss(annotation):
    questions = generous(annotation, "idiom")
    q = next(q for q in questions if "Hand" in q.prompt)
    assert q.choices[q.answer] == "you scratch my back and I'll scratch yours"
    assert len(q.choices) == 4


# --------------------------------------------------------------------------- rules


def test_every_question_passes_the_rule_checks(annotation):
    questions = quiz_generate(annotation, seed=0, count=60)
    assert {q.kind for q in questions} == set(KINDS)
    assert check_quiz(questions, annotation) == {}


@pytest.mark.parametrize("seed", range(5))
def test_rule_checks_hold_for_other_seeds(annotation, seed):
    assert check_quiz(quiz_generate(annotation, seed=seed), annotation) == {}


def test_each_question_is_answerable_from_its_source_sentence(quiz, annotation):
    texts = {s.text for s in article_sentences(annotation)}
    for q in quiz:
        assert q.sentence in texts
        a, b = q.highlight
        assert q.sentence[a:b]


def test_exactly_one_choice_is_right(quiz):
    for q in quiz:
        assert 0 <= q.answer < len(q.choices)
        if q.kind in {"details", "vocabulary"}:
            fits = [c for c in q.choices if body(q).replace(GAP, c) == q.sentence]
            assert fits == [q.choices[q.answer]]


def test_choices_are_distinct(quiz):
    for q in quiz:
        assert len(set(q.choices)) == len(q.choices) >= 2


def test_choices_are_of_the_same_kind_as_the_answer(annotation):
    for q in generous(annotation, "details"):
        assert len({any(ch.isdigit() for ch in c) for c in q.choices}) == 1


def test_choices_are_shuffled_deterministically(annotation):
    first = [q.choices for q in quiz_generate(annotation, seed=3)]
    again = [q.choices for q in quiz_generate(copy.deepcopy(annotation), seed=3)]
    assert first == again
    positions = [
        q.answer for q in quiz_generate(annotation, seed=3, count=60) if q.kind != "true_false"
    ]
    assert len(set(positions)) > 1, "the right answer is not always in the same place"


def test_no_prompt_reveals_its_answer(annotation):
    for q in quiz_generate(annotation, seed=0, count=60):
        if q.kind != "true_false":
            assert q.choices[q.answer].casefold() not in body(q).replace(GAP, " ").casefold()


def test_a_sentence_repeating_the_answer_gets_no_gap_question():
    text = (
        "In Leipzig wohnen 500 Menschen, und 500 Menschen arbeiten in Dresden und Berlin täglich.\n"
    )
    text += "Nach Angaben der Stadt kamen 14 Entwürfe und 30 Pläne aus Bremen in die engere Wahl.\n"
    annotation = annotate(text)
    for q in quiz_generate(annotation, count=20):
        if q.kind == "details":
            assert q.choices[q.answer] != "500"


def test_same_article_version_gives_the_same_quiz(annotation):
    a = [q.as_dict() for q in quiz_generate(annotation, seed=0)]
    b = [q.as_dict() for q in quiz_generate(copy.deepcopy(annotation), seed=0)]
    assert a == b


def test_another_seed_gives_another_quiz(annotation):
    a = [(q.kind, q.choices) for q in quiz_generate(annotation, seed=0)]
    b = [(q.kind, q.choices) for q in quiz_generate(annotation, seed=1)]
    assert a != b


def test_question_count_scales_with_length(annotation):
    assert word_count(annotation) >= 300
    assert len(quiz_generate(annotation)) >= 8
    assert target_count(300) >= 8 and 10 <= target_count(750) <= 15
    short = annotate(
        "Der Stadtrat von Leipzig hat am Dienstag den Bau einer neuen Brücke beschlossen.\n"
    )
    assert len(quiz_generate(short)) <= 3


def test_questions_ask_about_different_sentences_and_mix_kinds(quiz):
    assert len({q.sentence for q in quiz}) == len(quiz)
    assert len({q.kind for q in quiz}) >= 4


def test_headings_quotes_and_captions_give_no_questions(annotation):
    for q in quiz_generate(annotation, count=60):
        assert not q.sentence.startswith("„")
        assert q.sentence != "Der Haushalt der Stadt ist knapp"
    caption = annotate(
        "Foto: Anna Berger stellte den Plan am Dienstag in Leipzig mit 400 Gästen vor.\n"
    )
    assert quiz_generate(caption, count=5) == []


def test_dropped_questions_are_not_generated_again(annotation):
    quiz = quiz_generate(annotation, seed=0)
    dropped = quiz[0]
    again = quiz_generate(annotation, seed=0, exclude=[(dropped.kind, dropped.anchor)])
    assert (dropped.kind, dropped.anchor) not in {(q.kind, q.anchor) for q in again}


def test_rule_check_catches_a_broken_question(quiz, annotation):
    q = copy.deepcopy(next(q for q in quiz if q.kind == "details"))
    q.choices[(q.answer + 1) % len(q.choices)] = q.choices[q.answer]
    assert "choices not distinct" in check_question(q, annotation)
    q = copy.deepcopy(next(q for q in quiz if q.kind == "details"))
    q.prompt = q.prompt.replace(GAP, q.choices[q.answer] + " " + GAP, 1)
    assert "prompt reveals the answer" in check_question(q, annotation)


def test_the_dateline_place_is_not_asked_about():
    text = (
        "Leipzig – Der Stadtrat von Dresden hat am Dienstag den Bau einer neuen Brücke in "
        "Hamburg und Bremen beschlossen.\n"
        "In Berlin kostet die Brücke nach einem Gutachten rund 48 Millionen Euro.\n"
    )
    for q in quiz_generate(annotate(text), count=20):
        assert not (
            q.kind in {"details", "true_false"}
            and q.sentence[q.highlight[0] :].startswith("Leipzig –")
        )


def test_a_false_statement_swaps_a_number_for_one_of_the_same_magnitude(annotation):
    def number(text):
        return float(text.replace(".", "").replace(",", "."))

    swaps = 0
    for seed in range(6):
        for q in quiz_generate(annotation, seed=seed, count=60):
            if q.kind == "true_false" and q.answer == 1:
                a, b = q.highlight
                original = q.sentence[a:b]
                if original[0].isdigit():
                    swapped = body(q)[a : len(body(q)) - (len(q.sentence) - b)]
                    ratio = number(swapped) / number(original)
                    assert 0.1 <= ratio <= 10, (original, swapped)
                    swaps += 1
    assert swaps


def test_names_swap_only_within_the_same_sex_when_a_role_noun_shows_it():
    from reader.quiz.generate import article_sentences, extract_facts

    text = (
        "Die Bürgermeisterin Anna Berger lobte am Dienstag den Plan für die Brücke in Leipzig.\n"
        "Der Trainer Thomas Keller kritisierte den Plan am Freitag in Dresden sehr deutlich.\n"
    )
    facts = {f.value: f.gender for f in extract_facts(article_sentences(annotate(text)))}
    assert facts["Anna Berger"] == "f" and facts["Thomas Keller"] == "m"
    for q in quiz_generate(annotate(text), count=20):
        if "Anna Berger" in q.sentence and q.kind == "details":
            assert "Thomas Keller" not in q.choices


def test_towns_and_regions_do_not_swap():
    # Mannheim -> Baden-Württemberg would make a "false" statement that is still true.
    from reader.quiz.generate import REGIONS

    text = (
        "Die Bahn verbindet Leipzig und Dresden seit dem Jahr 2013 mit einer neuen Linie.\n"
        "In Sachsen fahren nach Angaben der Bahn täglich rund 400 Züge auf der Strecke.\n"
        "Auch Bayern und Hessen planen neue Linien für rund 48 Millionen Euro.\n"
        "In Hamburg und Berlin stieg die Zahl der Fahrgäste im Jahr 2027 stark.\n"
    )
    for q in quiz_generate(annotate(text), count=30):
        if q.kind == "details" and q.choices[q.answer] in REGIONS:
            assert all(c in REGIONS for c in q.choices), q.choices
        if q.kind == "details" and q.prompt.startswith("Which place"):
            assert not any(c in REGIONS for c in q.choices), q.choices


@pytest.mark.parametrize("seed", range(4))
def test_true_and_false_statements_come_in_equal_numbers(annotation, seed):
    answers = [
        q.answer for q in quiz_generate(annotation, seed=seed, count=30) if q.kind == "true_false"
    ]
    assert len(answers) >= 2
    assert abs(answers.count(0) - answers.count(1)) <= 1


def test_a_year_is_only_swapped_for_another_year():
    text = (
        "Die Malerin Anna Berger arbeitete um 1800 in Dresden und lobte die Stadt sehr.\n"
        "Der Katalog der Ausstellung hat nach Angaben der Stadt 320 Seiten und kostet 48 Euro.\n"
        "Die Ausstellung in Leipzig zeigte im Jahr 1850 rund 120 Bilder aus Sachsen.\n"
        "Im Jahr 2013 stieg die Zahl der Zuschauer in Dresden auf 400 pro Tag.\n"
    )
    seen = 0
    for seed in range(5):
        for q in quiz_generate(annotate(text), seed=seed, count=30):
            a, b = q.highlight
            if q.sentence[a:b] != "1800":
                continue
            seen += 1
            if q.kind == "details":
                assert set(q.choices) <= {"1800", "1850", "2013"}
            if q.kind == "true_false" and q.answer == 1:
                assert any(y in body(q) for y in ("1850", "2013"))
    assert seen


# --------------------------------------------------------------------------- first impression

DATELINE_TEXT = (
    "Leipzig (dpa) – Der Stadtrat von Dresden hat am Dienstag den Bau einer neuen Brücke über "
    "die Elbe in Hamburg beschlossen.\n"
    "In Berlin kostet die Brücke nach einem Gutachten rund 48 Millionen Euro und 12 Radwege.\n"
    "Bürgermeisterin Anna Berger lobte den Plan am Freitag als wichtigen Schritt für Bremen.\n"
    "Nach ihren Worten nutzen täglich etwa 35.000 Fahrgäste die Straßenbahn in Dresden.\n"
)


def test_prompts_quote_a_sentence_without_its_dateline():
    annotation = annotate(DATELINE_TEXT)
    questions = [q for q in quiz_generate(annotation, count=40) if "(dpa)" in q.sentence]
    assert questions, "the dateline sentence is still asked about"
    for q in questions:
        assert "(dpa)" not in q.prompt and "Leipzig –" not in q.prompt
        assert body(q).startswith("Der Stadtrat")
        # The stored sentence, its anchor and the highlight stay those of the whole sentence.
        a, b = q.highlight
        assert q.sentence.startswith("Leipzig (dpa) – ")
        if q.kind == "details":
            assert q.sentence[a:b] == q.choices[q.answer]
    assert check_quiz(questions, annotation) == {}


@pytest.mark.parametrize(
    "opening",
    ["Leipzig (taz) – ", "Dresden an der Elbe – ", "Hamburg - ", "Berlin/Bremen (dpa) – "],
)
def test_datelines_of_several_shapes_are_recognised(opening):
    from reader.quiz.generate import dateline_end

    tokens = annotate(opening + "Der Stadtrat von Leipzig hat den Bau beschlossen.\n")
    tokens = tokens["sentences"][0]["tokens"]
    assert tokens[dateline_end(tokens)]["text"] == "Der"


def test_a_sentence_with_a_dash_inside_has_no_dateline():
    from reader.quiz.generate import dateline_end

    sentence = "Der Stadtrat – so die Bürgermeisterin – hat den Bau beschlossen.\n"
    assert dateline_end(annotate(sentence)["sentences"][0]["tokens"]) == 0


@pytest.mark.parametrize("seed", range(4))
def test_the_quiz_opens_with_a_who_or_where_question(annotation, seed):
    first = quiz_generate(annotation, seed=seed)[0]
    assert first.kind == "details"
    assert first.prompt.startswith(("Who is it?", "Which place", "Which country", "Which name"))


@pytest.mark.parametrize("seed", range(4))
def test_no_two_questions_of_one_kind_follow_each_other(annotation, seed):
    quiz = quiz_generate(annotation, seed=seed, count=14)
    kinds = [q.kind for q in quiz]
    assert all(a != b for a, b in zip(kinds, kinds[1:], strict=False)), kinds


def test_the_order_interleaves_content_and_language_questions():
    from reader.quiz.generate import Question, quiz_order

    def q(kind, index, instruction="Which number completes the sentence?"):
        return Question(kind, f"{instruction}\nx", ["a", "b"], 0, "x", "", index, [0, 1])

    questions = [
        q("meaning", 0),
        q("vocabulary", 1),
        q("details", 2),
        q("compound", 3),
        q("true_false", 4),
        q("details", 5, "Who is it?"),
    ]
    order = [(x.kind, x.sentence_index) for x in quiz_order(questions)]
    # Who first; then text order, content and language taking turns.
    assert order == [
        ("details", 5),
        ("meaning", 0),
        ("details", 2),
        ("vocabulary", 1),
        ("true_false", 4),
        ("compound", 3),
    ]
