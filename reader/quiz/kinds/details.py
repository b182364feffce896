"""Details: a short W-question about a number, name, place or date of a sentence (Wie viele
Haushalte ...? Wer ...? Wo ...? Wann ...?), asked in the question's own word order, so that
the answer has to be found and understood rather than filled into the article's wording
(issue 17, item 1). The choices are facts of the same class (numbers with numbers, people with
people) from the same article.

Only a fact of the main clause is asked about: the phrase it stands in (am Mittwoch, in Graz,
rund 90.000 Haushalte, Geschäftsführer Markus Leitner) becomes the question word, the finite
verb follows, then the rest of the main clause. A sentence in reported speech (Konjunktiv I)
is left out: its question would state what someone claimed as a fact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nlp.german import FINITE_VERB_TAGS, PREPOSITIONS
from reader.quiz.facts import Fact, fact_distractors, is_dateline
from reader.quiz.helpers import Question, mentions, shuffled_choices
from reader.quiz.kinds.base import ArticleContext, Kind
from reader.quiz.paraphrase import paraphrase_edits, person_roles
from reader.quiz.sentences import Sent

PROMPT = "Answer the question about the article."
_CLAUSE_END = frozenset({",", ":", ";", ".", "!", "?", "–", "(", "„", "“", "»", "«"})
# Words before a number that belong to it (rund 90.000, mehr als 200).
_APPROXIMATE = frozenset("rund etwa ungefähr circa ca. knapp fast mindestens über gut bis".split())
# Nouns counted by "wie viel" rather than "wie viele" (wie viel Euro, um wie viel Prozent).
_MEASURES = frozenset(
    "Euro Cent Dollar Franken Prozent Prozentpunkte Kilometer Meter Tonnen".split()
)
_LARGE = frozenset({"Millionen", "Milliarden", "Million", "Milliarde", "Tausend"})
# Question words for a place after its preposition, and for a time after its preposition.
_PLACE_WORDS = {"in": "Wo", "im": "Wo", "bei": "Wo", "nach": "Wohin", "aus": "Woher"}
_TIME_WORDS = {
    "seit": "Seit wann",
    "bis": "Bis wann",
    "ab": "Ab wann",
    "im": "Wann",
    "in": "Wann",
    "um": "Wann",
}
_DAY_WORDS = {"am": "An welchem Tag", "ab": "Ab welchem Tag", "seit": "Seit welchem Tag"}
_MONTH_WORDS = {"im": "In welchem Monat", "ab": "Ab welchem Monat", "seit": "Seit welchem Monat"}
_SAYING = frozenset("sagen erklären betonen meinen rechnen kritisieren warnen schreiben".split())
_COORDINATION = frozenset({"und", "oder", "sowie", "bzw.", "als"})


def _question_phrase(sent: Sent, fact: Fact) -> tuple[int, int, str] | None:
    """The tokens [a, b) of the phrase the question word replaces, and the question word."""
    toks, a, b = sent.tokens, fact.start, fact.end
    prev = toks[a - 1].text if a > sent.dateline else ""
    low = prev.casefold()
    cls = fact.cls.split("+")[0]
    if cls in {"number", "percent"}:
        if b >= len(toks) or toks[b].xpos != "NN":
            return None
        noun = toks[b].text
        b += 1
        if noun in _LARGE and b < len(toks) and toks[b].xpos == "NN":
            noun = f"{noun} {toks[b].text}"  # 48 Millionen Euro
            b += 1
        how = "wie viel" if noun.split()[-1] in _MEASURES else "wie viele"
        if low in _APPROXIMATE:
            a -= 1
        if a > sent.dateline and toks[a - 1].text.casefold() in PREPOSITIONS:
            a -= 1
            # After a preposition "wie viel" does not decline: von wie viel Metern.
            return a, b, f"{toks[a].text.capitalize()} wie viel {noun}"
        return a, b, f"{how.capitalize()} {noun}"
    if cls == "year" and low in _TIME_WORDS:
        return a - 1, b, _TIME_WORDS[low]
    if cls == "weekday" and low in _DAY_WORDS:
        return a - 1, b, _DAY_WORDS[low]
    if cls == "month" and low in _MONTH_WORDS:
        return a - 1, b, _MONTH_WORDS[low]
    if cls in {"place", "region", "state"} and low in _PLACE_WORDS:
        return a - 1, b, _PLACE_WORDS[low]
    if cls == "person" and prev and toks[a - 1].xpos in FINITE_VERB_TAGS:
        # The subject after the verb when an adverbial opens the sentence: "Am Abend lobte
        # Keller den Plan" (not "Den Plan lobte Keller", where it would still be the subject,
        # but an object in first place is too rare to tell from a subject by position).
        opener = toks[sent.dateline].xpos
        if opener in {"APPR", "APPRART", "ADV", "PAV"} and toks[a - 1] is not toks[sent.dateline]:
            return a, b, "Wer"
        return None
    if cls == "person" and b < len(toks) and toks[b].xpos in FINITE_VERB_TAGS:
        # Only the subject at the start: "Geschäftsführer Markus Leitner begründete ..."
        start = a
        while start > sent.dateline and toks[start - 1].xpos in {"NN", "ART", "ADJA"}:
            start -= 1
        if start == sent.dateline:
            return start, b, "Wer"
    return None


def _main_clause(sent: Sent) -> tuple[int, int] | None:
    """The finite verb of the main clause and where that clause ends, when the sentence opens
    with a main clause in the indicative."""
    toks = sent.tokens
    verbs = (i for i in range(sent.dateline, len(toks)) if toks[i].xpos in FINITE_VERB_TAGS)
    finite = next(verbs, None)
    if finite is None or any(t.text in _CLAUSE_END for t in toks[sent.dateline : finite]):
        return None
    verb = toks[finite]
    lemma = verb.lemma
    if "Mood=Sub" in str(verb.feats) or (
        verb.text.endswith("e") and lemma.endswith("en") and verb.text == lemma[:-1]
    ):
        return None  # bedeute, investiere: Konjunktiv I, what someone said
    if any(
        toks[k].text == "," and toks[k + 1].lemma in _SAYING for k in range(finite, len(toks) - 1)
    ):
        return None  # "…, sagte Hofer": the main clause is what she said
    end = next((i for i in range(finite + 1, len(toks)) if toks[i].text in _CLAUSE_END), len(toks))
    if lemma in _SAYING and end < len(toks) and toks[end].text == ",":
        return None  # "Vogel sagte am Montag, …": what he said is the content, not the saying
    return finite, end


def w_question(sent: Sent, fact: Fact, edits: dict[int, str]) -> str | None:
    """The sentence's main clause as a question about `fact`, or None."""
    clause = _main_clause(sent)
    phrase = _question_phrase(sent, fact)
    if clause is None or phrase is None:
        return None
    finite, end = clause
    a, b, wh = phrase
    toks = sent.tokens
    if (b < len(toks) and toks[b].text in _COORDINATION) or (
        a > sent.dateline and toks[a - 1].text in _COORDINATION
    ):
        return None  # "aus Wismar und Stralsund": one of two cannot be the answer

    def word(k: int) -> str:
        return edits.get(k, toks[k].text)

    if a == sent.dateline and b == finite:
        order = list(range(finite, end))
    elif finite < a and b <= end:
        middle = [k for k in range(finite + 1, end) if not a <= k < b]
        # A pronoun comes first after the verb: "Wie viel Euro waren es vor einem Jahr?"
        pronouns = [k for k in middle[:2] if toks[k].xpos in {"PPER", "PRF"}]
        middle = [k for k in middle if k not in pronouns]
        order = [finite, *pronouns, *range(sent.dateline, finite), *middle]
    else:
        return None
    # The rest of the sentence after the main clause (", dass …", ", um … zu …") as it is.
    last = len(toks) - (1 if toks[-1].text in {".", "!"} else 0)
    order += list(range(end, last))
    pieces = []
    for n, k in enumerate(order):
        text = word(k)
        if not text:
            continue
        if k == sent.dateline and n and not _keeps_capital(toks[k]):
            text = text[:1].lower() + text[1:]
        pieces.append(text)
        pieces.append(" " if k + 1 not in order or toks[k].ws else "")
    words = "".join(pieces).strip()
    words = re.sub(r" ([,;:])", r"\1", words)
    if len(words.split()) < 3:
        return None
    return f"{wh} {words}?"


