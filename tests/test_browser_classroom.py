"""The classroom flow in a real browser: a teacher makes a class, a student joins, reads the
assigned article to the end and takes its quiz, and the teacher sees the score."""

import re

import pytest
from django.urls import reverse

from classroom.models import Lookup, Progress
from tests.classroom_factories import (
    PASSWORD,
    make_quiz,
    make_ready_article,
    make_student,
    make_teacher,
)

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


def class_flow(page, base, article, *, long_text: bool):
    make_teacher("frau_weber")
    make_student("sam")

    # The teacher creates a class and assigns the article with a due date.
    log_in(page, base, "frau_weber")
    page.get_by_role("link", name="Classes").click()
    page.fill("#id_name", "Deutsch 10b")
    page.get_by_role("button", name="Create class").click()
    code = page.locator("#join-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{8}", code)
    page.select_option("#id_article", label=article.title)
    page.fill("#id_due_at", "2030-06-01T08:00")
    page.get_by_role("button", name="Assign").click()
    assert article.title in page.locator("#assignment-table").inner_text()
    log_out(page)

    # The student joins with the code and opens the assignment from their home page.
    log_in(page, base, "sam")
    page.goto(base + reverse("classroom:home"))
    page.fill("#id_code", code.lower())
    page.get_by_role("button", name="Join").click()
    page.goto(base + reverse("classroom:home"))
    card = page.locator("#assignments .card", has_text=article.title)
    assert "due" in card.inner_text()
    card.get_by_role("link").click()
    page.wait_for_load_state("load")  # reader.js listens from then on (slow on a loaded machine)

    # Looking a word up inside the assignment (hovering and staying on it) is counted for the
    # teacher.
    with page.expect_response(lambda r: r.url.endswith("/lookup/") and r.status == 204):
        page.locator(".text .w").nth(3).hover()
    page.locator("#popover").wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    # Park the mouse on the sticky header: scrolling under a still cursor hovers other words.
    page.mouse.move(1, 1)
    if long_text:  # the end is below the fold: nothing sent yet
        assert Progress.objects.get().finished_at is None
    # Scrolling to the end of the text sends the "read to the end" beacon.
    page.locator("footer.assignment-end").scroll_into_view_if_needed()
    page.locator("#finish.done").wait_for()
    assert Progress.objects.get().finished_at is not None
    assert Lookup.objects.count() == 1

    # The quiz: every question answered with its first choice; the score appears at the end.
    page.locator("#quiz-link").click()
    page.locator("#quiz").wait_for()
    for question_id in page.locator("li.question").evaluate_all("items => items.map(i => i.id)"):
        page.locator(f"#{question_id} button.choice").first.click()
        page.locator(f"#{question_id}.answered").wait_for()
    final = page.locator("#score .final").inner_text()
    score = re.search(r"(\d+) / (\d+)", final).groups()
    log_out(page)

    # The teacher sees who opened and finished it, and the score.
    log_in(page, base, "frau_weber")
    page.goto(base + reverse("classroom:home"))
    page.get_by_role("link", name="Deutsch 10b").click()
    page.get_by_role("link", name="Results").click()
    row = page.locator("#students-table tbody tr", has_text="sam")
    assert "✓" in row.inner_text()
    assert f"{score[0]}/{score[1]}" in row.locator("td.score").inner_text()
    assert "sam" in page.locator("svg.chart").first.inner_html()  # the score bars
    assert page.locator("#looked-up li").count() == 1


def test_teacher_assigns_the_seed_article_student_reads_and_takes_the_quiz_teacher_sees_the_score(
    browser_page, live_server, seed_article
):
    class_flow(browser_page, live_server.url, seed_article, long_text=True)


def test_the_class_flow_works_on_a_short_hand_annotated_article(browser_page, live_server):
    """The same flow without the NLP pipeline or the dictionary: a hand-made annotation and a
    two-question quiz, so a classroom regression shows even where the lexicon is not imported."""
    from reader.quiz.services import fingerprint

    article = make_ready_article(title="Ein Plan", seed_order=0)
    quiz = make_quiz(article)
    quiz.fingerprint = fingerprint(article.annotation)  # the quiz app keeps it as generated
    quiz.save(update_fields=["fingerprint"])
    class_flow(browser_page, live_server.url, article, long_text=False)


