"""Separable (particle) verbs and reflexive verbs.

Separable verbs: German splits a particle verb in main clauses, the finite verb in second (or
first) position and its particle (STTS PTKVZ) at the end of the clause: "stellte ... vor" is
*vorstellen*. We join the particle to the nearest finite verb before it in the same clause,
skipping subordinate clauses in between ("fährt, weil sie kommt, morgen ab"). Particle verbs
also come as one word, with ge- or zu- between particle and stem (vorgeworfen -> vorwerfen,
aufzuwiegen -> aufwiegen; HanTa already gives those lemmas) or whole (anlaufen). Both parts get
the whole verb's lemma (`token._.verb_lemma`) and gloss: a learner hovering "stellte" must see
"to introduce", not the stem's "to put".

Reflexive verbs: a verb whose dictionary entry is reflexive (sich konzentrieren) and a
reflexive pronoun in its clause (sich, or mich/dich/uns/euch with the matching subject). Only an
inherently reflexive verb is an expression of its own (with a note for the learner): one the
dictionary knows only with "sich" (sich bemühen), or whose "sich" sense leaves the plain verb's
behind (sich befinden "to be located", befinden "to decide"). An ordinary reflexive or
decausative use (sich ändern "to change", sich treffen "to meet", sich befreien "to free
oneself", sich finden "to be found") means what the verb means, and so does a dative "sich"
beside an accusative object (sich etwas leisten: leisten done for oneself): its sense is still
the reflexive entry's, but no reflexive-verb note.
"""

from __future__ import annotations

import simplemma
from spacy.language import Language
from spacy.tokens import Doc

from nlp.clauses import clause_span, clause_tokens, doc_clauses, ensure_clauses
from nlp.extensions import lex_fetch
from nlp.german import (
    ACCUSATIVE_DETERMINERS,
    ACCUSATIVE_ONLY_DETERMINERS,
    FINITE_VERB_TAGS,
    NONFINITE_VERB_TAGS,
    QUANTITY_OBJECTS,
    SEPARABLE_PARTICLES,
    SEPARATED_ADJECTIVE_PARTICLES,
    SUBORDINATOR_TAGS,
    zipf,
)
from nlp.glosses import entry_senses, word_context
from nlp.lexicon import LexEntry
from nlp.tagger import hanta_tagger

# Particles that are postpositions too, governing the verb's dative or accusative object
# ("steht einem Bewaffneten gegenüber", "kam ihr entgegen", "lief den Fluss entlang"): by
# PARSEME's own test a particle governs no complement, and the verb means what its parts say
# (stand opposite, come towards). Joined for the learner, not a lexicalised expression.
POSTPOSITION_PARTICLES = frozenset({"entgegen", "gegenüber", "entlang"})
# "mit" adds company to what the base verb does (mitbringen "to bring along", mitnehmen "to
# take along", miterleben "to experience" too): compositional, unless the dictionary's senses
# leave the base verb behind (mitteilen "to inform" from teilen "to share").
COMITATIVE_PARTICLES = frozenset({"mit"})
# These are also inseparable prefixes (übersetzen, umfahren, unterstützen, durchsuchen,
# wiederholen, vollziehen): a one-word verb counts as a particle verb only if its form shows
# the split (vollgetankt, but vollzogen).
AMBIGUOUS = frozenset({"durch", "über", "um", "unter", "voll", "wieder", "zwischen"})
# The finite verbs a separated particle may belong to: not the modals (with a modal the
# particle verb is an infinitive, written as one word: "will ... anfangen") nor "sei!". Taking
# all of FINITE_VERB_TAGS joins one more verb on PARSEME dev, a wrong one (VPC raw P 59.4 ->
# 59.2 %, VPC F1 80.6 % either way).
PARTICLE_HOST_TAGS = FINITE_VERB_TAGS - {"VMFIN", "VAIMP"}
REFLEXIVE_PERSONAL = {"mich": "ich", "dich": "du", "uns": "wir", "euch": "ihr"}
PERFECT_PASSIVE_AUXILIARIES = frozenset({"haben", "werden"})


# Zipf 3 = once per million words: the usual line between a language's common vocabulary and
# its long tail (checked on PARSEME dev: VPC F1 74.1 -> 77.2 %).
LEXICALISED_ZIPF = 3.0


