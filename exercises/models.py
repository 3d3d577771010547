import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.selectors import PublishStatus

from . import kinds
from .spec import ExerciseSpec


class Exercise(models.Model):
    module = models.ForeignKey("courses.Module", on_delete=models.CASCADE, related_name="exercises")
    slug = models.SlugField()
    title = models.CharField(_("titre"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=kinds.choices)
    statement = models.TextField(_("énoncé"), blank=True, help_text=_("HTML nettoyé."))
    statement_source = models.TextField(blank=True, help_text="Markdown source from the package.")
    points = models.PositiveIntegerField(_("points"), default=1)
    order = models.PositiveIntegerField(_("ordre"), default=0)
    status = models.CharField(_("état"), max_length=10, choices=PublishStatus.choices, default=PublishStatus.DRAFT)
    time_limit = models.PositiveIntegerField(_("temps limite (secondes)"), default=10)
    memory_limit = models.PositiveIntegerField(_("mémoire limite (Mio)"), default=512)
    max_attempts = models.PositiveIntegerField(_("nombre d'essais maximum"), null=True, blank=True)
    penalty = models.FloatField(_("pénalité par essai supplémentaire"), default=0.0)
    hints = models.JSONField(default=list, blank=True)
    competences = models.JSONField(default=list, blank=True)
    starter = models.JSONField(default=dict, blank=True)
    solution = models.JSONField(default=dict, blank=True)
    tests = models.JSONField(default=dict, blank=True)
    config = models.JSONField(default=dict, blank=True)
    verified_hash = models.CharField(
        max_length=64, blank=True, help_text="content_hash() of the content whose solution passed and starter failed."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("exercice")
        verbose_name_plural = _("exercices")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["module", "slug"], name="unique_exercise_slug")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("exercises:exercise_detail", args=[self.pk])

    @property
    def is_published(self):
        return self.status == PublishStatus.PUBLISHED

    def spec(self):
        return ExerciseSpec(
            slug=self.slug,
            title=self.title,
            kind=self.kind,
            statement=self.statement_source,
            points=self.points,
            time_limit=self.time_limit,
            memory_limit=self.memory_limit,
            max_attempts=self.max_attempts,
            penalty=self.penalty,
            hints=self.hints,
            competences=self.competences,
            status=self.status,
            starter=self.starter,
            solution=self.solution,
            tests=self.tests,
            config=self.config,
        )


class Submission(models.Model):
    """A learner's work. Saved before anything else; the row, not the task, is the truth."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("En attente de correction")
        RUNNING = "running", _("Correction en cours")
        PASSED = "passed", _("Réussi")
        FAILED = "failed", _("Pas encore réussi")
        ERROR = "error", _("Non évaluable")

    class Mode(models.TextChoices):
        CHECK = "check", _("Vérification (tests publics)")
        SUBMIT = "submit", _("Soumission")

    PENDING = (Status.QUEUED, Status.RUNNING)

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="submissions")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.SUBMIT)
    language = models.CharField(
        max_length=8, default="fr", help_text="The learner's language: feedback is written in it."
    )
    attempt = models.PositiveIntegerField(default=0, help_text="1, 2, ... for submissions; 0 for checks.")
    files = models.JSONField(default=dict, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    score = models.FloatField(null=True, blank=True, help_text="Share of tests passed, 0-1.")
    final_score = models.FloatField(null=True, blank=True, help_text="Score after the attempt penalty, 0-1.")
    result = models.JSONField(default=dict, blank=True)
    grader_version = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(default=timezone.now)
    # When its grading task reached the broker; None while it could not (broker down): the sweep sends it
    # at its next round, not after GRADING_REQUEUE_QUEUED_AFTER.
    sent_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The run that holds a running submission (node@host:pid:run) and when it last said it was alive.
    claimed_by = models.CharField(max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    runs = models.PositiveIntegerField(default=0, help_text="How many times a worker claimed it.")
    # A trainer's override keeps the automatic score beside it.
    override_score = models.FloatField(_("note du formateur"), null=True, blank=True)
    override_comment = models.TextField(_("commentaire du formateur"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    overridden_at = models.DateTimeField(null=True, blank=True)
    # Notebooks: answers written for a trainer (manual cells) wait for their points; the score is final after.
    needs_review = models.BooleanField(default=False)
    # The key of the form that sent it: a double click, or a form sent again, is the same submission.
    client_key = models.CharField(max_length=64, blank=True)
    # Sent after a due date of the learner's promo (Deadline), which accepted it.
    late = models.BooleanField(_("en retard"), default=False)

    class Meta:
        verbose_name = _("soumission")
        verbose_name_plural = _("soumissions")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["exercise", "learner", "-created_at"]),
            models.Index(
                fields=["status", "queued_at"],
                condition=Q(status__in=["queued", "running"]),
                name="pending_submissions",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "exercise", "mode", "client_key"],
                condition=~Q(client_key=""),
                name="one_submission_per_form_key",
            ),
        ]

    def __str__(self):
        return f"{self.exercise} #{self.pk}"

    def get_absolute_url(self):
        return reverse("exercises:submission_detail", args=[self.pk])

    @property
    def is_pending(self):
        return self.status in self.PENDING

    @property
    def effective_score(self):
        """The score that counts: the trainer's override, else the automatic score after penalty."""
        if self.override_score is not None:
            return self.override_score
        return self.final_score if self.final_score is not None else self.score


class Screenshot(models.Model):
    """The learner's page as graded, at a phone and a desktop width (web exercises)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="screenshots")
    width = models.PositiveIntegerField()
    image = models.BinaryField()

    class Meta:
        ordering = ["width"]
        constraints = [models.UniqueConstraint(fields=["submission", "width"], name="unique_screenshot_width")]

    def __str__(self):
        return f"screenshot of submission {self.submission_id} at {self.width} px"


class RenderedNotebook(models.Model):
    """A notebook submission as executed, rendered to sanitised HTML once, by the worker that graded it.
    Hidden tests are not in it: what the learner and the trainer read under each cell."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="rendered_notebook")
    html = models.TextField()
    images = models.JSONField(default=list, blank=True, help_text="[mime type, base64] of its pictures, served apart.")

    def __str__(self):
        return f"executed notebook of submission {self.submission_id}"


class SubmissionComment(models.Model):
    """A trainer's comment on one line of a submitted file."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(max_length=200)
    line = models.PositiveIntegerField()
    text = models.TextField(_("commentaire"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["filename", "line", "created_at"]

    def __str__(self):
        return f"comment on {self.filename}:{self.line} of submission {self.submission_id}"


def content_hash(spec):
    """A fingerprint of what grading depends on: publishing needs a passing check of this content."""
    import hashlib
    import json

    payload = [spec.kind, spec.solution, spec.starter, spec.tests, spec.config, spec.time_limit, spec.memory_limit]
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


class WorkInProgress(models.Model):
    """A learner's work on an exercise made of steps on the platform's own pages (a simulation), kept as
    each step happens so that nothing is lost; sending it makes a submission. What `steps` holds is the
    kind's (a simulation's actions, checked by its simulator when they were recorded)."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    steps = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("travail en cours")
        verbose_name_plural = _("travaux en cours")
        constraints = [models.UniqueConstraint(fields=["exercise", "learner"], name="one_work_in_progress")]

    def __str__(self):
        return f"{self.learner} · {self.exercise} · {len(self.steps)}"


