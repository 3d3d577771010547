"""Courses: every write that matters goes through these functions, with the access checks and the outline
(reads that need only this app's models: courses.selectors)."""

import io
import logging
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.db.models import Count, F, Max, Prefetch, Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.files import files_removed_on_failure

from .models import Course, CourseImport, Enrolment, Lesson, LessonCompletion, LessonImage, Module, Status, Track
from .package_archives import package_zip, unpack_archive
from .packages import PackageError, course_folders, export_course, import_courses, read_path, relative_errors
from .sanitize import clean_html

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- access


def can_edit_course(user, course):
    if not user.is_authenticated or not user.can_author:
        return False
    return user.is_coordinator or course.authors.filter(pk=user.pk).exists()


def is_enrolled(user, course):
    if not user.is_authenticated:
        return False
    return Enrolment.objects.filter(user=user, course=course).exists() or course.cohorts.filter(learners=user).exists()


def enrolled_course_ids(user, course_ids):
    """Of these courses, the ids of those the user follows (self-enrolled or through a cohort): one query."""
    if not user.is_authenticated or not course_ids:
        return set()
    return set(
        Course.objects.filter(Q(enrolments__user=user) | Q(cohorts__learners=user), pk__in=course_ids).values_list(
            "pk", flat=True
        )
    )


def access_course(user, slug):
    """The published course, or a draft for its authors; 404 otherwise. A group's course (not listed):
    its members, the group's trainers or mediators, and coordinators only."""
    course = Course.objects.select_related("track").filter(slug=slug).first()
    if course is None:
        raise Http404
    if not course.is_published and not can_edit_course(user, course):
        raise Http404
    if not course.track.listed and not (
        user.is_authenticated
        and (user.is_coordinator or course.cohorts.filter(Q(learners=user) | Q(trainers=user)).exists())
    ):
        raise Http404
    return course


# ---------------------------------------------------------------- a group's own exercises

GROUP_TRACK = "ateliers-des-groupes"
# What the trainers and mediators of a group may write in its course: simulations (issue 15), no other kind.
GROUP_KINDS = ("simulation",)


def group_course_of(cohort):
    """The group's course and its module if made already, else (None, None): reading only."""
    course = Course.objects.filter(slug=f"groupe-{cohort.pk}", track__slug=GROUP_TRACK).first()
    module = course.modules.filter(slug="simulations").first() if course else None
    return (course, module) if module else (None, None)


def group_course(cohort):
    """The course of a group's own exercises (made on first use): published, given to the group only, out
    of the catalogue, with one module."""
    track, _created = Track.objects.get_or_create(
        slug=GROUP_TRACK,
        defaults={"title": _("Ateliers des groupes"), "self_enrolment": False, "listed": False, "order": 99},
    )
    course, created = Course.objects.get_or_create(
        slug=f"groupe-{cohort.pk}",
        defaults={
            "title": (_("Exercices du groupe « %(name)s »") % {"name": cohort.name})[:200],
            "track": track,
            "summary": _("Les exercices écrits pour ce groupe par ses médiateurs ou formateurs."),
            "status": Status.PUBLISHED,
        },
    )
    if created:
        course.cohorts.add(cohort)
    module, _created = Module.objects.get_or_create(
        course=course, slug="simulations", defaults={"title": _("Simulations"), "order": 1}
    )
    return course, module


def authoring_kinds(user, course):
    """The exercise kinds `user` may write in `course`: None (every kind) for its authors and coordinators;
    in a group's course, simulations for the group's trainers and mediators; none (an empty tuple) otherwise."""
    if can_edit_course(user, course):
        return None
    if (
        user.is_authenticated
        and user.is_trainer
        and course.track.slug == GROUP_TRACK
        and course.cohorts.filter(trainers=user).exists()
    ):
        return GROUP_KINDS
    return ()


def access_course_for_edit(user, slug):
    course = Course.objects.select_related("track").filter(slug=slug).first()
    if course is None:
        raise Http404
    if not can_edit_course(user, course):
        raise PermissionDenied
    return course


def access_lesson(user, course, lesson_pk):
    """A lesson a user may read: enrolled learners read published lessons; authors read all (preview)."""
    lesson = Lesson.objects.select_related("module").filter(pk=lesson_pk, module__course=course).first()
    if lesson is None:
        raise Http404
    if can_edit_course(user, course):
        return lesson
    if not lesson.is_published or not course.is_published:
        raise Http404
    if not is_enrolled(user, course):
        raise PermissionDenied
    return lesson


