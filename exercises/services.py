"""Exercises: submissions and grading. Every write that matters goes through these functions, with the access
checks (reads that need only this app's models: exercises.selectors)."""

import contextlib
import contextvars
import logging
import os
import secrets
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Count, F, FloatField, Max, Q
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts import selectors as accounts_selectors
from accounts import services as accounts_services
from config import logging as log_context
from conversations.services import Subject
from courses import services as courses_services
from courses.selectors import PublishStatus
from notifications import services as notifications

from . import kinds, selectors
from .grading import GRADER_VERSION, grade, grader_for, runs_in_sandbox
from .kinds import kind_of
from .models import Accompaniment, CalendarFeed, Deadline, Exercise, Submission, WorkerBeat, WorkInProgress
from .results import Reason, Result, Status
from .selectors import attempts_used, exercise_is_verified

log = logging.getLogger(__name__)


class SubmissionRefused(Exception):
    """A submission the learner may not make (attempt limit); the message says why."""


# ---------------------------------------------------------------- access


def access_exercise(user, pk):
    """An exercise its course's learners may do: published and enrolled; authors may preview drafts."""
    exercise = Exercise.objects.select_related("module__course__track").filter(pk=pk).first()
    if exercise is None:
        raise Http404
    course = exercise.module.course
    if may_write(user, course, exercise.kind):  # its authors preview drafts
        return exercise
    if not exercise.is_published or not course.is_published:
        raise Http404
    if not courses_services.is_enrolled(user, course):
        raise PermissionDenied
    return exercise


def may_write(user, course, kind):
    """Whether `user` may write exercises of this kind in this course (courses.services.authoring_kinds)."""
    allowed = courses_services.authoring_kinds(user, course)
    return allowed is None or kind in allowed


def access_submission(user, pk):
    """A submission whose learner's work the user may see (accounts' one rule); 404 for anyone else."""
    submission = Submission.objects.select_related("exercise__module__course", "learner").filter(pk=pk).first()
    if submission is None or not accounts_services.may_see_learner_work(user, submission.learner):
        raise Http404
    return submission


# ---------------------------------------------------------------- work in progress


def step_record(*, exercise, learner, step, limit):
    """Keep one more step, at once (a crash loses nothing). Refused beyond `limit` steps."""
    with transaction.atomic():
        work, _created = WorkInProgress.objects.select_for_update().get_or_create(exercise=exercise, learner=learner)
        if len(work.steps) >= limit:
            raise SubmissionRefused(_("Trop d'étapes : recommencez la simulation."))
        work.steps = [*work.steps, step]
        work.save(update_fields=["steps", "updated_at"])
    return work.steps


def steps_clear(*, exercise, learner):
    """« Recommencer »: the steps are forgotten (the submissions already sent stay)."""
    WorkInProgress.objects.filter(exercise=exercise, learner=learner).delete()


# ---------------------------------------------------------------- following a simulation live


def accompaniment_ask(*, exercise, learner, by):
    """A mediator (or trainer) of one of the learner's groups asks to follow their work live; the learner
    is asked on their next page. Asking again renews the question."""
    if not accounts_services.in_charge_of(by, learner):
        raise PermissionDenied
    accompaniment, _created = Accompaniment.objects.update_or_create(
        exercise=exercise,
        learner=learner,
        follower=by,
        defaults={"status": Accompaniment.Status.ASKED, "asked_at": timezone.now(), "answered_at": None},
    )
    return accompaniment


def accompaniment_answer(*, learner, pk, accept):
    """The learner agrees to be followed, or not (only a live question can be answered)."""
    asked = Accompaniment.objects.filter(
        pk=pk, learner=learner, status=Accompaniment.Status.ASKED, asked_at__gt=timezone.now() - Accompaniment.LIVE
    )
    status = Accompaniment.Status.ACCEPTED if accept else Accompaniment.Status.REFUSED
    return asked.update(status=status, answered_at=timezone.now()) == 1


def accompaniment_end(*, user, pk):
    """Either side stops the following."""
    mine = Accompaniment.objects.filter(pk=pk).filter(Q(learner=user) | Q(follower=user))
    return mine.update(status=Accompaniment.Status.ENDED, answered_at=timezone.now()) == 1


# ---------------------------------------------------------------- attempts


def penalised(score, *, attempt, penalty):
    if score is None:
        return None
    factor = max(0.0, 1.0 - penalty * max(0, attempt - 1))
    return round(score * factor, 4)


