import pytest

from courses.models import Lesson, Module, Status

from .checks import PHONE_WIDTH, assert_accessible
from .conftest import heaviest_lesson

pytestmark = pytest.mark.e2e

EDITED_COURSE = "ecole-du-web-integration"


def _lesson_editor_url(cohort):
    module = Module.objects.filter(course__slug=EDITED_COURSE).first()
    return f"/cours/atelier/{EDITED_COURSE}/modules/{module.pk}/lecons/nouvelle/"


# name: (who looks at it, its address)
PAGES = {
    "catalogue": (None, lambda cohort: "/cours/"),
    "lesson": ("trainee", lambda cohort: heaviest_lesson().get_absolute_url()),
    "login": (None, lambda cohort: "/comptes/connexion/"),
    "learner-dashboard": ("trainee", lambda cohort: "/comptes/tableau-de-bord/"),
    "trainer-cohort": ("trainer", lambda cohort: cohort.get_absolute_url()),
    "course-editor": ("trainer", lambda cohort: f"/cours/atelier/{EDITED_COURSE}/"),
    "lesson-editor": ("trainer", _lesson_editor_url),
    "password-forgotten": (None, lambda cohort: "/comptes/mot-de-passe-oublie/"),
    "my-account": ("trainee", lambda cohort: "/comptes/mon-compte/"),
    "recovery-code": ("trainee", lambda cohort: "/comptes/mon-compte/code-de-secours/"),
}


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_aa_violation_and_fits_a_phone(new_context, demo_world, trainee, trainer, cohort, name):
    """axe-core finds no WCAG 2.1 A/AA violation, on a desktop and at 360 px, where nothing scrolls sideways."""
    who, url_for = PAGES[name]
    url = url_for(cohort)
    page = new_context(user={"trainee": trainee, "trainer": trainer}.get(who)).new_page()
    assert page.goto(url).status == 200
    if name == "lesson-editor":
        page.locator(".ck-editor__editable").wait_for()

    assert_accessible(page, name, url)


def test_every_demo_lesson_fits_a_phone(new_context, demo_world, trainee):
    """Long addresses in the text and wide tables wrap: no lesson of content/ scrolls sideways at 360 px."""
    page = new_context(user=trainee, viewport={"width": PHONE_WIDTH, "height": 740}).new_page()
    too_wide = {}
    for lesson in Lesson.objects.select_related("module__course").filter(status=Status.PUBLISHED):
        page.goto(lesson.get_absolute_url())
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE_WIDTH:
            too_wide[lesson.get_absolute_url()] = width
    assert too_wide == {}
