"""The spaCy components of compound splitting: `randnotiz_compounds` sets `token._.compound`
(each part with its gloss in the compound's sense), `randnotiz_compound_headlines` glosses a
compound the dictionary lacks from all its parts.

Pure Python: no Django import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spacy.language import Language
from spacy.tokens import Doc

from nlp.compound_candidates import vocabulary_for
from nlp.compound_vocabulary import DING_BRACKETS, gloss_words
from nlp.compounds import MIN_PART, Part, share_a_word, split_compound
from nlp.extensions import lex_fetch
from nlp.glosses import entry_senses
from nlp.lexicon import best_entry, lexicon_key

# ---------------------------------------------------------------------------------------------
# spaCy component

SPLIT_POS = frozenset({"NOUN", "ADJ"})
# Common nouns that put a name right after them, without an article (close apposition):
# Hotel "Ladenmühle", Firma Wintergartenbau, Pizzeria Waldhorn, mit dem Namen Sonnendüne.
NAME_INTRODUCERS = frozenset(
    "hotel firma pizzeria restaurant gasthof gasthaus gaststätte café cafe kneipe bar laden "
    "bäckerei metzgerei praxis klinik verein marke name namen ferienwohnung pension schiff "
    "zeitung magazin sender band projekt aktion".split()
)
_QUOTES = frozenset("\"„“”‚‘’'»«")
# Endings of German place names (Stephanskirchen, Wolfsburg, Sindelfingen, Eisenhüttenstadt):
# such a word the dictionary lacks is a town, not "open + castle".
PLACE_ENDINGS = (
    "burg", "dorf", "hausen", "ingen", "stadt", "kirchen", "heim", "hofen", "stedt", "leben",
)  # fmt: skip


def named_by_form(token, cache: Mapping[str, list]) -> bool:
    """A word written like a place name (an ending of towns: -burg, -ingen, -kirchen ...) that
    the dictionary lacks as a noun, neither as written nor as its lemma. A dictionary noun on
    the same ending stays a compound (Hauptstadt, Altenheim), and so does a plural of one
    (Dorfkirchen, lemma Dorfkirche)."""
    text = token.text
    if not text[:1].isupper() or not text.lower().endswith(PLACE_ENDINGS):
        return False
    words = {text, token.lemma_ or text}
    return not any(e.pos == "NOUN" for w in words for e in cache.get(lexicon_key(w), []))


def named_by_context(token) -> bool:
    """The sentence says this capitalised word is (part of) a name: it follows a noun that
    introduces names (Pizzeria Waldhorn, Hotel "Ladenmühle"), or a capitalised adjective inside
    the sentence (der Mecklenburgischen Seenplatte, die Europäische Zentralbank). The -er
    adjectives of places (Berliner, Münchner) are always capitalised and say nothing."""
    if token.pos_ != "NOUN" or not token.text[:1].isupper():
        return False
    before = token.nbor(-1) if token.i > 0 else None
    if before is not None and before.text in _QUOTES and before.i > 0:
        before = before.nbor(-1)
    if before is None:
        return False
    if before.pos_ == "NOUN" and before.text.lower() in NAME_INTRODUCERS:
        return True
    return (
        before.pos_ == "ADJ"
        and before.text[:1].isupper()
        and not before.is_sent_start
        and not before.text.endswith("er")
        and not before.text.isupper()
    )


class CompoundAnnotator:
    """Sets `token._.compound` on nouns and adjectives: [{"part", "lemma", "gloss"}].

    The lexicon is the document's (`doc._.lexicon`). The candidate parts of all the document's
    words are fetched together, a round at a time (`vocabulary_for`, through the shared cache
    `nlp.extensions.lex_fetch`), the glosses of the parts found in one more call. Names
    (PROPN) stay whole: Bundestag, Pjöngjang.
    """

    def __call__(self, doc: Doc) -> Doc:
        # Two parts of three letters at least (Öl and Ei aside): shorter words are no compounds.
        # Names stay whole (Bundestag), unless hyphenated (Pjöngjang-Moskau, Kim-Regime).
        tokens = [
            t
            for t in doc
            if (t.pos_ in SPLIT_POS and len(t.text) >= 2 * MIN_PART)
            or (t.pos_ in SPLIT_POS | {"PROPN"} and "-" in t.text.strip("-"))
        ]
        tokens = [t for t in tokens if not named_by_context(t)]
        if not tokens:
            return doc
        wholes = lex_fetch(doc, {t.text for t in tokens} | {t.lemma_ for t in tokens})
        tokens = [t for t in tokens if not named_by_form(t, wholes)]
        if not tokens:
            return doc

        def fetch(keys: set[str]) -> dict[str, list]:
            cache = lex_fetch(doc, keys)
            return {key: cache[key] for key in keys if cache.get(key)}

        pairs = {(t.text, t.lemma_ or None) for t in tokens}
        vocab = vocabulary_for(pairs, fetch)
        splits = {}
        for token in tokens:
            pos = "NOUN" if token.pos_ == "PROPN" else token.pos_
            parts = split_compound(token.text, vocab, lemma=token.lemma_ or None, pos=pos)
            if parts:
                splits[token.i] = parts
        if not splits:
            return doc
        cache = lex_fetch(
            doc,
            {p.lemma for parts in splits.values() for p in flat_nodes(parts)}
            | {doc[i].lemma_ for i in splits if doc[i].lemma_},
        )
        for i, parts in splits.items():
            token = doc[i]
            whole = cache.get(lexicon_key(token.lemma_ or token.text), [])
            meant = gloss_words(g for e in whole if e.pos == token.pos_ for g in e.glosses)
            doc[i]._.compound = [_part_json(part, cache, meant) for part in parts]
        return doc


def flat_nodes(parts: Iterable[Part]) -> list[Part]:
    """Every part and every part of a part."""
    out: list[Part] = []
    for part in parts:
        out.append(part)
        out.extend(flat_nodes(part.parts))
    return out


def _part_json(part: Part, cache: Mapping[str, list], meant: frozenset[str]) -> dict:
    item = {"part": part.part, "lemma": part.lemma, "gloss": part_gloss(part, cache, meant)}
    if part.link:
        item["link"] = part.link
    if part.parts:
        item["parts"] = [_part_json(inner, cache, meant) for inner in part.parts]
    return item


def part_gloss(part: Part, cache: Mapping[str, list], meant: frozenset[str]) -> str | None:
    """The part's gloss in the compound's sense: of the part's senses (its entries of the
    part's class, plainest first), the first that shares a word with the compound's own
    glosses (Leiter in Bauleiter "site manager": manager, not ladder; Kreis in Landkreis
    "county, administrative district": district, not circle), else its plainest sense."""
    entries = cache.get(lexicon_key(part.lemma), [])
    first = best_entry(entries, part.pos or None)
    if first is None:
        return None
    same_class = [e for e in entries if e.pos == first.pos and e.glosses]
    senses = [sense for entry in same_class for sense in entry_senses(entry)]
    if meant:
        # The same word first (Rat in Betriebsrat "works council": council, not counsel), then
        # the same word give or take an ending.
        for sense in senses:
            if meant & gloss_words([sense]):
                return sense
        for sense in senses:
            if share_a_word(meant, gloss_words([sense])):
                return sense
    return senses[0] if senses else (first.glosses[0] if first.glosses else None)


def compound_headline(parts: list[dict]) -> str | None:
    """The compound's meaning built from its parts' glosses, when the dictionary lacks the
    whole: Windkraft|anlage "wind power plant", Brot|korb "bread basket". None if a part has
    no gloss, or a modifier is a verb's stem: English puts no verb before a noun (Fahr|gast
    "drive guests", Reich|weite "reach width" would mislead more than the head alone)."""
    glosses = []
    for part in parts:
        gloss = DING_BRACKETS.sub("", part.get("gloss") or "").strip()
        if not gloss or part is not parts[-1] and gloss.startswith("to "):
            return None
        glosses.append(gloss)
    return " ".join(glosses)


def headlines_from_parts(doc: Doc) -> Doc:
    """A compound glossed only through its head (the glosses' fallback for a word the
    dictionary lacks: "power" for a Windkraft- compound) gets a headline built from all its
    parts, the head's own senses after it."""
    for token in doc:
        ext = token._
        if ext.gloss_via != "head" or not ext.compound:
            continue
        headline = compound_headline(ext.compound)
        if headline and headline != ext.gloss:
            ext.gloss = headline
            ext.senses = [headline, *(s for s in ext.senses or () if s != headline)]
    return doc


@Language.factory("randnotiz_compound_headlines", assigns=["token._.gloss", "token._.senses"])
def make_compound_headlines(nlp: Language, name: str):
    return headlines_from_parts


@Language.factory("randnotiz_compounds", assigns=["token._.compound"])
def make_compounds(nlp: Language, name: str) -> CompoundAnnotator:
    return CompoundAnnotator()
