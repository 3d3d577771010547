from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class Notification(models.Model):
    """Something a person should know, in the platform first (many residents have no e-mail). Events of
    the same thing are grouped while unread (`key`): a trainer sees « 5 nouvelles soumissions pour
    « Moyenne » », not five lines. The text is written when shown, in the reader's language."""

    class Kind(models.TextChoices):
        # Learners
        COMMENT = "comment", _("Commentaire sur votre travail")
        SCORE = "score", _("Note modifiée par un formateur")
        WRITTEN_GRADED = "written_graded", _("Réponses rédigées notées")
        VALIDATED = "validated", _("Compétence validée")
        INVALIDATED = "invalidated", _("Validation retirée")
        ATTESTATION = "attestation", _("Attestation délivrée")
        DEADLINE = "deadline", _("Échéance proche")
        # Both sides of a discussion on work (conversations)
        MESSAGE = "message", _("Message dans une discussion")
        HELP = "help", _("Demande d’aide")
        # Trainers, mediators, coordinators
        SUBMITTED = "submitted", _("Nouvelles soumissions")
        WRITTEN_WAITING = "written_waiting", _("Réponses rédigées à noter")
        AT_RISK = "at_risk", _("Apprenants en difficulté")
        DELETION = "deletion", _("Demandes de suppression de compte")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Events with the same key are one notification while it is unread (its count grows).
    key = models.CharField(max_length=100, blank=True)
    count = models.PositiveIntegerField(default=1)
    # Who did it (a trainer's comment): shown by name while the account exists.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the text names (an exercise's title, a competence's code), never another learner's name.
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # When it went out by e-mail (immediately or in the daily digest); an e-mail goes once.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.text

    @property
    def text(self):
        p = {"count": self.count, "title": self.params.get("title", ""), "by": self._by()}
        K = self.Kind
        if self.kind == K.COMMENT:
            return (
                ngettext(
                    "%(by)s a commenté votre travail « %(title)s ».",
                    "%(by)s a laissé %(count)s commentaires sur votre travail « %(title)s ».",
                    self.count,
                )
                % p
            )
        if self.kind == K.SCORE:
            return _("%(by)s a fixé votre note de « %(title)s » à %(score)s %%.") % {**p, "score": self._score()}
        if self.kind == K.WRITTEN_GRADED:
            return _("%(by)s a noté vos réponses rédigées de « %(title)s ».") % p
        if self.kind == K.VALIDATED:
            return _("%(by)s a validé la compétence « %(title)s ».") % p
        if self.kind == K.INVALIDATED:
            return _("%(by)s a retiré la validation de la compétence « %(title)s ».") % p
        if self.kind == K.ATTESTATION:
            return _("Votre attestation du cours « %(title)s » est délivrée.") % p
        if self.kind == K.DEADLINE:
            return _("« %(title)s » est à rendre avant le %(due)s.") % {**p, "due": self._due()}
        if self.kind == K.MESSAGE:
            return (
                ngettext(
                    "%(by)s a écrit dans la discussion « %(title)s ».",
                    "%(count)s nouveaux messages dans la discussion « %(title)s », le dernier de %(by)s.",
                    self.count,
                )
                % p
            )
        if self.kind == K.HELP:
            return _("%(by)s demande de l’aide pour « %(title)s ».") % p
        if self.kind == K.SUBMITTED:
            return (
                ngettext(
                    "Une nouvelle soumission pour « %(title)s ».",
                    "%(count)s nouvelles soumissions pour « %(title)s ».",
                    self.count,
                )
                % p
            )
        if self.kind == K.WRITTEN_WAITING:
            return (
                ngettext(
                    "Des réponses rédigées à noter pour « %(title)s ».",
                    "%(count)s copies avec des réponses rédigées à noter pour « %(title)s ».",
                    self.count,
                )
                % p
            )
        if self.kind == K.AT_RISK:
            return (
                ngettext(
                    "Un apprenant en difficulté dans « %(title)s ».",
                    "%(count)s apprenants en difficulté dans « %(title)s ».",
                    self.count,
                )
                % p
            )
        return (
            ngettext(
                "Une demande de suppression de compte attend.",
                "%(count)s demandes de suppression de compte attendent.",
                self.count,
            )
            % p
        )

    def _by(self):
        if self.actor_id and self.actor:
            return self.actor.display_name
        return _("Votre formateur")

    def _due(self):
        from django.utils import formats
        from django.utils.dateparse import parse_datetime

        due = parse_datetime(self.params.get("due", ""))
        return formats.date_format(timezone.localtime(due), "DATETIME_FORMAT") if due else "?"

    def _score(self):
        score = self.params.get("score")
        return f"{round(score * 100):d}" if isinstance(score, int | float) else "?"

    @property
    def is_unread(self):
        return self.read_at is None


class Preference(models.Model):
    """How a person wants to hear of notifications besides the bell: by e-mail, at once or once a day."""

    class Email(models.TextChoices):
        NEVER = "never", _("Jamais : je regarde la cloche sur Tremplin")
        IMMEDIATE = "immediate", _("Tout de suite, un courriel par nouvelle")
        DAILY = "daily", _("Un résumé par jour, le matin")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.CharField(
        _("recevoir aussi par courriel"), max_length=10, choices=Email.choices, default=Email.NEVER
    )

    def __str__(self):
        return f"{self.user_id}: {self.email}"
