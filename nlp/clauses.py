"""Clause boundaries, found once per sentence for every component that works clause by clause.

A clause here is a stretch of a sentence between punctuation that ends one (commas, sentence
punctuation, colons, semicolons) or at a coordinating conjunction (und,
aber, ...) that joins two stretches each with its own finite verb ("Er kam, und sie ging" and
"Er kam und sie ging" alike). Quotes, brackets and dashes stand inside a clause („sämtliche
Anstrengungen ...“). This is no parse: a subordinate clause is only told from its main clause
by the comma German writes before it (weil, dass, der ...), and an embedded clause splits its
host in two ("Der Mann, der kam, lachte": Der Mann | der kam | lachte).

`clause_numbers` works on (text, STTS tag, UPOS) triples, so the idiom matcher applies it to
gold CoNLL-U columns as well; the component stores the result on the Doc: `token._.clause`
(the clause's number within the Doc, -1 for the punctuation between clauses) and
`doc._.clauses` (each clause's (start, end) token indices). `clause_span` and `clause_tokens`
read them, annotating a hand-built Doc on first use.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from nlp.extensions import register_extensions
from nlp.german import FINITE_VERB_TAGS

# Hand-built Docs (a component's tests, a benchmark) reach `clause_span` without the pipeline
# having declared the attributes.
register_extensions()

# STTS $, and $. (which takes colons and semicolons too). Brackets and dashes ($() do not
# end a clause: what they enclose interrupts its host ("hat sich – wie erwartet – beworben",
# where the reflexive pronoun and its verb stand either side); neither do quotes.
BOUNDARY_TAGS = frozenset({"$,", "$."})
# Punctuation by UPOS alone, for tokens without an STTS tag.
_UNTAGGED_BOUNDARY_TEXTS = frozenset({",", ".", "!", "?", ":", ";"})
# Coordinating conjunctions that may start a new clause (with its own finite verb).
COORDINATORS = frozenset({"und", "aber", "oder", "sondern", "denn", "doch", "jedoch"})


def is_boundary(text: str, tag: str, pos: str = "") -> bool:
    """Does this token end a clause (and belong to none)?"""
    if tag in BOUNDARY_TAGS:
        return True
    return not tag and pos == "PUNCT" and text in _UNTAGGED_BOUNDARY_TEXTS


def _is_coordinator(text: str, tag: str) -> bool:
    return tag == "KON" and text.lower() in COORDINATORS


def clause_numbers(tokens: Sequence[tuple[str, str, str]], first: int = 0) -> list[int]:
    """A clause number for each (text, STTS tag, UPOS) of one sentence, counting from
    `first`; -1 for the punctuation that ends a clause."""
    out: list[int] = []
    clause = first
    stretch: list[int] = []  # positions since the last boundary

    def close_stretch() -> None:
        # Split the stretch before each coordinator with a finite verb on both sides: on the
        # left since the clause began, on the right up to the next coordinator.
        nonlocal clause
        begun = False  # the current clause has a finite verb
        for n, i in enumerate(stretch):
            text, tag, _ = tokens[i]
            if _is_coordinator(text, tag) and begun:
                for j in stretch[n + 1 :]:
                    if _is_coordinator(*tokens[j][:2]):
                        break
                    if tokens[j][1] in FINITE_VERB_TAGS:
                        clause += 1
                        begun = False
                        break
            begun = begun or tag in FINITE_VERB_TAGS
            out[i] = clause
        if stretch:
            clause += 1
        stretch.clear()

    for i, (text, tag, pos) in enumerate(tokens):
        out.append(-1)
        if is_boundary(text, tag, pos):
            close_stretch()
        else:
            stretch.append(i)
    close_stretch()
    return out


def annotate_clauses(doc: Doc) -> Doc:
    """Number the clauses of every sentence: `token._.clause`, `doc._.clauses`."""
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    spans: list[tuple[int, int]] = []
    for sent in sents:
        numbers = clause_numbers([(t.text, t.tag_, t.pos_) for t in sent], first=len(spans))
        for token, number in zip(sent, numbers, strict=True):
            token._.clause = number
            if number < 0:
                continue
            if number == len(spans):
                spans.append((token.i, token.i + 1))
            else:
                spans[number] = (spans[number][0], token.i + 1)
    doc._.clauses = spans
    return doc


def ensure_clauses(doc: Doc) -> Doc:
    """The Doc, its clauses numbered (a hand-built Doc skipped the pipeline's component)."""
    return annotate_clauses(doc) if doc._.clauses is None else doc


def clause_span(token) -> tuple[int, int]:
    """(start, end) Doc indices of the clause of `token`; a boundary is a stretch of its own."""
    doc = ensure_clauses(token.doc)
    number = token._.clause
    return doc._.clauses[number] if number >= 0 else (token.i, token.i + 1)


def clause_tokens(token) -> Span:
    """The tokens of the clause of `token`."""
    start, end = clause_span(token)
    return token.doc[start:end]


def doc_clauses(doc: Doc) -> list[Span]:
    """Every clause of the Doc, in order."""
    return [doc[start:end] for start, end in ensure_clauses(doc)._.clauses]


def relative_antecedent(first) -> Token | None:
    """The noun a relative clause stands for, given the clause's first token: the noun right
    before the comma when the clause opens with a relative pronoun (der, die, das, welche),
    maybe after a preposition (in dem, mit denen): "in einem Krieg, der ... ausgetragen wird",
    "die Verantwortung, die er übernimmt"."""
    doc = ensure_clauses(first.doc)
    start = first.i
    if start < 2 or first.sent.start > start - 2 or doc[start - 1]._.clause >= 0:
        return None
    pronoun = first
    if first.tag_ in ("APPR", "APPRART") and start + 1 < len(doc):
        pronoun = doc[start + 1]
    if pronoun.tag_ not in ("PRELS", "PRELAT"):
        return None
    noun = doc[start - 2]
    return noun if noun.pos_ == "NOUN" else None


@Language.factory("randnotiz_clauses", assigns=["token._.clause", "doc._.clauses"])
def make_clauses(nlp: Language, name: str):
    """Clause boundaries for the components after it (verbs, idioms, glosses)."""
    return annotate_clauses
