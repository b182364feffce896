"""Which words a new annotation of an article gives another lemma than the one it replaces.

A pipeline or lexicon upgrade may lemmatise a word differently (an older pipeline left the
plural "Truppen" as its own lemma, a newer one says "Truppe"). Learners' statuses and teachers'
word corrections are keyed by the case-folded lemma (nlp.document.Token.key), so they must
be carried from the old key to the new one (reader/status_carryover.py,
reader/correction_carryover.py). A pure function over the two annotations: no database.
"""

from __future__ import annotations

from nlp.document import Annotation
from reader.rendering import is_interactive


def token_keys_by_position(annotation: Annotation | None) -> dict[tuple[int, str], str]:
    """(character offset in the article's text, token text) -> lemma key, for every word a
    learner can mark.

    A token is named by where it starts in the text, not by its sentence and token index: every
    token's text + ws, concatenated, gives back the text (nlp.pipeline.annotate_text),
    so the offset stays the same when a new pipeline splits the sentences differently.
    """
    keys: dict[tuple[int, str], str] = {}
    offset = 0
    for _, _, token in annotation.tokens() if annotation else ():
        text = token.text
        if text and is_interactive(token):
            keys[(offset, text)] = token.key
        offset += len(text) + len(token.ws)
    return keys


def lemma_changes(old: Annotation | None, new: Annotation | None) -> dict[str, set[str]]:
    """old lemma key -> the new keys its words have in `new`, for the words at the same place
    with the same text in both annotations whose key changed. A word the new pipeline
    tokenises differently has no counterpart and is left out. An old key can map to several new
    keys (the same form read as two lemmas in two sentences)."""
    before = token_keys_by_position(old)
    changes: dict[str, set[str]] = {}
    for position, key in token_keys_by_position(new).items():
        old_key = before.get(position)
        if old_key is not None and old_key != key:
            changes.setdefault(old_key, set()).add(key)
    return changes
