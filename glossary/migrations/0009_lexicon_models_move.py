"""The dictionary's models now belong to the lexicon app (lexicon/0001_initial): removed from
glossary's state only; their tables and rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("glossary", "0008_lookup_sites"),
        ("lexicon", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Sense"),
                migrations.DeleteModel(name="Idiom"),
                migrations.DeleteModel(name="DictionaryImport"),
                migrations.DeleteModel(name="WiktionaryPage"),
                migrations.DeleteModel(name="Entry"),
            ],
            database_operations=[],
        ),
    ]
