"""CoNLL-U and PARSEME .cupt readers and writers (pure functions over strings).

With CoNLL-U input the given sentences and tokens are kept exactly: only the word lines (integer
ID) are read and annotated; multiword range lines ("4-5 im"), empty nodes ("8.1") and comments
pass through untouched. The .cupt format is CoNLL-U plus an 11th column, PARSEME:MWE:
"1:VPC.full" on an expression's first token, "1" on its other tokens, "*" elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CUPT_COLUMNS = "# global.columns = ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC PARSEME:MWE"
# Our expression types -> PARSEME categories.
PARSEME_CATEGORY = {
    "idiom": "VID",
    "separable_verb": "VPC.full",
    "reflexive_verb": "IRV",
    "light_verb": "LVC.full",
}


@dataclass
class Sentence:
    """One sentence block: its original lines and which of them are word lines."""

    lines: list[str] = field(default_factory=list)
    word_lines: list[int] = field(default_factory=list)  # indices into `lines`

    @property
    def words(self) -> list[str]:
        return [self.lines[i].split("\t")[1] for i in self.word_lines]


def _is_word_line(columns: list[str]) -> bool:
    return len(columns) >= 2 and columns[0].isdigit()


def read_conllu(text: str) -> tuple[list[str], list[Sentence]]:
    """(header comment lines before the first sentence, sentences). Works for .cupt too."""
    header: list[str] = []
    sentences: list[Sentence] = []
    current = Sentence()
    for line in text.splitlines():
        if not line.strip():
            if current.lines:
                sentences.append(current)
                current = Sentence()
            continue
        if line.startswith("# global.columns") and not sentences and not current.lines:
            header.append(line)
            continue
        if not line.startswith("#") and _is_word_line(line.split("\t")):
            current.word_lines.append(len(current.lines))
        current.lines.append(line)
    if current.lines:
        sentences.append(current)
    return header, sentences


def mwe_column(sentence_json: dict) -> list[str]:
    """PARSEME:MWE values for a sentence's tokens from its "expressions"."""
    values = [[] for _ in sentence_json["tokens"]]
    for number, expr in enumerate(sentence_json.get("expressions", []), start=1):
        category = PARSEME_CATEGORY.get(expr.get("type"))
        if expr.get("parseme") == "IAV":
            category = "IAV"  # verb + its preposition: not among the German data's categories
        if expr.get("transparent"):
            continue  # compositional particle verbs are no PARSEME expressions
        if expr.get("verbal") is False:
            continue  # PARSEME annotates verbal expressions only ("auf dem Papier" is none)
        # PARSEME marks an expression's lexicalised core, without free determiners or
        # adjectives the idiom matcher also reports ("core_tokens" when it has them).
        indices = sorted(set(expr.get("core_tokens") or expr.get("tokens", [])))
        if category is None or not indices:
            continue
        for k, index in enumerate(indices):
            if 0 <= index < len(values):
                values[index].append(f"{number}:{category}" if k == 0 else str(number))
    return [";".join(v) if v else "*" for v in values]


def _column(value: str | None) -> str:
    return value if value else "_"


def fill_conllu(
    sentences: list[Sentence], annotation: dict, cupt: bool = False, header: list[str] | None = None
) -> str:
    """The input lines with LEMMA, UPOS, XPOS and FEATS filled (and PARSEME:MWE with `cupt`)."""
    out: list[str] = []
    if cupt:
        out.extend(header or [CUPT_COLUMNS])
    annotated = iter(annotation["sentences"])
    for sentence in sentences:
        sent_json = next(annotated) if sentence.word_lines else {"tokens": [], "expressions": []}
        tokens = sent_json["tokens"]
        mwe = mwe_column(sent_json) if cupt else None
        word_at = {line: k for k, line in enumerate(sentence.word_lines)}
        for i, line in enumerate(sentence.lines):
            k = word_at.get(i)
            if k is None:
                out.append(line)
                continue
            columns = line.split("\t")
            columns += ["_"] * (10 - len(columns))
            token = tokens[k]
            columns[2] = _column(token.get("word_lemma") or token["lemma"])
            columns[3] = _column(token["upos"])
            columns[4] = _column(token["xpos"])
            columns[5] = _column(token["feats"])
            columns = columns[:10] + [mwe[k]] if cupt else columns[:10]
            out.append("\t".join(columns))
        out.append("")
    return "\n".join(out) + ("\n" if out else "")


def annotation_to_conllu(annotation: dict, cupt: bool = False) -> str:
    """CoNLL-U (or .cupt) from the JSON annotation of plain text."""
    out: list[str] = [CUPT_COLUMNS] if cupt else []
    number = 0
    for sent in annotation["sentences"]:
        tokens = [t for t in sent["tokens"] if t["upos"] != "SPACE"]
        if not tokens:
            continue
        number += 1
        text = "".join(t["text"] + t["ws"] for t in sent["tokens"]).strip()
        out.append(f"# sent_id = {number}")
        out.append("# text = " + " ".join(text.split()))
        mwe = mwe_column(sent) if cupt else None
        word_id = 0
        for k, token in enumerate(sent["tokens"]):
            if token["upos"] == "SPACE":
                continue
            word_id += 1
            misc = "SpaceAfter=No" if token["ws"] == "" else "_"
            columns = [
                str(word_id),
                token["text"],
                _column(token.get("word_lemma") or token["lemma"]),
                _column(token["upos"]),
                _column(token["xpos"]),
                _column(token["feats"]),
                "_",
                "_",
                "_",
                misc,
            ]
            if cupt:
                columns.append(mwe[k])
            out.append("\t".join(columns))
        out.append("")
    return "\n".join(out) + ("\n" if out else "")
