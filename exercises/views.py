import re
import uuid

from csp.constants import NONCE, SELF
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

from accounts import selectors as accounts_selectors
from accounts import services as accounts_services
from accounts.decorators import staff_required
from courses import services as courses_services
from courses.selectors import PublishStatus
from progress import services as progress_services

from . import selectors, services
from .forms import LineCommentForm, ManualGradeForm, OverrideForm, ReviewFilterForm
from .kinds import KINDS, kind_of
from .kinds import choices as choices_of_kinds
from .models import Exercise, Submission
from .results import Result


def exercise_context(request, exercise, submission=None, form=None):
    """The exercise page's context: the course around it, the learner's work form (`form`, or the
    kind's showing their latest work), their attempts, and what the kind shows (kind.page_context)."""
    learner = request.user
    course = exercise.module.course
    outline = courses_services.course_outline(
        course, learner, include_drafts=courses_services.can_edit_course(learner, course)
    )
    previous, following = outline.neighbours(("exercise", exercise.pk))
    kind = kind_of(exercise.kind)
    if form is None:
        form = kind.work_form(exercise, learner)
    return {
        "exercise": exercise,
        "kind": kind,
        "course": course,
        "outline": outline,
        "previous": previous,
        "following": following,
        "submission_key": uuid.uuid4().hex,
        "form": form,
        "history": selectors.learner_history(exercise, learner),
        "submission": submission,
        "result": Result.from_storage(submission.result) if submission and submission.result else None,
        "attempts_left": selectors.attempts_left(exercise, learner),
        "hints": selectors.visible_hints(exercise, learner),
        # Someone to ask for help, or to discuss an attempt with (conversations).
        "helpers": learner.is_learner and accounts_selectors.has_staff(learner),
        "deadline": selectors.deadline_for(exercise, learner) if learner.is_learner else None,
        **kind.page_context(exercise, learner, form),
        **(kind.result_context(submission) if submission is not None else {}),
    }


CODE_EDITOR_CSP = {
    "style-src": [SELF, NONCE],  # browsers without the two below: the editor's <style> still works
    "style-src-elem": [SELF, NONCE],
    "style-src-attr": ["'unsafe-inline'"],
}


def with_kind_csp(kind, response, form=None):
    """The kind's additions to the page's Content-Security-Policy (a web page's live preview). A page
    with the code editor allows no <style> element but the editor's own, by the page's nonce (other
    pages keep 'unsafe-inline' for CKEditor); style attributes stay allowed (style-src-attr): Chromium
    writes some while editing text in the editor, and an attribute cannot select or load anything.
    Not on a web page's: its preview (an iframe's srcdoc, under the page's policy) shows the learner's
    own <style> elements."""
    if kind.csp:
        response._csp_update = kind.csp
    if getattr(form, "code_editor", False) and not kind.web_page:
        response._csp_replace = CODE_EDITOR_CSP
    return response


def _render_page(request, exercise, context, status=200):
    """The exercise page, or only its result (and what changes with it) for htmx."""
    template = "exercises/exercise_detail.html#result" if request.htmx else "exercises/exercise_detail.html"
    return with_kind_csp(kind_of(exercise.kind), render(request, template, context, status=status), context.get("form"))


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
    context = exercise_context(request, exercise, submission)
    response = render(request, "exercises/exercise_detail.html", context)
    return with_kind_csp(kind_of(exercise.kind), response, context["form"])


SUBMISSION_KEY = re.compile(r"^[0-9a-f]{32}$")


def _submission_key(request):
    """The form's key (a new one each time the form is shown): the same key again is the same submission."""
    key = request.POST.get("submission_key", "")
    return key if SUBMISSION_KEY.match(key) else ""


def _submit(request, exercise):
    """The learner's work, read by the kind's work form and stored before anything else happens."""
    kind = kind_of(exercise.kind)
    form = kind.work_form(exercise, request.user, request.POST, request.FILES)
    if not form.is_valid():
        return _invalid(request, exercise, form)
    sent = kind.work_sent(exercise, form)
    if sent is None:  # the kind asks first (questions left blank): the page again, with what was sent
        context = {**exercise_context(request, exercise, form=form), "submission": None, "result": None}
        return _render_page(request, exercise, context)
    mode = sent.pop("mode", None) or request.POST.get("mode")
    try:
        submission = services.submission_create(
            exercise=exercise,
            learner=request.user,
            mode=Submission.Mode.CHECK if mode == "check" else Submission.Mode.SUBMIT,
            language=request.LANGUAGE_CODE,
            key=_submission_key(request),
            **sent,
        )
    except services.SubmissionRefused as exc:
        if request.htmx:
            context = {**exercise_context(request, exercise), "form_errors": [str(exc)], "oob": True}
            return render(request, "exercises/exercise_detail.html#result", context)
        # The page again with what was typed, and why it was not sent: nothing is lost.
        form.add_error(None, str(exc))
        return _invalid(request, exercise, form)
    if request.htmx:
        return render(
            request,
            "exercises/exercise_detail.html#result",
            {**exercise_context(request, exercise, submission), "oob": True},
        )
    return redirect(f"{exercise.get_absolute_url()}?soumission={submission.pk}#resultat")


