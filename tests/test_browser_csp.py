"""The main pages in Chromium under the Content-Security-Policy (issue 14, item 8): nothing is
refused, and what used inline code still works: the popover, a quiz answer, the review panel,
the confirmations, the page that reloads itself once its article is annotated."""

import re

import pytest
from django.urls import reverse

from classroom.services import assignment_create
from reader.models import Article
from reader.quiz.services import fingerprint
from tests.classroom_factories import (
    PASSWORD,
    make_class,
    make_quiz,
    make_ready_article,
    make_student,
    make_teacher,
    small_annotation,
)
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every violation the page reports, also those of pages navigated away from: the binding is
# Playwright's, outside the page, so the policy cannot stop it.
WATCH_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolation(
  e.violatedDirective + " blocked " + (e.blockedURI || "inline")
    + " at " + e.sourceFile + ":" + e.lineNumber
));
"""


@pytest.fixture
def watched_page(browser_page):
    violations = []
    console = []
    browser_page.expose_function("__cspViolation", lambda text: violations.append(text))
    browser_page.add_init_script(WATCH_VIOLATIONS)
    browser_page.on(
        "console",
        lambda m: console.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return browser_page, violations, console


def log_in(page, base, username):
    page.goto(base + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"^(?!.*login).*$"))


def test_the_main_pages_run_under_the_policy_and_keep_working(watched_page, live_server):
    page, violations, console = watched_page
    base = live_server.url
    teacher, student = make_teacher("frau_weber"), make_student("sam")
    article = make_ready_article(created_by=teacher)
    quiz = make_quiz(article)
    quiz.fingerprint = fingerprint(article.annotation)  # the quiz app keeps it as generated
    quiz.save(update_fields=["fingerprint"])
    classroom = make_class(teacher, students=[student])
    assignment_create(classroom=classroom, article=article)

    log_in(page, base, "frau_weber")
    assert page.evaluate("typeof htmx") == "object"

    page.goto(base + reverse("reader:article_list"))
    assert article.title in page.locator("main").inner_text()

    # The reading page: a word's popover opens, and saving the word goes through htmx.
    page.goto(base + reverse("reader:article_detail", args=[article.pk]))
    page.locator(".text .w", has_text="Regierung").click()
    popover = page.locator("#popover")
    popover.wait_for(state="visible")
    assert "government" in popover.inner_text()
    page.locator("#vocab-actions").wait_for()
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    popover.locator("button[data-save]").click()
    popover.locator("button[data-save].saved").wait_for()

    # The quiz: an answer is swapped in with its feedback.
    page.goto(base + reverse("reader:quiz_take", args=[article.pk]))
    page.locator("li.question").first.locator("button.choice").first.click()
    page.locator("li.question .feedback").first.wait_for()

    # The teacher's review page opens its panel on a click, and hovering another word leaves a
    # half-typed correction alone (what its inline script did).
    page.goto(base + reverse("classroom:article_review", args=[article.pk]))
    page.locator(".text .w", has_text="Regierung").click()
    panel = page.locator("#popover")
    panel.get_by_role("button", name="Save gloss").wait_for()
    gloss = panel.locator(".correction-gloss input[name=gloss]")
    gloss.fill("the government (half typed")
    page.locator(".text .w", has_text="Raketenwerfer").hover()
    page.wait_for_timeout(400)
    assert gloss.input_value() == "the government (half typed"

    # The class page asks before removing a student: cancelled keeps them, accepted removes.
    page.goto(base + reverse("classroom:classroom_detail", args=[classroom.pk]))
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.locator("#students").get_by_role("button", name="Remove").click()
    page.wait_for_timeout(300)
    assert asked == ["Remove sam from the class?"]
    assert "sam" in page.locator("#students").inner_text()
    page.once("dialog", lambda d: d.accept())
    with page.expect_navigation():
        page.locator("#students").get_by_role("button", name="Remove").click()
    assert "sam" not in page.locator("#students").inner_text()

    # The vocabulary page lists the saved word; htmx asks before deleting it.
    page.goto(base + reverse("glossary:vocabulary"))
    assert "Regierung" in page.locator("main").inner_text()
    asked.clear()
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.get_by_role("button", name="Delete").first.click()
    page.wait_for_timeout(300)
    assert asked and "Regierung" in asked[0]

    page.goto(base + reverse("password_reset"))
    assert violations == []
    assert console == []


def test_a_page_waiting_for_its_article_reloads_itself_once_it_is_ready(watched_page, live_server):
    page, violations, console = watched_page
    article = make_article(annotate="none")
    page.goto(live_server.url + reverse("reader:article_detail", args=[article.pk]))
    page.locator("#status").wait_for()
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.READY, annotation=small_annotation(), annotation_version=1
    )
    page.locator(".text .w", has_text="Regierung").wait_for(timeout=8_000)
    assert violations == [] and console == []


def test_the_watch_sees_a_violation(watched_page, live_server):
    """The check above can fail: an inline style attribute is reported."""
    page, violations, _console = watched_page
    page.goto(live_server.url + reverse("login"))
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_function("() => true")
    page.wait_for_timeout(300)
    assert violations and "style-src" in violations[0]


def test_my_library_the_reading_position_and_a_copy_run_under_the_policy(watched_page, live_server):
    """The library's htmx search and delete, the reading position script, and "Make my own
    copy" on a shared article's quiz page (issue 14 item 2, issue 18 item 2)."""
    from reader.models import ReadingPosition

    page, violations, console = watched_page
    base = live_server.url
    teacher = make_teacher("frau_weber")
    mine = make_ready_article("Ärger im Büro", created_by=teacher)
    shared = make_ready_article("Für alle")
    quiz = make_quiz(shared)
    quiz.fingerprint = fingerprint(shared.annotation)
    quiz.save(update_fields=["fingerprint"])
    log_in(page, base, "frau_weber")

    page.goto(base + reverse("library:library"))
    page.fill("#id_q", "ärger")
    page.wait_for_function(
        "() => document.querySelectorAll('#library-results tbody tr').length === 1"
    )
    page.goto(base + reverse("reader:article_detail", args=[mine.pk]))
    page.locator(".text .w", has_text="Regierung").click()
    page.locator("#popover").wait_for(state="visible")
    page.keyboard.press("Escape")
    page.locator("#popover").wait_for(state="hidden")
    # The second sentence: its position is saved in the background (wait for that answer, not
    # a fixed time: on a loaded machine it came after 4 s).
    with page.expect_response(
        lambda r: r.request.method == "POST" and (r.request.post_data or "") == "s=1"
    ):
        page.locator(".text .w", has_text="gut").click()
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    assert ReadingPosition.objects.filter(article=mine, sentence=1).exists()

    page.goto(base + reverse("reader:quiz_take", args=[shared.pk]))
    with page.expect_navigation():
        page.get_by_role("button", name="Make my own copy").click()
    assert "Your own copy" in page.locator("main").inner_text()

    page.goto(base + reverse("library:article_delete", args=[mine.pk]))
    with page.expect_navigation():
        page.get_by_role("button", name="Delete the article").click()
    assert "was deleted" in page.locator("main").inner_text()
    assert violations == []
    assert console == []
