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
from django.utils import timezone

from .models import ActivityLink, Attestation, Block, Competence, CompetenceProgress, Evidence, ProgressEvent, Qualification, State

PUBLISHED = "published"


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


def qualifications_for(user):
    return list(
        Qualification.objects.filter(Q(learners=user) | Q(cohorts__learners=user)).distinct().order_by("code")
    )


# ---------------------------------------------------------------- incremental updates


def submission_graded(submission):
    """A graded (or rescored) submission: the learner's best score on that exercise is evidence
    for each competence the exercise trains."""
    from exercises import services as exercises_services

    if submission.mode != "submit":
        return []
    course_check(user_id=submission.learner_id, exercise_id=submission.exercise_id)
    links = list(ActivityLink.objects.filter(exercise_id=submission.exercise_id).select_related("competence"))
    if not links:
        return []
    best = exercises_services.best_submission(exercise_id=submission.exercise_id, learner_id=submission.learner_id)
    with transaction.atomic():
        for link in links:
            if best is None:
                Evidence.objects.filter(user_id=submission.learner_id, competence=link.competence, kind=Evidence.Kind.EXERCISE,
                                        exercise_id=submission.exercise_id).delete()
                continue
            Evidence.objects.update_or_create(
                user_id=submission.learner_id, competence=link.competence, kind=Evidence.Kind.EXERCISE, exercise_id=submission.exercise_id,
                defaults={"submission_id": best.submission_id, "score": best.score, "title": best.title, "created_at": best.at},
            )
        return refresh(submission.learner_id, [link.competence_id for link in links])


def lesson_completed(*, user, lesson, at=None):
    course_check(user_id=user.pk, lesson_id=lesson.pk)
    links = list(ActivityLink.objects.filter(lesson=lesson).values_list("competence_id", flat=True))
    if not links:
        return []
    with transaction.atomic():
        for competence_id in links:
            Evidence.objects.update_or_create(
                user=user, competence_id=competence_id, kind=Evidence.Kind.LESSON, lesson=lesson,
                defaults={"score": 1.0, "title": lesson.title, "created_at": at or timezone.now()},
            )
        return refresh(user.pk, links)


def lesson_uncompleted(*, user, lesson):
    links = list(ActivityLink.objects.filter(lesson=lesson).values_list("competence_id", flat=True))
    with transaction.atomic():
        Evidence.objects.filter(user=user, lesson=lesson, kind=Evidence.Kind.LESSON).delete()
        return refresh(user.pk, links)


def refresh(user_id, competence_ids, *, actor=None, reason=""):
    """Recompute the state of a few competences of one learner from their evidence."""
    competence_ids = sorted(set(competence_ids))
    if not competence_ids:
        return []
    competences = {c.pk: c for c in Competence.objects.filter(pk__in=competence_ids).select_related("block__qualification")}
    totals = _possible(competence_ids)
    evidence = defaultdict(list)
    for row in Evidence.objects.filter(user_id=user_id, competence_id__in=competence_ids).values(
        "competence_id", "kind", "exercise_id", "score"
    ):
        evidence[row["competence_id"]].append(row)
    existing = {p.competence_id: p for p in CompetenceProgress.objects.filter(user_id=user_id, competence_id__in=competence_ids)}
    changed = []
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
            progress.acquired_at = now
        progress.updated_at = now
        progress.save()
        if progress.state != before:
            ProgressEvent.objects.create(
                user_id=user_id, competence_id=competence_id, from_state=before, to_state=progress.state, actor=actor, reason=reason,
            )
        changed.append(progress)
    return changed


def _possible(competence_ids):
    """{competence_id: (possible points, {exercise_id: points})} over published activities."""
    totals = {}
    rows = ActivityLink.objects.filter(competence_id__in=competence_ids).filter(
        Q(exercise__status=PUBLISHED) | Q(lesson__status=PUBLISHED)
    ).values("competence_id", "exercise_id", "lesson_id", "points", "competence__block__qualification__exercise_weight",
             "competence__block__qualification__lesson_weight")
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
        progress.save()
        ProgressEvent.objects.create(user=user, competence=competence, from_state=before, to_state=State.VALIDATED, actor=by, reason=comment)
    return progress


