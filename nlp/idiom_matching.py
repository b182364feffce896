"""Idiom matching: finding compiled idiom patterns within the clauses of one sentence.

Matching works on tokens that carry only text, lemma and an STTS tag (plus UPOS if known),
so the same code runs on a spaCy Doc (`nlp.idioms.IdiomsComponent`) and on gold CoNLL-U/cupt
columns (`bench/idioms.py`). Patterns (`nlp.idiom_patterns`) are indexed by their rarest
required lemma, so a sentence only tries the few patterns whose anchor word it contains.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nlp.clauses import clause_numbers
from nlp.german import ADJECTIVE_PARTICLES, CONTRACTIONS, DETERMINERS, POSSESSIVES, PREPOSITIONS
from nlp.idiom_patterns import Element, IdiomPattern, compile_idiom, lowered, stem
from nlp.lexicon import IdiomEntry

NOUN_PHRASE_TAGS = {
    "ART",
    "ADJA",
    "ADJD",
    "ADV",
    "PPOSAT",
    "PIAT",
    "PIDAT",
    "PDAT",
    "CARD",
    "PWAT",
    "PTKNEG",
    "TRUNC",
    "KON",
    "NN",
    "NE",
}

# --- tokens as the matcher sees them ---------------------------------------------------------


@dataclass(frozen=True)
class Tok:
    text: str
    lemma: str
    tag: str = ""  # STTS
    pos: str = ""  # UPOS


_PRONOMINAL = re.compile(r"^(?:dar|da|wor|wo|hier)(?=[a-zäöü])")
# A verb's own preposition (als etw. gelten, mit etw. rechnen) is a preposition, not a
# separable particle ("setzt ... auf"), the infinitive's zu or a conjunction ("als er kam").
NOT_A_GOVERNED_PREPOSITION = frozenset({"PTKVZ", "PTKZU", "PTKA", "KOUI", "KOUS"})


def _token_keys(tok: Tok) -> set[str]:
    text = lowered(tok.text)
    lemma = lowered(tok.lemma) if tok.lemma and tok.lemma != "_" else text
    keys = {text, lemma}
    for sep in ("+", "|"):
        if sep in lemma:
            keys |= set(lemma.split(sep))
    if text in CONTRACTIONS:
        keys |= set(CONTRACTIONS[text])
    if tok.tag in {"PAV", "PROAV"} and (prep := _PRONOMINAL.sub("", text)) in PREPOSITIONS:
        keys.add(prep)  # "sorgt dafür, dass": für etw. sorgen with its object in a clause
    if tok.tag.startswith(("ADJ", "PI", "PD", "PPOS")) or tok.pos in {"ADJ", "PRON", "DET"}:
        keys |= {stem(text), stem(lemma)}
    if tok.tag == "PRF" or (tok.pos == "PRON" and text in {"sich", "mich", "dich", "uns", "euch"}):
        keys.add("sich")
    if tok.tag == "PPOSAT" or text in POSSESSIVES:
        keys.add("§poss")
    if tok.tag in {"ART"} or tok.pos == "DET" and text in DETERMINERS:
        keys |= {"der", "ein"} if not text.startswith("k") else {"kein"}
    keys.discard("")
    return keys


def _is_full_verb(tok: Tok) -> bool:
    return tok.tag.startswith("VV") or (not tok.tag and tok.pos == "VERB")


# --- the matcher -------------------------------------------------------------------------------


@dataclass
class Match:
    pattern: IdiomPattern
    tokens: tuple[int, ...]  # all tokens of the expression, within the sentence
    core: tuple[int, ...]  # without free determiners/possessives/adjectives (PARSEME's view)
    verbal: bool = False  # has a verb among its words (PARSEME annotates only verbal MWEs)

    def as_dict(self) -> dict:
        entry = self.pattern.entry
        return {
            "type": "light_verb" if entry.kind == "light_verb" else "idiom",
            "tokens": list(self.tokens),
            "core_tokens": list(self.core),
            "lemma": entry.phrase,
            "gloss": entry.meaning or None,
            "literal": entry.literal,
            "kind": entry.kind,
            "source": entry.source,
            "verbal": self.verbal,
            "parseme": parseme_category(entry),
        }


def parseme_category(entry: IdiomEntry) -> str:
    """PARSEME's label for the entry: a verb with the preposition that gives it its sense
    (als etw. gelten; `iav=1` in the curated list) is IAV, which PARSEME's German data leaves
    unannotated; a light verb that causes the state the noun names
    (*in Gefahr bringen*, *jdm. Angst machen*; `lvc=cause` in the curated list) is LVC.cause,
    not LVC.full."""
    if (entry.extra or {}).get("iav"):
        return "IAV"
    if entry.kind != "light_verb":
        return "VID"
    return "LVC.cause" if (entry.extra or {}).get("lvc") == "cause" else "LVC.full"


class IdiomMatcher:
    """Compiled idiom patterns indexed by their anchor lemma."""

    def __init__(self, entries: Iterable[IdiomEntry] = ()):
        self.patterns: list[IdiomPattern] = []
        self._index: dict[str, list[int]] = {}
        self.add(entries)

    def __len__(self) -> int:
        return len(self.patterns)

    def add(self, entries: Iterable[IdiomEntry]) -> None:
        seen = {(lowered(p.entry.phrase), p.entry.kind) for p in self.patterns}
        for entry in entries:
            key = (lowered(entry.phrase), entry.kind)
            if key in seen:
                continue
            seen.add(key)
            pattern = compile_idiom(entry)
            if pattern is None:
                continue
            number = len(self.patterns)
            self.patterns.append(pattern)
            anchor = pattern.elements[pattern.anchor]
            for k in anchor.keys | (anchor.base_keys if anchor.role == "verb" else frozenset()):
                self._index.setdefault(k, []).append(number)

    def match_sentence(self, toks: Sequence[Tok], clauses: Sequence[int] = ()) -> list[Match]:
        """All idioms in one sentence, overlaps resolved (longer, then better ranked wins).

        `clauses`: each token's clause number (-1 between clauses) as the pipeline's
        randnotiz_clauses found them; without them (gold columns) they are found here the same
        way (nlp.clauses.clause_numbers)."""
        if not toks or not self.patterns:
            return []
        if any("(" in t.tag for t in toks):
            # HanTa's own notation (ADJ(A), VV(FIN)) -> STTS (ADJA, VVFIN)
            toks = [
                Tok(t.text, t.lemma, t.tag.replace("(", "").replace(")", ""), t.pos) for t in toks
            ]
        keys = [_token_keys(t) for t in toks]
        where: dict[str, list[int]] = {}
        for i, ks in enumerate(keys):
            for k in ks:
                where.setdefault(k, []).append(i)
        candidates: set[int] = set()
        for k in where:
            for number in self._index.get(k, ()):
                candidates.add(number)
        if not candidates:
            return []
        if not clauses:
            clauses = clause_numbers([(t.text, t.tag, t.pos) for t in toks])
        found = []
        for number in sorted(candidates):
            match = self._match(self.patterns[number], toks, where, clauses)
            if match is not None:
                found.append(match)
        return _resolve(found, toks)

    # A pattern is matched anchor-first: the anchor's positions pick the clause, then each
    # element takes the nearest fitting token in that clause.
    def _match(self, pattern: IdiomPattern, toks, where, clauses) -> Match | None:
        """The tightest match of the pattern around one of its anchor's positions."""
        anchor = pattern.elements[pattern.anchor]
        anchor_positions = [
            p
            for p in _positions(anchor, where, toks, clauses)
            if not _foreign_pp(pattern, pattern.anchor, toks, p[0])
        ]
        best = None
        for a_pos, a_extra in anchor_positions:
            clause = clauses[a_pos]
            if clause < 0:
                continue
            placed = _place_elements(pattern, toks, where, clauses, a_pos, a_extra)
            if placed is None or _rejected(pattern, toks, clauses, clause, placed[0]):
                continue
            candidate = _candidate(pattern, toks, clauses, clause, a_pos, *placed)
            if candidate is not None and (best is None or _span(candidate) < _span(best)):
                best = candidate
        return best