# ---------------------------------------------------------------- reading


# Other apps (exercises) add their activities to course outlines through a provider:
#   items(course, user, include_drafts) -> {module_id: [item, ...]}
#   counts(user, course_ids) -> {course_id: (total, done)}
# An item has: activity ("lesson", "exercise"...), key, pk, title, order, url, is_done, is_published.
OUTLINE_PROVIDERS = []


def register_outline_provider(provider):
    if provider not in OUTLINE_PROVIDERS:
        OUTLINE_PROVIDERS.append(provider)


@dataclass
class ModuleOutline:
    module: Module
    lessons: list
    items: list = field(default_factory=list)

    @property
    def total(self):
        return len(self.items)

    @property
    def done(self):
        return sum(bool(item.is_done) for item in self.items)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class CourseOutline:
    course: Course
    modules: list = field(default_factory=list)
    completed_ids: set = field(default_factory=set)

    @property
    def items(self):
        return [item for m in self.modules for item in m.items]

    @property
    def lessons(self):
        return [lesson for m in self.modules for lesson in m.lessons]

    @property
    def total(self):
        return sum(m.total for m in self.modules)

    @property
    def done(self):
        return sum(m.done for m in self.modules)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    def neighbours(self, key):
        """The activities before and after the one of this key, ("lesson", pk) or ("exercise", pk):
        one order of lessons and exercises for the whole course."""
        items = self.items
        index = next((i for i, other in enumerate(items) if other.key == key), None)
        if index is None:
            return None, None
        previous = items[index - 1] if index > 0 else None
        following = items[index + 1] if index + 1 < len(items) else None
        return previous, following


def course_outline(course, user, *, include_drafts=False):
    """Modules, lessons and exercises of a course with the user's progress, in a fixed number of queries."""
    lessons = Lesson.objects.only("pk", "title", "slug", "status", "order", "module_id", "duration_minutes")
    if not include_drafts:
        lessons = lessons.filter(status=Status.PUBLISHED)
    modules = Module.objects.filter(course=course).prefetch_related(Prefetch("lessons", queryset=lessons))
    completed = set()
    if user.is_authenticated:
        completed = set(
            LessonCompletion.objects.filter(user=user, lesson__module__course=course).values_list(
                "lesson_id", flat=True
            )
        )
    extra = {}
    for provider in OUTLINE_PROVIDERS:
        for module_id, items in provider.items(course, user, include_drafts).items():
            extra.setdefault(module_id, []).extend(items)
    outline = CourseOutline(course=course, completed_ids=completed)
    base_url = course.get_absolute_url()
    for module in modules:
        lessons_of_module = list(module.lessons.all())
        for lesson in lessons_of_module:
            lesson.module = module
            lesson.is_done = lesson.pk in completed
            lesson.activity, lesson.key = "lesson", ("lesson", lesson.pk)
            lesson.url = f"{base_url}lecons/{lesson.pk}/"
        items = sorted(
            lessons_of_module + extra.get(module.pk, []), key=lambda item: (item.order, item.activity, item.pk)
        )
        outline.modules.append(ModuleOutline(module=module, lessons=lessons_of_module, items=items))
    return outline


def learner_courses(user):
    """The courses a learner follows (self-enrolled or through a cohort) with their progress."""
    courses = list(
        Course.objects.filter(Q(enrolments__user=user) | Q(cohorts__learners=user), status=Status.PUBLISHED)
        .distinct()
        .select_related("track")
        .annotate(
            lesson_count=Count("modules__lessons", filter=Q(modules__lessons__status=Status.PUBLISHED), distinct=True)
        )
        .order_by("title")
    )
    done = dict(
        LessonCompletion.objects.filter(user=user, lesson__status=Status.PUBLISHED, lesson__module__course__in=courses)
        .values("lesson__module__course")
        .annotate(n=Count("pk"))
        .values_list("lesson__module__course", "n")
    )
    extra = {}
    for provider in OUTLINE_PROVIDERS:
        for course_id, (total, finished) in provider.counts(user, [c.pk for c in courses]).items():
            previous = extra.get(course_id, (0, 0))
            extra[course_id] = (previous[0] + total, previous[1] + finished)
    for course in courses:
        more_total, more_done = extra.get(course.pk, (0, 0))
        course.item_count = course.lesson_count + more_total
        course.done_count = done.get(course.pk, 0) + more_done
        course.percent = round(100 * course.done_count / course.item_count) if course.item_count else 0
    return courses


