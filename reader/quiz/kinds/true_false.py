"""True/false, in three: richtig, falsch or steht nicht im Text, on a statement that never
copies the article (issue 17, item 1).

Every statement is a paraphrase of a content sentence (paraphrase.py: numbers written another
way, a role for a name, synonyms) and
- richtig: says what the sentence says, only in other words;
- falsch: contradicts it plausibly: one fact swapped for another of its class from the article
  (another person, a number in the same range and unit), a word swapped for its opposite
  (mehr / weniger, data/opposites.txt), or a "nicht" taken out or put in;
- steht nicht im Text: adds a claim the article neither makes nor denies (that it happened for
  the first time, or surprisingly), in a sentence that says nothing about either.
"""

from __future__ import annotations

from collections.abc import Iterable

from nlp.german import FINITE_VERB_TAGS
from reader.quiz.facts import fact_distractors, is_dateline
from reader.quiz.helpers import FALSE, NOT_GIVEN, TRUE, Question, mentions
from reader.quiz.kinds.base import ArticleContext, Kind
from reader.quiz.paraphrase import paraphrase_edits, person_roles, render
from reader.quiz.people import GENDERED_WORDS, article_people, article_reports
from reader.quiz.sentences import Sent, gapped
from reader.quiz.wordlists import entries

PROMPT = "Richtig, falsch oder steht nicht im Text? (true, false or not in the text?)"
_ANAPHORIC = frozenset({"dort", "damals", "dabei", "dafür", "dagegen", "deshalb", "daher"})
OPPOSITES = {
    a: b for line in entries("opposites") for a, b in [line.split()] for a, b in ((a, b), (b, a))
}
# Claims to add for "steht nicht im Text", each with what the article must not mention for it
# to stay undecided (word stems), and what a learner is told.
ADDITIONS = (
    (
        "erstmals",
        ("erst", "wieder", "erneut", "bereits", "schon", "zuvor", "noch", "seit", "immer"),
        "whether it was the first time",
    ),
    (
        "überraschend",
        ("überrasch", "erwart", "angekündigt", "plan"),
        "whether it came as a surprise",
    ),
)
_FINAL_VERB = frozenset({"VVPP", "VVINF", "VAINF", "VMINF", "PTKVZ", "VAPP"})
# Words a plain "nicht" before the verb does not negate cleanly.
_NO_PLAIN_NEGATION = frozenset(
    "bereits schon auch noch nur kaum nie ein eine einen einem einer kein keine".split()
)
_CLAUSE_END = frozenset({",", ":", ";", ".", "!", "?", "–", "(", "„", "“"})


def _leans_on_context(sent: Sent) -> bool:
    """Does the sentence start by pointing back (er, sie, dies, ihr, dort, damals)?"""
    start = sent.tokens[sent.dateline : sent.dateline + 3]
    return bool(start) and (
        start[0].text.casefold() in _ANAPHORIC
        or any(t.xpos in {"PPER", "PDS", "PAV", "PPOSAT"} for t in start)
    )


def _main_clause_end(sent: Sent) -> tuple[int, int] | None:
    """The main clause's finite verb and where its closing verb part starts (the participle,
    infinitive or separated particle at its end, or the expression it belongs to: zum
    Stillstand gebracht): (finite, start), or None when the sentence does not open with a main
    clause whose verb bracket closes before the first comma."""
    toks = sent.tokens
    finite = next(
        (i for i in range(sent.dateline, len(toks)) if toks[i].xpos in FINITE_VERB_TAGS),
        None,
    )
    if finite is None or any(t.text in _CLAUSE_END for t in toks[sent.dateline : finite]):
        return None
    end = next((i for i in range(finite + 1, len(toks)) if toks[i].text in _CLAUSE_END), len(toks))
    start = end - 1
    if toks[start].xpos not in _FINAL_VERB:
        return None
    while start - 1 > finite and toks[start - 1].xpos in _FINAL_VERB:
        start -= 1  # bezahlen können: the cluster starts at bezahlen
    for x in sent.expressions:
        idx = sorted(x.tokens)
        if idx and idx[0] <= start <= idx[-1]:
            start = min(start, idx[0])
    if start <= finite + 1:
        return None
    return finite, start