def _place_elements(
    pattern: IdiomPattern, toks, where, clauses, a_pos: int, a_extra
) -> tuple[dict[int, int], list[int]] | None:
    """Every element's token in the anchor's clause (element index -> position), and the
    extra tokens taken along; None when a required element is not there."""
    elements = pattern.elements
    clause = clauses[a_pos]
    chosen: dict[int, int] = {pattern.anchor: a_pos}
    extras: list[int] = list(a_extra)
    # heads (nouns, verbs, others) before the words that lean on them
    order = sorted(range(len(elements)), key=lambda k: (elements[k].head is not None, k))
    for k in order:
        if k == pattern.anchor:
            continue
        e = elements[k]
        used = set(chosen.values()) | set(extras)
        if e.head is not None and e.head in chosen:
            pos = _dependent_position(e, chosen[e.head], toks, where, clauses, used)
            if pos is not None and e.article and toks[pos].text.lower() not in CONTRACTIONS:
                # "zu dem" written apart (or split by the tokenizer) for "zum"
                if pos + 1 < len(toks) and toks[pos + 1].text.lower() in {
                    "das",
                    "dem",
                    "der",
                }:
                    extras.append(pos + 1)
        elif e.head is not None and not elements[e.head].required:
            pos = None  # its head (an optional verb) is missing
            options = [
                p
                for p in _positions(e, where, toks, clauses)
                if clauses[p[0]] == clause and p[0] not in used
            ]
            pos = min(options, key=lambda p: abs(p[0] - a_pos))[0] if options else None
        else:
            options = [
                p
                for p in _positions(e, where, toks, clauses)
                if clauses[p[0]] == clause
                and p[0] not in used
                and not (set(p[1]) & used)
                and not _foreign_pp(pattern, k, toks, p[0])
            ]
            if options:
                p = min(options, key=lambda p: abs(p[0] - a_pos))
                pos = p[0]
                extras.extend(p[1])
            else:
                pos = None
        if pos is None:
            if e.required:
                return None
            continue
        chosen[k] = pos
    return chosen, extras


