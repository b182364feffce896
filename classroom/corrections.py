"""Teachers' corrections laid over a stored annotation.

A pure function over plain data (no Django, no database): the annotation stays what the
pipeline made, and corrections are applied each time the article is shown, so a re-annotation
after a pipeline or lexicon change never loses them. Corrections refer to lemmas and sentence
indices, which survive re-annotation of unchanged text; one that no longer matches anything
is skipped, not an error.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping


def _key(token: Mapping) -> str:
    # Same key as reader.rendering.word_key, repeated here to keep this module dependency-free.
    return (token.get("lemma") or token["text"]).lower()


def apply_corrections(annotation: Mapping | None, corrections: Iterable[Mapping]) -> Mapping | None:
    """The annotation with corrections applied in order (later ones win); the input is not
    modified. Each correction is a dict with `kind` and its fields (classroom.models.Correction)."""
    corrections = list(corrections)
    if not annotation or not corrections:
        return annotation
    result = copy.deepcopy(dict(annotation))
    sentences = result.get("sentences") or []
    by_key: dict[str, list[dict]] = {}
    for sentence in sentences:
        for token in sentence.get("tokens") or []:
            by_key.setdefault(_key(token), []).append(token)

    for correction in corrections:
        kind = correction.get("kind")
        if kind == "gloss":
            gloss = (correction.get("gloss") or "").strip()
            for token in by_key.get(correction.get("key", ""), []):
                token["gloss"] = gloss or None
                token["senses"] = [gloss] if gloss else []
                token["corrected"] = True
        elif kind == "compound_set":
            parts = [dict(p) for p in correction.get("parts") or [] if p.get("part")]
            for token in by_key.get(correction.get("key", ""), []):
                token["compound"] = parts or None
        elif kind == "compound_remove":
            for token in by_key.get(correction.get("key", ""), []):
                token["compound"] = None
        elif kind in ("idiom_add", "idiom_remove"):
            s = correction.get("sentence")
            if not isinstance(s, int) or not 0 <= s < len(sentences):
                continue
            sentence = sentences[s]
            expressions = sentence.setdefault("expressions", [])
            lemma = (correction.get("lemma") or "").strip()
            if kind == "idiom_remove":
                sentence["expressions"] = [x for x in expressions if x.get("lemma") != lemma]
                continue
            n = len(sentence.get("tokens") or [])
            tokens = sorted(
                {t for t in correction.get("tokens") or [] if isinstance(t, int) and 0 <= t < n}
            )
            if not tokens or not lemma:
                continue
            # Replace an expression over the same words rather than stacking a second one.
            sentence["expressions"] = [
                x for x in expressions if sorted(x.get("tokens") or []) != tokens
            ]
            sentence["expressions"].append(
                {
                    "type": "idiom",
                    "tokens": tokens,
                    "lemma": lemma,
                    "gloss": (correction.get("gloss") or "").strip() or None,
                    "corrected": True,
                }
            )
    return result
