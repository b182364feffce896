"""German word formation, for words the dictionary has not got as headwords.

German derives words by regular rules: Münchner from München, Fahrerin from Fahrer, Fusionierung
from fusionieren, kampflos from Kampf, Verletzte from verletzt, herumrühren from herum + rühren.
Each function here proposes the dictionary word a form is made from and says how to turn that
word's English gloss into an honest gloss of the form ("female driver", "without fight",
"act or result of fusionieren: to merge"). Nothing here looks anything up: the glosses component
fetches every proposed key in one batch and keeps the first proposal the dictionary confirms.
Only transparent patterns are proposed; an opaque one (aus + preisen is not "to praise out")
gives no gloss rather than a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from nlp.german import COPULAS, SEPARABLE_PARTICLES

# English gloss of the base word -> gloss of the derived word (None: the base's sense does not fit).
Compose = Callable[[str, str], str | None]  # (base lemma as found, its first gloss) -> gloss


@dataclass(frozen=True)
class Derivation:
    """A proposal: the form is made from `key` (a `pos` word in the dictionary); `compose` makes
    its gloss. `pos` None with `key` None means the gloss is known without a lookup (ordinals)."""

    key: str | None
    pos: frozenset[str]
    compose: Compose
    via: str
    # Glosses that must be a proper name in English (Munich), for place adjectives.
    proper_name: bool = False


_NUMBERS = {
    "ein": 1,
    "eins": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "zwanzig": 20,
    "dreißig": 30,
    "vierzig": 40,
    "fünfzig": 50,
    "hundert": 100,
    "tausend": 1000,
    "halb": 0.5,
    "anderthalb": 1.5,
    "zweieinhalb": 2.5,
}
_ENGLISH_NUMBERS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
    20: "twenty",
    30: "thirty",
    40: "forty",
    50: "fifty",
    100: "hundred",
    1000: "thousand",
    0.5: "half",
    1.5: "one-and-a-half",
    2.5: "two-and-a-half",
}
# Ordinal stems as the tagger lemmatises them (dritten -> dritt): German adds -t up to 19 and
# -st from 20 on, with three irregular ones (erst, dritt, acht).
_ORDINAL_STEMS = {
    "erst": "first",
    "zweit": "second",
    "dritt": "third",
    "viert": "fourth",
    "fünft": "fifth",
    "sechst": "sixth",
    "siebt": "seventh",
    "siebent": "seventh",
    "acht": "eighth",
    "neunt": "ninth",
    "zehnt": "tenth",
    "elft": "eleventh",
    "zwölft": "twelfth",
    "dreizehnt": "thirteenth",
    "vierzehnt": "fourteenth",
    "fünfzehnt": "fifteenth",
    "sechzehnt": "sixteenth",
    "siebzehnt": "seventeenth",
    "achtzehnt": "eighteenth",
    "neunzehnt": "nineteenth",
    "zwanzigst": "twentieth",
    "dreißigst": "thirtieth",
    "vierzigst": "fortieth",
    "fünfzigst": "fiftieth",
    "hundertst": "hundredth",
    "tausendst": "thousandth",
}
# Number + suffix adjectives (70-jährig, dreiminütig, 45-minütig): the suffix's English.
_MEASURES = {
    "jährig": "{n}-year-old; lasting {n} years",
    "monatig": "{n}-month; lasting {n} months",
    "wöchig": "{n}-week; lasting {n} weeks",
    "tägig": "{n}-day; lasting {n} days",
    "stündig": "{n}-hour; lasting {n} hours",
    "minütig": "{n}-minute; lasting {n} minutes",
    "sekündig": "{n}-second",
    "malig": "happening {n} times; {n}-time",
    "fach": "{n}-fold; {n} times",
    "prozentig": "{n}-percent",
    "köpfig": "with {n} members; {n}-headed",
    "teilig": "in {n} parts; {n}-part",
    "seitig": "{n}-page; {n}-sided",
    "stöckig": "{n}-storey",
    "sprachig": "in {n} languages",
}
_MEASURE = re.compile(
    r"^(\d+(?:[.,]\d+)?|[a-zäöüß]+?)-?(" + "|".join(_MEASURES) + r")(?:e[nrms]?)?$"
)
_DECADE = re.compile(r"^(\d0)-?er(?:-?jahr\w*)?$")

# Separable particles whose meaning is plain and directional, so particle + verb reads off
# literally (heranrücken: to move closer). Opaque ones (an, auf, aus, ab, ein, vor, zu, um,
# über, durch) are left out: anfangen is not "to catch on".
PARTICLE_MEANINGS = {
    "heran": "closer, up to",
    "herum": "around",
    "herein": "in",
    "heraus": "out",
    "herunter": "down",
    "herauf": "up",
    "herüber": "over, across",
    "hervor": "forth, out",
    "herbei": "here, up",
    "hinaus": "out",
    "hinein": "in, into",
    "hinunter": "down",
    "hinauf": "up",
    "hinüber": "over, across",
    "hinweg": "away, over",
    "hinterher": "after, behind",
    "voran": "forward, ahead",
    "voraus": "ahead",
    "vorbei": "past, by",
    "vorüber": "past",
    "weg": "away",
    "weiter": "further, on",
    "zurück": "back",
    "zusammen": "together",
    "entgegen": "towards, against",
    "empor": "up",
    "fest": "firmly, fixed",
    "frei": "free",
    "hoch": "up, high",
    "leer": "empty",
    "los": "off, away",
    "mit": "along, with",
    "fort": "away, on",
    "heim": "home",
    "auseinander": "apart",
    "rein": "in",
    "raus": "out",
    "runter": "down",
    "rauf": "up",
    "rüber": "over, across",
    "davon": "away",
    "nieder": "down",
    "umher": "about",
    "wieder": "again",
    "her": "here, towards the speaker",
    "hin": "there, towards",
}
_INSEPARABLE = (
    "be",
    "emp",
    "ent",
    "er",
    "ge",
    "miss",
    "ver",
    "zer",
    "über",
    "unter",
    "hinter",
    "wider",
    "voll",
)
# Strong and mixed participles: the end of the participle -> the end of the infinitive.
# German has about 170 strong verbs; these stems cover the common ones and all verbs built on
# them (verstanden -> verstehen, erschienen -> erscheinen).
_STRONG = {
    "sungen": "singen",
    "sunken": "sinken",
    "trunken": "trinken",
    "funden": "finden",
    "bunden": "binden",
    "sprungen": "springen",
    "zwungen": "zwingen",
    "klungen": "klingen",
    "rungen": "ringen",
    "schwommen": "schwimmen",
    "gonnen": "ginnen",
    "wonnen": "winnen",
    "standen": "stehen",
    "gangen": "gehen",
    "schienen": "scheinen",
    "schrieben": "schreiben",
    "blieben": "bleiben",
    "trieben": "treiben",
    "rieben": "reiben",
    "mieden": "meiden",
    "schieden": "scheiden",
    "wiesen": "weisen",
    "priesen": "preisen",
    "stiegen": "steigen",
    "schwiegen": "schweigen",
    "liehen": "leihen",
    "zogen": "ziehen",
    "bogen": "biegen",
    "flogen": "fliegen",
    "logen": "lügen",
    "boten": "bieten",
    "schossen": "schießen",
    "flossen": "fließen",
    "gossen": "gießen",
    "schlossen": "schließen",
    "nossen": "nießen",
    "rochen": "riechen",
    "krochen": "kriechen",
    "brochen": "brechen",
    "sprochen": "sprechen",
    "stochen": "stechen",
    "nommen": "nehmen",
    "troffen": "treffen",
    "worfen": "werfen",
    "holfen": "helfen",
    "golten": "gelten",
    "storben": "sterben",
    "worben": "werben",
    "borgen": "bergen",
    "stohlen": "stehlen",
    "fohlen": "fehlen",
    "hoben": "heben",
    "schoben": "schieben",
    "froren": "frieren",
    "loren": "lieren",
    "sessen": "sitzen",
    "legen": "liegen",
    "wesen": "sein",
    "worden": "werden",
    "griffen": "greifen",
    "kniffen": "kneifen",
    "schnitten": "schneiden",
    "litten": "leiden",
    "stritten": "streiten",
    "ritten": "reiten",
    "glitten": "gleiten",
    "pfiffen": "pfeifen",
    "schliffen": "schleifen",
    "wichen": "weichen",
    "glichen": "gleichen",
    "schlichen": "schleichen",
    "strichen": "streichen",
    "wogen": "wiegen",
    "schworen": "schwören",
    "hangen": "hängen",
    "gessen": "essen",
    "quollen": "quellen",
    "schwollen": "schwellen",
    "molzen": "melzen",
    "drungen": "dringen",
    "schlungen": "schlingen",
    "wunden": "winden",
    "nannt": "nennen",
    "brannt": "brennen",
    "kannt": "kennen",
    "rannt": "rennen",
    "sandt": "senden",
    "wandt": "wenden",
    "bracht": "bringen",
    "dacht": "denken",
    "wusst": "wissen",
    "mocht": "mögen",
    "durft": "dürfen",
    "konnt": "können",
    "musst": "müssen",
}
_UMLAUT = str.maketrans("äöüÄÖÜ", "aouAOU")


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def _de_umlaut_last(word: str) -> str:
    """Haus from Häus(chen), Arzt from Ärzt(in): the umlaut a suffix brings is on the last
    umlautable vowel."""
    for i in range(len(word) - 1, -1, -1):
        if word[i] in "äöüÄÖÜ":
            return word[:i] + word[i].translate(_UMLAUT) + word[i + 1 :]
    return word


def _number(text: str) -> str | None:
    if text.replace(".", "").replace(",", "").isdigit():
        return text
    value = _NUMBERS.get(text.lower())
    return _ENGLISH_NUMBERS.get(value) if value is not None else None


def _fixed(gloss: str) -> Compose:
    return lambda _lemma, _gloss: gloss


def number_word_gloss(lemma: str) -> str | None:
    """dritt -> third; 70-jährig -> 70-year-old; dreiminütig -> three-minute; 60er -> the 60s."""
    low = lemma.lower().rstrip(".")
    if low in _ORDINAL_STEMS:
        return _ORDINAL_STEMS[low]
    for ending in ("e", "en", "er", "es", "em"):
        if low.endswith(ending) and low[: -len(ending)] in _ORDINAL_STEMS:
            return _ORDINAL_STEMS[low[: -len(ending)]]
    match = _MEASURE.match(low)
    if match:
        n = _number(match.group(1))
        if n is not None:
            return _MEASURES[match.group(2)].format(n=n)
    match = _DECADE.match(low)
    if match:
        return f"(the) {match.group(1)}s"
    return None


def participle_infinitives(word: str) -> list[str]:
    """Infinitives a participle can come from, most likely first: geliefert -> liefern,
    verfeindet -> verfeinden, eingesetzt -> einsetzen, bellend -> bellen, gewaschen -> waschen,
    erschienen -> erscheinen, genannt -> nennen. The lexicon decides which exist."""
    word = word.lower()
    if len(word) < 5:
        return []
    if word.endswith(("end", "elnd", "ernd")):  # present participle: infinitive + d
        return [word[:-1]]
    # (core without ge-, whether the form had ge-): eingesetzt -> einsetzt
    cores = [(word, False)]
    if word.startswith("ge") and len(word) > 5:
        cores.append((word[2:], True))
    for particle in SEPARABLE_PARTICLES:
        if word.startswith(particle + "ge") and len(word) > len(particle) + 5:
            cores.append((particle + word[len(particle) + 2 :], True))
    out = []
    for core, had_ge in cores:
        if core.endswith("en"):
            out.append(core)  # gewaschen: waschen; bekommen: bekommen
            out += [core[: -len(end)] + inf for end, inf in _STRONG.items() if core.endswith(end)]
        elif core.endswith("t"):
            out += [core[: -len(end)] + inf for end, inf in _STRONG.items() if core.endswith(end)]
            # Without ge- a weak participle has an inseparable prefix or ends in -iert
            # (verfeindet, fusioniert): "dicht" is no participle of "dichen".
            if had_ge or _without_ge(core):
                out.append(_weak_infinitive(core[:-2] if core.endswith("et") else core[:-1]))
    return [inf for inf in dict.fromkeys(out) if len(inf) >= 5]


def _weak_infinitive(stem: str) -> str:
    """wander -> wandern, lächel -> lächeln, but adressier -> adressieren."""
    if stem.endswith(("el", "er")) and not stem.endswith("ier"):
        return stem + "n"
    return stem + "en"


def _without_ge(core: str) -> bool:
    if core.endswith("iert"):
        return True
    for particle in ("", *SEPARABLE_PARTICLES):
        rest = core[len(particle) :]
        if core.startswith(particle) and rest.startswith(_INSEPARABLE) and len(rest) >= 6:
            return True
    return False


def _strip_inflection(word: str) -> list[str]:
    """angegebene -> angegeben; wachsender -> wachsend: adjective endings the lemmatiser left."""
    out = []
    for ending in ("en", "em", "er", "es", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            out.append(word[: -len(ending)])
    return out


def participle_derivations(
    word: str, template: str = "participle of {verb}: {gloss}"
) -> list[Derivation]:
    """The verb a participle-adjective is made from (gesungen -> singen)."""
    return [
        Derivation(
            infinitive,
            frozenset({"VERB"}),
            lambda lemma, gloss, t=template: t.format(verb=lemma, gloss=gloss, form=word),
            "participle",
        )
        for infinitive in participle_infinitives(word)
    ]


def copula_derivations(word: str) -> list[Derivation]:
    """verfeindet -> the headword "verfeindet sein", glossed "verfeindet sein: to be enemies":
    the phrase is the dictionary's sense of the word, and it says which verb goes with it."""
    return [
        Derivation(
            f"{word} {copula}",
            frozenset({"VERB"}),
            lambda lemma, gloss: f"{lemma}: {gloss}",
            "copula",
        )
        for copula in COPULAS
    ]


