"""Learners' word statuses carried over to the lemma a re-annotation gives a word.

A status is keyed by the case-folded lemma (LemmaStatus.key). When a new annotation reads a
word as another lemma (reader.lemma_changes), the learner's "known" or "learning" would stay on
a key that word no longer has, and the word would show as new. Called by
reader.services.article_annotate in the transaction that stores the new annotation.
"""

from __future__ import annotations

from collections.abc import Mapping

from reader.models import LemmaStatus, WordStatus


def statuses_carry_over(changes: Mapping[str, set[str]]) -> None:
    """Give every learner with a status on an old key (`changes`: old key -> new keys) the same
    status on each new key they have none for.

    The old rows stay: other articles may still use the old lemma. A status a learner already
    has on the new key is theirs and wins. The queries do not grow with the article's tokens:
    one read of the old keys' rows, then inserts of a thousand rows each that skip (user, key)
    pairs already there, so a re-annotation racing this one, or the learner setting the status
    meanwhile, cannot make it fail on the unique constraint.
    """
    max_length = LemmaStatus._meta.get_field("key").max_length
    targets = {
        old: {key for key in new if key and len(key) <= max_length} for old, new in changes.items()
    }
    carried: dict[tuple[int, str], str] = {}
    rows = LemmaStatus.objects.filter(key__in=list(targets)).values_list("user_id", "key", "status")
    for user_id, old_key, status in rows:
        for key in targets[old_key]:
            # Two old lemmas that become one ("Häuser" and "Häusern" -> "Haus") with different
            # statuses: "learning" wins, the word keeps being shown for review.
            if carried.get((user_id, key)) != WordStatus.LEARNING:
                carried[(user_id, key)] = status
    LemmaStatus.objects.bulk_create(
        [
            LemmaStatus(user_id=user_id, key=key, status=status)
            for (user_id, key), status in carried.items()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
