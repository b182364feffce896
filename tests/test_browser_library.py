"""My library in a real browser: axe finds nothing wrong with the new pages, and the search
swaps the list in place (htmx) with the query in the address."""

import pytest
from django.urls import reverse

from reader.models import Article, LemmaStatus
from tests.classroom_factories import make_ready_article
from tests.factories import make_user
from tests.test_accessibility import Audit, log_in

# The policy is checked in tests/test_browser_csp.py; axe and Playwright's helpers are put
# into the page as scripts, which it refuses.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser_context_args(bypass_csp=True),
]


def test_library_pages_have_no_accessibility_violations(browser_page, live_server):
    page, base = browser_page, live_server.url
    lea = make_user("lea")
    make_ready_article("Für alle")
    mine = make_ready_article("Ärger im Büro", created_by=lea)
    Article.objects.create(title="Wird vorbereitet", text="Der Plan.", created_by=lea)
    LemmaStatus.objects.create(user=lea, key="regierung", status="known")
    log_in(page, base, lea)
    audit = Audit(page)
    page.goto(base + reverse("library:library"))
    audit.check("my library")
    page.fill("#id_q", "ärger")
    page.wait_for_function(
        "() => document.querySelectorAll('#library-results tbody tr').length === 1"
    )
    assert "q=" in page.url  # the search is in the address, to share or go back to
    audit.check("my library, searched")
    page.fill("#id_q", "nichts dergleichen")
    page.locator("#library-results .empty").wait_for()
    audit.check("my library, nothing found")
    page.goto(base + reverse("library:article_delete", args=[mine.pk]))
    audit.check("delete an article")
    page.get_by_role("button", name="Delete the article").click()
    page.locator(".messages").wait_for()
    audit.check("my library, an article deleted")
    audit.assert_clean()