def place_bases(word: str) -> list[str]:
    """Place names an -er or -isch adjective can be made from: Münchner -> München,
    Dresdener -> Dresden, Bonner -> Bonn, Göttinger -> Göttingen, Bremer -> Bremen,
    Münsteraner -> Münster, lippisch -> Lippe, mecklenburgisch -> Mecklenburg."""
    low = word.lower()
    stems: list[str] = []
    if low.endswith("er") and len(low) >= 5:
        stem = low[:-2]
        stems += [stem, stem + "en", stem + "n", stem + "e"]
        if stem.endswith("n") and not stem.endswith("en"):
            stems.append(stem[:-1] + "en")  # Münchn-er: München
        if stem.endswith("an"):
            stems.append(stem[:-2])  # Münsteran-er: Münster
    for ending in ("ische", "isch"):
        if low.endswith(ending) and len(low) > len(ending) + 2:
            stem = low[: -len(ending)]
            stems += [stem, stem + "e", stem + "en", stem + "ien", stem + "a"]
            break
    return [_capitalise(s) for s in dict.fromkeys(stems) if len(s) >= 3]


def _of_place(lemma: str, gloss: str) -> str:
    return f"of/from {gloss}"


def derivations(text: str, lemma: str, pos: str) -> list[Derivation]:
    """What a form the dictionary lacks can be made from, most specific proposal first."""
    out: list[Derivation] = []
    low = lemma.lower()
    if pos in ("ADJ", "ADV", "NOUN"):
        fixed = number_word_gloss(lemma) or number_word_gloss(text)
        if fixed:
            return [Derivation(None, frozenset(), _fixed(fixed), "number")]
    capitalised = text[:1].isupper()
    if pos == "ADJ" and (capitalised or low.endswith(("isch", "ische"))):
        # Place adjectives are capitalised and indeclinable (Münchner Polizei); their -isch
        # siblings are not (lippische Dörfer). Either way the base must be a name in English.
        # Nouns in -er are left alone: most are agent nouns (Rapper is no person from Rappen).
        for base in place_bases(text if text.lower().endswith("er") else lemma):
            out.append(Derivation(base, frozenset({"NOUN", "PROPN"}), _of_place, "place", True))
    if pos in ("ADJ", "ADV"):
        out += copula_derivations(low)
    if pos == "ADJ":
        forms = [low] + _strip_inflection(low)
        for form in forms:
            out += participle_derivations(form)
        for form in forms[1:]:
            out.append(Derivation(form, frozenset({"ADJ"}), lambda lemma, gloss: gloss, "lemma"))
        out += _adjective_derivations(low)
    if pos == "NOUN":
        out += _noun_derivations(lemma)
    if "-" in text[1:-1] and text.rsplit("-", 1)[1][:1].isupper():
        # The capitalised last part of a hyphenated word is a noun whatever the tagger made of
        # the whole (700-Einwohner-Gemeinde tagged ADJ): it carries the meaning.
        last = text.rsplit("-", 1)[1]
        out.append(Derivation(last, frozenset({"NOUN"}), lambda lemma, gloss: gloss, "head"))
    if pos == "ADV":
        out += _adverb_derivations(low)
    if pos == "VERB":
        out += _separable_derivations(low, low)
    if pos == "ADJ":
        for verb in participle_infinitives(low):
            out += _separable_derivations(verb, low)
    return out


