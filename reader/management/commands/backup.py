"""`manage.py backup [FILE]`: the school's own data as Django JSON fixtures (see docs/deploy.md).

Everything a school made is kept: users and profiles, articles with their annotations, classes,
assignments, progress, quiz results, saved words, word statuses, teachers' corrections and
dictionary entries teachers added. Left out is what can be made again: the imported
dictionaries (`import_ding`, Wiktionary cache), sessions, the task queue, export files built in
the background, and the content types and permissions that `migrate` creates (natural keys
refer to them by name instead of id).
"""

from __future__ import annotations

import sys

from django.apps import apps
from django.core import serializers
from django.core.management.base import BaseCommand

# Whole models left out (app_label.ModelName, lower case); missing ones are ignored.
SKIPPED_MODELS = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "admin.logentry",
    "django_tasks_db.dbtaskresult",
    "glossary.export",
    # Failed-login counts (django-axes): they last 15 minutes, a restore need not bring them back.
    "axes.accessattempt",
    "axes.accessattemptexpiration",
    "axes.accesslog",
    "axes.accessfailurelog",
    "lexicon.dictionaryimport",
    "lexicon.wiktionarypage",
}
# Lexicon models whose rows come from importers; only the teachers' own rows are school data.
TEACHER_ROWS_ONLY = {
    "lexicon.entry": {"source": "teacher"},
    "lexicon.idiom": {"source": "teacher"},
    "lexicon.sense": {"entry__source": "teacher"},
}


def backup_querysets():
    """(model label, queryset) for every table in the backup, in dependency order."""
    models = [
        model
        for model in serializers.sort_dependencies(
            [(config, None) for config in apps.get_app_configs()], allow_cycles=True
        )
        if model._meta.label_lower not in SKIPPED_MODELS
        and not model._meta.proxy
        and model._meta.managed
    ]
    for model in models:
        queryset = model._base_manager.order_by("pk")
        only = TEACHER_ROWS_ONLY.get(model._meta.label_lower)
        if only is not None:
            queryset = queryset.filter(**only)
        yield model._meta.label_lower, queryset


class Command(BaseCommand):
    help = "Write the school's data (no re-importable dictionary, no sessions) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default="-", help="output file (default: stdout)")

    def handle(self, *args, file="-", **options):
        objects = (obj for _, queryset in backup_querysets() for obj in queryset.iterator())
        stream = sys.stdout if file == "-" else open(file, "w", encoding="utf-8")  # noqa: SIM115
        try:
            serializers.serialize(
                "json",
                objects,
                stream=stream,
                indent=1,
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
            )
        finally:
            if stream is not sys.stdout:
                stream.close()
        if file != "-":
            self.stderr.write(f"backup written to {file}")
