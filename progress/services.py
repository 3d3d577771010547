"""Progress toward qualifications. Other apps call these functions; nothing here listens to signals.

- exercises calls `submission_graded` when a submission is graded or rescored,
- courses calls `lesson_completed` / `lesson_uncompleted`,
- both call `sync_links` when an activity's `competences` list changes.

Each call updates only the competences the activity is linked to (a few rows), never every
submission of the learner; `recompute` rebuilds everything from scratch and must agree.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from config.files import files_removed_on_failure

from .models import (
    STATE_SYMBOLS,
    ActivityLink,
    ActivityMonth,
    Attestation,
    Block,
    BlockReady,
    Competence,
    CompetenceProgress,
    Evidence,
    ProgressEvent,
    Qualification,
    State,
    requirement_lines,
)

PUBLISHED = "published"
MINUTES_PER_SUBMISSION = 5  # estimated time spent per graded submission (indicators)
LOWER = (State.NOT_STARTED, State.IN_PROGRESS)


def record_activity(user_id, when, track_id=0, **increments):
    """Add to a learner's activity of that month (and track): two small queries."""
    from django.db.models import F

    month = timezone.localtime(when).date().replace(day=1)
    row, _created = ActivityMonth.objects.get_or_create(user_id=user_id, month=month, track_id=track_id or 0)
    ActivityMonth.objects.filter(pk=row.pk).update(**{key: F(key) + value for key, value in increments.items()})


def _activity_track(user_id, when):
    """The track an acquired competence counts in: the one where the learner was most active that
    month, else the latest month before with activity in a track; 0 when none. Competences belong to
    a qualification, not to a track: this rule, the same in rebuild_activity, makes the indicators by
    track add up with those by site and promo."""
    from django.db.models import F

    month = timezone.localtime(when).date().replace(day=1)
    rows = ActivityMonth.objects.filter(user_id=user_id, track_id__gt=0, month__lte=month)
    ordered = rows.annotate(done=F("submissions") + F("lessons")).order_by("-month", "-done", "track_id")
    return ordered.values_list("track_id", flat=True).first() or 0


def _busiest_tracks(rows):
    """{user id: [(month, activity, track id)]} sorted, from rebuild_activity's rows (same rule as above)."""
    per_user = defaultdict(list)
    for (user_id, month, track_id), values in rows.items():
        if track_id:
            per_user[user_id].append((month, values["submissions"] + values["lessons"], -track_id))
    for entries in per_user.values():
        entries.sort()
    return per_user


class _LessonEvents:
    """What progress does when courses tells it about a lesson (courses.services.register_lesson_listener)."""

    def completed(self, *, user, lesson, at):
        lesson_completed(user=user, lesson=lesson, at=at)

    def uncompleted(self, *, user, lesson):
        lesson_uncompleted(user=user, lesson=lesson)

    def saved(self, *, lesson):
        sync_links(lesson=lesson)


LESSON_EVENTS = _LessonEvents()


# ---------------------------------------------------------------- links


def sync_links(*, exercise=None, lesson=None):
    """Make the activity's links match its `competences` list (unknown codes are ignored)."""
    activity = exercise or lesson
    codes = [c for c in (activity.competences or []) if isinstance(c, str)]
    competences = {c.code: c for c in Competence.objects.filter(code__in=codes)}
    key = {"exercise": exercise} if exercise is not None else {"lesson": lesson}
    points = float(max(exercise.points, 0)) if exercise is not None else 1.0
    with transaction.atomic():
        ActivityLink.objects.filter(**key).exclude(competence__code__in=list(competences)).delete()
        for competence in competences.values():
            ActivityLink.objects.update_or_create(competence=competence, **key, defaults={"points": points})


def unknown_codes(codes):
    """The codes no loaded framework defines (for authoring and package checks)."""
    known = set(Competence.objects.filter(code__in=codes).values_list("code", flat=True))
    return [c for c in codes if c not in known]


# ---------------------------------------------------------------- who follows what


def cohort_follow(*, cohort, codes):
    """The cohort's learners follow these qualifications (unknown codes are ignored)."""
    for qualification in Qualification.objects.filter(code__in=codes):
        qualification.cohorts.add(cohort)


def cohort_follows_any(cohort):
    """Whether the cohort follows a qualification (else its competence dashboard has nothing to show)."""
    return Qualification.objects.filter(cohorts=cohort).exists()


def qualifications_for(user):
    return list(Qualification.objects.filter(Q(learners=user) | Q(cohorts__learners=user)).distinct().order_by("code"))


# ---------------------------------------------------------------- incremental updates


