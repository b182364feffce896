from django import template
from django.utils import timezone

register = template.Library()

# Measured on this machine (see docs/classroom.md): about 8 s to load the pipeline in a fresh
# worker, then about 4,000 words/s with an empty lexicon; half that leaves room for the
# dictionary lookups.
STARTUP_SECONDS = 10
WORDS_PER_SECOND = 2000


@register.filter
def annotation_progress(article) -> int:
    """A time-based estimate (0-95 %) of how far a pending or running annotation is: the
    pipeline reports no progress of its own, and a bar that moves tells the teacher it works."""
    expected = STARTUP_SECONDS + (article.word_count or 0) / WORDS_PER_SECOND
    elapsed = (timezone.now() - article.created_at).total_seconds()
    return max(1, min(95, round(100 * elapsed / expected)))
