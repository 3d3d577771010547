"""Rebuilding evidence, states, block readiness and the monthly activity from scratch: what the incremental
updates (updates.py) must agree with."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from ..models import ActivityLink, ActivityMonth, Attestation, BlockReady, CompetenceProgress, Evidence, State
from ._common import MINUTES_PER_SUBMISSION, _busiest_tracks
from .updates import refresh, update_block_readiness


def recompute(user_ids=None):
    """Rebuild evidence and states from submissions and completions; observations and
    validations are kept. Returns the number of (learner, competence) rows written."""
    from courses import selectors as courses_selectors
    from exercises import selectors as exercises_selectors

    exercise_links = defaultdict(list)
    lesson_links = defaultdict(list)
    for link in ActivityLink.objects.values("competence_id", "exercise_id", "lesson_id"):
        if link["exercise_id"]:
            exercise_links[link["exercise_id"]].append(link["competence_id"])
        else:
            lesson_links[link["lesson_id"]].append(link["competence_id"])
    count = _recompute(user_ids, exercise_links, lesson_links, courses_selectors, exercises_selectors)
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


def _recompute(user_ids, exercise_links, lesson_links, courses_selectors, exercises_selectors):
    with transaction.atomic():
        evidence = Evidence.objects.exclude(kind=Evidence.Kind.OBSERVATION)
        if user_ids is not None:
            evidence = evidence.filter(user_id__in=user_ids)
        evidence.delete()
        rows = []
        for best in exercises_selectors.best_submissions(exercise_ids=list(exercise_links), learner_ids=user_ids):
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
        for completion in courses_selectors.completions(lesson_ids=list(lesson_links), user_ids=user_ids):
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

    from courses import selectors as courses_selectors
    from exercises import selectors as exercises_selectors

    rows = defaultdict(lambda: defaultdict(int))
    for user_id, month, track_id, submissions, passed in exercises_selectors.monthly_activity(
        None, learner_ids=user_ids
    ):
        row = rows[(user_id, _as_month(month), track_id or 0)]
        row["submissions"] += submissions
        row["passed"] += passed
        row["minutes"] += submissions * MINUTES_PER_SUBMISSION
    for user_id, month, track_id, count, minutes in courses_selectors.monthly_completions(None, user_ids=user_ids):
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
