"""Extension attributes the Randnotiz components read and write (spaCy's Token._ / Doc._)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from nlp.lexicon import MemoryLexicon, lexicon_key

TOKEN_EXTENSIONS: dict[str, object] = {
    "alt_lemma": None,  # simplemma's lemma, a second opinion on HanTa's
    "gloss": None,  # short English gloss
    "senses": None,  # up to 3 short glosses, best first
    "gender": None,  # m / f / n for nouns
    "plural": None,  # plural form for nouns
    "compound": None,  # list of {"part", "lemma", "gloss"} (nlp/compound_annotator.py)
    "gloss_via": None,  # how the gloss was found: lemma, surface, alt_lemma, head, verb, ...
    "verb_lemma": None,  # whole separable/particle verb (stellte ... vor -> vorstellen)
    "reflexive": False,  # this verb is used with its reflexive pronoun (sich konzentrieren)
    "clause": -1,  # number of its clause in the Doc, -1 between clauses (nlp/clauses.py)
}

DOC_EXTENSIONS: dict[str, object] = {
    "lexicon": None,  # the Lexicon for this document (nlp/lexicon.py protocol)
    "lex": None,  # lexicon_key -> list[LexEntry], filled by batched lookups
    "sentence_info": None,  # [(start token, paragraph, kind)] per sentence
    "presegmented": False,  # sentences were given (CoNLL-U): keep them
    "clauses": None,  # (start, end) token indices of each clause (nlp/clauses.py)
    "expressions": None,  # [{"type", "tokens" (doc indices), "lemma", "gloss"}]
}


def register_extensions() -> None:
    for name, default in TOKEN_EXTENSIONS.items():
        if not Token.has_extension(name):
            Token.set_extension(name, default=default)
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def lex_fetch(doc: Doc, keys) -> dict:
    """Look up the keys not yet in `doc._.lex` in ONE batched call and merge them in.

    Components share this cache, so a document costs one round trip for the words and lemmas,
    plus at most one more per later component for keys only it knows (compound heads, joined
    separable verbs).
    """
    cache = doc._.lex
    if cache is None:
        cache = {}
        doc._.lex = cache
    lexicon = doc._.lexicon
    if lexicon is None:
        lexicon = doc._.lexicon = MemoryLexicon()
    missing = {lexicon_key(k) for k in keys if k} - cache.keys()
    if missing:
        found = {lexicon_key(k): v for k, v in lexicon.lookup_many(sorted(missing)).items()}
        for key in missing:
            cache[key] = found.get(key, [])
    return cache