def _invalid(request, exercise, form):
    context = exercise_context(request, exercise, form=form)
    context["form_errors"] = [
        *form.non_field_errors(),
        *(e for name in form.errors if name != "__all__" for e in form.errors[name]),
    ]
    context["submission"] = context["result"] = None
    return _render_page(request, exercise, context, status=200 if request.htmx else 400)


@login_required
def submission_detail(request, pk):
    """A submission's result: the fragment htmx polls while grading, the learner's page, or the trainer's review."""
    submission = services.access_submission(request.user, pk)
    exercise = submission.exercise
    own = submission.learner_id == request.user.pk
    if request.htmx and own:
        context = exercise_context(request, exercise, submission)
        context["oob"] = not submission.is_pending  # once graded: history, attempts and hints too
        return render(request, "exercises/exercise_detail.html#result", context)
    if own:
        return redirect(f"{exercise.get_absolute_url()}?soumission={submission.pk}#resultat")
    return _review(request, submission)


def _review(request, submission, override_form=None, comment_form=None, status=200, manual_form=None):
    kind = kind_of(submission.exercise.kind)
    comments = list(submission.comments.select_related("author"))
    initial = {"score": round(100 * (submission.effective_score or 0)), "comment": submission.override_comment}
    parts = kind.manual_parts(submission)
    context = {
        "submission": submission,
        "exercise": submission.exercise,
        "kind": kind,
        "result": Result.from_storage(submission.result) if submission.result else None,
        "override_form": override_form or OverrideForm(initial=initial),
        "comment_form": comment_form or LineCommentForm(submission=submission),
        "can_regrade_all": services.can_regrade_exercise(request.user, submission.exercise),
        "manual_form": manual_form
        or (ManualGradeForm(cells=parts, initial={"comment": submission.override_comment}) if parts else None),
        **kind.review_context(submission, comments),
        **kind.result_context(submission),
    }
    return render(request, "exercises/submission_review.html", context, status=status)


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
    cells = kind_of(submission.exercise.kind).manual_parts(submission)
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
    """An exercise the user may write: its course's authors, or a group's mediators for a simulation of
    the group's course (courses.services.authoring_kinds)."""
    exercise = get_object_or_404(Exercise.objects.select_related("module__course__track"), pk=pk)
    if not services.may_write(request.user, exercise.module.course, exercise.kind):
        raise PermissionDenied
    return exercise


def _authoring_home(user, course):
    """Where the exercise form's breadcrumb leads: the course's editing page, or its group's simulations."""
    if courses_services.can_edit_course(user, course):
        return reverse("courses:course_edit", args=[course.slug])
    group = course.cohorts.filter(trainers=user).first()
    return reverse("exercises:group_simulations", args=[group.pk]) if group else course.get_absolute_url()


CHECK_RESULT = "exercise_check_result"