def _separable_derivations(verb: str, form: str) -> list[Derivation]:
    """herumrühren -> herum- (around) + rühren: to stir. A participle (form != verb) counts
    only with its ge- after the particle (hingepflanzt): hochmotiviert is hoch + motiviert."""
    out = []
    participle = form != verb
    for particle, meaning in sorted(PARTICLE_MEANINGS.items(), key=lambda kv: -len(kv[0])):
        rest = verb[len(particle) :]
        if participle and not form.startswith(particle + "ge"):
            continue
        if verb.startswith(particle) and len(rest) >= 4 and rest.endswith("n"):
            prefix = "participle of " if participle else ""
            out.append(
                Derivation(
                    rest,
                    frozenset({"VERB"}),
                    lambda lemma, gloss, p=particle, m=meaning, pre=prefix, v=verb: (
                        f"{pre}{v}: {p}- ({m}) + {lemma}: {gloss}"
                    ),
                    "particle",
                )
            )
            break  # the longest particle: herum-, not her- + um-
    return out


def _adjective_derivations(low: str) -> list[Derivation]:
    out = []
    # un- negates an adjective (unbeliebt: not popular).
    if low.startswith("un") and len(low) >= 7:
        out.append(
            Derivation(
                low[2:],
                frozenset({"ADJ"}),
                lambda lemma, gloss: f"not {gloss} (un- + {lemma})",
                "derived",
            )
        )
    # -los: without (kampflos, konzeptionslos with the Fugen-s, the linking s).
    if low.endswith("los") and len(low) >= 7:
        stem = low[:-3]
        for base in (stem, stem[:-1] if stem.endswith("s") else None, stem + "e"):
            if base and len(base) >= 3:
                out.append(
                    Derivation(
                        _capitalise(base),
                        frozenset({"NOUN"}),
                        lambda lemma, gloss: f"without {_bare(gloss)} ({lemma} + -los)",
                        "derived",
                    )
                )
    # Comparative and superlative forms the lemmatiser left (wärmer, jüngst).
    for ending, word in (("er", "more"), ("st", "most"), ("est", "most")):
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            stem = low[: -len(ending)]
            for base in dict.fromkeys((stem, _de_umlaut_last(stem))):
                out.append(
                    Derivation(
                        base,
                        frozenset({"ADJ"}),
                        lambda lemma, gloss, w=word: f"{w} {gloss} (from {lemma})",
                        "comparison",
                    )
                )
    return out


