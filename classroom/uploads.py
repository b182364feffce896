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

from django.core.exceptions import ValidationError

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
}

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


def html_to_text(markup: str | bytes) -> str:
    """Visible text of an HTML document, one paragraph per line; scripts, styles and page
    furniture (nav, header, footer, forms) are dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(
        [
            "script",
            "style",
            "noscript",
            "template",
            "head",
            "nav",
            "footer",
            "form",
            "iframe",
            "svg",
            "button",
        ]
    ):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    blocks = root.find_all(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"])
    # Only innermost blocks, so a <li> holding a <p> is not emitted twice.
    lines = [
        " ".join(block.get_text(" ").split())
        for block in blocks
        if not block.find(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"])
    ]
    lines = [line for line in lines if line]
    if not lines:
        lines = [" ".join(line.split()) for line in root.get_text("\n").splitlines()]
    return "\n\n".join(line for line in lines if line)


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


def epub_to_text(data: bytes) -> str:
    """The text of an EPUB's documents in reading order. Declared sizes are checked before
    anything is decompressed, then each member is read with a cap in case they lie."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ValidationError("This .epub file is damaged or not an EPUB.") from None
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
    # Read every member ourselves with a hard cap, then let ebooklib parse from those bytes.
    safe = io.BytesIO()
    budget = MAX_EPUB_UNCOMPRESSED
    with zipfile.ZipFile(safe, "w") as copy:
        for info in infos:
            with archive.open(info) as member:
                content = member.read(min(info.file_size, budget) + 1)
            if len(content) > info.file_size or len(content) > budget:
                raise ValidationError("This .epub file's contents are larger than it declares.")
            budget -= len(content)
            copy.writestr(info.filename, content)
    safe.seek(0)
    import ebooklib
    from ebooklib import epub

    try:
        book = epub.read_epub(safe, {"ignore_ncx": True})
    except Exception:  # noqa: BLE001 - ebooklib raises many kinds for broken books
        raise ValidationError("This .epub file could not be read (is it a valid EPUB?).") from None
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
            "Upload .txt, .md, .html or .epub."
        )
    limit = MAX_EPUB_BYTES if kind == "epub" else MAX_UPLOAD_BYTES
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
    else:
        text = decode_text(data)
        if kind == "html":
            text = html_to_text(text)
        elif kind == "markdown":
            text = markdown_to_text(text)
    if not any(c.isalpha() for c in text):
        raise ValidationError("The file has no text in it that could be read.")
    return text
