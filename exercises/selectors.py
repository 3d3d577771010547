"""Exercises, read-only: what other apps and the views read about exercises, submissions and scores.

A selector queries and returns, writes nothing, and imports only this app's models and modules (Django
and the standard library aside; the publishing status through courses.selectors): writes, grading,
access checks (`access_*`, `can_regrade_exercise`, `submissions_for_staff`), the outline provider and
the grading listeners stay in exercises.services (tests/test_selectors.py)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, FloatField, Max, Min, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from courses.selectors import PublishStatus

from . import kinds
from .kinds import kind_of
from .models import (
    Accompaniment,
    CalendarFeed,
    Deadline,
    Exercise,
    Screenshot,
    Submission,
    WorkerBeat,
    WorkInProgress,
)

# ---------------------------------------------------------------- attempts


def attempts_used(exercise, learner):
    return Submission.objects.filter(exercise=exercise, learner=learner, mode=Submission.Mode.SUBMIT).count()


def attempts_left(exercise, learner):
    if exercise.max_attempts is None:
        return None
    return max(0, exercise.max_attempts - attempts_used(exercise, learner))


def visible_hints(exercise, learner):
    """Hints revealed after that many failed submissions."""
    failed = Submission.objects.filter(
        exercise=exercise,
        learner=learner,
        mode=Submission.Mode.SUBMIT,
        status__in=[Submission.Status.FAILED, Submission.Status.ERROR],
    ).count()
    return [hint["text"] for hint in exercise.hints if failed >= int(hint.get("after", 1))]


# ---------------------------------------------------------------- reading


def learner_history(exercise, learner, limit=20):
    has_screenshots = Exists(Screenshot.objects.filter(submission=OuterRef("pk")))
    return list(
        Submission.objects.filter(exercise=exercise, learner=learner)
        .defer("files", "answers")
        .annotate(has_screenshots=has_screenshots)[:limit]
    )


def latest_files(exercise, learner):
    """What the editor shows: the learner's last files, else the starter."""
    last = Submission.objects.filter(exercise=exercise, learner=learner).exclude(files={}).only("files").first()
    return dict(last.files) if last else dict(exercise.starter)


@dataclass
class Best:
    learner_id: int
    exercise_id: int
    submission_id: int
    score: float
    title: str
    at: object


def _graded_submissions():
    return (
        Submission.objects.filter(mode=Submission.Mode.SUBMIT)
        .exclude(status__in=Submission.PENDING)
        .annotate(effective=Coalesce("override_score", "final_score", "score", output_field=FloatField()))
    )


def best_submission(*, exercise_id, learner_id):
    """The learner's best graded submission of an exercise (trainer's score first), or None."""
    row = (
        _graded_submissions()
        .filter(exercise_id=exercise_id, learner_id=learner_id)
        .order_by(F("effective").desc(nulls_last=True), "-created_at", "-pk")
        .values("pk", "effective", "exercise__title", "created_at")
        .first()
    )
    if row is None:
        return None
    return Best(learner_id, exercise_id, row["pk"], row["effective"] or 0.0, row["exercise__title"], row["created_at"])


def best_submissions(*, exercise_ids, learner_ids=None):
    """Best graded submission per (learner, exercise), for rebuilding progress; a generator."""
    rows = _graded_submissions().filter(exercise_id__in=exercise_ids)
    if learner_ids is not None:
        rows = rows.filter(learner_id__in=learner_ids)
    rows = rows.order_by(
        "learner_id", "exercise_id", F("effective").desc(nulls_last=True), "-created_at", "-pk"
    ).values_list("learner_id", "exercise_id", "pk", "effective", "exercise__title", "created_at")
    previous = None
    for learner_id, exercise_id, pk, effective, title, created_at in rows.iterator(chunk_size=5000):
        if (learner_id, exercise_id) == previous:
            continue
        previous = (learner_id, exercise_id)
        yield Best(learner_id, exercise_id, pk, effective or 0.0, title, created_at)


# ---------------------------------------------------------------- trainer review


