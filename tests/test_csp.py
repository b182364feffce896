"""The Content-Security-Policy (issue 14, item 8): sent on every page, and nothing in our
templates needs it loosened. tests/test_browser_csp.py loads the pages in Chromium."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.classroom_factories import make_ready_article, make_teacher
from tests.factories import make_article

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@pytest.mark.django_db
def test_every_page_is_sent_with_a_strict_policy(client):
    policy = client.get(reverse("reader:article_list")).headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no nonce: none of our pages uses one
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.django_db
def test_the_admin_gets_a_nonce_for_its_own_elements(client):
    teacher = make_teacher()
    teacher.is_staff = teacher.is_superuser = True
    teacher.save()
    client.force_login(teacher)
    response = client.get(reverse("admin:index"))
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    assert f'nonce="{nonce}"' in response.content.decode()


@pytest.mark.parametrize(
    "pattern",
    [
        r"<script(?![^>]*\bsrc=)[^>]*>",  # an inline script
        r"<style\b",  # an inline stylesheet
        r"\sstyle=",  # a style attribute
        r"\son[a-z]+=",  # an inline event handler
        r"javascript:",
    ],
)
def test_no_template_has_inline_code(pattern):
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in re.finditer(pattern, _without_comments(path.read_text()))
    ]
    assert found == []


def _without_comments(template: str) -> str:
    return re.sub(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", "", template, flags=re.S)


@pytest.mark.django_db
def test_a_ready_article_reloads_its_page_through_htmx_not_a_script(client):
    article = make_ready_article()
    response = client.get(
        reverse("reader:article_detail", args=[article.pk]) + "?status=1",
        headers={"HX-Request": "true"},
    )
    assert response.headers["HX-Refresh"] == "true"
    assert b"<script" not in response.content


@pytest.mark.django_db
def test_a_pending_article_still_polls_its_status(client):
    article = make_article(annotate="none")
    response = client.get(
        reverse("reader:article_detail", args=[article.pk]) + "?status=1",
        headers={"HX-Request": "true"},
    )
    assert "HX-Refresh" not in response.headers
    assert 'hx-trigger="every 2s"' in response.content.decode()
