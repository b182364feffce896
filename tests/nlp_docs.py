"""Hand-tagged spaCy Docs for tests of single pipeline components."""

import spacy
from spacy.tokens import Doc

VOCAB = spacy.blank("de").vocab


def doc_of(rows, lexicon, sentence_starts=(0,)) -> Doc:
    """Sentences (one unless `sentence_starts` says where others begin) from rows of (word,
    lemma, STTS tag) or (word, lemma, STTS, UPOS), as the tagger would leave them, with
    `lexicon` for the components that look words up."""
    doc = Doc(
        VOCAB,
        words=[r[0] for r in rows],
        lemmas=[r[1] for r in rows],
        tags=[r[2] for r in rows],
        pos=[r[3] for r in rows] if all(len(r) > 3 for r in rows) else None,
        sent_starts=[i in sentence_starts for i in range(len(rows))],
    )
    doc._.lexicon = lexicon
    doc._.lex = {}
    doc._.expressions = []
    return doc
