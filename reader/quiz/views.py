"""Taking a quiz (one page, answers checked on the server, htmx feedback) and a teacher's
review of an article's quiz."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.context_processors import csrf
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from accounts.selectors import user_is_teacher
from core.ids import is_id
from reader.access import article_get_owned, article_get_readable
from reader.quiz import services
from reader.quiz.forms import AnswerForm, AssignmentForm, MoveForm, QuestionEditForm
from reader.quiz.models import Quiz, QuizQuestion
from reader.quiz.rendering import question_html, question_item, quiz_items
from reader.quiz.selectors import quiz_is_closed_book, quiz_questions
from reader.selectors import own_copy_id


def _state(request, quiz: Quiz) -> dict:
    """This browser's progress through a quiz, kept in the session (learners need not log in
    to practise): {"answers": {question id: choice}, "assignment": id, "recorded": bool}."""
    state = request.session.get(f"quiz-{quiz.pk}") or {
        "answers": {},
        "assignment": None,
        "recorded": False,
    }
    if state.get("assignment") is not None and not is_id(state["assignment"]):
        # Stored before ids were checked on the way in: a number no query can take.
        state = {**state, "assignment": None}
    return state


def _save_state(request, quiz: Quiz, state: dict) -> None:
    request.session[f"quiz-{quiz.pk}"] = state


def _items(questions, answers: dict) -> list[dict]:
    return [question_item(q, answers.get(str(q.pk))) for q in questions]


def _progress(items: list[dict]) -> dict:
    answered = [i for i in items if i["choice"] is not None]
    return {
        "answered": len(answered),
        "total": len(items),
        "score": sum(1 for i in answered if i["correct"]),
        "done": bool(items) and len(answered) == len(items),
    }


def _quiz_or_404(article) -> Quiz:
    quiz = services.quiz_for_article(article)
    if quiz is None:
        raise Http404("This article is not annotated yet.")
    return quiz


def _annotated_or_404(article) -> None:
    """Before queueing a generation: an article without annotation has nothing to ask about."""
    if not article.annotation:
        raise Http404("This article is not annotated yet.")


def _article_for_edit(request, pk: int):
    """The article whose quiz the user may edit: its owner's and staff's (reader/access.py);
    404 for anyone else, as for an article they may not read."""
    return article_get_owned(request.user, pk)


@require_GET
def quiz_take(request, pk: int):
    article = article_get_readable(request.user, pk)
    quiz = services.quiz_for_article(article)
    form = AssignmentForm(request.GET)
    assignment = form.cleaned_data["assignment"] if form.is_valid() else None
    can_edit = services.can_edit_quiz(request.user, article)
    # A teacher who would change a shared article's quiz gets their own copy to change.
    copy_offer = not can_edit and article.is_shared and user_is_teacher(request.user)
    context = {
        "article": article,
        "quiz": quiz,
        "can_edit": can_edit,
        "copy_offer": copy_offer,
        "own_copy_id": own_copy_id(request.user, article) if copy_offer else None,
        "closed_book": quiz_is_closed_book(article, assignment),
    }
    if request.htmx and request.GET.get("status"):
        # The "preparing the quiz" box polls here until the questions exist.
        if quiz is not None and quiz.has_questions:
            return HttpResponseClientRefresh()
        return render(request, "reader/quiz.html#preparing", context)
    if quiz is not None and quiz.has_questions:
        state = _state(request, quiz)
        if assignment and assignment != state.get("assignment"):
            # Coming from an assignment starts a fresh attempt for it: a practice run finished
            # earlier must not leave the assignment without a recorded attempt.
            state = {"answers": {}, "assignment": assignment, "recorded": False}
            _save_state(request, quiz, state)
        # The attempt under way decides, wherever the learner came from: a closed-book
        # assignment's quiz opened again without ?assignment is still closed.
        closed_book = quiz_is_closed_book(article, state.get("assignment"))
        # One token for the page and all its forms, as {% csrf_token %} would give them.
        token = csrf(request)["csrf_token"]
        items = quiz_items(
            article_id=article.pk,
            questions=quiz_questions(quiz),
            answers=state["answers"],
            csrf_token=token,
            closed_book=closed_book,
        )
        context.update(items=items, csrf_token=token, closed_book=closed_book, **_progress(items))
    return render(request, "reader/quiz.html", context)


@require_POST
def quiz_answer(request, pk: int, qid: int):
    article = article_get_readable(request.user, pk)
    quiz = _quiz_or_404(article)
    questions = quiz_questions(quiz)
    question = next((q for q in questions if q.pk == qid), None)
    if question is None:
        raise Http404("No such question in this quiz.")
    form = AnswerForm(request.POST, choices=len(question.choices))
    if not form.is_valid():
        return HttpResponseBadRequest("Choose one of the answers.")
    state = _state(request, quiz)
    # The first answer counts: answering again (a second tab, a double click) changes nothing.
    state["answers"].setdefault(str(question.pk), form.cleaned_data["choice"])
    items = _items(questions, state["answers"])
    progress = _progress(items)
    if progress["done"] and not state["recorded"]:
        answers = {i["q"].pk: i["choice"] for i in items}
        services.quiz_attempt_record(
            quiz=quiz, user=request.user, answers=answers, assignment=state.get("assignment")
        )
        state["recorded"] = True
    _save_state(request, quiz, state)
    if not request.htmx:
        return redirect(reverse("reader:quiz_take", args=[article.pk]) + f"#q{question.pk}")
    html = question_html(
        article_id=article.pk,
        question=question,
        choice=state["answers"][str(question.pk)],
        csrf_token=csrf(request)["csrf_token"],
        closed_book=quiz_is_closed_book(article, state.get("assignment")),
    )
    context = {"article": article, "quiz": quiz, "oob": True, **progress}
    html += render_to_string("reader/quiz.html#score", context, request)
    return HttpResponse(html)


@require_POST
def quiz_retry(request, pk: int):
    article = article_get_readable(request.user, pk)
    quiz = _quiz_or_404(article)
    state = _state(request, quiz)
    _save_state(
        request, quiz, {"answers": {}, "assignment": state.get("assignment"), "recorded": False}
    )
    return redirect("reader:quiz_take", pk=article.pk)


# --------------------------------------------------------------------------- teacher review


@require_GET
def quiz_edit(request, pk: int):
    article = _article_for_edit(request, pk)
    quiz = _quiz_or_404(article)
    rows = []
    for q in quiz.questions.all():
        initial = {
            "prompt": q.prompt,
            "choices": "\n".join(q.choices),
            "answer": q.answer + 1,
            "explanation": q.explanation,
        }
        rows.append({"q": q, "form": QuestionEditForm(initial=initial, prefix=f"q{q.pk}")})
    return render(
        request, "reader/quiz_edit.html", {"article": article, "quiz": quiz, "rows": rows}
    )


@require_POST
def quiz_question_edit(request, pk: int, qid: int):
    article = _article_for_edit(request, pk)
    quiz = _quiz_or_404(article)
    question = get_object_or_404(QuizQuestion, pk=qid, quiz=quiz)
    form = QuestionEditForm(request.POST, prefix=f"q{question.pk}")
    if not form.is_valid():
        rows = [
            {
                "q": q,
                "form": form
                if q.pk == question.pk
                else QuestionEditForm(
                    initial={
                        "prompt": q.prompt,
                        "choices": "\n".join(q.choices),
                        "answer": q.answer + 1,
                        "explanation": q.explanation,
                    },
                    prefix=f"q{q.pk}",
                ),
            }
            for q in quiz.questions.all()
        ]
        return render(
            request,
            "reader/quiz_edit.html",
            {"article": article, "quiz": quiz, "rows": rows},
            status=400,
        )
    data = form.cleaned_data
    services.quiz_question_update(
        question,
        prompt=data["prompt"],
        choices=data["choices"],
        answer=data["answer"] - 1,
        explanation=data["explanation"],
    )
    messages.success(request, "Question saved.")
    return redirect(reverse("reader:quiz_edit", args=[article.pk]) + f"#q{question.pk}")


@require_POST
def quiz_question_drop(request, pk: int, qid: int):
    article = _article_for_edit(request, pk)
    quiz = _quiz_or_404(article)
    question = get_object_or_404(QuizQuestion, pk=qid, quiz=quiz)
    services.quiz_question_drop(question, dropped=not question.dropped)
    return redirect(reverse("reader:quiz_edit", args=[article.pk]) + f"#q{question.pk}")


@require_POST
def quiz_question_move(request, pk: int, qid: int):
    article = _article_for_edit(request, pk)
    quiz = _quiz_or_404(article)
    question = get_object_or_404(QuizQuestion, pk=qid, quiz=quiz)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Move up or down.")
    services.quiz_question_move(question, offset=form.cleaned_data["offset"])
    return redirect(reverse("reader:quiz_edit", args=[article.pk]) + f"#q{question.pk}")


@require_POST
def quiz_regenerate(request, pk: int):
    article = _article_for_edit(request, pk)
    _annotated_or_404(article)
    quiz = services.quiz_request_generation(article, new_seed=True)
    _report_generation(request, quiz, "New questions generated; your edited questions were kept.")
    return redirect("reader:quiz_edit", pk=article.pk)


@require_POST
def quiz_generate_retry(request, pk: int):
    """A teacher's "try again" after a failed generation, or "start again" when it waits too
    long (same seed: the same quiz as before)."""
    article = _article_for_edit(request, pk)
    _annotated_or_404(article)
    quiz = services.quiz_request_generation(article, restart=True)
    _report_generation(request, quiz, "The quiz is ready.")
    return redirect("reader:quiz_take", pk=article.pk)


def _report_generation(request, quiz: Quiz, done: str) -> None:
    if quiz.status == Quiz.Status.READY:
        messages.success(request, done)
    elif quiz.status == Quiz.Status.FAILED:
        messages.error(request, f"The questions could not be generated: {quiz.status_message}")
    else:
        messages.info(
            request, "New questions are being generated; your edited questions will be kept."
        )
