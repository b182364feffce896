from django.apps import AppConfig


class LexiconConfig(AppConfig):
    """The dictionary (Ding, Wiktionary, the curated lists, teachers' entries), its importers and
    the database lexicon the annotation pipeline reads. Below `reader`: it knows no article."""

    name = "lexicon"
    default_auto_field = "django.db.models.BigAutoField"
