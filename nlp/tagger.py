"""Part of speech (STTS + UPOS), lemmas and morphology with HanTa, and their repair.

HanTa (Hanover Tagger, a trained HMM over morphological analyses) gives STTS tags and lemmas at
about 8,000 tokens/s. Its lemmas have known faults that the `randnotiz_lemmas` component repairs
with cheap second opinions (the surface form, simplemma's lemma, the dictionary):
- casing: "US-Präsident" -> "Us-präsident", "SPÖ" -> "Spö" (restored from the surface form);
- unreduced plurals and unknown words: "Haubitzen" -> "Haubitzen" (a lemma that is no headword
  while simplemma's lemma is one is replaced by simplemma's).
"""

from __future__ import annotations

import functools
import re

import simplemma
from HanTa import HanoverTagger
from spacy.language import Language
from spacy.tokens import Doc, Token

from nlp import hanta
from nlp.extensions import lex_fetch
from nlp.german import NONFINITE_VERB_TAGS
from nlp.glosses import head_candidates
from nlp.stts import (
    STTS_FEATS,
    is_number,
    is_ordinal,
    is_punct,
    normalize_stts,
    punct_stts,
    upos_for,
)

# Words HanTa is asked about are cut at this length: a 2 MB "word" would only slow it down.
MAX_WORD_CHARS = 60
_GENDER_STAR = re.compile(r"^([^\W\d_]{3,}?)([*:_/])(?:innen|in)$")
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN"})
_ALPHA = re.compile(r"[^\W\d_]")

# Pronoun lemmas as UD German writes them: the nominative of the personal pronoun (mich -> ich,
# ihm -> er), the reflexive "sich" for every reflexive use of the 3rd person. HanTa keeps the
# inflected form.
_PPER = {
    "ich": "ich",
    "mich": "ich",
    "mir": "ich",
    "meiner": "ich",
    "du": "du",
    "dich": "du",
    "dir": "du",
    "deiner": "du",
    "er": "er",
    "ihn": "er",
    "ihm": "er",
    "seiner": "er",
    "es": "es",
    "'s": "es",
    "wir": "wir",
    "uns": "wir",
    "unser": "wir",
    "euch": "ihr",
    "euer": "ihr",
    "ihnen": "sie",
}


# Comparison with a different stem: the lemma is the positive (nächste -> nah, besser -> gut).
SUPPLETIVE = {
    "nächst": "nah",
    "näher": "nah",
    "besser": "gut",
    "best": "gut",
    "höher": "hoch",
    "höchst": "hoch",
    "meist": "viel",
    "mehr": "viel",
    "lieber": "gern",
    "liebst": "gern",
}


# Bound for the per-process memo of HanTa's word analyses (a few hundred bytes each).
HANTA_MEMO_SIZE = 200_000


def _memoize(method, size: int = HANTA_MEMO_SIZE):
    """HanTa re-analyses every occurrence of a word: its tag probabilities (analyze_forward,
    memoized only for its 2,000 commonest words) and its lemma for the chosen tag (_analyze,
    never memoized). Both are pure functions of their arguments, so a bounded memo gives the
    same results; in running text, where "der" and "Soldaten" recur, it halves the cost."""
    memo: dict = {}

    def memoized(*args, **kwargs):
        key = (args, tuple(kwargs.items())) if kwargs else args
        try:
            return memo[key]
        except KeyError:
            if len(memo) >= size:
                memo.clear()
            result = memo[key] = method(*args, **kwargs)
            return result

    return memoized


@functools.cache
def hanta_tagger():
    """HanTa's German model, loaded once per process (about 0.5 s, 100 MB)."""
    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    hanta.install(tagger)
    tagger._analyze = _memoize(tagger._analyze)
    tagger.analyze_forward = _memoize(tagger.analyze_forward)
    return tagger


def restore_case(lemma: str, surface: str) -> str:
    """Copy the surface form's casing onto the stretch the lemma shares with it.

    HanTa lower-cases everything after a noun's first letter: US-Präsident -> Us-präsident,
    SPÖ -> Spö, NATO-Staaten -> Nato-staat. The shared prefix is the same word, so its casing is
    the author's.
    """
    if lemma == surface:
        return lemma
    n = 0
    limit = min(len(lemma), len(surface))
    while n < limit and lemma[n].lower() == surface[n].lower():
        n += 1
    if n == 0:
        return lemma
    rest = lemma[n:]
    # Inside a hyphenated noun every part keeps the capital it had (US-Präsident).
    return surface[:n] + rest


