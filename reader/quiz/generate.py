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
import random
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from reader.quiz.facts import (
    CLASS_QUESTION,
    GERMAN_STATES,
    PLACES,
    REGIONS,
    extract_facts,
    fact_distractors,
    is_dateline,
)
from reader.quiz.helpers import (
    CRUDE,
    DETERMINERS,
    FALSE,
    GAP,
    MONTHS,
    TRUE,
    WEEKDAYS,
    Question,
    cognate,
    feats_key,
    gloss_words,
    guessable,
    has_own_gloss,
    is_whole_gloss,
    mentions,
    norm,
    plain_english,
    shuffled_choices,
    token_gloss,
    token_senses,
    zipf_de,
)
from reader.quiz.sentences import (
    Sent,
    anchor_for,
    article_sentences,
    dateline_end,
    gapped,
    sentence_text,
    word_count,
)
from reader.quiz.wordlists import entries

# Moved to their own modules; tests import these names from here.
_cognate, _guessable, _plain_english = cognate, guessable, plain_english
__all__ = [
    "CLASS_QUESTION",
    "FALSE",
    "GAP",
    "GERMAN_STATES",
    "PLACES",
    "Question",
    "REGIONS",
    "TRUE",
    "_cognate",
    "_guessable",
    "_plain_english",
    "article_sentences",
    "dateline_end",
    "extract_facts",
    "word_count",
]


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

IDIOM_MEANINGS = entries("idiom_meanings")
SAYINGS = entries("sayings")
PHRASE_MEANINGS = entries("phrase_meanings")


