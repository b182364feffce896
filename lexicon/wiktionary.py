"""English-Wiktionary definitions for German lemmas Ding lacks, through wiktionaryparser.

wiktionaryparser 0.0.97 has two problems with today's Wiktionary, both handled here:

- It finds sections through the old `<span class="mw-headline">` headings and the table of
  contents (`span.toctext`). Pages now use `<div class="mw-heading"><h2 id="German">` and have
  no TOC in the article, so it returns `[]`. `legacy_html` rewrites the headings of the German
  section into the old form and adds the TOC the parser walks.
- Wikimedia refuses requests without a User-Agent (upstream issue #112): we fetch with our own
  `requests` call that names the app, and hand the parser the HTML.

Only the German section is kept (and cached in `WiktionaryPage`); a page is fetched once.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

import requests
from bs4 import BeautifulSoup, Tag
from django.conf import settings
from django.db import transaction
from wiktionaryparser import WiktionaryParser

from lexicon.importers.ding_labels import clean_gloss
from lexicon.models import Entry, Sense, Source, WiktionaryPage
from nlp.document import Annotation
from nlp.lexicon import lexicon_key

PAGE_URL = "https://en.wiktionary.org/wiki/{}"
# Wikimedia's policy: name the tool and a way to reach its operator.
USER_AGENT = "Randnotiz/0.1 (German reading assistant for learners; contact: {contact}) requests"
TIMEOUT = 15
LANGUAGE = "German"
MAX_SENSES = 8

_POS = {
    "noun": "NOUN",
    "proper noun": "PROPN",
    "verb": "VERB",
    "adjective": "ADJ",
    "adverb": "ADV",
    "preposition": "ADP",
    "postposition": "ADP",
    "conjunction": "CCONJ",
    "pronoun": "PRON",
    "determiner": "DET",
    "article": "DET",
    "numeral": "NUM",
    "interjection": "INTJ",
    "particle": "PART",
}
_GENDER_RE = re.compile(r"^\S+\s+([mfn])(?:\s|$|\b)")
_PLURAL_RE = re.compile(r"plural\s+([^\s,;)]+)")


class WiktionaryUnavailable(Exception):
    """The network or Wiktionary could not be reached."""


@dataclass
class WiktionarySense:
    pos: str
    gloss: str
    detail: str = ""


@dataclass
class WiktionaryWord:
    title: str
    senses: list[WiktionarySense] = field(default_factory=list)
    gender: dict[str, str] = field(default_factory=dict)  # pos -> gender
    plural: dict[str, str] = field(default_factory=dict)  # pos -> plural


# --- Fetching --------------------------------------------------------------------------------


def fetch_html(title: str, session: requests.Session | None = None) -> tuple[int, str]:
    """(HTTP status, page HTML); raises WiktionaryUnavailable when offline."""
    getter = session or requests
    contact = getattr(settings, "RANDNOTIZ_CONTACT", "") or settings.DEFAULT_FROM_EMAIL
    try:
        response = getter.get(
            PAGE_URL.format(quote(title.replace(" ", "_"))),
            headers={"User-Agent": USER_AGENT.format(contact=contact), "Accept": "text/html"},
            timeout=TIMEOUT,
        )
    except requests.RequestException as error:
        raise WiktionaryUnavailable(str(error)) from error
    if response.status_code >= 500 or response.status_code in (403, 429):
        # 403: refused (a User-Agent problem), 429: too many requests: not "no such page".
        raise WiktionaryUnavailable(f"HTTP {response.status_code} for {title}")
    return response.status_code, response.text if response.status_code == 200 else ""


def german_section(html: str, language: str = LANGUAGE) -> str:
    """The HTML of one language's section: from its h2 to the next h2, in today's or the old
    heading structure. "" when the page has no such section."""
    soup = BeautifulSoup(html, "html.parser")
    heading = soup.find("h2", id=language)
    if heading is None:
        span = soup.find("span", class_="mw-headline", id=language)
        heading = span.parent if span is not None else None
    if heading is None:
        return ""
    start = heading.parent if _is_heading_div(heading.parent) else heading
    parts = [str(start)]
    for sibling in start.next_siblings:
        if isinstance(sibling, Tag) and (sibling.name == "h2" or _heading_level(sibling) == 2):
            break
        parts.append(str(sibling))
    return "".join(parts)


def _is_heading_div(tag) -> bool:
    return isinstance(tag, Tag) and tag.name == "div" and "mw-heading" in (tag.get("class") or [])


def _heading_level(tag: Tag) -> int | None:
    if _is_heading_div(tag):
        inner = tag.find(re.compile(r"^h[2-6]$"))
        return int(inner.name[1]) if inner else None
    if tag.name and re.fullmatch(r"h[2-6]", tag.name):
        return int(tag.name[1])
    return None


# --- Parsing ---------------------------------------------------------------------------------


def legacy_html(section_html: str) -> str:
    """Today's headings rewritten the way wiktionaryparser 0.0.97 reads them: each
    `<div class="mw-heading"><h3 id="Noun">Noun</h3>…</div>` becomes
    `<h3><span class="mw-headline" id="Noun">Noun</span></h3>`, preceded by a table of
    contents with numbered `span.toctext` entries (1 German, 1.1 Etymology, 1.2 Noun, …)."""
    soup = BeautifulSoup(section_html, "html.parser")
    toc_items: list[tuple[str, str, str]] = []
    counters = [0] * 7
    for div in soup.find_all(_is_heading_div):
        inner = div.find(re.compile(r"^h[2-6]$"))
        if inner is None:
            continue
        level = int(inner.name[1])
        ident = inner.get("id") or inner.get_text(strip=True).replace(" ", "_")
        text = inner.get_text(" ", strip=True)
        heading = soup.new_tag(inner.name)
        span = soup.new_tag("span", attrs={"class": "mw-headline", "id": ident})
        span.string = text
        heading.append(span)
        div.replace_with(heading)
        counters[level] += 1
        for deeper in range(level + 1, 7):
            counters[deeper] = 0
        number = ".".join(str(counters[i]) for i in range(2, level + 1))
        toc_items.append((number, ident, text))
    toc = "".join(
        f'<li><a href="#{ident}"><span class="tocnumber">{number}</span> '
        f'<span class="toctext">{text}</span></a></li>'
        for number, ident, text in toc_items
    )
    return f'<div id="toc"><ul>{toc}</ul></div>{soup}'


def parse_section(title: str, section_html: str) -> WiktionaryWord:
    """The German definitions of a page section, through wiktionaryparser."""
    word = WiktionaryWord(title=title)
    if not section_html:
        return word
    parser = WiktionaryParser()
    parser.soup = BeautifulSoup(legacy_html(section_html).replace(">\n<", "><"), "html.parser")
    parser.current_word = title
    parser.clean_html()
    try:
        data = parser.get_word_data(LANGUAGE.lower())
    except (AttributeError, IndexError, KeyError, TypeError):  # a page shape it cannot walk
        return word
    seen: set[tuple[str, str]] = set()
    for etymology in data:
        for definition in etymology.get("definitions", []):
            pos = _POS.get((definition.get("partOfSpeech") or "").lower())
            texts = definition.get("text") or []
            if pos is None or not texts:
                continue
            headline, meanings = texts[0], texts[1:]
            gender = _GENDER_RE.match(headline)
            if gender and pos in ("NOUN", "PROPN"):
                word.gender.setdefault(pos, gender.group(1))
            plural = _PLURAL_RE.search(headline)
            if plural and pos in ("NOUN", "PROPN"):
                word.plural.setdefault(pos, plural.group(1))
            for meaning in meanings:
                sense = _sense(pos, meaning)
                if sense and (pos, sense.gloss.lower()) not in seen:
                    seen.add((pos, sense.gloss.lower()))
                    word.senses.append(sense)
    return word


def _sense(pos: str, text: str) -> WiktionarySense | None:
    """First line of a definition, its (labels) kept as detail: "(military) howitzer"."""
    line = text.strip().split("\n", 1)[0].strip()
    if not line:
        return None
    cleaned = clean_gloss(line)
    if cleaned is None:
        return None
    return WiktionarySense(pos=pos, gloss=cleaned.gloss.rstrip("."), detail=cleaned.detail)


# --- Storing ---------------------------------------------------------------------------------


def page_section(
    title: str, *, session: requests.Session | None = None, refresh: bool = False
) -> str:
    """The German section of a page, from the cache or fetched once and cached."""
    cached = WiktionaryPage.objects.filter(title=title).first()
    if cached is not None and not refresh:
        return cached.html
    status, html = fetch_html(title, session)
    section = german_section(html) if status == 200 else ""
    WiktionaryPage.objects.update_or_create(
        title=title, defaults={"status": status, "html": section}
    )
    return section


def wiktionary_store(word: WiktionaryWord) -> int:
    """Replace the Wiktionary entries of `word` with its senses; returns the senses stored."""
    key = lexicon_key(word.title)
    stored = 0
    with transaction.atomic():
        Entry.objects.filter(key=key, source=Source.WIKTIONARY).delete()
        by_pos: dict[str, list[WiktionarySense]] = {}
        for sense in word.senses:
            by_pos.setdefault(sense.pos, []).append(sense)
        for pos, senses in by_pos.items():
            plural = word.plural.get(pos, "")
            entry = Entry.objects.create(
                headword=word.title,
                key=key,
                pos=pos,
                gender=word.gender.get(pos, ""),
                plural=plural,
                plural_key=plural.lower(),
                source=Source.WIKTIONARY,
            )
            Sense.objects.bulk_create(
                Sense(
                    entry=entry,
                    order=i,
                    gloss=s.gloss[:300],
                    detail=s.detail[:500],
                    source=Source.WIKTIONARY,
                )
                for i, s in enumerate(senses[:MAX_SENSES])
            )
            stored += min(len(senses), MAX_SENSES)
    return stored


def lemmas_without_gloss(
    annotations: Iterable[Annotation | None], limit: int | None = None
) -> list[str]:
    """Content-word lemmas of these annotations that got no gloss and that no source has
    glossed since, most frequent first."""
    counts: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for annotation in annotations:
        for _, _, token in annotation.tokens() if annotation else ():
            lemma = token.lemma
            if (
                token.upos in ("NOUN", "VERB", "ADJ", "ADV")
                and not token.gloss
                and not token.compound
                and lemma.isalpha()
                and len(lemma) > 1
            ):
                counts[lexicon_key(lemma)] += 1
                spelled.setdefault(lexicon_key(lemma), lemma)
    if not counts:
        return []
    glossed = set(
        Entry.objects.filter(key__in=list(counts), senses__isnull=False).values_list(
            "key", flat=True
        )
    )
    tried = set(
        WiktionaryPage.objects.filter(title__in=list(spelled.values())).values_list(
            "title", flat=True
        )
    )
    lemmas = [
        spelled[k] for k, _ in counts.most_common() if k not in glossed and spelled[k] not in tried
    ]
    return lemmas[:limit] if limit else lemmas


def wiktionary_enrich(
    lemmas: Iterable[str],
    *,
    session: requests.Session | None = None,
    pause: float = 1.0,
    refresh: bool = False,
    log: Callable[[str], None] = lambda message: None,
) -> dict[str, int]:
    """Fetch (or read from the cache), parse and store each lemma; stops at the first network
    failure so an offline run ends quickly. Returns counts."""
    counts = {"lemmas": 0, "fetched": 0, "found": 0, "senses": 0, "offline": 0}
    for lemma in lemmas:
        counts["lemmas"] += 1
        cached = WiktionaryPage.objects.filter(title=lemma).exists() and not refresh
        try:
            section = page_section(lemma, session=session, refresh=refresh)
        except WiktionaryUnavailable as error:
            counts["offline"] = 1
            log(f"Wiktionary not reachable ({error}); stopping. Cached pages are kept.")
            break
        if not cached:
            counts["fetched"] += 1
            if pause:
                time.sleep(pause)  # be polite to Wikimedia: one page a second
        word = parse_section(lemma, section)
        if word.senses:
            counts["found"] += 1
            counts["senses"] += wiktionary_store(word)
            log(f"{lemma}: {', '.join(s.gloss for s in word.senses[:3])}")
        else:
            log(f"{lemma}: no German definition")
    return counts