def _adverb_derivations(low: str) -> list[Derivation]:
    out = []
    if low.endswith("weise") and len(low) >= 9:
        stem = low[:-5]
        for base in (stem, stem + "e"):
            out.append(
                Derivation(
                    _capitalise(base),
                    frozenset({"NOUN"}),
                    lambda lemma, gloss: f"by the {_bare(gloss)} ({lemma} + -weise)",
                    "derived",
                )
            )
        if stem.endswith("er"):  # dummerweise: dumm + erweise, a comment on the whole sentence
            out.append(
                Derivation(
                    stem[:-2],
                    frozenset({"ADJ"}),
                    lambda lemma, gloss: f"(which is) {gloss} ({lemma} + -erweise)",
                    "derived",
                )
            )
    if low.endswith("stens") and len(low) >= 8:  # wärmstens: superlative adverb
        stem = low[:-5]
        for base in dict.fromkeys((stem, _de_umlaut_last(stem))):
            out.append(
                Derivation(
                    base,
                    frozenset({"ADJ", "ADV"}),
                    lambda lemma, gloss: f"most {gloss} (from {lemma})",
                    "comparison",
                )
            )
    return out


def _bare(gloss: str) -> str:
    """fight, not "the fight": for "without ..." and "by the ..."."""
    for article in ("the ", "a ", "an "):
        if gloss.startswith(article):
            return gloss[len(article) :]
    return gloss