def competence_invalidate(*, user, competence, by, reason):
    """Withdraw a validation, with a reason; the state falls back to what the evidence says."""
    with transaction.atomic():
        progress, _ = CompetenceProgress.objects.select_for_update().get_or_create(user=user, competence=competence)
        progress.validated_at, progress.validated_by, progress.validation_comment = None, None, ""
        progress.save()
        return refresh(user.pk, [competence.pk], actor=by, reason=reason)[0]


def observation_add(*, user, competence, by, note, file=None):
    with transaction.atomic():
        evidence = Evidence.objects.create(
            user=user, competence=competence, kind=Evidence.Kind.OBSERVATION, note=note, author=by, file=file or "",
            title=note[:300],
        )
        refresh(user.pk, [competence.pk])
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
    with transaction.atomic():
        evidence = Evidence.objects.exclude(kind=Evidence.Kind.OBSERVATION)
        if user_ids is not None:
            evidence = evidence.filter(user_id__in=user_ids)
        evidence.delete()
        rows = []
        for best in exercises_services.best_submissions(exercise_ids=list(exercise_links), learner_ids=user_ids):
            for competence_id in exercise_links[best.exercise_id]:
                rows.append(Evidence(
                    user_id=best.learner_id, competence_id=competence_id, kind=Evidence.Kind.EXERCISE, exercise_id=best.exercise_id,
                    submission_id=best.submission_id, score=best.score, title=best.title, created_at=best.at,
                ))
        for completion in courses_services.completions(lesson_ids=list(lesson_links), user_ids=user_ids):
            for competence_id in lesson_links[completion.lesson_id]:
                rows.append(Evidence(
                    user_id=completion.user_id, competence_id=competence_id, kind=Evidence.Kind.LESSON, lesson_id=completion.lesson_id,
                    score=1.0, title=completion.title, created_at=completion.at,
                ))
        Evidence.objects.bulk_create(rows, batch_size=2000)
        pairs = defaultdict(set)
        for user_id, competence_id in Evidence.objects.values_list("user_id", "competence_id"):
            pairs[user_id].add(competence_id)
        for user_id, competence_id in CompetenceProgress.objects.values_list("user_id", "competence_id"):
            if user_ids is None or user_id in user_ids:
                pairs[user_id].add(competence_id)
        count = 0
        for user_id, competence_ids in pairs.items():
            if user_ids is not None and user_id not in user_ids:
                continue
            count += len(refresh(user_id, competence_ids))
    return count


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
        wanted = (State.VALIDATED,) if self.block.qualification.requires_validation else (State.ACQUIRED, State.VALIDATED)
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


def learner_overview(user):
    """Each qualification the learner follows, block by block, with states and evidence."""
    qualifications = qualifications_for(user)
    competences = list(
        Competence.objects.filter(block__qualification__in=qualifications).select_related("block__qualification")
        .order_by("block__qualification__code", "block__order", "order", "pk")
    )
    progress = {p.competence_id: p for p in CompetenceProgress.objects.filter(user=user, competence__in=competences)}
    evidence = defaultdict(list)
    for item in Evidence.objects.filter(user=user, competence__in=competences).select_related("author"):
        evidence[item.competence_id].append(item)
    by_block = defaultdict(list)
    for competence in competences:
        by_block[competence.block].append(CompetenceView(
            competence, progress.get(competence.pk) or CompetenceProgress(user=user, competence=competence), evidence[competence.pk],
        ))
    views = []
    for qualification in qualifications:
        blocks = [BlockView(block, items) for block, items in by_block.items() if block.qualification_id == qualification.pk]
        views.append(QualificationView(qualification, blocks))
    return views


