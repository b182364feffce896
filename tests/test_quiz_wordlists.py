"""The quiz generator's word lists, read from reader/quiz/data/*.txt."""

import pytest

from reader.quiz import wordlists
from reader.quiz.generate import GERMAN_STATES, PLACES, REGIONS

NAME_LISTS = [
    "places",
    "article_names",
    "plural_names",
    "regions",
    "german_states",
    "person_titles",
]
BANKS = ["idiom_meanings", "sayings", "phrase_meanings"]


@pytest.mark.parametrize("name", NAME_LISTS + BANKS)
def test_word_list_has_each_entry_once_and_no_comment_or_blank(name):
    entries = wordlists.entries(name)
    assert entries
    assert len(set(entries)) == len(entries)
    assert all(e and e == e.strip() and not e.startswith("#") for e in entries)


@pytest.mark.parametrize("name", NAME_LISTS)
def test_name_lists_hold_single_words(name):
    # "Vereinigten Staaten" is listed word by word: names are looked up a word at a time.
    assert all(" " not in e for e in wordlists.entries(name))


def test_every_german_state_is_also_a_region():
    # extract_facts classes a name as a state only inside the regions: a state missing there
    # would be swapped with towns.
    assert GERMAN_STATES <= REGIONS
    assert "Leipzig" in PLACES and "Bayern" in GERMAN_STATES


def test_distractor_banks_keep_their_file_order():
    # The quiz shuffles a bank with its seeded random: the order is part of the quiz.
    assert wordlists.entries("sayings")[0] == "Time is money."