def _hanta_tags(words: list[str], casesensitive: bool = True) -> list[tuple[str, str, str]]:
    tagger = hanta_tagger()
    # Soft hyphens (U+00AD) are invisible line-break hints: ab\xadgesteckt is abgesteckt.
    safe = [w.replace("\xad", "")[:MAX_WORD_CHARS] or w[:MAX_WORD_CHARS] for w in words]
    try:
        return tagger.tag_sent(safe, taglevel=1, casesensitive=casesensitive)
    except Exception:  # HanTa has no contract for odd input (control characters, scripts)
        out = []
        for word in safe:
            try:
                out.extend(tagger.tag_sent([word], taglevel=1))
            except Exception:
                out.append((word, word, "XY"))
        return out


def tag_doc(doc: Doc) -> Doc:
    """Tag each sentence with HanTa; punctuation and numbers are decided by their characters."""
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if not tokens:
            continue
        # An all-caps headline ("NORDKOREA LIEFERT WAFFEN") is no row of acronyms: HanTa
        # reads it lower-cased, without its capitalisation cues.
        letters = [c for t in tokens for c in t.text if c.isalpha()]
        shouting = len(letters) > 12 and all(c.isupper() for c in letters)
        if shouting:
            tagged = _hanta_tags([t.text.lower() for t in tokens], casesensitive=False)
        else:
            tagged = _hanta_tags([t.text for t in tokens])
        for position, (token, (_, lemma, tag)) in enumerate(zip(tokens, tagged, strict=False)):
            if position == 1 and tokens[0].text in "„\"»«'(":
                position = 0  # the first word after an opening quote starts the sentence
            stts, lemma = _stts_and_lemma(token, tag, lemma, shouting)
            upos = upos_for(stts)
            lemma = _lemma_cased(lemma, token.text, stts, upos, position, shouting)
            _annotate(token, stts, upos, lemma)
        _main_verb_auxiliaries(tokens)
    return doc


def _stts_and_lemma(token: Token, tag: str, lemma: str, shouting: bool) -> tuple[str, str]:
    """The token's STTS tag and lemma: HanTa's, unless its characters decide (punctuation,
    numbers, URLs, gender stars) or HanTa read an acronym case-blind."""
    text = token.text
    gender_form = _GENDER_STAR.match(text)
    if token.like_url or token.like_email:
        stts, lemma = "XY", text
    elif gender_form:
        # Lehrer*innen, Lehrer:innen: the gender-inclusive noun; its lemma is
        # the inclusive singular (Lehrer*in), glossed through Lehrer.
        stts, lemma = "NN", gender_form.group(1) + gender_form.group(2) + "in"
    elif is_punct(text):
        stts = punct_stts(text)
        lemma = text
    elif is_ordinal(text):
        stts = "ADJA"
        lemma = text
    elif is_number(text):
        stts = "CARD"
        lemma = text
    else:
        stts = normalize_stts(tag)
        if not _ALPHA.search(text):
            stts = "XY"
            lemma = text
    if (
        len(text) > 1
        and text.isupper()
        and text.isalpha()
        and stts not in ("NN", "NE")
        and lemma.lower() != text.lower()
        and not shouting
    ):
        # An acronym in running text (EUR, SV, IG), not a pronoun HanTa read
        # case-blind ("EUR" -> "euer").
        stts, lemma = "NE", text
    elif stts in ("ADJA", "ADJD") and lemma.lower() in SUPPLETIVE:
        lemma = SUPPLETIVE[lemma.lower()]
    elif stts == "NE" and len(text) > 25 and text.isalpha():
        # Names are not that long; an 80-letter word is a compound noun.
        stts = "NN"
    if shouting and stts in ("NN", "NE"):
        lemma = lemma[:1].upper() + lemma[1:].lower()
    return stts, lemma


