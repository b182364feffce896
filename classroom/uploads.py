"""Turning an uploaded file (.txt, .md, .html, .epub) into plain article text.

Everything a user uploads is hostile until proven otherwise: sizes are checked before any
work, an EPUB's declared uncompressed sizes before anything is inflated (zip bombs), binary
files are refused, and the text must look German. Every refusal is a ValidationError whose
message says what to do.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

import ebooklib
import lxml.html
from django.core.exceptions import ValidationError
from ebooklib import epub
from lxml import etree

from classroom.text_formats import pdf_to_text, srt_to_text, vtt_to_text

MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # a long news article is ~50 kB; 2 MB leaves room for HTML
MAX_EPUB_BYTES = 10 * 1024 * 1024
MAX_EPUB_UNCOMPRESSED = 50 * 1024 * 1024
MAX_EPUB_MEMBERS = 2_000
MAX_COMPRESSION_RATIO = 100  # text compresses ~5-10x; hundreds means a crafted archive

EXTENSIONS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".epub": "epub",
    ".pdf": "pdf",
    ".srt": "srt",
    ".vtt": "vtt",
}
# Binary formats read whole by their own library, with the larger limit.
BINARY_KINDS = {"epub", "pdf"}

# Frequent German words that are not also frequent English words ("die", "in", "was" would be).
GERMAN_FUNCTION_WORDS = frozenset(
    "der das und ist nicht ein eine einen einem einer den dem des sich mit von zu auf für im "
    "auch es sie er wir ihr sind war wurde werden wird hat haben nach bei aus um über noch "
    "wie oder aber wenn dass als nur schon sehr dann doch kein keine zum zur vom beim man "
    "ich du ihn ihm uns euch mehr durch gegen ohne unter vor seit bis immer jetzt hier".split()
)
ENGLISH_FUNCTION_WORDS = frozenset(
    "the and is are was were of to a an that this with for on at by from it its be been has "
    "have had not but they he she we you which would there their what will can all if or".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def looks_german(text: str, *, min_words: int = 25) -> bool:
    """A cheap check: German function words make up 15-30 % of running German text and nearly
    none of English or French. Texts too short to tell pass."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if len(words) < min_words:
        return True
    german = sum(1 for w in words if w in GERMAN_FUNCTION_WORDS)
    english = sum(1 for w in words if w in ENGLISH_FUNCTION_WORDS)
    return german / len(words) >= 0.06 and german > english


def check_german(text: str) -> None:
    if not looks_german(text):
        raise ValidationError(
            "This text does not look like German (too few German words such as ‘der’, ‘und’, "
            "‘nicht’). Randnotiz explains German articles only."
        )


