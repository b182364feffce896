"""STTS (the Stuttgart-Tübingen tagset HanTa speaks) -> Universal Dependencies UPOS and FEATS.

HanTa's taglevel=1 writes STTS with the subtype in parentheses (``VV(FIN)``, ``ADJ(A)``);
`normalize_stts` turns that back into plain STTS (``VVFIN``, ``ADJA``). The UPOS mapping follows
the UD German treebanks (GSD, HDT): modal and auxiliary verbs are AUX, the separated verb
particle (PTKVZ) is ADP, pronominal adverbs (PROAV: darauf, womit) are ADV.
"""

from __future__ import annotations

import re
import unicodedata

STTS_TO_UPOS: dict[str, str] = {
    "ADJA": "ADJ",
    "ADJD": "ADJ",
    "ADV": "ADV",
    "APPR": "ADP",
    "APPRART": "ADP",
    "APPO": "ADP",
    "APZR": "ADP",
    "ART": "DET",
    "CARD": "NUM",
    "FM": "X",
    "ITJ": "INTJ",
    "KOUI": "SCONJ",
    "KOUS": "SCONJ",
    "KON": "CCONJ",
    "KOKOM": "CCONJ",
    "NN": "NOUN",
    "NE": "PROPN",
    "PDS": "PRON",
    "PDAT": "DET",
    "PIS": "PRON",
    "PIAT": "DET",
    "PIDAT": "DET",
    "PPER": "PRON",
    "PPOSS": "PRON",
    "PPOSAT": "DET",
    "PRELS": "PRON",
    "PRELAT": "DET",
    "PRF": "PRON",
    "PWS": "PRON",
    "PWAT": "DET",
    "PWAV": "ADV",
    "PAV": "ADV",
    "PROAV": "ADV",
    "PTKZU": "PART",
    "PTKNEG": "PART",
    "PTKVZ": "ADP",
    "PTKANT": "PART",
    "PTKA": "PART",
    "TRUNC": "X",
    "VVFIN": "VERB",
    "VVIMP": "VERB",
    "VVINF": "VERB",
    "VVIZU": "VERB",
    "VVPP": "VERB",
    "VAFIN": "AUX",
    "VAIMP": "AUX",
    "VAINF": "AUX",
    "VAPP": "AUX",
    "VMFIN": "AUX",
    "VMINF": "AUX",
    "VMPP": "AUX",
    "XY": "X",
    "$,": "PUNCT",
    "$.": "PUNCT",
    "$(": "PUNCT",
}

# Morphological features that follow from the STTS tag alone (HanTa's taglevel=1 gives no case,
# number or gender; those would need a morphological analyser per token).
STTS_FEATS: dict[str, str] = {
    "ADJA": "Degree=Pos",
    "ADJD": "Degree=Pos",
    "APPRART": "PronType=Art",
    "ART": "PronType=Art",
    "CARD": "NumType=Card",
    "PDS": "PronType=Dem",
    "PDAT": "PronType=Dem",
    "PIS": "PronType=Ind",
    "PIAT": "PronType=Ind",
    "PIDAT": "PronType=Ind",
    "PPER": "PronType=Prs",
    "PPOSS": "Poss=Yes|PronType=Prs",
    "PPOSAT": "Poss=Yes|PronType=Prs",
    "PRELS": "PronType=Rel",
    "PRELAT": "PronType=Rel",
    "PRF": "PronType=Prs|Reflex=Yes",
    "PWS": "PronType=Int",
    "PWAT": "PronType=Int",
    "PWAV": "PronType=Int",
    "PTKNEG": "Polarity=Neg",
    "VVFIN": "VerbForm=Fin",
    "VAFIN": "VerbForm=Fin",
    "VMFIN": "VerbForm=Fin",
    "VVIMP": "Mood=Imp|VerbForm=Fin",
    "VAIMP": "Mood=Imp|VerbForm=Fin",
    "VVINF": "VerbForm=Inf",
    "VAINF": "VerbForm=Inf",
    "VMINF": "VerbForm=Inf",
    "VVIZU": "VerbForm=Inf",
    "VVPP": "VerbForm=Part",
    "VAPP": "VerbForm=Part",
    "VMPP": "VerbForm=Part",
}

_PAREN = re.compile(r"[()]")
_ORDINAL = re.compile(r"^\d{1,4}\.$")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*(?:[.,]-)?%?$")


# HanTa's own refinements of STTS: nominalised adjectives (die Vorsitzende) and
# infinitives (das Essen) are plain nouns in STTS.
HANTA_EXTRA = {"NNA": "NN", "NNI": "NN", "$": "$(", "UNKNOWN": "XY"}


def normalize_stts(tag: str) -> str:
    """HanTa's ``VV(FIN)`` -> ``VVFIN``; ``ADJ(A)`` -> ``ADJA``; ``NNA`` -> ``NN``."""
    tag = _PAREN.sub("", tag) if "(" in tag else tag
    return HANTA_EXTRA.get(tag, tag)


def upos_for(stts: str) -> str:
    return STTS_TO_UPOS.get(stts, "X")


def is_punct(text: str) -> bool:
    """Every character is punctuation or a symbol (quotes „“, dashes, ellipsis, brackets)."""
    return bool(text) and all(unicodedata.category(c)[0] in "PS" for c in text)


def is_number(text: str) -> bool:
    """50.000, 1,5, 2024, 11. (ordinal written with a dot), 3,-"""
    return bool(_NUMBER.match(text))


def is_ordinal(text: str) -> bool:
    """11. (Korps), 3. (Oktober): a number with a full stop the tokenizer kept attached."""
    return bool(_ORDINAL.match(text))


def punct_stts(text: str) -> str:
    """The STTS punctuation class: sentence-final, comma, or other ($()."""
    if text in {".", "!", "?", "…", "...", ":", ";", "?!", "!?"}:
        return "$."
    if text == ",":
        return "$,"
    return "$("
