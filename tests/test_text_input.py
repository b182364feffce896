import pytest
from django.core.exceptions import ValidationError

from reader.text_input import clean_article_text, parse_seed_file


def test_windows_newlines_and_control_characters_are_cleaned():
    assert (
        clean_article_text("Erste Zeile\r\n\r\n\r\n\r\nZweite\x00 Zeile\u00ad")
        == "Erste Zeile\n\nZweite Zeile"
    )


@pytest.mark.parametrize("text", ["", "   \n\n  ", "... !!! 123"])
def test_empty_or_wordless_text_is_refused_with_a_message(text):
    with pytest.raises(ValidationError) as error:
        clean_article_text(text)
    assert "empty" in str(error.value) or "no words" in str(error.value)


def test_too_long_text_is_refused_with_the_limit_in_the_message():
    with pytest.raises(ValidationError, match="limit is 1,000"):
        clean_article_text("Wort " * 400, max_chars=1_000)


def test_seed_file_header_gives_title_source_and_date():
    seed = parse_seed_file(
        "title: Ein Titel\nsource: taz\ndate: 2024-11-18\n---\nSeoul (taz) – Text.\n"
    )
    assert (seed.title, seed.source, seed.published) == ("Ein Titel", "taz", "2024-11-18")
    assert seed.text == "Seoul (taz) – Text.\n"
