"""Uploaded files to article text: formats, encodings, limits and the messages users see."""

import io
import struct
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from classroom import uploads
from classroom.uploads import (
    decode_text,
    html_paragraphs,
    html_to_text,
    looks_german,
    text_from_upload,
)

GERMAN = (
    "Die Regierung hat am Montag einen neuen Plan für die Schulen vorgestellt. "
    "Er soll dafür sorgen, dass mehr Lehrer eingestellt werden und die Klassen kleiner sind. "
    "Kritiker sagen, das sei nicht genug, weil es auch an Räumen fehlt und die Gebäude alt sind."
)
ENGLISH = (
    "The government presented a new plan for schools on Monday. It is meant to make sure that "
    "more teachers are hired and that classes are smaller. Critics say that this is not enough "
    "because there is also a lack of rooms and the buildings are old and have been neglected."
)


def upload(name, data: bytes):
    return SimpleUploadedFile(name, data)


def message(excinfo) -> str:
    return " ".join(excinfo.value.messages)


def test_plain_text_in_utf8_is_read_as_is():
    assert text_from_upload(upload("a.txt", GERMAN.encode())) == GERMAN


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_decoded(encoding):
    data = GERMAN.encode(encoding)
    if encoding != "utf-16":
        data = ("\ufeff" + GERMAN).encode(encoding)
    assert decode_text(data).lstrip("\ufeff") == GERMAN


def test_utf8_bom_is_dropped():
    assert decode_text(b"\xef\xbb\xbf" + "Größe".encode()) == "Größe"


def test_latin1_files_fall_back_without_mojibake():
    assert decode_text("Die Straße ist schön.".encode("latin-1")) == "Die Straße ist schön."


def test_binary_files_are_refused_with_a_message():
    pdf = b"%PDF-1.7\n" + bytes(range(256)) * 20
    with pytest.raises(ValidationError) as excinfo:
        text_from_upload(upload("a.txt", pdf))
    assert "not text" in message(excinfo)


def test_empty_files_are_refused():
    with pytest.raises(ValidationError) as excinfo:
        text_from_upload(upload("a.txt", b"  \n\n "))
    assert "empty" in message(excinfo)


