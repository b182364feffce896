"""Database ids as they arrive from outside: in a URL, a query parameter, a form or a session.

A primary key is a 64-bit signed integer in PostgreSQL and SQLite; a bigger number in a query
raises OverflowError (a 500) instead of matching nothing. The "id" path converter and IdField
keep such numbers out of every query: a URL with one is a 404, a form field with one invalid.
"""

from __future__ import annotations

from django import forms
from django.urls import register_converter

MAX_ID = 2**63 - 1


def is_id(value: object) -> bool:
    """A stored value (a session's) that may be used as an id in a query."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID


class IdConverter:
    """`<id:pk>` in a route: digits that fit a 64-bit signed integer (a primary key, or a
    sentence or token index, which may be 0); anything else does not match."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("not a database id")  # Django answers 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))


class IdField(forms.IntegerField):
    """A form field for an id: a positive integer that fits a primary key."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


def register() -> None:
    register_converter(IdConverter, "id")
