"""Attendance's reads: a month's sessions, a group's monthly sheet, a learner's monthly sheet, the export."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import Presence, Session


def month_bounds(month):
    """The first day of `month` and of the next month."""
    start = month.replace(day=1)
    return start, (start + datetime.timedelta(days=32)).replace(day=1)


def this_month():
    return timezone.localdate().replace(day=1)


def sessions_of(cohort, month):
    start, end = month_bounds(month)
    return list(
        Session.objects.filter(cohort=cohort, date__gte=start, date__lt=end)
        .select_related("trainer")
        .order_by("date", "starts_at")
    )


def sessions_between(cohort, start, end):
    """The group's sessions from `start` to the day before `end`."""
    return list(Session.objects.filter(cohort=cohort, date__gte=start, date__lt=end).order_by("date", "starts_at"))


def has_sessions(cohort):
    return Session.objects.filter(cohort=cohort).exists()


@dataclass
class Totals:
    """Minutes: of the sessions held, present, absent with a reason given as justified, absent, not noted.
    A session still to come with nothing noted is not counted (only `upcoming`, a number of sessions): a
    sheet printed in the middle of the month says what was done, not what is planned."""

    sessions: int = 0
    planned: int = 0
    present: int = 0
    excused: int = 0
    absent: int = 0
    unrecorded: int = 0
    upcoming: int = 0

    def add(self, session, presence, today):
        if presence is None and session.date > today:
            self.upcoming += 1
            return
        self.sessions += 1
        self.planned += session.minutes
        if presence is None:
            self.unrecorded += session.minutes
        elif presence.status == Presence.Status.PRESENT:
            self.present += presence.minutes
        elif presence.status == Presence.Status.EXCUSED:
            self.excused += session.minutes
        else:
            self.absent += session.minutes


@dataclass
class Line:
    session: Session
    presence: Presence | None
    upcoming: bool = False  # still to come, nothing noted


@dataclass
class LearnerMonth:
    learner: object
    month: datetime.date
    lines: list = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)

    @property
    def signed(self):
        return sum(1 for line in self.lines if line.session.signed_at)


def learner_month(learner, month, cohorts):
    """A learner's sessions of the month in `cohorts` (those whose attendance the viewer may see)."""
    start, end = month_bounds(month)
    sessions = list(
        Session.objects.filter(cohort__in=cohorts, date__gte=start, date__lt=end)
        .select_related("cohort", "trainer")
        .order_by("date", "starts_at")
    )
    presences = {p.session_id: p for p in Presence.objects.filter(session__in=sessions, learner=learner)}
    sheet, today = LearnerMonth(learner=learner, month=start), timezone.localdate()
    for session in sessions:
        presence = presences.get(session.pk)
        sheet.lines.append(Line(session, presence, presence is None and session.date > today))
        sheet.totals.add(session, presence, today)
    return sheet


@dataclass
class CohortMonth:
    cohort: object
    month: datetime.date
    sessions: list
    rows: list  # LearnerMonth per learner, in the roster's order
    present_counts: dict  # session pk → learners present

    @property
    def signed(self):
        return sum(1 for session in self.sessions if session.signed_at)

    @property
    def totals(self):
        total = Totals()
        for row in self.rows:
            for name in ("sessions", "planned", "present", "excused", "absent", "unrecorded", "upcoming"):
                setattr(total, name, getattr(total, name) + getattr(row.totals, name))
        return total


def cohort_month(cohort, month, learners):
    """A group's month: its sessions, and each learner's lines and totals (3 queries whatever the size)."""
    start, _end = month_bounds(month)
    sessions = sessions_of(cohort, start)
    presences = {}
    for presence in Presence.objects.filter(session__in=sessions, learner__in=learners):
        presences[presence.session_id, presence.learner_id] = presence
    rows, present_counts = [], {session.pk: 0 for session in sessions}
    today = timezone.localdate()
    for learner in learners:
        row = LearnerMonth(learner=learner, month=start)
        for session in sessions:
            presence = presences.get((session.pk, learner.pk))
            row.lines.append(Line(session, presence, presence is None and session.date > today))
            row.totals.add(session, presence, today)
            if presence is not None and presence.status == Presence.Status.PRESENT:
                present_counts[session.pk] += 1
        rows.append(row)
    return CohortMonth(cohort=cohort, month=start, sessions=sessions, rows=rows, present_counts=present_counts)


def session_lines(session, learners):
    """(learner, presence or None) for each learner of the roster."""
    presences = {p.learner_id: p for p in Presence.objects.filter(session=session, learner__in=learners)}
    return [(learner, presences.get(learner.pk)) for learner in learners]


def signed_in(session, learners):
    """The learners of the roster who signed in themselves, in order of signing."""
    return list(
        Presence.objects.filter(session=session, learner__in=learners, signed_at__isnull=False)
        .select_related("learner")
        .order_by("signed_at")
    )


def open_sessions_of_learner(learner):
    """The sessions of the learner's groups whose sign-in code is open now (to say « a session is open »)."""
    signed = Presence.objects.filter(session=OuterRef("pk"), learner=learner, status=Presence.Status.PRESENT)
    return list(
        Session.objects.filter(cohort__learners=learner, code_expires_at__gt=timezone.now())
        .exclude(code="")
        .filter(~Exists(signed))
        .select_related("cohort")
    )


def for_export(user):
    return [
        {
            "id": p.pk,
            "group": p.session.cohort.name,
            "date": p.session.date,
            "half_day": p.session.half_day,
            "starts_at": p.session.starts_at,
            "ends_at": p.session.ends_at,
            "place": p.session.place,
            "status": p.status,
            "minutes": p.minutes,
            "reason": p.reason,
            "comment": p.comment,
            "signed_at": p.signed_at,
            "method": p.method,
        }
        for p in Presence.objects.filter(learner=user).select_related("session__cohort").order_by("session__date")
    ]


def sessions_for_export(user):
    sessions = Session.objects.filter(Q(trainer=user) | Q(signed_by=user) | Q(created_by=user))
    return [
        {
            "id": s.pk,
            "group": s.cohort.name,
            "date": s.date,
            "half_day": s.half_day,
            "starts_at": s.starts_at,
            "ends_at": s.ends_at,
            "place": s.place,
            "runs_it": s.trainer_id == user.pk,
            "signed_at": s.signed_at if s.signed_by_id == user.pk else None,
        }
        for s in sessions.select_related("cohort").order_by("date", "starts_at")
    ]
