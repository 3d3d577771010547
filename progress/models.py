"""Qualifications, their competences, and where each learner stands on each competence.

A competence's state is kept up to date incrementally (progress.services) when a submission is
graded or a lesson completed; `manage.py recompute_progress` rebuilds it from scratch.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Qualification(models.Model):
    """A certification (a titre professionnel, Pix/CRCN, CléA) and its acquisition policy."""

    class Kind(models.TextChoices):
        RNCP = "rncp", _("Titre professionnel (RNCP)")
        CRCN = "crcn", _("Compétences numériques (CRCN / Pix)")
        CLEA = "clea", _("CléA numérique")
        OTHER = "autre", _("Autre référentiel")

    code = models.CharField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("intitulé"), max_length=300)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    version = models.CharField(_("version"), max_length=40, blank=True)
    level = models.CharField(_("niveau"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    # The policy: what counts, how much, and when a competence is acquired.
    threshold = models.FloatField(
        _("seuil de maîtrise"),
        default=0.8,
        help_text=_("Part des points des exercices liés à obtenir (meilleur essai de chaque exercice), de 0 à 1."),
    )
    exercise_weight = models.FloatField(_("poids des exercices"), default=1.0)
    lesson_weight = models.FloatField(
        _("poids des leçons"),
        default=0.0,
        help_text=_("0 : une leçon terminée est une preuve, sans points."),
    )
    requires_validation = models.BooleanField(
        _("validation du formateur requise"),
        default=True,
        help_text=_("Un bloc est prêt pour le jury quand toutes ses compétences sont validées par un formateur."),
    )
    cohorts = models.ManyToManyField(
        "accounts.Cohort", verbose_name=_("promos"), blank=True, related_name="qualifications"
    )
    learners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("apprenants"),
        blank=True,
        related_name="qualifications",
        help_text=_("Apprenants qui la suivent à titre individuel (en plus des promos)."),
    )

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} — {self.title}"


class Block(models.Model):
    qualification = models.ForeignKey(Qualification, on_delete=models.CASCADE, related_name="blocks")
    code = models.CharField(_("code"), max_length=40)
    title = models.CharField(_("intitulé"), max_length=300)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("bloc de compétences")
        verbose_name_plural = _("blocs de compétences")
        ordering = ["qualification", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["qualification", "code"], name="unique_block_code")]

    def __str__(self):
        return f"{self.code} — {self.title}"


class Competence(models.Model):
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="competences")
    code = models.CharField(
        _("code"), max_length=60, unique=True, help_text=_("Cité par les exercices et les leçons, ex. RNCP37674-CP3.")
    )
    short = models.CharField(_("code court"), max_length=20, blank=True, help_text=_("Ex. CP3, 1.1."))
    title = models.CharField(_("intitulé"), max_length=300)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")
        ordering = ["block__qualification", "block__order", "order", "pk"]

    def __str__(self):
        return f"{self.short or self.code} {self.title}"


class ActivityLink(models.Model):
    """An exercise or a lesson that trains a competence (from its `competences` list)."""

    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="links")
    exercise = models.ForeignKey(
        "exercises.Exercise", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey("courses.Lesson", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    points = models.FloatField(default=1.0)
    published = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["competence", "exercise"], condition=Q(exercise__isnull=False), name="unique_exercise_link"
            ),
            models.UniqueConstraint(
                fields=["competence", "lesson"], condition=Q(lesson__isnull=False), name="unique_lesson_link"
            ),
        ]

    def __str__(self):
        return (
            f"competence {self.competence_id} ← exercise {self.exercise_id}"
            if self.exercise_id
            else f"competence {self.competence_id} ← lesson {self.lesson_id}"
        )


class State(models.TextChoices):
    NOT_STARTED = "non_commencee", _("Non commencée")
    IN_PROGRESS = "en_cours", _("En cours")
    ACQUIRED = "acquise", _("Acquise")
    VALIDATED = "validee", _("Validée")


STATE_SYMBOLS = {State.NOT_STARTED: "○", State.IN_PROGRESS: "◐", State.ACQUIRED: "●", State.VALIDATED: "✔"}


class CompetenceProgress(models.Model):
    """Where one learner stands on one competence; kept up to date by progress.services."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="competence_progress")
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="progress")
    state = models.CharField(max_length=20, choices=State.choices, default=State.NOT_STARTED)
    score = models.FloatField(default=0.0, help_text="Share of the linked points earned, 0-1.")
    earned = models.FloatField(default=0.0)
    possible = models.FloatField(default=0.0)
    evidence_count = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    acquired_at = models.DateTimeField(null=True, blank=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validation_comment = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "competence"], name="unique_competence_progress")]
        indexes = [models.Index(fields=["competence", "state"])]

    def __str__(self):
        return f"user {self.user_id}, competence {self.competence_id}: {self.state}"

    @property
    def symbol(self):
        return STATE_SYMBOLS[self.state]


