import random

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from courses import services as courses_services

from . import services
from .forms import CodeForm, quiz_answers
from .models import Submission
from .results import Result


def _matching_choices(question, seed):
    """The right-hand sides of a matching question, in a stable shuffled order."""
    rights = list(enumerate(p["right"] for p in question["pairs"]))
    random.Random(seed).shuffle(rights)
    return rights


def _context(request, exercise, submission=None, form=None):
    learner = request.user
    course = exercise.module.course
    outline = courses_services.course_outline(course, learner, include_drafts=courses_services.can_edit_course(learner, course))
    previous, following = outline.neighbours(exercise)
    spec_files = list(exercise.starter) or (["query.sql"] if exercise.kind == "sql" else ["solution.py"])
    if exercise.kind != "quiz" and form is None:
        form = CodeForm(filenames=spec_files, initial_files=services.latest_files(exercise, learner))
    questions = exercise.config.get("questions", [])
    for index, question in enumerate(questions):
        question["index"] = index
        if question["type"] == "matching":
            question["shuffled"] = _matching_choices(question, f"{exercise.pk}-{index}")
    history = services.learner_history(exercise, learner)
    return {
        "exercise": exercise, "course": course, "outline": outline, "previous": previous, "following": following,
        "form": form, "questions": questions, "history": history,
        "submission": submission, "result": Result.from_storage(submission.result) if submission and submission.result else None,
        "attempts_left": services.attempts_left(exercise, learner),
        "hints": services.visible_hints(exercise, learner),
        "has_public_tests": any(name.startswith("public/") for name in exercise.tests),
    }


@login_required
def exercise_detail(request, pk):
    exercise = services.access_exercise(request.user, pk)
    if request.method == "POST":
        return _submit(request, exercise)
    submission = None
    if request.GET.get("soumission", "").isdigit():
        submission = Submission.objects.filter(pk=request.GET["soumission"], exercise=exercise, learner=request.user).first()
    return render(request, "exercises/exercise_detail.html", _context(request, exercise, submission))


def _submit(request, exercise):
    mode = Submission.Mode.CHECK if request.POST.get("mode") == "check" else Submission.Mode.SUBMIT
    try:
        if exercise.kind == "quiz":
            answers = quiz_answers(request.POST, exercise.config.get("questions", []))
            submission = services.submission_create(exercise=exercise, learner=request.user, mode=Submission.Mode.SUBMIT, answers=answers)
        else:
            spec_files = list(exercise.starter) or (["query.sql"] if exercise.kind == "sql" else ["solution.py"])
            form = CodeForm(request.POST, filenames=spec_files)
            if not form.is_valid():
                context = _context(request, exercise, form=form)
                template = "exercises/exercise_detail.html#result" if request.htmx else "exercises/exercise_detail.html"
                context["form_errors"] = form.non_field_errors()
                return render(request, template, context, status=200 if request.htmx else 400)
            submission = services.submission_create(exercise=exercise, learner=request.user, mode=mode, files=form.cleaned_data["files"])
    except services.SubmissionRefused as exc:
        messages.error(request, str(exc))
        return redirect(exercise)
    if request.htmx:
        return render(request, "exercises/exercise_detail.html#result", _context(request, exercise, submission))
    return redirect(f"{exercise.get_absolute_url()}?soumission={submission.pk}#resultat")


@login_required
def submission_detail(request, pk):
    """A submission's result: the fragment htmx polls while grading, or a page of its own."""
    submission = services.access_submission(request.user, pk)
    exercise = submission.exercise
    if request.htmx:
        context = _context(request, exercise, submission) if submission.learner_id == request.user.pk else {
            "exercise": exercise, "submission": submission, "result": Result.from_storage(submission.result) if submission.result else None,
        }
        return render(request, "exercises/exercise_detail.html#result", context)
    if submission.learner_id == request.user.pk:
        return redirect(f"{exercise.get_absolute_url()}?soumission={submission.pk}#resultat")
    if not (request.user.is_trainer or request.user.is_coordinator):
        raise PermissionDenied
    result = Result.from_storage(submission.result) if submission.result else None
    return render(request, "exercises/submission_review.html", {"submission": submission, "exercise": exercise, "result": result})