def resume_lesson(user, course):
    """Where the learner left off: the last lesson seen if not done, else the next activity not done."""
    enrolment = Enrolment.objects.filter(user=user, course=course).select_related("last_lesson").first()
    outline = course_outline(course, user)
    items = outline.items
    start = 0
    if enrolment and enrolment.last_lesson_id:
        index = next((i for i, item in enumerate(items) if item.key == ("lesson", enrolment.last_lesson_id)), None)
        if index is not None:
            if not items[index].is_done:
                return items[index]
            start = index + 1
    for item in items[start:] + items[:start]:
        if not item.is_done:
            return item
    return items[0] if items else None


# ---------------------------------------------------------------- learning


def enrolment_create(*, user, course):
    """Self-enrolment, allowed on tracks that accept it; cohort members are enrolled already."""
    if not course.is_published:
        raise Http404
    if not course.track.self_enrolment and not course.cohorts.filter(learners=user).exists():
        raise PermissionDenied
    enrolment, _ = Enrolment.objects.get_or_create(user=user, course=course)
    return enrolment


def lesson_visit(*, user, lesson, course):
    """Remember the lesson for 'reprendre où j'en étais'. Reading the lesson matters more: if this
    cannot be written (a full disk), the lesson is shown anyway."""
    if not user.is_authenticated or not user.is_learner:
        return
    try:  # update_or_create is atomic already: a failure leaves no half-written row
        Enrolment.objects.update_or_create(
            user=user, course=course, defaults={"last_lesson": lesson, "last_seen_at": timezone.now()}
        )
    except DatabaseError as error:
        log.warning("lesson visit not recorded: %s", error)


# Who must know when a lesson is completed, un-completed or saved: an app above this one registers
# an object with completed(user, lesson, at), uncompleted(user, lesson) and saved(lesson) when it
# starts (progress does, in its AppConfig.ready): courses never imports the apps that build on it.
LESSON_LISTENERS = []


def register_lesson_listener(listener):
    if listener not in LESSON_LISTENERS:
        LESSON_LISTENERS.append(listener)


def lesson_complete(*, user, lesson, at=None):
    """Mark a lesson done (`at`: when, for a history written afterwards, such as the demo's)."""
    completion, created = LessonCompletion.objects.get_or_create(
        user=user, lesson=lesson, defaults={"completed_at": at or timezone.now()}
    )
    if created:
        for listener in LESSON_LISTENERS:
            listener.completed(user=user, lesson=lesson, at=completion.completed_at)
    return completion


def lesson_uncomplete(*, user, lesson):
    completion = LessonCompletion.objects.filter(user=user, lesson=lesson).first()
    if completion is not None and LessonCompletion.objects.filter(pk=completion.pk).delete()[0]:
        for listener in LESSON_LISTENERS:
            listener.uncompleted(user=user, lesson=lesson, at=completion.completed_at)


def course_enrol_cohort(*, course, cohort):
    course.cohorts.add(cohort)


def course_unenrol_cohort(*, course, cohort):
    course.cohorts.remove(cohort)


# ---------------------------------------------------------------- authoring


def course_create(*, author, **fields):
    with transaction.atomic():
        course = Course.objects.create(**fields)
        course.authors.add(author)
    return course


def module_create(*, course, **fields):
    order = (course.modules.aggregate(m=Max("order"))["m"] or 0) + 1
    return Module.objects.create(course=course, order=order, **fields)


def lesson_save(*, lesson, body):
    """Save a lesson edited online. Its id stays, so learners' completions stay."""
    if not lesson.is_notebook:  # a notebook lesson's body is rendered from its notebook, edited in the package
        lesson.body = clean_html(body)
        lesson.source = ""
    lesson.save()
    lesson.images.set(LessonImage.objects.filter(pk__in=image_ids_in(lesson.body)))
    for listener in LESSON_LISTENERS:
        listener.saved(lesson=lesson)
    return lesson


IMAGE_URL = re.compile(r"/cours/fichiers/images/(\d+)/")


def image_ids_in(html):
    """The lesson images a body shows (their URLs are `courses:lesson_image`)."""
    return {int(pk) for pk in IMAGE_URL.findall(html or "")}


def lesson_image_create(*, upload, by):
    image = LessonImage(image=upload, uploaded_by=by)
    with files_removed_on_failure(image):
        image.save()
    return image