def split_particle_verb(lemma: str, form: str = "") -> tuple[str, str] | None:
    """vorwerfen -> ("vor", "werfen"); only for the longest particle that leaves a verb-like
    rest; ambiguous prefixes need the form to show the split (umgebaut, umzubauen)."""
    low = lemma.lower()
    form = form.lower()
    for particle in SEPARABLE_PARTICLES:
        if low.startswith(particle) and len(low) - len(particle) >= 4:
            rest = low[len(particle) :]
            if not rest.endswith(("en", "ern", "eln", "n")):
                continue
            if particle in AMBIGUOUS and not form.startswith((particle + "ge", particle + "zu")):
                continue
            return particle, rest
    return None


# Particles HanTa sometimes tags as adverbs when they end the clause ("stellte sich heraus",
# "setzt sich zusammen").
ADVERB_PARTICLES = frozenset(
    "heraus herein herum hervor hinaus hinein hinzu zusammen zurück vorbei fest bereit".split()
)


def _adverb_particle(tokens, k: int) -> bool:
    """An adverb that is a verb particle standing last in its clause."""
    token = tokens[k]
    if token.tag_ not in ("ADV", "ADJD") or token.text.lower() not in ADVERB_PARTICLES:
        return False
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    if following is None or following.tag_ in ("$,", "$.", "$(", "KON"):
        return True
    # Only what German moves behind the closed verb bracket (Ausklammerung) may follow the
    # particle: a comparison ("stellte sich als teurer heraus als gedacht") or a prepositional
    # phrase ("kam zurück aus Berlin"). "zusammen" before a phrase is mostly the adverb
    # "together" (fahren zusammen in den Urlaub, zusammen mit): a particle there only in a
    # reflexive clause ("setzt sich zusammen aus drei Teilen").
    following_text = following.text.lower()
    if following_text in ("als", "wie"):
        return True
    if following.tag_ not in ("APPR", "APPRART") or following_text == "mit":
        return False
    return token.text.lower() != "zusammen" or _reflexive_before(tokens, k)


def _reflexive_before(tokens, k: int) -> bool:
    """A reflexive pronoun between the start of the clause and position k."""
    token = tokens[k]
    start, _ = clause_span(token)
    return any(t.tag_ == "PRF" for t in token.doc[start : token.i])


def _participle_lemma(token) -> str | None:
    """The verb of a past participle HanTa read as an adjective (ADJD): with haben or werden
    in its clause ("habe angefangen", "wird abgezogen") it is a perfect or passive verb form.
    Next to sein it may be a true adjective (ist ausgeschlossen) and is left alone; so is an
    attributive participle (der durchgeführte Test), which PARSEME counts as an adjective."""
    if token.tag_ != "ADJD" or token.text.lower().endswith("end"):
        return None
    clause = list(clause_tokens(token))
    if not any(
        t.tag_ in ("VAFIN", "VAINF") and t.lemma_ in PERFECT_PASSIVE_AUXILIARIES for t in clause
    ):
        return None
    # The auxiliary's own verb stands last (right verb bracket): with another participle or
    # infinitive after it ("hat ausgezeichnet gespielt") this one is an adverb. An extraposed
    # zu-infinitive ("hat angefangen zu forschen") or a following subordinate clause is not
    # part of the bracket.
    for t in clause[clause.index(token) + 1 :]:
        if t.tag_ in SUBORDINATOR_TAGS or t.tag_ == "PTKZU":
            break
        if t.tag_ in NONFINITE_VERB_TAGS:
            return None
    lemma, tag = hanta_tagger().analyze(token.text.lower(), pos="VVPP", taglevel=1)
    return lemma if tag == "VV(PP)" else None


def _clause_verb(sent_tokens, k: int):
    """The finite verb a particle at sentence position k belongs to, or None: the nearest
    before it, looking past the subordinate clauses (nlp.clauses) that stand between them
    ("stellte, als er kam, das Buch vor"), never past the end of a sentence (or a colon)."""
    doc = sent_tokens[k].doc
    own = sent_tokens[k]._.clause
    subordinate = _subordinate_clauses(sent_tokens)
    for token in reversed(sent_tokens[:k]):
        if token.tag_ == "$.":
            return None
        if token._.clause != own and token._.clause in subordinate:
            continue
        if token.tag_ in PARTICLE_HOST_TAGS:
            return doc[token.i]
    return None


