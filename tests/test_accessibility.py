"""Every main page checked by axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) in Chromium, and
the reading view and the quiz used with the keyboard alone.

axe comes from the npm registry (package.json, installed by scripts/setup.sh). A page is
checked as its user sees it: logged in as learner, student or teacher, a word's popover open,
a question answered.
"""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from classroom import services as classroom_services
from glossary.models import Export, SavedWord
from tests.classroom_factories import (
    make_class,
    make_quiz,
    make_ready_article,
    make_student,
    make_teacher,
    take_quiz,
)
from tests.factories import make_user

# axe is put into each page as a <script> and Playwright's string predicates are evaluated in
# it: both are what the Content-Security-Policy refuses, so this module's pages bypass it
# (tests/test_browser_csp.py loads the pages with the policy on).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser_context_args(bypass_csp=True),
]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices, which add what the task
# of reading needs beyond them: landmarks, heading order, a dialog's allowed roles.
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
HX = {"HX-Request": "true"}


def make_answerable_quiz(article):
    """The factories' two questions, marked as generated from the article's annotation."""
    from reader.quiz.services import fingerprint

    quiz = make_quiz(article)
    quiz.fingerprint = fingerprint(article.annotation)
    quiz.save(update_fields=["fingerprint"])
    return quiz


def axe_violations(page) -> list[dict]:
    assert AXE.is_file(), f"{AXE} is missing: scripts/setup.sh deps installs it from npm"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        "  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        "    targets: v.nodes.map(n => n.target.join(' '))})))",
        RULES,
    )


def describe(found: dict[str, list[dict]]) -> str:
    lines = []
    for where, violations in found.items():
        lines.append(f"{where}:")
        for v in violations:
            targets = ", ".join(v["targets"][:5]) + (" …" if len(v["targets"]) > 5 else "")
            lines.append(f"  {v['id']} ({v['impact']}): {v['help']}\n    {targets}")
    return "\n".join(lines)


class Audit:
    """Collects axe's findings page by page, so one run names every page that fails."""

    def __init__(self, page):
        self.page = page
        self.found: dict[str, list[dict]] = {}

    def check(self, where: str):
        self.page.wait_for_load_state()
        violations = axe_violations(self.page)
        if violations:
            self.found[where] = violations

    def assert_clean(self):
        assert not self.found, "axe found accessibility violations:\n" + describe(self.found)