def access_lesson_image(user, pk):
    """A lesson image for its uploader, the authors of a course that shows it, and whoever may read a
    lesson that shows it (published, enrolled); 404 for anyone else, as for the lesson itself."""
    image = LessonImage.objects.filter(pk=pk).first()
    if image is None:
        raise Http404
    if user.is_authenticated and image.uploaded_by_id == user.pk:
        return image
    for lesson in image.lessons.select_related("module__course"):
        try:
            access_lesson(user, lesson.module.course, lesson.pk)
        except (Http404, PermissionDenied):
            continue
        return image
    raise Http404


def lesson_create(*, module, body="", **fields):
    order = (module.lessons.aggregate(m=Max("order"))["m"] or 0) + 1
    lesson = Lesson(module=module, order=order, **fields)
    return lesson_save(lesson=lesson, body=body)


def module_move(*, module, direction):
    """Swap a module with its neighbour ('up' or 'down'); orders are renumbered 1..n."""
    return _swap(list(module.course.modules.all()), module.pk, direction)


def activity_move(*, course, user, key, direction):
    """Swap a lesson or exercise with its neighbour in its module (lessons and exercises share one order)."""
    outline = course_outline(course, user, include_drafts=True)
    for module in outline.modules:
        if any(item.key == key for item in module.items):
            return _swap(module.items, key, direction, by_key=True)
    raise Http404


def _swap(siblings, wanted, direction, by_key=False):
    index = next(i for i, s in enumerate(siblings) if (s.key if by_key else s.pk) == wanted)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
    with transaction.atomic():
        for position, sibling in enumerate(siblings, start=1):
            if sibling.order != position:
                type(sibling).objects.filter(pk=sibling.pk).update(order=position)
    return siblings


def set_status(*, item, published):
    item.status = Status.PUBLISHED if published else Status.DRAFT
    item.save(update_fields=["status", "updated_at"])


# ---------------------------------------------------------------- packages from the browser

IMPORT_REQUEUE_QUEUED_AFTER = timedelta(seconds=60)
# Reading a package grades its exercises' reference solutions: a large course takes minutes, not half an hour.
IMPORT_REQUEUE_RUNNING_AFTER = timedelta(minutes=30)
IMPORT_MAX_RUNS = 3  # a package that stopped a worker three times is not sent a fourth time


