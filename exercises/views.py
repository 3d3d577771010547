import contextlib
import random
import re
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services as accounts_services
from accounts.decorators import staff_required
from courses import services as courses_services
from courses.notebook_html import image_response, with_image_urls
from progress import services as progress_services

from . import notebooks, selectors, services
from .forms import (
    CodeForm,
    LineCommentForm,
    ManualGradeForm,
    NotebookForm,
    OverrideForm,
    ReviewFilterForm,
    quiz_answers,
)
from .kinds import KINDS, kind_of
from .kinds import choices as choices_of_kinds
from .kinds.quiz import grader as quiz_grader
from .kinds.web import grader as web_grader
from .models import Exercise, RenderedNotebook, Screenshot, Submission
from .results import Result

# The live preview's srcdoc document inherits the page's Content-Security-Policy: on the pages
# that show one, the learner's inline scripts must be allowed. The iframe is sandboxed without
# allow-same-origin, so those scripts never run with the platform's origin or cookies.
PREVIEW_CSP = {"script-src": ["'unsafe-inline'"]}


def _matching_choices(question, seed):
    """The right-hand sides of a matching question, in a stable shuffled order."""
    rights = list(enumerate(p["right"] for p in question["pairs"]))
    random.Random(seed).shuffle(rights)
    return rights


def _context(request, exercise, submission=None, form=None):
    learner = request.user
    course = exercise.module.course
    outline = courses_services.course_outline(
        course, learner, include_drafts=courses_services.can_edit_course(learner, course)
    )
    previous, following = outline.neighbours(("exercise", exercise.pk))
    spec_files = _filenames(exercise)
    files = None
    kind = kind_of(exercise.kind)
    if kind.work == "files" and form is None:
        files = selectors.latest_files(exercise, learner)
        form = CodeForm(filenames=spec_files, initial_files=files)
    if kind.work == "notebook" and form is None:
        form = NotebookForm(cells=_notebook_cells(exercise, learner))
    questions = exercise.config.get("questions", [])
    for index, question in enumerate(questions):
        question["index"] = index
        if question["type"] == "matching":
            question["shuffled"] = _matching_choices(question, f"{exercise.pk}-{index}")
    history = selectors.learner_history(exercise, learner)
    return {
        "exercise": exercise,
        "kind": kind,
        "course": course,
        "outline": outline,
        "previous": previous,
        "following": following,
        "submission_key": uuid.uuid4().hex,
        "form": form,
        "questions": questions,
        "history": history,
        "submission": submission,
        "result": Result.from_storage(submission.result) if submission and submission.result else None,
        "attempts_left": selectors.attempts_left(exercise, learner),
        "hints": selectors.visible_hints(exercise, learner),
        "has_public_tests": web_grader.has_public_checks(exercise.spec())
        if kind.web_page
        else kind.work == "notebook" or any(name.startswith("public/") for name in exercise.tests),
        "document": _document(submission),
        "is_web": kind.web_page,
        "notebook_has_data": kind.work == "notebook" and any(name.startswith("data/") for name in exercise.tests),
        "screenshot_widths": _screenshot_widths(submission),
        "preview": web_grader.preview_document(exercise.spec(), files if files is not None else _posted_files(form))
        if kind.web_page
        else "",
    }


def _notebook_cells(exercise, learner):
    """The editor's cells: the learner's copy, with the answers of their latest notebook if it can be read."""
    copy = notebooks.read_notebook(exercise.starter["notebook.ipynb"])
    answers = {}
    latest = selectors.latest_files(exercise, learner) or {}
    for name, text in latest.items():
        if name.endswith(".ipynb"):
            with contextlib.suppress(notebooks.NotebookError):
                answers = notebooks.answers_of(notebooks.read_notebook(text, name=name))
    return notebooks.editor_cells(copy, answers)


def _document(submission):
    """The executed notebook of a graded notebook submission (sanitised HTML), or ""."""
    if submission is None or not kind_of(submission.exercise.kind).document or submission.is_pending:
        return ""
    html = RenderedNotebook.objects.filter(submission=submission).values_list("html", flat=True).first() or ""
    return with_image_urls(html, lambda n: reverse("exercises:notebook_image", args=[submission.pk, n]))