def _noun_derivations(lemma: str) -> list[Derivation]:
    """The words a noun may be formed from, one suffix family at a time."""
    low = lemma.lower()
    return [
        *_feminine_derivations(lemma, low),
        *_diminutive_derivations(lemma, low),
        *_action_derivations(low),
        *_quality_derivations(low),
        *_nominalised_derivations(low),
    ]


def _feminine_derivations(lemma: str, low: str) -> list[Derivation]:
    """Feminine -in (Fahrerin, Ärztin; plural Fahrerinnen, which lemmatisers often cut to
    Fahrerinn): the base noun, with the umlaut the suffix brought undone."""
    for ending in ("innen", "inn", "in"):
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            stem = lemma[: -len(ending)]
            # The compound's head when the whole base is no headword (Mitorganisator-in).
            heads = [_capitalise(stem[i:]) for i in range(2, len(stem) - 3)]
            return [
                Derivation(
                    base,
                    frozenset({"NOUN"}),
                    lambda lemma, gloss: f"{gloss} (female)",
                    "female",
                )
                for base in dict.fromkeys((stem, _de_umlaut_last(stem), *heads))
            ]
    return []


def _diminutive_derivations(lemma: str, low: str) -> list[Derivation]:
    """Diminutives (Tischchen, Häuschen, Büchlein): small, and often endearing."""
    out: list[Derivation] = []
    for ending in ("chen", "lein"):
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            stem = lemma[: -len(ending)]
            bases = [stem, stem + "e", _de_umlaut_last(stem), _de_umlaut_last(stem) + "e"]
            for base in dict.fromkeys(bases):
                out.append(
                    Derivation(
                        base,
                        frozenset({"NOUN"}),
                        lambda lemma, gloss, e=ending: f"little {_bare(gloss)} ({lemma} + -{e})",
                        "diminutive",
                    )
                )
    return out