def course_import_create(*, by, upload):
    """Store the package first, then queue its import once committed. If the broker is down the job
    stays queued (« En attente ») and the sweep sends it later: nothing the author sent is lost."""
    upload.seek(0)
    with transaction.atomic():
        job = CourseImport.objects.create(
            requested_by=by,
            filename=(upload.name or "paquet.zip")[-255:],
            package=upload.read(),
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        transaction.on_commit(lambda: course_import_enqueue(job.pk))
    return job


def course_import_enqueue(job_id):
    """Send the import task; False (and the job stays queued for the sweep) when the broker is unreachable."""
    from .tasks import import_course_package

    try:
        # A web request never waits long for a broker that is down (the grading pipeline's policy).
        import_course_package.apply_async(args=[job_id], retry=True, retry_policy=settings.GRADING_PUBLISH_RETRY)
    except Exception:  # noqa: BLE001 - any broker failure: the sweep is the safety net
        log.warning("Could not queue course import %s; the sweep will retry", job_id, exc_info=True)
        return False
    return True


def course_import_run(*, job_id, worker):
    """Import one stored package (in a worker). Safe to run twice: only the run that claims the job
    imports it, and the courses and the job's result are written in one transaction."""
    worker = worker[:200]
    claimed = CourseImport.objects.filter(pk=job_id, status=CourseImport.Status.QUEUED).update(
        status=CourseImport.Status.RUNNING,
        started_at=timezone.now(),
        claimed_by=worker,
        runs=F("runs") + 1,
    )
    if not claimed:
        return None
    job = CourseImport.objects.select_related("requested_by").get(pk=job_id)
    with (
        translation.override(job.language or settings.LANGUAGE_CODE),
        tempfile.TemporaryDirectory(prefix="tremplin-import-") as folder,
    ):
        root = Path(folder)
        try:
            unpack_archive(io.BytesIO(bytes(job.package)), root)
            courses = _import_package(root, job.requested_by)
            with transaction.atomic():
                imported = import_courses(courses.data)
                for course in imported:
                    if course.slug not in courses.existing:
                        course.authors.add(job.requested_by)
                if not _course_import_finish(job, worker, CourseImport.Status.DONE, []):
                    raise _ImportTakenBack
                job.courses.set(imported)
        except _ImportTakenBack:
            return None
        except PackageError as exc:
            shown = [
                error.replace(f"{root}{os.sep}", "").replace(str(root), job.filename)
                for error in relative_errors(exc.errors, root)
            ]
            _course_import_finish(job, worker, CourseImport.Status.FAILED, shown)
        except Exception:  # noqa: BLE001 - a bug or a full disk must not leave the job running forever
            log.exception("Course import %s crashed", job_id)
            _course_import_finish(
                job,
                worker,
                CourseImport.Status.FAILED,
                [
                    _(
                        "Erreur interne : rien n’a été importé. Réessayez plus tard ; si cela recommence, prévenez "
                        "l’équipe technique."
                    )
                ],
            )
    return CourseImport.objects.defer("package").get(pk=job_id)


class _ImportTakenBack(Exception):
    """The sweep gave the job to another run meanwhile: this run's writes are rolled back."""


@dataclass
class _ReadPackage:
    data: list
    existing: set


def _import_package(root, user):
    """The courses of an unpacked package, read and validated; refused when one of them exists and the
    sender may not author it (checked first: reading a package grades its exercises' solutions)."""
    folders = course_folders(root)
    existing = {course.slug: course for course in Course.objects.filter(slug__in=[folder.name for folder in folders])}
    refused = [
        f"{slug}/course.toml:1: "
        + _(
            "le cours « %(slug)s » existe déjà et vous n’en êtes pas auteur : demandez à l’un "
            "de ses auteurs ou à un coordinateur de l’importer"
        )
        % {"slug": slug}
        for slug, course in existing.items()
        if not can_edit_course(user, course)
    ]
    if refused:
        raise PackageError(refused)
    return _ReadPackage(data=read_path(root), existing=set(existing))


def _course_import_finish(job, worker, status, messages):
    return bool(
        CourseImport.objects.filter(pk=job.pk, status=CourseImport.Status.RUNNING, claimed_by=worker).update(
            status=status,
            messages=messages,
            finished_at=timezone.now(),
            package=b"",
        )
    )


def course_imports_requeue_stale(*, queued_for=None, running_for=None):
    """Send again the imports no worker took (broker down, message lost) or a dead worker left running."""
    now = timezone.now()
    queued_for = IMPORT_REQUEUE_QUEUED_AFTER if queued_for is None else queued_for
    running_for = IMPORT_REQUEUE_RUNNING_AFTER if running_for is None else running_for
    stale = CourseImport.objects.filter(status=CourseImport.Status.RUNNING, started_at__lt=now - running_for)
    with translation.override(settings.LANGUAGE_CODE):
        stale.filter(runs__gte=IMPORT_MAX_RUNS).update(
            status=CourseImport.Status.FAILED,
            finished_at=now,
            package=b"",
            claimed_by="",
            messages=[
                _("L’import s’est interrompu %(n)s fois : rien n’a été importé. Prévenez l’équipe technique.")
                % {"n": IMPORT_MAX_RUNS}
            ],
        )
    taken_back = list(stale.filter(runs__lt=IMPORT_MAX_RUNS).values_list("pk", flat=True)[:100])
    CourseImport.objects.filter(pk__in=taken_back, status=CourseImport.Status.RUNNING).update(
        status=CourseImport.Status.QUEUED, claimed_by=""
    )
    waiting = CourseImport.objects.filter(status=CourseImport.Status.QUEUED, queued_at__lt=now - queued_for)
    ids = sorted(set(taken_back) | set(waiting.values_list("pk", flat=True)[:100]))
    CourseImport.objects.filter(pk__in=ids, status=CourseImport.Status.QUEUED).update(queued_at=now)
    return sum(course_import_enqueue(pk) for pk in ids)


def access_course_import(user, pk):
    """An import for the person who sent it, and for coordinators; 403 for a role that may not author, 404 for
    others."""
    if not user.can_author:
        raise PermissionDenied
    job = CourseImport.objects.defer("package").filter(pk=pk).first()
    if job is None or (job.requested_by_id != user.pk and not user.is_coordinator):
        raise Http404
    return job


def course_package(course):
    """The course as a package zip (bytes), `<slug>/course.toml`…: importing it gives the course back."""
    with tempfile.TemporaryDirectory(prefix="tremplin-export-") as folder:
        return package_zip(export_course(course, folder))