def _rejected(pattern: IdiomPattern, toks, clauses, clause: int, chosen: dict[int, int]) -> bool:
    """The checks that tell a chance co-occurrence of the words from the expression."""
    elements = pattern.elements
    if any(elements[k].role == "pron" for k in chosen) and _personal_subject(
        toks, clauses, clause, set(chosen.values())
    ):
        return True  # "gab ich es dem Vogel": es is an object here, not "es gibt"
    if (pattern.entry.extra or {}).get("sg") and not all(
        _looks_singular(toks[chosen[k]]) for k in chosen if elements[k].role == "noun"
    ):
        return True  # "die Rechnung bezahlen" (pay the price), not "Rechnungen bezahlt"
    if any(
        _complex_preposition(elements[k], toks, chosen[k]) for k in chosen if k in pattern.pp_heads
    ):
        return True  # "im Sinne des Gesetzes" is a preposition, not "im Sinn haben"
    if _coordinated_apart(pattern, toks, chosen):
        return True  # "der Distanz hält und für soziale Probleme sensibel ist"
    if pattern.entry.kind == "idiom" and not _articles_agree(pattern, toks, chosen):
        return True  # "das Recht haben" is no "Recht haben", "eine Hand" no "die Hand"
    return False


def _candidate(
    pattern: IdiomPattern, toks, clauses, clause: int, a_pos: int, chosen, extras
) -> Match | None:
    """The match the placed elements make, or None when they stand too far apart."""
    elements = pattern.elements
    core_positions = [chosen[k] for k in chosen if elements[k].required]
    if max(core_positions) - min(core_positions) > pattern.max_span:
        return None
    if pattern.verb_optional and not any(elements[k].role == "verb" for k in chosen):
        verb = _nearest_full_verb(toks, clauses, clause, a_pos, set(chosen.values()))
        if verb is not None:
            chosen[-1] = verb
    tokens = tuple(sorted(set(chosen.values()) | set(extras)))
    # A light verb's "sich" is the verb's own object, not part of the construction
    # (PARSEME marks "auf die Suche begeben" in "sich auf die Suche begeben"): the
    # noun carries the meaning, the verb only its frame.
    dropped = {"refl"} if pattern.entry.kind == "light_verb" else set()
    core = tuple(
        sorted(
            {
                p
                for k, p in chosen.items()
                if k < 0
                or (
                    elements[k].role not in dropped
                    and (elements[k].required or elements[k].role in {"refl", "poss"})
                )
            }
            | set(extras)
        )
    )
    verbal = any(_fits("verb", toks[p]) and toks[p].tag != "PTKVZ" for p in core)
    candidate = Match(pattern, tokens, core, verbal)
    return candidate


