"""Who hears that a reader looked a word up on the reading page.

`reader` knows no classes (it sits below `classroom`, docs/architecture.md), yet a teacher sees
which words the students of an assignment looked up. So the app that counts lookups registers
a hook here from its AppConfig.ready() (classroom: only inside an open assignment), and the
reading views call `lookup_hear` and `lookups_counted` without knowing who listens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class LookupHook:
    # Whether this reading of the article counts lookups at all: the page then posts the words
    # a learner stays on (static/js/reader.js), not only the ones clicked.
    counts: Callable[[HttpRequest, int], bool]
    # A lookup of the word with this lemma key in the article.
    record: Callable[[HttpRequest, int, str], None]


_HOOKS: dict[str, LookupHook] = {}


def lookup_hook_register(name: str, hook: LookupHook) -> None:
    _HOOKS[name] = hook


def lookups_counted(request: HttpRequest, article_id: int) -> bool:
    return any(hook.counts(request, article_id) for hook in _HOOKS.values())


def lookup_hear(request: HttpRequest, article_id: int, key: str) -> None:
    for hook in _HOOKS.values():
        hook.record(request, article_id, key)
