"""Ding's example phrases as collocations of a particle verb (issue #16).

Ding glosses a verb's lines with examples ("den Betrieb einstellen :: to cease operations",
"einen Termin absagen :: to cancel an appointment"), stored as phrase rows that the lexicon
serves as VERB entries under the phrase's key. A particle verb whose clause spells one (its
object noun, with a determiner, before the infinitive) means what the phrase says; its own
sense list is ranked once for every object ("to hire" first for einstellen).
"""

from __future__ import annotations

from spacy.tokens import Doc

from nlp.clauses import clause_span
from nlp.extensions import lex_fetch

# The determiners Ding writes its example phrases with (den Betrieb einstellen, die Zahlungen
# einstellen, seine Arbeit einstellen), tried whatever the text's case (der Betrieb wurde
# eingestellt), and none (Personal einstellen).
_PHRASE_DETERMINERS = ("", "der", "die", "das", "den", "ein", "eine", "einen", "seine", "seinen")


def _collocation_keys(expression: dict, doc: Doc) -> list[str]:
    """The phrase keys a particle verb's clause may spell: each noun of its clause (lemma or
    form, with its own determiner or a citation one) before the verb's infinitive, longest
    first (a determiner the text has before one it lacks)."""
    verb = expression["lemma"]
    start, end = clause_span(doc[expression["doc_tokens"][0]])
    keys: list[str] = []
    for token in doc[start:end]:
        if token.pos_ != "NOUN" or _in_prepositional_phrase(token, start):
            continue
        before = doc[token.i - 1].text.lower() if token.i > start else ""
        determiners = [d for d in dict.fromkeys((before, *_PHRASE_DETERMINERS)) if d]
        for form in dict.fromkeys((token.lemma_.lower(), token.text.lower())):
            keys += [f"{d} {form} {verb}" for d in determiners]
            keys.append(f"{form} {verb}")
    return list(dict.fromkeys(keys))


# Words between a preposition and its noun (in unserem neuen Auftrag).
_NOUN_PHRASE_TAGS = frozenset(
    {"ART", "ADJA", "ADJD", "ADV", "CARD", "PPOSAT", "PIAT", "PIDAT", "PDAT", "PWAT"}
)


def _in_prepositional_phrase(token, start: int) -> bool:
    """Is this noun a preposition's (in unserem Auftrag), so no object of the verb? Ding's
    example phrases write a preposition where they need one (gegen etw. vorgehen)."""
    doc = token.doc
    i = token.i - 1
    while i >= start and doc[i].tag_ in _NOUN_PHRASE_TAGS:
        i -= 1
    return i >= start and doc[i].tag_ in ("APPR", "APPRART")


def gloss_particle_verb_collocations(doc: Doc, max_senses: int) -> None:
    """A particle verb whose object makes one of Ding's example phrases (den Betrieb
    einstellen :: to cease operations) takes that phrase's sense as its headline: the verb's
    own list would give its first sense whatever the object ("to hire"). The phrase is named
    with the sense, as hand-written senses are ("(sich einsetzen für) to stand up for")."""
    particle_verbs = [
        (x, _collocation_keys(x, doc))
        for x in doc._.expressions or []
        if x["type"] == "separable_verb"
    ]
    if not particle_verbs:
        return
    cache = lex_fetch(doc, {key for _, keys in particle_verbs for key in keys})
    for expression, keys in particle_verbs:
        entry = next(
            (e for key in keys for e in cache.get(key, []) if e.pos == "VERB" and e.glosses),
            None,
        )
        if entry is None:
            continue
        gloss = f"({entry.lemma}) {entry.glosses[0]}"
        expression["gloss"] = gloss
        for i in expression["doc_tokens"]:
            token = doc[i]
            token._.senses = list(dict.fromkeys([gloss, *(token._.senses or [])]))[:max_senses]
            token._.gloss = gloss
            token._.gloss_via = "collocation"
