"""A sentence said another way, so that a statement to judge is never the article's wording.

Four kinds of change, each kept only where the grammar is safe without a generator of German
forms: a number written another way (90.000 -> neunzigtausend, elf -> 11), another word for
"about" before a number (rund -> etwa), a person's role for the name where the article gives
both (Leitner -> der Geschäftsführer), and a synonym (thesaurus.py) where the form is the
synonym's own or one a regular ending makes (bereits -> schon, prüfen -> überprüfen,
forderte -> verlangte, Erhöhung -> Steigerung).

A paraphrase is a dict of edits, token index -> new text, so that callers can combine it with
their own change (a swapped fact) and `render` joins the sentence again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from nlp.document import Token
from nlp.german import FINITE_VERB_TAGS
from nlp.morphology import STRONG_PAST
from reader.quiz.facts import Fact, gender_before, role_noun
from reader.quiz.helpers import zipf_de
from reader.quiz.sentences import Sent
from reader.quiz.thesaurus import Synonym, synonyms

_ONES = "null ein zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn \
fünfzehn sechzehn siebzehn achtzehn neunzehn".split()
_TENS = "_ _ zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig".split()
_WORD_VALUE = {w: k for k, w in enumerate(_ONES)} | {"eins": 1, "eine": 1, "einen": 1}
_WORD_VALUE |= {w: 10 * k for k, w in enumerate(_TENS) if k >= 2}

# Words for "about" before a number, each with the one it becomes.
APPROXIMATE = {"rund": "etwa", "etwa": "rund", "ungefähr": "etwa", "circa": "etwa", "ca.": "etwa"}
_FRACTIONS = frozenset({"Viertel", "Drittel", "Hälfte", "Fünftel", "Zehntel", "Prozent"})
# Synonyms must be everyday words (wordfreq's Zipf scale): a rare one teaches nothing.
SYNONYM_ZIPF = 3.5
_SEPARABLE = re.compile(r"^(ab|an|auf|aus|bei|ein|fest|her|hin|los|mit|nach|vor|weg|zu|zurück)")


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    out = (_ONES[hundreds] + "hundert") if hundreds else ""
    if rest < 20:
        return out + ("eins" if rest == 1 else _ONES[rest] if rest else "")
    tens, ones = divmod(rest, 10)
    return out + ((_ONES[ones] + "und") if ones else "") + _TENS[tens]


def number_words(n: int) -> str:
    """A whole number under a million in words (90000 -> neunzigtausend, 1 -> eins)."""
    if n == 0:
        return "null"
    thousands, rest = divmod(n, 1000)
    words = (_below_thousand(thousands).removesuffix("s") + "tausend") if thousands else ""
    return words + (_below_thousand(rest) if rest else "")


def _round(n: int) -> bool:
    """A number a newspaper might write in words: up to twenty, whole tens, hundreds or
    thousands (siebzig, dreihundert, neunzigtausend), not dreitausendeinhundertvier."""
    return n <= 20 or (n < 100 and n % 10 == 0) or (n < 1000 and n % 100 == 0) or n % 1000 == 0


def number_rewritten(token: Token, fraction: bool = False) -> str | None:
    """The number written the other way: round digits in words up to a million (not years,
    not decimals), a small number word in digits (not before a fraction: drei Viertel)."""
    text = token.text
    if re.fullmatch(r"\d{1,3}(\.\d{3})?", text):
        n = int(text.replace(".", ""))
        if 1 < n < 1_000_000 and not (1900 <= n <= 2100 and "." not in text) and _round(n):
            return number_words(n)
    value = _WORD_VALUE.get(text.casefold())
    if value is not None and value > 1 and token.upos == "NUM" and not fraction:
        return str(value)
    return None


@dataclass(frozen=True)
class Role:
    """A person's role in the article: die Klubobfrau (Sabine Hofer)."""

    noun: str
    gender: str

    def phrase(self) -> str:
        return ("die " if self.gender == "f" else "der ") + self.noun


def person_roles(sents: Sequence[Sent], facts: Sequence[Fact]) -> dict[str, Role]:
    """Each person's role where the article names it (Geschäftsführer Markus Leitner), for the
    full name and the surname, and only where no other person has the same role."""
    by_index = {s.index: s for s in sents}
    found: dict[str, Role] = {}
    holders: dict[str, set[str]] = {}
    for fact in facts:
        if not fact.cls.startswith("person") or " " not in fact.value:
            continue
        noun = role_noun(by_index[fact.s], fact.start)
        gender = gender_before(noun)
        if noun is None or not gender or noun.xpos != "NN" or noun.text != noun.headword:
            continue
        holders.setdefault(noun.text, set()).add(fact.value)
        found[fact.value] = Role(noun.text, gender)
    roles = {}
    for name, role in found.items():
        if len(holders[role.noun]) == 1:
            roles[name] = role
            roles[name.split()[-1]] = role
    return roles


def _is_subject_slot(sent: Sent, start: int, end: int) -> bool:
    """A name the sentence opens with, right before its verb, or right after a verb of saying
    (sagte Leitner): there it is the subject, and "der Geschäftsführer" fits in the nominative."""
    toks = sent.tokens
    nxt = toks[end] if end < len(toks) else None
    if start == sent.dateline and nxt is not None and nxt.xpos in FINITE_VERB_TAGS:
        return True
    prev = toks[start - 1] if start else None
    return prev is not None and prev.lemma in {"sagen", "erklären", "betonen"}


