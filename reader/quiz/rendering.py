"""The quiz page's questions, each rendered once per process and reused (found by
bench/quiz_page.py: rendering every question for every request, with two URL reverses and a
CSRF field each, was most of a quiz page's CPU time, and a class takes the quiz at once).

A question's markup (the `question` partial of reader/quiz.html) depends on the question as
learners see it, the article (its URLs) and the learner's answer, if any, and on nothing else
but the CSRF token of its form. So the cache is keyed by those values themselves, read from the
question row that every request loads anyway: a teacher's edit, a regenerated quiz (new rows)
or another answer is another key, and an entry can never be stale. The CSRF field is a slot
filled in per request with the page's own token (the one every form of a page shares, as with
`{% csrf_token %}`), so a cached page is exactly the page rendered without the cache
(tests/test_quiz_rendering.py compares them).

A small LRU per process, holding strings: about 1.5 KB per question and answer, and any entry
costs well under a millisecond to make again.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe

from reader.quiz.models import QuizQuestion

# Stands for the CSRF token while a question renders for the cache. The template escapes every
# value it writes, so "<" cannot come out of a question's text: only the CSRF field has this.
_CSRF_SLOT = "<csrf-token>"
# Questions x (no answer + one per choice) x articles: the seed quiz's 14 questions with four
# choices each are 70 entries.
MAX_ENTRIES = 2048


@dataclass(frozen=True)
class ShownQuestion:
    """All the `question` partial reads of a question (as attributes of the same names), in a
    hashable form: the cache key."""

    pk: int
    kind: str
    instruction: str
    body: str
    choices: tuple[str, ...]
    answer: int
    explanation: str
    sentence_parts: tuple[str, str, str]

    @classmethod
    def of(cls, question: QuizQuestion) -> ShownQuestion | None:
        """None for a question that cannot be a key: choices that are not a list of strings
        (the editor and the generator only write those; JSON would also allow 1 and True,
        which are equal keys but render differently)."""
        choices = question.choices
        if not isinstance(choices, list) or not all(type(c) is str for c in choices):
            return None
        return cls(
            pk=question.pk,
            kind=question.kind,
            instruction=question.instruction,
            body=question.body,
            choices=tuple(choices),
            answer=question.answer,
            explanation=question.explanation,
            sentence_parts=question.sentence_parts(),
        )


def question_item(question: QuizQuestion, choice: int | None) -> dict:
    """What the `question` partial takes as `item`: the question and this learner's answer."""
    return {
        "q": question,
        "choice": choice,
        "correct": choice is not None and choice == question.answer,
    }


def question_html(
    *,
    article_id: int,
    question: QuizQuestion,
    choice: int | None,
    csrf_token,
    closed_book: bool = False,
) -> SafeString:
    """The `question` partial of reader/quiz.html for this question and answer, as
    render_to_string would give it with the request: `csrf_token` is the page's token, as the
    csrf context processor gives it (a lazy object, evaluated only for a question with a form).
    `closed_book` leaves out what quotes the article (the explanation and the source sentence)."""
    shown = ShownQuestion.of(question)
    if shown is None:
        return mark_safe(_render(article_id, question, choice, csrf_token, closed_book))
    html = _cached(article_id, shown, choice, get_script_prefix(), closed_book)
    if _CSRF_SLOT in html:
        html = html.replace(_CSRF_SLOT, str(csrf_token))
    return mark_safe(html)


def quiz_items(
    *,
    article_id: int,
    questions,
    answers: dict[str, int],
    csrf_token,
    closed_book: bool = False,
) -> list[dict]:
    """The quiz page's questions with this learner's answers (`answers`: question id as a
    string -> choice), each with its markup as "html"."""
    items = []
    for question in questions:
        item = question_item(question, answers.get(str(question.pk)))
        item["html"] = question_html(
            article_id=article_id,
            question=question,
            choice=item["choice"],
            csrf_token=csrf_token,
            closed_book=closed_book,
        )
        items.append(item)
    return items


@functools.lru_cache(maxsize=MAX_ENTRIES)
def _cached(
    article_id: int,
    shown: ShownQuestion,
    choice: int | None,
    script_prefix: str,
    closed_book: bool,
) -> str:
    # script_prefix: the URLs in the markup start with it (a deployment under a sub-path).
    return _render(article_id, shown, choice, mark_safe(_CSRF_SLOT), closed_book)


def _render(
    article_id: int, question, choice: int | None, csrf_token: str, closed_book: bool
) -> str:
    context = {
        "article": {"pk": article_id},
        "item": question_item(question, choice),
        "csrf_token": csrf_token,
        "closed_book": closed_book,
    }
    return render_to_string("reader/quiz.html#question", context)


def clear() -> None:
    """Empty this process's cache (tests)."""
    _cached.cache_clear()
