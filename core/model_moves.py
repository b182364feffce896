"""Moving a model from one app to another on its existing table (issue 15's layer moves).

The migrations that move a model change Django's state only (SeparateDatabaseAndState); this
moves the model's content type with it, so permissions granted on it and the admin's history
stay with the model. Migrations import it, so it must keep working on the historical models it
is given: it touches nothing but the contenttypes table.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import migrations


def _content_types_move(apps, old: str, new: str, models: Iterable[str]) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in models:
        # A content type the new app has already is kept (a database that ran the move before).
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def content_types_follow(old: str, new: str, models: Iterable[str]) -> migrations.RunPython:
    """A RunPython operation that moves the content types of `models` from app `old` to app
    `new`, and back when the migration is reversed."""
    models = tuple(models)

    def forwards(apps, schema_editor):
        _content_types_move(apps, old, new, models)

    def backwards(apps, schema_editor):
        _content_types_move(apps, new, old, models)

    return migrations.RunPython(forwards, backwards)
