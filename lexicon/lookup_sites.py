"""Links from the popover to outside dictionaries and translators (lexicon.models.LookupSite)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from lexicon.models import LookupKind, LookupSite

PLACEHOLDERS = ("{}", "###")


@dataclass(frozen=True)
class LookupLink:
    name: str
    url: str


def lookup_url(template: str, term: str) -> str:
    """The template with the term URL-encoded into its placeholder (`{}` or, as in LUTE, `###`).

    Everything but letters, digits and `-._~` is encoded, slashes too: DeepL reads its
    fragment as /de/en/<text>, so a sentence's own slash would cut it."""
    encoded = quote(term.strip(), safe="")
    for placeholder in PLACEHOLDERS:
        if placeholder in template:
            return template.replace(placeholder, encoded)
    return template


def lookup_links(*, word: str, sentence: str) -> dict[str, list[LookupLink]]:
    """The enabled sites in their order: {"word": [...], "sentence": [...]}."""
    links: dict[str, list[LookupLink]] = {LookupKind.WORD: [], LookupKind.SENTENCE: []}
    for site in LookupSite.objects.filter(enabled=True).only("name", "url_template", "kind"):
        term = word if site.kind == LookupKind.WORD else sentence
        if term:
            links[site.kind].append(LookupLink(site.name, lookup_url(site.url_template, term)))
    return {"word": links[LookupKind.WORD], "sentence": links[LookupKind.SENTENCE]}