def _lemma_cased(lemma: str, text: str, stts: str, upos: str, position: int, shouting: bool) -> str:
    """The lemma with the capitalisation its part of speech takes."""
    if upos in ("NOUN", "PROPN", "X") and not shouting:
        lemma = restore_case(lemma, text)
        if upos == "NOUN" and lemma[:1].islower():
            lemma = lemma[0].upper() + lemma[1:]
    elif upos == "PRON" and stts == "PPER":
        lemma = _PPER.get(text.lower(), lemma.lower())
    elif stts == "PRF":
        lemma = "sich" if text.lower() == "sich" else _PPER.get(text.lower(), "sich")
    elif upos == "ADJ" and text[:1].isupper() and position > 0 and text.endswith("er"):
        # Adjectives from place names keep their capital (Münchner, Bonner).
        lemma = text
    elif upos != "X":
        lemma = lemma.lower() if lemma[:1].isupper() and not text.isupper() else lemma
    return lemma


def _annotate(token: Token, stts: str, upos: str, lemma: str) -> None:
    """Write the tag, part of speech, lemma, features and second-opinion lemma to the token."""
    text = token.text
    token.tag_ = stts
    token.pos_ = upos
    token.lemma_ = lemma or text
    feats = "NumType=Ord" if stts == "ADJA" and lemma[:1].isdigit() else STTS_FEATS.get(stts)
    if feats:
        token.set_morph(feats)
    if upos in CONTENT_POS:
        token._.alt_lemma = simplemma.lemmatize(text, lang="de")


def _main_verb_auxiliaries(tokens) -> None:
    """haben and the modals are auxiliaries (UD AUX) only when they govern another verb:
    "sie hat Geld", "er will das" use them as full verbs (VERB). A clause without an
    infinitive or participle has no verb for them to govern. (sein and werden stay AUX: UD
    counts the copula as an auxiliary.)"""
    clause: list = []
    for token in [*tokens, None]:
        if token is None or token.tag_ in ("$,", "$."):
            if not any(t.tag_ in NONFINITE_VERB_TAGS for t in clause):
                for t in clause:
                    if t.tag_ in ("VAFIN", "VMFIN") and t.lemma_ != "sein" and t.lemma_ != "werden":
                        t.pos_ = "VERB"
            clause = []
        else:
            clause.append(token)


def _in_shouting(token) -> bool:
    letters = [c for c in token.sent.text if c.isalpha()]
    return len(letters) > 12 and all(c.isupper() for c in letters)


def _headword(cache: dict, lemma: str) -> bool:
    """Is `lemma` itself a dictionary headword? (A lexicon may answer a plural with its
    singular's entry: that is a second opinion, not a headword.)"""
    key = lemma.lower()
    return any(e.lemma.lower() == key for e in cache.get(key, ()))


_POS_FAMILY = {"NOUN": {"NOUN"}, "VERB": {"VERB", "AUX"}, "ADJ": {"ADJ"}, "ADV": {"ADV", "ADJ"}}


def _has_pos(cache: dict, lemma: str, pos: str) -> bool:
    wanted = _POS_FAMILY.get(pos, {pos})
    return any(e.pos in wanted for e in cache.get(lemma.lower(), ()))


def _singular(cache: dict, lemma: str) -> str | None:
    """The headword the lexicon found for a plural form (Haubitzen -> Haubitze)."""
    for entry in cache.get(lemma.lower(), ()):
        if entry.pos == "NOUN" and entry.lemma.lower() != lemma.lower():
            return entry.lemma
    return None


def _doubled_ending(lemma: str, surface: str) -> bool:
    """HanTa cut one letter of a doubled consonant: Wellness -> Wellnes, Thomann -> Thoman.

    German inflection never adds a bare -s to a stem in -s, nor a bare -n to a stem in -n,
    so such a "lemma" is a mistake and the surface form is the word itself.
    """
    return (
        len(surface) == len(lemma) + 1
        and surface.lower().startswith(lemma.lower())
        and surface[-1].lower() == lemma[-1:].lower()
        and surface[-1].lower() in "snlrtfmp"
    )


def _head_length(cache: dict, word: str) -> int:
    """Length of the longest final part of `word` that is a dictionary noun (0 if none)."""
    for head in head_candidates(word):
        key = head.lower()
        # A real noun headword: the lexicon may answer a plural ("Flugzeuge") with its
        # singular's entry, which would make the unreduced form look better.
        if any(e.pos in ("NOUN", "PROPN") and e.lemma.lower() == key for e in cache.get(key, [])):
            return len(head)
    return 0