def _subordinate_clauses(sent_tokens) -> set[int]:
    """The numbers of the sentence's subordinate clauses: opened by a subordinator (weil,
    dass, der ...), also after a preposition (mit dem ...), and a clause joined to one by
    und/aber (weil er kam und sie ging)."""
    ensure_clauses(sent_tokens[0].doc)
    out: set[int] = set()
    previous = None
    for j, token in enumerate(sent_tokens):
        number = token._.clause
        if number < 0 or number == previous:
            continue
        nxt = sent_tokens[j + 1] if j + 1 < len(sent_tokens) else None
        opens = token.tag_ in SUBORDINATOR_TAGS or (
            token.tag_ in ("APPR", "APPRART") and nxt is not None and nxt.tag_ in SUBORDINATOR_TAGS
        )
        joined = token.tag_ == "KON" and previous in out
        if opens or joined:
            out.add(number)
        previous = number
    return out


def _english_verbs(entries: list[LexEntry]) -> set[str]:
    """The English verbs a German verb's senses use: "to bring sb./sth. along" -> "bring"."""
    verbs = set()
    for entry in entries:
        if entry.pos != "VERB":
            continue
        for gloss in entry.glosses:
            words = gloss.lower().split()
            if len(words) > 1 and words[0] == "to" and words[1] not in ("be", "have"):
                verbs.add(words[1])
    return verbs


def _keeps_base_meaning(cache: dict, lemma: str, particle: str) -> bool:
    """Whether the particle verb's senses still use an English verb of its base verb's."""
    stem = lemma[len(particle) :]
    return bool(
        _english_verbs(_fetch_entries(cache, lemma)) & _english_verbs(_fetch_entries(cache, stem))
    )


def _not_lexicalised(
    cache: dict, lemma: str, particle: str, one_word: bool, entry: LexEntry | None
) -> bool:
    """Whether a particle verb is no lexicalised expression in PARSEME's sense.

    PARSEME annotates particle verbs whose meaning is not the sum of their parts. Those are
    the common, lexicalised ones (anfangen, anbieten), not ad-hoc directions (hineinwachsen):
    a combination the dictionary does not know as a verb of its own, or one rarer than once
    per million words, is left out; so are postposition particles and "mit" keeping its base
    verb's meaning (see above). An adjective standing apart as a particle (ging schief) is an
    idiom's business; written as one word (fertigstellen, freisprechen, gutschreiben) it is
    lexicalised by German spelling itself, which joins adjective and verb only when the whole
    means more than its parts (fertig stellen "put ready" vs fertigstellen "complete").
    """
    if particle in SEPARATED_ADJECTIVE_PARTICLES:
        return not one_word
    return (
        particle in POSTPOSITION_PARTICLES
        or (particle in COMITATIVE_PARTICLES and _keeps_base_meaning(cache, lemma, particle))
        or entry is None
        or zipf(lemma) < LEXICALISED_ZIPF
    )


def _fetch_entries(cache: dict, lemma: str) -> list[LexEntry]:
    return cache.get(lemma.lower(), [])


def _verb_gloss(entries: list[LexEntry], reflexive: bool | None = None) -> LexEntry | None:
    for entry in entries:
        if (
            entry.pos in ("VERB", "AUX")
            and entry.glosses
            and (reflexive is None or entry.reflexive == reflexive)
        ):
            return entry
    return None


def separable_verbs(doc: Doc) -> Doc:
    """Join split particle verbs across the clause and mark one-word particle verbs."""
    if doc._.expressions is None:
        doc._.expressions = []
    found, joined, needs_entry = _split_particle_verbs(doc)
    found += _one_word_particle_verbs(doc, joined)
    if not found:
        return doc
    cache = lex_fetch(
        doc,
        {lemma for _, lemma in found}
        | {split[1] for _, lemma in found if (split := split_particle_verb(lemma))},
    )
    for indices, lemma in found:
        _add_particle_verb(doc, cache, indices, lemma, needs_entry)
    return doc


