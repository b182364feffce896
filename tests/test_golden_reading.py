"""The seed article's reading page, as readers see it, compared with stored golden files.

Kept so that reworking how the page is built (the annotation document, the segments that
statuses are joined into, the corrections overlay) shows any change in what a reader gets.
After an intended change, rewrite the files with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_reading.py` and say why in the
commit that causes it.

Normalised: the article's id in URLs becomes ARTICLE and CSRF tokens become CSRF; nothing else
varies between runs. Compared: the page's <article> element (text, quiz link, grammar notes)
for an anonymous reader, for a learner with statuses and under teachers' corrections, and the
popovers of the words that carry most (compounds, expressions, nouns, the first sentences).
"""

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse

from classroom.services import correction_add
from glossary.services import word_status_set
from nlp.document import Annotation
from reader.render_cache import cache
from reader.rendering import is_interactive
from tests.classroom_factories import make_teacher
from tests.factories import make_user

GOLDEN = Path(__file__).parent / "golden"
HX = {"HX-Request": "true"}

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def normalised(html: str, article) -> str:
    html = re.sub(rf"/articles/{article.pk}/", "/articles/ARTICLE/", html)
    html = re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]+', r"\1CSRF", html)
    html = re.sub(r'("X-CSRFToken": ")[^"]+', r"\1CSRF", html)
    return html.strip() + "\n"


def reading_section(client, article) -> str:
    response = client.get(reverse("reader:article_detail", args=[article.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    found = re.search(r'<article class="reading".*?</article>', page, re.S)
    assert found, "the reading page has no <article class=reading>"
    return normalised(found.group(0), article)


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with UPDATE_GOLDEN=1 to write it"
    expected = path.read_text(encoding="utf-8")
    # Compared line by line, so a failure shows the lines that changed, not 200 KB of HTML.
    assert text.splitlines() == expected.splitlines(), f"{name} differs from the golden file"


def chosen_words(annotation) -> list[tuple[int, int]]:
    """Every interactive word of the first three sentences, and elsewhere the words with the
    most in their popovers: compounds, words of expressions, nouns with gender or plural."""
    chosen = []
    for s, sentence in enumerate(annotation.sentences):
        in_expression = {t for x in sentence.expressions for t in x.tokens}
        for t, token in enumerate(sentence.tokens):
            if not is_interactive(token):
                continue
            if (
                s < 3
                or t in in_expression
                or token.compound
                or (token.upos == "NOUN" and (token.gender or token.plural))
            ):
                chosen.append((s, t))
    return chosen


def popovers(client, article, words) -> str:
    parts = []
    for s, t in words:
        url = reverse("reader:word_popover", args=[article.pk, s, t])
        response = client.get(url + "?glance=1", headers=HX)
        assert response.status_code == 200, (s, t)
        parts.append(f"<!-- word {s}-{t} -->\n{response.content.decode().strip()}\n")
    return normalised("".join(parts), article)


def test_seed_reading_page_for_an_anonymous_reader(client, seed_article):
    assert_golden("seed_reading_anonymous.html", reading_section(client, seed_article))


def test_seed_reading_page_for_a_learner_with_word_statuses(client, seed_article):
    user = make_user()
    annotation = Annotation.from_json(seed_article.annotation)
    keys = sorted({token.key for _, _, token in annotation.tokens() if is_interactive(token)})
    # Every third word known, every seventh learning (the later wins where both apply).
    for i, key in enumerate(keys):
        if i % 3 == 0:
            word_status_set(user=user, key=key, status="known")
        if i % 7 == 0:
            word_status_set(user=user, key=key, status="learning")
    client.force_login(user)
    assert_golden("seed_reading_learner.html", reading_section(client, seed_article))


def test_seed_popovers(client, seed_article):
    words = chosen_words(Annotation.from_json(seed_article.annotation))
    assert_golden("seed_popovers.html", popovers(client, seed_article, words))


def corrected_seed(seed_article):
    """The seed under one correction of each kind, at words the golden files show."""
    annotation = Annotation.from_json(seed_article.annotation)
    teacher = make_teacher()
    compounds = [(s, t, token) for s, t, token in annotation.tokens() if token.compound]
    expressions = [
        (s, x) for s, sentence in enumerate(annotation.sentences) for x in sentence.expressions
    ]
    first, second = compounds[0][2], compounds[1][2]
    add = dict(article=seed_article, user=teacher)
    correction_add(**add, kind="gloss", key=first.key, data={"gloss": "a corrected gloss"})
    correction_add(**add, kind="compound_remove", key=second.key)
    correction_add(
        **add,
        kind="compound_set",
        key=compounds[2][2].key,
        data={"parts": [{"part": "Teil", "lemma": "Teil", "gloss": "part"}]},
    )
    s, removed = expressions[0]
    correction_add(**add, kind="idiom_remove", sentence=s, data={"lemma": removed.lemma})
    correction_add(
        **add,
        kind="idiom_add",
        sentence=1,
        data={"tokens": [0, 1], "lemma": "eine neue Wendung", "gloss": "a new phrase"},
    )
    return [(s, t) for s, t, _ in compounds[:3]] + [(1, 0), (1, 1), (s, removed.tokens[0])]


def test_seed_reading_page_and_popovers_under_teachers_corrections(client, seed_article):
    words = corrected_seed(seed_article)
    assert_golden("seed_reading_corrected.html", reading_section(client, seed_article))
    assert_golden("seed_popovers_corrected.html", popovers(client, seed_article, words))