def test_too_big_files_are_refused_before_reading(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(ValidationError) as excinfo:
        text_from_upload(upload("a.txt", b"a" * 1001))
    assert "too big" in message(excinfo)


def test_unknown_file_types_are_refused():
    with pytest.raises(ValidationError) as excinfo:
        text_from_upload(upload("a.docx", b"PK\x03\x04"))
    assert ".docx" in message(excinfo)


def test_html_keeps_paragraphs_and_drops_scripts_styles_and_navigation():
    html = (
        "<html><head><title>x</title><style>p{color:red}</style></head><body>"
        "<nav><a href='/'>Startseite</a></nav><article><h1>Ein Plan</h1>"
        "<p>Die Regierung <b>stellte</b> den Plan vor.</p><script>alert('Hallo')</script>"
        "<p>Der Plan ist gut.</p></article><footer>Impressum</footer></body></html>"
    )
    text = text_from_upload(upload("a.html", html.encode()))
    assert text.split("\n\n") == [
        "Ein Plan",
        "Die Regierung stellte den Plan vor.",
        "Der Plan ist gut.",
    ]


def test_markdown_loses_its_markup():
    md = (
        "# Ein Plan\n\nDie **Regierung** stellte [den Plan](http://x) vor.\n\n- Der Plan ist *gut*."
    )
    assert (
        text_from_upload(upload("a.md", md.encode()))
        == "Ein Plan\n\nDie Regierung stellte den Plan vor.\n\nDer Plan ist gut."
    )


def make_epub(chapters: list[str]) -> bytes:
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("id1")
    book.set_title("Buch")
    book.set_language("de")
    items = []
    for i, body in enumerate(chapters):
        chapter = epub.EpubHtml(title=f"K{i}", file_name=f"k{i}.xhtml", lang="de")
        chapter.content = f"<html><body><p>{body}</p></body></html>"
        book.add_item(chapter)
        items.append(chapter)
    book.toc = items
    book.spine = items
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    out = io.BytesIO()
    epub.write_epub(out, book)
    return out.getvalue()


def test_epub_chapters_come_out_in_reading_order():
    text = text_from_upload(upload("b.epub", make_epub(["Erstes Kapitel.", "Zweites Kapitel."])))
    assert text.index("Erstes Kapitel.") < text.index("Zweites Kapitel.")


def test_an_epub_that_unpacks_to_too_much_is_refused_before_inflating():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr("bomb.xhtml", b"\0" * (60 * 1024 * 1024))
    with pytest.raises(ValidationError) as excinfo:
        text_from_upload(upload("bomb.epub", out.getvalue()))
    assert "unpacks to" in message(excinfo)


def test_a_damaged_epub_gets_a_message():
    with pytest.raises(ValidationError) as excinfo:
        text_from_upload(upload("x.epub", b"not a zip at all"))
    assert "damaged" in message(excinfo)


def test_german_passes_and_english_does_not():
    assert looks_german(GERMAN)
    assert not looks_german(ENGLISH)
    assert not looks_german(
        "Le gouvernement a présenté lundi un nouveau plan pour les écoles. " * 5
    )


def test_short_texts_are_not_judged():
    assert looks_german("Hello world")


# --- hostile HTML: time linear in the size, whatever the nesting -----------------------------

# Within the size limit, each of these took minutes with the old BeautifulSoup walk (a block
# looked for blocks inside it, so nesting cost depth x size).
HOSTILE_HTML = {
    "nested list items": "<ul><li>",
    "unclosed list items": "<li>",
    "unclosed paragraphs": "<p>Wort ",
    "nested blockquotes": "<blockquote>Wort ",
    "nested inline elements": "<b>",
    "nested divs": "<div>",
}


@pytest.mark.parametrize("opening", HOSTILE_HTML.values(), ids=HOSTILE_HTML.keys())
def test_hostile_html_at_the_size_limit_converts_within_seconds_or_is_refused(opening):
    markup = ("<html><body>" + opening * (uploads.MAX_UPLOAD_BYTES // len(opening))).encode()
    markup = markup[: uploads.MAX_UPLOAD_BYTES]
    started = time.perf_counter()
    try:
        text_from_upload(upload("deep.html", markup))
    except ValidationError as error:
        assert error.messages  # refused with a message is fine; hanging is not
    # "About a second" on an idle machine; generous for a loaded CI box.
    assert time.perf_counter() - started < 10


def test_html_nested_deeper_than_the_parser_reads_is_refused_not_cut_short():
    markup = "<html><body>" + "<div>" * 1000 + "<p>Die Regierung stellte den Plan vor.</p>"
    with pytest.raises(ValidationError) as excinfo:
        text_from_upload(upload("deep.html", markup.encode()))
    assert "nested far too deeply" in message(excinfo)


def test_html_time_grows_linearly_with_nesting():
    def seconds(depth: int) -> float:
        markup = "<html><body>" + "<li><p>Wort</p>" * depth
        started = time.perf_counter()
        html_to_text(markup)
        return time.perf_counter() - started

    small, large = min(seconds(5_000) for _ in range(3)), min(seconds(50_000) for _ in range(3))
    # Ten times the input: linear is ~10x, the old quadratic walk was ~100x.
    assert large < 30 * small + 0.05


def test_inline_markup_inside_a_word_does_not_split_it():
    assert html_to_text("<p>Die <b>Haus</b>tür ist zu.</p>") == "Die Haustür ist zu."


def test_nested_blocks_give_each_their_own_paragraph_and_lose_no_text():
    html = "<blockquote>Er sagte: <p>Wir kommen.</p> Dann ging er.</blockquote>"
    assert html_paragraphs(html) == ["Er sagte:", "Wir kommen.", "Dann ging er."]


def test_a_page_without_paragraph_elements_keeps_its_lines():
    html = "<body><div>Erste <span>Zeile</span></div><div>Zweite<br>Dritte</div></body>"
    assert html_paragraphs(html) == ["Erste Zeile", "Zweite", "Dritte"]


def test_an_xhtml_chapter_with_an_encoding_declaration_is_read():
    chapter = (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        "<html xmlns='http://www.w3.org/1999/xhtml'><body><h1>Größe</h1><p>Straße</p></body></html>"
    )
    assert html_paragraphs(chapter) == ["Größe", "Straße"]
    assert html_paragraphs(chapter.encode()) == ["Größe", "Straße"]


# --- damaged EPUBs get the same message as other broken files --------------------------------


def stored_epub() -> bytes:
    """make_epub's book with every member stored uncompressed, so a test can find and change
    a chapter's bytes in the archive."""
    source = zipfile.ZipFile(io.BytesIO(make_epub(["Erstes Kapitel.", "Zweites Kapitel."])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info), zipfile.ZIP_STORED)
    return out.getvalue()


def patch_headers(data: bytes, filename: str, patch) -> bytes:
    """Rewrites the local and the central header of one member through patch(header, kind)."""
    data = bytearray(data)
    name = filename.encode()
    for signature, kind, name_offset in (
        (b"PK\x03\x04", "local", 30),
        (b"PK\x01\x02", "central", 46),
    ):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + name_offset : start + name_offset + len(name)] == name:
                patch(data, start, kind)
            start += 4
    return bytes(data)


def with_bad_crc() -> bytes:
    data = stored_epub()
    assert data.count(b"Zweites Kapitel.") == 1
    return data.replace(b"Zweites Kapitel.", b"Zweites Kapitxl.")


def with_size_lie(size: int):
    """The chapter's headers declare `size` bytes, stored and unpacked alike, so a reader that
    trusts them reads into the next member (or stops short)."""

    def lie() -> bytes:
        def patch(data, start, kind):
            # compressed and uncompressed size: offsets 18 and 22 in a local header, 20 and 24
            # in a central one
            offset = start + (18 if kind == "local" else 20)
            data[offset : offset + 8] = struct.pack("<II", size, size)

        return patch_headers(stored_epub(), "EPUB/k1.xhtml", patch)

    return lie


def with_encrypted_flag() -> bytes:
    def patch(data, start, kind):
        offset = start + (6 if kind == "local" else 8)  # general purpose bit flag
        flags = struct.unpack("<H", data[offset : offset + 2])[0]
        data[offset : offset + 2] = struct.pack("<H", flags | 0x1)

    return patch_headers(stored_epub(), "EPUB/k1.xhtml", patch)


DAMAGED_EPUBS = {
    "bad CRC": with_bad_crc,
    "declares a smaller size": with_size_lie(10),
    "declares a larger size": with_size_lie(5000),
    "encrypted flag": with_encrypted_flag,
}


def test_the_damaged_epub_fixtures_hold_the_chapter_they_corrupt():
    names = zipfile.ZipFile(io.BytesIO(stored_epub())).namelist()
    assert "EPUB/k1.xhtml" in names
    assert "Zweites Kapitel." in text_from_upload(upload("b.epub", stored_epub()))


@pytest.mark.parametrize("build", DAMAGED_EPUBS.values(), ids=DAMAGED_EPUBS.keys())
def test_a_damaged_epub_is_refused_with_the_broken_file_message(build):
    with pytest.raises(ValidationError) as excinfo:
        text_from_upload(upload("b.epub", build()))
    assert "damaged" in message(excinfo)