def next_activities(user, limit=5):
    """Published activities linked to competences the learner has not acquired, not yet done."""
    qualifications = qualifications_for(user)
    open_competences = Competence.objects.filter(block__qualification__in=qualifications).exclude(
        progress__user=user, progress__state__in=[State.ACQUIRED, State.VALIDATED]
    )
    done_exercises = Evidence.objects.filter(user=user, kind=Evidence.Kind.EXERCISE, score__gte=1.0).values("exercise_id")
    done_lessons = Evidence.objects.filter(user=user, kind=Evidence.Kind.LESSON).values("lesson_id")
    links = (
        ActivityLink.objects.filter(competence__in=open_competences)
        .filter(Q(exercise__status=PUBLISHED, exercise__module__course__status=PUBLISHED) | Q(lesson__status=PUBLISHED, lesson__module__course__status=PUBLISHED))
        .exclude(exercise_id__in=done_exercises).exclude(lesson_id__in=done_lessons)
        .select_related("exercise__module__course", "lesson__module__course", "competence")
        .order_by("competence__block__qualification__code", "competence__block__order", "competence__order",
                  "exercise__module__order", "exercise__order", "lesson__module__order", "lesson__order")
    )
    seen, activities = set(), []
    for link in links[: limit * 4]:
        activity = link.exercise or link.lesson
        key = (type(activity).__name__, activity.pk)
        if key in seen:
            continue
        seen.add(key)
        activities.append({"activity": activity, "competence": link.competence, "course": activity.module.course,
                           "kind": "exercise" if link.exercise_id else "lesson"})
        if len(activities) == limit:
            break
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


