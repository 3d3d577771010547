"""Attendance (émargement): the sessions of a promo or workshop group, and who was there.

Funded trainings justify their hours with these records: a session is half a day (its times give its
length), each learner signs in on their own device with the code the trainer shows (or the trainer
marks them), an absence has a reason, and the trainer signs each session's list. Time spent on the
platform is a separate figure, never added to these hours."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Session(models.Model):
    class HalfDay(models.TextChoices):
        MORNING = "matin", _("Matin")
        AFTERNOON = "apres-midi", _("Après-midi")

    cohort = models.ForeignKey("accounts.Cohort", verbose_name=_("groupe"), on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("date"))
    half_day = models.CharField(_("demi-journée"), max_length=12, choices=HalfDay.choices)
    starts_at = models.TimeField(_("début"))
    ends_at = models.TimeField(_("fin"))
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("formateur"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The short-lived code the trainer shows (digits: typed on a phone's number pad), or "" when closed.
    code = models.CharField(max_length=8, blank=True, db_index=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    # The trainer's signature of the session's list; any later change to the list removes it.
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    signed_by_name = models.CharField(max_length=300, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        ordering = ["date", "starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "date", "half_day"], name="one_session_per_half_day"),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after"),
        ]

    def __str__(self):
        return f"session {self.pk} of cohort {self.cohort_id} on {self.date} ({self.half_day})"

    @property
    def minutes(self):
        start = datetime.datetime.combine(self.date, self.starts_at)
        return int((datetime.datetime.combine(self.date, self.ends_at) - start).total_seconds() // 60)

    @property
    def code_open(self):
        return bool(self.code) and self.code_expires_at is not None and self.code_expires_at > timezone.now()


class Presence(models.Model):
    """One learner at one session: present (for so many minutes) or absent, with a reason."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Présent")
        EXCUSED = "justifiee", _("Absence justifiée")
        ABSENT = "absence", _("Absence non justifiée")

    class Reason(models.TextChoices):
        ILLNESS = "maladie", _("Maladie")
        APPOINTMENT = "rendez-vous", _("Rendez-vous médical ou administratif")
        JOB = "emploi", _("Entretien d’embauche, démarche d’emploi")
        TRANSPORT = "transport", _("Problème de transport")
        FAMILY = "famille", _("Raison familiale")
        OTHER = "autre", _("Autre")

    class Method(models.TextChoices):
        CODE = "code", _("code tapé")
        QR = "qr", _("code QR")
        TRAINER = "formateur", _("noté par le formateur")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="presences")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("présence"), max_length=12, choices=Status.choices)
    minutes = models.PositiveIntegerField(_("minutes de présence"), default=0)
    reason = models.CharField(_("motif"), max_length=20, choices=Reason.choices, blank=True)
    comment = models.CharField(_("précision"), max_length=300, blank=True)
    method = models.CharField(max_length=12, choices=Method.choices)
    # When the learner signed in themselves (with the code); None when the trainer marked them.
    signed_at = models.DateTimeField(null=True, blank=True)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [models.UniqueConstraint(fields=["session", "learner"], name="one_presence_per_session")]

    def __str__(self):
        return f"learner {self.learner_id} at session {self.session_id}: {self.status}"
