"""Vocabulary in context: a content word as a gap, to be filled with a synonym that has the
word's sense in this sentence (thesaurus.py), never with the article's own word (issue 17,
items 1 and 4). The other choices are words of the article with the same part of speech and
the same inflection (STTS tag + morphology), so grammar gives nothing away, and none of them a
synonym of the word or of the answer."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence

from nlp.document import Token
from reader.quiz.helpers import (
    DETERMINERS,
    MONTHS,
    WEEKDAYS,
    Question,
    feats_key,
    guessable,
    has_own_gloss,
    mentions,
    norm,
    shuffled_choices,
    token_gloss,
    token_senses,
    zipf_de,
)
from reader.quiz.kinds.base import ArticleContext, Kind
from reader.quiz.paraphrase import SYNONYM_ZIPF, synonym_form
from reader.quiz.sentences import Sent, gapped
from reader.quiz.thesaurus import are_synonyms, synonyms

PROMPT = "Which word fits the gap? (The article has another word of the same meaning here.)"
_VOCAB_XPOS = {"NN", "VVFIN", "VVPP", "VVINF", "VVIZU", "ADJA", "ADJD"}


def _word_ok(t: Token) -> bool:
    text = t.text
    return (
        t.xpos in _VOCAB_XPOS
        and len(text) >= 4
        and text.replace("-", "").isalpha()
        and t.upos != "PROPN"
    )


def _ending(text: str, endings: Sequence[str]) -> str:
    return next((e for e in endings if text.endswith(e)), "")


def _form_key(sent: Sent, i: int) -> tuple:
    """What a word's form shows of its grammar, so that every choice fits the gap equally well:
    the tag and morphology, plus for nouns number and the determiner before it (der/die/den
    tell gender and case when the tagger gives no features), for adjectives and finite verbs
    the inflectional ending."""
    t = sent.tokens[i]
    xpos, text, lemma = t.xpos, t.text, t.headword
    key: tuple = (xpos, feats_key(t.feats))
    if xpos == "NN":
        prev = sent.tokens[i - 1] if i else None
        det = prev.text.casefold() if prev and prev.xpos in DETERMINERS else ""
        if prev and prev.xpos == "ADJA":
            # An adjective before the gap agrees with the noun: "ein wichtiges ___" wants a
            # neuter singular, which "Strafrunden" is not.
            det = "-" + _ending(prev.text, ("en", "er", "es", "em", "e"))
        # The ending after the lemma (Betrug-s, Einwohner-n) shows case and number.
        suffix = text[len(lemma) :] if text.startswith(lemma) else "~"
        key += (t.gender or "", suffix, det)
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
    if sent.tokens[i].xpos != "NN":
        return False
    near = sent.tokens[max(0, i - 1) : i] + sent.tokens[i + 1 : i + 2]
    return any(t.upos == "PROPN" for t in near)


def _synonym_in_place(sent: Sent, i: int, lemma: str) -> str | None:
    """The right choice: a synonym with the word's sense here, in its form. The article's own
    word is not among the choices, so the gap is never filled from the text word for word."""
    t = sent.tokens[i]
    return next(
        (
            form
            for s in synonyms(lemma, t.gloss)
            if zipf_de(s.word) >= SYNONYM_ZIPF and s.word.casefold() not in sent.text.casefold()
            for form in [synonym_form(sent, i, s)]
            if form
        ),
        None,
    )


def _wrong_words(
    sent: Sent,
    i: int,
    right: str,
    others: Mapping[str, Token],
    prompt_text: str,
    all_texts: Collection[str],
) -> list[str]:
    """The article's words of the same form as token `i` (`others`, by text) that are clearly
    wrong in its gap, in text order."""
    t = sent.tokens[i]
    lemma = t.headword
    candidates: list[str] = []
    for text, other in sorted(others.items()):
        other_lemma = other.headword.casefold()
        if other_lemma == lemma.casefold() or norm(text) == norm(t.text):
            continue
        if token_senses(other) & token_senses(t) or are_synonyms(lemma, other_lemma):
            continue  # a synonym would make two right answers
        if norm(text) == norm(right) or are_synonyms(right, other_lemma):
            continue
        if norm(gapped(sent, i, i + 1, text)) in all_texts:
            continue
        if mentions(prompt_text, text):
            continue
        if text[:1].isupper() != t.text[:1].isupper() or text.casefold() in {
            c.casefold() for c in candidates
        }:
            continue  # Europäische (in a name) is no choice for europäische
        if text.casefold() in t.text.casefold() or t.text.casefold() in text.casefold():
            continue  # Wasser for Hochwasser: half right is not clearly wrong
        if _is_time_word(text) != _is_time_word(t.text):
            continue  # "Zum ___ könnte …": Donnerstag fits wherever a time does
        candidates.append(text)
    return candidates


def _vocabulary(sents, rng, all_texts) -> Iterable[Question]:
    pool: dict[tuple, dict[str, Token]] = {}
    # Words of a multiword expression stay out, as answers and as distractors: "Ungarn ___ dem
    # Programm nicht zu" takes stimmte, but also sagte and teilte (zusagen, zuteilen).
    in_expression = {(sent.index, k) for sent in sents for x in sent.expressions for k in x.tokens}
    for sent in sents:
        for i, t in enumerate(sent.tokens):
            if _word_ok(t) and (sent.index, i) not in in_expression and not _by_name(sent, i):
                pool.setdefault(_form_key(sent, i), {}).setdefault(t.text, t)
    for sent in sents:
        if not sent.good:
            continue
        for i, t in enumerate(sent.tokens):
            if sent.in_quote[i] or not _word_ok(t) or (sent.index, i) in in_expression:
                continue
            if _by_name(sent, i):
                continue
            lemma = t.headword
            zipf = zipf_de(t.text)
            if zipf > 5.2 or zipf < 1.5:
                continue  # too common to be worth a question, or too rare to be fair
            if guessable(t):
                continue  # prominent, konventionelle: an English reader fills the gap at once
            right = _synonym_in_place(sent, i, lemma)
            if right is None:
                continue
            prompt_text = sent.show(gapped(sent, i, i + 1))
            stem = lemma[: max(4, len(lemma) - 2)]
            if mentions(prompt_text, t.text) or mentions(prompt_text, stem):
                continue  # the word (or its stem) is still visible elsewhere in the sentence
            others = pool.get(_form_key(sent, i), {})
            candidates = _wrong_words(sent, i, right, others, prompt_text, all_texts)
            if len(candidates) < 3:
                continue
            rng.shuffle(candidates)
            choices, answer = shuffled_choices(rng, right, candidates[:3])
            a, b = sent.offsets[i]
            gloss = token_gloss(t) if has_own_gloss(t) else None
            yield Question(
                kind="vocabulary",
                prompt=f"{PROMPT}\n{prompt_text}",
                choices=choices,
                answer=answer,
                sentence=sent.text,
                explanation=f"„{right}“ means what the article's „{t.text}“ means here"
                + (f" ({gloss})." if gloss else "."),
                sentence_index=sent.index,
                highlight=[a, b],
                # Nouns first: a verb or adjective from elsewhere in the article often fits
                # the gap as well (flog / ging über die Mauer, pünktlich / spät, Stellen
                # besetzen / schließen), a noun from another topic seldom does.
                score=1.5
                + (0.5 if gloss else 0)
                + (0.3 if 2.5 <= zipf <= 4.5 else 0)
                - (0 if t.xpos == "NN" else 1.0),
                fills=[*choices],
                target=lemma,
            )


def candidates(context: ArticleContext) -> Iterable[Question]:
    return _vocabulary(context.sents, context.rng, context.all_texts)


KIND = Kind("vocabulary", candidates)
