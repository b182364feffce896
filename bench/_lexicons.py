"""Lexicons for the bench scripts: the database one (DbLexicon) when Django and an imported
dictionary are there, else a MemoryLexicon read straight from Ding's file (headwords only)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DING = "/usr/share/trans/de-en"
_POS = {
    "{m}": "NOUN",
    "{f}": "NOUN",
    "{n}": "NOUN",
    "{pl}": "NOUN",
    "{vt}": "VERB",
    "{vi}": "VERB",
    "{vr}": "VERB",
    "{adj}": "ADJ",
    "{adv}": "ADV",
    "{prp}": "ADP",
    "{conj}": "CCONJ",
    "{pron}": "PRON",
    "{art}": "DET",
    "{num}": "NUM",
    "{interj}": "INTJ",
}
_BRACKETS = re.compile(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)")
_ARTICLE = re.compile(r"^(der|die|das|sich|jdn\.|jdm\.|etw\.|jds\.)\s+", re.I)


def ding_lexicon(path: str = DING):
    """A MemoryLexicon of Ding's headwords (first synonym of each sub-entry) with their
    aligned English glosses: close enough to the imported database for benchmarks."""
    from nlp.lexicon import LexEntry, MemoryLexicon

    entries = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or " :: " not in line:
                continue
            german, english = line.rstrip("\n").split(" :: ", 1)
            en_parts = english.split(" | ")
            for k, part in enumerate(german.split(" | ")):
                for synonym in part.split("; ")[:3]:
                    pos = next((p for tag, p in _POS.items() if tag in synonym), None)
                    word = _BRACKETS.sub("", synonym).strip()
                    while _ARTICLE.match(word):
                        word = _ARTICLE.sub("", word)
                    if not word or " " in word or "{pl}" in synonym:
                        continue
                    gloss = _BRACKETS.sub("", en_parts[k] if k < len(en_parts) else "")
                    gloss = gloss.split("; ")[0].strip()
                    if pos is None:
                        pos = (
                            "NOUN"
                            if word[0].isupper()
                            else "VERB"
                            if gloss.startswith("to ")
                            else "X"
                        )
                    reflexive = synonym.lstrip().startswith("sich ") or "{vr}" in synonym
                    gender = next((g for g in "mfn" if "{" + g + "}" in synonym), None)
                    entries.append(
                        LexEntry(word, pos, (gloss,) if gloss else (), gender, reflexive=reflexive)
                    )
    return MemoryLexicon(entries)


def get_lexicon(kind: str = "auto"):
    """kind: db, ding, none or auto (db if it has entries, else ding)."""
    from nlp.lexicon import MemoryLexicon

    if kind == "none":
        return MemoryLexicon(), "none"
    if kind in ("db", "auto"):
        try:
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
            import django

            django.setup()
            from lexicon.database import DbLexicon

            lexicon = DbLexicon()
            if lexicon.is_word("Haus") or kind == "db":
                return lexicon, "db"
        except Exception as error:  # no lexicon.database yet, or no database
            if kind == "db":
                raise
            print(f"(database lexicon unavailable: {error}; using Ding's file)", file=sys.stderr)
    return ding_lexicon(), "ding-file"
