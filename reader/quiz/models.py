"""Stored quizzes: one per article, its questions (teacher-editable) and learners' attempts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Quiz(models.Model):
    """The quiz of an article. `fingerprint` identifies the annotation its generated questions
    come from: when the article is annotated again the quiz is regenerated, keeping the
    questions a teacher edited."""

    article = models.OneToOneField("reader.Article", on_delete=models.CASCADE, related_name="quiz")
    seed = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=32, blank=True)
    annotation_version = models.PositiveIntegerField(null=True, blank=True)
    generated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "quizzes"

    def __str__(self) -> str:
        return f"Quiz for {self.article}"


class QuizQuestion(models.Model):
    class Kind(models.TextChoices):
        DETAILS = "details", "Details"
        TRUE_FALSE = "true_false", "True or false"
        VOCABULARY = "vocabulary", "Vocabulary in context"
        MEANING = "meaning", "Meaning"
        COMPOUND = "compound", "Compound parts"
        IDIOM = "idiom", "Idiom meaning"

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    prompt = models.TextField()
    choices = models.JSONField(default=list)
    answer = models.PositiveSmallIntegerField()
    sentence = models.TextField(help_text="The source sentence the question is about.")
    explanation = models.TextField(blank=True)
    # [start, end) characters of the answer in `sentence`, highlighted in the feedback.
    highlight = models.JSONField(default=list, blank=True)
    # Digest of the source sentence: ties the question to its sentence across re-annotation.
    anchor = models.CharField(max_length=32, db_index=True)
    # A teacher's edit: regeneration keeps the question as it is.
    edited = models.BooleanField(default=False)
    # A teacher dropped it: hidden from learners, and regeneration will not bring it back.
    dropped = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer__gte=0), name="quizquestion_answer_nonnegative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.prompt[:60]}"

    @property
    def instruction(self) -> str:
        return self.prompt.split("\n", 1)[0] if "\n" in self.prompt else ""

    @property
    def body(self) -> str:
        return self.prompt.split("\n", 1)[1] if "\n" in self.prompt else self.prompt

    def sentence_parts(self) -> tuple[str, str, str]:
        """The source sentence cut around the answer: (before, answer, after)."""
        if len(self.highlight or []) == 2:
            a, b = self.highlight
            if 0 <= a < b <= len(self.sentence):
                return self.sentence[:a], self.sentence[a:b], self.sentence[b:]
        return self.sentence, "", ""

    @property
    def right_choice(self) -> str:
        return self.choices[self.answer] if 0 <= self.answer < len(self.choices) else ""


class QuizAttempt(models.Model):
    """A finished run through a quiz. `assignment_id` is the classroom assignment it was taken
    for (a plain integer: the classroom app may turn it into a foreign key)."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    assignment_id = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    # question id (as a string) -> {"choice": index, "correct": bool}
    answers = models.JSONField(default=dict)
    score = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__lte=F("total")), name="quizattempt_score_le_total"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.score}/{self.total}"