def _split_particle_verbs(doc: Doc) -> tuple[list[tuple[list[int], str]], set[int], set[str]]:
    """Particles joined to their clause's verb (stellte ... vor): (doc token indices, whole
    verb lemma) each, the verbs joined, and the lemmas that count only if the dictionary
    knows them."""
    found: list[tuple[list[int], str]] = []  # (doc token indices, whole verb lemma)
    joined = set()
    # Joins that count only when the dictionary knows the verb: particles HanTa read as
    # adverbs, and any particle after sein, haben or werden, which with an adverb or adjective
    # make a plain predicate (ist weiter, war bekannt, sind auseinander) far more often than
    # a particle verb (hat ... vor, hat ... an).
    needs_entry = set()
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        for k, token in enumerate(tokens):
            if token.tag_ != "PTKVZ" and not _adverb_particle(tokens, k):
                continue
            verb = _clause_verb(tokens, k)
            if verb is None or verb.i in joined:
                continue
            lemma = token.text.lower() + verb.lemma_.lower()
            found.append(([verb.i, token.i], lemma))
            joined.add(verb.i)
            if token.tag_ != "PTKVZ" or verb.tag_ == "VAFIN":
                needs_entry.add(lemma)
    return found, joined, needs_entry


def _one_word_particle_verbs(doc: Doc, joined: set[int]) -> list[tuple[list[int], str]]:
    """Particle verbs written as one word (vorstellen, angeboten), not joined already."""
    found: list[tuple[list[int], str]] = []
    for token in doc:
        if token.i in joined:
            continue
        if token.tag_.startswith("VV"):
            verb_lemma = token.lemma_
        elif (verb_lemma := _participle_lemma(token)) is None:
            continue
        split = split_particle_verb(verb_lemma, token.text)
        # The written form must begin with the particle too (HanTa's lemma could be a guess).
        if split is not None and token.text.lower().startswith(split[0]):
            found.append(([token.i], verb_lemma.lower()))
    return found


def _add_particle_verb(doc: Doc, cache, indices: list[int], lemma: str, needs_entry) -> None:
    """Gloss a particle verb found and list it as an expression, if the dictionary bears it
    out."""
    entries = _fetch_entries(cache, lemma)
    if lemma in needs_entry and _verb_gloss(entries) is None:
        return
    if len(indices) == 1:
        # One word: a particle verb only if the dictionary knows it or its stem is a verb
        # (abonnieren is not ab + onnieren).
        # A known whole word proves nothing (dauern is no da + uern): the stem must be a
        # verb of its own, or the form must show the split (an-ge-boten, an-zu-bieten).
        form = doc[indices[0]].text.lower().replace("\xad", "")
        split = split_particle_verb(lemma, form)
        stem_known = bool(split) and any(
            e.pos in ("VERB", "AUX") for e in _fetch_entries(cache, split[1])
        )
        shows_split = bool(split) and form.startswith((split[0] + "ge", split[0] + "zu"))
        if not stem_known and not (shows_split and entries):
            return
    # The plain verb's sense first; a verb the dictionary knows only as reflexive (sich
    # abspielen) still has that entry, whatever else shares its spelling (das Abspielen).
    entry = _verb_gloss(entries, reflexive=False) or _verb_gloss(entries)
    # The nouns of its clause choose among the verb's senses (eine Bedrohung wahrnehmen).
    senses = entry_senses(entry, word_context(*(doc[i] for i in indices))) if entry else []
    gloss = senses[0] if senses else None
    for i in indices:
        doc[i]._.verb_lemma = lemma
        if entry is not None:
            doc[i]._.gloss = gloss
            doc[i]._.senses = senses
            doc[i]._.gloss_via = "verb"
    particle = (
        doc[max(indices)].text.lower()
        if len(indices) > 1
        else ((split_particle_verb(lemma) or ("",))[0])
    )
    doc._.expressions.append(
        {
            "type": "separable_verb",
            "doc_tokens": sorted(indices),
            "lemma": lemma,
            "gloss": gloss,
            "transparent": _not_lexicalised(cache, lemma, particle, len(indices) == 1, entry),
        }
    )


