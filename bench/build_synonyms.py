"""Build reader/quiz/data/synonyms.txt: the synonyms a quiz paraphrase may use.

    PYTHONPATH=. .venv/bin/python bench/build_synonyms.py

OpenThesaurus (Debian's openthesaurus-de-text) proposes the pairs; Ding (trans-de-en) confirms
them. A pair is kept when the two words share two thesaurus sets or more (reader/quiz/
thesaurus.py says why) and Ding gives both the same part of speech and at least one identical
English gloss, "sth."/"sb." included, so a verb keeps its objects. The file lists those glosses:
the quiz swaps a word only where its gloss in this sentence is one of them, so the synonym has
the sense the sentence uses. Nouns carry the synonym's gender and plural from Ding, which the
paraphrase needs to put it in the sentence's form.
"""

from __future__ import annotations

from pathlib import Path

from lexicon.importers.ding import parse_file
from reader.quiz.thesaurus import THESAURUS, safe_pairs

DING = Path("/usr/share/trans/de-en")
OUT = Path(__file__).resolve().parent.parent / "reader" / "quiz" / "data" / "synonyms.txt"
POS = {"NOUN", "VERB", "ADJ", "ADV"}


def ding_words() -> dict[tuple[str, str], dict]:
    """(headword, pos) -> glosses, gender, plural of the word's main entries."""
    words: dict[tuple[str, str], dict] = {}
    for line in parse_file(DING):
        for word in line.words:
            if word.pos not in POS or word.frame or word.reflexive or " " in word.headword:
                continue
            entry = words.setdefault(
                (word.headword, word.pos), {"glosses": set(), "gender": "", "plural": ""}
            )
            entry["glosses"].update(g.gloss.strip() for g in word.glosses if g.gloss.strip())
            entry["gender"] = entry["gender"] or word.gender
            entry["plural"] = entry["plural"] or word.plural
    return words


def main() -> None:
    words = ding_words()
    rows = []
    for a, b in safe_pairs(THESAURUS):
        for pos in sorted(POS):
            x, y = words.get((a, pos)), words.get((b, pos))
            if not x or not y:
                continue
            shared = sorted(x["glosses"] & y["glosses"])
            if shared:
                rows.append((a, b, pos, y["gender"], y["plural"], "|".join(shared)))
    header = (
        "# word, synonym, part of speech, the synonym's gender and plural, the English glosses\n"
        "# they share; made by bench/build_synonyms.py from OpenThesaurus (LGPL-2.1, D. Naber)\n"
        "# and Ding (GPL-2+, Frank Richter): do not edit.\n"
    )
    OUT.write_text(header + "".join("\t".join(r) + "\n" for r in sorted(set(rows))), "utf-8")
    print(f"{len(rows)} pairs -> {OUT}")


if __name__ == "__main__":
    main()
