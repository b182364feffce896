"""Comprehension quizzes generated from an annotated article, with no Django import: the mixer.

`quiz_generate(annotation, seed=0)` takes the stored annotation JSON (DESIGN.md) or the
nlp.document.Annotation decoded from it, and returns a list of `Question`s. Everything random
comes from one `random.Random` seeded with the seed and a fingerprint of the article's
sentences, so the same article version always yields the same quiz, in a view, a task, the
`quiz` command or a benchmark alike.

Each kind of question is a module of reader/quiz/kinds/ (its docstring says how to add one) that
proposes candidate questions, each tied to the sentence it comes from; this module picks the quiz
from them (how many, which kinds take turns, one question a sentence) and puts it in order.
Sentences and their facts are reader/quiz/sentences.py and reader/quiz/facts.py; what every kind
shares is reader/quiz/helpers.py.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from nlp.document import Annotation, stored_sentence_texts
from reader.quiz.facts import GERMAN_STATES, PLACES, REGIONS, extract_facts
from reader.quiz.helpers import (
    FALSE,
    GAP,
    TRUE,
    Question,
    cognate,
    guessable,
    norm,
    plain_english,
)
from reader.quiz.kinds import KINDS, REGISTRY, ArticleContext
from reader.quiz.kinds.compound import _compound, _part_distractor_ok, _sense_in_compound
from reader.quiz.kinds.details import asks_who_or_where
from reader.quiz.kinds.idiom import PHRASE_MEANINGS
from reader.quiz.kinds.meaning import _graded, _meaning, _senses_agree
from reader.quiz.kinds.true_false import _leans_on_context
from reader.quiz.kinds.vocabulary import _is_time_word, _vocabulary
from reader.quiz.rejections import rejection
from reader.quiz.sentences import (
    Sent,
    anchor_for,
    article_sentences,
    dateline_end,
    typed,
    word_count,
)

# The names callers and tests imported from here before the kinds had modules of their own
# (tests/test_quiz_generate.py reaches some private ones); new code imports from the module
# that defines a name.
_cognate, _guessable, _plain_english = cognate, guessable, plain_english
__all__ = [
    "FALSE",
    "GAP",
    "GERMAN_STATES",
    "KINDS",
    "PHRASE_MEANINGS",
    "PLACES",
    "REGIONS",
    "TRUE",
    "Question",
    "_cognate",
    "_compound",
    "_graded",
    "_guessable",
    "_is_time_word",
    "_leans_on_context",
    "_meaning",
    "_part_distractor_ok",
    "_plain_english",
    "_sense_in_compound",
    "_senses_agree",
    "_vocabulary",
    "article_sentences",
    "dateline_end",
    "extract_facts",
    "fingerprint",
    "quiz_generate",
    "quiz_order",
    "word_count",
]

# The order in which kinds take turns: about half about the content (details, true/false, the
# whole-text and the who-said-it questions), so an article of 300 words gets at least five
# kinds among its first eight questions and 40 % of them about what it says. The main idea
# chooses first: it is asked on the lead, which a details question would take otherwise.
ROTATION = (
    "main_idea",
    "true_false",
    "speaker",
    "reference",
    "idiom",
    "meaning",
    "heading",
    "true_false",
    "speaker",
    "reference",
    "meaning",
    "true_false",
    "idiom",
)
# Asked only when the kinds above have nothing left (a long quiz), or to give an article
# MIN_KINDS kinds: the blind reviews judged no compound item usable unchanged (0 of 64: part
# glosses in the wrong sense make absurd choices), 2 of 31 vocabulary gaps (other choices fit
# the gap too), and every details question (30 of 30) answerable by finding its words in the
# text (the solver that reads no German answered them all by proximity).
LAST_RESORT = ("details", "vocabulary", "compound")
MIN_KINDS = 5


def rotation() -> tuple[str, ...]:
    """ROTATION, then once each registered kind it does not name (a kind added later), but
    not the last-resort kinds."""
    return ROTATION + tuple(k for k in KINDS if k not in ROTATION and k not in LAST_RESORT)


def fingerprint(annotation: Annotation | Mapping) -> str:
    """A digest of the annotation's version and sentence texts: a quiz's questions fit the
    article while its fingerprint is the article's. The stored JSON is read without decoding
    it (nlp.document.stored_sentence_texts): services ask on every quiz page."""
    # An annotation without a version hashes "", as the fingerprints stored with quizzes
    # were computed (the typed document has None for a missing version).
    if isinstance(annotation, Annotation):
        version = "" if annotation.version is None else annotation.version
        texts: Iterable[str] = (s.text for s in annotation.sentences)
    else:
        version, texts = annotation.get("version", ""), stored_sentence_texts(annotation)
    h = hashlib.sha256(str(version).encode())
    for text in texts:
        h.update(text.encode())
        h.update(b"\x00")
    return h.hexdigest()[:16]


def quiz_generate(
    annotation: Annotation | Mapping,
    seed: int = 0,
    *,
    count: int | None = None,
    avoid_anchors: Iterable[str] = (),
    exclude: Iterable[tuple[str, str]] = (),
    title: str = "",
) -> list[Question]:
    """The quiz of an annotated article, in text order.

    `count` overrides the length-based number of questions; `avoid_anchors` are sentences that
    already have a (teacher-edited) question; `exclude` are (kind, anchor) pairs a teacher
    dropped, which regeneration must not bring back; `title` is the article's (it tells a
    commentary from a report).
    """
    annotation = typed(annotation)  # decoded once; every step below reads the typed document
    quiz_seed = f"{seed}:{fingerprint(annotation)}"
    rng = random.Random(quiz_seed)
    sents = article_sentences(annotation)
    if not sents:
        return []
    context = ArticleContext(
        annotation=annotation,
        sents=sents,
        facts=extract_facts(sents),
        rng=rng,
        all_texts=frozenset(norm(s.text) for s in sents),
        title=title,
        paragraphs={k: s.paragraph for k, s in enumerate(annotation.sentences)},
    )
    by_kind = _candidates_by_kind(context, set(exclude), quiz_seed)
    _put_opener_first(by_kind)
    avoid = set(avoid_anchors)
    n = count if count is not None else target_count(word_count(annotation))
    used_sentences = {anchor_for(s.text) for s in sents if anchor_for(s.text) in avoid}
    chosen = _choose_with_kinds(by_kind, n - len(used_sentences), sents, used_sentences, avoid, rng)
    return quiz_order(chosen)


def _choose_with_kinds(
    by_kind: dict[str, list[Question]],
    n: int,
    sents: Sequence[Sent],
    used_sentences: set[str],
    avoid: set[str],
    rng: random.Random,
) -> list[Question]:
    """_choose over the rotation's kinds, taking the last-resort kinds in from the start, one
    by one, while the quiz would have fewer than MIN_KINDS kinds (a commentary quotes nobody
    and has few facts)."""
    first = [k for k in rotation() if by_kind[k]]
    spare = [k for k in LAST_RESORT if by_kind[k]]
    state = rng.getstate()
    while True:
        rng.setstate(state)
        used = set(used_sentences)
        chosen = _choose(by_kind, n, sents, used, avoid, rng, first, spare)
        if len({q.kind for q in chosen}) >= min(MIN_KINDS, n) or not spare:
            used_sentences |= used
            return chosen
        # In the first round of turns, not after the repeats, or it would never come up.
        repeat = next((i for i, k in enumerate(first) if k in first[:i]), len(first))
        first = [*first[:repeat], spare.pop(0), *first[repeat:]]


def _candidates_by_kind(
    context: ArticleContext, excluded: set[tuple[str, str]], quiz_seed: str
) -> dict[str, list[Question]]:
    """Every kind's candidate questions, best first, without the ones a rejection rule finds
    fault with and the (kind, anchor) pairs a teacher dropped."""
    # Each kind draws from a random of its own, seeded by the quiz's seed and its name: a
    # change in one kind (another candidate, one more shuffle) leaves every other kind's
    # questions as they were, so their reviews stay valid and a kind can be added anywhere.
    rngs = {kind.name: random.Random(f"{quiz_seed}:{kind.name}") for kind in REGISTRY}
    by_kind = {}
    for kind in REGISTRY:
        own = replace(context, rng=rngs[kind.name])
        by_kind[kind.name] = [q for q in kind.candidates(own) if rejection(q, own) is None]
    for kind, questions in by_kind.items():
        kept = []
        for q in questions:
            q.anchor = anchor_for(q.sentence)
            if (kind, q.anchor) not in excluded:
                kept.append(q)
        # Best first, ties broken by the seeded shuffle already applied to the order.
        order = list(range(len(kept)))
        rngs[kind].shuffle(order)
        by_kind[kind] = [kept[k] for k in sorted(order, key=lambda k: -kept[k].score)]
    return by_kind


def _put_opener_first(by_kind: dict[str, list[Question]]) -> None:
    """The quiz opens with a who or where question (quiz_order): make sure one is chosen, the
    best and earliest, as the lead of a report carries its gist. The main idea, chosen first,
    is asked on the lead (kinds/main_idea.py): the opener is one of the other sentences then."""
    lead = {q.anchor for q in by_kind.get("main_idea", ())}
    openers = [q for q in by_kind["details"] if _opener_rank(q) == 0 and q.anchor not in lead]
    if openers:
        opener = min(openers, key=lambda q: (-q.score, q.sentence_index))
        by_kind["details"].remove(opener)
        by_kind["details"].insert(0, opener)


def _choose(
    by_kind: dict[str, list[Question]],
    n: int,
    sents: Sequence[Sent],
    used_sentences: set[str],
    avoid: set[str],
    rng: random.Random,
    first: Sequence[str],
    spare: Sequence[str],
) -> list[Question]:
    """`n` questions by a weighted round robin over the kinds (comprehension first: details
    and true/false come up most), each time the best question of that kind from a sentence
    not yet asked about (`used_sentences`, updated); sentences may be reused only when the
    article is too short for enough distinct ones, never those in `avoid`."""
    chosen: list[Question] = []
    targets: set[str] = set()
    # A choice that is a whole sentence of the article (the main idea's) shows it: no other
    # question may then ask about that sentence, its gap would stand filled among the choices.
    quoted = {anchor_for(s.shown): anchor_for(s.text) for s in sents}
    every = [*first, *(k for k in spare if k not in first)]
    last_tf = rng.randrange(3)
    # Fresh sentences from the first kinds, then from the spare ones too, then sentences
    # asked about already.
    for allow_reuse, kinds in ((False, first), (False, every), (True, every)):
        progress = True
        while len(chosen) < n and progress:
            progress = False
            for kind in kinds:
                if len(chosen) >= n:
                    break
                candidates = by_kind[kind]
                if kind == "true_false":
                    # The three answers take turns, so that none is a safe guess.
                    candidates = sorted(candidates, key=lambda q: (q.answer - last_tf - 1) % 3)
                for q in candidates:
                    if q in chosen or (q.target and norm(q.target) in targets):
                        continue  # the same fact or word is asked about once
                    if kind == "true_false" and not _keeps_answers_even(q, chosen):
                        continue
                    taken = q.anchor in used_sentences
                    if taken and (
                        not allow_reuse
                        or any(c.anchor == q.anchor and c.kind == q.kind for c in chosen)
                    ):
                        continue
                    if allow_reuse and taken and q.anchor in avoid:
                        continue
                    chosen.append(q)
                    used_sentences.add(q.anchor)
                    if q.target:
                        targets.add(norm(q.target))
                    used_sentences.update(
                        quoted[a] for a in map(anchor_for, q.choices) if a in quoted
                    )
                    if q.kind == "true_false":
                        last_tf = q.answer
                    progress = True
                    break
    return chosen


def _keeps_answers_even(q: Question, chosen: Sequence[Question]) -> bool:
    """Would the quiz's true/false answers stay spread (no answer more than a third of them
    plus one)? When an article offers few "steht nicht im Text" statements, "richtig" and
    "falsch" must not pile up into a safe guess."""
    answers = [c.answer for c in chosen if c.kind == "true_false"] + [q.answer]
    return answers.count(q.answer) <= len(answers) // 3 + 1


def target_count(words: int) -> int:
    """How many questions an article of this length gets: 8 at 300 words, 14 from 660 on."""
    if words < 60:
        return min(3, max(1, words // 20))
    return max(3, min(14, 3 + words // 60))


# What a question asks about, for the order: the content of the text or its language.
CONTENT_KINDS = frozenset(kind.name for kind in REGISTRY if kind.content)


def _opener_rank(q: Question) -> int:
    """How well a question opens a quiz: who or where first, then another detail, then a
    true/false statement; vocabulary last, it is no warm-up."""
    if q.kind == "details":
        return 0 if asks_who_or_where(q) else 1
    return 2 if q.kind == "true_false" else 3


def _can_follow(q: Question, left: Sequence[Question]) -> bool:
    """After `q`, can the rest of `left` still line up with no kind twice in a row?"""
    rest = Counter(x.kind for x in left)
    rest[q.kind] -= 1
    m = len(left) - 1
    return all(c <= (m // 2 if k == q.kind else (m + 1) // 2) for k, c in rest.items())


def quiz_order(questions: Sequence[Question]) -> list[Question]:
    """The order a learner meets the questions in: an easy content question first (who or
    where), then roughly the text's order, each question of another kind than the one before
    and, while both are left, content and language questions taking turns."""
    left = sorted(questions, key=lambda q: (q.sentence_index, KINDS.index(q.kind)))
    if not left:
        return []
    first = min(left, key=lambda q: (_opener_rank(q), q.sentence_index))
    order = [first]
    left.remove(first)
    while left:
        prev = order[-1]
        possible = [q for q in left if q.kind != prev.kind and _can_follow(q, left)] or left
        nxt = next(
            (q for q in possible if (q.kind in CONTENT_KINDS) != (prev.kind in CONTENT_KINDS)),
            possible[0],
        )
        order.append(nxt)
        left.remove(nxt)
    return order
