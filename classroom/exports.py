"""An assignment's results as a CSV table: built inside the request for a class of the usual
size, and by the export task (glossary.exports, glossary.tasks) for a very large one."""

from __future__ import annotations

import io

from classroom import selectors
from classroom.access import assignment_get
from core.csv_safe import csv_writer
from glossary.exports import ExportFile

# Above this many students the table is built in the background. A class is 20 to 35; a course
# shared by several groups can pass 200, and the dashboard's queries grow with every student.
INLINE_STUDENTS = 200

HEADER = [
    "student",
    "in class",
    "opened",
    "finished reading",
    "readiness %",
    "best score",
    "out of",
    "score %",
    "attempts",
    "lookups",
]


def assignment_results_csv(assignment) -> str:
    """One row per student on the assignment's dashboard (those who left the class too)."""
    dashboard = selectors.assignment_dashboard(assignment)
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(HEADER)
    for row in dashboard.rows:
        p, r = row.progress, row.result
        writer.writerow(
            [
                row.student.get_username(),
                "yes" if row.is_member else "no",
                p.opened_at.isoformat() if p else "",
                p.finished_at.isoformat() if p and p.finished_at else "",
                "" if row.readiness_percent is None else row.readiness_percent,
                r.score if r else "",
                r.total if r else "",
                "" if row.percent is None else row.percent,
                row.attempts,
                row.lookups,
            ]
        )
    return buffer.getvalue()


def assignment_results_filename(assignment) -> str:
    return f"results-{assignment.classroom.join_code}-{assignment.pk}.csv"


def assignment_results_is_large(assignment) -> bool:
    return selectors.classroom_students(assignment.classroom).count() > INLINE_STUDENTS


def assignment_results_file(owner, assignment_id: int) -> ExportFile:
    """The table as a queued export's file, for a teacher who still manages the class (checked
    again: they may have left it since asking). Registered as the assignment-results kind of
    glossary's exports in ClassroomConfig.ready()."""
    assignment = assignment_get(owner, assignment_id, manage=True)
    return ExportFile(
        assignment_results_csv(assignment).encode(),
        assignment_results_filename(assignment),
        "text/csv; charset=utf-8",
    )