def cohort_matrix(cohort, qualification, *, sort="name", only_at_risk=False, consenting_only=False, now=None):
    """Learners × competences of one qualification, with who is at risk and why."""
    from django.utils.translation import gettext as _

    from courses import services as courses_services
    from exercises import services as exercises_services

    now = now or timezone.now()
    learners = cohort.learners.order_by("last_name", "first_name", "username")
    learners = list(learners.filter(shares_progress=True) if consenting_only else learners)
    ids = [learner.pk for learner in learners]
    competences = list(Competence.objects.filter(block__qualification=qualification).select_related("block")
                       .order_by("block__order", "order", "pk"))
    progress = {
        (p.user_id, p.competence_id): p
        for p in CompetenceProgress.objects.filter(user_id__in=ids, competence__in=competences)
        .only("user_id", "competence_id", "state", "score", "validated_at")
    }
    last_work = exercises_services.last_submission_at(ids)
    last_lesson = courses_services.last_completion_at(ids)
    failures = exercises_services.repeated_failures(ids)
    rows = []
    for learner in learners:
        cells = [progress.get((learner.pk, c.pk)) or CompetenceProgress(user_id=learner.pk, competence=c) for c in competences]
        dates = [d for d in (last_work.get(learner.pk), last_lesson.get(learner.pk)) if d]
        rows.append(LearnerRow(
            learner, cells, acquired=sum(c.state in (State.ACQUIRED, State.VALIDATED) for c in cells),
            last_activity=max(dates) if dates else None, failures=failures.get(learner.pk, []),
        ))
    counts = sorted(row.acquired for row in rows)
    median = (counts[len(counts) // 2] + counts[(len(counts) - 1) // 2]) / 2 if counts else 0
    for row in rows:
        if row.last_activity is None or (now - row.last_activity).days >= INACTIVE_DAYS:
            row.risks.append(_("aucune activité depuis %(n)s jours") % {"n": INACTIVE_DAYS})
        if row.failures:
            row.risks.append(_("échecs répétés : %(titles)s") % {"titles": ", ".join(row.failures[:3])})
        if median >= 2 and row.acquired <= median / 2:
            row.risks.append(_("loin derrière la promo (%(n)s acquises, médiane %(m)s)") % {"n": row.acquired, "m": f"{median:g}"})
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


def course_check(*, user_id, exercise_id=None, lesson_id=None):
    """After an activity: a self-paced (Numérique de base) course now fully done gets its attestation."""
    from django.contrib.auth import get_user_model

    from courses import services as courses_services

    course = courses_services.course_of(exercise_id=exercise_id, lesson_id=lesson_id)
    if course is None or not course.track.self_enrolment or Attestation.objects.filter(user_id=user_id, course=course).exists():
        return None
    user = get_user_model().objects.get(pk=user_id)
    if courses_services.course_outline(course, user).percent < 100:
        return None
    return attestation_issue(user=user, course=course)


def attestation_issue(*, user, course):
    attestation, _created = Attestation.objects.get_or_create(
        user=user, course=course,
        defaults={"learner_name": user.display_name, "course_title": course.title, "duration_minutes": course.duration_minutes},
    )
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
        "@context": "https://w3id.org/openbadges/v2", "type": "Issuer", "id": base + reverse("badge_issuer"),
        "name": "Tremplin", "url": base + "/",
    }


def badge_class(course, base):
    from django.urls import reverse

    return {
        "@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": base + reverse("badge_class", args=[course.slug]),
        "name": course.title, "description": course.summary or course.title,
        "image": base + reverse("badge_image", args=[course.slug]),
        "criteria": {"narrative": "Toutes les leçons du cours sont terminées et tous ses exercices ont été faits sur Tremplin."},
        "issuer": base + reverse("badge_issuer"), "tags": ["numerique-de-base"],
    }


def badge_assertion(attestation, base):
    """An Open Badges 2.0 assertion, hosted (verification by fetching its own id)."""
    import hashlib

    from django.urls import reverse

    salt = _identity_salt(attestation)
    identity = base + reverse("attestation_verify", args=[attestation.token])
    data = {
        "@context": "https://w3id.org/openbadges/v2", "type": "Assertion",
        "id": base + reverse("badge_assertion", args=[attestation.token]),
        # Many residents have no e-mail address: the recipient is the attestation's public page, hashed.
        "recipient": {"type": "url", "hashed": True, "salt": salt, "identity": "sha256$" + hashlib.sha256((identity + salt).encode()).hexdigest()},
        "badge": base + reverse("badge_class", args=[attestation.course.slug]),
        "verification": {"type": "hosted"},
        "issuedOn": attestation.issued_at.isoformat(),
        "evidence": [{"id": identity, "narrative": f"{attestation.learner_name} a terminé « {attestation.course_title} »."}],
    }
    if attestation.revoked_at:
        data["revoked"] = True
        data["revocationReason"] = attestation.revocation_reason
    return data


# ---------------------------------------------------------------- indicators for coordinators and funders

MIN_GROUP = 5  # smaller groups are not shown: no one can be singled out
MINUTES_PER_EXERCISE = 10  # estimated time spent per exercise worked on in a month


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
    """Aggregates by site, cohort or track and by month; groups under MIN_GROUP people are left out."""
    from accounts import services as accounts_services
    from courses import services as courses_services
    from exercises import services as exercises_services

    now = timezone.localtime(now or timezone.now())
    month_starts = _months(now, months)
    since = month_starts[0]
    keys = [_month_key(m) for m in month_starts]
    if dimension == "track":
        names = {t.pk: t.title for t in courses_services.tracks()}
        members = courses_services.track_members()
    else:
        names, members = accounts_services.groups_of_learners(dimension)
    visible = {g for g, people in members.items() if len(people) >= MIN_GROUP and g in names}
    hidden = sum(1 for g, people in members.items() if 0 < len(people) < MIN_GROUP)
    user_groups = defaultdict(set)
    for group, people in members.items():
        if group in visible:
            for user_id in people:
                user_groups[user_id].add(group)

    def groups_for(user_id, track_id=None):
        if dimension == "track":
            return {track_id} if track_id in visible and user_id in members.get(track_id, ()) else set()
        return user_groups.get(user_id, set())

    blank = lambda: {"active": set(), "lessons": 0, "exercises": 0, "minutes": 0, "acquired": 0, "attestations": 0}  # noqa: E731
    stats = defaultdict(blank)
    for user_id, month, track_id, _submissions, worked, passed in exercises_services.monthly_activity(since):
        for group in groups_for(user_id, track_id):
            cell = stats[(group, _month_key(timezone.localtime(month) if timezone.is_aware(month) else month))]
            cell["active"].add(user_id)
            cell["exercises"] += passed
            cell["minutes"] += worked * MINUTES_PER_EXERCISE
    for user_id, month, track_id, count, minutes in courses_services.monthly_completions(since):
        for group in groups_for(user_id, track_id):
            cell = stats[(group, _month_key(timezone.localtime(month) if timezone.is_aware(month) else month))]
            cell["active"].add(user_id)
            cell["lessons"] += count
            cell["minutes"] += minutes or 0
    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    acquisitions = (
        ProgressEvent.objects.filter(created_at__gte=since, to_state__in=[State.ACQUIRED, State.VALIDATED],
                                     from_state__in=[State.NOT_STARTED, State.IN_PROGRESS])
        .annotate(month=TruncMonth("created_at")).values("user_id", "month").annotate(n=Count("pk")).values_list("user_id", "month", "n")
    )
    for user_id, month, count in acquisitions:
        for group in (user_groups.get(user_id, set()) if dimension != "track" else
                      {g for g in visible if user_id in members[g]}):
            stats[(group, _month_key(timezone.localtime(month) if timezone.is_aware(month) else month))]["acquired"] += count
    attestations = (
        Attestation.objects.filter(issued_at__gte=since, revoked_at__isnull=True).annotate(month=TruncMonth("issued_at"))
        .values("user_id", "month", "course__track_id").annotate(n=Count("pk")).values_list("user_id", "month", "course__track_id", "n")
    )
    for user_id, month, track_id, count in attestations:
        for group in groups_for(user_id, track_id):
            stats[(group, _month_key(timezone.localtime(month) if timezone.is_aware(month) else month))]["attestations"] += count
    ready = _blocks_ready_by_user()
    rows = []
    for group in sorted(visible, key=lambda g: names[g]):
        cells = []
        for key, start in zip(keys, month_starts):
            cell = stats.get((group, key)) or blank()
            cells.append({"month": start, "active": len(cell["active"]), "lessons": cell["lessons"], "exercises": cell["exercises"],
                          "hours": round(cell["minutes"] / 60, 1), "acquired": cell["acquired"], "attestations": cell["attestations"]})
        rows.append({"group": names[group], "size": len(members[group]), "months": cells,
                     "blocks_ready": sum(ready.get(user_id, 0) for user_id in members[group])})
    totals = [{"month": start, "active": sum(r["months"][i]["active"] for r in rows),
               "acquired": sum(r["months"][i]["acquired"] for r in rows)} for i, start in enumerate(month_starts)]
    return {"rows": rows, "months": month_starts, "hidden_groups": hidden, "totals": totals, "dimension": dimension}


def _blocks_ready_by_user():
    """{user id: number of qualification blocks ready for the jury}, from current states."""
    from django.db.models import Count

    sizes = dict(Block.objects.annotate(n=Count("competences")).values_list("pk", "n"))
    requires = dict(Block.objects.values_list("pk", "qualification__requires_validation"))
    counts = defaultdict(lambda: [0, 0])  # (validated, acquired or validated)
    rows = (
        CompetenceProgress.objects.filter(state__in=[State.ACQUIRED, State.VALIDATED])
        .values("user_id", "competence__block_id", "state").annotate(n=Count("pk"))
        .values_list("user_id", "competence__block_id", "state", "n")
    )
    for user_id, block_id, state, n in rows:
        pair = counts[(user_id, block_id)]
        pair[1] += n
        if state == State.VALIDATED:
            pair[0] += n
    ready = defaultdict(int)
    for (user_id, block_id), (validated, done) in counts.items():
        if (validated if requires.get(block_id) else done) >= sizes.get(block_id, 0) > 0:
            ready[user_id] += 1
    return ready


def bar_chart_svg(values, labels, key, title, description):
    """A small accessible bar chart, drawn on the server (no JavaScript, no library)."""
    from django.utils.html import escape

    width, height, left, bottom = 560, 220, 40, 30
    top = max(values or [0]) or 1
    step = (width - left - 10) / max(len(values), 1)
    bars = []
    for i, (value, label) in enumerate(zip(values, labels)):
        h = (height - bottom - 20) * value / top
        x = left + i * step + step * 0.15
        y = height - bottom - h
        bars.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}" fill="#0d3d73"/>'
            f'<text x="{x + step * 0.35:.1f}" y="{y - 4:.1f}" font-size="12" text-anchor="middle" fill="#1a1a1a">{value}</text>'
            f'<text x="{x + step * 0.35:.1f}" y="{height - 10}" font-size="12" text-anchor="middle" fill="#1a1a1a">{escape(label)}</text>'
        )
    return (
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="{key}-t {key}-d" class="chart" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{key}-t">{escape(title)}</title><desc id="{key}-d">{escape(description)}</desc>'
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" stroke="#595959"/>'
        + "".join(bars) + "</svg>"
    )
