"""End-to-end tests: Debian's Chromium, driven by Playwright's sync API, against pytest-django's live server.

One browser for the whole session, a fresh context (cookies, storage) for every
page a test needs. Never `playwright install`: the browser is the system one.
"""

import importlib
import io
import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import sync_playwright

from accounts.models import Cohort, Role
from courses.models import Course, Enrolment, Lesson, LessonCompletion, Status, Track

from ..conftest import make_user

CHROMIUM = os.environ.get("TREMPLIN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
DEFAULT_TRACKS = importlib.import_module("courses.migrations.0002_default_tracks").TRACKS

# Playwright's sync API keeps an event loop running in the main thread, so Django
# would refuse the ORM calls of fixtures and tests ("async context"). They are
# plain synchronous calls; the live server answers from its own thread.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make system-packages)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _default_tracks(live_server, transactional_db):
    """The tracks of the data migration: flushed after every transactional test, so created again."""
    for track in DEFAULT_TRACKS:
        Track.objects.get_or_create(slug=track["slug"], defaults=track)


@pytest.fixture
def basics_track(_default_tracks):
    return Track.objects.get(slug="numerique-de-base")


@pytest.fixture
def web_track(_default_tracks):
    return Track.objects.get(slug="ecole-du-web")


def login_as(context, user, base_url):
    """Sign a browser context in without the login form: the session cookie of a test client."""
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}])


@pytest.fixture
def new_context(browser, live_server):
    """Factory: a French-speaking browser context on the live server, signed in as `user` if given.

    Each context records JavaScript errors and console errors (CSP refusals among
    them) in `context.errors`.
    """
    contexts = []

    def make(user=None, **options):
        options.setdefault("locale", "fr-FR")
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        context.errors = []
        context.on("weberror", lambda error: context.errors.append(str(error.error)))
        context.on("console", lambda message: _record_console_error(context, message))
        if user is not None:
            login_as(context, user, live_server.url)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def _record_console_error(context, message):
    # The site has no favicon: Chromium's automatic request for it is not the page's fault.
    if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
        context.errors.append(message.text)


@pytest.fixture
def eager_celery():
    """Grading tasks run in the process that sends them (the live server's thread), not in a worker."""
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def mediation_group(mediation_site, mediator):
    group = Cohort.objects.create(name="Atelier du mardi", site=mediation_site)
    group.trainers.add(mediator)
    return group


@pytest.fixture
def demo_world(_default_tracks, trainer, trainee, cohort):
    """The demo courses of content/, as a trainee of a cohort follows them, written by `trainer`.

    The trainee follows the École du web course through the cohort and the
    Numérique de base courses by self-enrolment, with some lessons done.
    """
    call_command("import_course", "content", stdout=io.StringIO())
    cohort.learners.add(make_user("ines", Role.TRAINEE, cohort.site, first_name="Inès", last_name="Martin"))
    for course in Course.objects.all():
        course.authors.add(trainer)
        if course.track.self_enrolment:
            Enrolment.objects.create(user=trainee, course=course)
        else:
            course.cohorts.add(cohort)
    for lesson in Lesson.objects.filter(module__course__slug="premiers-pas-courriel").order_by(
        "module__order", "order"
    )[:3]:
        LessonCompletion.objects.create(user=trainee, lesson=lesson)
    return Course.objects.all()


def heaviest_lesson():
    """The published lesson with the longest body: the worst case for page weight and accessibility."""
    lessons = Lesson.objects.select_related("module__course").filter(status=Status.PUBLISHED)
    return max(lessons, key=lambda lesson: len(lesson.body))
