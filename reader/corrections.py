"""Teachers' corrections laid over a stored annotation.

A pure function over plain data (no Django, no database): the annotation stays what the
pipeline made, and corrections are applied each time the article is shown, so a re-annotation
after a pipeline or lexicon change never loses them. Corrections refer to lemmas and sentence
indices, which survive re-annotation of unchanged text; one that no longer matches anything
is skipped, not an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from nlp.document import Annotation, CompoundPart, Expression, Sentence, Token


def _token_corrected(token: Token, corrections: list[Mapping]) -> Token:
    for correction in corrections:
        kind = correction.get("kind")
        if kind == "gloss":
            gloss = (correction.get("gloss") or "").strip()
            token = replace(
                token, gloss=gloss or None, senses=(gloss,) if gloss else (), corrected=True
            )
        elif kind == "compound_set":
            parts = tuple(
                CompoundPart.from_json(p) for p in correction.get("parts") or [] if p.get("part")
            )
            token = replace(token, compound=parts or None)
        elif kind == "compound_remove":
            token = replace(token, compound=None)
    return token


def _expressions_corrected(sentence: Sentence, corrections: list[Mapping]) -> Sentence:
    expressions = list(sentence.expressions)
    for correction in corrections:
        lemma = (correction.get("lemma") or "").strip()
        if correction["kind"] == "idiom_remove":
            expressions = [x for x in expressions if x.lemma != lemma]
            continue
        n = len(sentence.tokens)
        tokens = tuple(
            sorted({t for t in correction.get("tokens") or [] if isinstance(t, int) and 0 <= t < n})
        )
        if not tokens or not lemma:
            continue
        # Replace an expression over the same words rather than stacking a second one.
        expressions = [x for x in expressions if tuple(sorted(x.tokens)) != tokens]
        expressions.append(
            Expression(
                type="idiom",
                tokens=tokens,
                lemma=lemma,
                gloss=(correction.get("gloss") or "").strip() or None,
                corrected=True,
            )
        )
    return replace(sentence, expressions=tuple(expressions))


def apply_corrections(
    annotation: Annotation | None, corrections: Iterable[Mapping]
) -> Annotation | None:
    """The annotation with corrections applied in order (later ones win), as a new document.
    Each correction is a dict with `kind` and its fields (reader.models.Correction): word
    corrections apply to every token with the correction's key (Token.key), idiom corrections
    to their sentence."""
    corrections = list(corrections)
    if not annotation or not corrections:
        return annotation
    by_word: dict[str, list[Mapping]] = {}
    by_sentence: dict[int, list[Mapping]] = {}
    for correction in corrections:
        kind = correction.get("kind")
        if kind in ("gloss", "compound_set", "compound_remove"):
            by_word.setdefault(correction.get("key", ""), []).append(correction)
        elif kind in ("idiom_add", "idiom_remove"):
            s = correction.get("sentence")
            if isinstance(s, int) and 0 <= s < len(annotation.sentences):
                by_sentence.setdefault(s, []).append(correction)
    sentences = []
    for s, sentence in enumerate(annotation.sentences):
        if any(token.key in by_word for token in sentence.tokens):
            tokens = tuple(
                _token_corrected(token, by_word[token.key]) if token.key in by_word else token
                for token in sentence.tokens
            )
            sentence = replace(sentence, tokens=tokens)
        if s in by_sentence:
            sentence = _expressions_corrected(sentence, by_sentence[s])
        sentences.append(sentence)
    return replace(annotation, sentences=tuple(sentences))