def decode_text(data: bytes) -> str:
    """Bytes to text: a BOM decides (UTF-8, UTF-16), then strict UTF-8, then Latin-1 (Windows
    cp1252, its superset in practice) for old files. Binary data is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ValidationError(
                "The file says it is UTF-16 but is not readable as such."
            ) from None
    if _looks_binary(data):
        raise ValidationError(
            "This file is not text (it looks like a binary file such as a PDF, image or Word "
            "document). Upload .txt, .md, .html or .epub, or paste the text."
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace").replace("\ufffd", "")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control / len(sample) > 0.05


# Page furniture and code: never article text.
_DROPPED = tuple("script style noscript template head nav footer form iframe svg button".split())
# The elements whose text makes a paragraph (a heading comes out as its own line, which the
# sentence splitter then reads as a subheading).
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")
# Inline elements that never break a line, for pages without any of the blocks above.
_INLINE = tuple(
    "a abbr b bdi bdo big cite code data dfn em font i kbd mark q s samp small span strong "
    "sub sup time tt u var wbr".split()
)


def _union(tags) -> str:
    return "|".join(tags)


# One pass over the tree in libxslt (C): each block starts and ends a line; text outside the
# blocks (bylines, teasers in <div>s) is dropped, as are the furniture elements. A page with
# no blocks at all is read in "loose" mode, where every non-inline element and <br> breaks
# the line.
# A template per element and no look-ahead (no `.//p` per element) keeps it linear in the
# size of the document, whatever its nesting.
_TEXT_XSLT = f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:param name="loose" select="0"/>
  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$loose = 1"><xsl:apply-templates mode="loose"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="{_union(_DROPPED)}"/>
  <xsl:template match="{_union(_DROPPED)}" mode="in"/>
  <xsl:template match="{_union(_DROPPED)}" mode="loose"/>
  <xsl:template match="text()"/>
  <xsl:template match="{_union(_BLOCKS)}">
    <xsl:text>&#10;</xsl:text><xsl:apply-templates mode="in"/><xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="{_union(_BLOCKS)}" mode="in">
    <xsl:text>&#10;</xsl:text><xsl:apply-templates mode="in"/><xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="br" mode="in"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="*" mode="loose">
    <xsl:text>&#10;</xsl:text><xsl:apply-templates mode="loose"/><xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="{_union(_INLINE)}" mode="loose">
    <xsl:apply-templates mode="loose"/>
  </xsl:template>
  <xsl:template match="br" mode="loose"><xsl:text>&#10;</xsl:text></xsl:template>
</xsl:stylesheet>"""
_TEXT_TRANSFORM = etree.XSLT(etree.XML(_TEXT_XSLT), access_control=etree.XSLTAccessControl.DENY_ALL)


def _parse_html(markup: str | bytes) -> etree._Element:
    """The document tree, or a ValidationError when libxml2 had to give up part of it: it
    stops at 256 levels of nesting (no real article comes near; a crafted one is refused
    rather than read in part)."""
    text = decode_text(markup) if isinstance(markup, bytes) else markup
    # Parsed as UTF-8 bytes: lxml refuses a str that carries an XML encoding declaration,
    # as every EPUB chapter does.
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except etree.ParserError:  # an empty document or one of only comments
        return lxml.html.fromstring("<html></html>")
    if any(error.level == etree.ErrorLevels.FATAL for error in parser.error_log):
        raise ValidationError(
            "This HTML could not be read completely (it is broken or nested far too deeply). "
            "Save the page again from a browser, or paste its text."
        )
    return root


def html_paragraphs(markup: str | bytes) -> list[str]:
    """The visible paragraphs of an HTML document (headings and list items each one), with
    their whitespace collapsed; scripts, styles and page furniture (nav, footer, forms) are
    dropped. Only the <article>, else the <main>, else the <body> is read. Linear time in
    the size of the markup, however it is nested. Bytes are decoded as decode_text does."""
    document = _parse_html(markup)
    root = document.find(".//article")
    if root is None:
        root = document.find(".//main")
    if root is None:
        root = document.find(".//body")
    if root is None:
        root = document
    loose = next(root.iter(*_BLOCKS), None) is None
    result = _TEXT_TRANSFORM(root, loose="1" if loose else "0")
    lines = (" ".join(line.split()) for line in str(result).split("\n"))
    return [line for line in lines if line]


def html_to_text(markup: str | bytes) -> str:
    """Visible text of an HTML document, one paragraph per line, paragraphs separated by a
    blank line (see html_paragraphs)."""
    return "\n\n".join(html_paragraphs(markup))


_MD_RULES = [
    (re.compile(r"^```.*?^```", re.M | re.S), ""),  # code blocks
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),  # headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # quotes
    (re.compile(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+", re.M), ""),  # list markers
    (re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.M), ""),  # rules
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])[*_](\S(?:.*?\S)?)[*_](?![\w*])"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
]


def markdown_to_text(source: str) -> str:
    for pattern, replacement in _MD_RULES:
        source = pattern.sub(replacement, source)
    return source


