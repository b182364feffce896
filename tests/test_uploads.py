"""Uploaded files to article text: formats, encodings, limits and the messages users see."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from classroom import uploads
from classroom.uploads import decode_text, looks_german, text_from_upload

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