def submission_graded(submission, *, new=True):
    """A graded (or rescored) submission: the learner's best score on that exercise is evidence
    for each competence the exercise trains."""
    from courses import services as courses_services
    from exercises import services as exercises_services

    if submission.mode != "submit":
        return []
    course = courses_services.course_of(exercise_id=submission.exercise_id)
    if new:
        record_activity(
            submission.learner_id,
            submission.created_at,
            course.track_id if course else 0,
            submissions=1,
            passed=int(submission.status == "passed"),
            minutes=MINUTES_PER_SUBMISSION,
        )
    # Any better score (a new submission, a regrade, a trainer's points or override) may meet the attestation policy.
    course_check(user_id=submission.learner_id, course=course)
    links = list(ActivityLink.objects.filter(exercise_id=submission.exercise_id).select_related("competence"))
    if not links:
        return []
    best = exercises_services.best_submission(exercise_id=submission.exercise_id, learner_id=submission.learner_id)
    with transaction.atomic():
        for link in links:
            if best is None:
                Evidence.objects.filter(
                    user_id=submission.learner_id,
                    competence=link.competence,
                    kind=Evidence.Kind.EXERCISE,
                    exercise_id=submission.exercise_id,
                ).delete()
                continue
            Evidence.objects.update_or_create(
                user_id=submission.learner_id,
                competence=link.competence,
                kind=Evidence.Kind.EXERCISE,
                exercise_id=submission.exercise_id,
                defaults={
                    "submission_id": best.submission_id,
                    "score": best.score,
                    "title": best.title,
                    "created_at": best.at,
                },
            )
        return refresh(submission.learner_id, [link.competence_id for link in links])


def lesson_completed(*, user, lesson, at=None):
    from courses import services as courses_services

    course = courses_services.course_of(lesson_id=lesson.pk)
    record_activity(
        user.pk,
        at or timezone.now(),
        course.track_id if course else 0,
        lessons=1,
        minutes=lesson.duration_minutes or 10,
    )
    course_check(user_id=user.pk, course=course)
    links = list(ActivityLink.objects.filter(lesson=lesson).values_list("competence_id", flat=True))
    if not links:
        return []
    with transaction.atomic():
        for competence_id in links:
            Evidence.objects.update_or_create(
                user=user,
                competence_id=competence_id,
                kind=Evidence.Kind.LESSON,
                lesson=lesson,
                defaults={"score": 1.0, "title": lesson.title, "created_at": at or timezone.now()},
            )
        return refresh(user.pk, links)


def lesson_uncompleted(*, user, lesson):
    links = list(ActivityLink.objects.filter(lesson=lesson).values_list("competence_id", flat=True))
    with transaction.atomic():
        Evidence.objects.filter(user=user, lesson=lesson, kind=Evidence.Kind.LESSON).delete()
        return refresh(user.pk, links)


def refresh(user_id, competence_ids, *, actor=None, reason="", record=True):
    """Recompute the state of a few competences of one learner from their evidence. `record=False`:
    a competence first acquired is not added to the monthly activity (recompute rebuilds it after)."""
    competence_ids = sorted(set(competence_ids))
    if not competence_ids:
        return []
    competences = {
        c.pk: c for c in Competence.objects.filter(pk__in=competence_ids).select_related("block__qualification")
    }
    totals = _possible(competence_ids)
    evidence = defaultdict(list)
    for row in Evidence.objects.filter(user_id=user_id, competence_id__in=competence_ids).values(
        "competence_id", "kind", "exercise_id", "score"
    ):
        evidence[row["competence_id"]].append(row)
    existing = {
        p.competence_id: p for p in CompetenceProgress.objects.filter(user_id=user_id, competence_id__in=competence_ids)
    }
    changed, changed_blocks = [], set()
    now = timezone.now()
    for competence_id in competence_ids:
        competence = competences[competence_id]
        policy = competence.block.qualification
        possible, points = totals.get(competence_id, (0.0, {}))
        earned = 0.0
        for row in evidence[competence_id]:
            if row["kind"] == Evidence.Kind.EXERCISE:
                earned += (row["score"] or 0) * points.get(row["exercise_id"], 0) * policy.exercise_weight
            elif row["kind"] == Evidence.Kind.LESSON:
                earned += policy.lesson_weight
        progress = existing.get(competence_id) or CompetenceProgress(user_id=user_id, competence_id=competence_id)
        before = progress.state if progress.pk else State.NOT_STARTED
        progress.possible, progress.earned = round(possible, 4), round(earned, 4)
        progress.score = round(min(1.0, earned / possible), 4) if possible else 0.0
        progress.evidence_count = len(evidence[competence_id])
        progress.state = _state(progress, policy)
        if progress.state in (State.ACQUIRED, State.VALIDATED) and progress.acquired_at is None:
            progress.acquired_at = now  # a competence is counted once, when first acquired
            if record:
                record_activity(user_id, now, _activity_track(user_id, now), acquired=1)
        progress.updated_at = now
        progress.save()
        if progress.state != before:
            changed_blocks.add(competence.block_id)
            ProgressEvent.objects.create(
                user_id=user_id,
                competence_id=competence_id,
                from_state=before,
                to_state=progress.state,
                actor=actor,
                reason=reason,
            )
        changed.append(progress)
    if changed_blocks:
        update_block_readiness(user_id, changed_blocks)
    return changed


def update_block_readiness(user_id, block_ids):
    """Mark or unmark the learner's blocks ready for the jury (what the indicators count)."""
    from django.db.models import Count

    blocks = Block.objects.filter(pk__in=block_ids).select_related("qualification").annotate(size=Count("competences"))
    states = defaultdict(list)
    for block_id, state in CompetenceProgress.objects.filter(
        user_id=user_id, competence__block__in=block_ids
    ).values_list("competence__block_id", "state"):
        states[block_id].append(state)
    for block in blocks:
        wanted = (State.VALIDATED,) if block.qualification.requires_validation else (State.ACQUIRED, State.VALIDATED)
        if block.size and sum(state in wanted for state in states[block.pk]) >= block.size:
            BlockReady.objects.get_or_create(user_id=user_id, block=block)
        else:
            BlockReady.objects.filter(user_id=user_id, block=block).delete()


