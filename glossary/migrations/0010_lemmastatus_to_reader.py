"""LemmaStatus now belongs to reader (reader/0011_lemmastatus_from_glossary): removed from
glossary's state only; its table and rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("glossary", "0009_lexicon_models_move"),
        ("reader", "0011_lemmastatus_from_glossary"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="LemmaStatus")],
            database_operations=[],
        ),
    ]
