"""bench/gloss_judged.py: judgements survive re-annotation only while the popover is unchanged."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import gloss_judged  # noqa: E402


def token(text, lemma, upos, gloss, **extra):
    return {"text": text, "ws": " ", "lemma": lemma, "upos": upos, "gloss": gloss, **extra}


def sentence(tokens, expressions=()):
    return {"tokens": tokens, "expressions": list(expressions)}


def annotation_with(headline: str, expressions=()):
    """'Der Umsatz ist stark gestiegen' with `headline` as the gloss of 'stark'."""
    return {
        "tune/01.txt": {
            "sentences": [
                sentence(
                    [
                        token("Der", "der", "DET", "the"),
                        token("Umsatz", "Umsatz", "NOUN", "turnover", gender="m", plural="Umsätze"),
                        token("ist", "sein", "AUX", "to be"),
                        token("stark", "stark", "ADJ", headline),
                        token("gestiegen", "steigen", "VERB", "to rise"),
                    ],
                    expressions,
                )
            ]
        }
    }


def judged_stark(verdict: str, shown_headline: str) -> dict:
    annotation = annotation_with(shown_headline)
    item = {"kind": "token", "file": "tune/01.txt", "s": 0, "t": 3, "surface": "stark"}
    item["shown"] = gloss_judged.shown_for(annotation["tune/01.txt"]["sentences"][0], 3)
    item["judged"] = {"gloss": verdict, "expected": "sharply", "lemma": True}
    return {gloss_judged.key_of(item): item}


def figure(rows, label):
    return next(r for r in rows if r.startswith(f"| {label} |"))


def test_unchanged_headline_keeps_its_judgement():
    rows, todo = gloss_judged.score(annotation_with("strong"), judged_stark("sense", "strong"))
    assert "0.0 % (0/1)" in figure(rows, "headline gloss fits")
    assert "100.0 % (1/1)" in figure(rows, "lemma right")
    assert todo == []


def test_changed_headline_needs_judging_and_is_not_counted():
    rows, todo = gloss_judged.score(annotation_with("sharply"), judged_stark("sense", "strong"))
    assert figure(rows, "headline gloss fits").count("-") >= 3  # nothing judged for the gloss
    assert "100.0 % (1/1)" in figure(rows, "lemma right")  # the lemma did not change
    assert [(i["surface"], i["needs"]) for i in todo] == [("stark", ["gloss"])]
    assert "[stark]" in todo[0]["context"]


def test_headline_of_a_word_in_an_expression_is_the_expression_gloss():
    expression = {"type": "idiom", "tokens": [3, 4], "lemma": "stark steigen", "gloss": "to soar"}
    annotation = annotation_with("strong", [expression])
    shown = gloss_judged.shown_for(annotation["tune/01.txt"]["sentences"][0], 3)
    assert shown["headline"] == "to soar"
    assert shown["expression"] == "idiom: stark steigen"


def test_a_missed_expression_counts_as_found_once_an_expression_covers_it():
    missed = {
        "kind": "missed",
        "file": "tune/01.txt",
        "s": 0,
        "type": "idiom",
        "tokens": [3, 4],
        "lemma": "stark steigen",
    }
    judged = {gloss_judged.key_of(missed): missed}
    rows, _ = gloss_judged.score(annotation_with("strong"), judged)
    assert "0.0 % (0/1)" in figure(rows, "  recall, idiom")
    found_as_light_verb = {"type": "light_verb", "tokens": [2, 3, 4], "lemma": "x", "gloss": "y"}
    rows, todo = gloss_judged.score(annotation_with("strong", [found_as_light_verb]), judged)
    assert "100.0 % (1/1)" in figure(rows, "  recall, idiom")
    # The new expression awaits a verdict (the words wait too: none were judged here).
    assert [i["type"] for i in todo if i["kind"] == "expression"] == ["light_verb"]


def test_merge_adds_judged_lines_and_rejects_a_token_without_verdict(tmp_path):
    judged_file = tmp_path / "judged.jsonl"
    (item,) = judged_stark("fits", "sharply").values()
    source = tmp_path / "new.jsonl"
    source.write_text(json.dumps({**item, "needs": ["gloss"], "context": "x"}) + "\n")
    assert gloss_judged.merge(judged_file, {}, source) == 1
    (stored,) = gloss_judged.read_judged(judged_file).values()
    assert stored["judged"]["gloss"] == "fits" and "needs" not in stored

    del item["judged"]["gloss"]
    source.write_text(json.dumps(item) + "\n")
    try:
        gloss_judged.merge(judged_file, {}, source)
    except SystemExit as stop:
        assert "no verdict for gloss" in str(stop)
    else:
        raise AssertionError("a token line without a gloss verdict was merged")
