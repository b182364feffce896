"""Compound: the parts of a compound with their meanings; the distractors give one part a wrong
meaning (the gloss of another word of the article)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from nlp.document import CompoundPart
from reader.quiz.helpers import (
    CRUDE,
    WEEKDAYS,
    Question,
    gloss_words,
    is_whole_gloss,
    norm,
    plain_english,
    shuffled_choices,
    token_gloss,
    token_senses,
    zipf_de,
)
from reader.quiz.kinds.base import ArticleContext, Kind
from reader.quiz.sentences import Sent


def _compound_text(parts: Sequence[CompoundPart], glosses: Sequence[str]) -> str:
    return " + ".join(f"{p.lemma} ({g})" for p, g in zip(parts, glosses, strict=True))


def _part_class(lemma: str) -> str:
    # German capitalises nouns: a capitalised part gets noun meanings as distractors.
    return "noun" if lemma[:1].isupper() else "other"


def _sense_in_compound(parts: Sequence[CompoundPart], whole: str | None) -> list[str]:
    """The meaning each part has in this compound. A part's first dictionary sense is often
    not the one the compound uses (Bau = burrow in Bauarbeiten, Haupt = head in Hauptgrund);
    when the compound's own gloss is two words and one of them is already its part's gloss
    (construction work, main reason), the other word is the other part's meaning here."""
    right = [str(p.gloss) for p in parts]
    words = (whole or "").split()
    if len(parts) != 2 or len(words) != 2 or not all(w.isalpha() for w in words):
        return right
    first, head = (norm(re.sub(r"^to ", "", g)) for g in right)
    w1, w2 = (norm(w) for w in words)
    # Only a noun gets its meaning from the compound's gloss: a verb part's English word there
    # is often no meaning of the verb (Stör|geräusch = static noise, stören is not "static").
    if head in {w2, w2.rstrip("s")} and first != w1 and parts[0].lemma[:1].isupper():
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


def _misread_compound(sent: Sent, i: int, parts: Sequence[CompoundPart]) -> bool:
    """Splits that look like compounds but are not:
    - a participle made a noun (Studier|ende, Vorsitz|ende for Studierende, Vorsitzende): the
      -end of the participle read as Ende, unless the compound's gloss says "end" (Wochenende);
    - a place name the dictionary does not know (in Hochfilzen): a common noun after
      in/nach/aus takes an article, a name does not;
    - a linking s that may also start the next part (Antrags|teller or Antrag|steller?): when
      both readings are words, the split is a guess."""
    t = sent.tokens[i]
    whole = token_gloss(t) or ""
    if parts[-1].lemma == "Ende" and "end" not in whole.casefold():
        return True
    prev = sent.tokens[i - 1] if i else None
    if prev and prev.text in {"in", "nach", "aus"} and not is_whole_gloss(whole, parts):
        return True
    written = [p.part or p.lemma for p in t.compound_parts]
    for k in range(len(written) - 1):
        lemma = t.compound[k].lemma
        if written[k].endswith("s") and not lemma.endswith("s"):
            if zipf_de("s" + written[k + 1].casefold()) >= 2.0:
                return True
    return False


def _meanings_in_article(
    sents: Sequence[Sent],
) -> tuple[dict[str, dict[str, set[str]]], dict[str, set[str]]]:
    """Meanings to give a part wrongly: meanings of other compounds' parts and of other nouns
    and adjectives of the article, by class ("noun", "other"), each with the lemmas it belongs
    to; and every sense the article shows for a lemma."""
    part_glosses: dict[str, dict[str, set[str]]] = {"noun": {}, "other": {}}
    senses_of: dict[str, set[str]] = {}  # lemma -> every sense the article shows for it
    for sent in sents:
        for t in sent.tokens:
            for p in t.compound_parts:
                if p.gloss and p.lemma:
                    cls = _part_class(p.lemma)
                    part_glosses[cls].setdefault(str(p.gloss), set()).add(p.lemma.casefold())
                    senses_of.setdefault(p.lemma.casefold(), set()).add(norm(p.gloss))
            g = token_gloss(t)
            lemma = t.headword.casefold()
            if t.upos in {"NOUN", "ADJ", "VERB"}:
                senses_of.setdefault(lemma, set()).update(token_senses(t))
            if g and t.upos in {"NOUN", "ADJ"} and len(g.split()) <= 2:
                cls = "noun" if t.upos == "NOUN" else "other"
                part_glosses[cls].setdefault(g, set()).add(lemma)
    return part_glosses, senses_of


