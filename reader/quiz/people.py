"""The people an article names, where it names them, and who reports what they said: what the
reference and speaker questions are made of.

A person is a name of two or three capitalised words that starts with a first name the tagger
knows as a name (Katrin Wendt, Kim Jong Un; not Russlands Präsident, not New York); the tagger
often takes a surname for a noun or a verb (Wendt: wenden), so only the first word must be a
name. Their sex is what a role noun before the name shows (Verhandlungsführerin Katrin Wendt,
der Vorsitzende ..., Josef Huber: facts.gender_before), never a guess from the first name: a
question whose choices must agree with "sie" needs it certain. A later bare surname (Wendt
kündigte an) is the same person.

Reported speech is found in three shapes, always in one sentence: "X sagte, ...", "..., sagte
X" (X may be er/sie, resolved below) and "..., so X"; a following sentence in Konjunktiv I
with no speaker of its own goes on reporting the same person (Die Beschäftigten arbeiteten
... Wer so arbeite, müsse ...).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from nlp.document import Token
from nlp.german import FINITE_VERB_TAGS, PRONOUN_AGREEMENT, SPEECH_VERBS
from reader.quiz.facts import PERSON_TITLES, PLACES, REGIONS, gender_before, role_noun
from reader.quiz.helpers import WORD
from reader.quiz.sentences import Sent

_QUOTES = frozenset({"„", "“", "”", "»", "«", '"'})


@dataclass(frozen=True)
class Mention:
    """Tokens [start, end) of sentence `s` that name a person."""

    s: int
    start: int
    end: int


@dataclass
class Person:
    name: str  # the full name as first written: Katrin Wendt
    surname: str
    gender: str  # "m", "f", or "" when no role noun shows it
    mentions: list[Mention] = field(default_factory=list)


# Words in what was said that show the sex of whom they refer to (sie respektiere ...,
# von seinem Lohn): the speaker and true/false kinds keep every person offered of that sex.
GENDERED_WORDS = frozenset(
    {"er", "sie", "ihm", "ihn", "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihres"}
    | {"sein", "seine", "seinen", "seinem", "seiner", "seines"}
)


@dataclass(frozen=True)
class Report:
    """What a person said in sentence `s`: the tokens [start, end) of the reported content,
    and the tokens naming the speaker in this sentence (None when a sentence in Konjunktiv I
    goes on reporting the speaker of the one before)."""

    s: int
    start: int
    end: int
    speaker: Person
    named: Mention | None


def _capitalised(token: Token) -> bool:
    text = token.text
    return bool(WORD.fullmatch(text.replace("-", ""))) and text[:1].isupper()


def _name_span(sent: Sent, i: int) -> int:
    """The end of a person's name starting at token i, or 0."""
    toks = sent.tokens
    first = toks[i]
    if first.upos != "PROPN" or not _capitalised(first) or sent.in_quote[i]:
        return 0
    if first.text in PLACES or first.text in REGIONS:
        return 0
    lemma = first.lemma
    if first.text.endswith("s") and first.text == lemma + "s":
        return 0  # Russlands Präsident: a genitive, no first name
    if i and toks[i - 1].xpos in {"ART", "PDAT"}:
        return 0  # die New York Times, der Hamburger Hafen: a paper, a firm, no person
    before = toks[i - 1] if i else None
    if before is not None and before.upos == "PROPN" and _capitalised(before):
        if before.text not in PLACES and before.text not in REGIONS:
            return 0  # the middle of a longer name (New | York Times)
    j = i + 1
    while j < len(toks) and j - i < 3 and _capitalised(toks[j]) and not sent.in_quote[j]:
        if toks[j].text in PERSON_TITLES:
            return 0
        j += 1
    if j - i < 2:
        return 0
    words = [t.text for t in toks[i:j]]
    if any(w in PLACES or w in REGIONS for w in words) or " ".join(words) in PLACES:
        return 0
    return j


