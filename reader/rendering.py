"""Reading-view data built by pure functions from a stored annotation plus the learner's word
statuses (LUTE's "text items" idea): nothing here touches the database or the pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reader.grammar_labels import noun_headline, pos_label
from reader.notes import expression_label, word_runs

# Tokens a learner never needs a popover for.
SILENT_UPOS = {"PUNCT", "NUM", "SYM", "SPACE", "X_SPACE"}


@dataclass
class Block:
    """A paragraph or a subheading: its sentences' tokens as ready-made markup."""

    kind: str  # "heading" | "paragraph"
    html: str
    sentence_ids: list[int] = field(default_factory=list)


def is_interactive(token: Mapping) -> bool:
    return token.get("upos") not in SILENT_UPOS and any(c.isalpha() for c in token["text"])


def word_key(token: Mapping) -> str:
    """The key a learner's status is stored under: the lemma, case-folded."""
    return (token.get("lemma") or token["text"]).lower()


def expression_index(sentence: Mapping) -> dict[int, list[int]]:
    """token index -> indices of the sentence's expressions it belongs to."""
    index: dict[int, list[int]] = {}
    for number, expression in enumerate(sentence.get("expressions") or []):
        for t in expression.get("tokens") or []:
            index.setdefault(t, []).append(number)
    return index


def token_classes(token: Mapping, expressions: list[Mapping], status: str | None) -> str:
    classes = ["w"]
    if token.get("upos") == "PROPN":
        classes.append("name")
    if token.get("compound"):
        classes.append("cmp")
    for expression in expressions:
        classes.append(
            {"separable_verb": "sep", "reflexive_verb": "refl"}.get(expression.get("type"), "idiom")
        )
    classes.append(f"st-{status}" if status else "st-new")
    return " ".join(dict.fromkeys(classes))


def reading_blocks(
    annotation: Mapping | None, statuses: Mapping[str, str] | None = None
) -> list[Block]:
    """The article as paragraphs and subheadings of token markup.

    Every content word is a focusable span carrying its sentence and token index; the popover
    is fetched by those. Built as one string per paragraph: a template include per token costs
    a third more on a long page.
    """
    if not annotation:
        return []
    statuses = statuses or {}
    blocks: list[Block] = []
    current_paragraph = None
    parts: list[str] = []
    sentence_ids: list[int] = []
    kind = "paragraph"

    def flush() -> None:
        if parts:
            blocks.append(
                Block(kind=kind, html="".join(parts).strip(), sentence_ids=list(sentence_ids))
            )

    for s_index, sentence in enumerate(annotation.get("sentences", [])):
        paragraph = sentence.get("paragraph", 0)
        if paragraph != current_paragraph:
            flush()
            parts, sentence_ids = [], []
            current_paragraph = paragraph
            kind = "heading" if sentence.get("kind") == "heading" else "paragraph"
        sentence_ids.append(s_index)
        expressions_of = expression_index(sentence)
        expressions = sentence.get("expressions") or []
        parts.append(f'<span class="s" id="s{s_index}">')
        for t_index, token in enumerate(sentence["tokens"]):
            text = escape(token["text"])
            ws = token.get("ws", "")
            # Paragraph breaks live in the whitespace; inside a block they are just spaces.
            ws_html = " " if ws and ("\n" in ws) else escape(ws)
            if is_interactive(token):
                mine = [expressions[i] for i in expressions_of.get(t_index, [])]
                css = token_classes(token, mine, statuses.get(word_key(token)))
                x_attr = (
                    f' data-x="{s_index}-{expressions_of[t_index][0]}"'
                    if t_index in expressions_of
                    else ""
                )
                parts.append(
                    f'<span class="{css}" tabindex="0" role="button" data-s="{s_index}" '
                    f'data-t="{t_index}"{x_attr}>{text}</span>{ws_html}'
                )
            else:
                parts.append(f"{text}{ws_html}")
        parts.append("</span>")
    flush()
    return blocks


def reading_html(blocks: list[Block]) -> SafeString:
    """The blocks as the reading page shows them, subheadings and paragraphs, in one string:
    the page's template prints it whole (a template loop over the blocks cost a tenth of a
    cached article page)."""
    return mark_safe(
        "".join(
            f'<h2 class="subhead">{block.html}</h2>\n'
            if block.kind == "heading"
            else f"<p>{block.html}</p>\n"
            for block in blocks
        )
    )


def noun_number_feats(token: Mapping) -> str:
    """The token's features, with Number=Plur added for a noun whose form is its dictionary
    plural (Haubitzen, Geschützen): the tagger gives no number, the dictionary knows it."""
    feats = token.get("feats") or ""
    plural, text = token.get("plural"), token["text"].lower()
    if token.get("upos") != "NOUN" or "Number=" in feats or not plural:
        return feats
    if text != (token.get("lemma") or "").lower() and text in {
        plural.lower(),
        plural.lower() + "n",
    }:
        return f"{feats}|Number=Plur" if feats else "Number=Plur"
    return feats


def word_details(annotation: Mapping, s_index: int, t_index: int) -> dict | None:
    """Everything the popover shows for one token, or None for an index that isn't there."""
    try:
        sentence = annotation["sentences"][s_index]
        token = sentence["tokens"][t_index]
    except (IndexError, KeyError, TypeError):
        return None
    upos = token.get("upos", "")
    lemma = token.get("lemma") or token["text"]
    is_name = upos == "PROPN"
    headline = lemma
    if upos == "NOUN":
        headline = noun_headline(lemma, token.get("gender"), token.get("plural"))
    expressions = []
    for number in expression_index(sentence).get(t_index, []):
        expression = dict(sentence["expressions"][number])
        indices = sorted(
            i for i in expression.get("tokens", []) if 0 <= i < len(sentence["tokens"])
        )
        expression["words"] = " … ".join(word_runs(sentence["tokens"], indices))
        expression["label"] = expression_label(expression.get("type", ""))
        expressions.append(expression)
    senses = [s for s in (token.get("senses") or []) if s]
    if token.get("gloss") and token["gloss"] not in senses:
        senses.insert(0, token["gloss"])
    sentence_text = "".join(t["text"] + t.get("ws", "") for t in sentence["tokens"]).strip()
    return {
        "s": s_index,
        "t": t_index,
        "text": token["text"],
        "lemma": lemma,
        "headline": headline,
        "pos": pos_label(upos, token.get("xpos", ""), noun_number_feats(token)),
        "is_name": is_name,
        "senses": [] if is_name else senses[:3],
        "compound": token.get("compound") or [],
        "expressions": expressions,
        "sentence": sentence_text,
        "key": word_key(token),
    }
