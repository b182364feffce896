"""Glosses: lemma + part of speech -> the best dictionary entry, with fallbacks.

Order of opinions: the (repaired) lemma, the surface form, simplemma's lemma, and for nouns the
dictionary has not got, the compound's head (the longest final part that is a dictionary noun:
Kriegseintritt -> Eintritt), because German makes new compounds freely and the head carries the
kind of thing meant. Names, punctuation and numbers get no gloss: a name's dictionary homonym
(Kim, Biden -> "bidet"?) would be nonsense.
"""

from __future__ import annotations

import functools
import re

from spacy.language import Language
from spacy.tokens import Doc

from nlp.clauses import clause_span, relative_antecedent
from nlp.collocations import gloss_particle_verb_collocations
from nlp.english import ABBREVIATION_ONLY, clean_gloss, frame_rendered_first, gloss_words, plainness
from nlp.extensions import lex_fetch
from nlp.german import zipf
from nlp.lexicon import DOMAIN_MARK, FRAME_MARK, LexEntry, best_entry, context_stem
from nlp.senses import (
    adverb_form,
    adverbial,
    clause_frames,
    determiner_genders,
)
from nlp.word_formation import Derivation, derivations, participle_infinitives

NO_GLOSS_POS = frozenset({"PUNCT", "NUM", "PROPN", "SPACE", "X", "SYM", ""})
MAX_SENSES = 3
# Up to this many when the senses after the third are as plain as the first: a word with
# five everyday meanings shows them all (the popover marks the first as the one meant here).
MAX_CLOSE_SENSES = 5
# A compound head shorter than this is too often a false friend inside a longer word
# (Botschaft -> "Schaft").
MIN_HEAD_CHARS = 4
MIN_MODIFIER_CHARS = 2


def _last_part(lemma: str) -> str:
    return lemma.rsplit("-", 1)[1]


def _has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _pos_fits(entry: LexEntry, pos: str) -> bool:
    if entry.pos == pos:
        return True
    return {entry.pos, pos} <= {"VERB", "AUX"} or {entry.pos, pos} <= {"NOUN", "PROPN"}


def _choose(entries: list[LexEntry], pos: str, strict: bool) -> LexEntry | None:
    if not entries:
        return None
    # A reflexive entry (sich handeln um: to be about) only fits a verb used with "sich",
    # which randnotiz_reflexive_verbs has glossed already.
    plain = [e for e in entries if not e.reflexive]
    entries = plain or entries
    if strict:
        fitting = [e for e in entries if _pos_fits(e, pos)]
        return fitting[0] if fitting else None
    if pos == "ADV" and not any(e.pos == "ADV" for e in entries):
        # An adverb the dictionary lists as a particle (gar: at all, not the adjective "done";
        # eben, bloß): STTS tags an adverbially used adjective ADJD, so an ADV is no adjective.
        particle = next((e for e in entries if e.pos == "PART"), None)
        if particle is not None:
            return particle
    if pos in ("ADJ", "ADV") and all(e.pos == "NOUN" for e in entries):
        # A small-letter adjective is not its capitalised homograph (ober: upper, not der Ober
        # "waiter"): later keys (obere, the participle's verb) go first, see gloss_doc.
        return None
    return best_entry(entries, pos)


def _noun_homograph(entries: list[LexEntry], pos: str) -> LexEntry | None:
    """The noun entry `_choose` passed over for an adjective or adverb: a last resort."""
    if pos in ("ADJ", "ADV") and entries and all(e.pos == "NOUN" for e in entries):
        return best_entry(entries, pos)
    return None


def head_candidates(word: str) -> list[str]:
    """Final parts of a noun, longest first: Kriegseintritt -> riegseintritt ... Tritt."""
    out = []
    for i in range(MIN_MODIFIER_CHARS, len(word) - MIN_HEAD_CHARS + 1):
        part = word[i:]
        if part[0] == "-":
            continue
        out.append(part[0].upper() + part[1:])
    return out


def rank_senses(
    glosses: tuple[str, ...] | list[str], fixed: int = 0, ranked: bool = False
) -> list[str]:
    """See `_rank_senses`; memoized per gloss list (the same entries recur in every text)."""
    return list(_rank_senses(tuple(glosses), fixed, ranked))