def _possible(competence_ids):
    """{competence_id: (possible points, {exercise_id: points})} over published activities."""
    totals = {}
    rows = (
        ActivityLink.objects.filter(competence_id__in=competence_ids)
        .filter(Q(exercise__status=PUBLISHED) | Q(lesson__status=PUBLISHED))
        .values(
            "competence_id",
            "exercise_id",
            "lesson_id",
            "points",
            "competence__block__qualification__exercise_weight",
            "competence__block__qualification__lesson_weight",
        )
    )
    for row in rows:
        possible, points = totals.setdefault(row["competence_id"], (0.0, {}))
        if row["exercise_id"]:
            points[row["exercise_id"]] = row["points"]
            possible += row["points"] * row["competence__block__qualification__exercise_weight"]
        else:
            possible += row["competence__block__qualification__lesson_weight"]
        totals[row["competence_id"]] = (possible, points)
    return totals


def _state(progress, policy):
    if progress.validated_at is not None:
        return State.VALIDATED
    if progress.possible and progress.score + 1e-9 >= policy.threshold:
        return State.ACQUIRED
    if progress.evidence_count:
        return State.IN_PROGRESS
    return State.NOT_STARTED


# ---------------------------------------------------------------- trainers' decisions


def competence_validate(*, user, competence, by, comment="", at=None):
    """A trainer confirms a competence (as in an in-training assessment)."""
    with transaction.atomic():
        progress, _ = CompetenceProgress.objects.select_for_update().get_or_create(user=user, competence=competence)
        before = progress.state
        progress.validated_at, progress.validated_by, progress.validation_comment = at or timezone.now(), by, comment
        progress.state = State.VALIDATED
        if progress.acquired_at is None:
            progress.acquired_at = progress.validated_at
            record_activity(user.pk, progress.acquired_at, _activity_track(user.pk, progress.acquired_at), acquired=1)
        progress.save()
        update_block_readiness(user.pk, [competence.block_id])
        ProgressEvent.objects.create(
            user=user, competence=competence, from_state=before, to_state=State.VALIDATED, actor=by, reason=comment
        )
    return progress


def competence_invalidate(*, user, competence, by, reason):
    """Withdraw a validation, with a reason; the state falls back to what the evidence says."""
    with transaction.atomic():
        progress, _ = CompetenceProgress.objects.select_for_update().get_or_create(user=user, competence=competence)
        progress.validated_at, progress.validated_by, progress.validation_comment = None, None, ""
        progress.save()
        return refresh(user.pk, [competence.pk], actor=by, reason=reason)[0]


def observation_add(*, user, competence, by, note, file=None):
    """A trainer's observation, with an optional file (checked by the form: config.files.check_upload).
    The file is written before the row: if the row cannot be written, the file is removed."""
    evidence = Evidence(
        user=user,
        competence=competence,
        kind=Evidence.Kind.OBSERVATION,
        note=note,
        author=by,
        file=file or "",
        title=note[:300],
    )
    with files_removed_on_failure(evidence), transaction.atomic():
        evidence.save()
        refresh(user.pk, [competence.pk])
    return evidence


def access_evidence_file(user, pk):
    """An observation's file, for whoever may see the learner's work (accounts' one rule); 404 otherwise."""
    from accounts import services as accounts_services

    evidence = Evidence.objects.select_related("user").filter(pk=pk).exclude(file="").first()
    if evidence is None or not accounts_services.may_see_learner_work(user, evidence.user):
        raise Http404
    return evidence


# ---------------------------------------------------------------- rebuilding


def recompute(user_ids=None):
    """Rebuild evidence and states from submissions and completions; observations and
    validations are kept. Returns the number of (learner, competence) rows written."""
    from courses import services as courses_services
    from exercises import services as exercises_services

    exercise_links = defaultdict(list)
    lesson_links = defaultdict(list)
    for link in ActivityLink.objects.values("competence_id", "exercise_id", "lesson_id"):
        if link["exercise_id"]:
            exercise_links[link["exercise_id"]].append(link["competence_id"])
        else:
            lesson_links[link["lesson_id"]].append(link["competence_id"])
    count = _recompute(user_ids, exercise_links, lesson_links, courses_services, exercises_services)
    rebuild_activity(user_ids)
    rebuild_block_readiness(user_ids)
    return count


def rebuild_block_readiness(user_ids=None):
    progress = CompetenceProgress.objects.filter(state__in=[State.ACQUIRED, State.VALIDATED])
    if user_ids is not None:
        progress = progress.filter(user_id__in=user_ids)
    pairs = defaultdict(set)
    for user_id, block_id in progress.values_list("user_id", "competence__block_id").distinct():
        pairs[user_id].add(block_id)
    with transaction.atomic():
        existing = BlockReady.objects.all() if user_ids is None else BlockReady.objects.filter(user_id__in=user_ids)
        for user_id, block_id in existing.values_list("user_id", "block_id"):
            pairs[user_id].add(block_id)
        for user_id, block_ids in pairs.items():
            update_block_readiness(user_id, block_ids)