def target_count(words: int) -> int:
    """How many questions an article of this length gets: 8 at 300 words, 14 from 660 on."""
    if words < 60:
        return min(3, max(1, words // 20))
    return max(3, min(14, 3 + words // 60))


# --------------------------------------------------------------------------- candidates


def _details(sents, facts, rng, all_texts) -> Iterable[Question]:
    by_index = {s.index: s for s in sents}
    for fact in facts:
        sent = by_index[fact.s]
        if not sent.good or is_dateline(sent, fact):
            continue
        prompt_text = sent.show(gapped(sent, fact.start, fact.end))
        if mentions(prompt_text, fact.value) or (
            fact.text != fact.value and mentions(prompt_text, fact.text)
        ):
            continue  # the same number or name elsewhere in the sentence gives it away
        wrong = fact_distractors(fact, facts, rng, sent, all_texts)
        if len(wrong) < 2:
            continue
        choices, answer = shuffled_choices(rng, fact.text, wrong)
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
        if not sent.good or len(sent.tokens) > 40 or is_dateline(sent, fact):
            continue
        a, b = sent.offsets[fact.start][0], sent.offsets[fact.end - 1][1]
        numeric = fact.cls in {"number", "percent"}
        wrong = fact_distractors(
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
        if wrong and not mentions(gapped(sent, fact.start, fact.end), fact.value):
            statement = gapped(sent, fact.start, fact.end, wrong[0])
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


def _ending(text: str, endings: Sequence[str]) -> str:
    return next((e for e in endings if text.endswith(e)), "")


def _form_key(sent: Sent, i: int) -> tuple:
    """What a word's form shows of its grammar, so that every choice fits the gap equally well:
    the tag and morphology, plus for nouns number and the determiner before it (der/die/den
    tell gender and case when the tagger gives no features), for adjectives and finite verbs
    the inflectional ending."""
    t = sent.tokens[i]
    xpos, text, lemma = t["xpos"], t["text"], t.get("lemma") or t["text"]
    key: tuple = (xpos, feats_key(t.get("feats")))
    if xpos == "NN":
        prev = sent.tokens[i - 1] if i else None
        det = prev["text"].casefold() if prev and prev.get("xpos") in DETERMINERS else ""
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
            zipf = zipf_de(t["text"])
            if zipf > 5.2 or zipf < 1.5:
                continue  # too common to be worth a question, or too rare to be fair
            if guessable(t):
                continue  # prominent, konventionelle: an English reader fills the gap at once
            prompt_text = sent.show(gapped(sent, i, i + 1))
            stem = lemma[: max(4, len(lemma) - 2)]
            if mentions(prompt_text, t["text"]) or mentions(prompt_text, stem):
                continue  # the word (or its stem) is still visible elsewhere in the sentence
            candidates = []
            for text, other in sorted(pool.get(_form_key(sent, i), {}).items()):
                other_lemma = (other.get("lemma") or text).casefold()
                if other_lemma == lemma.casefold() or norm(text) == norm(t["text"]):
                    continue
                if token_senses(other) & token_senses(t):
                    continue  # a synonym would make two right answers
                if norm(gapped(sent, i, i + 1, text)) in all_texts:
                    continue
                if mentions(prompt_text, text):
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
            choices, answer = shuffled_choices(rng, t["text"], candidates[:3])
            a, b = sent.offsets[i]
            gloss = token_gloss(t) if has_own_gloss(t) else None
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
    first = gloss_words(senses[0])
    return any(first & gloss_words(other) for other in senses[1:])


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
            g = token_gloss(t)
            # Distractors are meanings of everyday words of the article, short and decent:
            # a rare word's odd first sense would be recognised as wrong at a glance.
            if (
                g
                and t.get("upos") in {"NOUN", "VERB", "ADJ", "ADV"}
                and len(g.split()) <= 4
                and not CRUDE.search(g)
                and zipf_de(t["text"]) >= 3.0
            ):
                glosses.setdefault(t["upos"], {}).setdefault(norm(g), t)
    for sent in sents:
        if not sent.good:
            continue
        for i, t in enumerate(sent.tokens):
            if t.get("upos") not in {"NOUN", "VERB", "ADJ"} or sent.in_quote[i]:
                continue
            gloss = token_gloss(t)
            lemma = t.get("lemma") or t["text"]
            if not gloss or len(t["text"]) < 4 or not t["text"].replace("-", "").isalpha():
                continue
            if guessable(t):
                continue  # Atlantik = Atlantic, warnen = to warn: asks nothing
            if not has_own_gloss(t):
                continue  # Relegationsplatz = "square": the dictionary only knew the Platz
            if gloss[:1].isupper():
                continue  # a name's meaning (Ostasien = East Asia, Norweger = Norwegian)
            if _graded(t):
                continue  # höherer is "higher": the dictionary's "high" would be wrong here
            zipf = zipf_de(t["text"])
            if zipf > 5.0 or zipf < 1.5:
                continue
            if any(w in norm(sent.text) for w in gloss_words(gloss) if len(w) > 3):
                continue  # the English word is in the German sentence (Nato, Drohne/drone...)
            # Words of any of its senses: a distractor sharing one could also be right.
            right_words = set().union(gloss_words(gloss), *map(gloss_words, token_senses(t)))
            candidates = []
            for key, other in sorted(glosses.get(t["upos"], {}).items()):
                other_lemma = (other.get("lemma") or other["text"]).casefold()
                if other_lemma == lemma.casefold() or key in token_senses(t):
                    continue
                if gloss_words(key) & right_words:
                    continue  # shares a word with the answer: too close to be clearly wrong
                other_gloss = token_gloss(other) or ""
                # Written like the answer, or wrong at a glance: no "Friday" among
                # "government", no "must" among "to open sth.", no "inhabitant of Duisburg"
                # among "dangerous".
                if (
                    other_gloss[:1].isupper() != gloss[:1].isupper()
                    or other_gloss.startswith("to ") != gloss.startswith("to ")
                    or len(other_gloss.split()) > len(gloss.split()) + 1
                    or re.match(r"(the|a|an) ", other_gloss, re.I)
                    or not plain_english(other_gloss)
                ):
                    continue
                candidates.append(other_gloss)
            if len(candidates) < 3:
                continue
            rng.shuffle(candidates)
            choices, answer = shuffled_choices(rng, gloss, candidates[:3])
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
    first, head = (norm(re.sub(r"^to ", "", g)) for g in right)
    w1, w2 = (norm(w) for w in words)
    # Only a noun gets its meaning from the compound's gloss: a verb part's English word there
    # is often no meaning of the verb (Stör|geräusch = static noise, stören is not "static").
    if head in {w2, w2.rstrip("s")} and first != w1 and parts[0]["lemma"][:1].isupper():
        return [words[0], right[1]]
    if first == w1 and head != w2:
        return [right[0], words[1]]
    return right


def _part_distractor_ok(gloss: str, right: str) -> bool:
    """A meaning to give a part wrongly: a plain word or two, not an article phrase (the
    police), and written like the right one (no "Friday" for "day")."""
    return (
        len(gloss.split()) <= 2
        and gloss.startswith("to ") == right.startswith("to ")  # no "fern (to go)"
        and not re.match(r"(the|a|an) ", gloss, re.I)
        and gloss[:1].isupper() == right[:1].isupper()
        and not CRUDE.search(gloss)
        and plain_english(gloss)
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
    whole = token_gloss(t) or ""
    if parts[-1]["lemma"] == "Ende" and "end" not in whole.casefold():
        return True
    prev = sent.tokens[i - 1] if i else None
    if prev and prev["text"] in {"in", "nach", "aus"} and not is_whole_gloss(whole, parts):
        return True
    written = [str(p.get("part") or p["lemma"]) for p in t.get("compound") or []]
    for k in range(len(written) - 1):
        lemma = str(t["compound"][k].get("lemma") or "")
        if written[k].endswith("s") and not lemma.endswith("s"):
            if zipf_de("s" + written[k + 1].casefold()) >= 2.0:
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
                    senses_of.setdefault(p["lemma"].casefold(), set()).add(norm(p["gloss"]))
            g = token_gloss(t)
            lemma = (t.get("lemma") or t["text"]).casefold()
            if t.get("upos") in {"NOUN", "ADJ", "VERB"}:
                senses_of.setdefault(lemma, set()).update(token_senses(t))
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
            if any(len(p["lemma"]) < 3 or zipf_de(p["lemma"]) < 2.0 for p in parts):
                continue
            seen.add(t["text"])
            whole = token_gloss(t)
            right = _sense_in_compound(parts, whole)
            if any(g[:1].isupper() for g in right):
                continue  # Bund (Federal): a name's word, as above
            # Never another sense of the same part, nor a meaning of the compound itself or
            # of a word sharing a part (Spiel (match day) for Spieltag): those could be right.
            own_lemmas = {p["lemma"].casefold() for p in parts} | {
                (t.get("lemma") or t["text"]).casefold()
            }
            taken = set().union(*(senses_of.get(x, set()) for x in own_lemmas)) | token_senses(t)
            taken_words = set().union(*(gloss_words(x) for x in [*right, *taken]))
            pools = {}
            for cls, glosses_of_cls in part_glosses.items():
                pool = sorted(
                    g
                    for g, lemmas in glosses_of_cls.items()
                    if norm(g) not in taken
                    and not (lemmas & own_lemmas)
                    and not (gloss_words(g) & taken_words)
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
            choices, answer = shuffled_choices(rng, right_text, wrong_texts)
            a, b = sent.offsets[i]
            written = "|".join(p.get("part") or p["lemma"] for p in t["compound"])
            shown_whole = whole if is_whole_gloss(whole, parts) else None
            # Transparent compounds first: where the compound's gloss repeats its parts'
            # meanings (Grenz|region = border region) the split and the senses are confirmed;
            # a hyphenated one (quasi-Allianz) shows its split anyway.
            whole_words = gloss_words(shown_whole or "")
            transparent = sum(bool(gloss_words(g) & whole_words) for g in right) / len(right)
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
            if norm(g) != norm(gloss)
            and _is_saying(g) == saying
            and g.startswith("to ") == gloss.startswith("to ")
            and not (gloss_words(g) & gloss_words(gloss))
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
            if norm(g) != norm(gloss)
            and not (gloss_words(g) & gloss_words(gloss))
            and g not in others
        ]
        rng.shuffle(others)
        rng.shuffle(bank)
        wrong = (others + bank)[:3]
        idx = sorted(x["tokens"])
        words = " ".join(sent.tokens[k]["text"] for k in idx)
        lemma = x.get("lemma") or words
        choices, answer = shuffled_choices(rng, gloss, wrong)
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
    all_texts = {norm(s.text) for s in sents}
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
