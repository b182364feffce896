"""Rules that drop a question before any teacher sees it (issue 17, item 5).

Each rule looks at one candidate question with the article's context and returns why it must
go, or None. The mixer (generate.py) runs them all on every candidate; a kind need not know
them, though a kind that avoids the fault in the first place loses fewer questions. One rule
works on the quiz as a whole and lives in the mixer: the same target (fact or word) is never
asked twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from reader.quiz.facts import Fact
from reader.quiz.helpers import Question, norm
from reader.quiz.kinds.base import ArticleContext
from reader.quiz.sentences import Sent

# Kinds whose choices are German words or names from the article (not English glosses).
WORD_CHOICES = frozenset({"details", "vocabulary"})
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?")
# Verbs too common to tie two sentences together.
# How many nouns and verbs two sentences share before a fact of one is in the other's role.
SAME_ROLE = 2
_WEAK_VERBS = frozenset({"sein", "haben", "werden", "geben"})


def _body(q: Question) -> str:
    return q.prompt.split("\n", 1)[-1]


def _is_clean(choice: str) -> bool:
    if _NUMBER.fullmatch(choice):
        return True
    words = choice.split(" ")
    return all(
        _NAME_WORD.fullmatch(w) and not re.search(r"[a-zäöüß][A-ZÄÖÜ]", w) for w in words
    ) and not choice.endswith(("-", "."))


def unclean_options(q: Question, context: ArticleContext) -> str | None:
    """An option that is no clean word, number or name: cut off (Johanna of Johanna Moser as
    a name of its own), run together (MoserGraz), with punctuation stuck to it."""
    if q.kind not in WORD_CHOICES:
        return None
    if not all(_is_clean(c) for c in q.choices):
        return "an option is not a clean word or name"
    firsts = {f.value.split()[0] for f in context.facts if " " in f.value}
    lasts = {f.value.split()[-1] for f in context.facts if " " in f.value}
    if q.kind == "details" and any(c in firsts - lasts for c in q.choices):
        return "an option is a name cut off"
    return None


def _facts_of(value: str, facts: Sequence[Fact]) -> list[Fact]:
    return [f for f in facts if norm(f.text) == norm(value) or norm(f.value) == norm(value)]


def non_people_options(q: Question, context: ArticleContext) -> str | None:
    """A question about a person (Wer ...?) whose options are not all people."""
    if q.kind != "details" or not _body(q).startswith(("Wer ", "Who ")):
        return None
    for choice in q.choices:
        found = _facts_of(choice, context.facts)
        if not found or not all(f.cls.startswith("person") for f in found):
            return f"„{choice}“ is not a person"
    return None


def _name_words(choice: str) -> set[str]:
    return {re.sub(r"(s|'|’)$", "", w.casefold()) for w in choice.split() if len(w) > 2}


def two_forms_of_one_name(q: Question, context: ArticleContext) -> str | None:
    """Two options that are forms of one name (Kim and Kim Jong Un, Putin and Putins)."""
    if q.kind != "details" or any(_NUMBER.fullmatch(c) for c in q.choices):
        return None
    for k, a in enumerate(q.choices):
        for b in q.choices[k + 1 :]:
            if _name_words(a) & _name_words(b):
                return f"„{a}“ and „{b}“ are one name"
    return None


def category_crossing(q: Question, context: ArticleContext) -> str | None:
    """Options of different categories (a place among people, a person among places): the
    odd one out is excluded by its category alone."""
    if q.kind != "details":
        return None
    classes = set()
    for choice in q.choices:
        found = {f.cls.split("+")[0] for f in _facts_of(choice, context.facts)}
        if len(found) > 1:
            return f"„{choice}“ is of two categories in the article"
        classes |= found
    if len(classes) > 1:
        return "options of different categories"
    return None


def _content(sent: Sent, fact: Fact) -> set[str]:
    """The nouns and verbs of a sentence (lemmas), without the fact itself."""
    return {
        t.headword.casefold()
        for k, t in enumerate(sent.tokens)
        if not fact.start <= k < fact.end
        and (t.xpos == "NN" or t.upos == "VERB")
        and t.lemma not in _WEAK_VERBS
    }


def distractor_in_the_same_role(q: Question, context: ArticleContext) -> str | None:
    """A wrong option the article uses in the same role as the answer: in a sentence that
    shares SAME_ROLE nouns and verbs with the answer's (Markus Vogel "lobte den Radweg als
    Schritt für den Verkehr" when the question is who "lobte den Plan als Schritt für den
    Verkehr"): a reader could defend it as right."""
    if q.kind != "details":
        return None
    by_index = {s.index: s for s in context.sents}
    answer = [f for f in _facts_of(q.choices[q.answer], context.facts) if f.s == q.sentence_index]
    if not answer:
        return None
    said = _content(by_index[answer[0].s], answer[0])
    for k, choice in enumerate(q.choices):
        if k == q.answer:
            continue
        for f in _facts_of(choice, context.facts):
            if len(_content(by_index[f.s], f) & said) >= SAME_ROLE:
                return f"the article uses „{choice}“ in the same role"
    return None


def statement_from_a_question(q: Question, context: ArticleContext) -> str | None:
    """A statement to judge that was made from a question of the text (Wer soll das
    bezahlen?)."""
    if q.kind == "true_false" and q.sentence.rstrip().endswith("?"):
        return "the statement is made from a question"
    return None


REJECTIONS: tuple[Callable[[Question, ArticleContext], str | None], ...] = (
    unclean_options,
    non_people_options,
    two_forms_of_one_name,
    category_crossing,
    distractor_in_the_same_role,
    statement_from_a_question,
)


def rejection(q: Question, context: ArticleContext) -> str | None:
    """Why the question must be dropped, or None."""
    return next((why for rule in REJECTIONS if (why := rule(q, context))), None)