# ---------------------------------------------------------------- submitting


def submission_create(*, exercise, learner, mode, files=None, answers=None, language=None, key="", at=None):
    """Store the learner's work first, then grade it: in-process for a quiz, by a worker otherwise.

    `key` comes from the form the learner sent: the same key again (a double click, a form sent
    twice) returns the submission already made, and counts no second attempt. `at`: when it was
    sent, for a history written afterwards (the demo's); now otherwise."""
    with transaction.atomic():
        attempt = 0
        if mode == Submission.Mode.SUBMIT or key:
            # Locks the learner's row so that two quick clicks cannot both take the last attempt.
            get_user_model().objects.select_for_update().filter(pk=learner.pk).first()
        if key:
            existing = Submission.objects.filter(learner=learner, exercise=exercise, mode=mode, client_key=key).first()
            if existing is not None:
                return existing
        if mode == Submission.Mode.SUBMIT:
            used = attempts_used(exercise, learner)
            if exercise.max_attempts is not None and used >= exercise.max_attempts:
                raise SubmissionRefused(
                    _("Vous avez utilisé tous vos essais pour cet exercice (%(n)s).") % {"n": exercise.max_attempts}
                )
            attempt = used + 1
        late = mode == Submission.Mode.SUBMIT and _is_late(exercise, learner, at or timezone.now())
        submission = Submission.objects.create(
            exercise=exercise,
            learner=learner,
            mode=mode,
            attempt=attempt,
            files=files or {},
            answers=answers or {},
            language=language or settings.LANGUAGE_CODE,
            client_key=key,
            created_at=at or timezone.now(),
            late=late,
        )
        if runs_in_sandbox(exercise.kind):
            transaction.on_commit(lambda: submission_enqueue(submission.pk))
    if not runs_in_sandbox(exercise.kind):
        submission_grade(submission_id=submission.pk, worker="web")
        submission.refresh_from_db()
    return submission


def _is_late(exercise, learner, now):
    """After the due date of the learner's promo: late, or refused if the promo's trainer said so."""
    deadline = selectors.deadline_for(exercise, learner)
    if deadline is None or now <= deadline.due_at:
        return False
    if deadline.refuse_late:
        raise SubmissionRefused(
            _("La date limite du %(date)s est passée : votre formateur n’accepte plus de soumission pour cet exercice.")
            % {"date": formats.date_format(timezone.localtime(deadline.due_at), "DATETIME_FORMAT")}
        )
    return True


def submission_enqueue(submission_id):
    """Send the grading task. If the broker is down, the row stays queued and the sweep sends it later."""
    from .tasks import grade_submission

    try:
        grade_submission.apply_async(args=[submission_id], retry=True, retry_policy=settings.GRADING_PUBLISH_RETRY)
    except Exception:  # noqa: BLE001 - any broker failure: the sweep is the safety net
        log.warning("Could not queue submission %s; the sweep will retry", submission_id, exc_info=True)
        return False
    Submission.objects.filter(pk=submission_id, status=Submission.Status.QUEUED).update(sent_at=timezone.now())
    return True


# ---------------------------------------------------------------- grading


def run_token(worker):
    """What a claim records: the worker's node name, its process and this run (node@host:pid:run), so that
    two runs are never confused, even by two processes of one node."""
    return f"{worker}:{os.getpid()}:{secrets.token_hex(4)}"[:200]


def submission_claim(submission_id, token):
    """Claim a queued submission for this run; False if another run has it or it is done."""
    now = timezone.now()
    return bool(
        Submission.objects.filter(pk=submission_id, status=Submission.Status.QUEUED).update(
            status=Submission.Status.RUNNING,
            started_at=now,
            heartbeat_at=now,
            claimed_by=token,
            runs=F("runs") + 1,
        )
    )


