"""Writing the parsed Ding dictionary into the lexicon tables (used by `manage.py import_ding`).

The import replaces every Ding row in one transaction and leaves the rows of other sources
(teacher corrections, our curated list, Wiktionary) alone. A file whose checksum matches the
last import is skipped, so `make run` can call the command every time at no cost.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction

from lexicon.idiom_selection import DEFAULT_MAX_RANK, select_idioms
from lexicon.importers.ding import parse_file
from lexicon.importers.ding_entries import (
    _TIER,
    EntryRecord,
    IdiomRecord,
    build_lexicon,
    frame_marks,
    order_senses,
    sense_evidence,
)
from lexicon.importers.ding_labels import Gloss
from lexicon.importers.german_nouns import noun_grammar
from lexicon.models import DictionaryImport, Entry, Idiom, Sense, Source
from nlp.german import PREPOSITIONS, zipf
from nlp.lexicon import FRAME_MARK

BATCH_SIZE = 10_000
# Rank tiers lexicon.idiom_selection hands out (0 best); rows beyond it are plain phrases.
_MAX_TIER = 3


@dataclass
class ImportResult:
    status: str  # "imported" | "unchanged" | "missing"
    path: str
    entries: int = 0
    senses: int = 0
    idioms: int = 0
    selected_idioms: int = 0
    nouns_completed: int = 0
    seconds: float = 0.0
    timings: dict[str, float] | None = None


def file_checksum(path: Path) -> str:
    """The file's SHA-256 combined with the importer's own code: a better parser or idiom
    selection must re-import an unchanged dictionary file too."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    here = Path(__file__).resolve().parent
    for code in (
        here / "ding.py",
        here / "ding_labels.py",
        here / "ding_entries.py",
        here / "ding_db.py",
        here.parent / "idiom_selection.py",
        CORE_GLOSSES_PATH,
        # context_stem and FRAME_MARK: the stored sense contexts must match the pipeline's.
        here.parent.parent / "nlp" / "lexicon.py",
        # LIGHT_VERBS, PREPOSITIONS, COPULAS, which the parser and the idiom selection read.
        here.parent.parent / "nlp" / "german.py",
        # compile_idiom, which the idiom selection runs.
        here.parent.parent / "nlp" / "idiom_patterns.py",
        # plainness and sense_words, by which order_senses ranks the senses.
        here.parent.parent / "nlp" / "english.py",
    ):
        if code.exists():
            digest.update(code.read_bytes())
    return digest.hexdigest()


CORE_GLOSSES_PATH = Path(__file__).resolve().parent.parent / "data" / "core_glosses.tsv"


def load_core_glosses(
    path: Path = CORE_GLOSSES_PATH,
) -> dict[tuple[str, str], tuple[str, list[str]]]:
    """(lemma key, UPOS) -> (lemma, glosses) from our hand-written list of everyday senses."""
    core: dict[tuple[str, str], tuple[str, list[str]]] = {}
    if not path.exists():
        return core
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, pos, glosses = line.split("\t")
        core[(lemma.lower(), pos)] = (lemma, [g.strip() for g in glosses.split(";") if g.strip()])
    return core


CORE_SOURCE, DING_SOURCE = Source.CURATED.value, Source.DING.value


_CORE_FRAME = re.compile(r"^\((?:sich )?(\S+) (\S+)\)")


def core_frame(gloss: str, key: str) -> str:
    """The frame mark of a hand-written sense that names its preposition: "(bestehen aus) to
    consist of" -> "@aus"; "" for any other."""
    found = _CORE_FRAME.match(gloss)
    if found and found.group(1).lower() == key and found.group(2) in PREPOSITIONS:
        return FRAME_MARK + found.group(2)
    return ""


def _apply_core_glosses(entries: list[EntryRecord]) -> int:
    """Put the everyday senses of very frequent words first (machen: to make, not "to fix";
    Zug: train, not "pull"): Ding's order of lines serves rare words well and a few hundred
    of the commonest ones badly. Ding's own senses follow; an entry Ding lacks (prepositions
    are mostly listed inside phrases) is added."""
    core = load_core_glosses()
    used: set[tuple[str, str]] = set()
    # Homographs of one word class (der See "lake", die See "sea"; die Weise "way", der Weise
    # "sage"): the core senses go first only on the entries that have the first of them among
    # their own senses, so one homograph never takes the other's meaning. Where none has it,
    # every entry gets them, as for a word with one entry.
    matched = [
        (entry, glosses, any(s.gloss == glosses[0] for s in entry.senses))
        for entry in entries
        if (glosses := core.get((entry.key, entry.pos), (None, None))[1])
    ]
    # The list describes the plain verb (stellen: to put); its reflexive twin (sich stellen: to
    # surrender, to face) keeps Ding's senses and takes only the list's "(sich ...)" senses.
    plain = {(entry.key, entry.pos) for entry, _, _ in matched if not entry.reflexive}
    owned = {
        (entry.key, entry.pos)
        for entry, _, has_first in matched
        if has_first and (not entry.reflexive or (entry.key, entry.pos) not in plain)
    }
    for entry, glosses, has_first in matched:
        used.add((entry.key, entry.pos))
        if entry.reflexive and (entry.key, entry.pos) in plain:
            glosses = [g for g in glosses if g.startswith("(sich ")]
            if not glosses:
                continue
        elif (entry.key, entry.pos) in owned and not has_first:
            continue
        entry.senses = [Gloss(gloss=g, core=True) for g in glosses] + [
            s for s in entry.senses if s.gloss not in glosses
        ]
        # Hand-chosen senses are not overruled by a line's examples (nlp.glosses):
        # "fahren" with "Strecke" is still "to drive". A prepositional frame does choose
        # ("auf etw. bestehen": to insist on sth.), Ding's or the list's own "(bestehen aus)".
        for sense in entry.senses:
            sense.context = frame_marks(sense.context)
            if sense.core:
                sense.context = core_frame(sense.gloss, entry.key)
    for (key, pos), (lemma, glosses) in core.items():
        if (key, pos) not in used:
            senses = [Gloss(gloss=g, core=True) for g in glosses]
            entries.append(
                EntryRecord(
                    headword=lemma, key=key, pos=pos, gender="", reflexive=False, senses=senses
                )
            )
    return len(core)


