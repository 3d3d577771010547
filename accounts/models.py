import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "habitant", _("Habitant")
    TRAINEE = "stagiaire", _("Stagiaire")
    TRAINER = "formateur", _("Formateur")
    MEDIATOR = "mediateur", _("Médiateur numérique")
    COORDINATOR = "coordinateur", _("Coordinateur")


LEARNER_ROLES = {Role.RESIDENT, Role.TRAINEE}
STAFF_ROLES = {Role.TRAINER, Role.MEDIATOR, Role.COORDINATOR}


class User(AbstractUser):
    """A person on the platform. The e-mail address is optional: many residents have none."""

    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.RESIDENT)
    site = models.ForeignKey(
        "Site", verbose_name=_("lieu"), null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    # A code to set a new password without e-mail (shown once at sign-up, printable), kept hashed.
    recovery_code = models.CharField(max_length=128, blank=True)
    shares_progress = models.BooleanField(
        _("mon médiateur peut voir mes réussites"),
        default=False,
        help_text=_("Les médiateurs de vos ateliers voient alors vos cours terminés et vos attestations."),
    )
    # When the person answered « may the mediators of your groups see your progress? »: asked once,
    # at the login after joining a group that a mediator runs (accounts.selectors.questions_for).
    sharing_asked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.get_full_name() or self.username

    @property
    def is_learner(self):
        return self.role in LEARNER_ROLES

    @property
    def is_trainer(self):
        return self.role in {Role.TRAINER, Role.MEDIATOR}

    @property
    def is_coordinator(self):
        return self.role == Role.COORDINATOR or self.is_superuser

    @property
    def can_author(self):
        return self.role in {Role.TRAINER, Role.COORDINATOR} or self.is_superuser


class Site(models.Model):
    class Kind(models.TextChoices):
        WEB_SCHOOL = "ecole_du_web", _("École du web")
        MEDIATION = "mediation", _("Lieu de médiation numérique")

    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    city = models.CharField(_("ville"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Cohort(models.Model):
    """A promo of an École du web, or a workshop group of a mediation place: the words on its pages
    follow its kind (« promo », « formateurs », « apprenants » or « groupe », « médiateurs », « participants »)."""

    class Kind(models.TextChoices):
        PROMO = "promo", _("Promo (formation)")
        WORKSHOP = "atelier", _("Groupe d’atelier (médiation)")

    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.PROMO)
    site = models.ForeignKey(Site, verbose_name=_("lieu"), on_delete=models.PROTECT, related_name="cohorts")
    # A short code shown by the trainer or mediator, typed by a person to join (after confirming).
    join_code = models.CharField(max_length=12, blank=True, db_index=True)
    join_code_expires_at = models.DateTimeField(null=True, blank=True)
    start_date = models.DateField(_("début"), null=True, blank=True)
    end_date = models.DateField(_("fin"), null=True, blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("formateurs"), related_name="trained_cohorts", blank=True
    )
    learners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("apprenants"), related_name="cohorts", blank=True
    )

    class Meta:
        verbose_name = _("promo")
        verbose_name_plural = _("promos")
        ordering = ["-start_date", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("accounts:cohort_detail", args=[self.pk])

    @property
    def is_workshop(self):
        return self.kind == self.Kind.WORKSHOP


class CohortInvitation(models.Model):
    """A trainer or mediator asked a person who already has an account to join a group: the person
    accepts or declines at their next login (accounts.services.cohort_join)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohort_invitations")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("invitation dans un groupe")
        verbose_name_plural = _("invitations dans un groupe")
        constraints = [models.UniqueConstraint(fields=["cohort", "user"], name="one_invitation_per_group")]

    def __str__(self):
        return f"invitation of user {self.user_id} to cohort {self.cohort_id}"


def hash_token(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


class LoginLink(models.Model):
    """A one-time login link printed as a QR code on a login card.

    Only a hash of the token is stored: the printed card is the secret.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lien de connexion")
        verbose_name_plural = _("liens de connexion")

    def __str__(self):
        return f"login link {self.pk} of user {self.user_id}"

    @property
    def is_usable(self):
        return self.used_at is None and self.revoked_at is None and self.expires_at > timezone.now()

    @staticmethod
    def new_token():
        return secrets.token_urlsafe(24)


class DeletionRequest(models.Model):
    """A learner's request to have their account and data deleted (RGPD art. 17)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        DONE = "done", _("Compte supprimé")
        REFUSED = "refused", _("Refusée")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="deletion_requests"
    )
    username = models.CharField(max_length=150)
    reason = models.TextField(_("motif"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)
    processed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        verbose_name = _("demande de suppression")
        verbose_name_plural = _("demandes de suppression")
        ordering = ["-requested_at"]

    def __str__(self):
        return self.username