def _coordinated_apart(pattern: IdiomPattern, toks, chosen: dict[int, int]) -> bool:
    """A verb's own preposition with "und"/"oder" between them belongs to another conjunct."""
    verbs = [p for k, p in chosen.items() if k >= 0 and pattern.elements[k].role == "verb"]
    for k, pos in chosen.items():
        e = pattern.elements[k] if k >= 0 else None
        if e is None or e.role != "adp" or e.head is not None:
            continue
        for verb in verbs:
            low, high = sorted((pos, verb))
            if any(toks[i].tag == "KON" for i in range(low + 1, high)):
                return True
    return False


def _article_class(text: str) -> str | None:
    """definite, indefinite or negative, for an article or a contraction's article."""
    text = text.lower()
    if text in CONTRACTIONS or text in {"der", "die", "das", "den", "dem", "des"}:
        return "definite"
    if text.startswith("kein"):
        return "negative"
    if text.startswith("ein") and text in DETERMINERS:
        return "indefinite"
    return None


def _articles_agree(pattern: IdiomPattern, toks, chosen: dict[int, int]) -> bool:
    """An idiom's article as written: "den Kopf aus der Schlinge ziehen" is not "einen Kopf"
    (a negated idiom, "keinen", is still the idiom); a noun written bare ("Recht haben") takes
    no article in the text."""
    for k, pos in chosen.items():
        if k < 0:
            continue
        e = pattern.elements[k]
        if e.role == "det":
            wanted, found = _article_class(e.word), _article_class(toks[pos].text)
            if wanted and found and found != "negative" and wanted != found:
                return False
        elif k in pattern.bare_nouns:
            for i in range(pos - 1, max(-1, pos - 5), -1):
                if toks[i].tag == "ART" or (not toks[i].tag and toks[i].pos == "DET"):
                    if _article_class(toks[i].text) in {"definite", "indefinite"}:
                        return False
                    break
                if not _np_internal(toks[i]):
                    break
    return True


GENITIVE_ARTICLES = frozenset({"des", "der", "eines", "einer"})


def _complex_preposition(e: Element, toks, pos: int) -> bool:
    """The idiom's noun in the old dative -e the idiom does not write, before a genitive:
    "im Sinne des", "im Falle der", "im Zuge eines" are frozen prepositions of their own."""
    text = toks[pos].text.lower()
    return (
        e.role == "noun"
        and text == e.word.lower() + "e"
        and pos + 1 < len(toks)
        and toks[pos + 1].text.lower() in GENITIVE_ARTICLES
    )


def _looks_singular(tok: Tok) -> bool:
    """The noun's form is its lemma, or the lemma with a genitive -s/-es: no plural ending."""
    text, lemma = tok.text.lower(), tok.lemma.lower()
    return text in {lemma, lemma + "s", lemma + "es"}


def _span(match: Match) -> int:
    return match.core[-1] - match.core[0] if match.core else 0


def _fits(role: str, tok: Tok) -> bool:
    """Does the token's word class fit the element? A noun of the idiom is no adjective
    ("ein knappes Gut" is not "gute"), its verb no possessive ("sein" is not "seiner")."""
    tag, pos = tok.tag, tok.pos
    if role == "noun":
        return (
            tag in {"NN", "NE", "FM", "ADJA", "TRUNC"} if tag else pos in {"NOUN", "PROPN", "X", ""}
        )
    if role == "verb":
        return tag.startswith("V") if tag else pos in {"VERB", "AUX", ""}
    if role == "pron":
        return tok.text.lower() in {"es", "'s", "s"} and tag != "PRF"
    if role == "adj":
        return (
            not tag.startswith(("NN", "NE", "V")) if tag else pos not in {"NOUN", "PROPN", "VERB"}
        )
    return True


