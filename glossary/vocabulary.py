"""What a learner can save, read straight from a stored annotation: pure functions, no
database, so the reading view, the class deck and the tests share them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from nlp.document import Annotation, Expression, Sentence, Token
from reader.grammar_labels import noun_headline, pos_label
from reader.rendering import is_interactive, token_senses

# Content words a class deck offers; function words (der, und, mit) are no flashcards.
DECK_UPOS = {"NOUN", "VERB", "ADJ", "ADV"}
EXPRESSION_KINDS = {"separable_verb", "reflexive_verb", "idiom", "light_verb"}


@dataclass(frozen=True)
class Candidate:
    """One saveable item: a word, or an expression as a unit, with the sentence it is in."""

    key: str
    lemma: str
    kind: str
    pos: str
    headline: str
    senses: tuple[str, ...]
    sentence: str
    spans: tuple[tuple[int, int], ...] = field(default_factory=tuple)

    @property
    def sense(self) -> str:
        return self.senses[0] if self.senses else ""


def sentence_text_and_spans(sentence: Sentence, token_indices) -> tuple[str, list[tuple[int, int]]]:
    """The sentence as written, and where the given tokens are in it (character offsets)."""
    tokens = sentence.tokens
    raw = "".join(t.text + t.ws for t in tokens)
    text = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    offsets, position = [], 0
    for token in tokens:
        offsets.append((position - lead, position - lead + len(token.text)))
        position += len(token.text) + len(token.ws)
    wanted = sorted({i for i in token_indices if 0 <= i < len(tokens)})
    return text, [offsets[i] for i in wanted]


def _senses(token: Token) -> tuple[str, ...]:
    return tuple(token_senses(token)[:3])


def token_headline(token: Token) -> str:
    if token.upos == "NOUN":
        return noun_headline(token.headword, token.gender, token.plural)
    return token.headword


def candidate_at(
    annotation: Annotation | None, s: int, t: int, x: int | None = None
) -> Candidate | None:
    """The word at sentence `s`, token `t`; with `x`, the x-th expression that token belongs to
    (an idiom, a separable verb) as one unit. None when the indices aren't there."""
    token = annotation.token(s, t) if annotation else None
    if token is None:
        return None
    sentence = annotation.sentences[s]
    if x is None:
        if not is_interactive(token):
            return None
        text, spans = sentence_text_and_spans(sentence, [t])
        return Candidate(
            key=token.key,
            lemma=token.headword,
            kind="word",
            pos=token.upos,
            headline=token_headline(token),
            senses=() if token.upos == "PROPN" else _senses(token),
            sentence=text,
            spans=tuple(spans),
        )
    # `x` counts the expressions this token belongs to, in the order the popover lists them.
    mine = [e for e in sentence.expressions if t in e.tokens]
    if not 0 <= x < len(mine) or not mine[x].lemma:
        return None
    return expression_candidate(sentence, mine[x])


def expression_candidate(sentence: Sentence, expression: Expression) -> Candidate:
    text, spans = sentence_text_and_spans(sentence, expression.tokens)
    kind = expression.type if expression.type in EXPRESSION_KINDS else "idiom"
    lemma = expression.lemma
    return Candidate(
        key=lemma.lower(),
        lemma=lemma,
        kind=kind,
        pos="VERB" if kind in {"separable_verb", "reflexive_verb"} else "",
        headline=lemma,
        senses=(expression.gloss,) if expression.gloss else (),
        sentence=text,
        spans=tuple(spans),
    )


def kind_label(kind: str, pos: str) -> str:
    if kind == "word":
        return pos_label(pos) if pos else ""
    return kind.replace("_", " ").replace("light verb", "light-verb construction")


def article_lemma_counts(annotation: Annotation | None) -> Counter[str]:
    """lemma key -> occurrences, over the words a learner can mark (names left out: nobody
    "learns" Kim Jong Un)."""
    counts: Counter[str] = Counter()
    for _, _, token in annotation.tokens() if annotation else ():
        if is_interactive(token) and token.upos != "PROPN":
            counts[token.key] += 1
    return counts


def token_positions_with_key(annotation: Annotation | None, key: str) -> list[str]:
    """ "s-t" of every token whose lemma key is `key`: the page recolours them after a status
    change without a reload."""
    return list(_positions_by_key(annotation).get(key, ()))


# id(annotation) -> (the annotation, key -> positions). Saving a word scanned all of the
# article's tokens for this (a quarter of the request under bench/load.py); the views pass
# the readers' shared, never-modified annotation (reader.render_cache.corrected_annotation),
# so its index is built once per process. Holding the annotation keeps its id from being
# reused while the entry lives.
_positions: dict[int, tuple[Annotation, dict[str, list[str]]]] = {}
_POSITIONS_KEPT = 16


def _positions_by_key(annotation: Annotation | None) -> dict[str, list[str]]:
    if not annotation:
        return {}
    found = _positions.get(id(annotation))
    if found is not None and found[0] is annotation:
        return found[1]
    index: dict[str, list[str]] = {}
    for s, t, token in annotation.tokens():
        if is_interactive(token):
            index.setdefault(token.key, []).append(f"{s}-{t}")
    if len(_positions) >= _POSITIONS_KEPT:
        _positions.clear()
    _positions[id(annotation)] = (annotation, index)
    return index


def article_deck_candidates(annotation: Annotation | None) -> list[Candidate]:
    """An article's vocabulary for a class deck: each glossed content word once (first
    sentence it occurs in), then each glossed expression once, in reading order."""
    words: dict[tuple[str, str], Candidate] = {}
    expressions: dict[tuple[str, str], Candidate] = {}
    for sentence in annotation.sentences if annotation else ():
        for t, token in enumerate(sentence.tokens):
            if token.upos not in DECK_UPOS or not is_interactive(token):
                continue
            senses = _senses(token)
            if not senses:
                continue
            ident = (token.key, senses[0])
            if ident in words:
                continue
            text, spans = sentence_text_and_spans(sentence, [t])
            words[ident] = Candidate(
                key=ident[0],
                lemma=token.headword,
                kind="word",
                pos=token.upos,
                headline=token_headline(token),
                senses=senses,
                sentence=text,
                spans=tuple(spans),
            )
        for expression in sentence.expressions:
            if not expression.gloss or not expression.lemma:
                continue
            candidate = expression_candidate(sentence, expression)
            expressions.setdefault((candidate.key, candidate.sense), candidate)
    return [*words.values(), *expressions.values()]
