"""A closed-book quiz in a real browser: the teacher ticks "closed book" when assigning, the
student reads, opens the quiz from the text's own link and answers it without any way back to
the article, and the teacher's results say closed book."""

import re

import pytest
from django.urls import reverse

from reader.quiz.services import fingerprint
from tests.classroom_factories import (
    make_class,
    make_quiz,
    make_ready_article,
    make_student,
    make_teacher,
)
from tests.test_browser_classroom import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_closed_book_quiz_hides_the_article_while_the_student_answers(browser_page, live_server):
    page, base = browser_page, live_server.url
    article = make_ready_article(title="Ein Plan", seed_order=0)
    quiz = make_quiz(article)
    quiz.fingerprint = fingerprint(article.annotation)  # the quiz app keeps it as generated
    quiz.save(update_fields=["fingerprint"])
    classroom = make_class(make_teacher("frau_weber"), students=[make_student("sam")])

    log_in(page, base, "frau_weber")
    page.goto(base + reverse("classroom:classroom_detail", args=[classroom.pk]))
    page.select_option("#id_article", label=article.title)
    page.get_by_label("Closed-book quiz").check()
    page.get_by_role("button", name="Assign").click()
    assert "closed book" in page.locator("#assignment-table").inner_text()
    log_out(page)

    log_in(page, base, "sam")
    page.goto(base + reverse("classroom:home"))
    page.locator("#assignments .card", has_text=article.title).get_by_role("link").click()
    assert "Closed book" in page.locator("footer.assignment-end").inner_text()
    page.locator(".quiz-link a").click()  # the link under the text, not the assignment's own
    page.locator("#quiz").wait_for()
    assert "Closed book" in page.locator("#quiz .meta").inner_text()
    article_url = reverse("reader:article_detail", args=[article.pk])
    assert page.locator(f'a[href="{article_url}"]').count() == 0
    for question_id in page.locator("li.question").evaluate_all("items => items.map(i => i.id)"):
        page.locator(f"#{question_id} button.choice").first.click()
        page.locator(f"#{question_id}.answered").wait_for()
        assert page.locator(f"#{question_id} blockquote.source").count() == 0
    score = re.search(r"(\d+) / (\d+)", page.locator("#score .final").inner_text()).groups()
    assert page.locator(f'a[href="{article_url}"]').count() == 0
    log_out(page)

    log_in(page, base, "frau_weber")
    assignment = article.assignments.get()
    page.goto(base + reverse("classroom:assignment_dashboard", args=[assignment.pk]))
    assert "Closed-book quiz" in page.locator("#quiz-mode").inner_text()
    row = page.locator("#students-table tbody tr", has_text="sam")
    assert f"{score[0]}/{score[1]}" in row.locator("td.score").inner_text()