DAMAGED_EPUB = "This .epub file is damaged or not an EPUB."
# What zipfile and zlib raise on a damaged archive: a bad CRC, a size that lies, a truncated
# or unknown compressed stream.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError)
_ZIP_ENCRYPTED = 0x1  # general purpose bit 0


def epub_to_text(data: bytes) -> str:
    """The text of an EPUB's documents in reading order. Declared sizes are checked before
    anything is decompressed, then each member is read with a cap in case they lie."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS:
        raise ValidationError(DAMAGED_EPUB) from None
    infos = archive.infolist()
    if len(infos) > MAX_EPUB_MEMBERS:
        raise ValidationError("This .epub file has too many parts to be an article.")
    total = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos) or 1
    if total > MAX_EPUB_UNCOMPRESSED or total / compressed > MAX_COMPRESSION_RATIO:
        raise ValidationError(
            f"This .epub unpacks to {total / 1e6:.0f} MB, more than an article can be "
            f"(limit {MAX_EPUB_UNCOMPRESSED / 1e6:.0f} MB)."
        )
    if any(info.flag_bits & _ZIP_ENCRYPTED for info in infos):
        raise ValidationError(
            "This .epub file is encrypted (copy-protected) or damaged: Randnotiz can read "
            "only unprotected EPUBs. Paste the text instead."
        )
    # Read every member ourselves with a hard cap, then let ebooklib parse from those bytes.
    safe = io.BytesIO()
    budget = MAX_EPUB_UNCOMPRESSED
    with zipfile.ZipFile(safe, "w") as copy:
        for info in infos:
            try:
                with archive.open(info) as member:
                    content = member.read(min(info.file_size, budget) + 1)
            except _ZIP_ERRORS:  # zipfile checks the CRC and the declared size as it reads
                raise ValidationError(DAMAGED_EPUB) from None
            if len(content) > info.file_size or len(content) > budget:
                raise ValidationError("This .epub file's contents are larger than it declares.")
            budget -= len(content)
            copy.writestr(info.filename, content)
    safe.seek(0)
    try:
        book = epub.read_epub(safe, {"ignore_ncx": True})
    except Exception:  # noqa: BLE001 - ebooklib raises many kinds for broken books
        raise ValidationError(DAMAGED_EPUB) from None
    order = [item_id for item_id, _ in book.spine]
    documents = {item.get_id(): item for item in book.get_items_of_type(ebooklib.ITEM_DOCUMENT)}
    ordered = [documents[i] for i in order if i in documents] + [
        item for i, item in documents.items() if i not in order
    ]
    texts = [html_to_text(item.get_content()) for item in ordered]
    return "\n\n".join(text for text in texts if text.strip())


def text_from_upload(upload) -> str:
    """Plain text from an uploaded file (Django UploadedFile or anything with name/size/read)."""
    name = (getattr(upload, "name", "") or "").lower()
    extension = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    kind = EXTENSIONS.get(extension)
    if kind is None:
        raise ValidationError(
            f"Files of type ‘{extension or name}’ are not supported. "
            "Upload .txt, .md, .html, .epub, .pdf, .srt or .vtt."
        )
    limit = MAX_EPUB_BYTES if kind in BINARY_KINDS else MAX_UPLOAD_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            f"The file is too big ({size / 1e6:.1f} MB); the limit is {limit / 1e6:.0f} MB."
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(f"The file is too big; the limit is {limit / 1e6:.0f} MB.")
    if not data.strip():
        raise ValidationError("The file is empty.")
    if kind == "epub":
        text = epub_to_text(data)
    elif kind == "pdf":
        text = pdf_to_text(data)
    else:
        text = decode_text(data)
        if kind == "html":
            text = html_to_text(text)
        elif kind == "markdown":
            text = markdown_to_text(text)
        elif kind == "srt":
            text = srt_to_text(text)
        elif kind == "vtt":
            text = vtt_to_text(text)
    if not any(c.isalpha() for c in text):
        raise ValidationError("The file has no text in it that could be read.")
    return text
