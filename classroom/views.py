"""Classes, assignments and the teacher's dashboard. Thin views: every object is fetched
through classroom/access.py, which answers 404 for anything that is not the user's."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from classroom import exports, selectors, services
from classroom.access import (
    article_get,
    assignment_get,
    classroom_get,
    is_assignment_teacher,
    is_teacher,
    require_teacher,
)
from classroom.charts import bar_chart, scatter_chart
from classroom.forms import (
    ArticleForm,
    AssignmentForm,
    AssignmentQuizForm,
    ClassroomForm,
    CompoundForm,
    GlossForm,
    IdiomAddForm,
    IdiomRemoveForm,
    JoinForm,
    ReviewWordForm,
)
from classroom.uploads import MAX_EPUB_BYTES
from glossary.anki import NothingToExport, article_deck
from glossary.exports import article_deck_is_large, export_destination
from glossary.models import ExportKind
from glossary.services import export_request
from nlp.document import Annotation
from reader import render_cache
from reader.access import article_can_change, article_can_publish, article_ensure_readable
from reader.models import Correction
from reader.rendering import reading_blocks, reading_html, word_details
from reader.selectors import own_copy_id, reading_position, rest_known_marked, word_statuses
from reader.services import article_add_once, article_requeue_if_stale, article_visibility_set

# The largest upload plus room for the form's other fields.
MAX_REQUEST_BYTES = MAX_EPUB_BYTES + 2**20


def _errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


# --- Home ----------------------------------------------------------------------------------


@login_required
@require_GET
def home(request):
    """A teacher's classes and articles, or a student's classes and open assignments."""
    if is_teacher(request.user):
        context = {
            "classrooms": selectors.classrooms_taught(request.user),
            "articles": selectors.articles_for_teacher(request.user)[:30],
            "form": ClassroomForm(),
        }
        return render(request, "classroom/teacher_home.html", context)
    context = {
        "classrooms": selectors.classrooms_joined(request.user),
        "assignments": selectors.open_assignments_for(request.user),
        "form": JoinForm(),
    }
    return render(request, "classroom/student_home.html", context)


@login_required
@require_POST
def classroom_create(request):
    require_teacher(request.user)
    form = ClassroomForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("classroom:home")
    classroom = services.classroom_create(teacher=request.user, name=form.cleaned_data["name"])
    messages.success(request, f"Class created. Students join with the code {classroom.join_code}.")
    return redirect("classroom:classroom_detail", pk=classroom.pk)


@login_required
@require_GET
def classroom_detail(request, pk: int):
    classroom = classroom_get(request.user, pk)
    if classroom.teacher_id != request.user.pk:
        assignments = [
            a
            for a in selectors.open_assignments_for(request.user)
            if a.classroom_id == classroom.pk
        ]
        return render(
            request,
            "classroom/classroom_student.html",
            {"classroom": classroom, "assignments": assignments},
        )
    join_url = request.build_absolute_uri(
        reverse("classroom:join_code", args=[classroom.join_code])
    )
    context = {
        "classroom": classroom,
        "join_url": join_url,
        "students": selectors.classroom_students(classroom),
        "assignments": selectors.classroom_assignments(classroom),
        "assign_form": AssignmentForm(articles=selectors.articles_for_teacher(request.user)),
    }
    return render(request, "classroom/classroom_teacher.html", context)


@login_required
@require_POST
def student_remove(request, pk: int, user_id: int):
    classroom = classroom_get(request.user, pk, manage=True)
    if not services.membership_remove(classroom=classroom, student_id=user_id):
        raise Http404("No such student in this class.")
    messages.success(request, "The student was removed from the class.")
    return redirect("classroom:classroom_detail", pk=classroom.pk)


@login_required
@require_POST
def classroom_close(request, pk: int):
    classroom = classroom_get(request.user, pk, manage=True)
    services.classroom_close(classroom=classroom)
    messages.success(
        request, "The class is closed: no one can join, and students no longer see it."
    )
    return redirect("classroom:classroom_detail", pk=classroom.pk)


@login_required
@require_http_methods(["GET", "POST"])
def join(request, code: str = ""):
    """Join by typing the code, or by following the teacher's link (which fills it in)."""
    form = JoinForm(request.POST or None, initial={"code": code})
    if request.method == "POST" and form.is_valid():
        try:
            classroom = services.classroom_join(
                student=request.user, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            messages.success(request, f"You joined {classroom.name}.")
            return redirect("classroom:classroom_detail", pk=classroom.pk)
    return render(
        request, "classroom/join.html", {"form": form}, status=400 if form.errors else 200
    )


# --- Articles ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@csrf_exempt  # checked by csrf_protect below, once the size is known to be sane
def article_add(request):
    """Any signed-in user adds an article: it is theirs and private (reader.access), so a
    learner's own text is read by them alone, a teacher's until they assign or publish it."""
    # Refuse an oversized upload before anything reads the body: Django would otherwise stream
    # the whole file to a temporary file first (the CSRF check alone parses the form).
    length = request.META.get("CONTENT_LENGTH") or "0"
    if request.method == "POST" and (not length.isdigit() or int(length) > MAX_REQUEST_BYTES):
        context = {"form": ArticleForm(), "too_big": MAX_REQUEST_BYTES // 2**20}
        return render(request, "classroom/article_add.html", context, status=413)
    if request.method == "POST":
        try:
            request.POST  # noqa: B018 - parsed here, where a too long paste can be explained
        except RequestDataTooBig:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 2**20
            context = {"form": ArticleForm(), "too_long": f"{limit:.1f}".removesuffix(".0")}
            return render(request, "classroom/article_add.html", context, status=413)
    return _article_add(request)


@csrf_protect
def _article_add(request):
    form = ArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            article, created = article_add_once(
                title=data["title"],
                text=data["text"],
                source=data["source"],
                published=data["published"],
                created_by=request.user,
            )
        except ValidationError as error:
            form.add_error("file" if data.get("file") else "text", error)
        else:
            teacher = is_teacher(request.user)
            if created:
                added = "Check the glosses before you assign it." if teacher else "Only you see it."
                messages.success(request, f"Article added. {added}")
            else:
                added = date_format(localtime(article.created_at), "j F Y, H:i")
                messages.info(
                    request, f"You added this article on {added}: here it is, not added twice."
                )
            # A teacher checks the glosses first; a learner goes straight to reading (the page
            # shows "preparing" while a long text is annotated in the background).
            if teacher:
                return redirect("classroom:article_review", pk=article.pk)
            return redirect("reader:article_detail", pk=article.pk)
    return render(
        request, "classroom/article_add.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_GET
def article_status(request, pk: int):
    """The htmx partial a card or review page polls while the article is annotated (and
    queued again when its run outlived its lease)."""
    article = article_requeue_if_stale(article_get(request.user, pk))
    if article.status == article.Status.READY and request.GET.get("reload"):
        # The review page needs the whole text, not just the badge: reload it once.
        return HttpResponseClientRefresh()
    context = {"article": article, "reload_when_ready": bool(request.GET.get("reload"))}
    return render(request, "classroom/article_review.html#status", context)


def _review_context(request, article, word=None):
    annotation = render_cache.corrected_annotation(article)
    return {
        "article": article,
        "text_html": reading_html(reading_blocks(annotation)) if article.is_ready else "",
        "corrections": selectors.corrections_list(article),
        "word": word,
        "quiz_edit_url": _reverse_or_none("reader:quiz_edit", article.pk),
        "reload_when_ready": True,
    }


def _reverse_or_none(name: str, *args) -> str | None:
    """A URL of another app's view, or None while that app does not offer it."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


@login_required
@require_POST
def article_publish(request, pk: int):
    """The owner (a teacher) or staff puts the article into the shared library, where every
    reader finds it and other teachers may assign it, or takes it back out."""
    article = article_get(request.user, pk, manage=True)
    if not article_can_publish(request.user, article):
        raise Http404("No such article.")
    shared = request.POST.get("shared") == "1"
    article_visibility_set(article, shared=shared)
    messages.success(
        request,
        "In the shared library: everyone can read it now."
        if shared
        else "Private again: only you, your classes and staff can read it.",
    )
    return redirect("classroom:article_review", pk=article.pk)


@login_required
@require_POST
def article_copy(request, pk: int):
    """Make my own copy: a teacher who wants other glosses or another quiz for a shared
    article gets a private copy of it to change, never a change to everyone's. Only a teacher
    (or staff) and only of an article they may assign (the shared library, their own); anyone
    else gets a 404. A second click gives the copy already made."""
    article = article_get(request.user, pk)
    if article_can_change(request.user, article):
        messages.info(request, "This article is yours: change it here.")
        return redirect("classroom:article_review", pk=article.pk)
    copy, created = services.article_copy(teacher=request.user, article=article)
    if created:
        messages.success(
            request,
            "This is your own copy, private to you: its glosses and quiz are yours to change. "
            "The shared article stays as it is for everyone else.",
        )
    else:
        messages.info(request, "You already have your own copy of this article: here it is.")
    return redirect("classroom:article_review", pk=copy.pk)


@login_required
@require_GET
def article_review(request, pk: int):
    article = article_get(request.user, pk, manage=True)
    return render(request, "classroom/article_review.html", _review_context(request, article))


@login_required
@require_GET
def review_word(request, pk: int, s: int, t: int):
    """The correction panel for one word (htmx partial; the whole page without JavaScript)."""
    article = article_get(request.user, pk, manage=True)
    form = ReviewWordForm({"s": s, "t": t})
    if not form.is_valid() or not article.annotation:
        raise Http404("No such word.")
    annotation = render_cache.corrected_annotation(article)
    word = word_details(annotation, s, t)
    if word is None:
        raise Http404("No such word in this article.")
    sentence = annotation.sentences[s]
    word["numbered"] = [(i, tok.text) for i, tok in enumerate(sentence.tokens) if tok.text.strip()]
    word["sentence_expressions"] = sentence.expressions
    word["compound_text"] = " + ".join(
        f"{p.part} = {p.gloss}" if p.gloss else p.part for p in word["compound"]
    )
    if request.htmx:
        return render(
            request, "classroom/article_review.html#word", {"article": article, "word": word}
        )
    return render(request, "classroom/article_review.html", _review_context(request, article, word))


@login_required
@require_POST
def correction_add(request, pk: int, kind: str):
    article = article_get(request.user, pk, manage=True)
    forms = {
        "gloss": GlossForm,
        "compound": CompoundForm,
        "idiom_add": IdiomAddForm,
        "idiom_remove": IdiomRemoveForm,
    }
    if kind not in forms:
        raise Http404("No such correction.")
    form = forms[kind](request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("classroom:article_review", pk=article.pk)
    data = form.cleaned_data
    annotation = Annotation.from_stored(article.annotation)
    if "sentence" in data and not (
        annotation
        and data["sentence"] < len(annotation.sentences)
        and all(annotation.token(data["sentence"], t) for t in data.get("tokens", []))
    ):
        messages.error(request, "That sentence or word is not in this article.")
        return redirect("classroom:article_review", pk=article.pk)
    if kind == "gloss":
        services.correction_add(
            article=article,
            user=request.user,
            kind=Correction.Kind.GLOSS,
            key=data["key"],
            data={"gloss": data["gloss"]},
        )
    elif kind == "compound":
        services.correction_add(
            article=article,
            user=request.user,
            kind=Correction.Kind.COMPOUND_SET if data["parts"] else Correction.Kind.COMPOUND_REMOVE,
            key=data["key"],
            data={"parts": data["parts"]} if data["parts"] else {},
        )
    elif kind == "idiom_add":
        services.correction_add(
            article=article,
            user=request.user,
            kind=Correction.Kind.IDIOM_ADD,
            sentence=data["sentence"],
            data={"tokens": data["tokens"], "lemma": data["lemma"], "gloss": data["gloss"]},
        )
    else:
        services.correction_add(
            article=article,
            user=request.user,
            kind=Correction.Kind.IDIOM_REMOVE,
            sentence=data["sentence"],
            data={"lemma": data["lemma"]},
        )
    messages.success(request, "Correction saved. Every reader of this article sees it now.")
    return redirect("classroom:article_review", pk=article.pk)


@login_required
@require_POST
def correction_delete(request, pk: int, correction_id: int):
    article = article_get(request.user, pk, manage=True)
    if not services.correction_delete(article=article, correction_id=correction_id):
        raise Http404("No such correction.")
    messages.success(request, "Correction removed.")
    return redirect("classroom:article_review", pk=article.pk)


# --- Assignments ---------------------------------------------------------------------------


@login_required
@require_POST
def assignment_create(request, pk: int):
    classroom = classroom_get(request.user, pk, manage=True)
    form = AssignmentForm(request.POST, articles=selectors.articles_for_teacher(request.user))
    if form.is_valid():
        try:
            services.assignment_create(
                classroom=classroom,
                article=form.cleaned_data["article"],
                due_at=form.cleaned_data["due_at"],
                closed_book=form.cleaned_data["closed_book"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Assigned.")
    else:
        messages.error(request, _errors(form))
    return redirect("classroom:classroom_detail", pk=classroom.pk)


@login_required
@require_POST
def assignment_quiz_settings(request, pk: int):
    """Open or closed book for the assignment's quiz, from its results page."""
    assignment = assignment_get(request.user, pk, manage=True)
    form = AssignmentQuizForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
    else:
        services.assignment_quiz_set(
            assignment=assignment, closed_book=form.cleaned_data["closed_book"]
        )
        messages.success(
            request,
            "Closed book: the article is hidden while students answer the quiz."
            if assignment.closed_book
            else "Open book: students may look at the article while answering the quiz.",
        )
    return redirect("classroom:assignment_dashboard", pk=assignment.pk)


@login_required
@require_POST
def assignment_delete(request, pk: int):
    assignment = assignment_get(request.user, pk, manage=True)
    classroom_id = assignment.classroom_id
    services.assignment_delete(assignment=assignment)
    messages.success(request, "The assignment and its results were deleted.")
    return redirect("classroom:classroom_detail", pk=classroom_id)


@login_required
@require_GET
def assignment_read(request, pk: int):
    """A student reads the assigned article: the reader's page plus the assignment's footer
    (the end-of-text beacon and the quiz link). Opening is recorded."""
    assignment = assignment_get(request.user, pk)
    if is_assignment_teacher(request.user, assignment):
        return redirect("classroom:assignment_dashboard", pk=assignment.pk)
    # The same rule as every other way to the article (a member of an open class may read it).
    article_ensure_readable(request.user, assignment.article)
    progress = services.assignment_open(
        assignment=assignment, student=request.user, session=request.session
    )
    article = assignment.article
    # The reader's cached markup, teachers' corrections applied (reader/render_cache.py).
    quiz_url = _quiz_url(assignment)
    reading_html = (
        render_cache.article_section_html(article, word_statuses(request.user), quiz_url=quiz_url)
        if article.is_ready
        else ""
    )
    context = {
        "article": article,
        "assignment": assignment,
        "progress": progress,
        "reading_html": reading_html,
        "counts_lookups": True,
        "rest_known": rest_known_marked(request, article.pk),
        # The same place in the text as on the article's own page (static/js/position.js).
        "position": reading_position(request.user, article.pk),
        "quiz_url": quiz_url,
        "results": selectors.student_answers(assignment, request.user),
    }
    return render(request, "classroom/assignment_read.html", context)


def _quiz_url(assignment) -> str | None:
    """The quiz app's page for this article's quiz, carrying the assignment along."""
    url = _reverse_or_none("reader:quiz_take", assignment.article_id)
    return f"{url}?assignment={assignment.pk}" if url else None


@login_required
@require_POST
def assignment_finish(request, pk: int):
    """The beacon sent when the end of the text scrolls into view (or the button without JS)."""
    assignment = assignment_get(request.user, pk)
    if is_assignment_teacher(request.user, assignment):
        raise Http404("Teachers don't read their own assignments.")
    services.assignment_finish(assignment=assignment, student=request.user)
    if request.htmx:
        return render(
            request,
            "classroom/assignment_read.html#finished",
            {"assignment": assignment, "finished": True},
        )
    messages.success(request, "Marked as read.")
    return redirect("classroom:assignment_read", pk=assignment.pk)


@login_required
@require_GET
def assignment_dashboard(request, pk: int):
    assignment = assignment_get(request.user, pk, manage=True)
    dashboard = selectors.assignment_dashboard(assignment)
    can_change = article_can_change(request.user, assignment.article)
    chart = bar_chart(
        [(row.student.get_username(), row.percent) for row in dashboard.rows],
        title="Quiz score per student (best attempt, %)",
    )
    scatter = scatter_chart(
        [
            (row.student.get_username(), row.readiness_percent, row.percent)
            for row in dashboard.rows
            if row.readiness_percent is not None and row.percent is not None
        ],
        title="Words known before reading against quiz score",
        x_label="known words %",
        y_label="quiz %",
    )
    context = {
        "assignment": assignment,
        "dashboard": dashboard,
        "chart": chart,
        "scatter": scatter,
        # The quiz of a shared article is everyone's: its owner edits it, anyone else copies it.
        "quiz_edit_url": _reverse_or_none("reader:quiz_edit", assignment.article_id)
        if can_change
        else None,
        "copy_offer": not can_change,
        "own_copy_id": None if can_change else own_copy_id(request.user, assignment.article),
        "quiz_form": AssignmentQuizForm(initial={"closed_book": assignment.closed_book}),
    }
    if request.htmx:
        return render(request, "classroom/dashboard.html#results", context)
    return render(request, "classroom/dashboard.html", context)


@login_required
@require_GET
def assignment_answers(request, pk: int, user_id: int):
    """One student's quiz answers: the class's teacher sees anyone's, a student only their own."""
    assignment = assignment_get(request.user, pk)
    if not is_assignment_teacher(request.user, assignment) and user_id != request.user.pk:
        raise Http404("No such student.")
    # Only someone of this class (now or when they worked on it): any other id is a 404, so the
    # page never tells a teacher the name behind a guessed user id.
    student = selectors.assignment_student(assignment, user_id)
    if student is None:
        raise Http404("No such student.")
    results = selectors.student_answers(assignment, student)
    return render(
        request,
        "classroom/answers.html",
        {"assignment": assignment, "student": student, "results": results},
    )


@login_required
@require_GET
def assignment_csv(request, pk: int):
    """The dashboard as a CSV table; built in the background for a very large class."""
    assignment = assignment_get(request.user, pk, manage=True)
    if exports.assignment_results_is_large(assignment):
        queued = export_request(
            owner=request.user,
            kind=ExportKind.ASSIGNMENT_RESULTS,
            params={"assignment": assignment.pk},
        )
        return redirect(export_destination(queued))
    response = HttpResponse(
        exports.assignment_results_csv(assignment), content_type="text/csv; charset=utf-8"
    )
    filename = exports.assignment_results_filename(assignment)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def assignment_deck(request, pk: int):
    """The article's vocabulary as an Anki deck, for the teacher and the class's students."""
    assignment = assignment_get(request.user, pk)
    if article_deck_is_large(assignment.article):
        queued = export_request(
            owner=request.user,
            kind=ExportKind.ARTICLE_DECK,
            params={"article": assignment.article_id},
        )
        return redirect(export_destination(queued))
    try:
        data = article_deck(assignment.article)
    except NothingToExport as error:  # nothing glossed yet
        messages.error(request, str(error))
        target = (
            "classroom:assignment_dashboard"
            if is_assignment_teacher(request.user, assignment)
            else "classroom:assignment_read"
        )
        return redirect(target, pk=assignment.pk)
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = (
        f'attachment; filename="randnotiz-{assignment.article_id}.apkg"'
    )
    return response
