"""Teachers' corrections, formerly classroom's, on their existing table."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.model_moves import content_types_follow


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("classroom", "0003_open_classes_first"),
        ('reader', '0011_lemmastatus_from_glossary'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # Correction moves from classroom to reader (every reading page applies the corrections, and
    # classroom sits above reader) with its table classroom_correction: Django's state changes, the
    # database does not (classroom/0005 deletes it from classroom's state).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Correction',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('gloss', 'Gloss'), ('idiom_add', 'Add an idiom'), ('idiom_remove', 'Remove an idiom'), ('compound_set', 'Compound parts'), ('compound_remove', 'Remove a compound note')], max_length=20)),
                        ('key', models.CharField(blank=True, max_length=200)),
                        ('sentence', models.PositiveIntegerField(blank=True, null=True)),
                        ('data', models.JSONField(default=dict)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='corrections', to='reader.article')),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'classroom_correction',
                        'ordering': ['created_at', 'pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('kind__in', ['gloss', 'compound_set', 'compound_remove']), _negated=True), models.Q(('key', ''), _negated=True), _connector='OR'), name='correction_word_kinds_have_key'), models.CheckConstraint(condition=models.Q(models.Q(('kind__in', ['idiom_add', 'idiom_remove']), _negated=True), ('sentence__isnull', False), _connector='OR'), name='correction_idiom_kinds_have_sentence')],
                    },
                ),
            ],
            database_operations=[],
        ),
        content_types_follow("classroom", "reader", ['correction']),
    ]
