"""Fixed personas (healthchecks style): every view test checks who may and who may not."""

import pytest
from django.core.management import call_command

from accounts.models import Cohort, Role, Site, User
from courses.models import Course, Lesson, Module, Status, Track


@pytest.fixture(autouse=True)
def _french_by_default():
    """A request that switched to English must not leak its language into the next test."""
    from django.utils import translation

    translation.activate("fr")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_hasher_and_media(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AXES_ENABLED = True


def make_user(username, role, site=None, **extra):
    user = User.objects.create_user(username=username, password="motdepasse-test", role=role, site=site, **extra)
    return user


@pytest.fixture
def school(db):
    return Site.objects.create(name="École du web de Test", kind=Site.Kind.WEB_SCHOOL)


@pytest.fixture
def mediation_site(db):
    return Site.objects.create(name="Médiathèque de Test", kind=Site.Kind.MEDIATION)


@pytest.fixture
def resident(db, mediation_site):
    return make_user("awa", Role.RESIDENT, mediation_site, first_name="Awa")


@pytest.fixture
def trainee(db, school):
    return make_user("yanis", Role.TRAINEE, school, first_name="Yanis")


@pytest.fixture
def other_trainee(db, school):
    return make_user("lina", Role.TRAINEE, school, first_name="Lina")


@pytest.fixture
def trainer(db, school):
    return make_user("claire", Role.TRAINER, school, first_name="Claire")


@pytest.fixture
def other_trainer(db, school):
    return make_user("marc", Role.TRAINER, school, first_name="Marc")


@pytest.fixture
def mediator(db, mediation_site):
    return make_user("karim", Role.MEDIATOR, mediation_site, first_name="Karim")


@pytest.fixture
def coordinator(db, school):
    return make_user("sophie", Role.COORDINATOR, school, first_name="Sophie")


@pytest.fixture
def cohort(db, school, trainer, trainee):
    cohort = Cohort.objects.create(name="Promo A", site=school)
    cohort.trainers.add(trainer)
    cohort.learners.add(trainee)
    return cohort


@pytest.fixture
def other_cohort(db, school, other_trainer, other_trainee):
    cohort = Cohort.objects.create(name="Promo B", site=school)
    cohort.trainers.add(other_trainer)
    cohort.learners.add(other_trainee)
    return cohort


def default_track(slug):
    """The tracks of the data migration (flushed by transactional tests, so recreated if needed)."""
    from importlib import import_module

    tracks = {t["slug"]: t for t in import_module("courses.migrations.0002_default_tracks").TRACKS}
    track, _ = Track.objects.get_or_create(slug=slug, defaults=tracks[slug])
    return track


@pytest.fixture
def basics_track(db):
    return default_track("numerique-de-base")


@pytest.fixture
def web_track(db):
    return default_track("ecole-du-web")


def make_course(track, slug, *, modules=2, lessons=3, status=Status.PUBLISHED, authors=()):
    course = Course.objects.create(slug=slug, title=f"Cours {slug}", track=track, summary="Résumé.", status=status)
    course.authors.add(*authors)
    for m in range(1, modules + 1):
        module = Module.objects.create(course=course, slug=f"module-{m}", title=f"Module {m}", order=m)
        for n in range(1, lessons + 1):
            Lesson.objects.create(
                module=module,
                slug=f"lecon-{n}",
                title=f"Leçon {m}.{n}",
                body=f"<p>Texte {m}.{n}</p>",
                status=Status.PUBLISHED,
                order=n,
            )
    return course


@pytest.fixture
def basics_course(db, basics_track, trainer):
    return make_course(basics_track, "courriel", authors=[trainer])


@pytest.fixture
def web_course(db, web_track, trainer, cohort):
    course = make_course(web_track, "html-css", authors=[trainer])
    course.cohorts.add(cohort)
    return course


@pytest.fixture
def first_lesson(basics_course):
    return Lesson.objects.filter(module__course=basics_course).order_by("module__order", "order").first()


@pytest.fixture
def demo_content(db):
    call_command("import_course", "content")
