import pytest

from courses.models import CourseImport, Lesson, Module, Status
from exercises import kinds

from .checks import PHONE_WIDTH, assert_accessible
from .conftest import heaviest_lesson

pytestmark = pytest.mark.e2e

EDITED_COURSE = "ecole-du-web-integration"


def _lesson_editor_url(cohort):
    module = Module.objects.filter(course__slug=EDITED_COURSE).first()
    return f"/cours/atelier/{EDITED_COURSE}/modules/{module.pk}/lecons/nouvelle/"


def _refused_import_url(cohort):
    """A refused course import as its author sees it: long package paths must wrap on a phone."""
    path = f"{EDITED_COURSE}/02-mise-en-page-responsive/03-grille-de-cartes-responsive/tests/checks.toml"
    job = CourseImport.objects.create(
        requested_by=cohort.trainers.first(),
        filename=f"{EDITED_COURSE}.zip",
        status=CourseImport.Status.FAILED,
        messages=[
            f"{path}:12: « type » doit valoir l'un de : exists, count, text",
            f"{EDITED_COURSE}/course.toml:3: TOML invalide",
        ],
    )
    return job.get_absolute_url()


def _health_page_url(cohort):
    """The coordinators' health page, a worker seen a moment ago (else it answers 503: no grader)."""
    from django.utils import timezone

    from exercises.models import WorkerBeat

    now = timezone.now()
    WorkerBeat.objects.create(name="correcteur@machine", pid=1, started_at=now, seen_at=now, slots=16, slots_busy=2)
    return "/sante/tableau/"


def _exercise_editor_url():
    module = Module.objects.filter(course__slug=EDITED_COURSE).first()
    return f"/exercices/atelier/{EDITED_COURSE}/modules/{module.pk}/nouveau/"


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
    "join-group": ("trainee", lambda cohort: "/comptes/rejoindre/"),
    "exercise-kind-chooser": ("trainer", lambda cohort: _exercise_editor_url()),
    "exercise-editor-python": ("trainer", lambda cohort: _exercise_editor_url() + "?type=python"),
    "exercise-editor-quiz": ("trainer", lambda cohort: _exercise_editor_url() + "?type=quiz"),
    "course-import": ("trainer", lambda cohort: "/cours/atelier/importer/"),
    "course-import-refused": ("trainer", lambda cohort: _refused_import_url(cohort)),
    "platform-health": ("coordinator", _health_page_url),
}


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_aa_violation_and_fits_a_phone(
    new_context, demo_world, trainee, trainer, coordinator, cohort, name
):
    """axe-core finds no WCAG 2.1 A/AA violation, on a desktop and at 360 px, where nothing scrolls sideways."""
    who, url_for = PAGES[name]
    url = url_for(cohort)
    page = new_context(user={"trainee": trainee, "trainer": trainer, "coordinator": coordinator}.get(who)).new_page()
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


@pytest.mark.parametrize("who", ["trainee", "trainer"])
def test_the_header_folds_into_a_compact_bar_on_a_phone(new_context, demo_world, trainee, trainer, who):
    """At 360 px the menu and the account bar leave the screen to the page (they took 245 px of 780),
    and every menu link stays reachable with the keyboard, visible when it has the focus."""
    user = {"trainee": trainee, "trainer": trainer}[who]
    page = new_context(user=user, viewport={"width": PHONE_WIDTH, "height": 780}).new_page()
    page.goto("/comptes/tableau-de-bord/")
    height = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
    print(f"\n  header at {PHONE_WIDTH} px ({who}): {height:.0f} px")
    assert height <= 130, height
    links = page.locator("nav[aria-label] .nav a")
    assert links.count() >= 3
    for index in range(links.count()):
        link = links.nth(index)
        link.focus()
        box = link.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH + 1, (link.inner_text(), box)
    assert page.get_by_role("button", name="Se déconnecter").first.is_visible()


def test_lesson_tables_reflow_into_cards_on_a_phone(new_context, demo_world, trainee):
    """At 360 px the « Pourquoi » column of a lesson's table is read in full, each cell under its
    column's name; on a desktop the table stays a table."""
    lesson = Lesson.objects.get(slug="adresse-electronique")
    page = new_context(user=trainee, viewport={"width": PHONE_WIDTH, "height": 780}).new_page()
    page.goto(lesson.get_absolute_url())
    cell = page.locator(".lesson-body td", has_text="Il y a un espace.")
    box = cell.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH, box
    label = cell.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert "Pourquoi" in label, label
    page.set_viewport_size({"width": 1280, "height": 800})
    assert cell.evaluate("cell => getComputedStyle(cell).display") == "table-cell"
    assert_accessible(page, "lesson-cards", lesson.get_absolute_url())


@pytest.mark.parametrize("name", list(kinds.KINDS))
def test_the_exercise_form_of_each_kind_shows_only_its_fields_on_a_phone(new_context, demo_world, trainer, name):
    """Only the chosen kind's fields, within the screen: the Python form was about 6,700 px tall at 360 px
    with every kind's."""
    kind = kinds.kind_of(name)
    page = new_context(user=trainer, viewport={"width": PHONE_WIDTH, "height": 780}).new_page()
    page.goto(_exercise_editor_url() + f"?type={name}")
    page.locator(".ck-editor__editable").wait_for()
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"\n  {name} exercise form at {PHONE_WIDTH} px: {height} px tall")
    assert height < 4000, height
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    shown = set(page.eval_on_selector_all("#contenu form [name]", "fields => fields.map(f => f.name)"))
    assert shown & kinds.KIND_FIELDS == set(kind.authoring_fields), shown
    assert ("time_limit" in shown) == kind.in_sandbox
    for field in kind.authoring_fields:
        assert page.locator(f'[name="{field}"]').first.is_visible(), field
