"""The no-German solver of bench/quiz_solver.py answers by the form of a question alone."""

import importlib.util
import sys
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "quiz_solver", Path(__file__).resolve().parent.parent / "bench" / "quiz_solver.py"
)
quiz_solver = importlib.util.module_from_spec(_SPEC)
sys.modules["quiz_solver"] = quiz_solver  # dataclasses look their module up there
_SPEC.loader.exec_module(quiz_solver)
solve = quiz_solver.solve

ARTICLE = (
    "Kiel – Der Stadtrat hat am Mittwoch den Bau einer neuen Brücke über die Förde beschlossen. "
    "Bürgermeisterin Anna Weber sagte, die Brücke koste rund 40 Millionen Euro. "
    "Kritik kam vom Bund der Steuerzahler."
)


def test_gap_takes_the_choice_whose_filled_line_stands_in_the_article():
    prompt = "Which number completes the sentence?\ndie Brücke koste rund ___ Millionen Euro."
    found = solve(prompt, ["30", "40", "50"], ARTICLE)
    assert (found.choice, found.rule) == (1, "gap")


def test_gap_without_an_exact_line_takes_the_longest_stretch_around_the_choice():
    # The prompt rewords the end: only "den Bau einer neuen Brücke" stands in the text.
    prompt = "Der Stadtrat will den Bau einer neuen ___ am Hafen."
    assert solve(prompt, ["Schule", "Brücke", "Förde"], ARTICLE).choice == 1


def test_a_statement_copied_from_the_article_is_called_true():
    prompt = (
        "True or false?\nBürgermeisterin Anna Weber sagte, die Brücke koste rund 40 Millionen Euro."
    )
    assert solve(prompt, ["True", "False"], ARTICLE) == quiz_solver.Solution(0, "truth")


def test_a_reworded_statement_is_called_false_even_when_it_is_true():
    prompt = "Richtig, falsch oder steht nicht im Text?\nDie Brücke kostet etwa 40 Millionen Euro."
    choices = ["richtig", "falsch", "steht nicht im Text"]
    assert solve(prompt, choices, ARTICLE).choice == 1


def test_not_in_the_text_only_when_no_content_word_occurs():
    prompt = "Richtig, falsch oder steht nicht im Text?\nDas Museum öffnet sonntags."
    choices = ["richtig", "falsch", "steht nicht im Text"]
    assert solve(prompt, choices, ARTICLE).choice == 2


def test_gloss_takes_the_english_choice_spelt_most_like_the_word():
    prompt = "What does „Brücke“ mean here?\ndie Brücke koste rund 40 Millionen Euro."
    found = solve(prompt, ["tax", "bruckle", "council", "euro"], ARTICLE)
    assert (found.choice, found.rule) == (1, "gloss")


def test_w_question_takes_the_choice_nearest_to_the_question_words():
    prompt = "Wer sagte, die Brücke koste rund 40 Millionen Euro?"
    found = solve(prompt, ["Stadtrat", "Anna Weber", "Steuerzahler"], ARTICLE)
    assert (found.choice, found.rule) == (1, "nearest")


def test_anything_else_gets_the_first_choice():
    found = solve("Which headline fits?", ["Eine Brücke für Kiel", "Neue Schule"], ARTICLE)
    assert (found.choice, found.rule) == (0, "first")
