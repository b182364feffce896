"""What every page's frame (templates/base.html) shows."""

import functools

from django.urls import reverse


def navigation(request) -> dict:
    return {"nav": _navigation_urls()}


@functools.cache
def _navigation_urls() -> dict[str, str]:
    # The same on every page, and reversing them cost 50 µs each per page (bench/load.py).
    return {
        "articles": reverse("reader:article_list"),
        "classes": reverse("classroom:home"),
        "vocabulary": reverse("glossary:vocabulary"),
        "library": reverse("library:library"),
        "login": reverse("login"),
        "logout": reverse("logout"),
        "signup": reverse("signup"),
    }
