from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import BackgroundWork


class Article(BackgroundWork):
    """A German text and its stored annotation.

    The annotation is a versioned JSON document (see DESIGN.md); `status` says whether it is
    there yet. An article is either annotated or still pending/failed: the annotation and its
    version are written together in one update, never half.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be annotated"
        RUNNING = "running", "Being annotated"
        READY = "ready", "Ready"
        FAILED = "failed", "Annotation failed"

    class Visibility(models.TextChoices):
        # The shared library: everyone reads it, signed in or not (the seed articles, and what
        # staff or a teacher published). Only here may another teacher assign the article.
        SHARED = "shared", "Shared library"
        # The owner's own (a teacher's text for a class, a learner's own reading): the owner,
        # staff, and the students and teacher of a class it is assigned to (reader/access.py).
        PRIVATE = "private", "Private"

    title = models.CharField(max_length=300)
    source = models.CharField(max_length=200, blank=True)
    published = models.DateField(null=True, blank=True)
    text = models.TextField()
    # The seed articles come first in the list, in this order.
    seed_order = models.PositiveIntegerField(null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )  # the article's owner (None: loaded by a command, as the seeds are)
    # Private unless asked otherwise: a text a teacher adds is often copyrighted and meant
    # for one class (reader.services.article_create decides for ownerless articles).
    visibility = models.CharField(
        max_length=8, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    # The shared article this one is a teacher's own copy of (reader.services.article_copy),
    # so a second "Make my own copy" finds the first instead of making another.
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    annotation = models.JSONField(null=True, blank=True)
    annotation_version = models.PositiveIntegerField(null=True, blank=True)
    annotated_at = models.DateTimeField(null=True, blank=True)
    word_count = models.PositiveIntegerField(default=0)
    level = models.CharField(max_length=2, blank=True, help_text="CEFR-like estimate (A2..C2)")

    class Meta:
        ordering = [models.F("seed_order").asc(nulls_last=True), "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="ready", annotation__isnull=False) | ~Q(status="ready"),
                name="article_ready_has_annotation",
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=["shared", "private"]),
                name="article_visibility_valid",
            ),
            # One copy of an article per owner: two clicks on "Make my own copy" (or two tabs)
            # give the same copy.
            models.UniqueConstraint(
                fields=["created_by", "copied_from"],
                condition=Q(copied_from__isnull=False),
                name="article_one_copy_per_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_shared(self) -> bool:
        return self.visibility == self.Visibility.SHARED

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY


class ReadingPosition(models.Model):
    """Where a reader left an article: the sentence at the top of their screen when they
    stopped scrolling, or the one whose word they last opened, whichever came last. The
    reading page scrolls back to it (static/js/position.js). One row per reader and article,
    gone with either."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reading_positions"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="positions")
    sentence = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], name="readingposition_once_per_article"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.article_id} at sentence {self.sentence}"


class WordStatus(models.TextChoices):
    """How well a learner knows a word. "new" is the absence of a row: most words of most
    articles are new, and storing them would cost a row per word read."""

    NEW = "new", "New"
    LEARNING = "learning", "Learning"
    KNOWN = "known", "Known"


class LemmaStatus(models.Model):
    """A learner's status for a lemma, across every article. `key` is the case-folded lemma
    (nlp.document.Token.key), the same key the reading view colours tokens by."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="word_statuses"
    )
    key = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=WordStatus.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # A glossary model until reader needed it below glossary; the table kept its name.
        db_table = "glossary_lemmastatus"
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="glossary_lemmastatus_unique"),
            # "new" is stored as no row at all (see WordStatus).
            models.CheckConstraint(
                condition=Q(status__in=[WordStatus.LEARNING, WordStatus.KNOWN]),
                name="glossary_lemmastatus_status_valid",
            ),
            models.CheckConstraint(condition=~Q(key=""), name="glossary_lemmastatus_key_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.key} ({self.status})"


class Correction(models.Model):
    """A teacher's correction to one article's annotation, applied on top of it whenever the
    article is shown (reader/corrections.py), so it survives re-annotation.

    Keyed by what a re-annotation keeps: the lemma for glosses and compound notes (every
    occurrence in the article), the sentence index plus the words for idioms.
    """

    class Kind(models.TextChoices):
        GLOSS = "gloss", "Gloss"
        IDIOM_ADD = "idiom_add", "Add an idiom"
        IDIOM_REMOVE = "idiom_remove", "Remove an idiom"
        COMPOUND_SET = "compound_set", "Compound parts"
        COMPOUND_REMOVE = "compound_remove", "Remove a compound note"

    article = models.ForeignKey(
        "reader.Article", on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=200, blank=True)  # lemma key (gloss, compound)
    sentence = models.PositiveIntegerField(null=True, blank=True)  # idioms
    # gloss: {"gloss"}; idiom_add: {"tokens": [int], "lemma", "gloss"}; idiom_remove: {"lemma"};
    # compound_set: {"parts": [{"part", "lemma", "gloss"}]}
    data = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # A classroom model until every reading page needed it (the overlay is read below
        # classroom); the table kept its name.
        db_table = "classroom_correction"
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=["gloss", "compound_set", "compound_remove"]) | ~Q(key=""),
                name="correction_word_kinds_have_key",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["idiom_add", "idiom_remove"]) | Q(sentence__isnull=False),
                name="correction_idiom_kinds_have_sentence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.key or self.sentence}"

    def as_dict(self) -> dict:
        return {"kind": self.kind, "key": self.key, "sentence": self.sentence, **self.data}


from reader.quiz.models import Quiz, QuizAttempt, QuizQuestion  # noqa: E402, F401
