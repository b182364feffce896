"""Text out of PDFs and subtitles (classroom/text_formats.py), on small files made here."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from classroom.text_formats import pdf_to_text, srt_to_text, vtt_to_text
from classroom.uploads import text_from_upload


def tiny_pdf(*pages: list[str]) -> bytes:
    """A PDF written by hand: one page per list, one text line per string (Helvetica,
    WinAnsi, so ä ö ü ß are single bytes), with a correct cross-reference table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None, None]
    kids = []
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objects[2] = font
    for lines in pages:
        ops = [b"BT /F1 12 Tf 14 TL 72 720 Td"]
        for line in lines:
            escaped = line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(")
            ops.append(b"(" + escaped.replace(b")", b"\\)") + b") Tj T*")
        ops.append(b"ET")
        stream = b"\n".join(ops)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_pdf_pages_become_paragraphs_with_umlauts_and_split_words_joined():
    data = tiny_pdf(
        ["Nordkorea schickt Haubit-", "zen nach Russland."],
        ["Südkorea schaut mit Sorge auf die Achse Pjöngjang-Moskau."],
    )
    assert len(data) < 50_000
    assert pdf_to_text(data) == (
        "Nordkorea schickt Haubitzen nach Russland.\n\n"
        "Südkorea schaut mit Sorge auf die Achse Pjöngjang-Moskau."
    )


def test_a_damaged_pdf_gets_a_clear_message():
    with pytest.raises(ValidationError, match="damaged or not a PDF"):
        pdf_to_text(b"%PDF-1.4\nnot really a pdf")


SRT = """1
00:00:01,000 --> 00:00:03,000
Guten Abend, meine Damen
und Herren.

2
00:00:03,200 --> 00:00:05,000
<i>Hier sind die Nachrichten.</i>

3
00:00:09,000 --> 00:00:11,500
Seoul schaut mit Sorge nach Norden.
"""

VTT = """WEBVTT

00:00:01.000 --> 00:00:03.000
<v Anna>Guten Abend, meine Damen
und Herren.

00:00:03.200 --> 00:00:05.000
Hier sind die <c.yellow>Nachrichten</c>.

00:00:09.000 --> 00:00:11.500
Seoul schaut mit Sorge nach Norden.
"""

EXPECTED = (
    "Guten Abend, meine Damen und Herren. Hier sind die Nachrichten.\n\n"
    "Seoul schaut mit Sorge nach Norden."
)


def test_srt_cues_are_joined_and_a_pause_starts_a_paragraph():
    assert srt_to_text(SRT) == EXPECTED


def test_vtt_cues_are_joined_without_voice_or_style_tags():
    assert vtt_to_text(VTT) == EXPECTED


@pytest.mark.parametrize("convert", [srt_to_text, vtt_to_text])
def test_something_that_is_no_subtitle_file_gets_a_clear_message(convert):
    with pytest.raises(ValidationError, match="could not be read as subtitles"):
        convert("Das ist einfach nur Text --> ohne Zeiten.\n\n12:xx --> nie")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("artikel.pdf", tiny_pdf(["Seoul schaut mit Sorge nach Norden."])),
        ("nachrichten.srt", SRT.encode()),
        ("nachrichten.vtt", VTT.encode()),
    ],
)
def test_the_upload_reads_pdfs_and_subtitles(name, data):
    text = text_from_upload(SimpleUploadedFile(name, data))
    assert "Seoul schaut mit Sorge nach Norden." in text
    assert "-->" not in text and "%PDF" not in text