@login_required
def notebook_image(request, pk, index):
    """A picture of an executed notebook (a chart), for whoever may see the submission."""
    submission = services.access_submission(request.user, pk)
    rendered = get_object_or_404(RenderedNotebook.objects.only("images"), submission=submission)
    return image_response(rendered.images, index)


def _attachment(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def notebook_download(request, pk):
    """The learner's copy of a notebook exercise (solutions and hidden tests removed), to open in Jupyter."""
    exercise = services.access_exercise(request.user, pk)
    if kind_of(exercise.kind).work != "notebook":
        raise Http404
    return _attachment(exercise.starter["notebook.ipynb"], f"{exercise.slug}.ipynb", "application/x-ipynb+json")


@login_required
def notebook_bundle(request, pk):
    """The learner's copy and the data files it reads, as a zip (the data in data/, next to the notebook)."""
    import io
    import zipfile

    exercise = services.access_exercise(request.user, pk)
    if kind_of(exercise.kind).work != "notebook":
        raise Http404
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{exercise.slug}/{exercise.slug}.ipynb", exercise.starter["notebook.ipynb"])
        for name, text in sorted(exercise.tests.items()):
            if name.startswith("data/"):
                archive.writestr(f"{exercise.slug}/{name}", text)
    return _attachment(buffer.getvalue(), f"{exercise.slug}.zip", "application/zip")


@login_required
def submission_notebook(request, pk):
    """A submitted notebook as the learner sent it, for the learner and the trainers who may see it."""
    submission = services.access_submission(request.user, pk)
    name = next((n for n in submission.files if n.endswith(".ipynb")), None)
    if name is None:
        raise Http404
    return _attachment(
        submission.files[name], f"{submission.exercise.slug}-{submission.pk}.ipynb", "application/x-ipynb+json"
    )


def _screenshot_widths(submission):
    if submission is None or not kind_of(submission.exercise.kind).web_page or submission.is_pending:
        return []
    return list(Screenshot.objects.filter(submission=submission).values_list("width", flat=True))


FILE_ORDER = {".html": 0, ".css": 1, ".js": 2}


def file_order(name):
    """Pages, then styles, then scripts, then the rest, by name: the same on every database
    (PostgreSQL's jsonb does not keep the keys' order)."""
    return (FILE_ORDER.get(name[name.rfind(".") :], 3) if "." in name else 3, name)


def _filenames(exercise):
    return sorted(exercise.starter, key=file_order) or [kind_of(exercise.kind).default_file]


def _posted_files(form):
    """The files of a bound CodeForm, valid or not (the preview shows what was typed)."""
    if form is None:
        return {}
    return {name: form.data.get(form.add_prefix(f"file_{i}"), "") for i, name in enumerate(form.filenames)}


def _with_preview_csp(exercise, response):
    if kind_of(exercise.kind).web_page:
        response._csp_update = PREVIEW_CSP
    return response


@login_required
def exercise_detail(request, pk):
    exercise = services.access_exercise(request.user, pk)
    if request.method == "POST":
        return _submit(request, exercise)
    mine = Submission.objects.filter(exercise=exercise, learner=request.user)
    if request.GET.get("soumission", "").isdigit():
        submission = mine.filter(pk=request.GET["soumission"]).first()
    else:
        submission = mine.first()  # the latest: its result, the trainer's note and comments stay in view
    return _with_preview_csp(
        exercise, render(request, "exercises/exercise_detail.html", _context(request, exercise, submission))
    )


@login_required
@require_POST
def exercise_preview(request, pk):
    """The live preview of a web exercise from the files being typed: nothing is stored.
    htmx swaps the returned iframe; without JavaScript, the whole page comes back."""
    exercise = services.access_exercise(request.user, pk)
    if not kind_of(exercise.kind).web_page:
        raise Http404
    form = CodeForm(request.POST, filenames=_filenames(exercise))
    context = _context(request, exercise, form=form)
    template = f"{kind_of(exercise.kind).beside_template}#preview" if request.htmx else "exercises/exercise_detail.html"
    return _with_preview_csp(exercise, render(request, template, context))


@login_required
def screenshot(request, pk, width):
    """A graded web submission's page as a PNG, for whoever may see the submission."""
    submission = services.access_submission(request.user, pk)
    shot = get_object_or_404(Screenshot, submission=submission, width=width)
    response = HttpResponse(bytes(shot.image), content_type="image/png")
    response["Cache-Control"] = "private, max-age=86400"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


SUBMISSION_KEY = re.compile(r"^[0-9a-f]{32}$")


def _submission_key(request):
    """The form's key (a new one each time the form is shown): the same key again is the same submission."""
    key = request.POST.get("submission_key", "")
    return key if SUBMISSION_KEY.match(key) else ""


def _submit(request, exercise):
    mode = Submission.Mode.CHECK if request.POST.get("mode") == "check" else Submission.Mode.SUBMIT
    key = _submission_key(request)
    try:
        work = kind_of(exercise.kind).work
        if work == "answers":
            answers = quiz_answers(request.POST, exercise.config.get("questions", []))
            missing = quiz_grader.unanswered(exercise.config.get("questions", []), answers)
            if missing and not request.POST.get("incomplete"):
                return _quiz_incomplete(request, exercise, answers, missing)
            submission = services.submission_create(
                exercise=exercise,
                learner=request.user,
                mode=Submission.Mode.SUBMIT,
                answers=answers,
                language=request.LANGUAGE_CODE,
                key=key,
            )
        elif work == "notebook":
            form = NotebookForm(request.POST, request.FILES, cells=_notebook_cells(exercise, request.user))
            if not form.is_valid():
                return _invalid(request, exercise, form)
            files = form.cleaned_data.get("files")
            if files is None:
                copy = notebooks.read_notebook(exercise.starter["notebook.ipynb"])
                files = {
                    "notebook.ipynb": notebooks.as_text(notebooks.with_answers(copy, form.cleaned_data["answers"]))
                }
            submission = services.submission_create(
                exercise=exercise, learner=request.user, mode=mode, files=files, language=request.LANGUAGE_CODE, key=key
            )
        else:
            form = CodeForm(request.POST, filenames=_filenames(exercise))
            if not form.is_valid():
                return _invalid(request, exercise, form)
            submission = services.submission_create(
                exercise=exercise,
                learner=request.user,
                mode=mode,
                files=form.cleaned_data["files"],
                language=request.LANGUAGE_CODE,
                key=key,
            )
    except services.SubmissionRefused as exc:
        if request.htmx:
            context = {**_context(request, exercise), "form_errors": [str(exc)], "oob": True}
            return render(request, "exercises/exercise_detail.html#result", context)
        messages.error(request, str(exc))
        return redirect(exercise)
    if request.htmx:
        return render(
            request, "exercises/exercise_detail.html#result", {**_context(request, exercise, submission), "oob": True}
        )
    return redirect(f"{exercise.get_absolute_url()}?soumission={submission.pk}#resultat")


def _quiz_incomplete(request, exercise, answers, missing):
    """Questions left without an answer: asked before anything counts, the answers given kept."""
    context = _context(request, exercise)
    for question in context["questions"]:
        given = answers.get(f"q{question['index']}")
        question["given"] = given
        for position, pair in enumerate(question.get("pairs", [])):
            pair["given"] = given.get(str(position), "") if isinstance(given, dict) else ""
    context.update(unanswered=missing, submission=None, result=None)
    template = "exercises/exercise_detail.html#result" if request.htmx else "exercises/exercise_detail.html"
    return render(request, template, context)


def _invalid(request, exercise, form):
    context = _context(request, exercise, form=form)
    template = "exercises/exercise_detail.html#result" if request.htmx else "exercises/exercise_detail.html"
    context["form_errors"] = [
        *form.non_field_errors(),
        *(e for name in form.errors if name != "__all__" for e in form.errors[name]),
    ]
    context["submission"] = context["result"] = None
    return _with_preview_csp(exercise, render(request, template, context, status=200 if request.htmx else 400))


@login_required
def submission_detail(request, pk):
    """A submission's result: the fragment htmx polls while grading, the learner's page, or the trainer's review."""
    submission = services.access_submission(request.user, pk)
    exercise = submission.exercise
    own = submission.learner_id == request.user.pk
    if request.htmx and own:
        context = _context(request, exercise, submission)
        context["oob"] = not submission.is_pending  # once graded: history, attempts and hints too
        return render(request, "exercises/exercise_detail.html#result", context)
    if own:
        return redirect(f"{exercise.get_absolute_url()}?soumission={submission.pk}#resultat")
    return _review(request, submission)


def _manual_cells(submission):
    """A notebook submission's manual cells, as the trainer grades them."""
    if kind_of(submission.exercise.kind).work != "notebook" or not submission.result:
        return []
    result = Result.from_storage(submission.result)
    manual = [t for t in result.tests if t.manual]
    return [{"key": t.key, "points": t.points or 0, "earned": t.earned or 0, "name": t.name} for t in manual]


def _review(request, submission, override_form=None, comment_form=None, status=200, manual_form=None):
    files = []
    comments = list(submission.comments.select_related("author"))
    is_notebook = kind_of(submission.exercise.kind).work == "notebook"
    for index, (name, content) in enumerate(
        sorted(() if is_notebook else submission.files.items(), key=lambda item: file_order(item[0]))
    ):
        lines = [
            {"number": n, "text": text, "comments": [c for c in comments if c.filename == name and c.line == n]}
            for n, text in enumerate(content.splitlines(), start=1)
        ]
        files.append({"index": index, "name": name, "lines": lines})
    initial = {"score": round(100 * (submission.effective_score or 0)), "comment": submission.override_comment}
    context = {
        "submission": submission,
        "exercise": submission.exercise,
        "kind": kind_of(submission.exercise.kind),
        "files": files,
        "quiz_answers": _quiz_answers(submission.exercise, submission.answers) if submission.answers else [],
        "result": Result.from_storage(submission.result) if submission.result else None,
        "screenshot_widths": _screenshot_widths(submission),
        "override_form": override_form or OverrideForm(initial=initial),
        "comment_form": comment_form or LineCommentForm(submission=submission),
        "can_regrade_all": services.can_regrade_exercise(request.user, submission.exercise),
        "document": _document(submission),
        "manual_form": manual_form
        or (
            ManualGradeForm(cells=cells, initial={"comment": submission.override_comment})
            if (cells := _manual_cells(submission))
            else None
        ),
    }
    return render(request, "exercises/submission_review.html", context, status=status)


def _quiz_answers(exercise, answers):
    """(question, the learner's answer in words) for the trainer's review."""
    rows = []
    for index, question in enumerate(exercise.config.get("questions", [])):
        given = answers.get(f"q{index}")
        choices = [c["text"] for c in question.get("choices", [])]
        if question["type"] == "single":
            text = choices[int(given)] if str(given).isdigit() and int(given) < len(choices) else ""
        elif question["type"] == "multiple":
            text = ", ".join(choices[int(g)] for g in given or [] if str(g).isdigit() and int(g) < len(choices))
        elif question["type"] == "truefalse":
            text = {"true": _("Vrai"), "false": _("Faux")}.get(given, "")
        elif question["type"] == "matching":
            pairs = question["pairs"]
            text = "; ".join(
                f"{pairs[i]['left']} → {pairs[int(v)]['right']}"
                for i, v in enumerate((given or {}).get(str(i), "") for i in range(len(pairs)))
                if str(v).isdigit() and int(v) < len(pairs)
            )
        else:
            text = str(given or "")
        rows.append((question["text"], text or _("(pas de réponse)")))
    return rows


@staff_required
def review_list(request):
    """The submissions of the trainer's cohorts, filtered by exercise, learner and status."""
    learners = (
        accounts_services.learners_visible_to(request.user)
        .filter(submissions__isnull=False)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
    form = ReviewFilterForm(
        request.GET or None, exercises=selectors.exercises_for_staff(request.user), learners=learners
    )
    filters = form.cleaned_data if form.is_valid() else {}
    submissions = services.submissions_for_staff(
        request.user,
        exercise_id=filters.get("exercise"),
        learner_id=filters.get("learner"),
        status=filters.get("status"),
    )
    page = Paginator(submissions, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "progress": None}
    if filters.get("exercise"):
        exercise = get_object_or_404(Exercise, pk=filters["exercise"])
        done, total = selectors.regrade_progress(exercise)
        context["progress"] = {"done": done, "total": total, "exercise": exercise}
        if request.htmx:
            return render(request, "exercises/review_list.html#progress", context)
    return render(request, "exercises/review_list.html", context)


@staff_required
@require_POST
def review_override(request, pk):
    submission = services.access_submission(request.user, pk)
    if submission.mode != Submission.Mode.SUBMIT:
        # It was accepted (« Note enregistrée ») and ignored by progress: a check does not count.
        messages.error(
            request, _("Une « Vérification » ne compte pas pour la note : seules les soumissions se notent.")
        )
        return redirect("exercises:submission_detail", pk=submission.pk)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        return _review(request, submission, override_form=form, status=400)
    services.submission_override(
        submission=submission,
        by=request.user,
        score=form.cleaned_data["score"] / 100,
        comment=form.cleaned_data["comment"],
    )
    messages.success(request, _("Note enregistrée ; la note automatique reste visible."))
    return redirect("exercises:submission_detail", pk=submission.pk)


@staff_required
@require_POST
def review_manual(request, pk):
    """A trainer's points for a notebook's written answers: the score becomes final."""
    submission = services.access_submission(request.user, pk)
    cells = _manual_cells(submission)
    if not cells:
        raise Http404
    form = ManualGradeForm(request.POST, cells=cells)
    if not form.is_valid():
        return _review(request, submission, manual_form=form, status=400)
    services.submission_grade_manual(
        submission=submission, by=request.user, points=form.points(), comment=form.cleaned_data["comment"]
    )
    messages.success(request, _("Points enregistrés : la note est définitive."))
    return redirect("exercises:submission_detail", pk=submission.pk)


@staff_required
@require_POST
def review_comment(request, pk):
    submission = services.access_submission(request.user, pk)
    form = LineCommentForm(request.POST, submission=submission)
    if not form.is_valid():
        return _review(request, submission, comment_form=form, status=400)
    services.submission_comment_add(submission=submission, by=request.user, **form.cleaned_data)
    messages.success(request, _("Commentaire ajouté."))
    return redirect("exercises:submission_detail", pk=submission.pk)


@staff_required
@require_POST
def review_regrade(request, pk):
    submission = services.access_submission(request.user, pk)
    services.submission_regrade(submission=submission)
    messages.success(request, _("La soumission va être corrigée à nouveau."))
    return redirect("exercises:submission_detail", pk=submission.pk)


@staff_required
@require_POST
def exercise_regrade(request, pk):
    exercise = get_object_or_404(Exercise.objects.select_related("module__course"), pk=pk)
    if not services.can_regrade_exercise(request.user, exercise):
        raise PermissionDenied
    with transaction.atomic():
        count = services.exercise_regrade(exercise=exercise)
    messages.success(request, _("%(n)s soumission(s) vont être corrigées à nouveau.") % {"n": count})
    return redirect(f"{reverse('exercises:review_list')}?exercise={exercise.pk}")


# ---------------------------------------------------------------- authoring


def _editable_exercise(request, pk):
    exercise = get_object_or_404(Exercise.objects.select_related("module__course"), pk=pk)
    courses_services.access_course_for_edit(request.user, exercise.module.course.slug)
    return exercise


CHECK_RESULT = "exercise_check_result"


@login_required
def exercise_form(request, slug=None, module_pk=None, pk=None):
    """Create or edit an exercise; «Tester la correction» grades the solution and the starter in the sandbox."""
    from courses.models import Module

    from .forms import ExerciseForm, QuestionFormSet, apply_form, initial_for, question_initial, questions_from

    if pk:
        exercise = _editable_exercise(request, pk)
        module = exercise.module
    else:
        course = courses_services.access_course_for_edit(request.user, slug)
        module = get_object_or_404(Module, pk=module_pk, course=course)
        exercise = None
    # The kind comes first: a new exercise's author chooses it, then sees only its fields.
    kind = kind_of(exercise.kind) if exercise else KINDS.get(request.POST.get("kind") or request.GET.get("type"))
    if kind is None:
        choices = choices_of_kinds()
        return render(
            request,
            "exercises/exercise_form.html",
            {
                "module": module,
                "course": module.course,
                "exercise": None,
                "choose_kind": choices,
            },
        )
    form = ExerciseForm(
        request.POST or None,
        request.FILES or None,
        module=module,
        instance=exercise,
        kind=kind,
        initial=initial_for(exercise) if exercise else None,
    )
    stored = exercise.config.get("questions", []) if exercise and kind.work == "answers" else []
    questions = QuestionFormSet(request.POST or None, prefix="q", initial=[question_initial(q) for q in stored])
    check = None
    quiz_ok = True
    if (
        request.method == "POST"
        and form.is_valid()
        and getattr(KINDS.get(form.cleaned_data.get("kind")), "work", "") == "answers"
        and form.cleaned_data["questions"] is None
    ):
        form.cleaned_data["questions"] = questions_from(questions)
        quiz_ok = bool(form.cleaned_data["questions"])
        if questions.is_valid() and not quiz_ok:
            form.add_error(None, _("Un quiz a besoin d’au moins une question."))
    if request.method == "POST" and quiz_ok and form.is_valid():
        if exercise is None:
            exercise = apply_form(Exercise(module=module), form.cleaned_data, True)
            exercise = services.exercise_create(
                module=module,
                **{
                    f: getattr(exercise, f)
                    for f in (
                        "slug",
                        "title",
                        "kind",
                        "statement",
                        "statement_source",
                        "points",
                        "time_limit",
                        "memory_limit",
                        "max_attempts",
                        "penalty",
                        "hints",
                        "competences",
                        "starter",
                        "solution",
                        "tests",
                        "config",
                    )
                },
            )
        else:
            apply_form(exercise, form.cleaned_data, form.simple)
            exercise.save()
        progress_services.sync_links(exercise=exercise)
        if "check" in request.POST:
            # Saved, then checked; the result is shown on the exercise's own page (a new exercise's
            # author is no longer left on « nouveau », where a second try met its own address).
            solution, starter = services.exercise_check(exercise=exercise)
            request.session[CHECK_RESULT] = {
                "exercise": exercise.pk,
                "results": [result.to_storage() if result is not None else None for result in (solution, starter)],
            }
        else:
            messages.success(request, _("Exercice enregistré."))
        return redirect("exercises:exercise_edit", pk=exercise.pk)
    if exercise is not None and request.method == "GET":
        kept = request.session.pop(CHECK_RESULT, None)
        if kept and kept.get("exercise") == exercise.pk:
            check = [Result.from_storage(data) if data is not None else None for data in kept["results"]]
    context = {
        "form": form,
        "kind": kind,
        "questions": questions,
        "exercise": exercise,
        "module": module,
        "course": module.course,
        "check": check,
        "verified": exercise is not None and selectors.exercise_is_verified(exercise),
        "notebook_roles": _notebook_roles(exercise),
    }
    return render(request, "exercises/exercise_form.html", context)


def _notebook_roles(exercise):
    """What each cell of a notebook exercise's source is, for the trainer."""
    if exercise is None or kind_of(exercise.kind).work != "notebook" or "source.ipynb" not in exercise.tests:
        return []
    labels = {
        "solution": _("Réponse de l'apprenant (corrigée par les tests)"),
        "test": _("Tests publics"),
        "manual": _("Réponse rédigée, notée par le formateur"),
        "task": _("Tâche, notée par le formateur"),
        "locked": _("Consigne (non modifiable)"),
        "text": _("Texte ou code fourni"),
    }
    try:
        source = notebooks.read_notebook(exercise.tests["source.ipynb"])
        cell_roles = notebooks.roles(source)
    except notebooks.NotebookError:
        return []
    rows = []
    for role, cell in zip(cell_roles, source.cells, strict=False):
        label = labels[role.role]
        if role.role == "test" and role.hidden_tests:
            label = _("Tests publics et tests cachés")
        first = next((line for line in cell.source.splitlines() if line.strip()), "")
        rows.append(
            {
                "number": role.index + 1,
                "type": cell.cell_type,
                "role": label,
                "grade_id": role.grade_id,
                "points": role.points if role.role in ("test", "manual", "task") else None,
                "first": first[:80],
            }
        )
    return rows


@login_required
@require_POST
def exercise_publish(request, pk):
    exercise = _editable_exercise(request, pk)
    try:
        services.exercise_set_published(exercise=exercise, published=request.POST.get("published") == "1")
    except services.PublishRefused as exc:
        messages.error(request, str(exc))
    return redirect("exercises:exercise_edit", pk=exercise.pk)