class Heartbeat:
    """While a run grades, a thread renews its claim every GRADING_HEARTBEAT_EVERY seconds, so that the
    sweep never takes back a live run, however long its exercise may take (a notebook: 10 minutes). It
    stops renewing once the run has outlived what the exercise's limits allow (`Kind.grading_budget`):
    a run stuck beyond them is taken back like a dead one, and its result, if it ever comes, is refused."""

    def __init__(self, submission_id, token, budget):
        self.submission_id, self.token, self.budget = submission_id, token, budget
        self.stop = threading.Event()
        context = contextvars.copy_context()  # its log lines name the submission too
        self.thread = threading.Thread(
            target=context.run, args=(self.beat,), name=f"heartbeat-{submission_id}", daemon=True
        )

    def __enter__(self):
        self.started = time.monotonic()
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()

    def beat(self):
        try:
            while not self.stop.wait(settings.GRADING_HEARTBEAT_EVERY):
                if time.monotonic() - self.started > self.budget:
                    log.warning(
                        "Submission %s: grading still running after %s s, its budget; the sweep will take it back",
                        self.submission_id,
                        self.budget,
                    )
                    return
                Submission.objects.filter(
                    pk=self.submission_id, status=Submission.Status.RUNNING, claimed_by=self.token
                ).update(heartbeat_at=timezone.now())
        except Exception:  # noqa: BLE001 - a database hiccup: the next beat, or the sweep, settles it
            log.exception("Submission %s: heartbeat failed", self.submission_id)
        finally:
            connection.close()  # this thread's own connection


def submission_grade(*, submission_id, worker, heartbeat=False):
    """Grade one submission. Safe to run twice: only the run that claims the row grades it, and only
    that run's result is kept. `heartbeat`: renew the claim while grading (a worker process; the web
    process grades quizzes in the request and needs none)."""
    named = log_context.submission.set(str(submission_id))
    try:
        return _submission_grade(submission_id, worker, heartbeat)
    finally:
        log_context.submission.reset(named)


def _submission_grade(submission_id, worker, heartbeat):
    token = run_token(worker)
    if not submission_claim(submission_id, token):
        return None
    log.info("Grading as %s", token)
    submission = Submission.objects.select_related("exercise").get(pk=submission_id)
    exercise = submission.exercise
    spec = exercise.spec()
    kind = kind_of(exercise.kind)
    payload = kind.work_of(submission)
    beating = Heartbeat(submission_id, token, kind.grading_budget(spec)) if heartbeat else contextlib.nullcontext()
    try:
        with beating, translation.override(submission.language or settings.LANGUAGE_CODE):
            # Artefacts: a graded web page's screenshots (its portfolio image), a notebook's executed HTML.
            result = grade(spec, payload, public_only=submission.mode == Submission.Mode.CHECK, artefacts=True)
    except Exception:  # noqa: BLE001 - a grader bug must not leave the row running forever
        log.exception("Grader crashed on submission %s", submission_id)
        result = Result.error(
            Reason.CRASH,
            _("Une erreur interne a empêché la correction. Vos fichiers sont conservés ; réessayez plus tard."),
        )
    if result.pending and submission.result:
        result = _keep_manual_points(Result.from_storage(submission.result), result)
    finished = Submission.objects.filter(pk=submission_id, status=Submission.Status.RUNNING, claimed_by=token).update(
        status=result.status,
        score=result.score,
        final_score=penalised(result.score, attempt=submission.attempt, penalty=exercise.penalty)
        if submission.mode == Submission.Mode.SUBMIT
        else None,
        result=result.to_storage(),
        grader_version=GRADER_VERSION,
        finished_at=timezone.now(),
        needs_review=bool(result.pending) and submission.mode == Submission.Mode.SUBMIT,
    )
    if not finished:
        log.warning("Submission %s: run %s was taken back; its result is not kept", submission_id, token)
    if finished:
        kind.store_artefacts(submission_id, result.artefacts)
    if finished:
        log.info("Graded: %s, score %s", result.status, result.score)
    if finished and submission.mode == Submission.Mode.SUBMIT:
        submission.status = result.status
        _progress_update(submission, new=True)
        _tell_staff(submission, written=bool(result.pending))
    return result if finished else None


def _tell_staff(submission, *, written):
    """New counted work reaches the bell of those who follow the learner, one line per exercise while
    unread (and one more when written answers wait for their points)."""
    exercise = submission.exercise
    staff = accounts_selectors.staff_of(submission.learner)
    review = reverse("exercises:review_list") + f"?exercise={exercise.pk}"
    notifications.notify(
        recipients=staff,
        kind=notifications.Kind.SUBMITTED,
        url=review,
        title=exercise.title,
        key=f"submitted:{exercise.pk}",
    )
    if written:
        notifications.notify(
            recipients=staff,
            kind=notifications.Kind.WRITTEN_WAITING,
            url=review + "&status=review",
            title=exercise.title,
            key=f"written:{exercise.pk}",
        )


