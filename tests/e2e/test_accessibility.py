import pytest
from axe_playwright_python.sync_playwright import Axe

from courses.models import Lesson, Module, Status

from .conftest import heaviest_lesson

pytestmark = pytest.mark.e2e

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
PHONE_WIDTH = 360
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

    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{name} ({url}):\n{results.generate_report()}"

    page.set_viewport_size({"width": PHONE_WIDTH, "height": 740})
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{name} ({url}) at {PHONE_WIDTH} px:\n{results.generate_report()}"
    width, too_wide = page.evaluate(
        """() => [document.documentElement.scrollWidth,
                  [...document.querySelectorAll('body *')]
                    .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                    .slice(0, 5).map(el => el.outerHTML.slice(0, 120))]"""
    )
    assert width <= PHONE_WIDTH, f"{name} ({url}) is {width} px wide at {PHONE_WIDTH} px: {too_wide}"
    assert page.context.errors == []


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
