"""A solver that knows no German (issue 17, item 8): how many quiz questions can be answered
by string matching alone, with the article open?

It sees what a student sees, the article's text and a question's prompt and choices, never the
answer, the source sentence or the explanation. It was written before reading the generator
and is deliberately not fitted to it: each rule is the cheapest trick a student who reads no
German could use, decided by the question's form alone:

- **gap** (the prompt has a ``___`` line): fill each choice into the gap; pick the one whose
  filled line stands in the article; else the one with the longest stretch around the choice
  that stands in the article;
- **truth** (the choices are true/false, richtig/falsch, steht nicht im Text, ...): "true"
  when the statement stands in the article word for word, else "false"; "not in the text" only
  when no content word (4 letters or more) of the statement occurs in the article at all;
- **gloss** (the prompt quotes a word, and most choices occur nowhere in the article, so they
  are in another language): the choice spelt
  most like the quoted word (``difflib`` ratio), English cognates being what it hopes for;
- **nearest** (a question, and some choice occurs in the article): the choice that occurs in
  the article nearest to the question's own words;
- **first**: anything else gets the first choice.

Matching ignores case, punctuation and the kind of quotation marks and dashes. No word list,
no dictionary, no German grammar: nothing here would work better for German than for Finnish.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

GAP = re.compile(r"_{3,}")
QUOTED = re.compile(r"„([^“”\"]+)[“”\"]|«([^»]+)»|»([^«]+)«|\"([^\"]+)\"|‚([^‘’]+)[‘’]")
WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)
CONTENT_WORD_LETTERS = 4
NEAR_WINDOW = 15

TRUE_LABELS = {"true", "richtig", "wahr", "stimmt", "ja", "yes", "correct"}
FALSE_LABELS = {"false", "falsch", "stimmt nicht", "nein", "no", "incorrect", "wrong"}
NOT_GIVEN_MARKERS = ("nicht im text", "not in the text", "not given", "nicht erwähnt", "not stated")


def normalise(text: str) -> str:
    """Lower case, one space between words, every quotation mark and dash alike."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"[„“”«»‚‘’\"']", '"', text)
    text = re.sub(r"[–—‑]", "-", text)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    return WORD.findall(normalise(text))


def word_text(text: str) -> str:
    """Words only, space-separated: matching that ignores punctuation."""
    return " " + " ".join(words(text)) + " "


@dataclass(frozen=True)
class Solution:
    choice: int
    rule: str


def truth_label(choice: str) -> str | None:
    """'true', 'false', 'not_given' or None for a choice that is no truth value."""
    text = normalise(choice).strip(" .!")
    if any(marker in text for marker in NOT_GIVEN_MARKERS):
        return "not_given"
    if text in TRUE_LABELS:
        return "true"
    if text in FALSE_LABELS:
        return "false"
    return None


def statement_of(prompt: str) -> str:
    """The statement to judge: the prompt after its first line, the instruction (the whole
    prompt when it is one line)."""
    lines = [line.strip() for line in prompt.splitlines() if line.strip()]
    return " ".join(lines[1:]) if len(lines) > 1 else prompt


def solve_truth(prompt: str, labels: list[str], article: str) -> int:
    statement = statement_of(prompt)
    text = word_text(article)
    if word_text(statement).strip() and word_text(statement) in text:
        wanted = "true"
    else:
        content = [w for w in words(statement) if len(w) >= CONTENT_WORD_LETTERS]
        occurs = any(f" {w} " in text for w in content)
        wanted = "false" if occurs or "not_given" not in labels else "not_given"
    return labels.index(wanted) if wanted in labels else 0


def solve_gap(prompt: str, choices: list[str], article: str) -> int:
    line = next(line for line in prompt.splitlines() if GAP.search(line))
    before, after = GAP.split(line, maxsplit=1)
    left, right = words(before), words(after)
    text = word_text(article)

    def score(choice: str) -> int:
        middle = words(choice)
        if not middle or " " + " ".join(middle) + " " not in text:
            return 0
        best = len(" ".join(middle))
        # Grow the window left and right as far as it still stands in the article.
        for a in range(len(left) + 1):
            window_left = left[len(left) - a :]
            if " " + " ".join(window_left + middle) + " " not in text:
                break
            for b in range(len(right) + 1):
                window = window_left + middle + right[:b]
                if " " + " ".join(window) + " " not in text:
                    break
                best = max(best, len(" ".join(window)))
        return best

    scores = [score(choice) for choice in choices]
    return scores.index(max(scores))


def quoted_word(prompt: str) -> str | None:
    match = QUOTED.search(prompt)
    if not match:
        return None
    return next(group for group in match.groups() if group)


def solve_gloss(word: str, choices: list[str]) -> int:
    target = normalise(word)
    ratios = [difflib.SequenceMatcher(None, target, normalise(c)).ratio() for c in choices]
    return ratios.index(max(ratios))


def occurrences(phrase: list[str], tokens: list[str]) -> list[int]:
    n = len(phrase)
    return [i for i in range(len(tokens) - n + 1) if n and tokens[i : i + n] == phrase]


def solve_nearest(prompt: str, choices: list[str], article: str) -> int:
    tokens = words(article)
    positions: dict[str, list[int]] = {}
    for index, token in enumerate(tokens):
        positions.setdefault(token, []).append(index)
    question = {w for w in words(prompt) if len(w) >= CONTENT_WORD_LETTERS and w in positions}

    def score(choice: str) -> tuple[int, float]:
        phrase = words(choice)
        own = set(phrase)
        cues = question - own
        best = (-1, 0.0)
        for start in occurrences(phrase, tokens):
            centre = range(start, start + len(phrase))
            near, closeness = 0, 0.0
            for cue in cues:
                distance = min(abs(p - c) for p in positions[cue] for c in centre)
                if distance <= NEAR_WINDOW:
                    near += 1
                closeness += 1 / (1 + distance)
            best = max(best, (near, closeness))
        return best

    scores = [score(choice) for choice in choices]
    return scores.index(max(scores))


def solve(prompt: str, choices: list[str], article: str) -> Solution:
    """The choice a reader without German would pick, and the rule that picked it."""
    labels = [truth_label(choice) for choice in choices]
    if choices and all(labels):
        return Solution(solve_truth(prompt, labels, article), "truth")
    if GAP.search(prompt):
        return Solution(solve_gap(prompt, choices, article), "gap")
    text = word_text(article)
    in_article = [" " + " ".join(words(c)) + " " in text for c in choices if words(c)]
    word = quoted_word(prompt)
    if word and 2 * sum(in_article) < len(choices):
        return Solution(solve_gloss(word, choices), "gloss")
    if "?" in prompt and any(in_article):
        return Solution(solve_nearest(prompt, choices, article), "nearest")
    return Solution(0, "first")
