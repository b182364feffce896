"""Idioms and light-verb constructions in the pipeline: the spaCy component.

Patterns are compiled in `nlp.idiom_patterns` and matched clause by clause in
`nlp.idiom_matching`; this module hands each sentence of a Doc to the matcher and appends what
it finds to `doc._.expressions`.

No Django here: the idiom list comes from `Lexicon.idioms()` through `IdiomsComponent.set_idioms`.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from nlp.clauses import ensure_clauses
from nlp.idiom_matching import IdiomMatcher, Tok
from nlp.lexicon import IdiomEntry

# --- spaCy -------------------------------------------------------------------------------------


def _register_spacy() -> None:
    if not Doc.has_extension("expressions"):
        # The pipeline may define it first (for separable and reflexive verbs); both agree on
        # a list of dicts, filled per document.
        Doc.set_extension("expressions", default=None)

    @Language.factory("randnotiz_idioms")
    def make_idioms(nlp, name):
        return IdiomsComponent(name=name)


class IdiomsComponent:
    """spaCy component: appends idiom / light-verb dicts to `doc._.expressions`.

    Every dict has `type`, `tokens` (indices within the sentence, as in the annotation JSON),
    `doc_tokens` (the same as indices into the Doc), `sent` (sentence number), `lemma`
    (the canonical phrase), `gloss`, `literal`, `kind`, `source`.
    The idiom list arrives through `set_idioms(lexicon.idioms())` after `add_pipe`.
    """

    def __init__(self, name: str = "randnotiz_idioms", idioms: Iterable[IdiomEntry] = ()):
        self.name = name
        self.matcher = IdiomMatcher(idioms)

    def set_idioms(self, idioms: Iterable[IdiomEntry]) -> IdiomsComponent:
        self.matcher = IdiomMatcher(idioms)
        return self

    def __call__(self, doc):
        if doc._.expressions is None:
            doc._.expressions = []
        ensure_clauses(doc)
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        for number, sent in enumerate(sents):
            toks = [Tok(t.text, t.lemma_ or t.text, t.tag_, t.pos_) for t in sent]
            clauses = [t._.clause for t in sent]
            for match in self.matcher.match_sentence(toks, clauses):
                item = match.as_dict()
                item["sent"] = number
                item["doc_tokens"] = [sent.start + i for i in item["tokens"]]
                doc._.expressions.append(item)
        return doc


_register_spacy()
