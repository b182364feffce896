"""`DbLexicon`: the annotation pipeline's lexicon (nlp.lexicon.Lexicon) over the database.

Lookups go to indexed columns, a document's words in one query (chunked), so no process holds
the dictionary in memory (a dict of all of Ding costs about 400 MB per process). Each DbLexicon
keeps a bounded LRU cache of the words it has looked up: create one per document or task (the
pipeline asks for the same words several times), and a re-import or a teacher's correction is
seen by the next one. The idiom list is cached per process under `idioms_key`, which changes
whenever the selected idioms do.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterable

from django.db import connection
from django.db.models import Count, FilteredRelation, Max, Q

from lexicon.idiom_selection import CURATED_PATH, load_curated
from lexicon.models import SOURCE_PRIORITY, DictionaryImport, Entry, Idiom, IdiomKind, Source
from nlp.lexicon import IdiomEntry, LexEntry, best_entry, lexicon_key

# Keys per query: each key is bound twice (headword and plural), and SQLite builds before 3.32
# allow 999 parameters per statement.
CHUNK_SIZE = 450
# Senses fetched per entry: the popover shows three; a few more let the pipeline choose.
MAX_SENSES = 8
# Senses with a context (a verb's line nouns) are fetched this far down too: a verb's later
# line may be the one its object names. Ding's import keeps at most 20 senses an entry.
MAX_CONTEXT_SENSES = 20
CACHE_SIZE = 20_000
CACHE_SECONDS = 300.0
# Idiom.rank is tier * RANK_TIER + Ding line (see lexicon.importers.ding_db).
RANK_TIER = 1_000_000


class _LruCache:
    """key -> tuple of LexEntry (an empty tuple remembers a miss), thread-safe, with expiry."""

    def __init__(self, size: int, seconds: float):
        self.size, self.seconds = size, seconds
        self._data: OrderedDict[str, tuple[LexEntry, ...]] = OrderedDict()
        self._lock = threading.Lock()
        self._born = time.monotonic()

    def get_many(self, keys: Iterable[str]) -> dict[str, tuple[LexEntry, ...]]:
        with self._lock:
            if time.monotonic() - self._born > self.seconds:
                self._data.clear()
                self._born = time.monotonic()
            found = {}
            for key in keys:
                if key in self._data:
                    self._data.move_to_end(key)
                    found[key] = self._data[key]
            return found

    def put_many(self, items: dict[str, tuple[LexEntry, ...]]) -> None:
        with self._lock:
            self._data.update(items)
            for key in items:
                self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._born = time.monotonic()


_idiom_cache: dict[str, tuple[object, list[IdiomEntry]]] = {}


def _source_order(source: str) -> int:
    return SOURCE_PRIORITY.get(source, len(SOURCE_PRIORITY))


class DbLexicon:
    """The Lexicon protocol over lexicon.Entry / Sense / Idiom.

    - `lookup_many(lemmas)`: key -> entries, best first (a teacher's correction, then our
      curated entries, then Ding by rank, then Wiktionary); a lemma that is no headword but
      the plural of one (Haubitzen, which HanTa leaves unreduced) finds the singular's entry,
      whose `lemma` then differs from the key.
    - `lookup(lemma, pos)`, `is_word(lemma)`: the same data one word at a time.
    - `idioms()`: teacher and curated idioms, then Ding's selected idioms by rank.
    """

    def __init__(self, *, max_senses: int = MAX_SENSES, cache_size: int = CACHE_SIZE):
        self.max_senses = max_senses
        self._cache = _LruCache(cache_size, CACHE_SECONDS)
        self._idioms_key: object = None

    # --- words ---------------------------------------------------------------------------

    def lookup_many(self, lemmas: Iterable[str]) -> dict[str, list[LexEntry]]:
        spelled: dict[str, str] = {}
        for lemma in lemmas:
            if lemma and lemma.strip():
                spelled.setdefault(lexicon_key(lemma), lemma.strip())
        if not spelled:
            return {}
        found = self._cache.get_many(spelled)
        missing = [key for key in spelled if key not in found]
        if missing:
            fetched = self._fetch(missing)
            self._cache.put_many(fetched)
            found.update(fetched)
        return {
            key: _prefer_spelling(list(entries), spelled[key])
            for key, entries in found.items()
            if entries
        }

    def lookup(self, lemma: str, pos: str | None = None) -> LexEntry | None:
        entries = self.lookup_many([lemma]).get(lexicon_key(lemma), [])
        return best_entry(entries, pos)

    def is_word(self, lemma: str) -> bool:
        return bool(self.lookup_many([lemma]))

    def _existing(self, keys: list[str]) -> set[str]:
        """The keys that are a headword or a plural: an index-only query. The compound splitter
        asks for thousands of candidate parts per document and most are no words, so joining
        senses for all of them cost most of its time."""
        # Raw SQL: the ORM's per-parameter preparation of `key__in` cost more than the query.
        table = connection.ops.quote_name(Entry._meta.db_table)
        found: set[str] = set()
        with connection.cursor() as cursor:
            for start in range(0, len(keys), CHUNK_SIZE):
                chunk = keys[start : start + CHUNK_SIZE]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"SELECT key FROM {table} WHERE key IN ({marks}) "
                    f"UNION SELECT plural_key FROM {table} WHERE plural_key IN ({marks})",
                    chunk + chunk,
                )
                found.update(row[0] for row in cursor.fetchall())
        return found

    def _fetch(self, keys: list[str]) -> dict[str, tuple[LexEntry, ...]]:
        """Entries joined with their first senses, no model instances: one query per chunk of
        the keys that exist (see _existing)."""
        if len(keys) > CHUNK_SIZE // 4:
            existing = self._existing(keys)
            misses = {key: () for key in keys if key not in existing}
            hits = [key for key in keys if key in existing]
            found = {**misses, **(self._fetch_entries(hits) if hits else {})}
        else:
            found = self._fetch_entries(keys)
        phrases = [key for key in keys if " " in key and not found.get(key)]
        if phrases:
            found.update(_phrase_entries(phrases))
        return found

    def _fetch_entries(self, keys: list[str]) -> dict[str, tuple[LexEntry, ...]]:
        by_key: dict[str, dict[int, dict]] = {key: {} for key in keys}
        by_plural: dict[str, dict[int, dict]] = {key: {} for key in keys}
        for start in range(0, len(keys), CHUNK_SIZE):
            for row in self._entry_rows(keys[start : start + CHUNK_SIZE]):
                _collect_entry_row(row, by_key, by_plural, self.max_senses)
        result: dict[str, tuple[LexEntry, ...]] = {}
        for key in keys:
            rows_for_key = by_key[key] or by_plural[key]
            ordered = sorted(rows_for_key.values(), key=lambda e: e["order"])
            result[key] = tuple(_lex_entry(e) for e in ordered)
        return result

    def _entry_rows(self, chunk: list[str]):
        """The entries whose key or plural is in `chunk`, one row per sense kept (the first
        max_senses, and the first MAX_CONTEXT_SENSES that have a context)."""
        return (
            Entry.objects.filter(Q(key__in=chunk) | Q(plural_key__in=chunk))
            .annotate(
                first_senses=FilteredRelation(
                    "senses",
                    condition=Q(senses__order__lt=self.max_senses)
                    | (Q(senses__order__lt=MAX_CONTEXT_SENSES) & ~Q(senses__context="")),
                )
            )
            .values_list(
                "id",
                "headword",
                "key",
                "plural_key",
                "pos",
                "gender",
                "plural",
                "reflexive",
                "source",
                "rank",
                "first_senses__order",
                "first_senses__gloss",
                "first_senses__source",
                "first_senses__context",
            )
            .order_by("id", "first_senses__order")
        )

    # --- idioms --------------------------------------------------------------------------

    @property
    def idioms_key(self) -> object:
        """Changes whenever the selected idioms or the curated list change: the pipeline
        compiles the idiom patterns once per key (nlp.pipeline._prepare_idioms)."""
        if self._idioms_key is None:
            stats = Idiom.objects.filter(selected=True).aggregate(n=Count("id"), last=Max("id"))
            imported = (
                DictionaryImport.objects.filter(source=Source.DING)
                .values_list("checksum", "imported_at")
                .first()
            )
            self._idioms_key = ("db", stats["n"], stats["last"], imported, _curated_stamp())
        return self._idioms_key

    def idioms(self) -> list[IdiomEntry]:
        key = self.idioms_key
        cached = _idiom_cache.get("all")
        if cached and cached[0] == key:
            return cached[1]
        entries = self._load_idioms()
        _idiom_cache["all"] = (key, entries)
        return entries

    def _load_idioms(self) -> list[IdiomEntry]:
        rows = Idiom.objects.filter(selected=True).values_list(
            "phrase", "meaning", "kind", "figurative", "source", "rank"
        )
        ordered = sorted(rows, key=lambda r: (_source_order(r[4]), r[5]))
        out: list[IdiomEntry] = []
        seen: set[str] = set()

        def add(entry: IdiomEntry) -> None:
            key = entry.phrase.lower()
            if key not in seen:
                seen.add(key)
                out.append(entry)

        # Teacher rows first, then our curated list (the file, and any curated rows), then Ding.
        for phrase, meaning, kind, figurative, source, rank in ordered:
            if source == Source.TEACHER:
                add(_idiom_entry(phrase, meaning, kind, figurative, source, rank))
        for entry in _curated_file_idioms():
            add(entry)
        for phrase, meaning, kind, figurative, source, rank in ordered:
            if source != Source.TEACHER:
                add(_idiom_entry(phrase, meaning, kind, figurative, source, rank))
        return out


def _phrase_entries(keys: list[str]) -> dict[str, tuple[LexEntry, ...]]:
    """Ding's multiword phrase rows as entries: their adverbial senses (noch einmal, nach wie
    vor, von heute auf morgen) as an ADV entry, since a learner reads "noch einmal" as one
    word, "again", not as "still" + "once"; their verb senses ("den Betrieb einstellen :: to
    cease operations", the example lines of a verb) as a VERB entry, the collocation that
    tells which sense of the verb its object means (nlp.glosses)."""
    rows = (
        Idiom.objects.filter(kind=IdiomKind.PHRASE, key__in=keys)
        .order_by("rank", "id")
        .values_list("key", "phrase", "meaning")
    )
    glosses: dict[tuple[str, str], list[str]] = {}
    spelled: dict[str, str] = {}
    for key, phrase, meaning in rows:
        spelled.setdefault(key, phrase)
        for sense in meaning.split(";"):
            sense = sense.strip()
            senses = glosses.setdefault((key, "VERB" if sense.startswith("to ") else "ADV"), [])
            if sense and sense not in senses:
                senses.append(sense)
    found: dict[str, tuple[LexEntry, ...]] = {}
    for (key, pos), senses in sorted(glosses.items(), key=lambda item: item[0][1]):
        if senses:
            entry = LexEntry(lemma=spelled[key], pos=pos, glosses=tuple(senses))
            found[key] = (*found.get(key, ()), entry)
    return found


def _idiom_entry(phrase, meaning, kind, figurative, source, rank) -> IdiomEntry:
    tier = -1 if source in (Source.TEACHER, Source.CURATED) else rank // RANK_TIER
    return IdiomEntry(
        phrase=phrase,
        meaning=meaning,
        kind=kind,
        source=source,
        extra={"rank": tier, "figurative": figurative, "line": rank % RANK_TIER},
    )


def _curated_stamp() -> object:
    try:
        stat = CURATED_PATH.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _curated_file_idioms() -> list[IdiomEntry]:
    try:
        return load_curated()
    except FileNotFoundError:
        return []


def _prefer_spelling(entries: list[LexEntry], lemma: str) -> list[LexEntry]:
    """Among entries of the same source, the one spelled like the lemma first: "aber" is the
    conjunction before the noun "Aber"; "Arm" the noun before the adjective "arm"."""
    if len(entries) < 2:
        return entries
    upper = lemma[:1].isupper()
    return sorted(
        entries,
        key=lambda e: (_source_order(e.source), e.lemma[:1].isupper() != upper),
    )


def _collect_entry_row(
    row: tuple,
    by_key: dict[str, dict[int, dict]],
    by_plural: dict[str, dict[int, dict]],
    max_senses: int,
) -> None:
    """Add one (entry, sense) row to the entry it belongs to, under its key and its plural."""
    (
        pk,
        headword,
        key,
        plural_key,
        pos,
        gender,
        plural,
        reflexive,
        source,
        rank,
        order,
        gloss,
        sense_source,
        context,
    ) = row
    for target, match in ((by_key, key), (by_plural, plural_key)):
        if match in target:
            entry = target[match].setdefault(
                pk,
                {
                    "lemma": headword,
                    "pos": pos,
                    "gender": gender or None,
                    "plural": plural or None,
                    "reflexive": reflexive,
                    "source": source,
                    # The plain verb before its reflexive twin ("stellte ...
                    # vor" is "to present"; only "sich" makes it "to imagine":
                    # the pipeline's reflexive step asks for that entry), then
                    # by the importer's rank (main line, everyday first).
                    "order": (_source_order(source), reflexive, rank, pk),
                    "glosses": [],
                    "fixed": 0,
                    "contexts": [],
                },
            )
            if gloss and context:
                entry["contexts"].append((gloss, context))
            if gloss and order < max_senses:
                entry["glosses"].append(gloss)
                # Our core senses lead (ding_db stores them first, as "curated").
                if sense_source == Source.CURATED and len(entry["glosses"]) == (entry["fixed"] + 1):
                    entry["fixed"] += 1


def _lex_entry(e: dict) -> LexEntry:
    """The lexicon entry the pipeline sees, from the dict the rows were collected into."""
    return LexEntry(
        lemma=e["lemma"],
        pos=e["pos"],
        glosses=tuple(e["glosses"]),
        gender=e["gender"],
        plural=e["plural"],
        reflexive=e["reflexive"],
        source=e["source"],
        fixed=e["fixed"],
        contexts=tuple(e["contexts"]),
        # The Ding import ranks its senses (ding_entries.order_senses).
        ranked=e["source"] == Source.DING,
    )
