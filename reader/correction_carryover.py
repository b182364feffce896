"""Teachers' word corrections carried over to the lemma a re-annotation gives a word.

Gloss and compound corrections are keyed by the case-folded lemma (Correction.key) and applied
to every token with that key (reader/corrections.py). When a new annotation reads a word as
another lemma (reader.lemma_changes), the correction would match nothing and silently stop
applying. Called by reader.services.article_annotate in the transaction that stores the new
annotation; that transaction holds the article's row, so two re-annotations of one article
cannot both copy its corrections.
"""

from __future__ import annotations

from collections.abc import Mapping

from nlp.document import Annotation
from reader.lemma_changes import token_keys_by_position
from reader.models import Correction

# The word corrections that replace one another for the same key (classroom.services.
# correction_add): one gloss, one compound note per word.
WORD_GROUPS = {
    Correction.Kind.GLOSS: "gloss",
    Correction.Kind.COMPOUND_SET: "compound",
    Correction.Kind.COMPOUND_REMOVE: "compound",
}


def corrections_carry_over(
    article_id: int, changes: Mapping[str, set[str]], annotation: Annotation
) -> None:
    """Make the article's gloss and compound corrections of an old key (`changes`: old key ->
    new keys) apply to the new keys of `annotation`, the new annotation.

    A correction whose old key no longer occurs and that has one new key is moved to it; one
    whose old key still occurs elsewhere in the text, or that has several new keys, is copied.
    A teacher's correction already on the new key is theirs and wins.
    """
    corrections = list(
        Correction.objects.filter(article_id=article_id, kind__in=list(WORD_GROUPS)).order_by(
            "created_at", "pk"
        )
    )
    corrected = {(WORD_GROUPS[c.kind], c.key) for c in corrections}
    still_used = set(token_keys_by_position(annotation).values())
    max_length = Correction._meta.get_field("key").max_length
    moved: list[Correction] = []
    copies: list[Correction] = []
    for correction in corrections:
        group = WORD_GROUPS[correction.kind]
        targets = sorted(
            key
            for key in changes.get(correction.key, ())
            if (group, key) not in corrected and len(key) <= max_length
        )
        if not targets:
            continue
        corrected.update((group, key) for key in targets)
        if len(targets) == 1 and correction.key not in still_used:
            correction.key = targets[0]
            moved.append(correction)
            continue
        copies.extend(
            Correction(
                article_id=article_id,
                kind=correction.kind,
                key=key,
                sentence=correction.sentence,
                data=correction.data,
                created_by_id=correction.created_by_id,
            )
            for key in targets
        )
    Correction.objects.bulk_update(moved, ["key"], batch_size=500)
    Correction.objects.bulk_create(copies, batch_size=500)
