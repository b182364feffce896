"""Tense and mood of finite verbs, degree of adjectives: what a learner's popover says in plain
English ("verb, past tense", "adjective, superlative").

HanTa's tags carry no morphology, so the features are read off the form against its lemma:
weak verbs build the Präteritum with -te (stell|te -> stellen), strong and irregular verbs change
their stem (kam -> kommen), which a table of the common ones covers; Konjunktiv II forms
(wäre, hätte, würde, könnte) and reported-speech Konjunktiv I (sei, habe, solle) are moods of
their own.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

# Präteritum stems of strong and irregular verbs: infinitive -> 1st/3rd person singular past.
STRONG_PAST = {
    "backen": "buk",
    "befehlen": "befahl",
    "beginnen": "begann",
    "beißen": "biss",
    "bergen": "barg",
    "betrügen": "betrog",
    "biegen": "bog",
    "bieten": "bot",
    "binden": "band",
    "bitten": "bat",
    "blasen": "blies",
    "bleiben": "blieb",
    "braten": "briet",
    "brechen": "brach",
    "brennen": "brannte",
    "bringen": "brachte",
    "denken": "dachte",
    "dringen": "drang",
    "dürfen": "durfte",
    "empfehlen": "empfahl",
    "essen": "aß",
    "fahren": "fuhr",
    "fallen": "fiel",
    "fangen": "fing",
    "fechten": "focht",
    "finden": "fand",
    "fliegen": "flog",
    "fliehen": "floh",
    "fließen": "floss",
    "fressen": "fraß",
    "frieren": "fror",
    "geben": "gab",
    "gehen": "ging",
    "gelingen": "gelang",
    "gelten": "galt",
    "genießen": "genoss",
    "geschehen": "geschah",
    "gewinnen": "gewann",
    "gießen": "goss",
    "gleichen": "glich",
    "gleiten": "glitt",
    "graben": "grub",
    "greifen": "griff",
    "haben": "hatte",
    "halten": "hielt",
    "hängen": "hing",
    "heben": "hob",
    "heißen": "hieß",
    "helfen": "half",
    "kennen": "kannte",
    "klingen": "klang",
    "kommen": "kam",
    "können": "konnte",
    "kriechen": "kroch",
    "laden": "lud",
    "lassen": "ließ",
    "laufen": "lief",
    "leiden": "litt",
    "leihen": "lieh",
    "lesen": "las",
    "liegen": "lag",
    "lügen": "log",
    "meiden": "mied",
    "messen": "maß",
    "mögen": "mochte",
    "müssen": "musste",
    "nehmen": "nahm",
    "nennen": "nannte",
    "pfeifen": "pfiff",
    "preisen": "pries",
    "raten": "riet",
    "reiben": "rieb",
    "reißen": "riss",
    "reiten": "ritt",
    "rennen": "rannte",
    "riechen": "roch",
    "rufen": "rief",
    "saufen": "soff",
    "schaffen": "schuf",
    "scheiden": "schied",
    "scheinen": "schien",
    "schieben": "schob",
    "schießen": "schoss",
    "schlafen": "schlief",
    "schlagen": "schlug",
    "schleichen": "schlich",
    "schließen": "schloss",
    "schmelzen": "schmolz",
    "schneiden": "schnitt",
    "schreiben": "schrieb",
    "schreien": "schrie",
    "schweigen": "schwieg",
    "schwimmen": "schwamm",
    "schwören": "schwor",
    "sehen": "sah",
    "sein": "war",
    "senden": "sandte",
    "singen": "sang",
    "sinken": "sank",
    "sitzen": "saß",
    "sprechen": "sprach",
    "springen": "sprang",
    "stechen": "stach",
    "stehen": "stand",
    "stehlen": "stahl",
    "steigen": "stieg",
    "sterben": "starb",
    "stoßen": "stieß",
    "streichen": "strich",
    "streiten": "stritt",
    "tragen": "trug",
    "treffen": "traf",
    "treiben": "trieb",
    "treten": "trat",
    "trinken": "trank",
    "tun": "tat",
    "verderben": "verdarb",
    "vergessen": "vergaß",
    "verlieren": "verlor",
    "wachsen": "wuchs",
    "waschen": "wusch",
    "weisen": "wies",
    "wenden": "wandte",
    "werben": "warb",
    "werden": "wurde",
    "werfen": "warf",
    "wiegen": "wog",
    "wissen": "wusste",
    "ziehen": "zog",
    "zwingen": "zwang",
}
# Konjunktiv II forms a learner meets in news ("dürfte kein Zufall sein").
SUBJUNCTIVE_II = {
    "wäre",
    "wärst",
    "wären",
    "wärt",
    "hätte",
    "hättest",
    "hätten",
    "hättet",
    "würde",
    "würdest",
    "würden",
    "würdet",
    "könnte",
    "könntest",
    "könnten",
    "müsste",
    "müssten",
    "dürfte",
    "dürften",
    "möchte",
    "möchtest",
    "möchten",
    "bräuchte",
    "bräuchten",
    "käme",
    "kämen",
    "gäbe",
    "gäben",
    "ginge",
    "gingen",
    "läge",
    "lägen",
    "stünde",
    "stünden",
    "wüsste",
    "wüssten",
    "ließe",
    "ließen",
}
# Konjunktiv I of reported speech ("Russland habe ... zusammengezogen").
SUBJUNCTIVE_I = {
    "sei",
    "seiest",
    "seien",
    "habe",
    "werde",
    "könne",
    "müsse",
    "dürfe",
    "solle",
    "wolle",
    "möge",
    "gebe",
    "stehe",
    "gehe",
    "komme",
    "liege",
    "wisse",
    "lasse",
    "halte",
    "plane",
}
PAST_ENDINGS = ("", "st", "en", "t", "n", "est", "et")
WEAK_PAST = ("ete", "etest", "eten", "etet", "te", "test", "ten", "tet")


def _strong_past_forms() -> dict[str, str]:
    forms = {}
    for infinitive, stem in STRONG_PAST.items():
        for ending in PAST_ENDINGS:
            # brachte -> brachten, not brachteen
            form = (
                stem + ending
                if not (stem.endswith("e") and ending.startswith("e"))
                else stem + ending[1:]
            )
            forms.setdefault(form, infinitive)
    return forms


STRONG_PAST_FORMS = _strong_past_forms()


def _verb_stem(lemma: str) -> str:
    lemma = lemma.lower()
    if lemma.endswith(("eln", "ern")):
        return lemma[:-1]
    return lemma[:-2] if lemma.endswith("en") else lemma[:-1] if lemma.endswith("n") else lemma


def finite_verb_feats(
    form: str, lemma: str, first_person_in_clause: bool = False
) -> dict[str, str]:
    """Tense and mood of a finite verb form: {"Tense": "Past", "Mood": "Ind"} etc."""
    low = form.lower()
    lemma = (lemma or low).lower()
    if low in SUBJUNCTIVE_II:
        return {"Mood": "Sub", "Tense": "Past"}
    if low in SUBJUNCTIVE_I and not first_person_in_clause:
        return {"Mood": "Sub", "Tense": "Pres"}
    infinitive = STRONG_PAST_FORMS.get(low)
    # Particle verbs: fuhr ... auf -> auffahren ends with the table's fahren.
    if infinitive and (lemma == infinitive or lemma.endswith(infinitive)):
        return {"Mood": "Ind", "Tense": "Past"}
    stem = _verb_stem(lemma)
    for ending in WEAK_PAST:
        if low.endswith(ending) and len(low) > len(ending) + 1:
            base = low[: -len(ending)]
            if stem.endswith(base) and len(base) >= 2:
                return {"Mood": "Ind", "Tense": "Past"}
    return {"Mood": "Ind", "Tense": "Pres"}


def adjective_degree(form: str, lemma: str) -> str:
    """Pos / Cmp / Sup from the form against its lemma (schwerste -> Sup, größerer -> Cmp)."""
    low, lemma = form.lower(), (lemma or form).lower()
    rest = low[len(lemma) :] if low.startswith(lemma) else None
    if rest is None:
        # Umlauted comparatives: größer, älter, härter
        plain = low.replace("ä", "a").replace("ö", "o").replace("ü", "u")
        rest = plain[len(lemma) :] if plain.startswith(lemma) else ""
    if rest.startswith(("st", "est")) and lemma not in {"fest", "best"}:
        return "Sup"
    if rest.startswith("er") and not lemma.endswith("er"):
        return "Cmp"
    return "Pos"


def _merge(feats: str, extra: dict[str, str]) -> str:
    parts = dict(item.split("=", 1) for item in feats.split("|") if "=" in item) if feats else {}
    parts.update(extra)
    return "|".join(f"{k}={v}" for k, v in sorted(parts.items()))


def add_morphology(doc: Doc) -> Doc:
    for sentence in doc.sents:
        first_person = any(t.lower_ in {"ich", "wir"} for t in sentence)
        for token in sentence:
            tag = token.tag_
            if tag in {"VVFIN", "VAFIN", "VMFIN"}:
                lemma = token._.verb_lemma or token.lemma_
                extra = finite_verb_feats(token.text, lemma, first_person)
            elif tag in {"ADJA", "ADJD"}:
                extra = {"Degree": adjective_degree(token.text, token.lemma_)}
            else:
                continue
            token.set_morph(_merge(str(token.morph), extra))
    return doc


@Language.factory("randnotiz_morphology")
def make_morphology(nlp: Language, name: str):
    return add_morphology