# Who must know when a counted submission is graded or rescored: an app above this one registers a
# function graded(submission, *, new) when it starts (progress does, in its AppConfig.ready).
GRADING_LISTENERS = []


def register_grading_listener(listener):
    if listener not in GRADING_LISTENERS:
        GRADING_LISTENERS.append(listener)


def _progress_update(submission, *, new):
    """Competences move with graded work (progress); a failure there never loses a grade."""
    for listener in GRADING_LISTENERS:
        try:
            listener(submission, new=new)
        except Exception:  # noqa: BLE001 - recompute_progress can rebuild it
            log.exception("Progress update failed for submission %s", submission.pk)


def submissions_requeue_stale(*, queued_for=None, running_for=None):
    """Send again what no worker took (broker down, message lost), and take back a run whose claim was not
    renewed for GRADING_TAKE_BACK_AFTER seconds (its worker died, or it outlived its exercise's limits:
    `Heartbeat`). A live run renews its claim, so it is never taken back, whatever its length."""
    now = timezone.now()
    queued_for = timedelta(seconds=settings.GRADING_REQUEUE_QUEUED_AFTER) if queued_for is None else queued_for
    running_for = timedelta(seconds=settings.GRADING_TAKE_BACK_AFTER) if running_for is None else running_for
    silent = Q(heartbeat_at__lt=now - running_for) | Q(heartbeat_at__isnull=True, started_at__lt=now - running_for)
    taken_back = list(
        Submission.objects.filter(silent, status=Submission.Status.RUNNING).values_list("pk", flat=True)[:1000]
    )
    if taken_back:
        log.warning(
            "Taking back %s submission(s) whose grading stopped renewing its claim: %s", len(taken_back), taken_back
        )
    Submission.objects.filter(silent, pk__in=taken_back, status=Submission.Status.RUNNING).update(
        status=Submission.Status.QUEUED, claimed_by="", heartbeat_at=None, sent_at=None
    )
    # Sent long ago and still waiting (a message lost), or never sent (the broker was down when it came:
    # sent at this round, so that it is graded soon after the broker is back, not a minute later).
    unsent = Q(sent_at__isnull=True, queued_at__lt=now - timedelta(seconds=settings.GRADING_RESEND_UNSENT_AFTER))
    waiting = Submission.objects.filter(Q(queued_at__lt=now - queued_for) | unsent, status=Submission.Status.QUEUED)
    waiting = waiting.filter(exercise__kind__in=kinds.names(in_sandbox=True))
    ids = sorted(set(taken_back) | set(waiting.values_list("pk", flat=True)[:1000]))
    Submission.objects.filter(pk__in=ids, status=Submission.Status.QUEUED).update(queued_at=now)
    sent = sum(submission_enqueue(pk) for pk in ids)
    return sent


def exercise_regrade(*, exercise):
    """Grade again every submission of an exercise (after its tests changed)."""
    ids = list(exercise.submissions.exclude(status__in=Submission.PENDING).values_list("pk", flat=True))
    if not runs_in_sandbox(exercise.kind):
        for pk in ids:
            Submission.objects.filter(pk=pk).update(status=Submission.Status.QUEUED, claimed_by="")
            submission_grade(submission_id=pk, worker="web")
        return len(ids)
    Submission.objects.filter(pk__in=ids).update(
        status=Submission.Status.QUEUED, queued_at=timezone.now(), claimed_by=""
    )
    for pk in ids:
        transaction.on_commit(lambda pk=pk: submission_enqueue(pk))
    return len(ids)


# ---------------------------------------------------------------- reading


