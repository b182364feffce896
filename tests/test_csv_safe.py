"""No cell of a CSV/TSV the project writes starts a spreadsheet formula (OWASP CSV injection)."""

import csv
import io

import pytest

from core.csv_safe import csv_writer, formula_safe


@pytest.mark.parametrize(
    "value", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_a_cell_that_would_start_a_formula_is_kept_as_text(value):
    assert formula_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["die Haubitze, -n", "howitzer", "", 7, -3, None])
def test_other_cells_and_numbers_are_left_alone(value):
    assert formula_safe(value) == value


def test_the_writer_makes_every_cell_safe_and_keeps_the_csv_readable():
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerows([["=1+1", "Haus"], ["ok", "@x"]])
    assert list(csv.reader(io.StringIO(buffer.getvalue()), delimiter="\t")) == [
        ["'=1+1", "Haus"],
        ["ok", "'@x"],
    ]