# Role nouns whose ending shows the sex whatever the article: Klubobfrau, Obmann.
_FEMININE_ENDINGS = ("frau", "in")
_MASCULINE_ENDINGS = ("mann",)


def _gender(sent: Sent, i: int) -> str:
    """The sex of the person named at token i, as the role noun before the name shows it
    (Ministerin Claudia Brandt), or the head of the phrase it ends (Die Klubobfrau der Grünen
    Sabine Hofer; der Vorsitzende ..., Josef Huber; die Landesvorsitzende Renate Keller: the
    article tells). "" when nothing does."""
    gender = gender_before(role_noun(sent, i))
    if gender:
        return gender
    toks = sent.tokens
    end = i - 1 if i and toks[i - 1].text == "," else i
    start = end
    while start > 0:
        t = toks[start - 1]
        if t.upos == "PUNCT" or t.xpos in FINITE_VERB_TAGS:
            break
        start -= 1
    for k in range(start, end - 1):
        det, noun = toks[k], toks[k + 1]
        if det.xpos != "ART" or noun.xpos != "NN":
            continue
        text = noun.text
        if text.endswith(_FEMININE_ENDINGS) and len(text) > 4:
            return "f"
        if text.endswith(_MASCULINE_ENDINGS):
            return "m"
        article = det.text.casefold()
        if article in {"die", "eine"}:
            return "f"
        if article in {"der", "ein"} and not text.endswith("n"):
            return "m"
        return ""
    return ""


def article_people(sents: Sequence[Sent]) -> list[Person]:
    """Everyone the article names with a first name and surname, in order of first mention;
    two people with one surname are both left out (a bare "Wendt" would be ambiguous)."""
    people: dict[str, Person] = {}
    clashes: set[str] = set()
    spans: dict[int, list[tuple[int, int]]] = {}
    for sent in sents:
        if sent.heading:
            continue
        i = 0
        while i < len(sent.tokens):
            end = _name_span(sent, i)
            if not end:
                i += 1
                continue
            words = [t.text for t in sent.tokens[i:end]]
            name, surname = " ".join(words), words[-1]
            person = people.get(surname)
            if person is None:
                person = people[surname] = Person(name, surname, _gender(sent, i))
            elif person.name != name and not person.name.endswith(name):
                clashes.add(surname)
            person.mentions.append(Mention(sent.index, i, end))
            spans.setdefault(sent.index, []).append((i, end))
            i = end
    for surname in clashes:
        people.pop(surname, None)
    # Bare surnames (Wendt, Reimers' ...), not after an article (der Sommer is the season).
    for sent in sents:
        if sent.heading:
            continue
        taken = spans.get(sent.index, [])
        for i, t in enumerate(sent.tokens):
            if any(a <= i < b for a, b in taken) or sent.in_quote[i] or not _capitalised(t):
                continue
            text = t.text
            person = people.get(text) or (
                people.get(text[:-1]) if text.endswith("s") or text.endswith("'") else None
            )
            if person is None:
                continue
            if i and sent.tokens[i - 1].xpos in {"ART", "PDAT", "PPOSAT"}:
                continue
            person.mentions.append(Mention(sent.index, i, i + 1))
    for person in people.values():
        person.mentions.sort(key=lambda m: (m.s, m.start))
    return sorted(people.values(), key=lambda p: (p.mentions[0].s, p.mentions[0].start))


def is_konjunktiv(token: Token) -> bool:
    """A finite verb of reported speech: Konjunktiv I (sei, müsse), or the Konjunktiv II that
    stands in for it where Konjunktiv I looks like the indicative (hätten, kämen: plural).
    The tagger marks the irregular ones; a regular verb's Konjunktiv I it calls indicative,
    but a present form in -e with a third-person subject can be nothing else (er gefährdet,
    sie gefährde): callers keep to sentences without "ich"."""
    feats = token.feats
    if token.xpos not in FINITE_VERB_TAGS:
        return False
    if "Mood=Sub" in feats:
        return "Tense=Pres" in feats or token.text.endswith("en")
    return "Tense=Pres" in feats and token.text.endswith("e") and len(token.text) > 3