class OutlineProvider:
    """Exercises in course outlines: done once graded in a submission (not a check)."""

    def items(self, course, user, include_drafts):
        exercises = Exercise.objects.filter(module__course=course).only(
            "pk", "title", "kind", "order", "status", "module_id"
        )
        if not include_drafts:
            exercises = exercises.filter(status=PublishStatus.PUBLISHED)
        best = {}
        if user.is_authenticated:
            best = dict(
                Submission.objects.filter(learner=user, exercise__module__course=course, mode=Submission.Mode.SUBMIT)
                .exclude(status__in=Submission.PENDING)
                .values("exercise")
                # The score that counts, as everywhere: the trainer's when there is one.
                .annotate(best=Max(Coalesce("override_score", "final_score", "score", output_field=FloatField())))
                .values_list("exercise", "best")
            )
        grouped = {}
        for exercise in exercises:
            exercise.activity, exercise.key = "exercise", ("exercise", exercise.pk)
            exercise.url = exercise.get_absolute_url()
            exercise.label = exercise.get_kind_display()
            exercise.is_done = exercise.pk in best
            exercise.done_label = _("fait (%(score)s %%)") % {"score": round(100 * (best.get(exercise.pk) or 0))}
            grouped.setdefault(exercise.module_id, []).append(exercise)
        return grouped

    def counts(self, user, course_ids):
        totals = dict(
            Exercise.objects.filter(module__course__in=course_ids, status=PublishStatus.PUBLISHED)
            .values("module__course")
            .annotate(n=Count("pk"))
            .values_list("module__course", "n")
        )
        done = dict(
            Submission.objects.filter(
                learner=user,
                mode=Submission.Mode.SUBMIT,
                exercise__status=PublishStatus.PUBLISHED,
                exercise__module__course__in=course_ids,
            )
            .exclude(status__in=Submission.PENDING)
            .values("exercise__module__course")
            .annotate(n=Count("exercise", distinct=True))
            .values_list("exercise__module__course", "n")
        )
        return {course_id: (totals.get(course_id, 0), done.get(course_id, 0)) for course_id in totals}


# ---------------------------------------------------------------- trainer review


def submissions_for_staff(user, *, exercise_id=None, learner_id=None, status=None):
    """Submissions a trainer may review: those of the learners of their cohorts (all, for a coordinator)."""
    if not (user.is_trainer or user.is_coordinator):
        raise PermissionDenied
    qs = Submission.objects.select_related("exercise__module__course", "learner").defer("files", "answers", "result")
    if not user.is_coordinator:
        qs = qs.filter(learner__in=accounts_services.learners_visible_to(user).values("pk"))
    if exercise_id:
        qs = qs.filter(exercise_id=exercise_id)
    if learner_id:
        qs = qs.filter(learner_id=learner_id)
    if status == "review":
        qs = qs.filter(needs_review=True)
    elif status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def can_regrade_exercise(user, exercise):
    return courses_services.can_edit_course(user, exercise.module.course)


def submission_regrade(*, submission):
    """Grade one submission again (the result is replaced, the override kept)."""
    if not runs_in_sandbox(submission.exercise.kind):
        Submission.objects.filter(pk=submission.pk).update(status=Submission.Status.QUEUED, claimed_by="")
        return submission_grade(submission_id=submission.pk, worker="web")
    Submission.objects.filter(pk=submission.pk).exclude(status=Submission.Status.RUNNING).update(
        status=Submission.Status.QUEUED, queued_at=timezone.now(), claimed_by=""
    )
    transaction.on_commit(lambda: submission_enqueue(submission.pk))
    return None


def submission_override(*, submission, by, score, comment):
    """A trainer sets the score that counts, with a comment; the automatic score stays beside it.
    Only a counted submission has a score that counts: a « Vérification » is refused."""
    if submission.mode != Submission.Mode.SUBMIT:
        raise SubmissionRefused(
            _("Une « Vérification » ne compte pas pour la note : seules les soumissions se notent.")
        )
    Submission.objects.filter(pk=submission.pk).update(
        override_score=score,
        override_comment=comment,
        overridden_by=by,
        overridden_at=timezone.now(),
    )
    _progress_update(submission, new=False)
    notifications.notify(
        recipients=[submission.learner],
        kind=notifications.Kind.SCORE,
        url=reverse("exercises:submission_detail", args=[submission.pk]),
        title=submission.exercise.title,
        actor=by,
        key=f"score:{submission.pk}",
        params={"score": score},
    )


def _keep_manual_points(old, new):
    """A re-grading keeps the points a trainer gave to manual cells (same grade_id)."""
    given = {t.key: t for t in old.tests if t.manual and t.status != Status.PENDING}
    marks = {t.key: t.earned for t in new.tests if t.status == Status.PENDING and t.key in given}
    if not marks:
        return new
    for test in new.tests:
        if test.key in marks:
            test.status, test.earned, test.message = (
                given[test.key].status,
                given[test.key].earned,
                given[test.key].message,
            )
    return _rescore(new)


