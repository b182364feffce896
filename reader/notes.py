"""The grammar notes panel: the article's compounds, idioms, separable and reflexive verbs,
in reading order, each pointing at its place in the text. A pure function of the annotation."""

from __future__ import annotations

from collections.abc import Mapping

KIND_LABELS = {
    "compound": "Compound",
    "idiom": "Idiom",
    "light_verb": "Fixed phrase",
    "separable_verb": "Separable verb",
    "reflexive_verb": "Reflexive verb",
}


def expression_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def compound_note(token: Mapping) -> dict:
    parts = token["compound"]
    head = parts[-1]
    return {
        "written": "|".join(p["part"].rstrip("-") for p in parts),
        "parts": parts,
        "head_gloss": head.get("gloss"),
    }


def article_notes(annotation: Mapping | None) -> list[dict]:
    """One note per compound (first occurrence of each), idiom, fixed phrase, separable and
    reflexive verb, ordered as the reader meets them."""
    notes: list[dict] = []
    if not annotation:
        return notes
    seen_compounds: set[str] = set()
    for s_index, sentence in enumerate(annotation.get("sentences", [])):
        tokens = sentence["tokens"]
        for t_index, token in enumerate(tokens):
            if not token.get("compound") or len(token["compound"]) < 2:
                continue
            key = (token.get("lemma") or token["text"]).lower()
            if key in seen_compounds:
                continue
            seen_compounds.add(key)
            notes.append({
                "kind": "compound", "label": KIND_LABELS["compound"], "s": s_index, "t": t_index,
                "position": (s_index, t_index), "lemma": token.get("lemma") or token["text"],
                "words": token["text"], "gloss": token.get("gloss"), **compound_note(token),
            })
        for expression in sentence.get("expressions") or []:
            indices = [i for i in expression.get("tokens") or [] if 0 <= i < len(tokens)]
            if not indices:
                continue
            first = min(indices)
            notes.append({
                "kind": expression["type"], "label": expression_label(expression["type"]),
                "s": s_index, "t": first, "position": (s_index, first),
                "lemma": expression.get("lemma") or "", "gloss": expression.get("gloss"),
                "literal": expression.get("literal"),
                "words": " … ".join(word_runs(tokens, sorted(indices))),
            })
    notes.sort(key=lambda note: note["position"])
    return notes


def word_runs(tokens, indices: list[int]) -> list[str]:
    """The expression's words as written, with "…" where other words stand between them:
    "stellte … vor"."""
    runs: list[list[int]] = []
    for i in indices:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [" ".join(tokens[i]["text"] for i in run) for run in runs]