def entry_senses(
    entry: LexEntry, context: frozenset[str] = frozenset(), topic: frozenset[str] | None = None
) -> list[str]:
    """The senses a learner sees for a dictionary entry, best first.

    `context`: the nouns around the word and the prepositions of its clause (`word_context`).
    A verb whose senses come from several dictionary lines gets first the senses of the line
    whose examples or notes name the most of them ("jdn./etw. als Bedrohung wahrnehmen" -> to
    perceive, for "nimmt die Bedrohung wahr") or whose frame has a preposition of the clause
    ("auf etw. bestehen" -> to insist on, for "besteht auf"), then the others as usual.
    Without a match the order is the usual one, but for senses of a special field the
    article is not about (`topic`, see `article_topic`), which go last."""
    glosses = entry.glosses
    if topic is not None and entry.contexts:
        glosses = _on_topic_first(entry, topic)
    senses = rank_senses(glosses, entry.fixed, entry.ranked)
    if not context or not entry.contexts:
        return senses
    if entry.fixed:
        # Hand-chosen everyday senses (entry.fixed) are not overruled by a line's examples,
        # only by a prepositional frame: "besteht auf" is "to insist on", whatever the list.
        context = frozenset(word for word in context if word.startswith(FRAME_MARK))
        if not context:
            return senses
    matched = _context_glosses(entry.contexts, context)
    if not matched:
        return senses
    # Hand-written senses among the matched keep their lead ("(sich einsetzen für) to stand
    # up for" before Ding's "für jdn. einsetzen :: to support sb.").
    lead = [g for g in matched if g in entry.glosses[: entry.fixed]]
    first = rank_senses(lead + [g for g in matched if g not in lead], len(lead), entry.ranked)
    prepositions = frozenset(w[1:] for w in context if w.startswith(FRAME_MARK))
    first = frame_rendered_first(first, lead, prepositions)
    return list(_close_senses(first + [s for s in senses if s not in first]))


@functools.lru_cache(maxsize=20_000)
def _context_set(context: str) -> frozenset[str]:
    return frozenset(context.split())


def _context_glosses(contexts: tuple[tuple[str, str], ...], words: frozenset[str]) -> list[str]:
    """The glosses of the line(s) naming the most of the words (nouns and frame marks), or
    none when no line names one."""
    scores = {ctx: len(_context_set(ctx) & words) for ctx in {c for _, c in contexts}}
    best = max(scores.values())
    if best == 0:
        return []
    return [gloss for gloss, ctx in contexts if scores[ctx] == best]


# A dictionary example's noun found as the head of a compound in the text (Vorbereitung in
# Kriegsvorbereitungen) counts when head and modifier are long enough: shorter ends are too
# often accidents or prefixes (Vor-stellung, Ein-stellung are no kinds of Stellung).
MIN_CONTEXT_HEAD = 5
MIN_CONTEXT_MODIFIER = 4


def context_nouns(*tokens) -> frozenset[str]:
    """The nouns of the clauses (comma- or sentence-bounded) of the given tokens, as
    nlp.lexicon.context_stem forms with their compound heads (Nordkorea-Bedrohung,
    Kriegsvorbereitungen -> vorbereitung): what a verb's object or setting may be. A split
    verb passes both its parts (nimmt ... wahr). Memoized per clause."""
    found: frozenset[str] = frozenset()
    for token in tokens:
        found |= _clause_nouns(token)
    return found


def word_context(*tokens) -> frozenset[str]:
    """What chooses among a word's senses: the nouns of its clause (`context_nouns`) and the
    prepositions there as frame marks (nlp.senses.clause_frames)."""
    return context_nouns(*tokens) | clause_frames(*tokens)


def _clause_nouns(token) -> frozenset[str]:
    doc = token.doc
    start, end = clause_span(token)
    memo = doc.user_data.setdefault("randnotiz_clause_nouns", {})
    found = memo.get(start)
    if found is not None:
        return found
    nouns = [t for t in doc[start:end] if t.pos_ == "NOUN"]
    antecedent = relative_antecedent(doc[start])
    if antecedent is not None:
        nouns.append(antecedent)
    stems: set[str] = set()
    for t in nouns:
        parts = t.lemma_.split("-")
        whole = context_stem("".join(parts))
        stems.update((whole, context_stem(parts[-1])))
        stems.update(
            whole[i:] for i in range(MIN_CONTEXT_MODIFIER, len(whole) - MIN_CONTEXT_HEAD + 1)
        )
    found = memo[start] = frozenset(stems)
    return found


