"""A learner's words: saved words with their examples, the lemmas of each article,
exports built in the background, and the outside dictionaries the popover links to.

The dictionary itself (entries, senses, idioms) is the `lexicon` app's.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.models import BackgroundWork, choices_check
from core.task_attempts import lease


class WordKind(models.TextChoices):
    """What a saved item is: a single word, or an expression saved as one unit."""

    WORD = "word", "word"
    SEPARABLE_VERB = "separable_verb", "separable verb"
    REFLEXIVE_VERB = "reflexive_verb", "reflexive verb"
    IDIOM = "idiom", "idiom"
    LIGHT_VERB = "light_verb", "light-verb construction"


class SavedWord(models.Model):
    """A word (or an idiom / separable verb as one unit) a learner keeps, in one sense.

    `sense` is the English meaning shown when it was saved and, with the lemma key, names the
    item: it never changes, so the Anki note GUID built from it stays the same. `gloss` is the
    learner's own English for the card, which starts as the sense and may be edited.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_words"
    )
    key = models.CharField(max_length=300)
    lemma = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=WordKind.choices, default=WordKind.WORD)
    pos = models.CharField(max_length=8, blank=True, default="", help_text="UD part of speech")
    # "die Haubitze, -n": the German as the card shows it, with article and plural.
    headline = models.CharField(max_length=400)
    sense = models.CharField(max_length=300, blank=True, default="")
    gloss = models.CharField(max_length=300, blank=True, default="")
    note = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key", "sense"], name="glossary_savedword_unique_sense"
            ),
            models.CheckConstraint(condition=~Q(key=""), name="glossary_savedword_key_not_empty"),
            models.CheckConstraint(
                condition=choices_check("kind", WordKind), name="glossary_savedword_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="glossary_savedword_user_idx")]

    def __str__(self) -> str:
        return f"{self.headline}: {self.gloss or self.sense}"


class Example(models.Model):
    """A sentence a saved word was met in. The article may be deleted later; the sentence and
    the article's title stay, copied here."""

    saved_word = models.ForeignKey(SavedWord, on_delete=models.CASCADE, related_name="examples")
    sentence = models.TextField()
    # Character spans [[start, end], ...] of the word's tokens in `sentence`: a separable verb
    # has two ("stellte ... vor"); the Anki cloze blanks exactly these.
    spans = models.JSONField(default=list)
    # sha256 of the sentence: the uniqueness key (a TextField is too long for some indexes).
    sentence_hash = models.CharField(max_length=64)
    article = models.ForeignKey(
        "reader.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vocabulary_examples",
    )
    article_title = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # Saving the same word from the same sentence twice keeps one example.
            models.UniqueConstraint(
                fields=["saved_word", "sentence_hash"], name="glossary_example_unique_sentence"
            ),
        ]

    def __str__(self) -> str:
        return self.sentence[:80]


class ArticleWord(models.Model):
    """The distinct lemma keys of an article, so that "you know 62 % of its words" is one
    aggregate query over all listed articles instead of parsing every annotation per request.
    Rebuilt when the article's annotation changes (`annotated_at`)."""

    article = models.ForeignKey(
        "reader.Article", on_delete=models.CASCADE, related_name="lemma_keys"
    )
    key = models.CharField(max_length=300)
    count = models.PositiveIntegerField(default=1)
    annotated_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="glossary_articleword_unique"),
        ]
        indexes = [models.Index(fields=["key"], name="glossary_articleword_key_idx")]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.key}"


# --- Exports built in the background ----------------------------------------------------------


class ExportStatus(models.TextChoices):
    PENDING = "pending", "Waiting"
    RUNNING = "running", "Being built"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class ExportKind(models.TextChoices):
    VOCABULARY = "vocabulary", "Vocabulary"
    ARTICLE_DECK = "article_deck", "Class deck"
    ASSIGNMENT_RESULTS = "assignment_results", "Assignment results"


class Export(BackgroundWork):
    """A file too large to build inside the request (glossary.exports says when), built by the
    build_export task for its owner, who alone may download it.

    The file is kept in the database, not under MEDIA_ROOT: workers may run on other machines
    than the web server, and the database is what they share. Exports are small (a 2,000-word
    deck is 150 KB) and only the last few per user are kept.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports"
    )
    kind = models.CharField(max_length=20, choices=ExportKind.choices)
    # What to export, as the request gave it: {"fmt": "apkg", "q": "", ...} (glossary.exports).
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=8, choices=ExportStatus.choices, default="pending")
    filename = models.CharField(max_length=200, blank=True, default="")
    content_type = models.CharField(max_length=100, blank=True, default="")
    data = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Ready means downloadable: the file and its status are written in one update.
            models.CheckConstraint(
                condition=~Q(status=ExportStatus.READY) | Q(data__isnull=False),
                name="glossary_export_ready_has_data",
            ),
            models.CheckConstraint(
                condition=choices_check("status", ExportStatus),
                name="glossary_export_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["owner", "-created_at"], name="glossary_export_owner_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.owner_id} ({self.status})"

    @property
    def is_busy(self) -> bool:
        return self.status in (ExportStatus.PENDING, ExportStatus.RUNNING)

    @property
    def can_start_again(self) -> bool:
        """Failed, or still not ready a lease after it was asked for: its owner may queue it
        again (glossary.services.export_retry), as automatic retries did not help."""
        if self.status == ExportStatus.FAILED:
            return True
        return self.is_busy and self.created_at < timezone.now() - lease()