def _recompute(user_ids, exercise_links, lesson_links, courses_services, exercises_services):
    with transaction.atomic():
        evidence = Evidence.objects.exclude(kind=Evidence.Kind.OBSERVATION)
        if user_ids is not None:
            evidence = evidence.filter(user_id__in=user_ids)
        evidence.delete()
        rows = []
        for best in exercises_services.best_submissions(exercise_ids=list(exercise_links), learner_ids=user_ids):
            for competence_id in exercise_links[best.exercise_id]:
                rows.append(
                    Evidence(
                        user_id=best.learner_id,
                        competence_id=competence_id,
                        kind=Evidence.Kind.EXERCISE,
                        exercise_id=best.exercise_id,
                        submission_id=best.submission_id,
                        score=best.score,
                        title=best.title,
                        created_at=best.at,
                    )
                )
        for completion in courses_services.completions(lesson_ids=list(lesson_links), user_ids=user_ids):
            for competence_id in lesson_links[completion.lesson_id]:
                rows.append(
                    Evidence(
                        user_id=completion.user_id,
                        competence_id=competence_id,
                        kind=Evidence.Kind.LESSON,
                        lesson_id=completion.lesson_id,
                        score=1.0,
                        title=completion.title,
                        created_at=completion.at,
                    )
                )
        Evidence.objects.bulk_create(rows, batch_size=2000)
        pairs = defaultdict(set)
        evidence_pairs = Evidence.objects.values_list("user_id", "competence_id")
        progress_pairs = CompetenceProgress.objects.values_list("user_id", "competence_id")
        if user_ids is not None:
            evidence_pairs, progress_pairs = (
                evidence_pairs.filter(user_id__in=user_ids),
                progress_pairs.filter(user_id__in=user_ids),
            )
        for user_id, competence_id in [*evidence_pairs, *progress_pairs]:
            pairs[user_id].add(competence_id)
        count = 0
        for user_id, competence_ids in pairs.items():
            count += len(refresh(user_id, competence_ids, record=False))
    return count


def _as_month(value):
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.date().replace(day=1) if hasattr(value, "date") else value.replace(day=1)