def _select_idioms(lines_phrases: list, idioms: list[IdiomRecord]) -> int:
    """Rank and select the idioms as lexicon.idiom_selection decides (the idiom work owns that
    choice). Every phrase it classifies keeps its kind and rank (rank tier * 1,000,000 + Ding
    line); `selected` marks those within its default rank limit, the set the matcher uses."""
    classified = select_idioms(lines_phrases, max_rank=_MAX_TIER)
    chosen = {(entry.phrase.lower(), entry.meaning): entry for entry in classified}
    count = 0
    for record in idioms:
        entry = chosen.get((record.key, record.meaning[:500].strip()))
        line = record.rank % _TIER
        if entry is None:
            record.selected = False
            record.rank = (_MAX_TIER + 1) * _TIER + line
            continue
        tier = int(entry.extra.get("rank", _MAX_TIER))
        record.kind = entry.kind
        record.rank = tier * _TIER + line
        record.selected = tier <= DEFAULT_MAX_RANK
        count += record.selected
    return count


def _complete_nouns(entries: list[EntryRecord]) -> int:
    """Fill gender and plural where Ding leaves them out, from german-nouns."""
    gaps = [e for e in entries if e.pos == "NOUN" and (not e.gender or not e.plural)]
    if not gaps:
        return 0
    grammar = noun_grammar({e.headword for e in gaps})
    taken = {(e.key, e.pos, e.gender, e.reflexive) for e in entries}
    completed = 0
    for entry in gaps:
        found = grammar.get(entry.headword)
        if not found:
            continue
        gender, plural = found
        changed = False
        # A plural-only word (Argusaugen {pl}) has its plural already and no gender.
        if not entry.gender and gender and not entry.plural:
            ident = (entry.key, entry.pos, gender, entry.reflexive)
            if ident not in taken:
                taken.discard((entry.key, entry.pos, entry.gender, entry.reflexive))
                taken.add(ident)
                entry.gender = gender
                changed = True
        if not entry.plural and plural:
            entry.plural = plural[:200]
            changed = True
        completed += changed
    return completed


def _frequencies(entries: list[EntryRecord]) -> dict[str, float]:
    found: dict[str, float] = {}
    for entry in entries:
        if entry.key not in found and " " not in entry.key:
            found[entry.key] = zipf(entry.key)
    return found


