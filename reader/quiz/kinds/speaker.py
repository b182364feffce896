"""Speaker: who said this? What a person said in reported speech (Konjunktiv I, "sagte X",
"so X"), without the words that name them; the choices are people the article names
(reader/quiz/people.py).

The best of these ask about a sentence that names nobody and goes on in Konjunktiv I with
what the sentence before reported: only a reader who sees that the mood marks reported speech
knows whose words they are. When what was said refers to the speaker (sie respektiere ...),
every choice is of the speaker's sex, so that "sie" does not give the answer away.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from reader.quiz.helpers import Question, norm, shuffled_choices
from reader.quiz.kinds.base import ArticleContext, Kind
from reader.quiz.people import (
    GENDERED_WORDS,
    Person,
    Report,
    article_people,
    article_reports,
    is_konjunktiv,
)
from reader.quiz.sentences import Sent

MIN_WORDS = 5


def _content(sent: Sent, report: Report) -> str:
    return sent.text[sent.offsets[report.start][0] : sent.offsets[report.end - 1][1]]


def _distance(person: Person, s: int) -> int:
    return min(abs(m.s - s) for m in person.mentions)


def _distractors(
    report: Report, people: Sequence[Person], speakers: set[str], content: str, gendered: bool
) -> list[Person]:
    pool = []
    for person in people:
        if person is report.speaker or norm(person.surname) in norm(content):
            continue
        if gendered and person.gender != report.speaker.gender:
            continue
        # Other speakers and people named nearby first: they could have said it.
        pool.append((person.name not in speakers, _distance(person, report.s), person.name, person))
    pool.sort(key=lambda p: p[:3])
    return [p[-1] for p in pool[:3]]


def _speaker_questions(
    sents: Sequence[Sent], paragraphs: Mapping[int, int], rng
) -> Iterable[Question]:
    people = article_people(sents)
    reports = article_reports(people, sents, paragraphs)
    speakers = {r.speaker.name for r in reports}
    by_index = {s.index: s for s in sents}
    for report in reports:
        sent = by_index[report.s]
        content = _content(sent, report)
        words = content.split()
        if len(words) < MIN_WORDS:
            continue
        gendered = any(w.strip(",.;:„“»«").casefold() in GENDERED_WORDS for w in words)
        if gendered and not report.speaker.gender:
            continue
        wrong = _distractors(report, people, speakers, content, gendered)
        if len(wrong) < 2:
            continue
        choices, answer = shuffled_choices(rng, report.speaker.name, [p.name for p in wrong])
        if report.named is not None:
            named = report.named
            highlight = [sent.offsets[named.start][0], sent.offsets[named.end - 1][1]]
            explanation = f"The sentence names who said it: {report.speaker.name}."
            score = 2.2
        else:
            verb = next(k for k in range(report.start, report.end) if is_konjunktiv(sent.tokens[k]))
            highlight = list(sent.offsets[verb])
            explanation = (
                f"„{sent.tokens[verb].text}“ is Konjunktiv I: the sentence goes on reporting "
                f"what {report.speaker.name} said in the one before."
            )
            score = 2.6
        opening = "…" if report.start > sent.dateline else ""
        yield Question(
            kind="speaker",
            prompt=f"Who said this, according to the article?\n{opening}{content}",
            choices=choices,
            answer=answer,
            sentence=sent.text,
            explanation=explanation,
            sentence_index=sent.index,
            highlight=highlight,
            score=score,
        )


def _one_speaker_first(questions: Iterable[Question]) -> list[Question]:
    """A speaker's second-best statement after every speaker's best: a quiz that asks "who
    said this?" twice should not have the same answer twice."""
    questions = list(questions)
    by_speaker: dict[str, list[Question]] = {}
    for q in questions:
        by_speaker.setdefault(q.choices[q.answer], []).append(q)
    for own in by_speaker.values():
        for rank, q in enumerate(sorted(own, key=lambda q: (-q.score, q.sentence_index))):
            q.score -= rank
    return questions


def candidates(context: ArticleContext) -> Iterable[Question]:
    return _one_speaker_first(_speaker_questions(context.sents, context.paragraphs, context.rng))


KIND = Kind("speaker", candidates, content=True)
