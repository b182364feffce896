"""The Randnotiz annotation pipeline: text in, the versioned annotation JSON out.

A spaCy `Language` from `spacy.blank("de")` (its German tokenizer) with our own components:

    randnotiz_sentences -> randnotiz_tagger -> randnotiz_lemmas -> randnotiz_clauses
    -> randnotiz_separable_verbs
    -> randnotiz_reflexive_verbs -> randnotiz_morphology -> randnotiz_compounds
    -> randnotiz_idioms -> randnotiz_glosses
    -> randnotiz_compound_headlines -> randnotiz_nouns

Pure Python: no Django import, the
lexicon comes in as an object following `nlp.lexicon.Lexicon`; every component reads
it through `doc._.lexicon` and shares the looked-up entries in `doc._.lex`
(`nlp.extensions.lex_fetch`, one batched query per step that needs new words).
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# The modules register their components' factories with spaCy when imported.
from nlp import (  # noqa: F401
    clauses,
    compound_annotator,
    glosses,
    idioms,
    morphology,
    nouns,
    sentences,
    tagger,
    verbs,
)
from nlp.extensions import register_extensions
from nlp.lexicon import Lexicon, MemoryLexicon

# Bump when the JSON changes shape or the annotations change meaningfully: stored articles
# with an older version are re-annotated by `manage.py reannotate`.
# 2: separable/reflexive verb expressions, "word_lemma", senses ranked plainest first.
# 3: glosses for derived and inflected forms, sentences that end in a number, separable verbs
#    across comparisons, compounds with verb-stem modifiers, more idioms.
# 4: verb senses chosen by the nouns of their clause (eine Bedrohung wahrnehmen: to perceive).
# 5: Ding's derived adjectives below a headword (nordkoreanisch), adjectives glossed through
#    "X sein/werden" (verfeindet sein), separable verbs' notes glossed by word formation,
#    particles for adverbs (gar: at all), corrected first senses (Führer: leader).
# 6: compounds as immediate parts, each with its own split one level down ("parts") and its
#    Fugenelement ("link"); names and lexicalised words kept whole; part glosses in the
#    compound's sense; gender and plural for more nouns.
ANNOTATION_VERSION = 6

# The components in their order: each reads what the ones before it wrote.
COMPONENTS = (
    "randnotiz_sentences",
    "randnotiz_tagger",
    "randnotiz_lemmas",
    "randnotiz_clauses",
    "randnotiz_separable_verbs",
    "randnotiz_reflexive_verbs",
    "randnotiz_morphology",
    "randnotiz_compounds",
    "randnotiz_idioms",
    "randnotiz_glosses",
    "randnotiz_compound_headlines",
    "randnotiz_nouns",
)
# Texts are annotated in chunks of whole lines of about this size, so 2 MB of text never
# becomes one giant Doc (memory) and the result is the same as for the text in one piece.
CHUNK_CHARS = 100_000


@functools.cache
def get_nlp() -> Language:
    """The pipeline, built once per process (loads HanTa's model: about half a second)."""
    register_extensions()
    nlp = spacy.blank("de")
    nlp.max_length = CHUNK_CHARS * 4
    for name in COMPONENTS:
        nlp.add_pipe(name)
    tagger.hanta_tagger()  # load the model now, then keep the collector off it
    _freeze_long_lived_objects()
    return nlp


def _freeze_long_lived_objects() -> None:
    """Move the models' millions of objects (HanTa's tables, compiled idiom patterns) out of
    the garbage collector's reach: they live as long as the process, and every full collection
    walking them cost about a quarter of the pipeline's time."""
    gc.collect()
    gc.freeze()


_idioms_for: dict[str, object] = {"key": None}


def _prepare_idioms(nlp: Language, lexicon: Lexicon) -> None:
    """Give the idiom matcher this lexicon's idioms, compiled once per lexicon.

    A lexicon may set `idioms_key` (e.g. the dictionary import's version) so that new lexicon
    objects over the same data share the compiled patterns.
    """
    if "randnotiz_idioms" not in nlp.pipe_names:
        return
    key = getattr(lexicon, "idioms_key", None) or id(lexicon)
    if _idioms_for["key"] != key:
        nlp.get_pipe("randnotiz_idioms").set_idioms(lexicon.idioms())
        _idioms_for["key"] = key
        _freeze_long_lived_objects()


def _run(doc: Doc, lexicon: Lexicon | None, skip: Iterable[str] = ()) -> Doc:
    lexicon = lexicon if lexicon is not None else _EMPTY_LEXICON
    _prepare_idioms(get_nlp(), lexicon)
    doc._.lexicon = lexicon
    doc._.lex = {}
    doc._.expressions = []
    for name, component in get_nlp().pipeline:
        if name not in skip:
            doc = component(doc)
    return doc


_EMPTY_LEXICON = MemoryLexicon()
_CHUNK_END = re.compile(r"\n\s*(?=\S)")


def split_chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Cut text after a line break (and the whitespace after it) every `size` characters.

    Each chunk then starts with a word, so only the whole text's leading whitespace can
    start a chunk, and paragraphs never straddle chunks.
    """
    chunks = []
    start = 0
    while len(text) - start > size:
        match = _CHUNK_END.search(text, start + size)
        if match is None:
            break
        chunks.append(text[start : match.end()])
        start = match.end()
    chunks.append(text[start:])
    return chunks


def _token_json(token, ws: str) -> dict:
    upos = token.pos_ or ("SPACE" if token.is_space else "X")
    ext = token._  # one Underscore object for all the extension reads
    lemma = token.lemma_
    verb_lemma = ext.verb_lemma
    item = {
        "text": token.text,
        "ws": ws,
        "lemma": verb_lemma or lemma or token.text,
        "upos": upos,
        "xpos": token.tag_ or ("_SP" if token.is_space else ""),
        "feats": str(token.morph),
        "gloss": ext.gloss,
        "compound": ext.compound,
        "gender": ext.gender,
        "plural": ext.plural,
        "senses": ext.senses,
    }
    if verb_lemma and verb_lemma != lemma:
        # Both parts of a separable verb show the whole verb; CoNLL-U keeps each word's own
        # lemma, as the treebanks do (stellte -> stellen, vor -> vor).
        item["word_lemma"] = lemma
    return item


def doc_to_json(doc: Doc, paragraph_offset: int = 0) -> list[dict]:
    """Sentences of one Doc as JSON dicts; whitespace tokens fold into the previous `ws`."""
    info = doc._.sentence_info or []
    out: list[dict] = []
    kinds = {start: (para, kind) for start, para, kind in info}
    expressions = doc._.expressions or []
    for sent in doc.sents:
        para, kind = kinds.get(
            sent.start, (out[-1]["paragraph"] - paragraph_offset if out else 0, "text")
        )
        tokens: list[dict] = []
        index_of: dict[int, int] = {}
        for token in sent:
            ws = token.whitespace_
            if token.is_space and tokens:
                tokens[-1]["ws"] += token.text + ws
                continue
            index_of[token.i] = len(tokens)
            tokens.append(_token_json(token, ws))
        sent_expr = []
        for expr in expressions:
            doc_tokens = expr.get("doc_tokens") or []
            if not doc_tokens or not sent.start <= doc_tokens[0] < sent.end:
                continue
            item = {k: v for k, v in expr.items() if k not in ("doc_tokens", "sent")}
            item["tokens"] = [index_of[i] for i in doc_tokens if i in index_of]
            if "core_tokens" in expr:
                item["core_tokens"] = [
                    index_of[sent.start + i]
                    for i in expr["core_tokens"]
                    if sent.start + i in index_of
                ]
            sent_expr.append(item)
        out.append(
            {
                "paragraph": para + paragraph_offset,
                "kind": kind,
                "tokens": tokens,
                "expressions": sent_expr,
            }
        )
    return out


def annotate_text(text: str, lexicon: Lexicon | None = None) -> dict:
    """Annotate article text (one paragraph per line) into the versioned JSON document.

    Every token's text + ws, concatenated, gives back `text` exactly.
    """
    nlp = get_nlp()
    result: list[dict] = []
    paragraph_offset = 0
    for chunk in split_chunks(text):
        if not chunk:
            continue
        doc = _run(nlp.make_doc(chunk), lexicon)
        sents = doc_to_json(doc, paragraph_offset)
        if sents:
            paragraph_offset = sents[-1]["paragraph"] + 1
        result.extend(sents)
    return {"version": ANNOTATION_VERSION, "sentences": result}


def presegmented_doc(sentences_: list[list[str]]) -> Doc:
    """A Doc with the given sentences and tokens (CoNLL-U word lines)."""
    nlp = get_nlp()
    words: list[str] = []
    starts: list[bool] = []
    for sent in sentences_:
        for i, word in enumerate(sent):
            words.append(word)
            starts.append(i == 0)
    spaces = [True] * len(words)
    doc = (
        Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts)
        if words
        else nlp.make_doc("")
    )
    doc._.presegmented = True
    doc._.sentence_info = []
    start = 0
    for index, sent in enumerate(s for s in sentences_ if s):
        doc._.sentence_info.append((start, index, "text"))
        start += len(sent)
    return doc


def annotate_sentences(sentences_: list[list[str]], lexicon: Lexicon | None = None) -> dict:
    """Annotate pre-tokenized sentences (CoNLL-U input): sentences and tokens stay as given."""
    sentences_ = [[w for w in s if w] for s in sentences_]
    doc = _run(presegmented_doc(sentences_), lexicon)
    return {"version": ANNOTATION_VERSION, "sentences": doc_to_json(doc)}