# The English copulas of a stative or passive-like sense ("to be / get annoyed").
ENGLISH_COPULAS = frozenset({"be", "get", "become", "/"})


def _head_verb(gloss: str) -> str | None:
    """The English verb a sense starts with: "to free oneself" -> "free". A passive-like
    sense counts as its participle's verb ("to be found" -> "find", "to be / get annoyed" ->
    "annoy"): "sich finden" is a plain "finden" whose finder is left out, a decausative, no
    verb of its own. None for "to be glad" or "to have ...", which say nothing about a verb."""
    words = gloss.lower().split()
    if len(words) < 2 or words[0] != "to" or words[1] == "have":
        return None
    if words[1] not in ENGLISH_COPULAS:
        return words[1].split("/")[0]
    rest = [w for w in words[1:] if w not in ENGLISH_COPULAS]
    if not rest:
        return None
    participle = rest[0].split("/")[0]
    verb = simplemma.lemmatize(participle, lang="en")
    return verb if verb != participle else None


def _takes_object(gloss: str) -> bool:
    return gloss.lower().split()[2:3] in (["sth."], ["sb."], ["sb./sth."], ["sth./sb."])


def _reflexive_object(gloss: str) -> bool:
    return any(w.endswith(("self", "selves")) for w in gloss.lower().split())


def _ordinary_reflexive(reflexive: LexEntry, plain: list[LexEntry]) -> bool:
    """Whether one of the reflexive senses is the plain verb done to oneself (sich befreien
    "to free oneself", befreien "to free"; sich behaupten "to assert yourself", behaupten "to
    assert sth."): by PARSEME's test the plain verb takes another object in the same sense, so
    the "sich" is an ordinary object, not part of a verb of its own. Counting, as well, a
    reflexive sense that is the intransitive of a transitive plain sense (sich verringern "to
    decrease", verringern "to decrease sth.") was tried: tune IRV F1 55.3 -> 57.1, held out
    37.7 -> 33.3, as gold files sich versammeln and sich vereinigen as IRV."""
    heads = {v for e in plain for g in e.glosses if (v := _head_verb(g))}
    return any(
        _reflexive_object(gloss) and _head_verb(gloss) in heads for gloss in reflexive.glosses
    )


def inherently_reflexive(entries: list[LexEntry]) -> bool:
    """Whether the verb's "sich" use is a verb of its own: no plain verb entry, or the
    reflexive entry's English verbs are mostly not the plain verb's. Ding glosses a
    decausative or ordinary reflexive with the plain verb's own English verbs (sich ändern "to
    change", sich drehen "to turn, to twist", sich treffen "to meet"); an inherently reflexive
    one with others (sich befinden "to be located", sich einigen "to agree"). A dative
    reflexive with an object of its own ("sich etw. wünschen" "to want sth., to wish for
    sth.") is the plain verb done for oneself as soon as one of its senses is the plain
    verb's. Counted over all senses, so the order the senses are shown in does not matter."""
    reflexive = _verb_gloss(entries, reflexive=True)
    plain = [e for e in entries if e.pos in ("VERB", "AUX") and not e.reflexive and e.glosses]
    if reflexive is None or not plain:
        return reflexive is not None
    if _ordinary_reflexive(reflexive, plain):
        return False
    own = {v for g in reflexive.glosses if (v := _head_verb(g))}
    if not own:
        return True
    shared = own & {v for e in plain for g in e.glosses if (v := _head_verb(g))}
    with_object = sum(map(_takes_object, reflexive.glosses)) * 2 > len(reflexive.glosses)
    return not shared if with_object else len(shared) * 2 < len(own)