def rebuild_activity(user_ids=None):
    """The monthly activity from submissions, completions, state changes and attestations."""
    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    from courses import services as courses_services
    from exercises import services as exercises_services

    rows = defaultdict(lambda: defaultdict(int))
    for user_id, month, track_id, submissions, passed in exercises_services.monthly_activity(
        None, learner_ids=user_ids
    ):
        row = rows[(user_id, _as_month(month), track_id or 0)]
        row["submissions"] += submissions
        row["passed"] += passed
        row["minutes"] += submissions * MINUTES_PER_SUBMISSION
    for user_id, month, track_id, count, minutes in courses_services.monthly_completions(None, user_ids=user_ids):
        row = rows[(user_id, _as_month(month), track_id or 0)]
        row["lessons"] += count
        row["minutes"] += minutes or 0
    acquired = CompetenceProgress.objects.filter(acquired_at__isnull=False)
    attestations = Attestation.objects.all()
    if user_ids is not None:
        acquired, attestations = acquired.filter(user_id__in=user_ids), attestations.filter(user_id__in=user_ids)
    busiest = _busiest_tracks(rows)
    for user_id, month, count in (
        acquired.annotate(m=TruncMonth("acquired_at"))
        .values("user_id", "m")
        .annotate(n=Count("pk"))
        .values_list("user_id", "m", "n")
    ):
        month = _as_month(month)
        before = [entry for entry in busiest.get(user_id, []) if entry[0] <= month]
        rows[(user_id, month, -before[-1][2] if before else 0)]["acquired"] += count
    for user_id, month, track_id, count in (
        attestations.annotate(m=TruncMonth("issued_at"))
        .values("user_id", "m", "course__track_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "m", "course__track_id", "n")
    ):
        rows[(user_id, _as_month(month), track_id or 0)]["attestations"] += count
    with transaction.atomic():
        existing = (
            ActivityMonth.objects.all() if user_ids is None else ActivityMonth.objects.filter(user_id__in=user_ids)
        )
        existing.delete()
        ActivityMonth.objects.bulk_create(
            [ActivityMonth(user_id=u, month=m, track_id=t, **values) for (u, m, t), values in rows.items()],
            batch_size=2000,
        )
    return len(rows)


# ---------------------------------------------------------------- reading: the learner's page


@dataclass
class CompetenceView:
    competence: Competence
    progress: CompetenceProgress
    evidence: list = field(default_factory=list)

    @property
    def percent(self):
        return round(100 * self.progress.score)


@dataclass
class BlockView:
    block: Block
    competences: list

    @property
    def done(self):
        return sum(c.progress.state in (State.ACQUIRED, State.VALIDATED) for c in self.competences)

    @property
    def validated(self):
        return sum(c.progress.state == State.VALIDATED for c in self.competences)

    @property
    def ready(self):
        """Ready for the jury: every competence validated (or acquired when no validation is required)."""
        wanted = (
            (State.VALIDATED,) if self.block.qualification.requires_validation else (State.ACQUIRED, State.VALIDATED)
        )
        return bool(self.competences) and all(c.progress.state in wanted for c in self.competences)

    @property
    def percent(self):
        return round(100 * self.done / len(self.competences)) if self.competences else 0


@dataclass
class QualificationView:
    qualification: Qualification
    blocks: list

    @property
    def total(self):
        return sum(len(b.competences) for b in self.blocks)

    @property
    def done(self):
        return sum(b.done for b in self.blocks)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0


def learner_overview(user, qualifications=None):
    """Each qualification the learner follows, block by block, with states and evidence."""
    qualifications = qualifications_for(user) if qualifications is None else qualifications
    competences = list(
        Competence.objects.filter(block__qualification__in=qualifications)
        .select_related("block__qualification")
        .order_by("block__qualification__code", "block__order", "order", "pk")
    )
    progress = {
        p.competence_id: p
        for p in CompetenceProgress.objects.filter(user=user, competence__in=competences).select_related("validated_by")
    }
    evidence = defaultdict(list)
    for item in Evidence.objects.filter(user=user, competence__in=competences).select_related("author"):
        evidence[item.competence_id].append(item)
    by_block = defaultdict(list)
    for competence in competences:
        by_block[competence.block].append(
            CompetenceView(
                competence,
                progress.get(competence.pk) or CompetenceProgress(user=user, competence=competence),
                evidence[competence.pk],
            )
        )
    views = []
    for qualification in qualifications:
        blocks = [
            BlockView(block, items) for block, items in by_block.items() if block.qualification_id == qualification.pk
        ]
        views.append(QualificationView(qualification, blocks))
    return views


def next_activities(user, limit=5, qualifications=None):
    """Published activities linked to competences the learner has not acquired, not yet done. Each
    links to the activity when the learner follows its course, else to the course (to enrol first):
    never to a page the learner may not open."""
    from courses import services as courses_services

    qualifications = qualifications_for(user) if qualifications is None else qualifications
    open_competences = Competence.objects.filter(block__qualification__in=qualifications).exclude(
        progress__user=user, progress__state__in=[State.ACQUIRED, State.VALIDATED]
    )
    done_exercises = Evidence.objects.filter(user=user, kind=Evidence.Kind.EXERCISE, score__gte=1.0).values(
        "exercise_id"
    )
    done_lessons = Evidence.objects.filter(user=user, kind=Evidence.Kind.LESSON).values("lesson_id")
    links = (
        ActivityLink.objects.filter(competence__in=open_competences)
        .filter(
            Q(exercise__status=PUBLISHED, exercise__module__course__status=PUBLISHED)
            | Q(lesson__status=PUBLISHED, lesson__module__course__status=PUBLISHED)
        )
        .exclude(exercise_id__in=done_exercises)
        .exclude(lesson_id__in=done_lessons)
        .select_related("exercise__module__course", "lesson__module__course", "competence")
        .order_by(
            "competence__block__qualification__code",
            "competence__block__order",
            "competence__order",
            "exercise__module__order",
            "exercise__order",
            "lesson__module__order",
            "lesson__order",
        )
    )
    seen, activities = set(), []
    for link in links[: limit * 4]:
        activity = link.exercise or link.lesson
        key = (type(activity).__name__, activity.pk)
        if key in seen:
            continue
        seen.add(key)
        activities.append(
            {
                "activity": activity,
                "competence": link.competence,
                "course": activity.module.course,
                "kind": "exercise" if link.exercise_id else "lesson",
            }
        )
        if len(activities) == limit:
            break
    enrolled = courses_services.enrolled_course_ids(user, {item["course"].pk for item in activities})
    for item in activities:
        item["open"] = item["course"].pk in enrolled
        item["url"] = item["activity"].get_absolute_url() if item["open"] else item["course"].get_absolute_url()
    return activities


def resync_links():
    """After a framework is loaded: link every activity that cites its codes."""
    from courses import services as courses_services
    from exercises import services as exercises_services

    for exercise in exercises_services.exercises_with_competences():
        sync_links(exercise=exercise)
    for lesson in courses_services.lessons_with_competences():
        sync_links(lesson=lesson)


# ---------------------------------------------------------------- reading: a cohort's dashboard

INACTIVE_DAYS = 7


@dataclass(frozen=True)
class Cell:
    state: str
    symbol: str
    label: str


@dataclass
class LearnerRow:
    learner: object
    cells: list
    acquired: int = 0
    last_activity: object = None
    failures: list = field(default_factory=list)
    risks: list = field(default_factory=list)

    @property
    def percent(self):
        return round(100 * self.acquired / len(self.cells)) if self.cells else 0


def cohort_qualifications(cohort):
    return list(Qualification.objects.filter(cohorts=cohort).order_by("code"))


def cohort_matrix(cohort, qualification, *, viewer=None, sort="name", only_at_risk=False, now=None):
    """Learners × competences of one qualification, with who is at risk and why; only the learners
    whose work `viewer` may see (a mediator: those who agreed to share)."""
    from django.utils.translation import gettext as _

    from courses import services as courses_services
    from exercises import services as exercises_services

    now = now or timezone.now()
    learners = cohort.learners.order_by("last_name", "first_name", "username")
    if viewer is not None:
        from accounts import services as accounts_services

        learners = learners.filter(pk__in=accounts_services.learners_visible_to(viewer).values("pk"))
    learners = list(learners)
    ids = [learner.pk for learner in learners]
    competences = list(
        Competence.objects.filter(block__qualification=qualification)
        .select_related("block")
        .order_by("block__order", "order", "pk")
    )
    # Plain tuples, not model instances: a 30 × 60 matrix is 1,800 cells.
    progress = dict(
        ((user_id, competence_id), state)
        for user_id, competence_id, state in CompetenceProgress.objects.filter(
            user_id__in=ids, competence__in=competences
        ).values_list("user_id", "competence_id", "state")
    )
    cell_for = {state: Cell(state, STATE_SYMBOLS[state], str(label)) for state, label in State.choices}
    last_work = exercises_services.last_submission_at(ids)
    last_lesson = courses_services.last_completion_at(ids)
    failures = exercises_services.repeated_failures(ids)
    rows = []
    for learner in learners:
        cells = [cell_for[progress.get((learner.pk, c.pk), State.NOT_STARTED)] for c in competences]
        dates = [d for d in (last_work.get(learner.pk), last_lesson.get(learner.pk)) if d]
        rows.append(
            LearnerRow(
                learner,
                cells,
                acquired=sum(c.state in (State.ACQUIRED, State.VALIDATED) for c in cells),
                last_activity=max(dates) if dates else None,
                failures=failures.get(learner.pk, []),
            )
        )
    counts = sorted(row.acquired for row in rows)
    median = (counts[len(counts) // 2] + counts[(len(counts) - 1) // 2]) / 2 if counts else 0
    for row in rows:
        if row.last_activity is None or (now - row.last_activity).days >= INACTIVE_DAYS:
            row.risks.append(_("aucune activité depuis %(n)s jours") % {"n": INACTIVE_DAYS})
        if row.failures:
            row.risks.append(_("échecs répétés : %(titles)s") % {"titles": ", ".join(row.failures[:3])})
        if median >= 2 and row.acquired <= median / 2:
            row.risks.append(
                _("loin derrière la promo (%(n)s acquises, médiane %(m)s)") % {"n": row.acquired, "m": f"{median:g}"}
            )
    if only_at_risk:
        rows = [row for row in rows if row.risks]
    if sort == "progress":
        rows.sort(key=lambda row: (-row.acquired, row.learner.last_name, row.learner.username))
    elif sort == "risk":
        rows.sort(key=lambda row: (-len(row.risks), row.acquired, row.learner.username))
    return {"competences": competences, "rows": rows, "median": median}


def learner_history(user, limit=50):
    return list(ProgressEvent.objects.filter(user=user).select_related("competence", "actor")[:limit])


# ---------------------------------------------------------------- attestations and Open Badges


ATTESTATION_DEFAULTS = {"lessons": True, "min_score": 60, "min_score_by_kind": {}}  # course.toml [attestation]


def _percent(value):
    """A percentage from course.toml (0 to 100, integer or decimal), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        return None
    return int(value) if value == int(value) else value


def attestation_policy_clean(raw):
    """Check a course's `[attestation]` table (course.toml); returns (policy, problems).

    The policy is what the course stores: {} without a table (the defaults apply), else every key with
    its value. Problems are (dotted key, message): the key locates the line for the `file:line: message` report.
    """
    from django.utils.translation import gettext

    from exercises import services as exercises_services

    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, [("attestation", gettext("« attestation » doit être une table : [attestation]"))]
    problems = []
    policy = {**ATTESTATION_DEFAULTS, "min_score_by_kind": {}}
    for key in raw:
        if key not in ATTESTATION_DEFAULTS:
            problems.append(
                (
                    key,
                    gettext("clé inconnue « %(key)s » dans [attestation] ; clés possibles : %(keys)s")
                    % {"key": key, "keys": ", ".join(ATTESTATION_DEFAULTS)},
                )
            )
    percent_error = gettext("« %(key)s » doit être un pourcentage entre 0 et 100 (par exemple 60)")
    if "lessons" in raw:
        if isinstance(raw["lessons"], bool):
            policy["lessons"] = raw["lessons"]
        else:
            problems.append(("lessons", gettext("« lessons » doit valoir true ou false")))
    if "min_score" in raw:
        if (score := _percent(raw["min_score"])) is None:
            problems.append(("min_score", percent_error % {"key": "min_score"}))
        else:
            policy["min_score"] = score
    by_kind = raw.get("min_score_by_kind", {})
    if not isinstance(by_kind, dict):
        problems.append(
            (
                "min_score_by_kind",
                gettext("« min_score_by_kind » doit être une table : [attestation.min_score_by_kind]"),
            )
        )
        by_kind = {}
    kinds = exercises_services.exercise_kinds()
    for kind, value in by_kind.items():
        if kind not in kinds:
            problems.append(
                (
                    f"min_score_by_kind.{kind}",
                    gettext("type d'exercice inconnu « %(kind)s » dans min_score_by_kind ; types possibles : %(kinds)s")
                    % {"kind": kind, "kinds": ", ".join(kinds)},
                )
            )
        elif (score := _percent(value)) is None:
            problems.append((f"min_score_by_kind.{kind}", percent_error % {"key": f"min_score_by_kind.{kind}"}))
        else:
            policy["min_score_by_kind"][kind] = score
    return ({} if problems else policy), problems


def attestation_policy(course):
    """The course's attestation policy, the defaults filled in: what a package without `[attestation]` gets."""
    stored = course.attestation_policy or {}
    return {
        "lessons": stored.get("lessons", ATTESTATION_DEFAULTS["lessons"]),
        "min_score": stored.get("min_score", ATTESTATION_DEFAULTS["min_score"]),
        "min_score_by_kind": dict(stored.get("min_score_by_kind") or {}),
    }


def _min_score(policy, kind):
    return policy["min_score_by_kind"].get(kind, policy["min_score"])


def attestation_requirements(course):
    """What the course asks today, as its attestations record it: every lesson or not, and the score
    needed in each kind of exercise among its published ones."""
    from django.utils import translation

    from exercises import services as exercises_services

    policy = attestation_policy(course)
    kinds = exercises_services.course_exercise_kinds(course_id=course.pk)
    labels = exercises_services.exercise_kinds()
    with translation.override(None):  # the label in French, the catalogue's key: translated when shown
        exercises = [
            {"kind": kind, "label": str(labels.get(kind, kind)), "min_score": _min_score(policy, kind)}
            for kind in [k for k in labels if k in kinds] + sorted(set(kinds) - set(labels))
        ]
    return {"lessons": policy["lessons"], "exercises": exercises}


def attestation_policy_met(*, course, user):
    """Whether the learner meets the course's policy: each published lesson completed (unless the policy
    says otherwise) and, in every published exercise, a best counted score at least the kind's minimum."""
    from courses import services as courses_services
    from exercises import services as exercises_services

    policy = attestation_policy(course)
    lessons = courses_services.course_outline(course, user).lessons
    scores = exercises_services.counted_scores(course_id=course.pk, learner_id=user.pk)
    if not lessons and not scores:
        return False
    if policy["lessons"] and not all(lesson.is_done for lesson in lessons):
        return False
    # A tolerance for floats: 0.6 × 100 must meet 60.
    return all(s.score is not None and 100 * s.score + 1e-9 >= _min_score(policy, s.kind) for s in scores)


def course_check(*, user_id, course):
    """After an activity (a lesson completed, a submission graded, regraded or overridden by a trainer): a
    self-paced (Numérique de base) course whose attestation policy is now met gets its attestation."""
    from django.contrib.auth import get_user_model

    if (
        course is None
        or not course.track.self_enrolment
        or Attestation.objects.filter(user_id=user_id, course=course).exists()
    ):
        return None
    user = get_user_model().objects.get(pk=user_id)
    if not attestation_policy_met(course=course, user=user):
        return None
    return attestation_issue(user=user, course=course)


def attestation_issue(*, user, course):
    """Record the attestation with what the course required that day. It does not check the policy:
    course_check does, and is the only caller in the application."""
    attestation, created = Attestation.objects.get_or_create(
        user=user,
        course=course,
        defaults={
            "learner_name": user.display_name,
            "course_title": course.title,
            "duration_minutes": course.duration_minutes,
            "requirements": attestation_requirements(course),
        },
    )
    if created:
        record_activity(user.pk, attestation.issued_at, course.track_id, attestations=1)
    return attestation


def attestation_revoke(*, attestation, reason):
    attestation.revoked_at, attestation.revocation_reason = timezone.now(), reason[:300]
    attestation.save(update_fields=["revoked_at", "revocation_reason"])


def attestations_for(user):
    return list(Attestation.objects.filter(user=user).select_related("course"))


def attestation_by_token(token):
    return Attestation.objects.select_related("course", "user").filter(token=token).first()


def _identity_salt(attestation):
    import hashlib

    return hashlib.sha256(f"tremplin-badge-{attestation.token}".encode()).hexdigest()[:16]


def badge_issuer(base):
    from django.urls import reverse

    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Issuer",
        "id": base + reverse("badge_issuer"),
        "name": "Tremplin",
        "url": base + "/",
    }


def _requirements_narrative(lines):
    from django.utils.translation import gettext, pgettext

    if not lines:
        return gettext("Délivrée après avoir terminé toutes les activités du cours.")
    return gettext("Délivrée après : %(requirements)s.") % {
        "requirements": pgettext("list separator", " ; ").join(lines)
    }


def badge_class(course, base):
    from django.urls import reverse

    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "BadgeClass",
        "id": base + reverse("badge_class", args=[course.slug]),
        "name": course.title,
        "description": course.summary or course.title,
        "image": base + reverse("badge_image", args=[course.slug]),
        "criteria": {"narrative": _requirements_narrative(requirement_lines(attestation_requirements(course)))},
        "issuer": base + reverse("badge_issuer"),
        "tags": ["numerique-de-base"],
    }


def badge_assertion(attestation, base):
    """An Open Badges 2.0 assertion, hosted (verification by fetching its own id)."""
    import hashlib

    from django.urls import reverse

    salt = _identity_salt(attestation)
    identity = base + reverse("attestation_verify", args=[attestation.token])
    data = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": base + reverse("badge_assertion", args=[attestation.token]),
        # Many residents have no e-mail address: the recipient is the attestation's public page, hashed.
        "recipient": {
            "type": "url",
            "hashed": True,
            "salt": salt,
            "identity": "sha256$" + hashlib.sha256((identity + salt).encode()).hexdigest(),
        },
        "badge": base + reverse("badge_class", args=[attestation.course.slug]),
        "verification": {"type": "hosted"},
        "issuedOn": attestation.issued_at.isoformat(),
        "evidence": [
            {
                "id": identity,
                "narrative": f"{attestation.learner_name} a terminé « {attestation.course_title} ». "
                + _requirements_narrative(attestation.requirement_lines),
            }
        ],
    }
    if attestation.revoked_at:
        data["revoked"] = True
        data["revocationReason"] = attestation.revocation_reason
    return data


