"""Correction now belongs to reader (reader/0012_correction_from_classroom): removed from
classroom's state only; its table and rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("classroom", "0004_assignment_closed_book"),
        ("reader", "0012_correction_from_classroom"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Correction")],
            database_operations=[],
        ),
    ]