def regrade_progress(exercise):
    """(graded, total) submissions of an exercise: the progress bar of a «regrade all»."""
    counts = exercise.submissions.aggregate(
        total=Count("pk"), pending=Count("pk", filter=Q(status__in=Submission.PENDING))
    )
    return counts["total"] - counts["pending"], counts["total"]


def exercises_for_staff(user):
    qs = Exercise.objects.select_related("module__course").order_by("module__course__title", "module__order", "order")
    if user.is_coordinator:
        return qs
    return qs.filter(Q(submissions__learner__cohorts__trainers=user) | Q(module__course__authors=user)).distinct()


# ---------------------------------------------------------------- authoring


def exercise_is_verified(exercise):
    from .models import content_hash

    return kind_of(exercise.kind).self_checked or exercise.verified_hash == content_hash(exercise.spec())


def exercises_with_competences():
    return [e for e in Exercise.objects.only("pk", "points", "competences") if e.competences]


# ---------------------------------------------------------------- a learner's work, for progress and the dashboards


def portfolio(learner, limit=12):
    """The learner's best passed submission of each exercise, newest first, web pages with their screenshots."""
    has_screenshots = Exists(Screenshot.objects.filter(submission=OuterRef("pk")))
    rows = (
        Submission.objects.filter(learner=learner, mode=Submission.Mode.SUBMIT, status=Submission.Status.PASSED)
        .select_related("exercise__module__course")
        .defer(
            "files",
            "answers",
            "result",
            "exercise__starter",
            "exercise__solution",
            "exercise__tests",
            "exercise__config",
        )
        .annotate(has_screenshots=has_screenshots)
        .order_by("-created_at", "-pk")[: limit * 5]
    )
    seen, items = set(), []
    for submission in rows:
        if submission.exercise_id in seen:
            continue
        seen.add(submission.exercise_id)
        items.append(submission)
        if len(items) == limit:
            break
    return items


def last_submission_at(learner_ids):
    """{learner id: when they last sent work}."""
    return dict(
        Submission.objects.filter(learner_id__in=learner_ids)
        .values("learner_id")
        .annotate(last=Max("created_at"))
        .values_list("learner_id", "last")
    )


def repeated_failures(learner_ids, at_least=3):
    """{learner id: [exercise titles]} where a learner failed at least that many submissions and never passed."""
    failed = Q(mode=Submission.Mode.SUBMIT, status__in=[Submission.Status.FAILED, Submission.Status.ERROR])
    rows = (
        Submission.objects.filter(learner_id__in=learner_ids, mode=Submission.Mode.SUBMIT)
        .values("learner_id", "exercise_id", "exercise__title")
        .annotate(failed=Count("pk", filter=failed), passed=Count("pk", filter=Q(status=Submission.Status.PASSED)))
        .filter(failed__gte=at_least, passed=0)
    )
    result = {}
    for row in rows:
        result.setdefault(row["learner_id"], []).append(row["exercise__title"])
    return result


def monthly_activity(since=None, learner_ids=None):
    """Graded submissions per (learner, month, track), for rebuilding the monthly activity."""
    from django.db.models.functions import TruncMonth

    rows = Submission.objects.filter(mode=Submission.Mode.SUBMIT).exclude(status__in=Submission.PENDING)
    if since is not None:
        rows = rows.filter(created_at__gte=since)
    if learner_ids is not None:
        rows = rows.filter(learner_id__in=learner_ids)
    return list(
        rows.annotate(month=TruncMonth("created_at"))
        .values("learner_id", "month", "exercise__module__course__track_id")
        .annotate(submissions=Count("pk"), passed=Count("pk", filter=Q(status=Submission.Status.PASSED)))
        .values_list("learner_id", "month", "exercise__module__course__track_id", "submissions", "passed")
    )


# ---------------------------------------------------------------- reading: scores toward a course's attestation


def exercise_kinds():
    """{kind: its label} for every exercise kind, in the order the authoring form offers them."""
    return dict(kinds.choices())


@dataclass
class CountedScore:
    exercise_id: int
    kind: str
    score: float | None  # the best score that counts (0-1); None while nothing counts yet


