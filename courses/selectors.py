"""Courses, read-only: what other apps and the views read about tracks, courses, lessons and completions.

A selector queries and returns, writes nothing, and imports only this app's models (Django and the
standard library aside): writes, access checks (`access_*`, `can_edit_course`, `is_enrolled`), the
outline (it asks the providers other apps register) and the listeners stay in courses.services
(tests/test_selectors.py)."""

from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q

from .models import Course, CourseImport, Enrolment, Lesson, LessonCompletion, Status, Track

# Draft or published: the publishing status exercises share with courses (Exercise.status), read here
# rather than from courses.models.
PublishStatus = Status

# ---------------------------------------------------------------- reading


def catalogue():
    """The tracks that have published courses, each with them (`published_courses`), in two queries; an empty
    list when nothing is published (the page then says so)."""
    courses = (
        Course.objects.filter(status=Status.PUBLISHED)
        .annotate(lesson_count=Count("modules__lessons", filter=Q(modules__lessons__status=Status.PUBLISHED)))
        .order_by("title")
    )
    tracks = Track.objects.filter(listed=True).prefetch_related(
        Prefetch("courses", queryset=courses, to_attr="published_courses")
    )
    return [track for track in tracks if track.published_courses]


# ---------------------------------------------------------------- learning


@dataclass
class Completion:
    user_id: int
    lesson_id: int
    title: str
    at: object


def completions(*, lesson_ids, user_ids=None):
    """Lesson completions (for rebuilding progress); a generator."""
    rows = LessonCompletion.objects.filter(lesson_id__in=lesson_ids)
    if user_ids is not None:
        rows = rows.filter(user_id__in=user_ids)
    for user_id, lesson_id, title, at in rows.values_list(
        "user_id", "lesson_id", "lesson__title", "completed_at"
    ).iterator(chunk_size=5000):
        yield Completion(user_id, lesson_id, title, at)


# ---------------------------------------------------------------- lists and counts


def authored_courses(user):
    qs = Course.objects.select_related("track").order_by("title")
    return qs if user.is_coordinator else qs.filter(authors=user)


def cohort_courses(cohort):
    return cohort.courses.select_related("track").order_by("title")


def courses_for_cohort_enrolment(cohort):
    """Published courses of tracks that enrol by cohort, plus any course already given to it."""
    return Course.objects.filter(Q(status=Status.PUBLISHED) | Q(cohorts=cohort)).distinct().order_by("title")


def lessons_with_competences():
    return [lesson for lesson in Lesson.objects.only("pk", "competences") if lesson.competences]


def last_completion_at(user_ids):
    """{user id: when they last completed a lesson}."""
    return dict(
        LessonCompletion.objects.filter(user_id__in=user_ids)
        .values("user_id")
        .annotate(last=Max("completed_at"))
        .values_list("user_id", "last")
    )


def course_of(*, exercise_id=None, lesson_id=None):
    """The course an activity belongs to (with its track), or None."""
    courses = Course.objects.select_related("track")
    if lesson_id is not None:
        return courses.filter(modules__lessons__pk=lesson_id).first()
    if exercise_id is not None:
        return courses.filter(modules__exercises__pk=exercise_id).first()
    return None


def monthly_completions(since=None, user_ids=None):
    """Lesson completions per (user, month, track) with their minutes, for rebuilding the monthly activity."""
    from django.db.models import Sum
    from django.db.models.functions import Coalesce, TruncMonth

    rows = LessonCompletion.objects.all()
    if since is not None:
        rows = rows.filter(completed_at__gte=since)
    if user_ids is not None:
        rows = rows.filter(user_id__in=user_ids)
    return list(
        rows.annotate(month=TruncMonth("completed_at"))
        .values("user_id", "month", "lesson__module__course__track_id")
        .annotate(n=Count("pk"), minutes=Sum(Coalesce("lesson__duration_minutes", 10)))
        .values_list("user_id", "month", "lesson__module__course__track_id", "n", "minutes")
    )


def track_members(track_ids=None):
    """{track id: set of learner ids} through self-enrolment and cohorts."""
    members = {}
    enrolments = Enrolment.objects.values_list("course__track_id", "user_id")
    cohorts = Course.objects.filter(cohorts__learners__isnull=False).values_list("track_id", "cohorts__learners")
    for track_id, user_id in [*enrolments, *cohorts]:
        if track_ids is None or track_id in track_ids:
            members.setdefault(track_id, set()).add(user_id)
    return members


def track_sizes():
    return {track_id: len(people) for track_id, people in track_members().items()}


def tracks():
    return list(Track.objects.order_by("order", "title"))


# ---------------------------------------------------------------- packages from the browser


def course_imports_of(user, limit=10):
    return list(CourseImport.objects.defer("package").filter(requested_by=user)[:limit])


def module_slugs(course_slugs):
    """{course slug: {module slug: module title}} of these courses, with each course's title under ""."""
    found = {}
    for course_slug, course_title, module_slug, module_title in Course.objects.filter(
        slug__in=course_slugs
    ).values_list("slug", "title", "modules__slug", "modules__title"):
        found.setdefault(course_slug, {"": course_title})
        if module_slug:
            found[course_slug][module_slug] = module_title
    return found
