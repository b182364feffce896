"""The lexicon: dictionary entries, their senses and multiword expressions.

Rows come from several sources (Ding, Wiktionary, a curated list, teachers). Every importer
replaces only the rows of its own source, so a re-import never touches a teacher's correction.

Other tables must not hold a foreign key to a Ding `Entry`: `import_ding` replaces all Ding rows,
so ids change on every re-import. Refer to a word by its `key` (and `pos`) instead.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.models import BackgroundWork
from core.task_attempts import lease

# --- Lexicon ----------------------------------------------------------------------------------


class Source(models.TextChoices):
    DING = "ding", "Ding (trans-de-en)"
    WIKTIONARY = "wiktionary", "English Wiktionary"
    CURATED = "curated", "Curated by Randnotiz"
    TEACHER = "teacher", "Teacher correction"


# Which source wins when several give an entry for the same word: a teacher's correction
# overrides everything, our own curated list overrides the big dictionaries.
SOURCE_PRIORITY = {Source.TEACHER: 0, Source.CURATED: 1, Source.DING: 2, Source.WIKTIONARY: 3}


class Pos(models.TextChoices):
    """Universal Dependencies part-of-speech tags (the subset a dictionary uses)."""

    NOUN = "NOUN", "noun"
    PROPN = "PROPN", "name"
    VERB = "VERB", "verb"
    ADJ = "ADJ", "adjective"
    ADV = "ADV", "adverb"
    ADP = "ADP", "preposition"
    PRON = "PRON", "pronoun"
    DET = "DET", "article"
    CCONJ = "CCONJ", "conjunction"
    SCONJ = "SCONJ", "subordinating conjunction"
    NUM = "NUM", "number"
    INTJ = "INTJ", "interjection"
    PART = "PART", "particle"
    X = "X", "other"


class Gender(models.TextChoices):
    MASCULINE = "m", "masculine"
    FEMININE = "f", "feminine"
    NEUTER = "n", "neuter"


class IdiomKind(models.TextChoices):
    IDIOM = "idiom", "idiom"
    PROVERB = "proverb", "proverb"
    LIGHT_VERB = "light_verb", "light-verb construction"
    PHRASE = "phrase", "phrase"


def _choices_check(field: str, choices: type[models.TextChoices], *, blank: bool = False) -> Q:
    check = Q(**{f"{field}__in": choices.values})
    return check | Q(**{field: ""}) if blank else check


class Entry(models.Model):
    """A headword with its grammar.

    `headword` is the bare lemma as written (Polizei, not "die Polizei"; verzichten, not
    "auf etw. verzichten"; konzentrieren with `reflexive` for "sich konzentrieren"); `key` its
    case-folded lookup form (see reader.nlp.lexicon.lexicon_key). `rank` orders the entries of
    one key: Ding's line number of the entry's best line, lines with a subject label ([mil.],
    [econ.]) after plain ones, so the everyday sense comes first.
    """

    headword = models.CharField(max_length=200)
    key = models.CharField(max_length=200, db_index=True)
    pos = models.CharField(max_length=5, choices=Pos.choices)
    gender = models.CharField(max_length=1, choices=Gender.choices, blank=True, default="")
    plural = models.CharField(max_length=200, blank=True, default="")
    # Lower-cased plural so that an unreduced plural lemma (HanTa leaves "Haubitzen") still
    # finds its singular entry.
    plural_key = models.CharField(max_length=200, blank=True, default="", db_index=True)
    reflexive = models.BooleanField(default=False)
    source = models.CharField(max_length=16, choices=Source.choices)
    rank = models.PositiveIntegerField(default=0)
    frequency = models.FloatField(null=True, blank=True, help_text="Zipf frequency (wordfreq)")

    class Meta:
        verbose_name_plural = "entries"
        constraints = [
            # One row per word, part of speech, gender and reflexivity from each source: Ding
            # lines for the same word are merged into one entry's senses.
            models.UniqueConstraint(
                fields=["key", "pos", "gender", "reflexive", "source"],
                name="glossary_entry_unique_per_source",
            ),
            models.CheckConstraint(condition=~Q(key=""), name="glossary_entry_key_not_empty"),
            models.CheckConstraint(
                condition=_choices_check("pos", Pos), name="glossary_entry_pos_valid"
            ),
            models.CheckConstraint(
                condition=_choices_check("gender", Gender, blank=True),
                name="glossary_entry_gender_valid",
            ),
            # Only nouns and names have a grammatical gender of their own.
            models.CheckConstraint(
                condition=Q(gender="") | Q(pos__in=[Pos.NOUN, Pos.PROPN]),
                name="glossary_entry_gender_only_for_nouns",
            ),
            models.CheckConstraint(
                condition=Q(reflexive=False) | Q(pos=Pos.VERB),
                name="glossary_entry_reflexive_only_for_verbs",
            ),
            models.CheckConstraint(
                condition=_choices_check("source", Source), name="glossary_entry_source_valid"
            ),
        ]
        indexes = [models.Index(fields=["source"], name="glossary_entry_source_idx")]

    def __str__(self) -> str:
        return f"{'sich ' if self.reflexive else ''}{self.headword} ({self.pos})"


class Sense(models.Model):
    """One English meaning of an entry, `order` 0 the best: `gloss` is what a learner's popover
    shows (Ding's bracketed notes stripped), `detail` those notes ([mil.]; (missile with thrust
    propulsion)) and the German frame when there is one (auf etw. verzichten)."""

    # DB_CASCADE: a re-import deletes 300k entries; the database removes their senses without
    # Django fetching every id first.
    entry = models.ForeignKey(Entry, on_delete=models.DB_CASCADE, related_name="senses")
    order = models.PositiveSmallIntegerField(default=0)
    gloss = models.CharField(max_length=300)
    detail = models.CharField(max_length=500, blank=True, default="")
    source = models.CharField(max_length=16, choices=Source.choices)
    # For a verb whose senses come from several Ding lines: the nouns of this sense's line
    # (its examples and notes) as reader.nlp.lexicon.context_stem forms, space-separated, so
    # the pipeline can pick the sense whose example names a noun of the sentence.
    context = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["entry", "order"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "order"], name="glossary_sense_unique_order"),
            models.CheckConstraint(condition=~Q(gloss=""), name="glossary_sense_gloss_not_empty"),
            models.CheckConstraint(
                condition=_choices_check("source", Source), name="glossary_sense_source_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.gloss


class Idiom(models.Model):
    """A multiword expression as the dictionary writes it (jdn. mit Argusaugen beobachten).

    Ding has some 138,000 phrase sub-entries, most of them examples; all are kept as candidates
    and `selected` marks those the idiom matcher should use (figurative, proverbs, light-verb
    constructions, fixed verb phrases). `rank`: lower is better (flagged idioms first, then Ding
    order).
    """

    phrase = models.CharField(max_length=300)
    key = models.CharField(max_length=300, db_index=True)
    meaning = models.CharField(max_length=500)
    kind = models.CharField(max_length=16, choices=IdiomKind.choices, default=IdiomKind.PHRASE)
    figurative = models.BooleanField(default=False)
    selected = models.BooleanField(default=False)
    source = models.CharField(max_length=16, choices=Source.choices)
    rank = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key", "meaning", "source"], name="glossary_idiom_unique_per_source"
            ),
            models.CheckConstraint(condition=~Q(phrase=""), name="glossary_idiom_phrase_not_empty"),
            models.CheckConstraint(
                condition=~Q(meaning=""), name="glossary_idiom_meaning_not_empty"
            ),
            models.CheckConstraint(
                condition=_choices_check("kind", IdiomKind), name="glossary_idiom_kind_valid"
            ),
            models.CheckConstraint(
                condition=_choices_check("source", Source), name="glossary_idiom_source_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["selected", "rank"], name="glossary_idiom_selected_idx"),
            models.Index(fields=["source"], name="glossary_idiom_source_idx"),
        ]

    def __str__(self) -> str:
        return self.phrase


class DictionaryImport(models.Model):
    """The last successful import of a source file: its checksum lets a re-run skip work."""

    source = models.CharField(max_length=16, choices=Source.choices, unique=True)
    path = models.CharField(max_length=500)
    checksum = models.CharField(max_length=64)
    entries = models.PositiveIntegerField(default=0)
    senses = models.PositiveIntegerField(default=0)
    idioms = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    imported_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.source} {self.checksum[:12]}"


class WiktionaryPage(models.Model):
    """A cached English-Wiktionary page (or the fact that it does not exist), so enrichment
    asks Wikimedia once per word."""

    title = models.CharField(max_length=200, unique=True)
    status = models.PositiveSmallIntegerField(help_text="HTTP status of the fetch")
    html = models.TextField(blank=True, default="")
    fetched_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.title


# --- Vocabulary (added by the vocabulary work below this line) ---------------------------------
# Imported here, not at the top, so the lexicon part of this module stays untouched.
from django.conf import settings  # noqa: E402


class WordStatus(models.TextChoices):
    """How well a learner knows a word. "new" is the absence of a row: most words of most
    articles are new, and storing them would cost a row per word read."""

    NEW = "new", "New"
    LEARNING = "learning", "Learning"
    KNOWN = "known", "Known"


class WordKind(models.TextChoices):
    """What a saved item is: a single word, or an expression saved as one unit."""

    WORD = "word", "word"
    SEPARABLE_VERB = "separable_verb", "separable verb"
    REFLEXIVE_VERB = "reflexive_verb", "reflexive verb"
    IDIOM = "idiom", "idiom"
    LIGHT_VERB = "light_verb", "light-verb construction"


class LemmaStatus(models.Model):
    """A learner's status for a lemma, across every article. `key` is the case-folded lemma
    (reader.nlp.document.Token.key), the same key the reading view colours tokens by."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="word_statuses"
    )
    key = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=WordStatus.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
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
                condition=_choices_check("kind", WordKind), name="glossary_savedword_kind_valid"
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
                condition=_choices_check("status", ExportStatus),
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