def _reserve_ids(model, count: int) -> list[int]:
    """Primary keys for `count` new rows, so senses can point at entries without a RETURNING
    round trip per batch. PostgreSQL hands them out from the table's sequence (safe beside
    other writers); on SQLite the import holds the write lock (transaction_mode IMMEDIATE), so
    the ids after the current maximum are ours."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


def _insert_rows(model, columns: list[str], rows: Iterable[tuple], batch_size: int) -> int:
    """Insert plain tuples: COPY on PostgreSQL, executemany elsewhere. Building 800,000 model
    instances for bulk_create took most of the import's time."""
    table = connection.ops.quote_name(model._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(columns))})"
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= batch_size:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def ding_import(
    path: str | Path,
    *,
    force: bool = False,
    batch_size: int = BATCH_SIZE,
    log: Callable[[str], None] = lambda message: None,
) -> ImportResult:
    """Import the Ding file at `path` into Entry, Sense and Idiom rows with source "ding"."""
    started = time.perf_counter()
    path = Path(path)
    if not path.is_file():
        return ImportResult(status="missing", path=str(path))
    checksum = file_checksum(path)
    previous = DictionaryImport.objects.filter(source=Source.DING).first()
    if (
        previous is not None
        and previous.checksum == checksum
        and not force
        and Entry.objects.filter(source=Source.DING).exists()
    ):
        return ImportResult(
            status="unchanged",
            path=str(path),
            entries=previous.entries,
            senses=previous.senses,
            idioms=previous.idioms,
            seconds=time.perf_counter() - started,
        )

    timings: dict[str, float] = {}
    entries, idioms, selected, completed, frequencies = _prepared_records(path, timings)

    mark = time.perf_counter()
    n_senses = 0
    with transaction.atomic():
        # Senses go with their entries (ON DELETE CASCADE in the database).
        Idiom.objects.filter(source=Source.DING).delete()
        Entry.objects.filter(source=Source.DING).delete()
        timings["delete old rows"] = time.perf_counter() - mark
        mark = time.perf_counter()
        ids = _reserve_ids(Entry, len(entries))
        _write_entries(entries, ids, frequencies, batch_size)
        timings["write entries"] = time.perf_counter() - mark
        mark = time.perf_counter()
        n_senses = _write_senses(entries, ids, batch_size)
        timings["write senses"] = time.perf_counter() - mark
        mark = time.perf_counter()
        _write_idioms(idioms, batch_size)
        timings["write idioms"] = time.perf_counter() - mark
        mark = time.perf_counter()
        _analyze_tables()
        timings["analyze"] = time.perf_counter() - mark
        seconds = time.perf_counter() - started
        DictionaryImport.objects.update_or_create(
            source=Source.DING,
            defaults={
                "path": str(path),
                "checksum": checksum,
                "entries": len(entries),
                "senses": n_senses,
                "idioms": len(idioms),
                "seconds": round(seconds, 2),
            },
        )
    return ImportResult(
        status="imported",
        path=str(path),
        entries=len(entries),
        senses=n_senses,
        idioms=len(idioms),
        selected_idioms=selected,
        nouns_completed=completed,
        seconds=time.perf_counter() - started,
        timings=timings,
    )


def _prepared_records(
    path: Path, timings: dict[str, float]
) -> tuple[list[EntryRecord], list[IdiomRecord], int, int, dict[str, float]]:
    """Parse the file and make its records ready to write: entries with their senses ordered
    and their nouns completed, idioms selected, word frequencies. Each step's time goes into
    `timings`. Returns (entries, idioms, idioms selected, nouns completed, frequencies)."""
    mark = time.perf_counter()
    lines = list(parse_file(path))
    entries, idioms = build_lexicon(lines)
    _apply_core_glosses(entries)
    timings["parse"] = time.perf_counter() - mark
    mark = time.perf_counter()
    order_senses(entries, sense_evidence(lines))
    phrases = [phrase for line in lines for phrase in line.phrases]
    del lines
    timings["order senses"] = time.perf_counter() - mark

    mark = time.perf_counter()
    selected = _select_idioms(phrases, idioms)
    del phrases
    timings["select idioms"] = time.perf_counter() - mark

    mark = time.perf_counter()
    completed = _complete_nouns(entries)
    frequencies = _frequencies(entries)
    timings["german-nouns and wordfreq"] = time.perf_counter() - mark
    return entries, idioms, selected, completed, frequencies


def _write_entries(
    entries: list[EntryRecord], ids: list[int], frequencies: dict[str, float], batch_size: int
) -> None:
    """The entries' rows, under the ids reserved for them."""
    _insert_rows(
        Entry,
        [
            "id",
            "headword",
            "key",
            "pos",
            "gender",
            "plural",
            "plural_key",
            "reflexive",
            "source",
            "rank",
            "frequency",
        ],
        (
            (
                pk,
                e.headword,
                e.key,
                e.pos,
                e.gender,
                e.plural,
                e.plural.lower(),
                e.reflexive,
                Source.DING.value,
                e.rank,
                frequencies.get(e.key) or None,
            )
            for pk, e in zip(ids, entries, strict=True)
        ),
        batch_size,
    )


def _write_senses(entries: list[EntryRecord], ids: list[int], batch_size: int) -> int:
    """Each entry's senses in their order; returns how many were written."""
    return _insert_rows(
        Sense,
        ["entry_id", "order", "gloss", "detail", "source", "context"],
        (
            # Our core senses are stored as "curated": the pipeline keeps them first.
            (
                pk,
                order,
                gloss.gloss,
                gloss.detail,
                CORE_SOURCE if gloss.core else DING_SOURCE,
                gloss.context,
            )
            for pk, e in zip(ids, entries, strict=True)
            for order, gloss in enumerate(e.senses)
        ),
        batch_size,
    )


def _write_idioms(idioms: list[IdiomRecord], batch_size: int) -> None:
    """The phrases' rows, with their kind, selection and rank."""
    _insert_rows(
        Idiom,
        ["phrase", "key", "meaning", "kind", "figurative", "selected", "source", "rank"],
        (
            (
                i.phrase,
                i.key,
                i.meaning,
                i.kind,
                i.figurative,
                i.selected,
                Source.DING.value,
                i.rank,
            )
            for i in idioms
        ),
        batch_size,
    )


def _analyze_tables() -> None:
    """Fresh planner statistics for the tables just rewritten."""
    # Fresh statistics: without them PostgreSQL's planner scans the whole table for a
    # lookup (100 ms instead of well under 1 ms) until autovacuum gets round to it.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for model in (Entry, Sense, Idiom):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        elif connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
