"""Paragraphs, subheadings and sentences.

Article text has one paragraph per line. A short line without final punctuation is a
subheading ("Bericht: Nordkorea liefert Russland auch schwere Geschütze") and stays one
"sentence" of kind "heading". Inside a paragraph a sentence ends at . ! ? … when the next word
starts a sentence (capital letter, digit or opening quote). spaCy's German tokenizer already keeps
abbreviations (z.B., Dr., Mio.), ordinals ("11." Korps) and numbers ("50.000") as one token, so a
lone "." token is a real full stop; quotes that close a sentence („Kommst du?“) stay with it.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

_TERMINAL = frozenset(".!?…")
# Closing quotes and brackets after a full stop still belong to the sentence it ends.
_CLOSING = frozenset({"“", "”", '"', "'", "’", "«", "»", ")", "]", "‘", "''"})
_OPENING = frozenset({"„", "»", "«", '"', "(", "[", "‚", "'", "–", "—", "-", "‘", "“", "``"})
# Abbreviations that commonly end a sentence (a capitalised word after them starts a new one);
# others (z.B., Dr.) are followed by nouns and names, which German capitalises.
_FINAL_ABBREVIATIONS = frozenset({"usw.", "etc.", "u.ä.", "o.ä.", "ff."})
# HanTa's Viterbi is linear, but a 2 MB line without punctuation would still make one enormous
# sentence in the reading view: cut very long runs.
MAX_SENTENCE_TOKENS = 200
HEADING_MAX_TOKENS = 20
HEADING_MAX_CHARS = 160
_HEADING_FINAL = frozenset(".!?…:;,\"“”»«'’-–—")


# A number with its full stop ("19.") is one token, because German writes ordinals that way
# (am 3. Oktober, der 19. Platz). It ends a sentence when the next word cannot follow an
# ordinal: ordinals stand before a noun or adjective, never before these closed-class words.
_NUMBER_FINAL = re.compile(r"^\d[\d.,:/]*\.$")
_FUNCTION_WORDS = frozenset(
    """der die das dem den des ein eine einer einem einen eines kein keine dieser diese dieses
    diesem diesen jeder jede jedes alle mein meine sein seine ihr ihre unser unsere euer eure
    dein deine ich du er sie es wir man mir mich dir dich ihm ihn uns euch ihnen sich wer was
    wie wo wann warum weshalb woher wohin welche welcher welches und oder aber denn doch
    sondern dass daß weil wenn als ob obwohl während nachdem bevor damit sodass falls da in im
    an am auf aus bei beim mit nach von vom vor zu zum zur für gegen ohne um durch über unter
    seit bis ab trotz wegen laut neben zwischen hinter auch dann danach dabei dazu deshalb
    daher darum dennoch trotzdem jedoch zudem außerdem so nun jetzt heute gestern morgen hier
    dort noch schon bereits immer nie nicht nur sogar allerdings inzwischen später zuvor
    zuletzt bisher seitdem insgesamt zunächst schließlich ebenfalls leider vielleicht
    natürlich ja nein dafür dagegen deswegen somit also""".split()
)
_MONTHS = frozenset(
    "januar jänner februar feber märz april mai juni juli august september oktober november "
    "dezember jan feb mär apr jun jul aug sep sept okt nov dez".split()
)
# Words that introduce an ordinal's noun phrase (der 3. Platz, am 3. Oktober, seinem
# 60. Geburtstag, vom 14. bis 18. Mai, Montag, 3. März): after anything else (a noun, a verb, an
# adverb: Platz 19., waren es nur 51.) a number is a cardinal.
_ORDINAL_INTRODUCERS = frozenset(
    """der die das dem den des ein eine einer einem einen eines kein keine keinen keinem
    keiner dieser diese dieses diesem diesen jeder jede jedes jedem jeden mein meine meinem
    meinen meiner sein seine seinem seinen seiner seines ihr ihre ihrem ihren ihrer ihres
    unser unsere unserem unseren unserer euer eure dein deine im am zum zur vom beim ins ans
    aufs in an auf aus bei mit nach von vor zu für gegen ohne um durch über unter seit bis ab
    ob und oder sowie bzw. zwischen hinter neben je pro ca. etwa rund , ( / – - montag
    dienstag mittwoch donnerstag freitag samstag sonnabend sonntag mo. di. mi. do. fr. sa.
    so.""".split()
)


def _number_ends_sentence(number: str, before: str | None, after: str) -> bool:
    """Is the full stop of `number` (19.) a sentence end, given the words around it?

    Yes before a pronoun, article, conjunction, preposition or common adverb (Platz 19. Er
    sagte; Linie 11. Die). Before a capitalised content word only when the number is plainly
    a cardinal: a score or decimal (21:23., 3,5.), or a number after a word that does not
    introduce an ordinal (Platz 19. Trainer Meier; im Jahr 2014. Experten; 41 000. Auf; nur
    51. Besonders) rather than after an article or preposition (der 19. Platz). Never before
    a month.
    """
    word = after.lower()
    if word in _MONTHS or word.rstrip(".") in _MONTHS:
        return False
    if word in _FUNCTION_WORDS:
        return True
    if not after[:1].isupper():
        return False
    if ":" in number or "," in number:
        return True
    if before is None:
        return False
    return before.lower() not in _ORDINAL_INTRODUCERS


def _previous_word(texts: list[str], is_space: list[bool], i: int, start: int) -> str | None:
    k = i - 1
    while k >= start and is_space[k]:
        k -= 1
    return texts[k] if k >= start else None


def _is_terminal(text: str) -> bool:
    return (text[0] in _TERMINAL and all(c in _TERMINAL for c in text)) or (
        text in _FINAL_ABBREVIATIONS
    )


def _starts_sentence(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or text in _OPENING


def segment(doc: Doc) -> Doc:
    """Set sentence starts and record (start token, paragraph, kind) per sentence.

    Whitespace tokens (newlines, runs of spaces) never start a sentence: they belong to the
    sentence before them, so each sentence's tokens with their whitespace rebuild the text.
    Only the starts are written (spaCy treats unset tokens as inside a sentence): per-token
    writes are the expensive part of this component.
    """
    n = len(doc)
    if n == 0:
        doc._.sentence_info = []
        return doc
    texts = [t.text for t in doc]
    is_space = [t.is_space for t in doc]
    paragraphs = _paragraphs(texts, is_space)
    info: list[tuple[int, int, str]] = []
    if not paragraphs:  # whitespace only
        info.append((0, 0, "text"))
    for para_index, (p_start, p_end) in enumerate(paragraphs):
        first = 0 if para_index == 0 else p_start  # leading whitespace joins the first sentence
        if _is_heading(doc, is_space, p_start, p_end):
            info.append((first, para_index, "heading"))
            continue
        info.append((first, para_index, "text"))
        for j in _later_sentence_starts(texts, is_space, p_start, p_end):
            info.append((j, para_index, "text"))
    _write_sentence_starts(doc, {s for s, _, _ in info})
    doc._.sentence_info = info
    return doc


def _paragraphs(texts: list[str], is_space: list[bool]) -> list[tuple[int, int]]:
    """Runs of non-space tokens between whitespace tokens that contain a newline, as
    [start, end) over token indices."""
    paragraphs: list[tuple[int, int]] = []
    start = None
    last_word = -1
    for i in range(len(texts)):
        if is_space[i]:
            if start is not None and "\n" in texts[i]:
                paragraphs.append((start, last_word + 1))
                start = None
            continue
        if start is None:
            start = i
        last_word = i
    if start is not None:
        paragraphs.append((start, last_word + 1))
    return paragraphs


def _is_heading(doc: Doc, is_space: list[bool], p_start: int, p_end: int) -> bool:
    """A short paragraph of a few words with letters and no sentence-final punctuation."""
    if p_end - p_start > HEADING_MAX_TOKENS * 2:
        return False
    line = doc[p_start:p_end].text
    words = sum(1 for i in range(p_start, p_end) if not is_space[i])
    return (
        words <= HEADING_MAX_TOKENS
        and len(line) <= HEADING_MAX_CHARS
        and line[-1] not in _HEADING_FINAL
        and any(c.isalpha() for c in line)
    )


def _later_sentence_starts(
    texts: list[str], is_space: list[bool], p_start: int, p_end: int
) -> list[int]:
    """Where the paragraph's second and later sentences start: after a terminal (or a number
    that ends a sentence) and its closing quotes, before a word that can start one; a sentence
    of MAX_SENTENCE_TOKENS ends wherever it is."""
    starts: list[int] = []
    count = 0
    i = p_start
    sentence_start = p_start
    while i < p_end:
        count += 1
        text = texts[i]
        number = not is_space[i] and i > sentence_start and _NUMBER_FINAL.match(text) is not None
        if not is_space[i] and (_is_terminal(text) or number or count >= MAX_SENTENCE_TOKENS):
            j = i + 1
            while j < p_end and (texts[j] in _CLOSING or is_space[j]):
                j += 1
            if j < p_end and (
                count >= MAX_SENTENCE_TOKENS
                or _starts_sentence(texts[j])
                and (
                    not number
                    or _number_ends_sentence(
                        text, _previous_word(texts, is_space, i, sentence_start), texts[j]
                    )
                )
            ):
                starts.append(j)
                count = 0
                sentence_start = j
            i = j
            continue
        i += 1
    return starts


def _write_sentence_starts(doc: Doc, starts: set[int]) -> None:
    """Mark our sentence starts on the tokens, clearing any another component set."""
    n = len(doc)
    for i in range(1, n):
        if i in starts:
            doc[i].is_sent_start = True
        elif doc[i].is_sent_start:  # given by someone else: ours decide
            doc[i].is_sent_start = False
    doc[0].is_sent_start = True
    if n > 1 and 1 not in starts:
        # spaCy needs one explicit non-start to count the boundaries as set.
        doc[1].is_sent_start = False


@Language.factory("randnotiz_sentences", assigns=["token.is_sent_start", "doc._.sentence_info"])
def make_sentences(nlp: Language, name: str):
    """Paragraphs from lines, subheadings, sentences; keeps given boundaries (CoNLL-U input)."""

    def sentences(doc: Doc) -> Doc:
        if doc._.presegmented:
            return doc
        return segment(doc)

    return sentences