@login_required
def exercise_form(request, slug=None, module_pk=None, pk=None):
    """Create or edit an exercise; «Tester la correction» grades the solution and the starter in the sandbox."""
    from courses.models import Course, Module

    from .forms import ExerciseForm, apply_form, initial_for

    if pk:
        exercise = _editable_exercise(request, pk)
        module, allowed = exercise.module, None
    else:
        course = get_object_or_404(Course.objects.select_related("track"), slug=slug)
        allowed = courses_services.authoring_kinds(request.user, course)
        if allowed == ():
            raise PermissionDenied
        module = get_object_or_404(Module, pk=module_pk, course=course)
        exercise = None
    # The kind comes first: a new exercise's author chooses it, then sees only its fields.
    name = request.POST.get("kind") or request.GET.get("type")
    if exercise is None and allowed is not None and len(allowed) == 1:
        name = name or allowed[0]
    kind = kind_of(exercise.kind) if exercise else KINDS.get(name)
    if kind is not None and exercise is None and allowed is not None and kind.name not in allowed:
        raise PermissionDenied
    if kind is None:
        choices = [c for c in choices_of_kinds() if allowed is None or c[0] in allowed]
        return render(
            request,
            "exercises/exercise_form.html",
            {
                "module": module,
                "course": module.course,
                "exercise": None,
                "choose_kind": choices,
                "back_url": _authoring_home(request.user, module.course),
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
    formset = kind.formset(exercise, request.POST or None)
    check = None
    complete = request.method == "POST" and form.is_valid() and kind.take_formset(form, formset)
    if complete:
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
        "formset": formset,
        "exercise": exercise,
        "module": module,
        "course": module.course,
        "check": check,
        "verified": exercise is not None and selectors.exercise_is_verified(exercise),
        "back_url": _authoring_home(request.user, module.course),
        **(kind.authoring_context(exercise) if exercise is not None else {}),
    }
    return render(request, "exercises/exercise_form.html", context)


@login_required
def group_simulations(request, pk):
    """The simulations written for a group by its mediators or trainers (the group's own course), and a
    new one. Other kinds are written in courses, by their authors."""
    cohort = accounts_services.access_cohort(request.user, pk)
    if request.method == "POST":  # « Écrire une nouvelle simulation »: the group's course is made if needed
        course, module = courses_services.group_course(cohort)
        return redirect(reverse("exercises:exercise_create", args=[course.slug, module.pk]) + "?type=simulation")
    course, module = courses_services.group_course_of(cohort)
    return render(
        request,
        "exercises/group_simulations.html",
        {
            "cohort": cohort,
            "course": course,
            "module": module,
            "exercises": selectors.module_exercises(module) if module else [],
        },
    )


@login_required
@require_POST
def exercise_publish(request, pk):
    exercise = _editable_exercise(request, pk)
    try:
        services.exercise_set_published(exercise=exercise, published=request.POST.get("published") == "1")
    except services.PublishRefused as exc:
        messages.error(request, str(exc))
    return redirect("exercises:exercise_edit", pk=exercise.pk)


# ---------------------------------------------------------------- due dates


@staff_required
def cohort_deadlines(request, pk):
    """A promo's due dates: set one for an exercise or a module of its courses, see them, remove one."""
    from courses import selectors as courses_selectors

    from .forms import DeadlineForm

    cohort = accounts_services.access_cohort(request.user, pk)
    courses = list(courses_selectors.cohort_courses(cohort).prefetch_related("modules"))
    exercises = Exercise.objects.filter(module__course__in=courses, status=PublishStatus.PUBLISHED).select_related(
        "module"
    )
    form = DeadlineForm(request.POST or None, courses=courses, exercises=exercises)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.deadline_set(
            cohort=cohort,
            by=request.user,
            due_at=data["due_at"],
            refuse_late=data["refuse_late"],
            **{data["kind"]: data["target"]},
        )
        messages.success(request, _("Échéance enregistrée."))
        return redirect("exercises:cohort_deadlines", pk=cohort.pk)
    return render(
        request,
        "exercises/deadlines.html",
        {"cohort": cohort, "form": form, "items": selectors.due_items_of_cohorts([cohort.pk])},
        status=400 if form.errors else 200,
    )


@staff_required
@require_POST
def deadline_delete(request, pk):
    deadline = services.access_deadline(request.user, pk)
    deadline.delete()
    messages.success(request, _("Échéance supprimée."))
    return redirect("exercises:cohort_deadlines", pk=deadline.cohort_id)


def _due_items_for(user):
    if user.is_learner:
        return selectors.due_items_of_learner(user), False
    if user.is_trainer or user.is_coordinator:
        cohorts = accounts_services.cohorts_for_staff(user).values_list("pk", flat=True)
        return selectors.due_items_of_cohorts(list(cohorts)), True
    return [], False


@login_required
def calendar(request):
    """« Mes échéances »: what is due, by date, and the private address of the same as a calendar feed."""
    items, staff = _due_items_for(request.user)
    feed = selectors.calendar_feed_of(request.user)
    feed_url = request.build_absolute_uri(reverse("exercises:calendar_feed", args=[feed.token])) if feed else None
    return render(request, "exercises/calendar.html", {"items": items, "staff": staff, "feed_url": feed_url})


@login_required
@require_POST
def calendar_renew(request):
    services.calendar_feed_renew(user=request.user)
    messages.success(request, _("Voici la nouvelle adresse de votre agenda ; l’ancienne ne marche plus."))
    return redirect("exercises:calendar")


def calendar_feed(request, token):
    """The feed, read by a calendar application without a session: the token is the key."""
    from .calendar import ics

    feed = selectors.calendar_feed_by_token(token)
    if feed is None:
        raise Http404
    items, staff = _due_items_for(feed.user)
    base = request.build_absolute_uri("/").rstrip("/")
    body = ics(items, base=base, name=_("Tremplin : échéances"), with_cohort=staff)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tremplin.ics"'
    return response