@functools.lru_cache(maxsize=50_000)
def _rank_senses(glosses: tuple[str, ...], fixed: int = 0, ranked: bool = False) -> tuple[str, ...]:
    """Up to MAX_SENSES glosses (see `_close_senses`): the first `fixed` ones as they are
    (our hand-written everyday senses, lexicon/data/core_glosses.tsv, chosen by a person
    for this very word), then
    those that are one common English word (to come, heavy, government), then other glosses
    in common words (just under), then the rest, each group in the dictionary's order.

    Ding's order puts rare and narrow senses first often enough (Kraft: puissance, verdure,
    ..., force; Typ: geezer, type; kommen: to take after sb., to come) that a learner's first
    gloss should be the first plain one. `ranked` glosses are in that order already (the
    Ding importer's, lexicon.importers.ding_entries.order_senses, which also weighs how often Ding
    uses each sense): only cleaned.
    """
    cleaned: list[str] = []
    seen: set[str] = set()
    for gloss in glosses:
        text = clean_gloss(gloss) if gloss else ""
        key = text.lower().removeprefix("the ").removeprefix("a ")
        if not text or key in seen or ABBREVIATION_ONLY.match(text):
            continue
        seen.add(key)
        cleaned.append(text)
    if not cleaned:
        cleaned = [g for g in glosses if g][:1]
    if not ranked:
        # The dictionary's order within each tier (sorted() is stable); the hand-written
        # senses (tier -1) ahead of all. `fixed` counts the entry's glosses before cleaning.
        kept = {clean_gloss(g) for g in glosses[:fixed] if g}
        cleaned = sorted(cleaned, key=lambda g: -1 if g in kept else plainness(g))
    return _close_senses(cleaned)


def _close_senses(ordered: list[str]) -> tuple[str, ...]:
    """The first MAX_SENSES, and up to MAX_CLOSE_SENSES when the next ones are as plain as
    the first (to allow, to permit, to let, to authorize: all everyday English)."""
    shown = ordered[:MAX_SENSES]
    if len(ordered) > MAX_SENSES:
        best = plainness(shown[0])
        shown += [g for g in ordered[MAX_SENSES:MAX_CLOSE_SENSES] if plainness(g) <= best]
    return tuple(shown)


def _senses(entry: LexEntry) -> list[str]:
    return entry_senses(entry)


def _apply(token, entry: LexEntry, via: str) -> None:
    senses = _senses(entry)
    token._.gloss = senses[0] if senses else None
    token._.senses = senses or None
    token._.gloss_via = via
    if entry.pos == "NOUN" and token.pos_ in ("NOUN", "PROPN"):
        token._.gender = entry.gender
        token._.plural = entry.plural
        # The lexicon finds a singular's entry by its plural (HanTa leaves Haubitzen
        # unreduced): the dictionary's headword is the better lemma then.
        if (
            via in ("lemma", "surface", "alt_lemma")
            and entry.plural
            and token.lemma_.lower() == entry.plural.lower()
        ):
            token.lemma_ = entry.lemma


# Abbreviations a learner meets in news, glossed as what they stand for.
ABBREVIATIONS = {
    "dr.": "Dr. (doctor, a title)",
    "prof.": "Prof. (professor, a title)",
    "ca.": "approx.",
    "z.b.": "e.g.",
    "usw.": "etc.",
    "bzw.": "or rather; respectively",
    "d.h.": "i.e.",
    "u.a.": "among others",
    "mio.": "million",
    "mrd.": "billion",
    "nr.": "no. (number)",
    "str.": "street",
    "evtl.": "possibly",
    "ggf.": "if necessary",
    "inkl.": "incl.",
    "vgl.": "cf. (compare)",
    "kg": "kilogram(s)",
    "km": "kilometre(s)",
    "cm": "centimetre(s)",
    "mm": "millimetre(s)",
    "qm": "square metre(s)",
    "km/h": "km per hour",
    "ha": "hectare(s)",
    "s.": "see",
    "jh.": "century",
    "bzw": "or rather; respectively",
    "etc.": "etc.",
    "tel.": "tel. (telephone)",
}
_GENDER_MARK = re.compile(r"[*:_/]")
_PARTICIPLE = re.compile(r"^(?:\w*?ge\w+(?:t|en)|\w+(?:iert|end))$")


