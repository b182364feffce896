"""The popover's outside dictionaries, formerly glossary's, on their existing table."""

from django.db import migrations, models

from core.model_moves import content_types_follow


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("glossary", "0010_lemmastatus_to_reader"),
        ('lexicon', '0001_initial'),
    ]

    # LookupSite moves from glossary to lexicon (the reading page's popover lists them, and
    # glossary sits above reader) with its table glossary_lookupsite: Django's state changes, the
    # database does not (glossary/0011 deletes it from glossary's state).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='LookupSite',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=60)),
                        ('url_template', models.CharField(help_text='The address with {} (or ###) where the word or sentence goes, e.g. https://www.dwds.de/wb/{}', max_length=500)),
                        ('kind', models.CharField(choices=[('word', 'A word (dictionary)'), ('sentence', 'A sentence (translator)')], default='word', max_length=8)),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                        ('enabled', models.BooleanField(default=True)),
                    ],
                    options={
                        'db_table': 'glossary_lookupsite',
                        'ordering': ['kind', 'position', 'name'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('url_template__contains', '{}'), ('url_template__contains', '###'), _connector='OR'), name='glossary_lookupsite_has_placeholder'), models.CheckConstraint(condition=models.Q(('url_template__startswith', 'https://'), ('url_template__startswith', 'http://'), _connector='OR'), name='glossary_lookupsite_http'), models.CheckConstraint(condition=models.Q(('kind__in', ['word', 'sentence'])), name='glossary_lookupsite_kind_valid')],
                    },
                ),
            ],
            database_operations=[],
        ),
        content_types_follow("glossary", "lexicon", ['lookupsite']),
    ]