def counted_scores(*, course_id, learner_id):
    """Each published exercise of a course with the learner's best score that counts: a trainer's
    override first, else the automatic score after penalty. Work waiting for a trainer's review
    counts only once graded (or overridden)."""
    exercises = (
        Exercise.objects.filter(module__course_id=course_id, status=PublishStatus.PUBLISHED)
        .order_by("module__order", "order", "pk")
        .values_list("pk", "kind")
    )
    counted = Q(needs_review=False) | Q(override_score__isnull=False)
    best = dict(
        _graded_submissions()
        .filter(counted, learner_id=learner_id, exercise__module__course_id=course_id)
        .values("exercise_id")
        .annotate(best=Max("effective"))
        .values_list("exercise_id", "best")
    )
    return [CountedScore(pk, kind, (best[pk] or 0.0) if pk in best else None) for pk, kind in exercises]


def course_exercise_kinds(*, course_id):
    """The kinds of the published exercises of a course."""
    return set(
        Exercise.objects.filter(module__course_id=course_id, status=PublishStatus.PUBLISHED)
        .values_list("kind", flat=True)
        .distinct()
    )


def steps_in_progress(exercise, learner):
    """The steps a learner has recorded on an exercise made of steps (a simulation), oldest first."""
    return (
        WorkInProgress.objects.filter(exercise=exercise, learner=learner).values_list("steps", flat=True).first() or []
    )


def accompaniments_of(exercise, learner):
    """Who asks to follow, or follows, this learner's work on this exercise now (with their names)."""
    since = timezone.now() - Accompaniment.LIVE
    return list(
        Accompaniment.objects.filter(
            exercise=exercise,
            learner=learner,
            status__in=[Accompaniment.Status.ASKED, Accompaniment.Status.ACCEPTED],
            asked_at__gt=since,
        )
        .select_related("follower")
        .order_by("asked_at")
    )


def accompaniment(exercise, learner, follower):
    """The follower's request about this learner's work (None if never asked)."""
    return Accompaniment.objects.filter(exercise=exercise, learner=learner, follower=follower).first()


def accompaniments_by(follower, *, since):
    """The follower's requests asked since `since`."""
    return list(Accompaniment.objects.filter(follower=follower, asked_at__gt=since))


def works_in_progress(learners, *, since):
    """Work in progress of these learners changed since `since`, most recent first, with its exercise."""
    return list(
        WorkInProgress.objects.filter(learner__in=learners, updated_at__gte=since)
        .select_related("exercise", "learner")
        .order_by("-updated_at")
    )


def module_exercises(module):
    """A module's exercises, in order (drafts included: for its writers)."""
    return list(Exercise.objects.filter(module=module).order_by("order", "pk"))


# ---------------------------------------------------------------- due dates


def deadline_for(exercise, learner):
    """The earliest due date the learner's promos set for this exercise or its module, or None."""
    return (
        Deadline.objects.filter(cohort__learners=learner)
        .filter(Q(exercise=exercise) | Q(module_id=exercise.module_id))
        .order_by("due_at")
        .first()
    )


@dataclass
class DueItem:
    deadline: object
    title: str
    course_title: str
    url: str
    done: int  # exercises submitted (a counted submission, on time or late)
    total: int

    @property
    def due_at(self):
        return self.deadline.due_at

    @property
    def handed_in(self):
        return self.total > 0 and self.done >= self.total

    @property
    def overdue(self):
        return not self.handed_in and self.deadline.due_at < timezone.now()


