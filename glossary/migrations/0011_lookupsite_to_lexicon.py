"""LookupSite now belongs to lexicon (lexicon/0002_lookupsite_from_glossary): removed from
glossary's state only; its table and rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("glossary", "0010_lemmastatus_to_reader"),
        ("lexicon", "0002_lookupsite_from_glossary"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="LookupSite")],
            database_operations=[],
        ),
    ]