def _keys(token, pos: str, lemma: str) -> list[tuple[str | None, str, bool]]:
    """The keys to try for a token, in order: (key, how found, strict part of speech)."""
    keys: list[tuple[str | None, str, bool]] = [
        (lemma, "lemma", False),
        (token.text, "surface", True),
        (token._.alt_lemma, "alt_lemma", True),
        # Hyphenated words are compounds whose last part carries the meaning
        # (70-jährig, Nato-Staaten, Kamikaze-Drohnen).
        (_last_part(lemma) if "-" in lemma[1:-1] else None, "head", True),
        # Gender-inclusive forms (Lehrer*in) are glossed through the base noun.
        (
            _GENDER_MARK.split(lemma)[0] if pos == "NOUN" and _GENDER_MARK.search(lemma) else None,
            "lemma",
            True,
        ),
        # Old spelling (Prozeß, daß) as in older texts: the reformed spelling is the headword.
        (lemma.replace("ß", "ss") if "ß" in lemma else None, "spelling", True),
    ]
    if pos == "NOUN" and token.text[:1].isupper() and token.text.isalpha():
        # A nominalised infinitive (das Aufplustern, des Zögerns) the dictionary lacks as a
        # noun: its verb, before a compound head read into it (Aufp-luster "chandelier").
        infinitive = token.text.lower().removesuffix("s") if token.text.endswith("ns") else ""
        infinitive = infinitive or token.text.lower()
        if infinitive.endswith(("en", "ern", "eln")) and len(infinitive) >= 6:
            keys.append((infinitive, "infinitive", True))
    if pos == "ADJ" and token.text.lower() != lemma.lower():
        # A form the dictionary has as a word of its own goes before the lemma: später
        # "later" (not spät "late"), die Erste "first" (not erst "only"), besser "better".
        keys[:0] = [(form, "surface", True) for form in _own_forms(token.text, lemma)]
    if pos == "ADJ":
        # Ding writes some adjectives in an inflected form only (letzte, letzter).
        keys += [(lemma + "e", "lemma", True), (lemma + "er", "lemma", True)]
        if _PARTICIPLE.match(lemma.lower()):
            # A participle used as adjective (gelieferte, bellende): gloss its verb.
            for infinitive in participle_infinitives(lemma.lower()):
                keys.append((infinitive, "participle", True))
            if token._.alt_lemma:
                keys.append((token._.alt_lemma.lower(), "participle", True))
    return keys


def _own_forms(text: str, lemma: str) -> list[str]:
    """An adjective's surface and its uninflected comparative or -e form (späteren ->
    später, ersten -> erste), never the lemma itself."""
    word = text.lower()
    forms = [word]
    if word.endswith(("en", "em", "er", "es")) and word[:-2].endswith("er"):
        forms.append(word[:-2])
    if word.endswith(("n", "m", "r", "s")) and word[:-1].endswith("e"):
        forms.append(word[:-1])
    return [f for f in dict.fromkeys(forms) if f != lemma.lower() and len(f) > 2]


def _signals(token) -> tuple:
    """The context a token's choice depends on beyond its form (part of its group key):
    an adjective's adverbial use, the genders its article allows a noun."""
    if token.tag_ == "ADJD":
        return ("adverbial", adverbial(token))
    if token.pos_ == "NOUN":
        return ("genders", determiner_genders(token))
    return ()


def _prefer_gender(entries: list[LexEntry], genders, form: str) -> list[LexEntry]:
    """Homographs by gender (der See "lake", die See "sea"; das Steuer "helm", die Steuer
    "tax"): the entries the article allows first. A plural form (die Seen) says nothing."""
    if not genders or len(entries) < 2:
        return entries
    nouns = [e for e in entries if e.pos == "NOUN" and e.gender]
    if len({e.gender for e in nouns}) < 2:
        return entries
    if any(e.plural and e.plural.lower() == form != e.lemma.lower() for e in nouns):
        return entries
    fitting = [e for e in nouns if e.gender in genders]
    if not fitting or len(fitting) == len(nouns):
        return entries
    chosen = {id(e) for e in fitting}
    return fitting + [e for e in entries if id(e) not in chosen]


def _adverb_entry(cache: dict, keys: tuple[str, ...]) -> LexEntry | None:
    """The dictionary's adverb for an adjective used adverbially (deutlich {adv}: clearly)."""
    for key in keys:
        for entry in cache.get(key.lower(), []):
            if entry.pos == "ADV" and entry.glosses and not entry.reflexive:
                return entry
    return None


def _as_adverbs(senses: list[str]) -> list[str]:
    """An adjective's senses for its adverbial use: clear -> clearly where English has it."""
    return list(dict.fromkeys(adverb_form(sense) or sense for sense in senses))


