from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .package_files import split_location


class Status(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")


class Level(models.TextChoices):
    BEGINNER = "debutant", _("Débutant")
    INTERMEDIATE = "intermediaire", _("Intermédiaire")
    ADVANCED = "avance", _("Avancé")


class Track(models.Model):
    """A family of courses: Numérique de base, École du web, ..."""

    slug = models.SlugField(unique=True)
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    self_enrolment = models.BooleanField(
        _("inscription libre"),
        default=True,
        help_text=_("Sinon, les apprenants sont inscrits par leur promo."),
    )
    order = models.PositiveIntegerField(_("ordre"), default=0)
    # The group workshops' track (courses.services.group_course) is not in the catalogue: its courses are
    # for their group's members only.
    listed = models.BooleanField(_("dans le catalogue"), default=True)

    class Meta:
        verbose_name = _("parcours")
        verbose_name_plural = _("parcours")
        ordering = ["order", "title"]

    def __str__(self):
        return self.title


class Course(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(_("titre"), max_length=200)
    track = models.ForeignKey(Track, verbose_name=_("parcours"), on_delete=models.PROTECT, related_name="courses")
    summary = models.TextField(_("résumé"))
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices, default=Level.BEGINNER)
    language = models.CharField(_("langue"), max_length=5, choices=settings.LANGUAGES, default="fr")
    duration_minutes = models.PositiveIntegerField(_("durée (minutes)"), null=True, blank=True)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Defined by the package (course.toml, [attestation]) and checked there; {} means the safe defaults.
    attestation_policy = models.JSONField(
        _("conditions de l'attestation"),
        default=dict,
        blank=True,
        help_text="{'lessons': bool, 'min_score': 0-100, 'min_score_by_kind': {kind: 0-100}}; see "
        "docs/course-format.md.",
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("auteurs"), related_name="authored_courses", blank=True
    )
    cohorts = models.ManyToManyField(
        "accounts.Cohort", verbose_name=_("promos inscrites"), related_name="courses", blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cours")
        verbose_name_plural = _("cours")
        ordering = ["track__order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("courses:course_detail", args=[self.slug])

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    slug = models.SlugField()
    title = models.CharField(_("titre"), max_length=200)
    summary = models.TextField(_("résumé"), blank=True)
    order = models.PositiveIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["course", "slug"], name="unique_module_slug")]

    def __str__(self):
        return self.title


class Lesson(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    slug = models.SlugField()
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(
        _("contenu"), blank=True, help_text=_("HTML nettoyé : seules les balises autorisées sont gardées.")
    )
    source = models.TextField(
        blank=True, help_text="Markdown source when imported from a package; empty once edited online."
    )
    notebook = models.TextField(
        blank=True, help_text="The .ipynb text of a notebook lesson (the body is rendered from it); empty otherwise."
    )
    notebook_images = models.JSONField(
        default=list,
        blank=True,
        help_text="[mime type, base64] of the pictures of a notebook lesson, served apart from the body.",
    )
    duration_minutes = models.PositiveIntegerField(_("durée (minutes)"), null=True, blank=True)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    competences = models.JSONField(
        _("compétences"), default=list, blank=True, help_text=_("Codes des compétences travaillées.")
    )
    order = models.PositiveIntegerField(_("ordre"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("leçon")
        verbose_name_plural = _("leçons")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["module", "slug"], name="unique_lesson_slug")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("courses:lesson_detail", args=[self.module.course.slug, self.pk])

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def is_notebook(self):
        return bool(self.notebook)


class Enrolment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    created_at = models.DateTimeField(default=timezone.now)
    last_lesson = models.ForeignKey(Lesson, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="unique_enrolment")]

    def __str__(self):
        return f"user {self.user_id} in course {self.course_id}"


class LessonCompletion(models.Model):
    """A learner marked a lesson as done. Keyed by lesson id, so editing a lesson keeps it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="completions")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="unique_completion")]

    def __str__(self):
        return f"user {self.user_id} completed lesson {self.lesson_id}"


class LessonImage(models.Model):
    """A picture uploaded from the lesson editor. Served by `courses:lesson_image` to whoever may
    read a lesson that shows it (or edit its course), never from a public folder."""

    image = models.ImageField(upload_to="lessons/%Y/%m/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    lessons = models.ManyToManyField(Lesson, related_name="images", blank=True)

    def __str__(self):
        return self.image.name or f"lesson image {self.pk}"

    def get_absolute_url(self):
        return reverse("courses:lesson_image", args=[self.pk])


class CourseImport(models.Model):
    """A course package (zip) sent from the browser, imported by a worker.

    The zip is kept in the row, not on disk: web and worker machines share the database, not
    MEDIA_ROOT. It is emptied once the import is over; `messages` keeps what the author must fix
    (`mon-cours/course.toml:3: …`, paths as in the package)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("En attente")
        RUNNING = "running", _("En cours")
        DONE = "done", _("Importé")
        FAILED = "failed", _("Refusé")

    PENDING = (Status.QUEUED, Status.RUNNING)

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_imports")
    filename = models.CharField(_("fichier"), max_length=255)
    package = models.BinaryField(blank=True, help_text="The zip as sent; emptied once the import is over.")
    language = models.CharField(max_length=8, default="fr", help_text="The language of the messages (the sender's).")
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    messages = models.JSONField(default=list, blank=True)
    courses = models.ManyToManyField(Course, related_name="+", blank=True)
    created_at = models.DateTimeField(_("envoyé le"), default=timezone.now)
    queued_at = models.DateTimeField(
        default=timezone.now, help_text="Last sent to the broker (the sweep sends it again)."
    )
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    claimed_by = models.CharField(max_length=200, blank=True)
    runs = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("import de cours")
        verbose_name_plural = _("imports de cours")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["status", "queued_at"],
                condition=models.Q(status__in=["queued", "running"]),
                name="pending_course_imports",
            ),
        ]

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        return reverse("courses:course_import_detail", args=[self.pk])

    @property
    def is_pending(self):
        return self.status in self.PENDING

    def problems(self):
        """The messages as (location, message): `mon-cours/course.toml:3`, then what is wrong there."""
        return [split_location(text) for text in self.messages]