# ---------------------------------------------------------------- indicators for coordinators and funders

MIN_GROUP = 5  # smaller groups are not shown: no one can be singled out


def _months(now, count):
    year, month = now.year, now.month
    months = []
    for _ in range(count):
        months.append(now.replace(year=year, month=month, day=1, hour=0, minute=0, second=0, microsecond=0))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def _month_key(value):
    return (value.year, value.month)


def indicators(dimension="site", months=6, now=None):
    """Aggregates by site, cohort or track and by month; groups under MIN_GROUP people are left out.

    Reads the monthly activity (one row per learner, month and track), grouped in SQL."""
    from django.db.models import Count, Q, Sum

    from accounts import services as accounts_services
    from courses import services as courses_services

    now = timezone.localtime(now or timezone.now())
    month_starts = _months(now, months)
    since = month_starts[0].date()
    if dimension == "track":
        names = {t.pk: t.title for t in courses_services.tracks()}
        sizes = courses_services.track_sizes()
        key = "track_id"
    else:
        names, sizes = accounts_services.group_sizes(dimension)
        key = "user__site_id" if dimension == "site" else "user__cohorts__id"
    visible = {g for g, size in sizes.items() if size >= MIN_GROUP and g in names}
    hidden = sum(1 for g, size in sizes.items() if 0 < size < MIN_GROUP)
    active = Q(submissions__gt=0) | Q(lessons__gt=0)
    stats = {
        (row[key], row["month"]): row
        for row in ActivityMonth.objects.filter(month__gte=since)
        .values(key, "month")
        .annotate(
            active=Count("user", distinct=True, filter=active),
            lessons_done=Sum("lessons"),
            passed_done=Sum("passed"),
            minutes_spent=Sum("minutes"),
            acquired_done=Sum("acquired"),
            attestations_done=Sum("attestations"),
        )
        if row[key] in visible
    }
    ready = _blocks_ready(dimension)
    rows = []
    for group in sorted(visible, key=lambda g: names[g]):
        cells = []
        for start in month_starts:
            cell = stats.get((group, start.date()), {})
            cells.append(
                {
                    "month": start,
                    "active": cell.get("active", 0),
                    "lessons": cell.get("lessons_done") or 0,
                    "exercises": cell.get("passed_done") or 0,
                    "hours": round((cell.get("minutes_spent") or 0) / 60, 1),
                    "acquired": cell.get("acquired_done") or 0,
                    "attestations": cell.get("attestations_done") or 0,
                }
            )
        rows.append({"group": names[group], "size": sizes[group], "months": cells, "blocks_ready": ready.get(group, 0)})
    totals = [
        {
            "month": start,
            "active": sum(r["months"][i]["active"] for r in rows),
            "acquired": sum(r["months"][i]["acquired"] for r in rows),
        }
        for i, start in enumerate(month_starts)
    ]
    return {"rows": rows, "months": month_starts, "hidden_groups": hidden, "totals": totals, "dimension": dimension}