def _negation_edits(sent: Sent) -> tuple[dict[int, str], str] | None:
    """A "nicht" taken out of the main clause, or put in before its final verb part."""
    toks = sent.tokens
    bracket = _main_clause_end(sent)
    negations = [i for i, t in enumerate(toks) if t.xpos == "PTKNEG" and not sent.in_quote[i]]
    if len(negations) == 1:
        i = negations[0]
        nxt = toks[i + 1].text.casefold() if i + 1 < len(toks) else ""
        if (
            bracket
            and bracket[0] < i < bracket[1]
            and nxt not in {"nur", "mehr", "einmal", "zuletzt", "immer", "so"}
        ):
            return {i: ""}, "the text says „nicht“ here"
        return None
    if (
        negations
        or bracket is None
        or any(t.xpos in {"PIAT", "PIS"} and t.text.casefold().startswith("kein") for t in toks)
    ):
        return None
    finite, last = bracket
    words = {t.text.casefold() for t in toks[sent.dateline : last]}
    if words & _NO_PLAIN_NEGATION or toks[last].lemma in {"sein", "werden"}:
        return None  # "bereits nicht verdoppelt", "eine Studie nicht", "seltener nicht geworden"
    if toks[last - 1].xpos in {"ADJD", "ADV", "PTKVZ", "PTKNEG"}:
        return None  # "nicht" would belong before the adjective: "nicht seltener geworden"
    return {last: "nicht " + toks[last].text}, "the text does not say „nicht“ here"


def _opposite_edits(sent: Sent, protect: set[int]) -> tuple[dict[int, str], str] | None:
    for i, t in enumerate(sent.tokens):
        if i in protect or sent.in_quote[i] or i < sent.dateline:
            continue
        opposite = OPPOSITES.get(t.text)
        if opposite:
            return {i: opposite}, f"the text says „{t.text}“, not „{opposite}“"
    return None


def _addition_edits(sent: Sent, article_words: str) -> tuple[dict[int, str], str] | None:
    bracket = _main_clause_end(sent)
    if bracket is None:
        return None
    finite, last = bracket
    toks = sent.tokens
    verb = toks[finite]
    cluster = [t.xpos for t in toks[last:] if t.text not in _CLAUSE_END]
    perfect = (verb.lemma == "haben" and cluster[-1:] == ["VVPP"]) and len(
        [x for x in cluster if x in _FINAL_VERB]
    ) == 1
    past_particle = "Tense=Past" in str(verb.feats) and cluster[-1:] == ["PTKVZ"]
    if not (perfect or past_particle):
        return None  # "will die Tarife erstmals prüfen", "müsse reformiert werden": no event
    text = sent.text.casefold()
    if any(t.xpos == "PTKNEG" or t.text.casefold().startswith("kein") for t in toks):
        return None  # "nicht erstmals beschlossen" says something else again
    for word, ruled_out, what in ADDITIONS:
        if word in article_words or any(stem in text for stem in ruled_out):
            continue
        return {last: f"{word} {sent.tokens[last].text}"}, what
    return None


def _question(
    sent: Sent,
    statement: str,
    answer: int,
    explanation: str,
    target: str,
    span=None,
    score: float | None = None,
) -> Question:
    """`span`: the tokens [start, end) the answer turns on (a swapped fact), else the whole
    sentence without its dateline; `score` overrides the one a leaning sentence lowers."""
    start, end = span or (sent.dateline, len(sent.tokens))
    a, b = sent.offsets[start][0], sent.offsets[end - 1][1]
    # "Er versprach …", "Dort arbeiten …": a statement leaning on the sentence before is hard
    # to judge on its own.
    leaning = _leans_on_context(sent)
    return Question(
        kind="true_false",
        prompt=f"{PROMPT}\n{statement}",
        # The labels keep their order: a learner should not have to search for "richtig".
        choices=[TRUE, FALSE, NOT_GIVEN],
        answer=answer,
        sentence=sent.text,
        explanation=explanation,
        sentence_index=sent.index,
        highlight=[a, b],
        score=score if score is not None else 2.0 - (0.5 if leaning else 0),
        target=target,
    )