class Accompaniment(models.Model):
    """A mediator (or a trainer) follows a learner's simulation live, to guide without taking the mouse:
    asked by the mediator, agreed to (or not) by the learner on the spot, ended by either of them, and
    over by itself after `LIVE` (a workshop's length)."""

    LIVE = datetime.timedelta(hours=3)

    class Status(models.TextChoices):
        ASKED = "asked", _("demandé")
        ACCEPTED = "accepted", _("accepté")
        REFUSED = "refused", _("refusé")
        ENDED = "ended", _("terminé")

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    follower = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ASKED)
    asked_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("accompagnement en direct")
        verbose_name_plural = _("accompagnements en direct")
        constraints = [
            models.UniqueConstraint(fields=["exercise", "learner", "follower"], name="one_accompaniment_per_follower")
        ]

    def __str__(self):
        return f"{self.follower} → {self.learner} · {self.exercise} · {self.status}"

    @property
    def live(self):
        """Asked or agreed to, and not older than a workshop."""
        return self.status in (self.Status.ASKED, self.Status.ACCEPTED) and self.asked_at > timezone.now() - self.LIVE

    @property
    def following(self):
        return self.live and self.status == self.Status.ACCEPTED


class Deadline(models.Model):
    """A due date a trainer sets for a promo: one exercise, or every exercise of a module. After it,
    submissions are accepted and marked late, or refused (`refuse_late`)."""

    cohort = models.ForeignKey("accounts.Cohort", on_delete=models.CASCADE, related_name="+")
    exercise = models.ForeignKey(Exercise, null=True, blank=True, on_delete=models.CASCADE, related_name="deadlines")
    module = models.ForeignKey("courses.Module", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    due_at = models.DateTimeField(_("à rendre avant le"))
    refuse_late = models.BooleanField(_("refuser les soumissions en retard"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # When the learners were told it is near (a day before): told once.
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("échéance")
        verbose_name_plural = _("échéances")
        ordering = ["due_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(exercise__isnull=False, module__isnull=True)
                | Q(exercise__isnull=True, module__isnull=False),
                name="deadline_for_an_exercise_or_a_module",
            ),
            models.UniqueConstraint(fields=["cohort", "exercise"], name="one_deadline_per_exercise"),
            models.UniqueConstraint(fields=["cohort", "module"], name="one_deadline_per_module"),
        ]

    def __str__(self):
        return f"{self.cohort_id} · {self.title} · {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def title(self):
        return self.exercise.title if self.exercise_id else self.module.title


class CalendarFeed(models.Model):
    """A person's private iCalendar address (their due dates), for a phone's or a mail client's calendar."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user_id}"


class WorkerBeat(models.Model):
    """A grading worker said it was alive (every WORKER_BEAT_EVERY seconds, from its main process): the health
    page and the metrics count the workers seen in the last minute, and what their machines' sandboxes hold."""

    name = models.CharField(max_length=200, unique=True)  # the Celery node name, node@host
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)
    slots = models.PositiveSmallIntegerField(default=0)  # the machine's sandbox slots
    slots_busy = models.PositiveSmallIntegerField(default=0)

    def __str__(self):
        return f"worker {self.name}"
