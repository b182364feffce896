"""The lexicon: dictionary entries, their senses and multiword expressions, and the outside
dictionaries and translators the popover links to.

Rows come from several sources (Ding, Wiktionary, a curated list, teachers). Every importer
replaces only the rows of its own source, so a re-import never touches a teacher's correction.

Other tables must not hold a foreign key to a Ding `Entry`: `import_ding` replaces all Ding rows,
so ids change on every re-import. Refer to a word by its `key` (and `pos`) instead.

These models were `glossary`'s until the lexicon became an app of its own below `reader`: their
tables keep the names `glossary_*` (`Meta.db_table`), so no row moved (migrations
lexicon/0001 and glossary/0009 change Django's state only).
"""

from django.db import models
from django.db.models import Q

from core.models import choices_check


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


class Entry(models.Model):
    """A headword with its grammar.

    `headword` is the bare lemma as written (Polizei, not "die Polizei"; verzichten, not
    "auf etw. verzichten"; konzentrieren with `reflexive` for "sich konzentrieren"); `key` its
    case-folded lookup form (see nlp.lexicon.lexicon_key). `rank` orders the entries of
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
        db_table = "glossary_entry"
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
                condition=choices_check("pos", Pos), name="glossary_entry_pos_valid"
            ),
            models.CheckConstraint(
                condition=choices_check("gender", Gender, blank=True),
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
                condition=choices_check("source", Source), name="glossary_entry_source_valid"
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
    # (its examples and notes) as nlp.lexicon.context_stem forms, space-separated, so
    # the pipeline can pick the sense whose example names a noun of the sentence.
    context = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        db_table = "glossary_sense"
        ordering = ["entry", "order"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "order"], name="glossary_sense_unique_order"),
            models.CheckConstraint(condition=~Q(gloss=""), name="glossary_sense_gloss_not_empty"),
            models.CheckConstraint(
                condition=choices_check("source", Source), name="glossary_sense_source_valid"
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
        db_table = "glossary_idiom"
        constraints = [
            models.UniqueConstraint(
                fields=["key", "meaning", "source"], name="glossary_idiom_unique_per_source"
            ),
            models.CheckConstraint(condition=~Q(phrase=""), name="glossary_idiom_phrase_not_empty"),
            models.CheckConstraint(
                condition=~Q(meaning=""), name="glossary_idiom_meaning_not_empty"
            ),
            models.CheckConstraint(
                condition=choices_check("kind", IdiomKind), name="glossary_idiom_kind_valid"
            ),
            models.CheckConstraint(
                condition=choices_check("source", Source), name="glossary_idiom_source_valid"
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

    class Meta:
        db_table = "glossary_dictionaryimport"

    def __str__(self) -> str:
        return f"{self.source} {self.checksum[:12]}"


class WiktionaryPage(models.Model):
    """A cached English-Wiktionary page (or the fact that it does not exist), so enrichment
    asks Wikimedia once per word."""

    title = models.CharField(max_length=200, unique=True)
    status = models.PositiveSmallIntegerField(help_text="HTTP status of the fetch")
    html = models.TextField(blank=True, default="")
    fetched_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "glossary_wiktionarypage"

    def __str__(self) -> str:
        return self.title


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
        db_table = "glossary_lookupsite"
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
                condition=choices_check("kind", LookupKind), name="glossary_lookupsite_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name