def plural_verb(token: Token) -> bool:
    """Does a finite verb agree with a plural subject (sie sagten, sie seien, sie sind)?"""
    text = token.text
    return text.endswith("en") or text in {"sind", "waren"}


def pronoun_agrees(pronoun: Token, verb: Token | None, person: Person) -> bool:
    """Can this person be what the pronoun refers to, by gender and number? A person is one
    (singular); "sie" is singular when its verb is (sie sagte, not sie sagten)."""
    forms = PRONOUN_AGREEMENT.get(pronoun.text.casefold())
    if not forms or not person.gender:
        return False
    if pronoun.text.casefold() == "sie" and (verb is None or plural_verb(verb)):
        return False
    return (person.gender, "sg") in forms


def _mention_at(people: Sequence[Person], s: int, i: int) -> tuple[Person, Mention] | None:
    for person in people:
        for m in person.mentions:
            if m.s == s and m.start <= i < m.end:
                return person, m
    return None


def _mentions_in(people: Sequence[Person], s: int) -> list[tuple[Person, Mention]]:
    return sorted(
        ((p, m) for p in people for m in p.mentions if m.s == s), key=lambda pm: pm[1].start
    )


def antecedent(
    people: Sequence[Person], sents: Mapping[int, Sent], s: int, i: int, verb: Token | None
) -> Person | None:
    """The person a pronoun (token i of sentence s; `sents` by index) refers to, when only one
    can be: of the people named in this sentence before it and in the two sentences before,
    the one that agrees with it. None when none or several agree."""
    pronoun = sents[s].tokens[i]
    found = []
    for k in (s - 2, s - 1, s):
        if k not in sents or sents[k].heading:
            continue
        for person, m in _mentions_in(people, k):
            if k == s and m.start >= i:
                continue
            if pronoun_agrees(pronoun, verb, person) and person not in found:
                found.append(person)
    return found[0] if len(found) == 1 else None


def _verb_lemma(sent: Sent, i: int) -> str:
    """A finite verb's lemma with its separated particle (kündigte ... an: ankündigen)."""
    lemma = sent.tokens[i].lemma
    for e in sent.expressions:
        if e.type == "separable_verb" and i in e.tokens:
            return e.lemma or lemma
    particle = next((t.text for t in sent.tokens[i + 1 :] if t.xpos == "PTKVZ"), None)
    return particle + lemma if particle and not lemma.startswith(particle) else lemma


def speech_verb_at(sent: Sent, i: int) -> bool:
    """Is token i a finite verb of saying (sagte, kündigte ... an), outside quotation marks?"""
    t = sent.tokens[i]
    return t.xpos == "VVFIN" and not sent.in_quote[i] and _verb_lemma(sent, i) in SPEECH_VERBS


def _speech_verb(sent: Sent) -> int | None:
    return next((i for i in range(len(sent.tokens)) if speech_verb_at(sent, i)), None)


def _has_report(sent: Sent, start: int, end: int) -> bool:
    """Does tokens [start, end) report what was said: a Konjunktiv, or a quotation?"""
    toks = sent.tokens[start:end]
    if any(t.text.casefold() == "ich" for t in sent.tokens):
        return False  # the writer's own voice, where -e is no Konjunktiv (ich hoffe)
    return any(is_konjunktiv(t) for t in toks) or any(t.text in _QUOTES for t in toks)


def _content_bounds(sent: Sent, start: int, end: int) -> tuple[int, int]:
    """Tokens [start, end) without the commas at their edges."""
    while start < end and sent.tokens[start].text in {",", ":"}:
        start += 1
    while end > start and sent.tokens[end - 1].text in {",", ".", ":"}:
        end -= 1
    return start, end


# What may stand between a verb of saying and the name of who said it: a role (die
# Landesvorsitzende, der bayerische Minister).
_ROLE_TAGS = frozenset({"ART", "ADJA", "NN"})


