"""Plain-English labels for what the tagger found: "verb, past tense", "die Haubitze, -n"."""

from __future__ import annotations

import unicodedata

POS_NAMES = {
    "NOUN": "noun",
    "PROPN": "name",
    "VERB": "verb",
    "AUX": "auxiliary verb",
    "ADJ": "adjective",
    "ADV": "adverb",
    "ADP": "preposition",
    "DET": "article",
    "PRON": "pronoun",
    "CCONJ": "conjunction",
    "SCONJ": "conjunction",
    "PART": "particle",
    "NUM": "number",
    "INTJ": "interjection",
    "X": "foreign word",
}
ARTICLES = {"m": "der", "f": "die", "n": "das"}


def parse_feats(feats: str | None) -> dict[str, str]:
    if not feats or feats == "_":
        return {}
    pairs = (item.split("=", 1) for item in feats.split("|") if "=" in item)
    return {key: value for key, value in pairs}


def pos_label(upos: str, xpos: str = "", feats: str | None = None) -> str:
    """ "verb, past tense", "noun, plural", "adjective, comparative", "verb, past participle"."""
    name = POS_NAMES.get(upos, upos.lower() or "word")
    f = parse_feats(feats)
    details = []
    if upos in {"VERB", "AUX"}:
        form = f.get("VerbForm")
        if form == "Part" or xpos.endswith("PP"):
            details.append("past participle")
        elif form == "Inf" or xpos.endswith("INF") or xpos.endswith("IZU"):
            details.append("infinitive with zu" if xpos.endswith("IZU") else "infinitive")
        elif xpos.endswith("IMP") or f.get("Mood") == "Imp":
            details.append("imperative")
        else:
            tense = f.get("Tense")
            if f.get("Mood") == "Sub":
                # Konjunktiv II says "would/could"; Konjunktiv I marks reported speech.
                details.append(
                    "subjunctive II (would, could)"
                    if tense == "Past"
                    else "subjunctive I (reported speech)"
                )
            elif tense == "Past":
                details.append("past tense")
            elif tense == "Pres":
                details.append("present tense")
    elif upos in {"NOUN", "ADJ"}:
        if f.get("Number") == "Plur" and upos == "NOUN":
            details.append("plural")
        degree = f.get("Degree")
        if degree == "Cmp":
            details.append("comparative")
        elif degree == "Sup":
            details.append("superlative")
    return ", ".join([name, *details])


def _strip_umlauts(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def plural_suffix(lemma: str, plural: str | None) -> str | None:
    """Dictionary shorthand for a plural: Haubitze/Haubitzen -> "-n", Haus/Häuser -> "¨-er",
    Lehrer/Lehrer -> "-", anything irregular -> the whole plural form."""
    if not plural:
        return None
    if plural == lemma:
        return "-"
    if plural.startswith(lemma):
        return "-" + plural[len(lemma) :]
    if _strip_umlauts(plural).startswith(lemma) and len(plural) >= len(lemma):
        rest = plural[len(lemma) :]
        return "¨-" + rest if rest else "¨-"
    return plural


def noun_headline(lemma: str, gender: str | None, plural: str | None) -> str:
    """ "die Haubitze, -n"; without gender just the lemma."""
    head = f"{ARTICLES[gender]} {lemma}" if gender in ARTICLES else lemma
    suffix = plural_suffix(lemma, plural)
    return f"{head}, {suffix}" if suffix else head