def gloss_doc(doc: Doc) -> Doc:
    """Set gloss, senses, gender and plural on every token that can have one."""
    groups = _token_groups(doc)
    keyed, cache = _fetch_entries(doc, groups)
    unresolved = []
    chosen: dict[int, LexEntry] = {}  # token index -> entry whose senses the nouns choose
    for token, pos, lemma, keys in keyed:
        noun = _gloss_token(token, pos, lemma, keys, cache, chosen)
        if noun:
            unresolved.append((token, noun))
    if unresolved:
        _gloss_by_head(doc, unresolved)
    leftover = [
        (token, pos, lemma)
        for token, pos, lemma, _ in keyed
        if not token._.gloss and not ABBREVIATIONS.get(token.text.lower())
    ]
    if leftover:
        _gloss_by_word_formation(doc, leftover)
    _spread_and_choose_senses(groups, chosen)
    _gloss_unglossed_verb_expressions(doc)
    gloss_particle_verb_collocations(doc, MAX_SENSES)
    _gloss_adverbial_phrases(doc)
    return doc


def _token_groups(doc: Doc) -> dict[tuple, list]:
    """The tokens that can have a gloss, grouped by form, tag, lemmas and signals."""
    # Tokens with the same form, tag and lemmas get the same gloss: decide once per group
    # ("der", "und", "Soldaten" recur), then copy.
    groups: dict[tuple, list] = {}
    for token in doc:
        pos = token.pos_
        if (
            pos in NO_GLOSS_POS
            or token._.gloss
            or not token.is_alpha
            and not _has_letter(token.text)
        ):
            continue
        lemma = token._.verb_lemma or token.lemma_
        signature = (token.text, pos, lemma, token._.alt_lemma, _signals(token))
        groups.setdefault(signature, []).append(token)
    return groups


def _fetch_entries(doc: Doc, groups: dict[tuple, list]) -> tuple[list[tuple], dict]:
    """Each group's first token with its lookup keys, and the lexicon's entries for them."""
    candidates = [(tokens[0], sig[1], sig[2]) for sig, tokens in groups.items()]
    keyed = [(token, pos, lemma, _keys(token, pos, lemma)) for token, pos, lemma in candidates]
    # The first three keys settle almost every token; the rarer fallbacks are fetched in a
    # second batch for the tokens the first one left without an entry.
    cache = lex_fetch(doc, {key for *_, keys in keyed for key, _, _ in keys[:3] if key})
    rest = set()
    for _, pos, _, keys in keyed:
        if not any(
            key and _choose(cache.get(key.lower(), []), pos, strict) for key, _, strict in keys[:3]
        ):
            rest.update(key for key, _, _ in keys[3:] if key)
    if rest:
        cache = lex_fetch(doc, rest)
    return keyed, cache


def _gloss_token(token, pos: str, lemma: str, keys, cache: dict, chosen: dict) -> str | None:
    """Gloss one token from its entries (`chosen` gets the entry whose senses its context may
    choose); the lemma of a noun the dictionary lacks, for its head to gloss, else None."""
    abbreviation = ABBREVIATIONS.get(token.text.lower())
    if abbreviation:
        token._.gloss, token._.senses, token._.gloss_via = (
            abbreviation,
            [abbreviation],
            "abbreviation",
        )
        return None
    found = None
    genders = determiner_genders(token) if pos == "NOUN" else None
    use_adverb = token.tag_ == "ADJD" and adverbial(token)
    adverb = _adverb_entry(cache, (token.text, lemma)) if use_adverb else None
    if adverb is not None:
        found = (adverb, "surface" if adverb.lemma.lower() == token.text.lower() else "lemma")
    for key, via, strict in [] if found else keys:
        if not key:
            continue
        entries = cache.get(key.lower(), [])
        if genders:
            entries = _prefer_gender(entries, genders, token.text.lower())
        entry = _choose(entries, pos, strict)
        if entry is None and via in ("participle", "infinitive"):
            entry = _choose(cache.get(key.lower(), []), "VERB", True)
        if entry is not None and entry.glosses:
            found = (entry, via)
            break
    if found is None:
        homograph = _noun_homograph(cache.get(lemma.lower(), []), pos)
        if homograph is not None and homograph.glosses:
            found = (homograph, "lemma")
    if found:
        # A participle's verb or an adverb made of an adjective keeps the gloss built
        # here; any other entry with contexts may choose per sentence below.
        if (
            found[0].contexts
            and found[1] not in ("participle", "infinitive")
            and not (use_adverb and found[0].pos == "ADJ")
        ):
            chosen[token.i] = found[0]
        _apply(token, *found)
        if use_adverb and found[0].pos == "ADJ" and token._.senses:
            # "stark gestiegen" with no adverb in the dictionary: strongly, not strong.
            token._.senses = _as_adverbs(token._.senses)
            token._.gloss = token._.senses[0]
        if found[1] == "participle":
            # geliefert -> "participle of liefern: to deliver": the verb explains it.
            token._.gloss = f"participle of {found[0].lemma}: {token._.gloss}"
        elif found[1] == "infinitive":
            verb = ("sich " if found[0].reflexive else "") + found[0].lemma
            token._.gloss = f"act of {verb}: {token._.gloss}"
    elif pos == "NOUN" and len(lemma) >= MIN_HEAD_CHARS + MIN_MODIFIER_CHARS:
        return lemma
    return None