def _rescore(result):
    result.pending = sum(t.status == Status.PENDING for t in result.tests)
    total = sum(t.points or 0 for t in result.tests)
    earned = sum(t.earned or 0 for t in result.tests)
    result.score = round(earned / total, 4) if total else 0.0
    result.status = (
        Status.PASSED if not result.pending and all(t.status == Status.PASSED for t in result.tests) else Status.FAILED
    )
    if not result.pending:
        result.message = _("%(earned)s / %(total)s points, réponses rédigées notées par votre formateur.") % {
            "earned": f"{earned:g}",
            "total": f"{total:g}",
        }
    return result


def submission_grade_manual(*, submission, by, points, comment=""):
    """A trainer's points for a notebook's manual cells ({grade_id: points}); the score becomes final
    once every manual cell has its points. Returns the updated Result."""
    result = Result.from_storage(submission.result)
    for test in result.tests:
        if test.manual and test.key in points and test.points is not None:
            earned = min(max(float(points[test.key]), 0.0), test.points)
            test.earned = earned
            test.status = Status.PASSED if earned == test.points else Status.FAILED
            test.message = _("Noté par votre formateur : %(earned)s / %(points)s.") % {
                "earned": f"{earned:g}",
                "points": f"{test.points:g}",
            }
    result = _rescore(result)
    Submission.objects.filter(pk=submission.pk).update(
        result=result.to_storage(),
        score=result.score,
        status=result.status,
        needs_review=bool(result.pending),
        final_score=penalised(result.score, attempt=submission.attempt, penalty=submission.exercise.penalty),
        override_comment=comment or submission.override_comment,
        overridden_by=by,
        overridden_at=timezone.now(),
    )
    submission.refresh_from_db()
    _progress_update(submission, new=False)
    if not result.pending:
        notifications.notify(
            recipients=[submission.learner],
            kind=notifications.Kind.WRITTEN_GRADED,
            url=reverse("exercises:submission_detail", args=[submission.pk]),
            title=submission.exercise.title,
            actor=by,
            key=f"written_graded:{submission.pk}",
        )
    return result


def submission_comment_add(*, submission, by, filename, line, text):
    from .models import SubmissionComment

    comment = SubmissionComment.objects.create(
        submission=submission, author=by, filename=filename, line=line, text=text
    )
    notifications.notify(
        recipients=[submission.learner],
        kind=notifications.Kind.COMMENT,
        url=reverse("exercises:submission_detail", args=[submission.pk]),
        title=submission.exercise.title,
        actor=by,
        key=f"comment:{submission.pk}",
    )
    return comment


# ---------------------------------------------------------------- authoring


class PublishRefused(Exception):
    pass


def exercise_check(*, exercise):
    """«Tester la correction»: the reference solution must pass, the starter must not, in the sandbox.

    Returns (solution result, starter result or None). A successful check records the
    content it was made on, which publishing requires.
    """
    from .models import content_hash

    spec = exercise.spec()
    if kind_of(exercise.kind).self_checked:
        Exercise.objects.filter(pk=exercise.pk).update(verified_hash=content_hash(spec))
        return None, None
    solution = grader_for(exercise.kind)(spec, dict(spec.solution))
    starter = grade(spec, dict(spec.starter)) if spec.starter else None
    ok = solution.passes_automatic_tests and (starter is None or starter.status != "passed")
    Exercise.objects.filter(pk=exercise.pk).update(verified_hash=content_hash(spec) if ok else "")
    exercise.refresh_from_db(fields=["verified_hash"])
    return solution, starter


def exercise_set_published(*, exercise, published):
    if published and not exercise_is_verified(exercise):
        raise PublishRefused(
            _(
                "Lancez « Tester la correction » avec succès avant de publier : la solution doit réussir et le code de "
                "départ échouer."
            )
        )
    exercise.status = PublishStatus.PUBLISHED if published else PublishStatus.DRAFT
    exercise.save(update_fields=["status", "updated_at"])


def exercise_create(*, module, **fields):
    order = (
        max(module.lessons.aggregate(m=Max("order"))["m"] or 0, module.exercises.aggregate(m=Max("order"))["m"] or 0)
        + 1
    )
    return Exercise.objects.create(module=module, order=order, status=PublishStatus.DRAFT, **fields)


# ---------------------------------------------------------------- discussions (conversations)


