"""Reads for the reading view."""

from __future__ import annotations


def word_statuses_for(user) -> dict[str, str]:
    """lemma key -> status for a learner (glossary.selectors.word_statuses); empty for
    anonymous readers."""
    from glossary.selectors import word_statuses

    if not getattr(user, "is_authenticated", False):
        return {}
    return word_statuses(user)