def _positions(e: Element, where, toks, clauses) -> list[tuple[int, tuple[int, ...]]]:
    """Token positions that can fill element `e`, each with extra tokens it brings along
    (the split-off particle of a separable verb)."""
    out: list[tuple[int, tuple[int, ...]]] = []
    seen = set()
    for k in e.keys:
        for i in where.get(k, ()):
            if i in seen or not _fits(e.role, toks[i]):
                continue
            if e.role == "verb" and _is_auxiliary(toks, clauses, i):
                continue  # "hat im Sinne des Gesetzes gehandelt" has no "im Sinn haben"
            if e.role == "adp" and e.head is None and toks[i].tag in NOT_A_GOVERNED_PREPOSITION:
                continue
            seen.add(i)
            extra: tuple[int, ...] = ()
            if e.particle:
                # Joined by the pipeline or written as one word; take a stray particle along.
                p = _particle_in_clause(e.particle, i, toks, where, clauses)
                if p is not None:
                    extra = (p,)
            out.append((i, extra))
    if e.particle and e.base_keys:
        for k in e.base_keys:
            for i in where.get(k, ()):
                if i in seen or toks[i].tag == "PTKVZ" or not _fits("verb", toks[i]):
                    continue
                p = _particle_in_clause(e.particle, i, toks, where, clauses)
                if p is None:
                    continue  # "fährt" without "auf" is not "auffahren"
                seen.add(i)
                out.append((i, (p,)))
    out.sort()
    return out


def _particle_in_clause(particle, verb_pos, toks, where, clauses) -> int | None:
    clause = clauses[verb_pos]
    best = None
    for i in where.get(particle, ()):
        if i == verb_pos or clauses[i] != clause:
            continue
        clause_end = i + 1 == len(toks) or clauses[i + 1] != clause
        tag = toks[i].tag
        # Taggers file adjective particles as adjectives: "stellte ... klar" (ADJD at the
        # clause's end), "klar machen" (right before the verb), "fest steht" (in front).
        adjectival = (
            particle in ADJECTIVE_PARTICLES
            and (tag in {"ADJD", "ADV"} or (not tag and toks[i].pos in {"ADJ", "ADV"}))
            and (clause_end or i == verb_pos - 1 or i == _clause_start(clauses, verb_pos))
        )
        # A "preposition" ending its clause governs nothing: it is the verb's particle, which
        # taggers often miss ("fährt ... gegenüber Kim Jong Un auf:" tagged APPR).
        stranded = (
            i > verb_pos
            and clause_end
            and (tag in {"APPR", "APPO", "ADV"} or (not tag and toks[i].pos in {"ADP", "ADV"}))
        )
        if tag == "PTKVZ" or adjectival or stranded:
            if best is None or abs(i - verb_pos) < abs(best - verb_pos):
                best = i
    return best


AUXILIARIES = frozenset({"haben", "sein", "werden"})
PARTICIPLE_TAGS = frozenset({"VVPP", "VAPP", "VMPP"})


def _is_auxiliary(toks, clauses, i: int) -> bool:
    """haben, sein or werden forming a compound tense or passive with a participle of its
    clause ("hat ... gehandelt", "ist ... gekommen", "wird ... gestellt"): then it is no idiom's
    verb; the participle itself may be ("hat Recht gehabt")."""
    tok = toks[i]
    if tok.lemma.lower() not in AUXILIARIES or tok.tag in PARTICIPLE_TAGS:
        return False
    if tok.tag and not tok.tag.startswith("VA"):
        return False
    clause = clauses[i]
    return any(
        j != i and clauses[j] == clause and toks[j].tag in PARTICIPLE_TAGS for j in range(len(toks))
    )


_PERSONAL_SUBJECTS = {"ich", "du", "er", "wir", "ihr", "man"}


def _personal_subject(toks, clauses, clause, used) -> bool:
    return any(
        clauses[i] == clause and i not in used and tok.text.lower() in _PERSONAL_SUBJECTS
        for i, tok in enumerate(toks)
    )


def _foreign_pp(pattern: IdiomPattern, k: int, toks, pos: int) -> bool:
    """Is the noun at `pos` governed by a preposition the idiom does not have? "Glück haben"
    is not in "zum Glück ... hat", "der Fall sein" not in "auf jeden Fall ist"."""
    e = pattern.elements[k]
    if e.role != "noun" or k in pattern.pp_heads:
        return False
    for i in range(pos - 1, max(-1, pos - 6), -1):
        tok = toks[i]
        if (
            tok.tag in {"APPR", "APPRART"}
            or (not tok.tag and tok.pos == "ADP")
            or tok.text.lower() in CONTRACTIONS
        ):
            return True
        if not _np_internal(tok):
            return False
    return False


def _clause_start(clauses, pos) -> int:
    while pos > 0 and clauses[pos - 1] == clauses[pos]:
        pos -= 1
    return pos