def _named_after(people: Sequence[Person], sent: Sent, i: int) -> tuple[Person, Mention] | None:
    """The person named at token i, or after a role phrase starting there."""
    for k in range(i, min(i + 4, len(sent.tokens))):
        found = _mention_at(people, sent.index, k)
        if found is not None:
            return found
        if sent.tokens[k].xpos not in _ROLE_TAGS:
            return None
    return None


def _explicit_report(
    people: Sequence[Person], sents: Mapping[int, Sent], sent: Sent
) -> Report | None:
    toks = sent.tokens
    n = len(toks)
    v = _speech_verb(sent)
    if v is not None:
        after = v + 1
        subject = toks[after] if after < n else None
        if v and toks[v - 1].text == ",":
            # "..., sagte Wendt (am Abend)." / "..., sagte sie." / "..., sagte die
            # Landesvorsitzende Renate Keller."
            speaker = _named_after(people, sent, after) if subject else None
            if speaker is None and subject is not None and subject.xpos == "PPER":
                person = antecedent(people, sents, sent.index, after, toks[v])
                named = Mention(sent.index, after, after + 1)
                speaker = (person, named) if person else None
            if speaker and _has_report(sent, 0, v - 1):
                start, end = _content_bounds(sent, sent.dateline, v - 1)
                return Report(sent.index, start, end, speaker[0], speaker[1])
        comma = next((k for k in range(after, n) if toks[k].text == ","), None)
        if comma is not None and comma <= after + 6:
            # "Wendt sagte (vor dem Tor), ..." : the one person before the verb speaks.
            before = [pm for pm in _mentions_in(people, sent.index) if pm[1].end <= v]
            if not before and v == 1 and toks[0].xpos == "PPER":
                # "Sie forderte, dass ...": the one she refers to speaks.
                person = antecedent(people, sents, sent.index, 0, toks[v])
                before = [(person, Mention(sent.index, 0, 1))] if person else []
            if len(before) == 1 and _has_report(sent, comma + 1, n):
                start, end = _content_bounds(sent, comma + 1, n)
                return Report(sent.index, start, end, before[0][0], before[0][1])
    for k in range(1, n - 1):
        # "..., so Wendt."
        if toks[k].text.casefold() == "so" and toks[k - 1].text == ",":
            speaker = _mention_at(people, sent.index, k + 1)
            if speaker and speaker[1].end >= n - 2 and _has_report(sent, 0, k - 1):
                start, end = _content_bounds(sent, sent.dateline, k - 1)
                return Report(sent.index, start, end, speaker[0], speaker[1])
    return None


def article_reports(
    people: Sequence[Person], sents: Sequence[Sent], paragraphs: Mapping[int, int]
) -> list[Report]:
    """Who said what, sentence by sentence (one report a sentence at most); `paragraphs` gives
    each sentence's paragraph by index: reported speech goes on within one."""
    by_index = {sent.index: sent for sent in sents}
    reports: list[Report] = []
    last: Report | None = None
    for sent in sents:
        if sent.heading:
            last = None
            continue
        report = _explicit_report(people, by_index, sent)
        if report is None and last is not None and _goes_on_reporting(people, sent):
            if last.s == sent.index - 1 and paragraphs.get(last.s) == paragraphs.get(sent.index):
                start, end = _content_bounds(sent, sent.dateline, len(sent.tokens))
                report = Report(sent.index, start, end, last.speaker, None)
        if report is not None:
            reports.append(report)
        last = report
    return reports


def _goes_on_reporting(people: Sequence[Person], sent: Sent) -> bool:
    """A sentence in Konjunktiv I that names nobody, has no speech verb and no quotation: it
    goes on with what the sentence before reported."""
    finite = [t for t in sent.tokens if t.xpos in FINITE_VERB_TAGS]
    return (
        bool(finite)
        and any(is_konjunktiv(t) for t in finite)
        and not any(t.text.casefold() == "ich" for t in sent.tokens)
        and not _mentions_in(people, sent.index)
        and _speech_verb(sent) is None
        and not any(sent.in_quote)
    )
