"""Attendance's writes and access checks: sessions, their sign-in code, learners' presences, the
trainer's signature. Who may manage a group is accounts' rule (`access_cohort`); whose attendance a
person may see is accounts' one rule for a learner's records (`learners_visible_to`: a mediator sees
only the participants who agreed to share)."""

import datetime
import secrets

from django.core.cache import cache
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import services as accounts

from .models import Presence, Session

CODE_DIGITS = 6  # 10⁶ codes; a code lives CODE_LIFETIME and a person may try SIGN_TRIES_PER_HOUR wrong ones
CODE_LIFETIME = datetime.timedelta(minutes=15)
SIGN_TRIES_PER_HOUR = 10
DEFAULT_TIMES = {
    Session.HalfDay.MORNING: (datetime.time(9, 0), datetime.time(12, 30)),
    Session.HalfDay.AFTERNOON: (datetime.time(13, 30), datetime.time(17, 0)),
}


class SignRefused(Exception):
    """Why a learner's sign-in was refused (a sentence for people)."""


class NotSignable(Exception):
    """Why a trainer cannot sign a session's list yet (a sentence for people)."""


# ---------------------------------------------------------------- access


def access_session(user, pk):
    """A session of a group the user manages (a trainer or mediator of the group, a coordinator): 404 otherwise."""
    session = Session.objects.select_related("cohort__site", "trainer").filter(pk=pk).first()
    if session is None:
        raise Http404
    session.cohort = accounts.access_cohort(user, session.cohort_id)
    return session


def roster(cohort, viewer):
    """The learners of the group whose attendance `viewer` may see and mark: all of them for its trainers and
    coordinators; for a mediator, those who agreed to share (the others sign in with the code)."""
    return list(
        cohort.learners.filter(pk__in=accounts.learners_visible_to(viewer).values("pk")).order_by(
            "last_name", "first_name", "username"
        )
    )


def hidden_count(cohort, viewer):
    """How many of the group's learners `viewer` does not see (a mediator, participants who do not share)."""
    return cohort.learners.count() - len(roster(cohort, viewer))


# ---------------------------------------------------------------- sessions


def session_create(*, cohort, by, date, half_day, starts_at, ends_at, place="", trainer=None, repeat_until=None):
    """One session, or one on each weekday from `date` to `repeat_until`; a half-day that already has its
    session is skipped. Returns (created, skipped)."""
    days = [date]
    if repeat_until and repeat_until > date:
        days = [
            date + datetime.timedelta(days=n)
            for n in range((repeat_until - date).days + 1)
            if (date + datetime.timedelta(days=n)).weekday() < 5 or n == 0
        ]
    existing = set(
        Session.objects.filter(cohort=cohort, half_day=half_day, date__in=days).values_list("date", flat=True)
    )
    created = [
        Session(
            cohort=cohort,
            date=day,
            half_day=half_day,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            trainer=trainer,
            created_by=by,
        )
        for day in days
        if day not in existing
    ]
    Session.objects.bulk_create(created)
    return created, sorted(existing)


def session_update(*, session, place, trainer, starts_at, ends_at):
    """Change a session's place, trainer or times. A learner counted for the whole session stays counted
    for the whole (new) length; the trainer's signature goes: the list must be signed again."""
    old_minutes = session.minutes
    with transaction.atomic():
        session.place, session.trainer, session.starts_at, session.ends_at = place, trainer, starts_at, ends_at
        _unsign(session)
        session.save()
        if session.minutes != old_minutes:
            present = Presence.objects.filter(session=session, status=Presence.Status.PRESENT)
            present.filter(minutes__gte=min(old_minutes, session.minutes)).update(minutes=session.minutes)


def session_delete(*, session):
    session.delete()


def code_open(*, session):
    """A new sign-in code for the session, valid CODE_LIFETIME (the previous one stops working)."""
    now = timezone.now()
    while True:
        code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
        if not Session.objects.filter(code=code, code_expires_at__gt=now).exists():
            break
    session.code, session.code_expires_at = code, now + CODE_LIFETIME
    session.save(update_fields=["code", "code_expires_at"])
    return code


def code_close(*, session):
    session.code, session.code_expires_at = "", None
    session.save(update_fields=["code", "code_expires_at"])


def _normal_code(code):
    return "".join(ch for ch in (code or "") if ch.isdigit())