def _gloss_by_head(doc: Doc, unresolved: list[tuple]) -> None:
    """A noun the dictionary lacks, glossed by its head (Friedens|prozess), which gives its
    gender and, with the whole word in front, its plural."""
    # Old spelling (Friedensprozeß): the head in reformed spelling too, which the lexicon
    # confirms (Prozess), so Straße, whose ß stays, is not harmed.
    unresolved = [
        (token, spelling)
        for token, lemma in unresolved
        for spelling in dict.fromkeys((lemma, lemma.replace("ß", "ss")))
    ]
    cache = lex_fetch(doc, {h for _, lemma in unresolved for h in head_candidates(lemma)})
    for token, lemma in unresolved:
        if token._.gloss:
            continue
        for head in head_candidates(lemma):
            entry = _choose(cache.get(head.lower(), []), "NOUN", True)
            if entry is not None and entry.glosses:
                _apply(token, entry, "head")
                # The head decides gender and (with the whole word in front) the plural.
                token._.plural = None
                if entry.plural and lemma.endswith(head[1:]):
                    token._.plural = lemma[: len(lemma) - len(head)] + entry.plural.lower()
                    if token._.plural[:1].islower():
                        token._.plural = token._.plural[:1].upper() + token._.plural[1:]
                break


def _spread_and_choose_senses(groups: dict[tuple, list], chosen: dict) -> None:
    """Copy each group's gloss to its other tokens, then let context and the article's topic
    choose the sense per token."""
    topic = article_topic(chosen.values())
    for tokens in groups.values():
        first = tokens[0]._
        if len(tokens) > 1 and first.gloss:
            values = (first.gloss, first.senses, first.gender, first.plural, first.gloss_via)
            for other in tokens[1:]:
                ext = other._
                ext.gloss, ext.senses, ext.gender, ext.plural, ext.gloss_via = values
        entry = chosen.get(tokens[0].i)
        if entry is None:
            continue
        if _takes_context(tokens[0]):
            # Same form, different sentences: the nouns around each may choose another sense.
            for token in tokens:
                senses = entry_senses(entry, word_context(token), topic)
                token._.gloss, token._.senses = senses[0], senses
        elif topic:
            senses = entry_senses(entry, topic=topic)
            for token in tokens:
                token._.gloss, token._.senses = senses[0], senses


# Ding's multiword adverbs (noch einmal, nach wie vor, bis zu, von heute auf morgen) are at
# most this long; a longer row is a sentence or a verb phrase, which the idiom matcher finds.
MAX_PHRASE_WORDS = 4