def role_edits(sent: Sent, facts: Sequence[Fact], roles: Mapping[str, Role]) -> dict[int, str]:
    """The name of a person replaced by the role the article gives them elsewhere."""
    for fact in facts:
        if fact.s != sent.index or fact.value not in roles or sent.in_quote[fact.start]:
            continue
        role = roles[fact.value]
        before = sent.tokens[fact.start - 1].text if fact.start else ""
        if before == role.noun or not _is_subject_slot(sent, fact.start, fact.end):
            continue  # the role stands right before the name: nothing to learn
        phrase = role.phrase()
        if fact.start == sent.dateline:
            phrase = phrase[0].upper() + phrase[1:]
        edits = {fact.start: phrase}
        edits.update({k: "" for k in range(fact.start + 1, fact.end)})
        return edits
    return {}


# Masculine nouns of the weak declension (der Kunde, den Kunden): their singular forms differ.
_WEAK_MASCULINE = ("e", "ent", "ant", "ist", "at", "oge", "af", "and")
_VERB_ENDINGS = frozenset({"en", "t", "te", "ten", "st", "e"})
_ADJ_ENDINGS = ("en", "er", "es", "em", "e")


def _verb_stem(lemma: str) -> str:
    return lemma[:-1] if lemma.endswith(("eln", "ern")) else lemma[:-2]


def synonym_form(sent: Sent, i: int, synonym: Synonym) -> str | None:
    """The synonym in the token's form, where that form is safe to build: the same ending on
    a regular word, a noun's form from its gender and plural."""
    token = sent.tokens[i]
    text, lemma, xpos = token.text, token.headword, token.xpos
    word = synonym.word
    # Adverbs and adverbial adjectives stay: their senses turn on the context more than a
    # shared gloss shows (tatsächlich / eigentlich are both "actually").
    if synonym.pos == "ADJ" and xpos == "ADJA" and text.startswith(lemma):
        ending = text[len(lemma) :]
        if ending in _ADJ_ENDINGS and not word.endswith(("e", "el", "er")):
            return word + ending
        return None
    if synonym.pos == "NOUN" and xpos == "NN" and synonym.gender == (token.gender or ""):
        if text == lemma and not (synonym.gender == "m" and word.endswith(_WEAK_MASCULINE)):
            return word
        if text == token.plural and synonym.plural and synonym.plural != word:
            return synonym.plural
        return None
    if synonym.pos == "VERB" and xpos in {"VVFIN", "VVINF"} and word.endswith("en"):
        if _SEPARABLE.match(word) or _SEPARABLE.match(lemma) or not lemma.endswith("en"):
            return None  # separable verbs split in a main clause: another word order
        if any(v.endswith(strong) for v in (word, lemma) for strong in STRONG_PAST):
            return None  # a strong verb's forms change its stem
        stem, new_stem = _verb_stem(lemma), _verb_stem(word)
        ending = text[len(stem) :] if text.startswith(stem) else None
        if (
            ending not in _VERB_ENDINGS
            or new_stem.endswith(("t", "d"))
            or stem.endswith(("t", "d"))
        ):
            return None  # -et- forms (arbeitet) would need another ending
        return new_stem + ending
    return None


def synonym_edits(sent: Sent, protect: set[int], limit: int = 2) -> dict[int, str]:
    """Up to `limit` words swapped for a synonym with their sense here, outside quotations and
    `protect`."""
    edits: dict[int, str] = {}
    for i, t in enumerate(sent.tokens):
        if len(edits) >= limit:
            break
        if i in protect or sent.in_quote[i] or i < sent.dateline:
            continue
        lemma = t.headword
        for synonym in synonyms(lemma, t.gloss):
            if (
                zipf_de(synonym.word) < SYNONYM_ZIPF
                or synonym.word.casefold() in sent.text.casefold()
            ):
                continue
            form = synonym_form(sent, i, synonym)
            if form:
                edits[i] = form
                break
    return edits


def number_edits(sent: Sent, protect: set[int]) -> dict[int, str]:
    """Numbers written the other way, and "rund" for "etwa" before a number."""
    edits = {}
    for i, t in enumerate(sent.tokens):
        if i in protect or sent.in_quote[i] or i < sent.dateline:
            continue
        nxt = sent.tokens[i + 1] if i + 1 < len(sent.tokens) else None
        fraction = nxt is not None and nxt.lemma in _FRACTIONS
        new = number_rewritten(t, fraction)
        if new:
            edits[i] = new
        low = t.text.casefold()
        if low in APPROXIMATE and nxt is not None and re.match(r"\d", nxt.text):
            new = APPROXIMATE[low]
            edits[i] = new if t.text[:1].islower() else new.capitalize()
    return edits


def paraphrase_edits(
    sent: Sent, facts: Sequence[Fact], roles: Mapping[str, Role], protect: set[int] = frozenset()
) -> dict[int, str]:
    """Every safe change of the sentence outside `protect`: roles, numbers, synonyms."""
    edits = role_edits(sent, facts, roles)
    edits = {k: v for k, v in edits.items() if k not in protect}
    taken = set(protect) | set(edits)
    edits |= number_edits(sent, taken)
    edits |= synonym_edits(sent, taken | set(edits))
    return edits


def render(sent: Sent, edits: Mapping[int, str]) -> str:
    """The sentence (without its dateline) with the edits applied."""
    out = []
    for i, t in enumerate(sent.tokens):
        if i < sent.dateline:
            continue
        text = edits.get(i, t.text)
        if text:
            out.append(text + t.ws)
        elif out and not t.ws:
            out[-1] = out[-1].rstrip()
    joined = "".join(out).strip()
    return re.sub(r" {2,}", " ", joined)