def _dependent_position(e: Element, head_pos: int, toks, where, clauses, used) -> int | None:
    """A preposition/determiner/adjective of a noun: in front of it, at most four words away,
    with only noun-phrase words (articles, adjectives, adverbs, numbers) in between."""
    clause = clauses[head_pos]
    if e.role == "adp":
        # "ins" can be the contraction token that also carries the determiner.
        for i in range(head_pos - 1, max(-1, head_pos - 6), -1):
            if clauses[i] != clause:
                break
            if i not in used and (e.keys & _token_key_cache(toks, i)):
                text = toks[i].text.lower()
                if e.article:
                    # "ins Spiel" is not "in den Spielen": the contraction itself, or the
                    # preposition with the contraction's article right after it
                    if (
                        text == e.word.lower()
                        or (i + 1 < len(toks) and toks[i + 1].text.lower() == e.article)
                        or (text not in CONTRACTIONS and i + 1 == head_pos)
                    ):
                        return i
                    return None
                if text in CONTRACTIONS and text != e.word.lower():
                    return None  # "zu Ende" is not "zum Ende"
                return i
            if not _np_internal(toks[i]):
                break
        return None
    if e.role in {"det", "poss"}:
        for i in range(head_pos - 1, max(-1, head_pos - 5), -1):
            if clauses[i] != clause:
                break
            tok = toks[i]
            if i not in used and (tok.tag in {"ART", "PPOSAT", "PIAT"} or tok.pos == "DET"):
                if (
                    e.required
                    and e.role == "det"
                    and not (e.keys & {tok.text.lower(), tok.lemma.lower()})
                ):
                    return None  # strict: "der Fall", not "jeden Fall"
                if (
                    e.role == "poss"
                    and tok.tag not in {"PPOSAT", ""}
                    and "§poss" not in _token_key_cache(toks, i)
                ):
                    return None
                return i
            if not _np_internal(tok):
                break
        return None
    # adjective: the same one in the noun phrase; a different one is a variation we accept
    for i in range(head_pos - 1, max(-1, head_pos - 5), -1):
        if clauses[i] != clause:
            break
        if i not in used and (e.keys & _token_key_cache(toks, i)):
            return i
        if not _np_internal(toks[i]):
            break
    if e.head is not None and e.required:
        # "zu kurz": a required word standing before its head (adverb + adjective)
        return None
    return None


def _np_internal(tok: Tok) -> bool:
    if tok.tag:
        return (
            tok.tag in NOUN_PHRASE_TAGS
            and tok.tag not in {"NN", "NE"}
            or tok.tag in {"ADJA", "ADJD"}
        )
    return tok.pos in {"DET", "ADJ", "ADV", "NUM", "PRON"}


_KEY_CACHE: dict[tuple[str, str, str, str], frozenset[str]] = {}


def _token_key_cache(toks, i) -> frozenset[str]:
    tok = toks[i]
    key = (tok.text, tok.lemma, tok.tag, tok.pos)
    found = _KEY_CACHE.get(key)
    if found is None:
        if len(_KEY_CACHE) > 200_000:
            _KEY_CACHE.clear()
        found = _KEY_CACHE[key] = frozenset(_token_keys(tok))
    return found


def _nearest_full_verb(toks, clauses, clause, anchor, used) -> int | None:
    best = None
    for i, tok in enumerate(toks):
        if clauses[i] == clause and i not in used and _is_full_verb(tok):
            if best is None or abs(i - anchor) < abs(best - anchor):
                best = i
    return best


def _resolve(matches: list[Match], toks: Sequence[Tok] = ()) -> list[Match]:
    """Overlapping matches: keep the one with more words, then the one on a full verb, then
    the better ranked, then the curated one; identical token sets keep one."""

    def on_auxiliary(m: Match) -> bool:
        # "das in Kraft getreten ist": in Kraft treten, not in Kraft sein
        return bool(toks) and not any(toks[p].tag.startswith("VV") for p in m.core)

    ordered = sorted(
        matches,
        key=lambda m: (
            -len(m.core),
            -len(m.tokens),
            on_auxiliary(m),
            m.pattern.rank,
            m.pattern.entry.source != "curated",
            m.pattern.entry.phrase,
        ),
    )
    kept: list[Match] = []
    taken: set[int] = set()
    for m in ordered:
        if set(m.core) & taken:
            continue
        kept.append(m)
        taken |= set(m.core)
    kept.sort(key=lambda m: m.tokens)
    return kept