def test_teacher_uploads_an_article_sees_its_level_and_corrects_a_gloss(
    browser_page, live_server, sample_lexicon, tmp_path
):
    page, base = browser_page, live_server.url
    make_teacher("frau_weber")
    html = tmp_path / "plan.html"
    html.write_text(
        "<html><head><script>alert(1)</script></head><body><article><h1>Der Plan</h1>"
        "<p>Die Regierung stellte am Montag einen neuen Plan für die Schulen vor.</p>"
        "<p>Er soll dafür sorgen, dass mehr Lehrer eingestellt werden und die Klassen kleiner "
        "sind. Kritiker sagen, das sei nicht genug, weil es auch an Räumen fehlt.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    log_in(page, base, "frau_weber")
    page.goto(base + reverse("classroom:article_add"))
    page.fill("#id_title", "Der Plan")
    page.fill("#id_source", "Testzeitung")
    page.set_input_files("#id_file", str(html))
    page.get_by_role("button", name="Add").click()

    # The review page: the level badge, the text without the script, words to correct.
    page.locator(".article-status .level").wait_for()
    assert "alert" not in page.locator("#article").inner_text()
    page.locator(".text .w", has_text="Regierung").first.click()
    panel = page.locator("#popover")
    panel.wait_for(state="visible")
    page.wait_for_load_state("networkidle")  # hover and click both fetch the panel
    panel.locator(".correction-gloss input[name=gloss]").fill("the federal cabinet")
    panel.get_by_role("button", name="Save gloss").click()
    assert "the federal cabinet" in page.locator("#corrections").inner_text()

    # Every reader now sees the corrected gloss in the popover.
    page.goto(base + reverse("classroom:home"))
    page.get_by_role("link", name="Der Plan").click()
    page.locator(".text .w", has_text="Regierung").first.hover()
    page.locator("#popover").wait_for(state="visible")
    assert "the federal cabinet" in page.locator("#popover").inner_text()


def test_only_words_the_student_stays_on_or_clicks_count_as_looked_up(browser_page, live_server):
    """A mouse crossing the text opens popovers on its way; the teacher's "words looked up"
    must not fill with every word it passed."""
    from classroom import services
    from tests.classroom_factories import make_class

    page, base = browser_page, live_server.url
    teacher, student = make_teacher("frau_weber"), make_student("sam")
    article = make_ready_article(title="Ein Plan", seed_order=0, created_by=teacher)
    assignment = services.assignment_create(
        classroom=make_class(teacher, students=[student]), article=article
    )
    log_in(page, base, "sam")
    page.goto(base + reverse("classroom:assignment_read", args=[assignment.pk]))
    words = page.locator(".text .w")

    # Crossing words, each long enough to open its popover, then leaving the text.
    for i in range(3):
        words.nth(i).hover()
        page.wait_for_timeout(300)
    page.mouse.move(1, 1)
    page.wait_for_timeout(1200)
    page.wait_for_load_state("networkidle")
    assert not Lookup.objects.exists()

    # Staying on a word counts it.
    with page.expect_response(lambda r: r.url.endswith("/lookup/")):
        words.nth(1).hover()
    assert [lookup.key for lookup in Lookup.objects.all()] == ["regierung"]

    # A click counts at once, and only once.
    page.mouse.move(1, 1)
    with page.expect_response(lambda r: r.url.endswith("/lookup/")):
        words.nth(2).click()
    page.locator("#popover").wait_for(state="visible")
    page.wait_for_timeout(1200)  # long enough for a second count, had the click sent one
    page.wait_for_load_state("networkidle")
    looked_up = {lookup.key: lookup.count for lookup in Lookup.objects.all()}
    assert looked_up == {"regierung": 1, "vorstellen": 1}
