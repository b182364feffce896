"""The classroom flow in a real browser: a teacher makes a class, a student joins, reads the
assigned article to the end, and the teacher sees it on the dashboard."""

import re

import pytest
from django.urls import reverse

from classroom.models import Lookup, Progress
from tests.classroom_factories import PASSWORD, make_student, make_teacher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base, username):
    page.goto(base + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"^(?!.*login).*$"))


def log_out(page):
    page.locator("header.site").get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


def test_teacher_assigns_the_seed_article_and_sees_the_student_read_it(browser_page, live_server, flow_article):
    page, base = browser_page, live_server.url
    make_teacher("frau_weber")
    make_student("sam")

    # The teacher creates a class and assigns the seed article with a due date.
    log_in(page, base, "frau_weber")
    page.get_by_role("link", name="Classes").click()
    page.fill("#id_name", "Deutsch 10b")
    page.get_by_role("button", name="Create class").click()
    code = page.locator("#join-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{8}", code)
    page.select_option("#id_article", label=flow_article.title)
    page.fill("#id_due_at", "2030-06-01T08:00")
    page.get_by_role("button", name="Assign").click()
    assert flow_article.title in page.locator("#assignment-table").inner_text()
    log_out(page)

    # The student joins with the code and opens the assignment from their home page.
    log_in(page, base, "sam")
    page.goto(base + reverse("classroom:home"))
    page.fill("#id_code", code.lower())
    page.get_by_role("button", name="Join").click()
    page.goto(base + reverse("classroom:home"))
    card = page.locator("#assignments .card", has_text=flow_article.title)
    assert "due" in card.inner_text()
    card.get_by_role("link").click()

    # Looking a word up inside the assignment is counted for the teacher.
    page.locator(".text .w").nth(3).hover()
    page.locator("#popover").wait_for(state="visible")
    # Scrolling to the end of the text sends the "read to the end" beacon.
    page.locator("footer.assignment-end").scroll_into_view_if_needed()
    page.locator("#finish.done").wait_for()
    assert Progress.objects.get().finished_at is not None
    assert Lookup.objects.count() == 1
    log_out(page)

    # The teacher sees who opened and finished it.
    log_in(page, base, "frau_weber")
    page.goto(base + reverse("classroom:home"))
    page.get_by_role("link", name="Deutsch 10b").click()
    page.get_by_role("link", name="Results").click()
    row = page.locator("#students-table tbody tr", has_text="sam")
    assert "✓" in row.inner_text()
    assert page.locator("svg.chart").count() == 1
    assert page.locator("#looked-up li").count() == 1


@pytest.fixture
def flow_article(db):
    from tests.classroom_factories import make_ready_article

    return make_ready_article(title="Ein Plan", seed_order=0)