# --- Dictionaries and translators elsewhere ---------------------------------------------------


class LookupKind(models.TextChoices):
    WORD = "word", "A word (dictionary)"
    SENTENCE = "sentence", "A sentence (translator)"


class LookupSite(models.Model):
    """An outside dictionary or translator the popover links to, LUTE-style: the word or the
    sentence, URL-encoded, replaces the placeholder `{}` (or `###`) in `url_template`.

    Only links: the reader's browser opens them in a new tab, the server never calls them.
    An administrator changes, adds, reorders or disables them in the admin."""

    name = models.CharField(max_length=60)
    url_template = models.CharField(
        max_length=500,
        help_text="The address with {} (or ###) where the word or sentence goes, "
        "e.g. https://www.dwds.de/wb/{}",
    )
    kind = models.CharField(max_length=8, choices=LookupKind.choices, default=LookupKind.WORD)
    position = models.PositiveSmallIntegerField(default=0)
    enabled = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url_template__contains="{}") | Q(url_template__contains="###"),
                name="glossary_lookupsite_has_placeholder",
            ),
            # A javascript: or data: address in a popover link would run in the reading page.
            models.CheckConstraint(
                condition=Q(url_template__startswith="https://")
                | Q(url_template__startswith="http://"),
                name="glossary_lookupsite_http",
            ),
            models.CheckConstraint(
                condition=_choices_check("kind", LookupKind), name="glossary_lookupsite_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name