def submission_subject(viewer, learner, pk):
    """A submission's thread: its learner's, with the trainers' line comments in it."""
    submission = Submission.objects.select_related("exercise").filter(pk=pk, learner=learner).first()
    if submission is None:
        raise Http404
    extra = [
        {
            "created_at": c.created_at,
            "author": c.author,
            "text": c.text,
            "where": _("%(file)s, ligne %(line)s") % {"file": c.filename, "line": c.line},
        }
        for c in submission.comments.select_related("author")
    ]
    title = (
        _("%(title)s, essai %(n)s") % {"title": submission.exercise.title, "n": submission.attempt}
        if submission.attempt
        else _("%(title)s, vérification") % {"title": submission.exercise.title}
    )
    url = reverse("exercises:submission_detail", args=[pk])
    return Subject("submission", submission.pk, learner, title, url, extra)


def exercise_subject(viewer, learner, pk):
    """An exercise's thread for one learner (« Demander de l'aide »): an exercise the learner may do."""
    try:
        exercise = access_exercise(learner, pk)
    except PermissionDenied:
        raise Http404 from None
    return Subject("exercise", exercise.pk, learner, exercise.title, exercise.get_absolute_url())


# ---------------------------------------------------------------- due dates (deadlines)


class DeadlineRefused(Exception):
    pass


def deadline_set(*, cohort, by, due_at, refuse_late=False, exercise=None, module=None):
    """A trainer's due date for their promo, for an exercise or a module of a course given to the promo
    (set again: the date changes, and the learners will be reminded again)."""
    course = exercise.module.course if exercise else module.course
    if not course.cohorts.filter(pk=cohort.pk).exists():
        raise DeadlineRefused(_("Ce cours n’est pas donné à cette promo."))
    deadline, _created = Deadline.objects.update_or_create(
        cohort=cohort,
        exercise=exercise,
        module=module,
        defaults={"due_at": due_at, "refuse_late": refuse_late, "created_by": by, "reminded_at": None},
    )
    return deadline


def access_deadline(user, pk):
    deadline = Deadline.objects.select_related("cohort").filter(pk=pk).first()
    if deadline is None:
        raise Http404
    accounts_services.access_cohort(user, deadline.cohort_id)
    return deadline


def deadlines_remind(*, now=None, within=timedelta(days=1)):
    """A day before: the learners of the promo who have not handed everything in hear of it, once."""
    now = now or timezone.now()
    due = Deadline.objects.filter(due_at__gt=now, due_at__lte=now + within, reminded_at=None).select_related(
        "cohort", "exercise__module__course", "module__course"
    )
    told = 0
    for item in selectors.due_items(list(due)):
        deadline = item.deadline
        claimed = Deadline.objects.filter(pk=deadline.pk, reminded_at=None).update(reminded_at=now)
        if not claimed:
            continue  # another run told them
        covered = (
            [deadline.exercise_id]
            if deadline.exercise_id
            else list(
                Exercise.objects.filter(module_id=deadline.module_id, status=PublishStatus.PUBLISHED).values_list(
                    "pk", flat=True
                )
            )
        )
        for learner in deadline.cohort.learners.filter(is_active=True):
            handed = (
                Submission.objects.filter(learner=learner, mode=Submission.Mode.SUBMIT, exercise_id__in=covered)
                .values("exercise_id")
                .distinct()
                .count()
            )
            if handed < len(covered):
                told += notifications.notify(
                    recipients=[learner],
                    kind=notifications.Kind.DEADLINE,
                    url=item.url,
                    title=item.title,
                    key=f"deadline:{deadline.pk}",
                    params={"due": deadline.due_at.isoformat()},
                )
    return told


def calendar_feed(user):
    """The person's private calendar address (made on first use)."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user, defaults={"token": secrets.token_urlsafe(32)})
    return feed


def calendar_feed_renew(*, user):
    """A new address: the old one stops working (shared by mistake, a lost phone)."""
    CalendarFeed.objects.update_or_create(user=user, defaults={"token": secrets.token_urlsafe(32)})


# ---------------------------------------------------------------- workers


def worker_beat(*, name, pid, started_at, slots, slots_busy):
    """A worker's main process says it is alive (config/celery.py, every WORKER_BEAT_EVERY seconds)."""
    WorkerBeat.objects.update_or_create(
        name=name[:200],
        defaults={
            "pid": pid,
            "started_at": started_at,
            "seen_at": timezone.now(),
            "slots": slots,
            "slots_busy": slots_busy,
        },
    )


def worker_gone(*, name):
    """A worker stopped cleanly: it is no longer counted."""
    WorkerBeat.objects.filter(name=name[:200]).delete()