def _true_false(context: ArticleContext) -> Iterable[Question]:
    sents, facts, rng, all_texts = context.sents, context.facts, context.rng, context.all_texts
    roles = person_roles(sents, facts)
    article_words = " ".join(s.text.casefold() for s in sents)
    by_sentence: dict[int, list] = {}
    for fact in facts:
        by_sentence.setdefault(fact.s, []).append(fact)
    for sent in sents:
        if not sent.good or len(sent.tokens) > 40 or sent.text.rstrip().endswith("?"):
            continue  # a question is no statement to judge
        shown = sent.shown
        own = [f for f in by_sentence.get(sent.index, []) if not is_dateline(sent, f)]
        edits = paraphrase_edits(sent, facts, roles)
        if edits:
            statement = render(sent, edits)
            if statement != shown:
                yield _question(sent, statement, 0, f"Richtig: the text says „{shown}“", "")
        # falsch: a fact swapped, else an opposite, else a negation
        false = None
        for fact in own:
            if fact.cls.startswith("name"):
                continue  # a name of no known category may swap across categories
            numeric = fact.cls in {"number", "percent"}
            # A false number must be plausible: same order of magnitude, and the same unit or
            # notation (not "400.000 Euro" -> "14 Euro").
            wrong = fact_distractors(
                fact,
                facts,
                rng,
                sent,
                all_texts,
                min_closeness=4 if numeric else 0,
                role_stays=True,
            )
            if wrong and not mentions(gapped(sent, fact.start, fact.end), fact.value):
                change = {fact.start: wrong[0]} | {k: "" for k in range(fact.start + 1, fact.end)}
                why = f"the text says {fact.text}, not {wrong[0]}"
                false = change, why, fact.value, (fact.start, fact.end)
                break
        if false is None:
            found = _opposite_edits(sent, set()) or _negation_edits(sent)
            if found:
                false = (*found, "", None)
        if false is not None:
            change, why, target, span = false
            rest = paraphrase_edits(sent, facts, roles, protect=set(change))
            statement = render(sent, rest | change)
            yield _question(sent, statement, 1, f"Falsch: {why} („{shown}“).", target, span)
        added = _addition_edits(sent, article_words)
        if added:
            change, what = added
            rest = paraphrase_edits(sent, facts, roles, protect=set(change))
            statement = render(sent, rest | change)
            yield _question(
                sent, statement, 2, f"Steht nicht im Text: the article does not say {what}.", ""
            )


ATTRIBUTION_MIN_WORDS = 5


def _attributions(context: ArticleContext) -> Iterable[Question]:
    """Who said it, as a statement ("Die Aussage, die Häfen seien in Gefahr, stammt von Katrin
    Wendt.") on a sentence that goes on in Konjunktiv I with what someone named in the
    sentence before said, so only a reader who follows the reported speech knows whose words
    they are (issue 17, item 1: an opinion given to the wrong person). richtig with the
    speaker, falsch with another person the article quotes, of the same sex where the words
    show it. A sentence that names its speaker is left out: the name would stand beside it."""
    sents, rng = context.sents, context.rng
    people = article_people(sents)
    reports = article_reports(people, sents, context.paragraphs)
    quoted = {r.speaker.name: r.speaker for r in reports}
    by_index = {s.index: s for s in sents}
    for report in reports:
        sent = by_index[report.s]
        if report.named is not None or not sent.good:
            continue
        toks = sent.tokens[report.start : report.end]
        words = [t.text for t in toks]
        if len(words) < ATTRIBUTION_MIN_WORDS or words[-1] in {"?", "!"}:
            continue
        gendered = any(w.casefold() in GENDERED_WORDS for w in words)
        others = [
            p
            for name, p in quoted.items()
            if name != report.speaker.name
            and p.surname.casefold() not in sent.text.casefold()
            and (not gendered or (p.gender and p.gender == report.speaker.gender))
        ]
        if not others:
            continue
        content = sent.text[sent.offsets[report.start][0] : sent.offsets[report.end - 1][1]]
        content = content.rstrip(" .;:")
        if content[:1].isupper() and toks[0].upos not in {"PROPN", "NOUN"}:
            content = content[:1].lower() + content[1:]
        wrong = rng.choice(sorted(others, key=lambda p: p.name))
        # Both statements, one target: the mixer takes the one whose answer is due, so the
        # three answers keep taking turns.
        for who, answer in ((report.speaker, 0), (wrong, 1)):
            explanation = (
                f"Richtig: the sentence goes on reporting what {report.speaker.name} said."
                if answer == 0
                else f"Falsch: these are {report.speaker.name}'s words, not {who.name}'s."
            )
            # "stammt von": the words have one source, so giving them to another person
            # contradicts the article ("X sagte, ..." would only be steht nicht im Text).
            yield _question(
                sent,
                f"Die Aussage, {content}, stammt von {who.name}.",
                answer,
                explanation,
                f"{report.speaker.name}@{sent.index}",
                span=(report.start, report.end),
                score=2.4,
            )


def candidates(context: ArticleContext) -> Iterable[Question]:
    yield from _attributions(context)
    yield from _true_false(context)


KIND = Kind("true_false", candidates, content=True)