def repair_lemmas(doc: Doc) -> Doc:
    """Second opinions where HanTa's lemma is no dictionary headword.

    One batched lookup for lemmas, surface forms and simplemma's lemmas; one more for the final
    parts of nouns none of them knows (a noun's lemma must end in a noun: Rheinfähre, not
    HanTa's "Rheinfähr").
    """
    keys = set()
    for token in doc:
        if token.pos_ in CONTENT_POS or token.pos_ == "AUX":
            keys.add(token.lemma_)
            keys.add(token.text)
            if token._.alt_lemma:
                keys.add(token._.alt_lemma)
    cache = lex_fetch(doc, keys)
    unknown_nouns = []
    for token in doc:
        pos = token.pos_
        if pos not in CONTENT_POS:
            continue
        lemma = token.lemma_
        text = token.text
        if pos == "NOUN" and text[:1].islower():
            # German writes nouns with a capital: a lower-case "noun" is a mistagged word
            # (lecker -> "Leck"), whose own form is the better lemma.
            alt = token._.alt_lemma
            token.lemma_ = alt.lower() if alt and _headword(cache, alt) else text
            continue
        if _headword(cache, lemma):
            continue
        if pos == "PROPN":
            # Names keep their written form (Thomann, Torsten), except the genitive -s
            # (Deutschlands -> Deutschland) HanTa removes correctly.
            if text.isupper() and _in_shouting(token):
                continue  # a headline in capitals: HanTa's lemma has the word's own casing
            if not (text.endswith("s") and lemma == text[:-1] and lemma[-1:] not in "sßxz"):
                token.lemma_ = text
            continue

        if text.isupper() and len(text) > 1 and pos == "NOUN" and not _in_shouting(token):
            # An acronym the dictionary does not know names something (SV, FC, IG Metall):
            # a name, which gets no gloss, rather than a noun without one.
            token.lemma_ = text
            token.pos_, token.tag_ = "PROPN", "NE"
            continue
        if pos == "NOUN" and (singular := _singular(cache, lemma)):
            token.lemma_ = restore_case(singular, text)
            continue
        alt = token._.alt_lemma
        # A second opinion counts only within the word class: simplemma would turn the
        # participle adjective "abgesicherte" into the verb "absichern".
        if alt and alt != lemma and _headword(cache, alt) and _has_pos(cache, alt, pos):
            if pos == "NOUN":
                alt = restore_case(alt, text)
                alt = alt[:1].upper() + alt[1:]
            elif pos in ("VERB", "ADJ", "ADV"):
                alt = alt.lower()
            token.lemma_ = alt
            continue
        if _doubled_ending(lemma, text):
            token.lemma_ = text if pos in ("NOUN", "PROPN") else text.lower()
            continue
        if pos == "NOUN" and lemma != text:
            unknown_nouns.append(token)
    if unknown_nouns:
        cache = lex_fetch(
            doc,
            {h for t in unknown_nouns for w in (t.lemma_, t.text) for h in head_candidates(w)},
        )
        for token in unknown_nouns:
            lemma, text = token.lemma_, token.text
            # Keep HanTa's reduction when the reduced word ends in a known noun (Einzelstunde);
            # take the written form when only it does (Rheinfähre, not "Rheinfähr").
            if _head_length(cache, lemma) == 0 and _head_length(cache, text) > 0:
                token.lemma_ = text
    return doc


@Language.factory(
    "randnotiz_tagger", assigns=["token.tag", "token.pos", "token.lemma", "token.morph"]
)
def make_tagger(nlp: Language, name: str):
    """STTS tag, UPOS, lemma and the features the tag implies, per sentence, with HanTa."""
    # Load HanTa's model and simplemma's German dictionary (2 s) when the pipeline is built,
    # not on the first request.
    hanta_tagger()
    simplemma.lemmatize("Häuser", lang="de")
    return tag_doc


@Language.factory("randnotiz_lemmas", assigns=["token.lemma"], requires=["token.pos"])
def make_lemmas(nlp: Language, name: str):
    """Repair HanTa's lemmas with simplemma and the dictionary as second opinions."""
    return repair_lemmas