class Evidence(models.Model):
    """What led to a state: the best submission of a linked exercise, a completed lesson, a trainer's observation."""

    class Kind(models.TextChoices):
        EXERCISE = "exercise", _("Exercice")
        LESSON = "lesson", _("Leçon")
        OBSERVATION = "observation", _("Observation du formateur")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evidence")
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    exercise = models.ForeignKey(
        "exercises.Exercise", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    submission = models.ForeignKey(
        "exercises.Submission", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lesson = models.ForeignKey("courses.Lesson", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(null=True, blank=True)
    title = models.CharField(max_length=300, blank=True)
    note = models.TextField(_("observation"), blank=True)
    file = models.FileField(_("fichier joint"), upload_to="evidence/%Y/%m/", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "competence", "exercise"], condition=Q(kind="exercise"), name="one_exercise_evidence"
            ),
            models.UniqueConstraint(
                fields=["user", "competence", "lesson"], condition=Q(kind="lesson"), name="one_lesson_evidence"
            ),
        ]
        indexes = [models.Index(fields=["user", "competence"])]

    def __str__(self):
        return f"{self.kind} for user {self.user_id}, competence {self.competence_id}"


class ProgressEvent(models.Model):
    """The history of every state change, automatic or by a trainer."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="progress_events")
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=20, choices=State.choices)
    to_state = models.CharField(max_length=20, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"user {self.user_id}, competence {self.competence_id}: {self.from_state} → {self.to_state}"


def _token():
    import secrets

    return secrets.token_urlsafe(16)


def requirement_lines(requirements):
    """An attestation's requirements (see Attestation.requirements), one short sentence each, in the
    active language. A kind's label is stored in French, its catalogue key, and translated here."""
    lines = [gettext("toutes les leçons terminées")] if requirements.get("lessons") else []
    for item in requirements.get("exercises", []):
        kind = gettext(item.get("label") or item.get("kind", ""))
        if item.get("min_score"):
            lines.append(
                gettext("chaque exercice de type « %(kind)s » réussi à %(score)s %% au moins")
                % {"kind": kind, "score": number_format(item["min_score"])}
            )
        else:
            lines.append(gettext("chaque exercice de type « %(kind)s » rendu et corrigé") % {"kind": kind})
    return lines


class Attestation(models.Model):
    """A completed course, attested: a printable page, a PDF, a public verification page at a random
    address (with its QR code) and an Open Badges 2.0 assertion hosted at the same address."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attestations")
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=40, unique=True, default=_token)
    # What was attested, as it was on that day (a later rename changes nothing).
    learner_name = models.CharField(max_length=300)
    course_title = models.CharField(max_length=300)
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    issued_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.CharField(max_length=300, blank=True)
    # What the course required on that day: {"lessons": bool, "exercises": [{"kind", "label", "min_score"}]};
    # null for attestations issued before requirements were recorded.
    requirements = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        ordering = ["-issued_at"]
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="one_attestation_per_course")]

    def __str__(self):
        return f"{self.learner_name} — {self.course_title}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("attestation_verify", args=[self.token])

    @property
    def requirement_lines(self):
        """What was required to receive it, one sentence each; None when it was not recorded (older attestations)."""
        return None if self.requirements is None else requirement_lines(self.requirements)


class ActivityMonth(models.Model):
    """One learner's activity in one month (and track): what the coordinators' indicators add up.

    Kept up to date by the same service calls as competences; recompute_progress rebuilds it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="First day of the month, local time.")
    track_id = models.PositiveIntegerField(
        default=0, help_text="The activity's course track; 0 when none (a validation)."
    )
    submissions = models.PositiveIntegerField(default=0)
    passed = models.PositiveIntegerField(default=0)
    lessons = models.IntegerField(default=0)
    minutes = models.IntegerField(default=0)
    acquired = models.PositiveIntegerField(default=0)
    attestations = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "month", "track_id"], name="unique_activity_month")]
        indexes = [models.Index(fields=["month"])]

    def __str__(self):
        return f"user {self.user_id}, {self.month:%Y-%m}, track {self.track_id}"


class BlockReady(models.Model):
    """A learner's block is ready for the jury (kept by progress.services as states change)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="+")
    ready_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "block"], name="unique_block_ready")]

    def __str__(self):
        return f"user {self.user_id}, block {self.block_id} ready"


class PositioningTest(models.Model):
    """« Par où commencer ? »: a positioning test (progress.positioning), imported from a package for
    everyone, or written in the browser by a mediator or trainer for their groups (`cohorts`: only
    their members take it)."""

    slug = models.SlugField(unique=True)
    title = models.CharField(_("titre"), max_length=200)
    spec = models.JSONField()
    source = models.TextField(blank=True)  # positioning.toml as written
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cohorts = models.ManyToManyField("accounts.Cohort", blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("test de positionnement")
        verbose_name_plural = _("tests de positionnement")

    def __str__(self):
        return self.title


class Placement(models.Model):
    """One person's answers to a positioning test, the share of points per area and where to start."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    test = models.ForeignKey(PositioningTest, on_delete=models.CASCADE, related_name="placements")
    answers = models.JSONField()
    levels = models.JSONField()
    recommendations = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("résultat de positionnement")
        verbose_name_plural = _("résultats de positionnement")
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"user {self.user_id}, {self.test_id}, {self.created_at:%Y-%m-%d}"
