"""Reading-view data built by pure functions from a stored annotation plus the learner's word
statuses (LUTE's "text items" idea): nothing here touches the database or the pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from nlp.document import Annotation, Expression, Sentence, Token
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


@dataclass(frozen=True, slots=True)
class WordSlot:
    """A word's place in the reading markup: its tag up to the status class, then the rest of
    the tag, the word and its whitespace. `key` is the word's status key (Token.key)."""

    key: str
    before: str
    after: str


# The reading text as markup that is the same for every reader, with a slot for each word's
# status class between. Plain strings and slots, so the cache can hold it and a reader's
# statuses join it by concatenation alone.
Segment = str | WordSlot


def is_interactive(token: Token) -> bool:
    return token.upos not in SILENT_UPOS and any(c.isalpha() for c in token.text)


def expression_index(sentence: Sentence) -> dict[int, list[int]]:
    """token index -> indices of the sentence's expressions it belongs to."""
    index: dict[int, list[int]] = {}
    for number, expression in enumerate(sentence.expressions):
        for t in expression.tokens:
            index.setdefault(t, []).append(number)
    return index


def status_class(status: str | None) -> str:
    return f"st-{status}" if status else "st-new"


def token_classes(token: Token, expressions: list[Expression]) -> str:
    """The word's classes but its status, which is always last (status_class)."""
    classes = ["w"]
    if token.upos == "PROPN":
        classes.append("name")
    if token.compound:
        classes.append("cmp")
    for expression in expressions:
        classes.append(
            {"separable_verb": "sep", "reflexive_verb": "refl"}.get(expression.type, "idiom")
        )
    return " ".join(dict.fromkeys(classes))


def _block_segments(
    annotation: Annotation,
) -> list[tuple[str, list[int], list[Segment]]]:
    """(kind, sentence indices, segments) for each paragraph and subheading.

    Every content word is a focusable span carrying its sentence and token index; the popover
    is fetched by those. Built in one loop: a template include per token costs a third more on
    a long page.
    """
    blocks: list[tuple[str, list[int], list[Segment]]] = []
    current_paragraph: int | None = None
    segments: list[Segment] = []
    for s_index, sentence in enumerate(annotation.sentences):
        if sentence.paragraph != current_paragraph:
            segments = []
            current_paragraph = sentence.paragraph
            kind = "heading" if sentence.kind == "heading" else "paragraph"
            blocks.append((kind, [], segments))
        blocks[-1][1].append(s_index)
        expressions_of = expression_index(sentence)
        expressions = sentence.expressions
        static = [f'<span class="s" id="s{s_index}">']
        for t_index, token in enumerate(sentence.tokens):
            text = escape(token.text)
            ws = token.ws
            # Paragraph breaks live in the whitespace; inside a block they are just spaces.
            ws_html = " " if ws and ("\n" in ws) else escape(ws)
            if is_interactive(token):
                mine = [expressions[i] for i in expressions_of.get(t_index, [])]
                x_attr = (
                    f' data-x="{s_index}-{expressions_of[t_index][0]}"'
                    if t_index in expressions_of
                    else ""
                )
                if static:
                    segments.append("".join(static))
                segments.append(
                    WordSlot(
                        key=token.key,
                        before=f'<span class="{token_classes(token, mine)} ',
                        after=f'" tabindex="0" role="button" data-s="{s_index}" '
                        f'data-t="{t_index}"{x_attr}>{text}</span>{ws_html}',
                    )
                )
                static = []
            else:
                static.append(f"{text}{ws_html}")
        static.append("</span>")
        segments.append("".join(static))
    return blocks


def statuses_joined(segments: list[Segment], statuses: Mapping[str, str]) -> str:
    """The segments with each word's status class from `statuses` (a word not in it is new)."""
    return "".join(
        s if s.__class__ is str else f"{s.before}{status_class(statuses.get(s.key))}{s.after}"
        for s in segments
    )


def reading_blocks(
    annotation: Annotation | None, statuses: Mapping[str, str] | None = None
) -> list[Block]:
    """The article as paragraphs and subheadings of token markup, with the reader's word
    statuses."""
    if not annotation:
        return []
    statuses = statuses or {}
    return [
        Block(kind=kind, html=statuses_joined(segments, statuses), sentence_ids=sentence_ids)
        for kind, sentence_ids, segments in _block_segments(annotation)
    ]


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


def reading_segments(annotation: Annotation | None) -> list[Segment]:
    """reading_html(reading_blocks(annotation, statuses)) as segments, for any statuses:
    statuses_joined(reading_segments(annotation), statuses) is that markup."""
    if not annotation:
        return []
    segments: list[Segment] = []
    for kind, _, block in _block_segments(annotation):
        opening, closing = (
            ('<h2 class="subhead">', "</h2>\n") if kind == "heading" else ("<p>", "</p>\n")
        )
        segments += [opening, *block, closing]
    return segments


def noun_number_feats(token: Token) -> str:
    """The token's features, with Number=Plur added for a noun whose form is its dictionary
    plural (Haubitzen, Geschützen): the tagger gives no number, the dictionary knows it."""
    feats = token.feats
    plural, text = token.plural, token.text.lower()
    if token.upos != "NOUN" or "Number=" in feats or not plural:
        return feats
    if text != token.lemma.lower() and text in {
        plural.lower(),
        plural.lower() + "n",
    }:
        return f"{feats}|Number=Plur" if feats else "Number=Plur"
    return feats


def token_senses(token: Token) -> list[str]:
    """The token's senses, its gloss first (a teacher's corrected gloss is its only sense)."""
    senses = [s for s in token.senses or () if s]
    if token.gloss and token.gloss not in senses:
        senses.insert(0, token.gloss)
    return senses


def word_details(annotation: Annotation, s_index: int, t_index: int) -> dict | None:
    """Everything the popover shows for one token, or None for an index that isn't there."""
    token = annotation.token(s_index, t_index)
    if token is None:
        return None
    sentence = annotation.sentences[s_index]
    upos = token.upos
    lemma = token.headword
    is_name = upos == "PROPN"
    headline = lemma
    if upos == "NOUN":
        headline = noun_headline(lemma, token.gender, token.plural)
    expressions = []
    for number in expression_index(sentence).get(t_index, []):
        expression = sentence.expressions[number]
        indices = sorted(i for i in expression.tokens if 0 <= i < len(sentence.tokens))
        expressions.append(
            {
                "type": expression.type,
                "lemma": expression.lemma,
                "gloss": expression.gloss,
                "literal": expression.literal,
                "words": " … ".join(word_runs(sentence.tokens, indices)),
                "label": expression_label(expression.type),
            }
        )
    return {
        "s": s_index,
        "t": t_index,
        "text": token.text,
        "lemma": lemma,
        "headline": headline,
        "pos": pos_label(upos, token.xpos, noun_number_feats(token)),
        "is_name": is_name,
        # The annotation keeps up to five senses when they are close (nlp.glosses).
        "senses": [] if is_name else token_senses(token)[:5],
        "compound": token.compound or (),
        "expressions": expressions,
        "sentence": sentence.text,
        "key": token.key,
    }