def _askable_parts(sent: Sent, i: int) -> list[CompoundPart] | None:
    """The parts of token `i` when it is a compound noun worth a question, else None."""
    t = sent.tokens[i]
    parts = [p for p in t.compound_parts if p.lemma]
    if len(parts) < 2 or sent.in_quote[i] or not all(p.gloss for p in parts):
        return None
    # Nouns only: adjectives like vollständig are lexicalised, and weekdays (Diens|tag) no
    # lesson in word building.
    if t.xpos != "NN" or t.text in WEEKDAYS:
        return None
    # A part glossed with a capital is a name or an abbreviation (Spree (Spree) + Cher for
    # Sprecher, Nato (North Atlantic Treaty Organization)): a wrong split, or a name, and a
    # name has no meaning to get wrong.
    if any(str(p.gloss)[:1].isupper() for p in parts) or _misread_compound(sent, i, parts):
        return None
    # Start|rinnen for Starter|innen: the feminine suffix -in cut in the wrong place.
    last = t.compound_parts[-1].part.casefold()
    if last.startswith("rin") and t.text.endswith(("erin", "erinnen")):
        return None
    # A part that is no common word (Nor|weger) is a wrong split, not a lesson.
    if any(len(p.lemma) < 3 or zipf_de(p.lemma) < 2.0 for p in parts):
        return None
    return parts


def _wrong_splits(
    parts: Sequence[CompoundPart],
    right: Sequence[str],
    pools: dict[str, list[str]],
) -> list[str]:
    """Up to three distractors, each giving one part (in turn, head first) a meaning it does
    not have, taken from words of the same class (nouns for nouns)."""
    wrong_texts: list[str] = []
    for k in range(24):
        j = len(parts) - 1 - (k % len(parts))
        pool = pools[_part_class(parts[j].lemma)]
        while pool and not _part_distractor_ok(pool[-1], right[j]):
            pool.pop()
        if not pool:
            continue
        glosses = list(right)
        glosses[j] = pool.pop()
        text = _compound_text(parts, glosses)
        if text not in wrong_texts:
            wrong_texts.append(text)
        if len(wrong_texts) == 3:
            break
    return wrong_texts


def _compound(sents, rng) -> Iterable[Question]:
    part_glosses, senses_of = _meanings_in_article(sents)
    seen: set[str] = set()
    for sent in sents:
        if not sent.good:
            continue
        for i, t in enumerate(sent.tokens):
            if t.text in seen:
                continue
            parts = _askable_parts(sent, i)
            if parts is None:
                continue
            seen.add(t.text)
            whole = token_gloss(t)
            right = _sense_in_compound(parts, whole)
            if any(g[:1].isupper() for g in right):
                continue  # Bund (Federal): a name's word, as above
            # Never another sense of the same part, nor a meaning of the compound itself or
            # of a word sharing a part (Spiel (match day) for Spieltag): those could be right.
            own_lemmas = {p.lemma.casefold() for p in parts} | {t.headword.casefold()}
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
            wrong_texts = _wrong_splits(parts, right, pools)
            if len(wrong_texts) < 3:
                continue
            right_text = _compound_text(parts, right)
            choices, answer = shuffled_choices(rng, right_text, wrong_texts)
            a, b = sent.offsets[i]
            written = "|".join(p.part or p.lemma for p in t.compound_parts)
            shown_whole = whole if is_whole_gloss(whole, parts) else None
            # Transparent compounds first: where the compound's gloss repeats its parts'
            # meanings (Grenz|region = border region) the split and the senses are confirmed;
            # a hyphenated one (quasi-Allianz) shows its split anyway.
            whole_words = gloss_words(shown_whole or "")
            transparent = sum(bool(gloss_words(g) & whole_words) for g in right) / len(right)
            yield Question(
                kind="compound",
                prompt=f"„{t.text}“ is a compound. Which parts is it made of, and what do "
                f"they mean?\n{sent.shown}",
                choices=choices,
                answer=answer,
                sentence=sent.text,
                explanation=f"{written}: {right_text}"
                + (f" = {shown_whole}." if shown_whole else "."),
                sentence_index=sent.index,
                highlight=[a, b],
                score=1.4 + 0.6 * transparent - (0.3 if "-" in t.text else 0),
            )


def candidates(context: ArticleContext) -> Iterable[Question]:
    return _compound(context.sents, context.rng)


KIND = Kind("compound", candidates)
