"""Learners' word statuses, formerly glossary's, on their existing table."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.model_moves import content_types_follow


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("glossary", "0009_lexicon_models_move"),
        ('reader', '0010_reading_position'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # LemmaStatus moves from glossary to reader (the reading page reads it, and glossary sits above
    # reader) with its table glossary_lemmastatus: Django's state changes, the database does not
    # (glossary/0010 deletes it from glossary's state).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='LemmaStatus',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=300)),
                        ('status', models.CharField(choices=[('new', 'New'), ('learning', 'Learning'), ('known', 'Known')], max_length=10)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='word_statuses', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'glossary_lemmastatus',
                        'constraints': [models.UniqueConstraint(fields=('user', 'key'), name='glossary_lemmastatus_unique'), models.CheckConstraint(condition=models.Q(('status__in', ['learning', 'known'])), name='glossary_lemmastatus_status_valid'), models.CheckConstraint(condition=models.Q(('key', ''), _negated=True), name='glossary_lemmastatus_key_not_empty')],
                    },
                ),
            ],
            database_operations=[],
        ),
        content_types_follow("glossary", "reader", ['lemmastatus']),
    ]
