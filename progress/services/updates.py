"""Incremental updates: a graded submission or a (un)completed lesson updates only the competences the
activity is linked to (a few rows). courses and exercises reach these through the listeners that
progress.apps registers (LESSON_EVENTS, submission_graded)."""

from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import ActivityLink, Block, BlockReady, Competence, CompetenceProgress, Evidence, ProgressEvent, State
from ._common import MINUTES_PER_SUBMISSION, PUBLISHED, _activity_track, forget_empty_month, record_activity
from .attestations import course_check
from .links import sync_links


class _LessonEvents:
    """What progress does when courses tells it about a lesson (courses.services.register_lesson_listener)."""

    def completed(self, *, user, lesson, at):
        lesson_completed(user=user, lesson=lesson, at=at)

    def uncompleted(self, *, user, lesson, at):
        lesson_uncompleted(user=user, lesson=lesson, at=at)

    def saved(self, *, lesson):
        sync_links(lesson=lesson)


LESSON_EVENTS = _LessonEvents()


def submission_graded(submission, *, new=True):
    """A graded (or rescored) submission: the learner's best score on that exercise is evidence
    for each competence the exercise trains."""
    from courses import selectors as courses_selectors
    from exercises import selectors as exercises_selectors

    if submission.mode != "submit":
        return []
    course = courses_selectors.course_of(exercise_id=submission.exercise_id)
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
    best = exercises_selectors.best_submission(exercise_id=submission.exercise_id, learner_id=submission.learner_id)
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
    from courses import selectors as courses_selectors

    course = courses_selectors.course_of(lesson_id=lesson.pk)
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


def lesson_uncompleted(*, user, lesson, at=None):
    """The lesson leaves the learner's evidence, and the month it was completed in (`at`): the activity
    counts only the completions that remain, as recompute rebuilds it."""
    from courses import selectors as courses_selectors

    if at is not None:
        course = courses_selectors.course_of(lesson_id=lesson.pk)
        track_id = course.track_id if course else 0
        record_activity(user.pk, at, track_id, lessons=-1, minutes=-(lesson.duration_minutes or 10))
        forget_empty_month(user.pk, at, track_id)
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
