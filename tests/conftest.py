"""Shared fixtures: a small dictionary of our own, the seed article, a real browser."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# beside one unless told that this single-threaded use is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE_DING = FIXTURES / "ding_sample.txt"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _on_commit_as_in_production():
    """Work queued with transaction.on_commit runs as it does in production.

    A test marked django_db runs inside one transaction that is rolled back at its end, so an
    on_commit callback would never run. Requests and commands run outside any transaction in
    production (no ATOMIC_REQUESTS), where on_commit calls at once: with the immediate backend
    a quiz or export is ready when the view renders. Here a callback registered while only the
    test's own transaction is open runs at once too; one registered inside the code's own
    atomic block still waits for that block (as TestCase.captureOnCommitCallbacks shows).
    """
    from django.db import transaction

    queue_on_commit = transaction.on_commit

    def on_commit(func, using=None, robust=False):
        blocks = transaction.get_connection(using).atomic_blocks
        if blocks and all(block._from_testcase for block in blocks):
            func()
        else:
            queue_on_commit(func, using, robust)

    # Not the monkeypatch fixture: tests call monkeypatch.undo() to mend what they broke.
    transaction.on_commit = on_commit
    yield
    transaction.on_commit = queue_on_commit


@pytest.fixture
def sample_lexicon(db):
    """The dictionary rows of tests/fixtures/ding_sample.txt (a few dozen real Ding lines)."""
    call_command("import_ding", str(SAMPLE_DING), force=True, verbosity=0)


_seed_annotation: dict = {}


@pytest.fixture
def seed_article(sample_lexicon):
    """The seed article, loaded and annotated as `make run` does.

    The first test of a session runs `load_seeds` for real; later ones store the same
    annotation again (same text, same sample dictionary, same pipeline), which saves the
    pipeline's two seconds per test.
    """
    from reader.models import Article

    if not _seed_annotation:
        call_command("load_seeds", verbosity=0)
        article = Article.objects.get(seed_order=0)
        _seed_annotation.update(
            annotation=article.annotation,
            annotation_version=article.annotation_version,
            level=article.level,
        )
        return article
    from django.conf import settings

    from reader.services import article_create
    from reader.text_input import parse_seed_file

    path = sorted(settings.RANDNOTIZ_SEEDS_DIR.glob("*.txt"))[0]
    seed = parse_seed_file(path.read_text(encoding="utf-8"))
    article = article_create(
        title=seed.title,
        text=seed.text,
        source=seed.source,
        published=seed.published,
        seed_order=0,
        annotate="none",
    )
    Article.objects.filter(pk=article.pk).update(status=Article.Status.READY, **_seed_annotation)
    article.refresh_from_db()
    return article


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def browser_page(page):
    """A Playwright page in Debian's Chromium with a timeout short enough to fail fast.

    Afterwards the page is left (so what it sends on leaving is sent now) and the live server
    is given time to finish every request before the database is flushed for the next test.
    """
    from tests.live_requests import wait_until_quiet

    page.set_default_timeout(10_000)
    yield page
    try:
        page.goto("about:blank")
    except Exception:  # the test closed the page or its context itself
        pass
    assert wait_until_quiet(), "the live server was still handling requests after 10 s"
