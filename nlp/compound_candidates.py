"""The lexicon keys a compound split needs: `candidate_substrings(word)` lists every key the
splitter may ask about (one `Lexicon.lookup_many` call per document), and
`vocabulary_for(words, lookup_many)` fetches the same knowledge in a few rounds with a fifth of
the keys (possible heads first, then the parts that start where known parts end).

Pure Python: no Django import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from nlp.compound_vocabulary import ADJ, NOUN, Vocabulary, deumlaut
from nlp.compounds import (
    MAX_WORD,
    CompoundSplitter,
    any_link_endings,
    head_endings,
    name_derivation_bases,
    participle_verbs,
)


def candidate_substrings(word: str, lemma: str | None = None) -> set[str]:
    """Every lexicon key the splitter may ask about for this word (lowercase).

    Fetch these for a document's nouns and adjectives with one `Lexicon.lookup_many` call and
    split against `Vocabulary.from_entries(result)`. `vocabulary_for` gets the same splits
    from far fewer keys (a few calls instead of one); the pipeline uses that.
    """
    keys: set[str] = set()
    for seg in _segments(word, lemma):
        for i in range(len(seg)):
            _add_keys_at(seg, i, keys)
    return keys


def _segments(word: str, lemma: str | None) -> list[str]:
    out = []
    for text in (word, lemma):
        if text and len(text) <= MAX_WORD:
            out.extend(seg for seg in text.lower().split("-") if seg)
    return out


def _add_keys_at(s: str, i: int, keys: set[str], stop: int | None = None) -> None:
    """Keys for every part of `s` that starts at position i (and ends by `stop`)."""
    n = len(s)
    for j in range(i + 2, (n if stop is None else stop) + 1):
        sub = s[i:j]
        keys.add(sub)
        keys.add(sub + "e")
        if j < n:  # a modifier: Fugenelement stripped, elided -e, verb stem, Latin plural
            keys.add(sub + "en")
            keys.add(sub + "n")
            for link in any_link_endings(sub[-3:]):
                if len(sub) - len(link) >= 2:
                    base = sub[: -len(link)]
                    keys.add(base)
                    keys.add(deumlaut(base))
            if sub.endswith("en"):
                keys.update(sub[:-2] + e for e in ("a", "um", "on"))
        else:  # the head: inflection endings stripped
            for ending in head_endings(sub[-3:]):
                if len(sub) - len(ending) >= 2:
                    base = sub[: -len(ending)]
                    keys.add(base)
                    keys.add(deumlaut(base))


def _add_head_keys(s: str, keys: set[str]) -> None:
    keys.update(name_derivation_bases(s))  # Nordkoreaner: is Nordkorea a word?
    keys.update(participle_verbs(s))  # Vorsitzende: is vorsitzen a verb?
    for ending in ("ungen", "ung"):  # the verb of a noun in -ung (Vollendung, vollenden)
        if s.endswith(ending):
            stem = s[: -len(ending)]
            keys.update(stem + e for e in ("en", "n", "ern", "eln"))
            break
    endings = head_endings(s[-3:])  # every ending of s ends like s
    for j in range(len(s) - 1):
        sub = s[j:]
        keys.add(sub)
        for ending in endings:
            if len(sub) - len(ending) >= 2:
                base = sub[: -len(ending)]
                keys.add(base)
                keys.add(deumlaut(base))


def vocabulary_for(
    words: Iterable[tuple[str, str | None]],
    fetch: Callable[[set[str]], Mapping[str, Iterable[object]]],
    max_rounds: int = 8,
) -> Vocabulary:
    """A Vocabulary with every headword the splitter needs for these (word, lemma) pairs.

    `fetch(keys)` is `Lexicon.lookup_many` or anything like it (key -> entries). Instead of
    every substring of every word, it asks in rounds: first for the parts that start a word,
    then for the parts that start where a known part ends (Bundes|verfassungs|gericht: 3
    positions instead of 24), so a document costs a few calls with a fraction of the keys.
    """
    vocab = Vocabulary()
    segments = {seg for word, lemma in words for seg in _segments(word, lemma)}
    # Round one: the possible heads (every ending of the word, inflection stripped). A word
    # without one is no compound, and most words of a text drop out here.
    asked: set[str] = set()
    for seg in segments:
        _add_head_keys(seg, asked)
    if asked:
        vocab.add_entries(fetch(set(asked)))
    probe = CompoundSplitter(vocab)
    heads = frozenset({NOUN, ADJ})
    explored: dict[str, set[int]] = {}
    frontier: dict[str, set[int]] = {}
    # Modifiers end where a head begins, so no part needs asking about beyond the last place
    # a head can begin.
    stop: dict[str, int] = {}
    for seg in segments:
        starts = [j for j in range(2, len(seg) - 1) if probe._head(seg[j:], heads, True)]
        if starts:
            explored[seg] = {0}
            frontier[seg] = {0}
            stop[seg] = max(starts)
    for _ in range(max_rounds):
        if not frontier:
            break
        keys: set[str] = set()
        for seg, positions in frontier.items():
            for i in positions:
                _add_keys_at(seg, i, keys, stop[seg])
        keys -= asked
        asked |= keys
        if keys:
            vocab.add_entries(fetch(keys))
        # Where do known parts end? A throwaway splitter: its memos see this round's words.
        probe = CompoundSplitter(vocab)
        next_frontier: dict[str, set[int]] = {}
        for seg, positions in frontier.items():
            for i in positions:
                for j in range(i + 2, stop[seg]):
                    if j not in explored[seg] and probe._modifier(seg[i:j]):
                        explored[seg].add(j)
                        next_frontier.setdefault(seg, set()).add(j)
        frontier = next_frontier
    return vocab
