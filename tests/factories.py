"""Plain factory functions for tests."""

from django.contrib.auth import get_user_model

from reader.models import Article
from reader.services import article_create


def make_user(username: str = "lea", password: str = "correct horse battery", **extra):
    return get_user_model().objects.create_user(username=username, password=password, **extra)


def make_article(
    title: str = "Ein kurzer Text",
    text: str = "Die Regierung stellte am Montag einen Plan vor.\n\nDer Plan ist gut.",
    annotate: str = "inline",
    **extra,
) -> Article:
    return article_create(title=title, text=text, annotate=annotate, **extra)