def _action_derivations(low: str) -> list[Derivation]:
    """-ung names the action of a verb or its result (Fusionierung, Veredlung)."""
    if not (low.endswith("ung") and len(low) >= 7):
        return []
    stem = low[:-3]
    bases = [stem + "en", stem + "n"]
    if stem.endswith(("l", "r")) and not stem.endswith(("el", "er")):
        bases.append(stem[:-1] + "e" + stem[-1] + "n")  # Veredl-ung: veredeln
    return [
        Derivation(
            base,
            frozenset({"VERB"}),
            lambda lemma, gloss: f"act or result of {lemma}: {gloss}",
            "derived",
        )
        for base in bases
    ]


def _quality_derivations(low: str) -> list[Derivation]:
    """-heit / -keit / -igkeit name the quality of an adjective (Lockerheit)."""
    for ending in ("igkeit", "heit", "keit"):
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            stem = low[: -len(ending)]
            return [
                Derivation(
                    base,
                    frozenset({"ADJ"}),
                    lambda lemma, gloss: f"being {gloss} (noun from {lemma})",
                    "derived",
                )
                for base in (stem, stem + "ig")
            ]
    return []


def _nominalised_derivations(low: str) -> list[Derivation]:
    """Adjectives and participles used as nouns (der Verletzte, die Interessierten): the
    lemmatiser keeps the adjective ending."""
    for ending in ("en", "er", "e"):
        if low.endswith(ending) and len(low) - len(ending) >= 4:
            stem = low[: -len(ending)]
            if stem.endswith("isch"):
                return []  # das Arabische is the Arabic language, not "someone Arab"
            return [
                Derivation(
                    stem,
                    frozenset({"ADJ"}),
                    lambda lemma, gloss: f"someone or something {gloss} (noun from {lemma})",
                    "nominalised",
                ),
                *participle_derivations(
                    stem,
                    "someone or something {form} (participle of {verb}: {gloss})",
                ),
            ]
    return []