def log_in(page, base: str, user):
    """Log the browser in with a session made by Django's test client (the login form itself
    is checked by axe in test_anonymous_pages)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])
    return client


def focus_first_word(page):
    """Tab from the top of the page until a word of the text has the focus."""
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.text .w')"):
            return
    raise AssertionError("no word of the text was reached with the Tab key")


def wait_for_popover_of_focused_word(page):
    page.wait_for_function(
        """() => {
          const word = document.activeElement;
          const pop = document.querySelector("#popover:not([hidden]) .pop");
          return pop && pop.dataset.s === word.dataset.s && pop.dataset.t === word.dataset.t;
        }"""
    )


def test_anonymous_pages(browser_page, live_server, seed_article):
    page, base = browser_page, live_server.url
    audit = Audit(page)
    page.goto(base + reverse("reader:article_list"))
    audit.check("article list")
    page.goto(base + reverse("reader:article_detail", args=[seed_article.pk]))
    audit.check("seed article")
    page.goto(base + reverse("login"))
    audit.check("login")
    page.goto(base + "/articles/999999/")
    audit.check("page not found")
    page.goto(base + reverse("password_reset"))
    audit.check("password reset")
    page.goto(base + reverse("signup"))
    audit.check("signup")
    # Errors shown next to the fields are part of the form too.
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    audit.check("signup with errors")
    audit.assert_clean()


def test_learner_pages(browser_page, live_server, seed_article):
    page, base = browser_page, live_server.url
    lea = make_user("lea")
    client = log_in(page, base, lea)
    audit = Audit(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + reverse("reader:article_detail", args=[seed_article.pk]))
    focus_first_word(page)
    wait_for_popover_of_focused_word(page)
    audit.check("seed article, popover opened by keyboard")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + reverse("reader:article_detail", args=[seed_article.pk]))
    audit.check("seed article at 390 px")
    page.locator(".text .w", has_text="Haubitzen").first.click()
    page.locator("#popover .vocab-actions").wait_for()
    audit.check("seed article at 390 px, popover open")
    page.set_viewport_size({"width": 1280, "height": 900})

    haubitzen = page.locator(".text .w", has_text="Haubitzen").first
    s, t = haubitzen.get_attribute("data-s"), haubitzen.get_attribute("data-t")
    saved = client.post(
        reverse("glossary:word_save"), {"article": seed_article.pk, "s": s, "t": t}, headers=HX
    )
    assert saved.status_code == 200 and SavedWord.objects.filter(user=lea).exists()
    # The saved word's popover shows it as "learning", a button of its own colour.
    page.goto(base + reverse("reader:article_detail", args=[seed_article.pk]))
    haubitzen.click()
    page.locator("#popover [data-status=learning].on").wait_for()
    audit.check("seed article, popover of a saved word")

    page.goto(base + reverse("glossary:vocabulary"))
    assert page.locator("tr.vocab-row").count() == 1
    audit.check("vocabulary with a saved word")
    page.locator("tr.vocab-row").get_by_role("link", name="Edit").click()
    page.locator("tr.vocab-row.editing").wait_for()
    audit.check("vocabulary, a word being edited")

    for status in ("pending", "ready"):
        export = Export.objects.create(
            owner=lea,
            kind="vocabulary",
            status=status,
            filename="randnotiz.apkg",
            data=b"deck" if status == "ready" else None,
        )
        page.goto(base + reverse("glossary:export_detail", args=[export.pk]))
        audit.check(f"export page, {status}")

    page.goto(base + reverse("reader:article_detail", args=[seed_article.pk]))
    page.get_by_role("button", name="Mark the rest as known").click()
    page.get_by_role("button", name="Undo").wait_for()
    audit.check("seed article, the rest marked known (undo offered)")
    audit.assert_clean()


def test_quiz_before_and_after_answering(browser_page, live_server):
    page, base = browser_page, live_server.url
    article = make_ready_article()
    make_answerable_quiz(article)
    log_in(page, base, make_user("lea"))
    audit = Audit(page)
    page.goto(base + reverse("reader:quiz_take", args=[article.pk]))
    audit.check("quiz")
    page.locator("li.question").first.locator("button.choice").nth(1).click()
    page.locator("li.question .feedback").first.wait_for()
    audit.check("quiz, one question answered wrongly")
    page.locator("li.question").nth(1).locator("button.choice").first.click()
    page.locator("#score .final").wait_for()
    audit.check("quiz, all answered")
    audit.assert_clean()


@pytest.fixture
def assignment_with_results():
    teacher = make_teacher()
    student = make_student()
    article = make_ready_article(created_by=teacher)
    classroom = make_class(teacher, students=[student])
    assignment = classroom_services.assignment_create(
        classroom=classroom, article=article, due_at=timezone.now() + dt.timedelta(days=3)
    )
    classroom_services.assignment_finish(assignment=assignment, student=student)
    classroom_services.lookup_record(assignment_id=assignment.pk, student=student, key="Regierung")
    take_quiz(make_quiz(article), student, assignment, [0, 1])
    return assignment


def test_teacher_pages(browser_page, live_server, assignment_with_results):
    page, base = browser_page, live_server.url
    assignment = assignment_with_results
    log_in(page, base, assignment.classroom.teacher)
    audit = Audit(page)
    page.goto(base + reverse("classroom:home"))
    audit.check("teacher's home")
    page.fill("#id_name", "Deutsch 10c")
    page.get_by_role("button", name="Create class").click()
    page.locator(".messages").wait_for()
    audit.check("a new class, with the message saying so")
    page.goto(base + reverse("classroom:classroom_detail", args=[assignment.classroom.pk]))
    audit.check("class page")
    page.goto(base + reverse("classroom:assignment_dashboard", args=[assignment.pk]))
    audit.check("assignment dashboard with results")
    page.goto(base + reverse("classroom:article_review", args=[assignment.article.pk]))
    audit.check("article review")
    page.locator(".text .w").nth(1).click()
    page.locator("#popover .correction-gloss").wait_for()
    audit.check("article review, correction panel open")
    page.goto(base + reverse("reader:quiz_edit", args=[assignment.article.pk]))
    audit.check("quiz review")
    page.goto(base + reverse("classroom:article_add"))
    audit.check("add an article")
    audit.assert_clean()


def test_student_pages(browser_page, live_server, assignment_with_results):
    page, base = browser_page, live_server.url
    assignment = assignment_with_results
    student = assignment.classroom.memberships.get().student
    log_in(page, base, student)
    audit = Audit(page)
    page.goto(base + reverse("classroom:home"))
    audit.check("student's home")
    page.goto(base + reverse("classroom:assignment_read", args=[assignment.pk]))
    audit.check("assignment")
    page.goto(base + reverse("classroom:assignment_answers", args=[assignment.pk, student.pk]))
    audit.check("student's answers")
    page.goto(base + reverse("classroom:join"))
    audit.check("join a class")
    audit.assert_clean()


def test_keyboard_alone_opens_a_popover_saves_the_word_and_escapes_back(
    browser_page, live_server, seed_article
):
    page, base = browser_page, live_server.url
    lea = make_user("lea")
    log_in(page, base, lea)
    page.goto(base + reverse("reader:article_detail", args=[seed_article.pk]))
    focus_first_word(page)
    popover = page.locator("#popover")
    # The text starts with names (Seoul, taz), which have no Save button: walk on to a word.
    for _ in range(8):
        wait_for_popover_of_focused_word(page)
        if popover.locator("[data-save]").count():
            break
        page.keyboard.press("ArrowRight")
    word = page.evaluate("[document.activeElement.dataset.s, document.activeElement.dataset.t]")

    # Enter opens the word's popover as a dialog and takes the focus into it.
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('popover').contains(document.activeElement)")
    for _ in range(10):
        if page.evaluate("document.activeElement.matches('[data-save]')"):
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('#popover [data-save]')")
    page.keyboard.press("Enter")
    popover.locator("[data-save].saved").wait_for()
    assert SavedWord.objects.filter(user=lea).count() == 1
    # The new button keeps the focus: the learner is where they were.
    assert page.evaluate("document.activeElement.matches('#popover [data-save]')")

    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    # Giving the focus back must not open the popover again.
    page.wait_for_load_state("networkidle")
    assert popover.is_hidden()
    focused = page.evaluate(
        "[document.activeElement.dataset.s, document.activeElement.dataset.t,"
        " document.activeElement.matches('.text .w')]"
    )
    assert focused == [*word, True]


def test_keyboard_alone_answers_the_quiz(browser_page, live_server):
    page, base = browser_page, live_server.url
    article = make_ready_article()
    quiz = make_answerable_quiz(article)
    log_in(page, base, make_user("lea"))
    page.goto(base + reverse("reader:quiz_take", args=[article.pk]))
    for number in range(quiz.questions.count()):
        for _ in range(15):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('button.choice')"):
                break
        assert page.evaluate("document.activeElement.matches('button.choice')")
        page.keyboard.press("Enter")
        page.locator("li.question .feedback").nth(number).wait_for()
        # The answer's feedback takes the focus, so the next Tab leads to the next question.
        page.wait_for_function("document.activeElement.matches('li.question.answered .feedback')")
    assert "2 / 2" in page.locator("#score .final").inner_text()


def test_tab_leads_out_of_the_popover_to_the_next_word_and_shift_tab_back_to_its_own(
    browser_page, live_server
):
    page, base = browser_page, live_server.url
    article = make_ready_article()
    page.goto(base + reverse("reader:article_detail", args=[article.pk]))
    focus_first_word(page)
    wait_for_popover_of_focused_word(page)
    first = page.evaluate("document.activeElement.innerText")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'popover'")

    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.innerText") == first
    page.locator("#popover").wait_for(state="hidden")

    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'popover'")
    # Anonymous: the popover holds the close button and the log-in and sign-up links.
    for _ in range(3):
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('popover').contains(document.activeElement)")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText") == "Regierung"
    wait_for_popover_of_focused_word(page)
