"""Small annotated texts written token by token, for the quiz kinds that read tags and
morphology (people, reported speech, pronouns): `word/TAG`, with `word/TAG/lemma` for a lemma
of its own, `NN:f` for a noun's gender and `!` after a finite verb's tag for Konjunktiv I
(sei/VAFIN!). A line that is one heading is written `# Heading words`.
"""

from __future__ import annotations

UPOS = {
    "NN": "NOUN",
    "NE": "PROPN",
    "ART": "DET",
    "PPER": "PRON",
    "PPOSAT": "DET",
    "VVFIN": "VERB",
    "VAFIN": "AUX",
    "VMFIN": "AUX",
    "VVINF": "VERB",
    "VVPP": "VERB",
    "ADJA": "ADJ",
    "ADJD": "ADJ",
    "APPR": "ADP",
    "ADV": "ADV",
    "KON": "CCONJ",
    "KOUS": "SCONJ",
    "CARD": "NUM",
    "PTKVZ": "ADP",
    "PTKNEG": "PART",
    "PIS": "PRON",
    "$,": "PUNCT",
    "$.": "PUNCT",
    "$(": "PUNCT",
}
NO_SPACE_BEFORE = {",", ".", ":", "“", ")"}


def _token(spec: str) -> dict:
    word, tag, *rest = spec.split("/")
    lemma = rest[0] if rest else None
    gender = None
    if ":" in tag:
        tag, gender = tag.split(":")
    konjunktiv = tag.endswith("!")
    tag = tag.rstrip("!")
    feats = ""
    if tag in {"VVFIN", "VAFIN", "VMFIN"}:
        feats = (
            "Mood=Sub|Tense=Pres|VerbForm=Fin" if konjunktiv else "Mood=Ind|Tense=Past|VerbForm=Fin"
        )
    elif tag == "PPER":
        feats = "PronType=Prs"
    return {
        "text": word,
        "ws": " ",
        "lemma": lemma or (word.casefold() if tag.startswith("V") else word),
        "upos": UPOS.get(tag, "X"),
        "xpos": tag,
        "feats": feats,
        "gloss": None,
        "compound": None,
        "gender": gender,
        "senses": [],
    }


def tagged(*paragraphs: str) -> dict:
    """An annotation of paragraphs, each a string of sentences separated by " | "."""
    sentences = []
    for p, paragraph in enumerate(paragraphs):
        heading = paragraph.startswith("# ")
        parts = [paragraph[2:]] if heading else paragraph.split(" | ")
        for part in parts:
            specs = part.split() if not heading else [f"{w}/NN" for w in part.split()]
            tokens = [_token(s) for s in specs]
            for k, t in enumerate(tokens):
                nxt = tokens[k + 1]["text"] if k + 1 < len(tokens) else None
                if nxt in NO_SPACE_BEFORE or t["text"] == "„" or nxt is None:
                    t["ws"] = ""
            tokens[-1]["ws"] = " "
            sentences.append(
                {
                    "paragraph": p,
                    "kind": "heading" if heading else "text",
                    "tokens": tokens,
                    "expressions": [],
                }
            )
    if sentences:
        sentences[-1]["tokens"][-1]["ws"] = ""
    return {"version": 1, "sentences": sentences}
