"""Main idea: which sentence says what the whole article is about? The lead of a news report
(its first sentence, which carries the gist) against three of its detail sentences.

Only for reports: a commentary or a review (its title says so: "Kommentar: ...", or the writer
speaks as "ich") opens with a scene or a claim to argue with, not with its gist, so it gets no
such question. When the title is known, the lead must share a word with it and share more
than any detail does, so the answer stays the only defensible one. The details are sentences
that stand on their own (no "Dabei ...", "Das ...", no "er" that needs the sentence before)
from the later paragraphs, with a number or a name: plainly one fact each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from reader.quiz.helpers import HAS_DIGIT, WORD, Question, norm, shuffled_choices
from reader.quiz.kinds.base import ArticleContext, Kind
from reader.quiz.sentences import Sent

# Titles of opinion pieces: "Kommentar: ...", "Rezension – ...", "Meinung | ...".
OPINION_TITLE = re.compile(
    r"^\s*(Kommentar|Rezension|Kritik|Meinung|Glosse|Leitartikel|Kolumne|Essay|Standpunkt|"
    r"Pro und Contra|Buchkritik|Filmkritik)\b",
    re.I,
)
# First words that lean on the sentence before: a pronoun, a connective.
LEANING_STARTS = frozenset(
    "er sie es das dies diese dieser dieses dessen deren da dort dabei damit dazu daher "
    "deshalb darum dagegen denn aber und auch zudem außerdem trotzdem jedoch so man".split()
)
# ... and their tags: pronouns, pronominal adverbs (darauf, hierzu), conjunctions.
LEANING_TAGS = frozenset({"PPER", "PDS", "PDAT", "PRELS", "PRELAT", "PAV", "PROAV", "KON"})
MIN_WORDS, MAX_WORDS = 8, 30


def is_opinion(title: str, sents: Sequence[Sent]) -> bool:
    """A commentary or a review: its title says so, or the writer speaks in the first person
    outside quotation marks."""
    if OPINION_TITLE.search(title or ""):
        return True
    first_person = sum(
        1
        for sent in sents
        for k, t in enumerate(sent.tokens)
        if t.text.casefold() in {"ich", "mir", "mich"} and not sent.in_quote[k]
    )
    return first_person >= 2


def _stems(text: str) -> set[str]:
    """Content words, cut to their first five letters: Fernwärme ~ Fernwärmepreis, teurer ~
    teuer is not needed, a shared topic word is."""
    return {w.casefold()[:5] for w in WORD.findall(text) if len(w) >= 5}


def _words(sent: Sent) -> int:
    return len(WORD.findall(sent.shown))


def _detail(sent: Sent, lead_paragraph: int, paragraphs: Mapping[int, int]) -> bool:
    if not sent.good or paragraphs.get(sent.index, 0) == lead_paragraph:
        return False
    first = sent.tokens[sent.dateline]
    if first.text.casefold() in LEANING_STARTS or first.xpos in LEANING_TAGS:
        return False
    if any(sent.in_quote):
        return False
    if any(t.xpos == "PPER" for t in sent.tokens):
        return False  # "haben er und Putin ...": who he is, the sentence before says
    if not MIN_WORDS <= _words(sent) <= MAX_WORDS:
        return False
    names = any(t.upos == "PROPN" for t in sent.tokens[1:])
    return bool(HAS_DIGIT.search(sent.text)) or names


def _main_idea(
    sents: Sequence[Sent], paragraphs: Mapping[int, int], title: str, rng
) -> Iterable[Question]:
    text = [s for s in sents if not s.heading]
    if not text or is_opinion(title, sents):
        return
    lead = text[0]
    if not lead.good or not MIN_WORDS <= _words(lead) <= 45:
        return
    details = [s for s in text[1:] if _detail(s, paragraphs.get(lead.index, 0), paragraphs)]
    if title:
        topic = _stems(title)
        overlap = len(_stems(lead.shown) & topic)
        if not overlap:
            return
        details = [s for s in details if len(_stems(s.shown) & topic) < overlap]
    if len(details) < 3:
        return
    rng.shuffle(details)
    wrong = [s.shown for s in details[:3]]
    if len({norm(c) for c in [lead.shown, *wrong]}) < 4:
        return
    choices, answer = shuffled_choices(rng, lead.shown, wrong)
    yield Question(
        kind="main_idea",
        prompt=(
            "Which sentence says what the whole article is about, not just one detail?\n"
            "Worum geht es in dem Artikel?"
        ),
        choices=choices,
        answer=answer,
        sentence=lead.text,
        explanation="The article's first sentence gives its gist; the others are details.",
        sentence_index=lead.index,
        highlight=[lead.offsets[lead.dateline][0], len(lead.text)],
        score=3.0,
    )


def candidates(context: ArticleContext) -> Iterable[Question]:
    return _main_idea(context.sents, context.paragraphs, context.title, context.rng)


KIND = Kind("main_idea", candidates, content=True)