def _keeps_capital(token) -> bool:
    """A noun or name keeps its capital when it no longer opens the sentence."""
    return token.upos in {"NOUN", "PROPN"} or token.xpos in {"NN", "NE"}


def _details(context: ArticleContext) -> Iterable[Question]:
    sents, facts, rng, all_texts = context.sents, context.facts, context.rng, context.all_texts
    by_index = {s.index: s for s in sents}
    roles = person_roles(sents, facts)
    for fact in facts:
        sent = by_index[fact.s]
        if not sent.good or is_dateline(sent, fact) or sent.in_quote[fact.start]:
            continue
        phrase = _question_phrase(sent, fact)
        protect = set(range(phrase[0], phrase[1])) if phrase else set()
        edits = paraphrase_edits(sent, facts, roles, protect=protect)
        question = w_question(sent, fact, edits)
        if question is None:
            continue
        if mentions(question, fact.value) or (
            fact.text != fact.value and mentions(question, fact.text)
        ):
            continue  # the same number or name elsewhere in the question gives it away
        # Numbers of the same order of magnitude or unit and notation: "8,76" among counts of
        # things stands out by its comma.
        numeric = fact.cls in {"number", "percent"}
        wrong = fact_distractors(
            fact, facts, rng, sent, all_texts, min_closeness=3 if numeric else 0
        )
        wrong = [w for w in wrong if not mentions(question, w)]
        if len(wrong) < 2:
            continue
        choices, answer = shuffled_choices(rng, fact.text, wrong)
        a, b = sent.offsets[fact.start][0], sent.offsets[fact.end - 1][1]
        yield Question(
            kind="details",
            prompt=f"{PROMPT}\n{question}",
            choices=choices,
            answer=answer,
            sentence=sent.text,
            explanation=f"The text says: „…{_context(sent, fact.start, fact.end)}…“",
            sentence_index=sent.index,
            highlight=[a, b],
            score=2.0
            + (
                0.5
                if fact.cls in {"number", "person", "place", "region", "state", "percent"}
                else 0
            ),
            target=fact.value,
        )


def asks_who_or_where(q: Question) -> bool:
    """A question a reader answers from the gist of the text: who, where."""
    body = q.prompt.split("\n", 1)[-1]
    return q.kind == "details" and body.startswith(("Wer ", "Wo ", "Wohin ", "Woher "))


def _context(sent: Sent, start: int, end: int, width: int = 3) -> str:
    a = max(0, start - width)
    b = min(len(sent.tokens), end + width)
    return sent.text[sent.offsets[a][0] : sent.offsets[b - 1][1]]


def candidates(context: ArticleContext) -> Iterable[Question]:
    return _details(context)


KIND = Kind("details", candidates, content=True)