def _phrase_spans(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of every run of 2 to MAX_PHRASE_WORDS words in one sentence that holds an
    adverb and no verb: where a multiword adverb of the dictionary may stand."""
    spans = []
    # A doc given without sentences (tests, a single phrase) is one sentence.
    sentences = doc.has_annotation("SENT_START")
    for token in doc:
        if token.pos_ != "ADV" and token.tag_ != "ADJD":
            continue
        first, last = (token.sent.start, token.sent.end) if sentences else (0, len(doc))
        for size in range(2, MAX_PHRASE_WORDS + 1):
            for start in range(token.i - size + 1, token.i + 1):
                end = start + size
                if start < first or end > last:
                    continue
                words = doc[start:end]
                if all(t.is_alpha and not t.tag_.startswith("V") for t in words):
                    spans.append((start, end))
    return list(dict.fromkeys(spans))


# An English word at least this common (Zipf) is an everyday word (again, still, up to).
EVERYDAY_ZIPF = 5.0


def _by_english_frequency(senses: tuple[str, ...]) -> list[str]:
    """A phrase's senses in everyday English first, the shortest of them first, else in
    Ding's order: Ding lists "noch einmal" as "one day; someday" before "again", "bis zu" as
    "pending" before "up to". Frequency alone would put "no more" before Ding's first "no
    longer" for "nicht mehr", which is what "nicht mehr für möglich halten" means."""

    def key(gloss: str) -> tuple[bool, int]:
        count, zipf = gloss_words(clean_gloss(gloss))
        return (zipf < EVERYDAY_ZIPF, count)

    return sorted(senses, key=key)


def _gloss_adverbial_phrases(doc: Doc) -> None:
    """Words of a multiword adverb the dictionary has (noch einmal: again) get the phrase's
    gloss, named with the phrase, instead of each word's own (still + once); the longest
    phrase wins where two overlap."""
    spans = _phrase_spans(doc)
    if not spans:
        return
    key_of = {span: doc[span[0] : span[1]].text.lower() for span in spans}
    cache = lex_fetch(doc, set(key_of.values()))
    taken: set[int] = set()
    for start, end in sorted(spans, key=lambda span: (span[0] - span[1], span[0])):
        if taken & set(range(start, end)):
            continue
        entry = next((e for e in cache.get(key_of[(start, end)], []) if e.pos == "ADV"), None)
        if entry is None or not entry.glosses:
            continue
        senses = _by_english_frequency(entry.glosses)[:MAX_SENSES]
        for token in doc[start:end]:
            token._.gloss = f"{entry.lemma}: {senses[0]}"
            token._.senses = senses
            token._.gloss_via = "phrase"
        taken.update(range(start, end))


def _gloss_unglossed_verb_expressions(doc: Doc) -> None:
    """A separable verb the dictionary lacks (heranrücken) left its expression without a gloss
    in randnotiz_separable_verbs; its verb has one from word formation by now ("heranrücken:
    heran- (closer, up to) + rücken: to move"), which the grammar note should show too."""
    for expression in doc._.expressions or []:
        if expression["type"] != "separable_verb" or expression.get("gloss"):
            continue
        # Only a gloss of the whole verb: the surface fallback of "lässt ... übrig" is lassen's
        # "to let", which the token may show but the note of übriglassen may not.
        expression["gloss"] = next(
            (
                doc[i]._.gloss
                for i in expression["doc_tokens"]
                if doc[i]._.gloss_via == "particle" and doc[i]._.gloss
            ),
            None,
        )


# A subject label is the article's topic when this many of its words carry it on the sense
# a learner sees first ([econ.] on Umsatz, Zulieferer, Gewinn): a word or two is no topic.
MIN_TOPIC_WORDS = 3


def article_topic(entries) -> frozenset[str]:
    """The subject labels (nlp.lexicon.DOMAIN_MARK: "#econ.") that at least
    MIN_TOPIC_WORDS different words of the article carry on their first sense. A sense of
    another special field is not the one meant (Abbau: mining, in an article on subsidies)."""
    votes: dict[str, set[str]] = {}
    for entry in entries:
        if not entry.contexts:
            continue
        first = rank_senses(entry.glosses, entry.fixed, entry.ranked)[:1]
        for gloss, context in entry.contexts:
            if first and clean_gloss(gloss) == first[0]:
                for mark in _context_set(context):
                    if mark.startswith(DOMAIN_MARK):
                        votes.setdefault(mark, set()).add(entry.lemma.lower())
    return frozenset(mark for mark, words in votes.items() if len(words) >= MIN_TOPIC_WORDS)


# Fields news is written in anyway: their labels say little about what an article is about.
NEWS_FIELDS = frozenset(
    DOMAIN_MARK + label for label in ("pol.", "econ.", "adm.", "jur.", "fin.", "soc.")
)


def _on_topic_first(entry: LexEntry, topic: frozenset[str]) -> tuple[str, ...]:
    """The entry's glosses with those of a special field the article is not about last
    (Abbau :: mining [min.] in an article on subsidies). Hand-written senses stay."""
    fields: dict[str, set[str]] = {}
    for gloss, context in entry.contexts:
        marks = {m for m in _context_set(context) if m.startswith(DOMAIN_MARK)}
        if marks:
            fields.setdefault(gloss, set()).update(marks)
    if not fields:
        return entry.glosses

    def off_topic(index: int, gloss: str) -> bool:
        marks = fields.get(gloss)
        return bool(
            index >= entry.fixed and marks and not marks & topic and not marks & NEWS_FIELDS
        )

    flags = [off_topic(i, g) for i, g in enumerate(entry.glosses)]
    if not any(flags) or all(flags):
        return entry.glosses
    return tuple(g for g, off in zip(entry.glosses, flags, strict=True) if not off) + tuple(
        g for g, off in zip(entry.glosses, flags, strict=True) if off
    )


def _takes_context(token) -> bool:
    """Full verbs and adjectives (these by a frame only: stolz auf, bekannt für). Auxiliaries
    and modals (sein, haben, werden, können: STTS VA*, VM*) mean what their grammar makes
    them mean; Ding's examples of them are idioms, which the idiom matcher finds whole."""
    if token.pos_ == "ADJ":
        return True
    return token.pos_ == "VERB" and not token.tag_.startswith(("VA", "VM"))


def _gloss_by_word_formation(doc: Doc, leftover: list) -> None:
    """Glosses for forms the dictionary lacks but German word formation explains (Münchner,
    Fahrerin, kampflos, dritte, 70-jährig, heranrücken), then for English loanwords (Shop):
    one more batched lookup for all of them."""
    proposals = [
        (token, pos, derivations(token.text, lemma, pos)) for token, pos, lemma in leftover
    ]
    cache = lex_fetch(doc, {d.key for *_, found in proposals for d in found if d.key})
    for token, pos, found in proposals:
        for derivation in found:
            senses = _derived_senses(derivation, cache)
            if senses:
                token._.gloss, token._.senses, token._.gloss_via = senses[0], senses, derivation.via
                if pos == "NOUN" and derivation.via == "female":
                    token._.gender = "f"
                elif pos == "NOUN" and derivation.via == "diminutive":
                    token._.gender = "n"
                break
        else:
            # Workshops -> workshop; Hotel-Shuttle -> shuttle
            last = token.text.rsplit("-", 1)[-1]
            loan = loanword_gloss(last, pos) or loanword_gloss(token.lemma_, pos)
            if loan:
                token._.gloss, token._.senses, token._.gloss_via = loan, [loan], "loanword"


def _derived_senses(derivation: Derivation, cache: dict) -> list[str]:
    """The derived form's senses, one per sense of its base (spülen: to do the dishes; to
    rinse -> hochspülen: hoch- (up) + spülen: ...), so a base's narrow first sense does not
    stand alone."""
    if derivation.key is None:
        return [derivation.compose("", "")]
    for entry in cache.get(derivation.key.lower(), []):
        if entry.pos not in derivation.pos or entry.reflexive or not entry.glosses:
            continue
        if derivation.proper_name:
            # A place adjective needs a place: München -> "Munich", not Lippe -> "lip".
            names = [g for g in map(clean_gloss, entry.glosses) if _is_proper_name(g)]
            if not names or not entry.lemma[:1].isupper():
                continue
            return [derivation.compose(entry.lemma, names[0])]
        senses = [derivation.compose(entry.lemma, sense) for sense in _senses(entry)]
        senses = [sense for sense in dict.fromkeys(senses) if sense]
        if senses:
            return senses
    return []


def _is_proper_name(gloss: str) -> bool:
    words = gloss.split()
    return bool(words) and all(w[:1].isupper() and not w.isupper() for w in words)


# An English word the German dictionary lacks, used as a noun in German text (Shop, Website,
# Workshop), means what it means in English. Only common English words that are at least as
# common in English as in German count, so most names (Bolton, Fortuna) and German words do
# not pass; English function words (were, people) belong to quoted English, not to German.
LOANWORD_ZIPF = 4.0
ENGLISH_FUNCTION_ZIPF = 6.0


def loanword_gloss(text: str, pos: str) -> str | None:
    if pos != "NOUN" or not text[:1].isupper() or not text.isalpha() or len(text) < 4:
        return None
    if any(c in "äöüß" for c in text.lower()) or text[1:] != text[1:].lower():
        return None
    word = text.lower()
    english = zipf(word, "en")
    if LOANWORD_ZIPF <= english < ENGLISH_FUNCTION_ZIPF and english >= zipf(word):
        return f"{word} (English word)"
    return None


@Language.factory(
    "randnotiz_glosses",
    assigns=["token._.gloss", "token._.senses", "token._.gender", "token._.plural"],
)
def make_glosses(nlp: Language, name: str):
    """English glosses from the lexicon for every word that is not a name, number or symbol."""
    return gloss_doc