def session_by_code(*, user, code):
    """The open session whose code a learner typed (spaces ignored). SignRefused when the code is unknown or
    expired, after SIGN_TRIES_PER_HOUR wrong codes in an hour (guessing), or when the person is not a
    learner of the session's group."""
    tries_key = f"attendance-code-tries:{user.pk}"
    if cache.get(tries_key, 0) >= SIGN_TRIES_PER_HOUR:
        raise SignRefused(
            _(
                "Trop de codes erronés : réessayez dans une heure, ou demandez à votre formateur de noter votre "
                "présence."
            )
        )
    normal = _normal_code(code)
    session = None
    if len(normal) == CODE_DIGITS:
        session = (
            Session.objects.filter(code=normal, code_expires_at__gt=timezone.now()).select_related("cohort").first()
        )
    if session is None:
        cache.set(tries_key, cache.get(tries_key, 0) + 1, 3600)
        raise SignRefused(
            _(
                "Ce code ne correspond à aucune séance ouverte, ou il n’est plus valable : vérifiez les %(n)s chiffres "
                "affichés par votre formateur."
            )
            % {"n": CODE_DIGITS}
        )
    if not user.is_learner or not session.cohort.learners.filter(pk=user.pk).exists():
        raise SignRefused(_("Cette séance est celle d’un groupe dont vous ne faites pas partie."))
    return session


def presence_sign(*, user, code, by_qr=False):
    """The learner signs in to the session whose code they typed (or scanned): present for the whole session.
    Signing again changes nothing. Returns (session, presence, already)."""
    session = session_by_code(user=user, code=code)
    with transaction.atomic():
        presence = Presence.objects.select_for_update().filter(session=session, learner=user).first()
        if presence is not None and presence.status == Presence.Status.PRESENT:
            return session, presence, True
        now = timezone.now()
        if presence is None:
            presence = Presence(session=session, learner=user)
        presence.status, presence.minutes, presence.reason, presence.comment = (
            Presence.Status.PRESENT,
            session.minutes,
            "",
            "",
        )
        presence.method = Presence.Method.QR if by_qr else Presence.Method.CODE
        presence.signed_at = presence.updated_at = now
        presence.save()
        _unsign(session, save=True)
    return session, presence, False


def presences_mark(*, session, by, rows):
    """The trainer's list: `rows` maps a learner to (status or "" for « not noted », minutes, reason, comment).
    Only what changes is written; a change removes the trainer's signature. Returns how many changed."""
    current = {p.learner_id: p for p in Presence.objects.filter(session=session, learner__in=[*rows])}
    changed = 0
    now = timezone.now()
    with transaction.atomic():
        for learner, (status, minutes, reason, comment) in rows.items():
            presence = current.get(learner.pk)
            if not status:
                if presence is not None:
                    presence.delete()
                    changed += 1
                continue
            if status != Presence.Status.PRESENT:
                minutes = 0
            elif minutes is None:
                minutes = presence.minutes if presence and presence.status == status else session.minutes
            if presence is not None and (presence.status, presence.minutes, presence.reason, presence.comment) == (
                status,
                minutes,
                reason,
                comment,
            ):
                continue
            if presence is None:
                presence = Presence(session=session, learner=learner, method=Presence.Method.TRAINER)
            presence.status, presence.minutes, presence.reason, presence.comment = status, minutes, reason, comment
            presence.marked_by, presence.updated_at = by, now
            presence.save()
            changed += 1
        if changed:
            _unsign(session, save=True)
    return changed


def session_sign(*, session, by, learners):
    """The trainer signs the session's list: every learner of `learners` (the roster they see) must be noted
    present or absent. Closes the sign-in code."""
    noted = set(Presence.objects.filter(session=session, learner__in=learners).values_list("learner_id", flat=True))
    missing = [learner for learner in learners if learner.pk not in noted]
    if missing:
        raise NotSignable(
            _("Notez d’abord la présence ou l’absence de : %(names)s.")
            % {"names": ", ".join(learner.display_name for learner in missing)}
        )
    session.signed_by, session.signed_by_name, session.signed_at = by, by.display_name, timezone.now()
    session.code, session.code_expires_at = "", None
    session.save(update_fields=["signed_by", "signed_by_name", "signed_at", "code", "code_expires_at"])


def _unsign(session, save=False):
    if session.signed_at is None:
        return
    session.signed_by, session.signed_by_name, session.signed_at = None, "", None
    if save:
        Session.objects.filter(pk=session.pk).update(signed_by=None, signed_by_name="", signed_at=None)


def move_to_session_time(*, session, rng):
    """Demo content only (seed_demo): a past session's sign-ins and signature, made today, dated as if they had
    happened during the session (sign-ins in its first quarter of an hour, the signature at its end)."""
    start = timezone.make_aware(datetime.datetime.combine(session.date, session.starts_at))
    for presence in Presence.objects.filter(session=session):
        moment = start + datetime.timedelta(minutes=rng.randint(0, 14), seconds=rng.randint(0, 59))
        Presence.objects.filter(pk=presence.pk).update(
            signed_at=moment if presence.signed_at else None, updated_at=moment
        )
    end = timezone.make_aware(datetime.datetime.combine(session.date, session.ends_at))
    Session.objects.filter(pk=session.pk).update(signed_at=end + datetime.timedelta(minutes=rng.randint(1, 20)))
