"""Reading: the learner's page (each qualification block by block, and what to do next)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from ..models import ActivityLink, Block, Competence, CompetenceProgress, Evidence, Qualification, State
from ._common import PUBLISHED
from .following import qualifications_for


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