def due_items(deadlines, learner=None):
    """Each deadline with what it covers (one exercise, or a module's published exercises) and, for a
    learner, how many of them they handed in. Three queries whatever the number."""
    module_ids = {d.module_id for d in deadlines if d.module_id}
    by_module = {}
    for exercise in Exercise.objects.filter(module_id__in=module_ids, status=PublishStatus.PUBLISHED).only(
        "pk", "module_id"
    ):
        by_module.setdefault(exercise.module_id, []).append(exercise.pk)
    covered = {d.pk: [d.exercise_id] if d.exercise_id else by_module.get(d.module_id, []) for d in deadlines}
    handed = set()
    if learner is not None:
        ids = {pk for pks in covered.values() for pk in pks}
        handed = set(
            Submission.objects.filter(learner=learner, mode=Submission.Mode.SUBMIT, exercise_id__in=ids)
            .values_list("exercise_id", flat=True)
            .distinct()
        )
    items = []
    for d in deadlines:
        item = d.exercise if d.exercise_id else d.module
        course = d.exercise.module.course if d.exercise_id else d.module.course
        url = d.exercise.get_absolute_url() if d.exercise_id else course.get_absolute_url()
        pks = covered[d.pk]
        items.append(DueItem(d, item.title, course.title, url, sum(pk in handed for pk in pks), len(pks)))
    return items


def due_items_of_learner(learner):
    """What the learner's promos ask them to hand in, by date (the earliest date when two promos set one)."""
    deadlines = (
        Deadline.objects.filter(cohort__learners=learner)
        .select_related("exercise__module__course", "module__course")
        .order_by("due_at")
    )
    seen, kept = set(), []
    for deadline in deadlines:
        key = (deadline.exercise_id, deadline.module_id)
        if key not in seen:
            seen.add(key)
            kept.append(deadline)
    return due_items(kept, learner)


def due_items_of_cohorts(cohort_ids):
    deadlines = (
        Deadline.objects.filter(cohort_id__in=cohort_ids)
        .select_related("cohort", "exercise__module__course", "module__course")
        .order_by("due_at")
    )
    return due_items(list(deadlines))


def calendar_feed_of(user):
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_by_token(token):
    return CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()


# ---------------------------------------------------------------- operations (health page, metrics)

GRADING_SECONDS_BUCKETS = (0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600)


def workers_seen(within=60):
    """The workers that said they were alive in the last `within` seconds."""
    since = timezone.now() - timedelta(seconds=within)
    return list(WorkerBeat.objects.filter(seen_at__gte=since).order_by("name"))


def submissions_waiting():
    """{kind: {"queued": n, "running": n}} of the submissions not graded yet (one query)."""
    rows = (
        Submission.objects.filter(status__in=Submission.PENDING)
        .values("exercise__kind", "status")
        .annotate(n=Count("pk"))
    )
    waiting = {}
    for row in rows:
        waiting.setdefault(row["exercise__kind"], {"queued": 0, "running": 0})[row["status"]] = row["n"]
    return waiting


def oldest_queued_seconds():
    oldest = Submission.objects.filter(status=Submission.Status.QUEUED).aggregate(at=Min("queued_at"))["at"]
    return (timezone.now() - oldest).total_seconds() if oldest else 0.0


def grading_totals():
    """Every graded submission, by kind and status, with the time its grading took (started → finished) as
    a cumulative histogram over GRADING_SECONDS_BUCKETS: counters that only grow, as Prometheus expects
    (one query). {(kind, status): {"count": n, "seconds": total, "buckets": [n ≤ each bound]}}."""
    seconds = ExpressionWrapper(F("finished_at") - F("started_at"), output_field=DurationField())
    buckets = {
        f"le_{index}": Count("pk", filter=Q(duration__lte=timedelta(seconds=bound)))
        for index, bound in enumerate(GRADING_SECONDS_BUCKETS)
    }
    rows = (
        Submission.objects.exclude(status__in=Submission.PENDING)
        .filter(started_at__isnull=False, finished_at__isnull=False)
        .annotate(duration=seconds)
        .values("exercise__kind", "status")
        .annotate(count=Count("pk"), total=Sum("duration"), **buckets)
    )
    totals = {}
    for row in rows:
        total = row["total"]
        totals[row["exercise__kind"], row["status"]] = {
            "count": row["count"],
            "seconds": total.total_seconds() if isinstance(total, timedelta) else (total or 0) / 1e6,
            "buckets": [row[f"le_{index}"] for index in range(len(GRADING_SECONDS_BUCKETS))],
        }
    return totals
