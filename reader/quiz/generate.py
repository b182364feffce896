"""Comprehension quizzes generated from an annotated article, with no Django import.

`quiz_generate(annotation, seed=0)` takes the stored annotation JSON (DESIGN.md) and returns a
list of `Question`s. Everything random comes from one `random.Random` seeded with the seed and a
fingerprint of the article's sentences, so the same article version always yields the same quiz,
in a view, a task, the `quiz` command or a benchmark alike.

Six kinds, each tied to the sentence it comes from:
- details: a number, name, place or date of a sentence as a gap; choices of the same class
  (numbers with numbers, places with places) taken from the same article;
- true_false: a sentence kept as it is or with one such fact swapped for another of its class;
- vocabulary: a content word as a gap; the other choices are words of the article with the same
  part of speech and the same inflection (STTS tag + morphology), so grammar gives nothing away;
- meaning: a German word -> its English gloss; distractors are glosses of other article words
  of the same part of speech;
- compound: the parts of a compound with their meanings; distractors give one part a wrong
  meaning (the gloss of another article word);
- idiom: an idiom or light-verb construction -> its English meaning.

Sentences that make good questions carry the article's content: running text (no subheadings or
captions), with a finite verb, not mostly quotation, not the lead-in of a quote.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher

from wordfreq import zipf_frequency

from reader.quiz.wordlists import entries, word_set

KINDS = ("details", "true_false", "vocabulary", "meaning", "compound", "idiom")
# The order in which kinds take turns: about a third details, a third true/false.
ROTATION = (
    "details",
    "true_false",
    "idiom",
    "vocabulary",
    "meaning",
    "compound",
    "details",
    "true_false",
    "vocabulary",
    "details",
    "true_false",
    "meaning",
)
TRUE, FALSE = "True", "False"
GAP = "___"

FINITE = frozenset({"VVFIN", "VAFIN", "VMFIN"})
WEEKDAYS = frozenset(
    "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonnabend Sonntag".split()
)
MONTHS = frozenset(
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()
)
# Words after a number that make it a quantity of something else than a count.
PERCENT = frozenset({"Prozent", "%", "Prozentpunkte", "Prozentpunkten"})
# Place and name lists, role nouns and distractor banks: reader/quiz/data/*.txt (each file says
# what its list is for).
PLACES = word_set("places")
ARTICLE_NAMES = word_set("article_names")
PLURAL_NAMES = word_set("plural_names")
REGIONS = word_set("regions")
GERMAN_STATES = word_set("german_states")
PLACE_PREPOSITIONS = frozenset({"in", "nach", "aus", "bei", "im", "nahe", "bis"})
PERSON_TITLES = word_set("person_titles")
IDIOM_MEANINGS = entries("idiom_meanings")
SAYINGS = entries("sayings")
PHRASE_MEANINGS = entries("phrase_meanings")
_CRUDE = re.compile(r"orgasm|sex|vulg|fuck|shit|piss|arse|ass\b|crap|bitch|slang", re.I)
_CAPTION = re.compile(r"^(Foto|Bild|Grafik|Quelle|Archivbild|Fotos)\b|\b(Foto|Bild):", re.I)
_OPEN_QUOTES = frozenset({"„", "»", "‚"})
_CLOSE_QUOTES = frozenset({"“", "«", "‘"})
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_HAS_DIGIT = re.compile(r"\d")


@dataclass
class Question:
    """One multiple-choice question; `answer` indexes `choices`.

    `sentence` is the source sentence's text, `highlight` the [start, end) characters of the
    answer in it (shown after answering); `sentence_index` and `anchor` (a digest of the sentence
    text) tie the question to its sentence across re-annotation.
    """

    kind: str
    prompt: str
    choices: list[str]
    answer: int
    sentence: str
    explanation: str
    sentence_index: int
    highlight: list[int]
    anchor: str = ""
    score: float = 0.0
    # For rule checks: the text that fills the gap for each choice (cloze kinds only).
    fills: list[str] = field(default_factory=list)

    def public(self) -> dict:
        """The command-line / JSON shape (DESIGN.md, issue 5)."""
        return {
            "kind": self.kind,
            "prompt": self.prompt,
            "choices": list(self.choices),
            "answer": self.answer,
            "sentence": self.sentence,
            "explanation": self.explanation,
        }

    def as_dict(self) -> dict:
        return asdict(self)


# --------------------------------------------------------------------------- sentences


@dataclass
class Sent:
    index: int
    tokens: list[Mapping]
    expressions: list[Mapping]
    text: str
    offsets: list[tuple[int, int]]  # character span of each token within `text`
    in_quote: list[bool]
    good: bool
    heading: bool = False
    # Tokens of a dateline ("Seoul (taz) –") at the start: left out of what a prompt shows.
    dateline: int = 0

    @property
    def shown(self) -> str:
        """The sentence as a prompt quotes it: without its dateline."""
        return self.text[self.offsets[self.dateline][0] :] if self.dateline else self.text

    def show(self, text: str) -> str:
        """`text` (this sentence with a change after its dateline) without the dateline."""
        return text[self.offsets[self.dateline][0] :] if self.dateline else text


def sentence_text(tokens: Sequence[Mapping]) -> str:
    return "".join(t["text"] + (t.get("ws") or "") for t in tokens).strip()


def anchor_for(text: str) -> str:
    """A stable key for a sentence: its text without spacing differences."""
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()[:16]


def _offsets(tokens: Sequence[Mapping]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for t in tokens:
        spans.append((pos, pos + len(t["text"])))
        pos += len(t["text"]) + len(t.get("ws") or "")
    return spans


def _quote_mask(tokens: Sequence[Mapping]) -> list[bool]:
    """Which tokens stand inside quotation marks (German „…“ and »…«, or straight quotes)."""
    mask, inside = [], False
    for t in tokens:
        text = t["text"]
        if text in _OPEN_QUOTES or (text in ('"', "“") and not inside):
            inside = True
            mask.append(True)
        elif text in _CLOSE_QUOTES or text == '"':
            mask.append(True)
            inside = False
        else:
            mask.append(inside)
    return mask


def _paren_mask(tokens: Sequence[Mapping]) -> list[bool]:
    """Tokens inside brackets: asides and abbreviations (NYT), no facts worth asking about."""
    mask, depth = [], 0
    for t in tokens:
        if t["text"] in "([":
            depth += 1
        mask.append(depth > 0)
        if t["text"] in ")]" and depth:
            depth -= 1
    return mask


def _is_content_sentence(tokens: Sequence[Mapping], text: str, in_quote: list[bool]) -> bool:
    words = [t for t in tokens if _WORD.search(t["text"]) or _HAS_DIGIT.search(t["text"])]
    if not 6 <= len(words) <= 45:
        return False
    if not any(t.get("xpos") in FINITE for t in tokens):
        return False  # captions, datelines and headlines have no finite verb
    if _CAPTION.search(text):
        return False
    if text.rstrip().endswith(":"):
        return False  # the lead-in of a quote or a list
    if tokens[0]["text"] in _OPEN_QUOTES | {'"', "“"}:
        return False  # starts inside a quotation: the first words of a quote, not reporting
    quoted = sum(in_quote)
    return quoted <= len(tokens) / 2


_DASHES = frozenset({"–", "-", "—"})
# Small words inside a place name: Frankfurt am Main, Halle an der Saale, Neustadt in Holstein.
_PLACE_LINKS = frozenset({"am", "an", "der", "im", "in", "bei", "/"})


def dateline_end(tokens: Sequence[Mapping]) -> int:
    """Where the text starts after an agency dateline ("Seoul (taz) –", "Frankfurt am Main –"),
    or 0: a place (capitalised words, an agency in brackets) and a dash within the first
    seven tokens, with text after it."""
    depth = 0
    for k, t in enumerate(tokens[:8]):
        text = t["text"]
        if text in _DASHES and depth == 0:
            return k + 1 if 0 < k < len(tokens) - 1 else 0
        if text == "(":
            depth += 1
        elif text == ")" and depth:
            depth -= 1
        elif depth or text in _PLACE_LINKS or text in ",/":
            continue
        elif not text[:1].isupper() or t.get("upos") not in {"PROPN", "NOUN", "X", None}:
            return 0  # "Der Stadtrat – so die …": a determiner starts a clause, not a place
    return 0


def article_sentences(annotation: Mapping) -> list[Sent]:
    sents = []
    for index, s in enumerate(annotation.get("sentences") or []):
        tokens = s.get("tokens") or []
        if not tokens:
            continue
        text = sentence_text(tokens)
        # sentence_text strips leading spaces; offsets must follow.
        lead = len("".join(t["text"] + (t.get("ws") or "") for t in tokens)) - len(
            "".join(t["text"] + (t.get("ws") or "") for t in tokens).lstrip()
        )
        offsets = [(a - lead, b - lead) for a, b in _offsets(tokens)]
        in_quote = [q or p for q, p in zip(_quote_mask(tokens), _paren_mask(tokens), strict=True)]
        heading = s.get("kind", "text") == "heading"
        good = not heading and _is_content_sentence(tokens, text, in_quote)
        sents.append(
            Sent(
                index,
                tokens,
                s.get("expressions") or [],
                text,
                offsets,
                in_quote,
                good,
                heading,
                dateline_end(tokens) if not heading else 0,
            )
        )
    return sents


def word_count(annotation: Mapping) -> int:
    return sum(
        1
        for s in annotation.get("sentences") or []
        for t in s.get("tokens") or []
        if _WORD.search(t["text"]) or _HAS_DIGIT.search(t["text"])
    )


def target_count(words: int) -> int:
    """How many questions an article of this length gets: 8 at 300 words, 14 from 660 on."""
    if words < 60:
        return min(3, max(1, words // 20))
    return max(3, min(14, 3 + words // 60))


# --------------------------------------------------------------------------- helpers


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _feats_key(feats) -> str:
    if isinstance(feats, Mapping):
        return "|".join(f"{k}={v}" for k, v in sorted(feats.items()))
    return feats or ""


def _gloss(token: Mapping) -> str | None:
    gloss = token.get("gloss")
    if not gloss:
        senses = token.get("senses") or []
        gloss = senses[0] if senses else None
    if not gloss:
        return None
    gloss = str(gloss).strip()
    return gloss or None


def _senses(token: Mapping) -> set[str]:
    out = {_norm(s) for s in token.get("senses") or [] if s}
    if token.get("gloss"):
        out.add(_norm(str(token["gloss"])))
    return out


def _gloss_words(gloss: str) -> set[str]:
    stop = {
        "to",
        "the",
        "a",
        "an",
        "of",
        "sth",
        "sth.",
        "sb",
        "sb.",
        "be",
        "one's",
        "oneself",
        "in",
        "on",
        "at",
        "for",
        "with",
        "and",
        "or",
    }
    return {w for w in _WORD.findall(gloss.casefold()) if w not in stop}


def _mentions(prompt: str, answer: str) -> bool:
    """Does the prompt contain the answer as a word or word part (Nordkorea in
    Nordkorea-Bedrohung counts)?"""
    answer = answer.strip().casefold()
    if not answer:
        return False
    if _HAS_DIGIT.search(answer):
        return (
            re.search(rf"(?<![\d.,]){re.escape(answer)}(?![\d]|[.,]\d)", prompt.casefold())
            is not None
        )
    return answer in prompt.casefold()


def _cognate(german: str, english: str) -> bool:
    """Would an English reader guess the word (Atlantik = Atlantic, reagieren = to react)?
    Verbs are compared by their stem, without -ieren / -en."""
    a, b = german.casefold(), re.sub(r"^to ", "", english.casefold())
    if english.startswith("to "):
        # reag(ieren) ~ react: the stem is most of a shared beginning
        stem = re.sub(r"(ieren|eln|ern|en|n)$", "", a)
        if len(os.path.commonprefix([stem, b])) >= max(3, 0.7 * len(stem)):
            return True
    return SequenceMatcher(None, a, b).ratio() >= 0.75


def _own_gloss(t: Mapping) -> bool:
    """Is the word's gloss its own, not its last part's (Relegations|platz glossed "square",
    the lexicon's fallback for a compound it does not know)?"""
    parts = [p for p in t.get("compound") or [] if p.get("gloss")]
    return not parts or _is_whole_gloss(_gloss(t), parts)


def _guessable(t: Mapping) -> bool:
    """Is one of the word's senses its English cognate (warnen: to alert, to warn)?"""
    lemma = t.get("lemma") or t["text"]
    glosses = [g for g in [_gloss(t), *(t.get("senses") or [])] if g]
    return any(_cognate(lemma, str(g)) for g in glosses)


def _zipf(word: str) -> float:
    return zipf_frequency(word, "de")


def _plain_english(gloss: str) -> bool:
    """Is every word of an English gloss an everyday word? A distractor like "capaciousness"
    is wrong at a glance for a learner who has never seen it either."""
    return all(zipf_frequency(w, "en") >= 2.5 for w in _gloss_words(gloss))


def _gapped(sent: Sent, start: int, end: int, fill: str = GAP) -> str:
    a, b = sent.offsets[start][0], sent.offsets[end - 1][1]
    return sent.text[:a] + fill + sent.text[b:]


def _shuffle(rng: random.Random, right: str, wrong: Sequence[str]) -> tuple[list[str], int]:
    choices = [right, *wrong]
    rng.shuffle(choices)
    return choices, choices.index(right)


# --------------------------------------------------------------------------- facts


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
        if toks[i].get("upos") == "PROPN" and _WORD.search(toks[i]["text"]):
            j = i + 1
            while (
                j < len(toks) and toks[j].get("upos") == "PROPN" and _WORD.search(toks[j]["text"])
            ):
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


def _gender_before(token: Mapping | None) -> str:
    """The sex a role noun before a name shows: die Ministerin Katrin Albers, der Norweger
    Erik Lunde. Swapping names across it would make a false statement false by its grammar."""
    if token is None or token.get("xpos") != "NN":
        return "f" if token is not None and token["text"] == "Frau" else ""
    text = token["text"]
    if text == "Frau" or (text.endswith("in") and len(text) > 4):
        return "f"
    # The genitive or weak ending (des Malers, des Präsidenten) still shows a man.
    forms = {text, text.removesuffix("s"), text.removesuffix("en"), text.removesuffix("n")}
    if text == "Herr" or any(
        f in PERSON_TITLES or f.endswith(("er", "ent", "or", "ier", "ant")) for f in forms
    ):
        return "m"
    return ""


def _role_noun(sent: Sent, a: int) -> Mapping | None:
    """The noun that says who the name at token `a` is: the one right before it (Ministerin
    Katrin Albers) or, for a name in apposition, the head of the phrase before the comma (die
    Präsidentin des Sozialverbands VdK, Helga Brandt)."""
    if not a:
        return None
    toks = sent.tokens
    if toks[a - 1]["text"] != ",":
        return toks[a - 1]
    start = a - 2
    while start >= 0 and toks[start]["text"] not in {",", ":", ";", "–"}:
        start -= 1
    return next((t for t in toks[start + 1 : a - 1] if t.get("xpos") == "NN"), None)


def extract_facts(sents: Sequence[Sent]) -> list[Fact]:
    facts: list[Fact] = []
    persons: set[str] = set()
    genders: dict[str, str] = {}
    # First pass: multi-word names and names after a title are persons; remember their parts
    # so that a later bare surname ("Putin") is known as a person too.
    for sent in sents:
        for a, b in _name_spans(sent):
            words = [t["text"] for t in sent.tokens[a:b]]
            prev = sent.tokens[a - 1]["text"] if a else ""
            if (
                (b - a >= 2 and not any(w in PLACES for w in words))
                or prev in PERSON_TITLES
                or prev.endswith(("präsident", "kanzler", "minister", "chef"))
            ):
                persons.add(" ".join(words))
                persons.update(w for w in words if len(w) > 2)
                g = _gender_before(_role_noun(sent, a))
                if g:
                    for key in [" ".join(words), *words]:
                        genders.setdefault(key, g)
    common_nouns = {
        t["text"] for s in sents for t in s.tokens if t.get("upos") == "NOUN" and _gloss(t)
    }
    for sent in sents:
        toks = sent.tokens
        for i, t in enumerate(toks):
            text = t["text"]
            if sent.in_quote[i]:
                continue
            if (
                (t.get("upos") == "NUM" or t.get("xpos") == "CARD")
                and re.fullmatch(r"\d[\d.,]*", text)
                and not text.endswith(".")
            ):
                nxt = toks[i + 1]["text"] if i + 1 < len(toks) else ""
                if nxt in PERCENT:
                    cls = "percent"
                elif nxt == "Uhr":
                    cls = "time"
                elif re.fullmatch(r"(1[0-9]|20)\d\d", text) and not (
                    i + 1 < len(toks) and toks[i + 1].get("xpos") == "NN"
                ):
                    # "um 1800 in Dresden", "im Jahr 2027": a year, unlike "1500 Menschen".
                    cls = "year"
                else:
                    cls = "number"
                facts.append(Fact(sent.index, i, i + 1, text, cls, text, nxt))
            elif text in WEEKDAYS:
                facts.append(Fact(sent.index, i, i + 1, text, "weekday", text))
            elif text in MONTHS:
                facts.append(Fact(sent.index, i, i + 1, text, "month", text))
        for a, b in _name_spans(sent):
            if any(sent.in_quote[a:b]):
                continue
            words = [t["text"] for t in toks[a:b]]
            full = " ".join(words)
            if b - a == 1:
                base, _gen = _base_name(toks[a]["text"], toks[a].get("lemma"))
            else:
                base = full
            prev = toks[a - 1]["text"].lower() if a else ""
            if b - a == 1 and full not in persons and base not in persons:
                gloss = _gloss(toks[a]) or ""
                if gloss[:1].islower() and base not in PLACES:
                    continue  # a dictionary word tagged as a name (Keller = cellar)
                known = PLACES | REGIONS | ARTICLE_NAMES
                if a and toks[a - 1].get("xpos") == "ART" and base not in known:
                    continue  # "des Sprints": a noun the tagger took for a name
            nxt_tok = toks[b] if b < len(toks) else None
            if (
                b - a == 1
                and nxt_tok is not None
                and nxt_tok["text"][:1].isupper()
                and nxt_tok.get("upos") in {"NOUN", "X"}
            ):
                continue  # half a name (Torhüter Marcel | Kranz, the surname tagged a noun)
            if full in persons or base in persons:
                cls = "person"
            elif base in REGIONS:
                # States and countries swap with each other, never with a town: Mannheim ->
                # Baden-Württemberg would still be true.
                cls = "state" if base in GERMAN_STATES else "region"
            elif base in PLACES or (b - a == 1 and prev in PLACE_PREPOSITIONS):
                cls = "place"
            else:
                cls = "name"
                # Neither person nor known place: a name of one word, which swaps cleanly,
                # and no common noun tagged as a name: not one inflected for the plural
                # (Corona-Tests, lemma Corona-Test), not one the article also uses as a noun
                # (Keller: der Keller steht voll).
                lemma = toks[a].get("lemma") or full
                if (
                    not re.fullmatch(r"[\w-]+", full)
                    or any(_gloss(x) for x in toks[a:b])
                    or full in common_nouns
                    or (lemma != full and full != lemma + "s")
                ):
                    continue
            if len(base) < 2 or not base[0].isupper():
                continue
            if base in ARTICLE_NAMES or (prev and toks[a - 1].get("xpos") in _DETERMINERS):
                cls += "+article"
                if any(w in PLURAL_NAMES for w in words):
                    cls += "+plural"
            gender = (
                (genders.get(full) or genders.get(base) or "") if cls.startswith("person") else ""
            )
            facts.append(
                Fact(
                    sent.index,
                    a,
                    b,
                    sent.text[sent.offsets[a][0] : sent.offsets[b - 1][1]],
                    cls,
                    base,
                    gender=gender,
                )
            )
    return facts


def _form_like(fact: Fact, other: Fact) -> str:
    """`other`'s value written in `fact`'s grammatical form (s-genitive kept)."""
    is_name = fact.cls.split("+")[0] in {"person", "place", "region", "state", "name"}
    if is_name and fact.text != fact.value and fact.text == fact.value + "s":
        v = other.value
        return v + ("'" if v[-1] in "sxzß" else "s")
    return other.value if is_name else other.text


CLASS_QUESTION = {
    "person+article": "Who is it?",
    "place+article": "Which place completes the sentence?",
    "name+article": "Which name completes the sentence?",
    "number": "Which number completes the sentence?",
    "percent": "Which figure completes the sentence?",
    "year": "Which year completes the sentence?",
    "person": "Who is it?",
    "place": "Which place completes the sentence?",
    "region": "Which country or region completes the sentence?",
    "state": "Which German state completes the sentence?",
    "state+article": "Which German state completes the sentence?",
    "region+article": "Which country or region completes the sentence?",
    "name": "Which name completes the sentence?",
    "weekday": "On which day?",
    "time": "At what time?",
    "month": "In which month?",
}


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


def _fact_distractors(
    fact: Fact,
    facts: Sequence[Fact],
    rng: random.Random,
    sent: Sent,
    all_texts: set[str],
    min_closeness: int = 0,
) -> list[str]:
    seen = {_norm(fact.value)}
    pool = []
    for other in facts:
        if other.cls != fact.cls or _norm(other.value) in seen:
            continue
        if fact.gender and other.gender and fact.gender != other.gender:
            continue  # "der Norweger Ingrid Solberg" would give itself away
        # A bare first name (Andreas, of Andreas Wendt) is no alternative to a full name, nor
        # full names to a bare surname ("Kim" among "Joe Biden", "Wladimir Putin").
        if fact.cls.startswith("person") and (" " in fact.value) != (" " in other.value):
            continue
        # Part of the answer or of a choice already taken (Kim and Kim Jong Un) is the same one.
        words = set(_norm(other.value).split())
        if any(words & set(v.split()) for v in seen):
            continue
        form = _form_like(fact, other)
        if _mentions(_gapped(sent, fact.start, fact.end), other.value):
            continue  # a choice already visible in the sentence would only confuse
        filled = _norm(_gapped(sent, fact.start, fact.end, form))
        if filled in all_texts:
            continue  # the swapped sentence is also true somewhere in the article
        closeness = _closeness(fact, other)
        if closeness < min_closeness:
            continue
        seen.add(_norm(other.value))
        pool.append((closeness, form))
    pool.sort()
    rng.shuffle(pool)
    pool.sort(key=lambda p: -p[0])  # stable: the closest first, ties in shuffled order
    return [form for _, form in pool[:3]]


# --------------------------------------------------------------------------- candidates


def _is_dateline(sent: Sent, fact: Fact) -> bool:
    """ "Seoul (taz) –", "Erfurt –": the place line of an agency report, not its content."""
    nxt = sent.tokens[fact.end]["text"] if fact.end < len(sent.tokens) else ""
    return fact.start < sent.dateline or (fact.start == 0 and nxt in {"(", *_DASHES})


def _details(sents, facts, rng, all_texts) -> Iterable[Question]:
    by_index = {s.index: s for s in sents}
    for fact in facts:
        sent = by_index[fact.s]
        if not sent.good or _is_dateline(sent, fact):
            continue
        prompt_text = sent.show(_gapped(sent, fact.start, fact.end))
        if _mentions(prompt_text, fact.value) or (
            fact.text != fact.value and _mentions(prompt_text, fact.text)
        ):
            continue  # the same number or name elsewhere in the sentence gives it away
        wrong = _fact_distractors(fact, facts, rng, sent, all_texts)
        if len(wrong) < 2:
            continue
        choices, answer = _shuffle(rng, fact.text, wrong)
        a, b = sent.offsets[fact.start][0], sent.offsets[fact.end - 1][1]
        yield Question(
            kind="details",
            prompt=f"{CLASS_QUESTION[fact.cls.removesuffix('+plural')]}\n{prompt_text}",
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
            fills=[*choices],
        )


def _context(sent: Sent, start: int, end: int, width: int = 3) -> str:
    a = max(0, start - width)
    b = min(len(sent.tokens), end + width)
    return sent.text[sent.offsets[a][0] : sent.offsets[b - 1][1]]


_ANAPHORIC = frozenset({"dort", "damals", "dabei", "dafür", "dagegen", "deshalb", "daher"})


def _leans_on_context(sent: Sent) -> bool:
    """Does the sentence start by pointing back (er, sie, dies, ihr, dort, damals)?"""
    start = sent.tokens[sent.dateline : sent.dateline + 3]
    return bool(start) and (
        start[0]["text"].casefold() in _ANAPHORIC
        or any(t.get("xpos") in {"PPER", "PDS", "PAV", "PPOSAT"} for t in start)
    )


def _true_false(sents, facts, rng, all_texts) -> Iterable[Question]:
    """For every fact, the sentence with that fact swapped (false); for every sentence with a
    fact, the sentence as it is (true). The selection alternates true and false answers."""
    by_index = {s.index: s for s in sents}
    kept: set[int] = set()
    for fact in facts:
        sent = by_index[fact.s]
        if not sent.good or len(sent.tokens) > 40 or _is_dateline(sent, fact):
            continue
        a, b = sent.offsets[fact.start][0], sent.offsets[fact.end - 1][1]
        numeric = fact.cls in {"number", "percent"}
        wrong = _fact_distractors(
            # A false number must be plausible: same order of magnitude, and the same unit
            # or notation (not "400.000 Euro" -> "14 Euro").
            fact,
            facts,
            rng,
            sent,
            all_texts,
            min_closeness=4 if numeric else 0,
        )
        variants = []
        if wrong and not _mentions(_gapped(sent, fact.start, fact.end), fact.value):
            statement = _gapped(sent, fact.start, fact.end, wrong[0])
            variants.append((statement, 1, f"False: the text says {fact.text}, not {wrong[0]}."))
        if sent.index not in kept:
            kept.add(sent.index)
            variants.append((sent.text, 0, "True: the text says exactly this."))
        for statement, answer, explanation in variants:
            # "Er versprach …", "Dort arbeiten …": a statement leaning on the sentence before
            # is hard to judge on its own.
            leaning = _leans_on_context(sent)
            yield Question(
                kind="true_false",
                prompt=f"True or false?\n{sent.show(statement)}",
                # True/False keep their order: a learner should not have to search for "True".
                choices=[TRUE, FALSE],
                answer=answer,
                sentence=sent.text,
                explanation=explanation,
                sentence_index=sent.index,
                highlight=[a, b],
                score=2.0 - (0.5 if leaning else 0),
            )


_VOCAB_XPOS = {"NN", "VVFIN", "VVPP", "VVINF", "VVIZU", "ADJA", "ADJD"}


def _word_ok(t: Mapping) -> bool:
    text = t["text"]
    return (
        t.get("xpos") in _VOCAB_XPOS
        and len(text) >= 4
        and text.replace("-", "").isalpha()
        and t.get("upos") != "PROPN"
    )


_DETERMINERS = frozenset({"ART", "PDAT", "PPOSAT", "PIAT", "PRELAT", "PWAT"})


def _ending(text: str, endings: Sequence[str]) -> str:
    return next((e for e in endings if text.endswith(e)), "")


def _form_key(sent: Sent, i: int) -> tuple:
    """What a word's form shows of its grammar, so that every choice fits the gap equally well:
    the tag and morphology, plus for nouns number and the determiner before it (der/die/den
    tell gender and case when the tagger gives no features), for adjectives and finite verbs
    the inflectional ending."""
    t = sent.tokens[i]
    xpos, text, lemma = t["xpos"], t["text"], t.get("lemma") or t["text"]
    key: tuple = (xpos, _feats_key(t.get("feats")))
    if xpos == "NN":
        prev = sent.tokens[i - 1] if i else None
        det = prev["text"].casefold() if prev and prev.get("xpos") in _DETERMINERS else ""
        if prev and prev.get("xpos") == "ADJA":
            # An adjective before the gap agrees with the noun: "ein wichtiges ___" wants a
            # neuter singular, which "Strafrunden" is not.
            det = "-" + _ending(prev["text"], ("en", "er", "es", "em", "e"))
        # The ending after the lemma (Betrug-s, Einwohner-n) shows case and number.
        suffix = text[len(lemma) :] if text.startswith(lemma) else "~"
        key += (t.get("gender") or "", suffix, det)
    elif xpos == "ADJA":
        key += (_ending(text, ("en", "er", "es", "em", "e")),)
    elif xpos == "VVFIN":
        key += (_ending(text, ("ten", "te", "test", "en", "st", "t")),)
    return key


_TIME_WORDS = re.compile(
    r"(tag|woche|wochen|monat|monate|monaten|jahr|jahre|jahren|jahres|wechsel|abend|morgen"
    r"|nacht|mittag|frühling|frühjahr|sommer|herbst|winter|zeit|zeiten|stunde|stunden"
    r"|minute|minuten)$",
    re.I,
)


def _is_time_word(text: str) -> bool:
    """A point or span of time (Donnerstag, Herbst, Jahreswechsel), which fits any gap that
    wants a time."""
    return text in WEEKDAYS or text in MONTHS or _TIME_WORDS.search(text) is not None


def _by_name(sent: Sent, i: int) -> bool:
    """A noun next to a name: part of the name (Gemeinde Wurster Nordseeküste), a surname
    tagged as a noun (Torhüter Marcel Kranz), or a role before it (Kapitän Jonas Vogt), where
    any other role (Torhüter, Trainer) would fit the gap as well."""
    if sent.tokens[i].get("xpos") != "NN":
        return False
    near = sent.tokens[max(0, i - 1) : i] + sent.tokens[i + 1 : i + 2]
    return any(t.get("upos") == "PROPN" for t in near)


def _vocabulary(sents, rng, all_texts) -> Iterable[Question]:
    pool: dict[tuple, dict[str, Mapping]] = {}
    # Words of a multiword expression stay out, as answers and as distractors: "Ungarn ___ dem
    # Programm nicht zu" takes stimmte, but also sagte and teilte (zusagen, zuteilen).
    in_expression = {
        (sent.index, k) for sent in sents for x in sent.expressions for k in x.get("tokens") or []
    }
    for sent in sents:
        for i, t in enumerate(sent.tokens):
            if _word_ok(t) and (sent.index, i) not in in_expression and not _by_name(sent, i):
                pool.setdefault(_form_key(sent, i), {}).setdefault(t["text"], t)
    for sent in sents:
        if not sent.good:
            continue
        for i, t in enumerate(sent.tokens):
            if sent.in_quote[i] or not _word_ok(t) or (sent.index, i) in in_expression:
                continue
            if _by_name(sent, i):
                continue
            lemma = t.get("lemma") or t["text"]
            zipf = _zipf(t["text"])
            if zipf > 5.2 or zipf < 1.5:
                continue  # too common to be worth a question, or too rare to be fair
            if _guessable(t):
                continue  # prominent, konventionelle: an English reader fills the gap at once
            prompt_text = sent.show(_gapped(sent, i, i + 1))
            stem = lemma[: max(4, len(lemma) - 2)]
            if _mentions(prompt_text, t["text"]) or _mentions(prompt_text, stem):
                continue  # the word (or its stem) is still visible elsewhere in the sentence
            candidates = []
            for text, other in sorted(pool.get(_form_key(sent, i), {}).items()):
                other_lemma = (other.get("lemma") or text).casefold()
                if other_lemma == lemma.casefold() or _norm(text) == _norm(t["text"]):
                    continue
                if _senses(other) & _senses(t):
                    continue  # a synonym would make two right answers
                if _norm(_gapped(sent, i, i + 1, text)) in all_texts:
                    continue
                if _mentions(prompt_text, text):
                    continue
                if text[:1].isupper() != t["text"][:1].isupper() or text.casefold() in {
                    c.casefold() for c in candidates
                }:
                    continue  # Europäische (in a name) is no choice for europäische
                if (
                    text.casefold() in t["text"].casefold()
                    or t["text"].casefold() in text.casefold()
                ):
                    continue  # Wasser for Hochwasser: half right is not clearly wrong
                if _is_time_word(text) != _is_time_word(t["text"]):
                    continue  # "Zum ___ könnte …": Donnerstag fits wherever a time does
                candidates.append(text)
            if len(candidates) < 3:
                continue
            rng.shuffle(candidates)
            choices, answer = _shuffle(rng, t["text"], candidates[:3])
            a, b = sent.offsets[i]
            gloss = _gloss(t) if _own_gloss(t) else None
            yield Question(
                kind="vocabulary",
                prompt=f"Which word does the article use here?\n{prompt_text}",
                choices=choices,
                answer=answer,
                sentence=sent.text,
                explanation=f"„{t['text']}“ ({lemma}{': ' + gloss if gloss else ''}).",
                sentence_index=sent.index,
                highlight=[a, b],
                # Nouns first: a verb or adjective from elsewhere in the article often fits
                # the gap as well (flog / ging über die Mauer, pünktlich / spät, Stellen
                # besetzen / schließen), a noun from another topic seldom does.
                score=1.5
                + (0.5 if gloss else 0)
                + (0.3 if 2.5 <= zipf <= 4.5 else 0)
                - (0 if t["xpos"] == "NN" else 1.0),
                fills=[*choices],
            )


def _graded(t: Mapping) -> bool:
    """A comparative or superlative (höherer, genauer, oberster), which the dictionary glosses
    by its base form. The tagger's Degree is not always set: an adverbial adjective does not
    inflect, so genau-er is a comparative; hoch/höher changes its stem."""
    if t.get("upos") != "ADJ":
        return False
    text, lemma = t["text"].casefold(), (t.get("lemma") or t["text"]).casefold()
    if "Degree=Cmp" in str(t.get("feats")) or "Degree=Sup" in str(t.get("feats")):
        return True
    if not text.startswith(lemma):
        return True
    rest = text[len(lemma) :]
    if t.get("xpos") == "ADJD":
        return rest in {"er", "st", "sten"}
    return re.fullmatch(r"(er|e?st)(e|en|er|es|em)", rest) is not None


def _senses_agree(t: Mapping) -> bool:
    """Do the word's first senses say the same thing (hoffen: to hope, to hope for sth.;
    Baustelle: building site, construction site)? Then the first sense is safe in any
    context; scattered senses (fordern: to challenge, to extend, to command) often are not."""
    senses = [str(x) for x in (t.get("senses") or [])][:3]
    if len(senses) < 2:
        return True
    first = _gloss_words(senses[0])
    return any(first & _gloss_words(other) for other in senses[1:])


def _separated_particle(sent: Sent, i: int) -> str:
    """The particle split off a verb (warf … vor for vorwerfen): the meaning belongs to both,
    so the question names both."""
    t = sent.tokens[i]
    lemma = (t.get("lemma") or "").casefold()
    if t.get("upos") != "VERB" or lemma.startswith(t["text"].casefold()[:3]):
        return ""
    for other in sent.tokens[i + 1 :]:
        particle = other["text"].casefold()
        if other.get("xpos") == "PTKVZ" and lemma.startswith(particle):
            return other["text"]
    return ""


def _meaning(sents, rng) -> Iterable[Question]:
    glosses: dict[str, dict[str, Mapping]] = {}
    for sent in sents:
        for t in sent.tokens:
            g = _gloss(t)
            # Distractors are meanings of everyday words of the article, short and decent:
            # a rare word's odd first sense would be recognised as wrong at a glance.
            if (
                g
                and t.get("upos") in {"NOUN", "VERB", "ADJ", "ADV"}
                and len(g.split()) <= 4
                and not _CRUDE.search(g)
                and _zipf(t["text"]) >= 3.0
            ):
                glosses.setdefault(t["upos"], {}).setdefault(_norm(g), t)
    for sent in sents:
        if not sent.good:
            continue
        for i, t in enumerate(sent.tokens):
            if t.get("upos") not in {"NOUN", "VERB", "ADJ"} or sent.in_quote[i]:
                continue
            gloss = _gloss(t)
            lemma = t.get("lemma") or t["text"]
            if not gloss or len(t["text"]) < 4 or not t["text"].replace("-", "").isalpha():
                continue
            if _guessable(t):
                continue  # Atlantik = Atlantic, warnen = to warn: asks nothing
            if not _own_gloss(t):
                continue  # Relegationsplatz = "square": the dictionary only knew the Platz
            if gloss[:1].isupper():
                continue  # a name's meaning (Ostasien = East Asia, Norweger = Norwegian)
            if _graded(t):
                continue  # höherer is "higher": the dictionary's "high" would be wrong here
            zipf = _zipf(t["text"])
            if zipf > 5.0 or zipf < 1.5:
                continue
            if any(w in _norm(sent.text) for w in _gloss_words(gloss) if len(w) > 3):
                continue  # the English word is in the German sentence (Nato, Drohne/drone...)
            # Words of any of its senses: a distractor sharing one could also be right.
            right_words = set().union(_gloss_words(gloss), *map(_gloss_words, _senses(t)))
            candidates = []
            for key, other in sorted(glosses.get(t["upos"], {}).items()):
                other_lemma = (other.get("lemma") or other["text"]).casefold()
                if other_lemma == lemma.casefold() or key in _senses(t):
                    continue
                if _gloss_words(key) & right_words:
                    continue  # shares a word with the answer: too close to be clearly wrong
                other_gloss = _gloss(other) or ""
                # Written like the answer, or wrong at a glance: no "Friday" among
                # "government", no "must" among "to open sth.", no "inhabitant of Duisburg"
                # among "dangerous".
                if (
                    other_gloss[:1].isupper() != gloss[:1].isupper()
                    or other_gloss.startswith("to ") != gloss.startswith("to ")
                    or len(other_gloss.split()) > len(gloss.split()) + 1
                    or re.match(r"(the|a|an) ", other_gloss, re.I)
                    or not _plain_english(other_gloss)
                ):
                    continue
                candidates.append(other_gloss)
            if len(candidates) < 3:
                continue
            rng.shuffle(candidates)
            choices, answer = _shuffle(rng, gloss, candidates[:3])
            a, b = sent.offsets[i]
            senses = ", ".join(str(x).rstrip(".") for x in t.get("senses") or [gloss])
            particle = _separated_particle(sent, i)
            word = f"{t['text']} … {particle}" if particle else t["text"]
            yield Question(
                kind="meaning",
                prompt=f"What does „{word}“ mean in this sentence?\n{sent.shown}",
                choices=choices,
                answer=answer,
                sentence=sent.text,
                explanation=f"„{lemma}“: {senses}.",
                sentence_index=sent.index,
                highlight=[a, b],
                # A particle verb's senses scatter (ausgleichen: to fund, to even out): its
                # first sense is less often the one meant than a noun's.
                score=1.5
                + (0.3 if 2.5 <= zipf <= 4.5 else 0)
                - (0.4 if particle else 0)
                + (0.4 if _senses_agree(t) else 0),
            )


def _compound_text(parts: Sequence[Mapping], glosses: Sequence[str]) -> str:
    return " + ".join(f"{p['lemma']} ({g})" for p, g in zip(parts, glosses, strict=True))


def _part_class(lemma: str) -> str:
    # German capitalises nouns: a capitalised part gets noun meanings as distractors.
    return "noun" if lemma[:1].isupper() else "other"


def _sense_in_compound(parts: Sequence[Mapping], whole: str | None) -> list[str]:
    """The meaning each part has in this compound. A part's first dictionary sense is often
    not the one the compound uses (Bau = burrow in Bauarbeiten, Haupt = head in Hauptgrund);
    when the compound's own gloss is two words and one of them is already its part's gloss
    (construction work, main reason), the other word is the other part's meaning here."""
    right = [str(p["gloss"]) for p in parts]
    words = (whole or "").split()
    if len(parts) != 2 or len(words) != 2 or not all(w.isalpha() for w in words):
        return right
    first, head = (_norm(re.sub(r"^to ", "", g)) for g in right)
    w1, w2 = (_norm(w) for w in words)
    # Only a noun gets its meaning from the compound's gloss: a verb part's English word there
    # is often no meaning of the verb (Stör|geräusch = static noise, stören is not "static").
    if head in {w2, w2.rstrip("s")} and first != w1 and parts[0]["lemma"][:1].isupper():
        return [words[0], right[1]]
    if first == w1 and head != w2:
        return [right[0], words[1]]
    return right


def _is_whole_gloss(whole: str | None, parts: Sequence[Mapping]) -> bool:
    """Is `whole` the compound's own gloss, not its head's (Nato-Staat = state, Strafrunde =
    round: the lexicon fell back to the last part)?"""
    if not whole:
        return False
    head = _norm(str(parts[-1]["gloss"]))
    return not (_gloss_words(whole) <= _gloss_words(head) or head.startswith(_norm(whole)))


def _part_distractor_ok(gloss: str, right: str) -> bool:
    """A meaning to give a part wrongly: a plain word or two, not an article phrase (the
    police), and written like the right one (no "Friday" for "day")."""
    return (
        len(gloss.split()) <= 2
        and gloss.startswith("to ") == right.startswith("to ")  # no "fern (to go)"
        and not re.match(r"(the|a|an) ", gloss, re.I)
        and gloss[:1].isupper() == right[:1].isupper()
        and not _CRUDE.search(gloss)
        and _plain_english(gloss)
    )


def _misread_compound(sent: Sent, i: int, parts: Sequence[Mapping]) -> bool:
    """Splits that look like compounds but are not:
    - a participle made a noun (Studier|ende, Vorsitz|ende for Studierende, Vorsitzende): the
      -end of the participle read as Ende, unless the compound's gloss says "end" (Wochenende);
    - a place name the dictionary does not know (in Hochfilzen): a common noun after
      in/nach/aus takes an article, a name does not;
    - a linking s that may also start the next part (Antrags|teller or Antrag|steller?): when
      both readings are words, the split is a guess."""
    t = sent.tokens[i]
    whole = _gloss(t) or ""
    if parts[-1]["lemma"] == "Ende" and "end" not in whole.casefold():
        return True
    prev = sent.tokens[i - 1] if i else None
    if prev and prev["text"] in {"in", "nach", "aus"} and not _is_whole_gloss(whole, parts):
        return True
    written = [str(p.get("part") or p["lemma"]) for p in t.get("compound") or []]
    for k in range(len(written) - 1):
        lemma = str(t["compound"][k].get("lemma") or "")
        if written[k].endswith("s") and not lemma.endswith("s"):
            if _zipf("s" + written[k + 1].casefold()) >= 2.0:
                return True
    return False


def _compound(sents, rng) -> Iterable[Question]:
    # Meanings to give a part wrongly: meanings of other compounds' parts and of other nouns
    # and adjectives of the article, each with the lemma it belongs to.
    part_glosses: dict[str, dict[str, set[str]]] = {"noun": {}, "other": {}}
    senses_of: dict[str, set[str]] = {}  # lemma -> every sense the article shows for it
    for sent in sents:
        for t in sent.tokens:
            for p in t.get("compound") or []:
                if p.get("gloss") and p.get("lemma"):
                    cls = _part_class(p["lemma"])
                    part_glosses[cls].setdefault(str(p["gloss"]), set()).add(p["lemma"].casefold())
                    senses_of.setdefault(p["lemma"].casefold(), set()).add(_norm(p["gloss"]))
            g = _gloss(t)
            lemma = (t.get("lemma") or t["text"]).casefold()
            if t.get("upos") in {"NOUN", "ADJ", "VERB"}:
                senses_of.setdefault(lemma, set()).update(_senses(t))
            if g and t.get("upos") in {"NOUN", "ADJ"} and len(g.split()) <= 2:
                cls = "noun" if t["upos"] == "NOUN" else "other"
                part_glosses[cls].setdefault(g, set()).add(lemma)
    seen: set[str] = set()
    for sent in sents:
        if not sent.good:
            continue
        for i, t in enumerate(sent.tokens):
            parts = [p for p in t.get("compound") or [] if p.get("lemma")]
            if len(parts) < 2 or sent.in_quote[i] or t["text"] in seen:
                continue
            if not all(p.get("gloss") for p in parts):
                continue
            # Nouns only: adjectives like vollständig are lexicalised, and weekdays
            # (Diens|tag) no lesson in word building.
            if t.get("xpos") != "NN" or t["text"] in WEEKDAYS:
                continue
            # A part glossed with a capital is a name or an abbreviation (Spree (Spree) + Cher
            # for Sprecher, Nato (North Atlantic Treaty Organization)): a wrong split, or a
            # name, and a name has no meaning to get wrong.
            if any(str(p["gloss"])[:1].isupper() for p in parts):
                continue
            if _misread_compound(sent, i, parts):
                continue
            # Start|rinnen for Starter|innen: the feminine suffix -in cut in the wrong place.
            last = str(t["compound"][-1].get("part") or "").casefold()
            if last.startswith("rin") and t["text"].endswith(("erin", "erinnen")):
                continue
            # A part that is no common word (Nor|weger) is a wrong split, not a lesson.
            if any(len(p["lemma"]) < 3 or _zipf(p["lemma"]) < 2.0 for p in parts):
                continue
            seen.add(t["text"])
            whole = _gloss(t)
            right = _sense_in_compound(parts, whole)
            if any(g[:1].isupper() for g in right):
                continue  # Bund (Federal): a name's word, as above
            # Never another sense of the same part, nor a meaning of the compound itself or
            # of a word sharing a part (Spiel (match day) for Spieltag): those could be right.
            own_lemmas = {p["lemma"].casefold() for p in parts} | {
                (t.get("lemma") or t["text"]).casefold()
            }
            taken = set().union(*(senses_of.get(x, set()) for x in own_lemmas)) | _senses(t)
            taken_words = set().union(*(_gloss_words(x) for x in [*right, *taken]))
            pools = {}
            for cls, glosses_of_cls in part_glosses.items():
                pool = sorted(
                    g
                    for g, lemmas in glosses_of_cls.items()
                    if _norm(g) not in taken
                    and not (lemmas & own_lemmas)
                    and not (_gloss_words(g) & taken_words)
                )
                rng.shuffle(pool)
                pools[cls] = pool
            # Each distractor gives one part (in turn, head first) a meaning it does not have,
            # taken from words of the same class (nouns for nouns).
            wrong_texts: list[str] = []
            for k in range(24):
                j = len(parts) - 1 - (k % len(parts))
                pool = pools[_part_class(parts[j]["lemma"])]
                while pool and not _part_distractor_ok(pool[-1], right[j]):
                    pool.pop()
                if not pool:
                    continue
                g = pool.pop()
                glosses = list(right)
                glosses[j] = g
                text = _compound_text(parts, glosses)
                if text not in wrong_texts:
                    wrong_texts.append(text)
                if len(wrong_texts) == 3:
                    break
            if len(wrong_texts) < 3:
                continue
            right_text = _compound_text(parts, right)
            choices, answer = _shuffle(rng, right_text, wrong_texts)
            a, b = sent.offsets[i]
            written = "|".join(p.get("part") or p["lemma"] for p in t["compound"])
            shown_whole = whole if _is_whole_gloss(whole, parts) else None
            # Transparent compounds first: where the compound's gloss repeats its parts'
            # meanings (Grenz|region = border region) the split and the senses are confirmed;
            # a hyphenated one (quasi-Allianz) shows its split anyway.
            whole_words = _gloss_words(shown_whole or "")
            transparent = sum(bool(_gloss_words(g) & whole_words) for g in right) / len(right)
            yield Question(
                kind="compound",
                prompt=f"„{t['text']}“ is a compound. Which parts is it made of, and what do "
                f"they mean?\n{sent.shown}",
                choices=choices,
                answer=answer,
                sentence=sent.text,
                explanation=f"{written}: {right_text}"
                + (f" = {shown_whole}." if shown_whole else "."),
                sentence_index=sent.index,
                highlight=[a, b],
                score=1.4 + 0.6 * transparent - (0.3 if "-" in t["text"] else 0),
            )


def _first_sense(gloss: str) -> str:
    """Dictionary glosses list several senses ("One hand washes the other.; One good turn
    deserves another."): a choice shows the first."""
    return re.split(r";\s|\s\|\s", str(gloss))[0].strip()


def _is_saying(gloss: str) -> bool:
    """A whole-sentence meaning (The time is up.) rather than a verb phrase (to give up)."""
    g = _first_sense(gloss)
    return g[:1].isupper() and g.rstrip().endswith((".", "!", "?"))


_SLOTS = frozenset(
    "jdn. jdm. jds. etw. sich es der die das den dem des ein eine einen einem einer".split()
)


def _idiom_fits(sent: Sent, x: Mapping) -> bool:
    """Does the sentence really contain the dictionary expression? The matcher allows
    inflection and insertions; a word of the expression that is nowhere in the sentence
    (nicht in Betrieb sein, mit wenig Geld) means the meaning would be wrong here."""
    lemma = str(x.get("lemma") or "")
    words = [w.strip(".,!?;:()").casefold() for w in lemma.split()]
    words = [w for w in words if w and w not in _SLOTS]
    if len(words) < 2:
        return False  # "es geben": grammar, not an idiom worth a question
    seen = set()
    for t in sent.tokens:
        seen.add(t["text"].casefold())
        seen.add((t.get("lemma") or "").casefold())
    saying = lemma.rstrip().endswith((".", "!", "?"))
    for w in words:
        if w in seen:
            continue
        # Verbs and nouns inflect (wäscht ~ waschen, Sorgen ~ Sorge): a shared stem will do,
        # except in a saying, which is quoted as it stands.
        if saying or not any(
            len(w) >= 4 and (s.startswith(w[:4]) and w[:4] == s[:4]) for s in seen
        ):
            return False
    return True


def _idiom(sents, rng) -> Iterable[Question]:
    exprs = []
    for sent in sents:
        if not sent.good:
            continue
        for x in sent.expressions:
            idx = sorted(x.get("tokens") or [])
            if x.get("type") not in {"idiom", "light_verb"} or not x.get("gloss") or not idx:
                continue
            # One word, or words far apart, is more often a false match than an idiom.
            if len(idx) < 2 or idx[-1] - idx[0] > 7 or not _idiom_fits(sent, x):
                continue
            exprs.append((sent, x))
    all_glosses = sorted({_first_sense(x["gloss"]) for _, x in exprs})
    for sent, x in exprs:
        gloss = _first_sense(x["gloss"])
        saying = _is_saying(gloss)
        # Distractors of the same form: "to ..." meanings for verb idioms, sayings for sayings.
        others = [
            g
            for g in all_glosses
            if _norm(g) != _norm(gloss)
            and _is_saying(g) == saying
            and g.startswith("to ") == gloss.startswith("to ")
            and not (_gloss_words(g) & _gloss_words(gloss))
        ]
        # Choices of one form: "to ..." meanings, sayings, or other phrases.
        if saying:
            bank_of_form = SAYINGS
        elif gloss.startswith("to "):
            bank_of_form = IDIOM_MEANINGS
        else:
            bank_of_form = PHRASE_MEANINGS
        bank = [
            g
            for g in bank_of_form
            if _norm(g) != _norm(gloss)
            and not (_gloss_words(g) & _gloss_words(gloss))
            and g not in others
        ]
        rng.shuffle(others)
        rng.shuffle(bank)
        wrong = (others + bank)[:3]
        idx = sorted(x["tokens"])
        words = " ".join(sent.tokens[k]["text"] for k in idx)
        lemma = x.get("lemma") or words
        choices, answer = _shuffle(rng, gloss, wrong)
        yield Question(
            kind="idiom",
            prompt=f"What does the expression „{words}“ ({lemma.rstrip('.')}) mean here?\n"
            f"{sent.shown}",
            choices=choices,
            answer=answer,
            sentence=sent.text,
            explanation=f"„{lemma.rstrip('.')}“: {gloss.rstrip('.')}.",
            sentence_index=sent.index,
            highlight=[sent.offsets[idx[0]][0], sent.offsets[idx[-1]][1]],
            score=3.0 if x.get("type") == "idiom" else 2.2,
        )


# --------------------------------------------------------------------------- selection


def fingerprint(annotation: Mapping) -> str:
    h = hashlib.sha256(str(annotation.get("version", "")).encode())
    for s in annotation.get("sentences") or []:
        h.update(sentence_text(s.get("tokens") or []).encode())
        h.update(b"\x00")
    return h.hexdigest()[:16]


def quiz_generate(
    annotation: Mapping,
    seed: int = 0,
    *,
    count: int | None = None,
    avoid_anchors: Iterable[str] = (),
    exclude: Iterable[tuple[str, str]] = (),
) -> list[Question]:
    """The quiz of an annotated article, in text order.

    `count` overrides the length-based number of questions; `avoid_anchors` are sentences that
    already have a (teacher-edited) question; `exclude` are (kind, anchor) pairs a teacher
    dropped, which regeneration must not bring back.
    """
    rng = random.Random(f"{seed}:{fingerprint(annotation)}")
    sents = article_sentences(annotation)
    if not sents:
        return []
    all_texts = {_norm(s.text) for s in sents}
    facts = extract_facts(sents)
    by_kind: dict[str, list[Question]] = {
        "details": list(_details(sents, facts, rng, all_texts)),
        "true_false": list(_true_false(sents, facts, rng, all_texts)),
        "vocabulary": list(_vocabulary(sents, rng, all_texts)),
        "meaning": list(_meaning(sents, rng)),
        "compound": list(_compound(sents, rng)),
        "idiom": list(_idiom(sents, rng)),
    }
    excluded = set(exclude)
    for kind, questions in by_kind.items():
        kept = []
        for q in questions:
            q.anchor = anchor_for(q.sentence)
            if (kind, q.anchor) not in excluded:
                kept.append(q)
        # Best first, ties broken by the seeded shuffle already applied to the order.
        order = list(range(len(kept)))
        rng.shuffle(order)
        by_kind[kind] = [kept[k] for k in sorted(order, key=lambda k: -kept[k].score)]
    # The quiz opens with a who or where question (quiz_order): make sure one is chosen, the
    # best and earliest, as the lead of a report carries its gist.
    openers = [q for q in by_kind["details"] if _opener_rank(q) == 0]
    if openers:
        opener = min(openers, key=lambda q: (-q.score, q.sentence_index))
        by_kind["details"].remove(opener)
        by_kind["details"].insert(0, opener)
    n = count if count is not None else target_count(word_count(annotation))
    used_sentences = {anchor_for(s.text) for s in sents if anchor_for(s.text) in set(avoid_anchors)}
    n -= len(used_sentences)
    chosen: list[Question] = []
    kinds = [k for k in ROTATION if by_kind[k]]
    # A weighted round robin over the kinds (comprehension first: details and true/false come
    # up most), each time the best question of that kind from a sentence not yet asked about;
    # sentences may be reused only when the article is too short for enough distinct ones.
    last_tf = rng.randrange(2)
    for allow_reuse in (False, True):
        progress = True
        while len(chosen) < n and progress:
            progress = False
            for kind in kinds:
                if len(chosen) >= n:
                    break
                candidates = by_kind[kind]
                if kind == "true_false":
                    # Alternate true and false statements, so that "True" is no safe guess.
                    candidates = sorted(candidates, key=lambda q: q.answer == last_tf)
                for q in candidates:
                    if q in chosen:
                        continue
                    taken = q.anchor in used_sentences
                    if taken and (
                        not allow_reuse
                        or any(c.anchor == q.anchor and c.kind == q.kind for c in chosen)
                    ):
                        continue
                    if allow_reuse and taken and q.anchor in set(avoid_anchors):
                        continue
                    chosen.append(q)
                    used_sentences.add(q.anchor)
                    if q.kind == "true_false":
                        last_tf = q.answer
                    progress = True
                    break
    return quiz_order(chosen)


# What a question asks about, for the order: the content of the text or its language.
CONTENT_KINDS = frozenset({"details", "true_false"})
# Details questions a reader answers from the gist of the text: who, where.
OPENERS = (
    CLASS_QUESTION["person"],
    CLASS_QUESTION["place"],
    CLASS_QUESTION["region"],
    CLASS_QUESTION["state"],
    CLASS_QUESTION["name"],
)


def _opener_rank(q: Question) -> int:
    """How well a question opens a quiz: who or where first, then another detail, then a
    true/false statement; vocabulary last, it is no warm-up."""
    if q.kind == "details":
        return 0 if q.prompt.startswith(OPENERS) else 1
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
