"""Reading: a cohort's dashboard (learners × competences, who is at risk and why) and a learner's history."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from notifications import services as notifications

from ..models import STATE_SYMBOLS, Competence, CompetenceProgress, ProgressEvent, Qualification, State

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

    from courses import selectors as courses_selectors
    from exercises import selectors as exercises_selectors

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
    last_work = exercises_selectors.last_submission_at(ids)
    last_lesson = courses_selectors.last_completion_at(ids)
    failures = exercises_selectors.repeated_failures(ids)
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


def at_risk_notify(*, now=None):
    """Monday morning, each trainer or mediator of a running promo hears how many of its learners are
    at risk (the dashboard's rule, among those whose work they may see): one line per promo, its count
    replaced each week while unread. Returns how many notifications were written."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    running = {}
    for qualification in Qualification.objects.prefetch_related("cohorts__trainers"):
        for cohort in qualification.cohorts.all():
            if cohort.end_date is None or cohort.end_date >= today:
                running.setdefault(cohort, []).append(qualification)
    told = 0
    for cohort, qualifications in running.items():
        for trainer in cohort.trainers.all():
            at_risk = {
                row.learner.pk
                for qualification in qualifications
                for row in cohort_matrix(cohort, qualification, viewer=trainer, only_at_risk=True, now=now)["rows"]
            }
            if at_risk:
                told += notifications.notify(
                    recipients=[trainer],
                    kind=notifications.Kind.AT_RISK,
                    url=reverse("progress:cohort_dashboard", args=[cohort.pk]) + "?risque=1",
                    title=cohort.name,
                    key=f"at_risk:{cohort.pk}",
                    count=len(at_risk),
                    replace=True,
                )
    return told


def learner_history(user, limit=50):
    return list(ProgressEvent.objects.filter(user=user).select_related("competence", "actor")[:limit])
