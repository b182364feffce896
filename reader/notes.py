"""The grammar notes panel: the article's compounds, idioms, separable and reflexive verbs,
in reading order, each pointing at its place in the text. A pure function of the annotation.

What the panel leaves out, and why. The panel is for what a learner cannot see by reading on;
every word's popover still shows its compound parts, so nothing here is lost, only not repeated:

- A compound is noted once, at its first place, with how often it occurs: the second
  *Reichweite* teaches nothing the first did not.
- Compounds about names and numbers (*US-Präsident*, *Nato-Staaten*, *Ostasien*,
  *Pjöngjang-Moskau*, *70-jährig*): fewer than two parts are common words, so the split only
  says "the Moscow one" or "the 70 one". A part counts as a name when its gloss is capitalised
  throughout (English capitalises names and nationality words: Moscow, North Korea, Korean;
  not Venetian blind) or when it is an acronym, a number or unknown to the dictionary.
  *US-Regierungsvertreter* stays: Regierung + Vertreter is a compound worth reading.
- Compounds that English says word for word, with words that look like the German
  (*Militärtechnologie*: military technology, *Frontlinie*: front line, *Domino-Effekt*): an
  English reader reads them without help. Every part must look like its gloss, and the whole
  word's gloss (where the dictionary has the word) be made of those glosses, so a false friend
  (Gift: poison, Rat: council) or an opaque whole (Lichtmaschine: alternator, not light
  machine) keeps its note.
- The same expression twice at the same words (a separable verb that the idiom list also has:
  *feststellen*) is one note.

There is no cut by frequency: a common compound (*Grenzregion*) is common for the learner too
only once learnt, and the panel, cached for every reader, cannot know who has learnt it. Idioms
and verbs are kept from drowning by these cuts and by the panel's filter chips (by kind, each
still in reading order).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence

from nlp.document import Annotation, CompoundPart, Token

KIND_LABELS = {
    "compound": "Compound",
    "idiom": "Idiom",
    "light_verb": "Fixed phrase",
    "separable_verb": "Separable verb",
    "reflexive_verb": "Reflexive verb",
}
# How alike a part and its gloss must be to count as the same word in both languages
# (difflib's ratio after spelling the German the English way: Effekt/effect 1.0, Linie/line
# 0.89, Partei/party 0.73; Haus/house 0.67 and Kind/child 0.67 stay below).
LOOK_ALIKE = 0.7
_NAME_GLUE = frozenset({"of", "the", "and", "for", "on", "de", "la"})  # Republic of Korea
_AS_ENGLISH = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "k": "c"})


def expression_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def compound_note(token: Token) -> dict:
    parts = token.compound
    return {
        "written": "|".join(p.part.rstrip("-") for p in parts),
        "parts": parts,
        "head_gloss": parts[-1].gloss,
    }


def is_common_word_part(part: CompoundPart) -> bool:
    """A part the dictionary glosses as a common word: not a name, acronym or number."""
    lemma, gloss = part.lemma, part.gloss or ""
    return bool(gloss) and not is_name_gloss(gloss) and lemma.isalpha() and not lemma.isupper()


def is_name_gloss(gloss: str) -> bool:
    """English writes names (and nationality words) with capitals throughout: Moscow, North
    Korea, North Atlantic Treaty Organization, Korean; a common noun keeps lowercase words
    even after a capitalised one (Venetian blind)."""
    first, *rest = gloss.split() or [""]
    return first[:1].isupper() and all(w[:1].isupper() for w in rest if w not in _NAME_GLUE)


def _alike(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b).ratio() >= LOOK_ALIKE


def _first_word(gloss: str | None) -> str:
    words = (gloss or "").lower().split()
    if words[:1] == ["to"]:
        words = words[1:]
    return words[0].replace("k", "c") if words else ""


def looks_like_its_gloss(part: CompoundPart) -> bool:
    """Militär: military, Technologie: technology (the gloss's first word, "to" left out)."""
    english = _first_word(part.gloss)
    german = part.lemma.lower().translate(_AS_ENGLISH)
    return bool(english) and _alike(german, english)


def reads_word_for_word(parts: Sequence[CompoundPart], gloss: str | None) -> bool:
    """The compound is its parts in English too: every part looks like its gloss, and the
    whole word's gloss is made of those glosses (Militärtechnologie: military technology).
    Lichtmaschine (light + machine) is an alternator: it stays.
    A word the dictionary lacks has no gloss of its own or borrows its head's (technology for
    Militärtechnologie); the parts alone decide then."""
    if not all(looks_like_its_gloss(p) for p in parts):
        return False
    if not gloss or gloss == parts[-1].gloss:
        return True
    whole = gloss.lower().replace("-", " ").replace("k", "c").split()
    return all(any(_alike(_first_word(p.gloss), w) for w in whole) for p in parts)


def compound_worth_noting(parts: Sequence[CompoundPart], gloss: str | None = None) -> bool:
    """A split that tells the learner something: two common words at least, and not a word
    an English reader reads unaided (see the module docstring). `gloss` is the whole word's."""
    if sum(is_common_word_part(p) for p in parts) < 2:
        return False
    return not reads_word_for_word(parts, gloss)


def article_notes(annotation: Annotation | None) -> list[dict]:
    """One note per distinct compound worth noting (at its first place, with its count), and
    per idiom, fixed phrase, separable and reflexive verb, ordered as the reader meets them."""
    notes: list[dict] = []
    if not annotation:
        return notes
    sentences = annotation.sentences
    compound_counts = Counter(
        token.key for _, _, token in annotation.tokens() if len(token.compound or ()) >= 2
    )
    seen_compounds: set[str] = set()
    seen_expressions: dict[tuple, dict] = {}
    for s_index, sentence in enumerate(sentences):
        tokens = sentence.tokens
        for t_index, token in enumerate(tokens):
            if len(token.compound or ()) < 2:
                continue
            key = token.key
            if key in seen_compounds:
                continue
            seen_compounds.add(key)
            if not compound_worth_noting(token.compound, token.gloss):
                continue
            notes.append(
                {
                    "kind": "compound",
                    "label": KIND_LABELS["compound"],
                    "s": s_index,
                    "t": t_index,
                    "position": (s_index, t_index),
                    "lemma": token.headword,
                    "words": token.text,
                    "gloss": token.gloss,
                    "count": compound_counts[key],
                    **compound_note(token),
                }
            )
        for expression in sentence.expressions:
            indices = sorted({i for i in expression.tokens if 0 <= i < len(tokens)})
            if not indices:
                continue
            lemma = expression.lemma
            place = (s_index, tuple(indices), lemma.casefold())
            if place in seen_expressions:
                # Keep the first kind's note, with the other's gloss if it had none.
                kept = seen_expressions[place]
                kept["gloss"] = kept["gloss"] or expression.gloss
                continue
            first = indices[0]
            seen_expressions[place] = note = {
                "kind": expression.type,
                "label": expression_label(expression.type),
                "s": s_index,
                "t": first,
                "position": (s_index, first),
                "lemma": lemma,
                "gloss": expression.gloss,
                "literal": expression.literal,
                "words": " … ".join(word_runs(tokens, indices)),
            }
            notes.append(note)
    notes.sort(key=lambda note: note["position"])
    return notes


def word_runs(tokens: Sequence[Token], indices: list[int]) -> list[str]:
    """The expression's words as written, with "…" where other words stand between them:
    "stellte … vor"."""
    runs: list[list[int]] = []
    for i in indices:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [" ".join(tokens[i].text for i in run) for run in runs]
