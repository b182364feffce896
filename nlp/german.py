"""German closed-class knowledge, defined once for the pipeline and the dictionary importers.

Word lists (determiners, possessives, prepositions and their contractions with the article,
light verbs, copulas), STTS tag sets, Ding's grammar tags, and word frequency (wordfreq's Zipf
scale). Every component of nlp and every importer in lexicon/importers reads them from
here, so that two copies cannot drift apart again (issue 15 found the separable particles
listed twice with about 24 words each that the other lacked).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping

from wordfreq import get_frequency_dict, zipf_frequency

DETERMINERS = {
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einen",
    "einem",
    "einer",
    "eines",
    "kein",
    "keine",
    "keinen",
    "keinem",
    "keiner",
    "keines",
}

# Verbs that carry little meaning of their own in a Funktionsverbgefüge (light-verb
# construction: "eine Entscheidung treffen", "in Frage stellen", "Abschied nehmen"). The one
# list for the importer's first classification (lexicon.importers.ding) and the idiom
# selection (lexicon.idiom_selection).
LIGHT_VERBS = {
    "treffen",
    "stellen",
    "nehmen",
    "bringen",
    "kommen",
    "finden",
    "geben",
    "halten",
    "machen",
    "führen",
    "ziehen",
    "üben",
    "ausüben",
    "leisten",
    "erteilen",
    "erheben",
    "setzen",
    "legen",
    "ergreifen",
    "fassen",
    "treten",
    "stehen",
    "geraten",
    "haben",
    "tragen",
    "gehen",
    "liegen",
    "erfahren",
    "erhalten",
    "schenken",
    "zollen",
    "versetzen",
    "unternehmen",
    "vornehmen",
    "durchführen",
    "aufnehmen",
    "abgeben",
    "verüben",
    "begehen",
    "betreiben",
    "bleiben",
    "gelangen",
    "genießen",
    "anstellen",
    "schließen",
    "erregen",
    "hegen",
    "äußern",
    "stiften",
    "sein",
    "werden",
    "spielen",
}

POSSESSIVES = {
    stem + ending
    for stem in ("mein", "dein", "sein", "ihr", "unser")
    for ending in ("", "e", "en", "em", "er", "es")
} | {"euer", "eure", "euren", "eurem", "eurer", "eures"}
# "sein" is both a possessive and the verb "to be": as the last word it is the verb.

# Determiners of a masculine accusative singular ("den Platz", "einen Wagen", "seinen Teil");
# "den", "-en" possessives and "diesen" also begin a dative plural, whose noun ends in -n.
ACCUSATIVE_DETERMINERS = frozenset(
    {"den", "einen", "keinen", "diesen", "jeden", "jenen", "manchen", "welchen"}
    | {p for p in POSSESSIVES if p.endswith("en")}
)
# "ein" has no plural: "einen" is always the masculine accusative singular ("einen Wagen").
ACCUSATIVE_ONLY_DETERMINERS = frozenset({"einen"})
# "etwas", "nichts" as pronouns or before a noun ("etwas Neues", "etwas Geld") are objects.
QUANTITY_OBJECTS = frozenset({"etwas", "nichts"})

PREPOSITIONS = {
    "an",
    "auf",
    "aus",
    "bei",
    "durch",
    "für",
    "gegen",
    "hinter",
    "in",
    "mit",
    "nach",
    "neben",
    "ohne",
    "seit",
    "über",
    "um",
    "unter",
    "von",
    "vor",
    "zu",
    "zwischen",
    "wegen",
    "trotz",
    "ab",
    "bis",
    "außer",
    "gegenüber",
    "entlang",
    "als",
    "wie",
    "statt",
    "anstatt",
    "jenseits",
    "innerhalb",
    "außerhalb",
    "mittels",
    "zugunsten",
    "aufgrund",
    "angesichts",
    "binnen",
}

CONTRACTIONS = {
    "ins": ("in", "das"),
    "im": ("in", "dem"),
    "ans": ("an", "das"),
    "am": ("an", "dem"),
    "aufs": ("auf", "das"),
    "zum": ("zu", "dem"),
    "zur": ("zu", "der"),
    "vom": ("von", "dem"),
    "beim": ("bei", "dem"),
    "übers": ("über", "das"),
    "überm": ("über", "dem"),
    "ums": ("um", "das"),
    "unterm": ("unter", "dem"),
    "unters": ("unter", "das"),
    "hinterm": ("hinter", "dem"),
    "hinters": ("hinter", "das"),
    "vors": ("vor", "das"),
    "vorm": ("vor", "dem"),
    "durchs": ("durch", "das"),
    "fürs": ("für", "das"),
}

# The verbs the dictionary writes some adjectives and participles with, and only so
# ("verfeindet sein :: to be enemies", "fündig werden :: to strike it rich"): such a phrase is
# also an entry of its own under "verfeindet sein" (lexicon.importers.ding), which
# nlp.word_formation looks up for a bare "verfeindeten".
COPULAS = ("sein", "werden")


# --- separable verb particles ----------------------------------------------------------------

# Words that join a verb as its separable particle: they stand apart from the finite verb
# ("kündigte ... an") and inside its participle and zu-infinitive (an-ge-kündigt,
# an-zu-kündigen): prepositions and adverbs (auf, dabei, hinzu), nouns (teil, statt) and the
# adjectives the pipeline joins in running text (fest, kaputt). Longest first, so that a prefix
# match finds "heraus" before "her". Read by the separable-verb component (nlp.verbs)
# and word formation's participles; measured on PARSEME dev (docs/benchmarks.md), adding the
# idiom compiler's adjectives here (still, leer, weh ...) joins wrong verbs in running text
# (stillgelegt), so those stay ADJECTIVE_PARTICLES only.
SEPARABLE_PARTICLES = tuple(
    sorted(
        set(
            """ab an auf aus bei da dabei dafür dagegen daher dahin daneben dar davon dazu
            dazwischen durch ein empor entgegen entlang fehl fern fest fort frei gegenüber heim
            her herab heran herauf heraus herbei herein herüber herum herunter hervor hin hinab
            hinauf hinaus hinein hinterher hinüber hinunter hinzu hoch kehrt los mit nach
            nieder statt teil über um umher unter vor voran voraus vorbei vorüber vorweg weg
            weiter wieder zu zurecht zurück zusammen zuvor zwischen
            bekannt bereit fertig gut kaputt kennen klar kurz nahe offen schwer sicher voll
            wahr""".split()
        ),
        key=lambda particle: (-len(particle), particle),
    )
)
# Adjectives (and kennen) a dictionary writes joined to a verb as its particle (zunichtemachen,
# wehtun, kennenlernen): the idiom compiler splits them off the dictionary's verbs, and counts a
# verb with such a particle as an idiom on its own (feststellen, bekanntgeben: PARSEME's VID).
ADJECTIVE_PARTICLES = frozenset(
    """abhanden bekannt bereit bloß breit fern fertig fest frei gleich gut hoch kalt kaputt
    kennen klar klein krank kurz leer leicht leid locker nahe offen pleite richtig schief
    schlecht schön schwarz schwer sicher still tot übel voll vonstatten wahr weh wett zugute
    zunichte""".split()
)
# The idiom compiler's particles: every word either list says may join a dictionary verb.
DICTIONARY_PARTICLES = tuple(
    sorted(
        set(SEPARABLE_PARTICLES) | ADJECTIVE_PARTICLES,
        key=lambda particle: (-len(particle), particle),
    )
)
# Adjectives standing apart as a particle in running text (ging schief, stand still, macht
# locker) are resultative or idiomatic predicates, not particle verbs: PARSEME files them under
# idioms (VID) or not at all, so the separable-verb component leaves them out of VPC then.
# Measured on PARSEME dev: all of ADJECTIVE_PARTICLES here costs precision (a one-word
# "hochmotiviert" would pass as a particle verb unchecked).
SEPARATED_ADJECTIVE_PARTICLES = frozenset(
    "schief locker still fest frei kaputt klar offen schwer kurz voll weh bekannt gut nahe "
    "fertig sicher wahr bereit".split()
)


# Ding's grammar tags -> UPOS ({m}, {vt}, {adj}, ...). {m,f} and the like: the first gender is
# the usual one. {pl} alone is no word class: a plural form, or a plural-only noun (Leute).
DING_TAG_UPOS = {
    "m": "NOUN",
    "f": "NOUN",
    "n": "NOUN",
    "vt": "VERB",
    "vi": "VERB",
    "vr": "VERB",
    "v": "VERB",
    "adj": "ADJ",
    "adv": "ADV",
    "prp": "ADP",
    "conj": "CCONJ",
    "pron": "PRON",
    "ppron": "PRON",
    "art": "DET",
    "num": "NUM",
    "interj": "INTJ",
    "partikel": "PART",
}
DING_VERB_TAGS = frozenset(tag for tag, upos in DING_TAG_UPOS.items() if upos == "VERB")


# --- STTS tag sets ---------------------------------------------------------------------------

# The finite verb forms of STTS: full verbs, auxiliaries, modals (indicative, subjunctive and
# imperative alike).
FINITE_VERB_TAGS = frozenset({"VVFIN", "VVIMP", "VAFIN", "VAIMP", "VMFIN"})
# Infinitives (with and without zu) and past participles.
NONFINITE_VERB_TAGS = frozenset({"VVINF", "VVIZU", "VVPP", "VAINF", "VAPP", "VMINF", "VMPP"})
# Words that open a subordinate clause: conjunctions (weil, um ... zu), relative and
# interrogative pronouns and adverbs (der, dessen, wer, wo, welche).
SUBORDINATOR_TAGS = frozenset({"KOUS", "KOUI", "PRELS", "PRELAT", "PWS", "PWAV", "PWAT"})


# --- reported speech and pronoun agreement ----------------------------------------------------

# Verbs (lemmas, separable ones whole: ankündigen) that introduce what someone said, wrote or
# claimed: "X sagte, ...", "..., kündigte X an". News reports them with Konjunktiv I.
SPEECH_VERBS = frozenset(
    {
        "sagen",
        "erklären",
        "betonen",
        "berichten",
        "ankündigen",
        "mitteilen",
        "schreiben",
        "meinen",
        "warnen",
        "fordern",
        "kritisieren",
        "versichern",
        "vorrechnen",
        "einräumen",
        "argumentieren",
        "erwidern",
        "entgegnen",
        "widersprechen",
        "bestätigen",
        "behaupten",
        "hinzufügen",
        "ergänzen",
        "unterstreichen",
        "bekräftigen",
        "sprechen",
        "verweisen",
        "begründen",
        "antworten",
        "klagen",
        "beklagen",
        "mahnen",
        "zugeben",
        "erläutern",
    }
)

# Third-person pronouns of people and things and what they agree with: (gender, number) pairs,
# gender m/f/n, number sg/pl. "sie" is a woman, a feminine noun or any plural; the finite verb
# tells which (sie sagte / sie sagten).
PRONOUN_AGREEMENT: Mapping[str, frozenset[tuple[str, str]]] = {
    "er": frozenset({("m", "sg")}),
    "ihn": frozenset({("m", "sg")}),
    "ihm": frozenset({("m", "sg"), ("n", "sg")}),
    "es": frozenset({("n", "sg")}),
    "sie": frozenset({("f", "sg"), ("m", "pl"), ("f", "pl"), ("n", "pl")}),
    "ihr": frozenset({("f", "sg")}),  # the dative (ihr gehört); the possessive is ambiguous
    "ihnen": frozenset({("m", "pl"), ("f", "pl"), ("n", "pl")}),
}

# --- word frequency --------------------------------------------------------------------------

_PLAIN_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def frequencies(lang: str = "de") -> Mapping[str, float]:
    """wordfreq's table of word -> frequency. wordfreq caches it itself (zipf_frequency loads
    it too), so reading it directly costs no memory beyond that."""
    return get_frequency_dict(lang, wordlist="best")


@functools.lru_cache(maxsize=200_000)
def zipf(word: str, lang: str = "de") -> float:
    """wordfreq's Zipf frequency (0 when unknown), as zipf_frequency gives it. A plain word
    is read from the table directly (wordfreq casefolds: ß -> ss), saving the ~0.3 ms of
    tokenising per call that zipf_frequency spends; anything else goes through it."""
    if not _PLAIN_WORD.fullmatch(word):
        return zipf_frequency(word, lang)
    freq = frequencies(lang).get(word.casefold())
    return round(math.log10(freq) + 9, 2) if freq else 0.0
