"""Text out of the other formats a reader brings: PDF (pypdf) and subtitles (.srt with srt,
.vtt with webvtt-py). Pure functions over the file's bytes or text; a file that cannot be read
raises ValidationError with a message for the person who uploaded it."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pypdf
import srt
import webvtt
from django.core.exceptions import ValidationError
from pypdf.errors import PyPdfError

MAX_PDF_PAGES = 300
# A pause this long between two cues is where the speaker starts a new thought: a new paragraph.
PARAGRAPH_PAUSE = timedelta(seconds=2)
_TAG = re.compile(r"<[^>]+>|\{\\[^}]*\}")  # <i>, <v Anna>, <c.yellow>, and SSA's {\an8}


def pdf_to_text(data: bytes) -> str:
    """The text of every page, pages as paragraphs; lines broken inside a paragraph are joined."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError("This .pdf file is encrypted; save it without a password first.")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise ValidationError(
                f"This .pdf file has more than {MAX_PDF_PAGES} pages: too long for an article."
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        if isinstance(error, ValidationError):
            raise
        raise ValidationError("This .pdf file is damaged or not a PDF.") from None
    paragraphs = []
    for page in pages:
        # A blank line ends a paragraph; a hyphen at a line's end joins the word (Haubit-\nzen).
        for block in re.split(r"\n\s*\n", page):
            joined = re.sub(r"(\w)-\n(\w)", r"\1\2", block)
            joined = " ".join(joined.split())
            if joined:
                paragraphs.append(joined)
    return "\n\n".join(paragraphs)


def _cue_text(text: str) -> str:
    return " ".join(_TAG.sub("", text).split())


def _join_cues(cues: list[tuple[timedelta, timedelta, str]]) -> str:
    paragraphs: list[list[str]] = []
    last_end = None
    for start, end, text in cues:
        text = _cue_text(text)
        if not text:
            continue
        if last_end is None or start - last_end >= PARAGRAPH_PAUSE:
            paragraphs.append([])
        paragraphs[-1].append(text)
        last_end = end
    return "\n\n".join(" ".join(p) for p in paragraphs)


def srt_to_text(source: str) -> str:
    """The cues' text in order, their lines joined; a pause of two seconds starts a paragraph."""
    try:
        cues = [(c.start, c.end, c.content) for c in srt.parse(source)]
    except (srt.SRTParseError, ValueError):
        raise ValidationError("This .srt file could not be read as subtitles.") from None
    return _join_cues(cues)


def vtt_to_text(source: str) -> str:
    """As srt_to_text, for WebVTT (voice and style tags dropped)."""
    try:
        captions = webvtt.from_buffer(io.StringIO(source))
    except Exception as error:  # webvtt-py raises its own and plain errors alike
        raise ValidationError("This .vtt file could not be read as subtitles.") from error
    try:
        cues = [(_vtt_time(c.start), _vtt_time(c.end), c.text) for c in captions]
    except ValueError:
        raise ValidationError("This .vtt file could not be read as subtitles.") from None
    return _join_cues(cues)


def _vtt_time(stamp: str) -> timedelta:
    # "01:02:03.450" or "02:03.450" (webvtt-py's *_in_seconds drop the milliseconds).
    seconds = 0.0
    for part in stamp.split(":"):
        seconds = seconds * 60 + float(part)
    return timedelta(seconds=seconds)
