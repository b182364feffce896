"""Facts of a sentence (a number, name, place or date) and the facts of the same class that
stand in for one: what details and true/false questions are made of."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from nlp.document import Token
from reader.quiz.helpers import (
    DETERMINERS,
    MONTHS,
    WEEKDAYS,
    WORD,
    mentions,
    norm,
    token_gloss,
)
from reader.quiz.sentences import DASHES, Sent, gapped
from reader.quiz.wordlists import word_set

# Words after a number that make it a quantity of something else than a count.
PERCENT = frozenset({"Prozent", "%", "Prozentpunkte", "Prozentpunkten"})
# Place and name lists and role nouns: reader/quiz/data/*.txt (each file says what its list is
# for).
PLACES = word_set("places")
ARTICLE_NAMES = word_set("article_names")
PLURAL_NAMES = word_set("plural_names")
REGIONS = word_set("regions")
GERMAN_STATES = word_set("german_states")
PLACE_PREPOSITIONS = frozenset({"in", "nach", "aus", "bei", "im", "nahe", "bis"})
PERSON_TITLES = word_set("person_titles")


@dataclass(frozen=True)
class Fact:
    """A number, name, place or date in a sentence: tokens [start, end) of sentence `s`."""

    s: int
    start: int
    end: int
    text: str
    cls: str  # number | year | percent | time | person | place | name | weekday | month
    value: str  # normalised form used to compare facts (base form of a name)
    unit: str = ""  # the word after a number (Euro, Kilometer, Soldaten)
    gender: str = ""  # of a person, when a noun before the name shows it (Ministerin -> f)


def _name_spans(sent: Sent) -> list[tuple[int, int]]:
    spans, i, toks = [], 0, sent.tokens
    while i < len(toks):
        if toks[i].upos == "PROPN" and WORD.search(toks[i].text):
            j = i + 1
            while j < len(toks) and toks[j].upos == "PROPN" and WORD.search(toks[j].text):
                j += 1
            spans.append((i, j))
            i = j
        else:
            i += 1
    return spans


def _base_name(text: str, lemma: str | None) -> tuple[str, bool]:
    """The base form of a name and whether it stood in the s-genitive (Russlands, Putins)."""
    if lemma and text != lemma and text == lemma + "s":
        return lemma, True
    return text, False


def gender_before(token: Token | None) -> str:
    """The sex a role noun before a name shows: die Ministerin Katrin Albers, der Norweger
    Erik Lunde. Swapping names across it would make a false statement false by its grammar."""
    if token is None or token.xpos != "NN":
        return "f" if token is not None and token.text == "Frau" else ""
    text = token.text
    if text == "Frau" or (text.endswith("in") and len(text) > 4):
        return "f"
    # The genitive or weak ending (des Malers, des Präsidenten) still shows a man.
    forms = {text, text.removesuffix("s"), text.removesuffix("en"), text.removesuffix("n")}
    if text == "Herr" or any(
        f in PERSON_TITLES or f.endswith(("er", "ent", "or", "ier", "ant")) for f in forms
    ):
        return "m"
    return ""


def role_noun(sent: Sent, a: int) -> Token | None:
    """The noun that says who the name at token `a` is: the one right before it (Ministerin
    Katrin Albers) or, for a name in apposition, the head of the phrase before the comma (die
    Präsidentin des Sozialverbands VdK, Helga Brandt)."""
    if not a:
        return None
    toks = sent.tokens
    if toks[a - 1].text != ",":
        return toks[a - 1]
    start = a - 2
    while start >= 0 and toks[start].text not in {",", ":", ";", "–"}:
        start -= 1
    return next((t for t in toks[start + 1 : a - 1] if t.xpos == "NN"), None)


def extract_facts(sents: Sequence[Sent]) -> list[Fact]:
    """The facts of the sentences in text order: each sentence's numbers and dates, then its
    names."""
    persons, genders = _known_persons(sents)
    common_nouns = {t.text for s in sents for t in s.tokens if t.upos == "NOUN" and token_gloss(t)}
    facts: list[Fact] = []
    for sent in sents:
        facts.extend(_number_and_date_facts(sent))
        for a, b in _name_spans(sent):
            fact = _name_fact(sent, a, b, persons, genders, common_nouns)
            if fact is not None:
                facts.append(fact)
    return facts


def _known_persons(sents: Sequence[Sent]) -> tuple[set[str], dict[str, str]]:
    """The names known as persons, with the sex a role noun before them shows. A first pass
    over the whole article: multi-word names and names after a title are persons, and so are
    their parts, so that a later bare surname ("Putin") is known as a person too."""
    persons: set[str] = set()
    genders: dict[str, str] = {}
    for sent in sents:
        for a, b in _name_spans(sent):
            words = [t.text for t in sent.tokens[a:b]]
            prev = sent.tokens[a - 1].text if a else ""
            if (
                (b - a >= 2 and not any(w in PLACES for w in words))
                or prev in PERSON_TITLES
                or prev.endswith(("präsident", "kanzler", "minister", "chef"))
            ):
                persons.add(" ".join(words))
                persons.update(w for w in words if len(w) > 2)
                g = gender_before(role_noun(sent, a))
                if g:
                    for key in [" ".join(words), *words]:
                        genders.setdefault(key, g)
    return persons, genders


def _number_and_date_facts(sent: Sent) -> Iterator[Fact]:
    """The numbers (counts, years, percentages, times), weekdays and months outside quotes."""
    toks = sent.tokens
    for i, t in enumerate(toks):
        text = t.text
        if sent.in_quote[i]:
            continue
        if (t.upos == "NUM" or t.xpos == "CARD") and re.fullmatch(r"\d[\d.,]*", text):
            if text.endswith("."):
                continue  # an ordinal (3.), not a number
            nxt = toks[i + 1].text if i + 1 < len(toks) else ""
            yield Fact(sent.index, i, i + 1, text, _number_class(sent, i), text, nxt)
        elif text in WEEKDAYS:
            yield Fact(sent.index, i, i + 1, text, "weekday", text)
        elif text in MONTHS:
            yield Fact(sent.index, i, i + 1, text, "month", text)


def _number_class(sent: Sent, i: int) -> str:
    toks, text = sent.tokens, sent.tokens[i].text
    nxt = toks[i + 1].text if i + 1 < len(toks) else ""
    if nxt in PERCENT:
        return "percent"
    if nxt == "Uhr":
        return "time"
    if re.fullmatch(r"(1[0-9]|20)\d\d", text) and not (
        i + 1 < len(toks) and toks[i + 1].xpos == "NN"
    ):
        # "um 1800 in Dresden", "im Jahr 2027": a year, unlike "1500 Menschen".
        return "year"
    return "number"


def _name_fact(
    sent: Sent,
    a: int,
    b: int,
    persons: set[str],
    genders: dict[str, str],
    common_nouns: set[str],
) -> Fact | None:
    """The fact of the name at tokens [a, b), None for what only looks like a name."""
    toks = sent.tokens
    if any(sent.in_quote[a:b]):
        return None
    words = [t.text for t in toks[a:b]]
    full = " ".join(words)
    base = _base_name(toks[a].text, toks[a].lemma)[0] if b - a == 1 else full
    if b - a == 1 and full not in persons and base not in persons:
        gloss = token_gloss(toks[a]) or ""
        if gloss[:1].islower() and base not in PLACES:
            return None  # a dictionary word tagged as a name (Keller = cellar)
        known = PLACES | REGIONS | ARTICLE_NAMES
        if a and toks[a - 1].xpos == "ART" and base not in known:
            return None  # "des Sprints": a noun the tagger took for a name
    nxt = toks[b] if b < len(toks) else None
    if b - a == 1 and nxt is not None and nxt.text[:1].isupper() and nxt.upos in {"NOUN", "X"}:
        return None  # half a name (Torhüter Marcel | Kranz, the surname tagged a noun)
    prev = toks[a - 1].text.lower() if a else ""
    cls = _name_class(sent, a, b, full, base, prev, persons, common_nouns)
    if cls is None or len(base) < 2 or not base[0].isupper():
        return None
    if base in ARTICLE_NAMES or (prev and toks[a - 1].xpos in DETERMINERS):
        cls += "+article"
        if any(w in PLURAL_NAMES for w in words):
            cls += "+plural"
    gender = (genders.get(full) or genders.get(base) or "") if cls.startswith("person") else ""
    text = sent.text[sent.offsets[a][0] : sent.offsets[b - 1][1]]
    return Fact(sent.index, a, b, text, cls, base, gender=gender)


def _name_class(
    sent: Sent,
    a: int,
    b: int,
    full: str,
    base: str,
    prev: str,
    persons: set[str],
    common_nouns: set[str],
) -> str | None:
    """person, state, region, place or name; None for a common noun tagged as a name."""
    if full in persons or base in persons:
        return "person"
    if base in REGIONS:
        # States and countries swap with each other, never with a town: Mannheim ->
        # Baden-Württemberg would still be true.
        return "state" if base in GERMAN_STATES else "region"
    if base in PLACES or (b - a == 1 and prev in PLACE_PREPOSITIONS):
        return "place"
    # Neither person nor known place: a name of one word, which swaps cleanly, and no common
    # noun tagged as a name: not one inflected for the plural (Corona-Tests, lemma
    # Corona-Test), not one the article also uses as a noun (Keller: der Keller steht voll).
    toks = sent.tokens
    lemma = toks[a].lemma or full
    if (
        not re.fullmatch(r"[\w-]+", full)
        or any(token_gloss(x) for x in toks[a:b])
        or full in common_nouns
        or (lemma != full and full != lemma + "s")
    ):
        return None
    return "name"


def _form_like(fact: Fact, other: Fact) -> str:
    """`other`'s value written in `fact`'s grammatical form (s-genitive kept)."""
    is_name = fact.cls.split("+")[0] in {"person", "place", "region", "state", "name"}
    if is_name and fact.text != fact.value and fact.text == fact.value + "s":
        v = other.value
        return v + ("'" if v[-1] in "sxzß" else "s")
    return other.value if is_name else other.text


def _number(text: str) -> float | None:
    try:
        return float(text.replace(".", "").replace(",", "."))
    except ValueError:
        return None


def _closeness(fact: Fact, other: Fact) -> int:
    """How good a stand-in `other` is for a number: same unit (Euro for Euro), same notation
    (3,2 for 1,9) and the same order of magnitude make a false choice plausible."""
    a, b = _number(fact.text), _number(other.text)
    if a is None or b is None:
        return 0
    score = 2 if fact.unit and fact.unit == other.unit else 0
    score += ("," in fact.text) == ("," in other.text)
    score += 3 * (a > 0 and b > 0 and 0.1 <= b / a <= 10)
    return score


def fact_distractors(
    fact: Fact,
    facts: Sequence[Fact],
    rng: random.Random,
    sent: Sent,
    all_texts: set[str],
    min_closeness: int = 0,
    role_stays: bool = False,
) -> list[str]:
    """`role_stays`: the role noun before the name stays beside the distractor (a statement
    to judge, not a choice), so a person whose sex the article never shows is no swap either:
    "Bürgermeisterin Florian Eder" gives itself away."""
    seen = {norm(fact.value)}
    pool = []
    # First names and surnames of the article's names (Johanna, Moser of Johanna Moser): a
    # part stands in only for the same part (Hofer for Moser), never for a place or a whole name.
    firsts = {f.value.split()[0] for f in facts if " " in f.value}
    lasts = {f.value.split()[-1] for f in facts if " " in f.value}

    # A value the article uses in two categories (Danzig the port and a name) swaps with
    # neither: the swap could cross categories.
    categories: dict[str, set[str]] = {}
    for f in facts:
        categories.setdefault(norm(f.value), set()).add(f.cls.split("+")[0])

    def part(value: str) -> str:
        return "first" if value in firsts - lasts else "last" if value in lasts else ""

    for other in facts:
        if other.cls != fact.cls or norm(other.value) in seen:
            continue
        if fact.gender and (other.gender or role_stays) and fact.gender != other.gender:
            continue  # "der Norweger Ingrid Solberg" would give itself away
        # A bare first name (Andreas, of Andreas Wendt) is no alternative to a full name, nor
        # full names to a bare surname ("Kim" among "Joe Biden", "Wladimir Putin").
        if fact.cls.startswith("person") and (" " in fact.value) != (" " in other.value):
            continue
        if part(other.value) and part(other.value) != part(fact.value):
            continue
        if len(categories[norm(other.value)]) > 1:
            continue
        # Part of the answer or of a choice already taken (Kim and Kim Jong Un) is the same one.
        words = set(norm(other.value).split())
        if any(words & set(v.split()) for v in seen):
            continue
        form = _form_like(fact, other)
        if mentions(gapped(sent, fact.start, fact.end), other.value):
            continue  # a choice already visible in the sentence would only confuse
        filled = norm(gapped(sent, fact.start, fact.end, form))
        if filled in all_texts:
            continue  # the swapped sentence is also true somewhere in the article
        closeness = _closeness(fact, other)
        if closeness < min_closeness:
            continue
        seen.add(norm(other.value))
        pool.append((closeness, form))
    pool.sort()
    rng.shuffle(pool)
    pool.sort(key=lambda p: -p[0])  # stable: the closest first, ties in shuffled order
    return [form for _, form in pool[:3]]


def is_dateline(sent: Sent, fact: Fact) -> bool:
    """ "Seoul (taz) –", "Erfurt –": the place line of an agency report, not its content."""
    nxt = sent.tokens[fact.end].text if fact.end < len(sent.tokens) else ""
    return fact.start < sent.dateline or (fact.start == 0 and nxt in {"(", *DASHES})