def _blocks_ready(dimension):
    """{group: blocks ready for the jury} today."""
    from django.db.models import Count

    if dimension == "track":
        from courses import services as courses_services

        per_user = dict(BlockReady.objects.values("user_id").annotate(n=Count("pk")).values_list("user_id", "n"))
        if not per_user:
            return {}
        return {
            group: sum(per_user.get(u, 0) for u in people) for group, people in courses_services.track_members().items()
        }
    key = "user__site_id" if dimension == "site" else "user__cohorts__id"
    return dict(BlockReady.objects.values(key).annotate(n=Count("pk")).values_list(key, "n"))


def bar_chart_svg(values, labels, key, title, description):
    """A small accessible bar chart, drawn on the server (no JavaScript, no library)."""
    from django.utils.html import escape

    width, height, left, bottom = 560, 220, 40, 30
    top = max(values or [0]) or 1
    step = (width - left - 10) / max(len(values), 1)
    bars = []
    for i, (value, label) in enumerate(zip(values, labels, strict=False)):
        h = (height - bottom - 20) * value / top
        x = left + i * step + step * 0.15
        y = height - bottom - h
        bars.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}" fill="#0d3d73"/>'
            f'<text x="{x + step * 0.35:.1f}" y="{y - 4:.1f}" font-size="12" text-anchor="middle" '
            f'fill="#1a1a1a">{value}</text>'
            f'<text x="{x + step * 0.35:.1f}" y="{height - 10}" font-size="12" text-anchor="middle" '
            f'fill="#1a1a1a">{escape(label)}</text>'
        )
    return (
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="{key}-t {key}-d" class="chart" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{key}-t">{escape(title)}</title><desc id="{key}-d">{escape(description)}</desc>'
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" stroke="#595959"/>'
        + "".join(bars)
        + "</svg>"
    )
