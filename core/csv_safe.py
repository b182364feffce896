"""CSV and TSV that a spreadsheet opens as text: no cell starts a formula.

Excel, LibreOffice and Google Sheets run a cell that starts with = + - @ as a formula, and
a leading tab or carriage return can hide one of those (OWASP "CSV injection"). Anything a
user wrote (a username, an article title, a teacher's gloss correction) may reach a
spreadsheet this way, so every CSV/TSV the project writes goes through csv_writer.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> Any:
    """A string that would start a formula gets a leading apostrophe, which spreadsheets show
    as text and do not display; numbers and other values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _FormulaSafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([formula_safe(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(buffer, **options) -> _FormulaSafeWriter:
    """csv.writer(buffer, **options) whose every cell is formula_safe."""
    return _FormulaSafeWriter(csv.writer(buffer, **options))
