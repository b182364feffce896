"""The lexicon's models, formerly glossary's, on their existing tables."""

import django.db.models.deletion
from django.db import migrations, models

from core.model_moves import content_types_follow


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("glossary", "0008_lookup_sites"),
    ]

    # The dictionary's models move from glossary to this app with their tables (db_table keeps
    # glossary_*): Django's state changes, the database does not (glossary/0009 deletes them
    # from glossary's state).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='DictionaryImport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('source', models.CharField(choices=[('ding', 'Ding (trans-de-en)'), ('wiktionary', 'English Wiktionary'), ('curated', 'Curated by Randnotiz'), ('teacher', 'Teacher correction')], max_length=16, unique=True)),
                        ('path', models.CharField(max_length=500)),
                        ('checksum', models.CharField(max_length=64)),
                        ('entries', models.PositiveIntegerField(default=0)),
                        ('senses', models.PositiveIntegerField(default=0)),
                        ('idioms', models.PositiveIntegerField(default=0)),
                        ('seconds', models.FloatField(default=0)),
                        ('imported_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'db_table': 'glossary_dictionaryimport',
                    },
                ),
                migrations.CreateModel(
                    name='WiktionaryPage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, unique=True)),
                        ('status', models.PositiveSmallIntegerField(help_text='HTTP status of the fetch')),
                        ('html', models.TextField(blank=True, default='')),
                        ('fetched_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'db_table': 'glossary_wiktionarypage',
                    },
                ),
                migrations.CreateModel(
                    name='Entry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('headword', models.CharField(max_length=200)),
                        ('key', models.CharField(db_index=True, max_length=200)),
                        ('pos', models.CharField(choices=[('NOUN', 'noun'), ('PROPN', 'name'), ('VERB', 'verb'), ('ADJ', 'adjective'), ('ADV', 'adverb'), ('ADP', 'preposition'), ('PRON', 'pronoun'), ('DET', 'article'), ('CCONJ', 'conjunction'), ('SCONJ', 'subordinating conjunction'), ('NUM', 'number'), ('INTJ', 'interjection'), ('PART', 'particle'), ('X', 'other')], max_length=5)),
                        ('gender', models.CharField(blank=True, choices=[('m', 'masculine'), ('f', 'feminine'), ('n', 'neuter')], default='', max_length=1)),
                        ('plural', models.CharField(blank=True, default='', max_length=200)),
                        ('plural_key', models.CharField(blank=True, db_index=True, default='', max_length=200)),
                        ('reflexive', models.BooleanField(default=False)),
                        ('source', models.CharField(choices=[('ding', 'Ding (trans-de-en)'), ('wiktionary', 'English Wiktionary'), ('curated', 'Curated by Randnotiz'), ('teacher', 'Teacher correction')], max_length=16)),
                        ('rank', models.PositiveIntegerField(default=0)),
                        ('frequency', models.FloatField(blank=True, help_text='Zipf frequency (wordfreq)', null=True)),
                    ],
                    options={
                        'verbose_name_plural': 'entries',
                        'db_table': 'glossary_entry',
                        'indexes': [models.Index(fields=['source'], name='glossary_entry_source_idx')],
                        'constraints': [models.UniqueConstraint(fields=('key', 'pos', 'gender', 'reflexive', 'source'), name='glossary_entry_unique_per_source'), models.CheckConstraint(condition=models.Q(('key', ''), _negated=True), name='glossary_entry_key_not_empty'), models.CheckConstraint(condition=models.Q(('pos__in', ['NOUN', 'PROPN', 'VERB', 'ADJ', 'ADV', 'ADP', 'PRON', 'DET', 'CCONJ', 'SCONJ', 'NUM', 'INTJ', 'PART', 'X'])), name='glossary_entry_pos_valid'), models.CheckConstraint(condition=models.Q(('gender__in', ['m', 'f', 'n']), ('gender', ''), _connector='OR'), name='glossary_entry_gender_valid'), models.CheckConstraint(condition=models.Q(('gender', ''), ('pos__in', ['NOUN', 'PROPN']), _connector='OR'), name='glossary_entry_gender_only_for_nouns'), models.CheckConstraint(condition=models.Q(('reflexive', False), ('pos', 'VERB'), _connector='OR'), name='glossary_entry_reflexive_only_for_verbs'), models.CheckConstraint(condition=models.Q(('source__in', ['ding', 'wiktionary', 'curated', 'teacher'])), name='glossary_entry_source_valid')],
                    },
                ),
                migrations.CreateModel(
                    name='Idiom',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('phrase', models.CharField(max_length=300)),
                        ('key', models.CharField(db_index=True, max_length=300)),
                        ('meaning', models.CharField(max_length=500)),
                        ('kind', models.CharField(choices=[('idiom', 'idiom'), ('proverb', 'proverb'), ('light_verb', 'light-verb construction'), ('phrase', 'phrase')], default='phrase', max_length=16)),
                        ('figurative', models.BooleanField(default=False)),
                        ('selected', models.BooleanField(default=False)),
                        ('source', models.CharField(choices=[('ding', 'Ding (trans-de-en)'), ('wiktionary', 'English Wiktionary'), ('curated', 'Curated by Randnotiz'), ('teacher', 'Teacher correction')], max_length=16)),
                        ('rank', models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        'db_table': 'glossary_idiom',
                        'indexes': [models.Index(fields=['selected', 'rank'], name='glossary_idiom_selected_idx'), models.Index(fields=['source'], name='glossary_idiom_source_idx')],
                        'constraints': [models.UniqueConstraint(fields=('key', 'meaning', 'source'), name='glossary_idiom_unique_per_source'), models.CheckConstraint(condition=models.Q(('phrase', ''), _negated=True), name='glossary_idiom_phrase_not_empty'), models.CheckConstraint(condition=models.Q(('meaning', ''), _negated=True), name='glossary_idiom_meaning_not_empty'), models.CheckConstraint(condition=models.Q(('kind__in', ['idiom', 'proverb', 'light_verb', 'phrase'])), name='glossary_idiom_kind_valid'), models.CheckConstraint(condition=models.Q(('source__in', ['ding', 'wiktionary', 'curated', 'teacher'])), name='glossary_idiom_source_valid')],
                    },
                ),
                migrations.CreateModel(
                    name='Sense',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('order', models.PositiveSmallIntegerField(default=0)),
                        ('gloss', models.CharField(max_length=300)),
                        ('detail', models.CharField(blank=True, default='', max_length=500)),
                        ('source', models.CharField(choices=[('ding', 'Ding (trans-de-en)'), ('wiktionary', 'English Wiktionary'), ('curated', 'Curated by Randnotiz'), ('teacher', 'Teacher correction')], max_length=16)),
                        ('context', models.CharField(blank=True, default='', max_length=300)),
                        ('entry', models.ForeignKey(on_delete=django.db.models.deletion.DB_CASCADE, related_name='senses', to='lexicon.entry')),
                    ],
                    options={
                        'db_table': 'glossary_sense',
                        'ordering': ['entry', 'order'],
                        'constraints': [models.UniqueConstraint(fields=('entry', 'order'), name='glossary_sense_unique_order'), models.CheckConstraint(condition=models.Q(('gloss', ''), _negated=True), name='glossary_sense_gloss_not_empty'), models.CheckConstraint(condition=models.Q(('source__in', ['ding', 'wiktionary', 'curated', 'teacher'])), name='glossary_sense_source_valid')],
                    },
                ),
            ],
            database_operations=[],
        ),
        content_types_follow("glossary", "lexicon", ['entry', 'sense', 'idiom', 'dictionaryimport', 'wiktionarypage']),
    ]