def _accusative_object(clause: list, verb, pronoun) -> bool:
    """Whether the clause has an accusative object beside the reflexive pronoun, which then is
    a dative: "sich etwas leisten", "sicherte sich den Sieg" do the plain verb for oneself
    (German allows a verb one accusative). Only unambiguous accusatives count: a masculine
    determiner whose noun is no dative plural, "etwas", "nichts", "ihn"; never one inside a
    prepositional phrase ("für den Sieg")."""
    for k, token in enumerate(clause):
        if token.i in (verb.i, pronoun.i):
            continue
        text = token.text.lower()
        before = clause[k - 1].tag_ if k else ""
        if before in ("APPR", "APPRART", "KOKOM"):
            continue
        if text == "ihn" or (text in QUANTITY_OBJECTS and token.tag_ in ("PIS", "PIAT")):
            return True
        if text in ACCUSATIVE_DETERMINERS and token.tag_ in ("ART", "PIAT", "PPOSAT", "PDAT"):
            noun = next((t for t in clause[k + 1 :] if t.tag_ in ("NN", "NE")), None)
            if noun is not None and (
                text in ACCUSATIVE_ONLY_DETERMINERS or not noun.text.endswith("n")
            ):
                return True
    return False


def _subject_person(tokens, pronoun_text: str) -> bool:
    wanted = REFLEXIVE_PERSONAL.get(pronoun_text.lower())
    return wanted is not None and any(t.text.lower() == wanted for t in tokens)


def reflexive_verbs(doc: Doc) -> Doc:
    """Mark verbs used with a reflexive pronoun when the lexicon has a reflexive entry."""
    if doc._.expressions is None:
        doc._.expressions = []
    candidates = []  # (verb token, pronoun token, clause tokens)
    for span in doc_clauses(doc):
        clause = [t for t in span if not t.is_space]
        pronouns = [
            t
            for t in clause
            if t.tag_ == "PRF"
            or (
                t.text.lower() in REFLEXIVE_PERSONAL
                and t.tag_ in ("PPER", "PRF")
                and _subject_person(clause, t.text)
            )
        ]
        if not pronouns:
            continue
        verbs = [t for t in clause if t.tag_.startswith("VV")]
        for verb in verbs:
            candidates.append((verb, pronouns[0]))
    if not candidates:
        return doc
    cache = lex_fetch(doc, {v._.verb_lemma or v.lemma_ for v, _ in candidates})
    separable = {
        i: e for e in doc._.expressions if e["type"] == "separable_verb" for i in e["doc_tokens"]
    }
    used_pronouns = set()
    for verb, pronoun in candidates:
        if pronoun.i in used_pronouns:
            continue
        lemma = verb._.verb_lemma or verb.lemma_
        entries = _fetch_entries(cache, lemma)
        entry = _verb_gloss(entries, reflexive=True)
        if entry is None:
            continue
        used_pronouns.add(pronoun.i)
        indices = {verb.i, pronoun.i}
        if verb.i in separable:
            indices |= set(separable[verb.i]["doc_tokens"])
        verb._.reflexive = True
        senses = entry_senses(entry, word_context(*(doc[i] for i in indices)))
        gloss = senses[0] if senses else entry.glosses[0]
        for i in indices:
            if doc[i].tag_.startswith("VV") or doc[i].tag_ == "PTKVZ" or i == pronoun.i:
                doc[i]._.gloss = gloss
                doc[i]._.senses = senses
                doc[i]._.gloss_via = "reflexive"
        if verb.i in separable:
            # The popover's headline is the particle verb's: it says what its tokens now say
            # (die Maßnahme zahlte sich aus: "to pay off", not the plain "to pay out sth.").
            separable[verb.i]["gloss"] = gloss
        if not inherently_reflexive(entries):
            continue  # sich ändern: the reflexive sense, but no reflexive-verb note
        if _accusative_object(list(clause_tokens(verb)), verb, pronoun):
            continue  # sich (dative) etwas leisten: done for oneself, no reflexive verb
        doc._.expressions.append(
            {
                "type": "reflexive_verb",
                "doc_tokens": sorted(indices),
                "lemma": "sich " + lemma,
                "gloss": gloss,
            }
        )
    return doc


@Language.factory("randnotiz_separable_verbs", assigns=["token._.verb_lemma", "doc._.expressions"])
def make_separable_verbs(nlp: Language, name: str):
    """stellte ... vor -> vorstellen; vorgeworfen -> vorwerfen (both parts: the whole verb)."""
    return separable_verbs


@Language.factory("randnotiz_reflexive_verbs", assigns=["token._.reflexive", "doc._.expressions"])
def make_reflexive_verbs(nlp: Language, name: str):
    """sich konzentrieren: the verb, its reflexive pronoun (and particle) as one expression."""
    return reflexive_verbs
