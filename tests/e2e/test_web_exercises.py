"""Web exercises in a real browser: file tabs, the sandboxed live preview, grading with screenshots."""

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from courses.models import Enrolment, Module
from exercises import services
from exercises.models import Submission

from ..exercises.conftest import load_exercise
from .checks import assert_accessible

pytestmark = pytest.mark.e2e

SCRIPT = """const bouton = document.querySelector("#bouton-menu");
const menu = document.querySelector("#menu");
bouton.addEventListener("click", () => {
  const ouvert = menu.classList.toggle("ouvert");
  bouton.setAttribute("aria-expanded", String(ouvert));
  document.title = document.cookie === undefined ? "?" : "cookies lus";
});
"""


@pytest.fixture
def learner(trainee, cohort, basics_course):
    Enrolment.objects.create(user=trainee, course=basics_course)
    return trainee


@pytest.fixture
def module(basics_course):
    return Module.objects.get(course=basics_course, slug="module-1")


@pytest.fixture
def menu_exercise(module):
    return load_exercise(module, "menu-burger")


@pytest.fixture
def card_exercise(module):
    return load_exercise(module, "carte-visite")


def test_learner_edits_files_in_tabs_sees_the_live_preview_and_submits(
    new_context, learner, menu_exercise, eager_celery
):
    page = new_context(user=learner).new_page()
    page.goto(menu_exercise.get_absolute_url())
    tabs = page.get_by_role("tablist", name="Vos fichiers").get_by_role("tab")
    expect(tabs).to_have_text(["index.html", "style.css", "script.js"])  # page, styles, scripts
    expect(page.get_by_role("textbox", name="index.html")).to_be_visible()
    expect(page.get_by_role("textbox", name="script.js")).to_be_hidden()
    # Keyboard: the arrow keys move between the files' tabs and show their editor.
    tabs.nth(0).focus()
    page.keyboard.press("ArrowLeft")
    expect(tabs.nth(2)).to_be_focused()
    expect(tabs.nth(2)).to_have_attribute("aria-selected", "true")
    editor = page.get_by_role("textbox", name="script.js")
    expect(editor).to_be_visible()

    frame_element = page.locator("#preview iframe")
    expect(frame_element).to_have_attribute("sandbox", "allow-scripts")
    editor.fill(SCRIPT)
    # The preview follows the typing (htmx, after a pause) and runs the learner's script, isolated.
    expect(frame_element).to_have_attribute("srcdoc", re.compile("classList.toggle"), timeout=10_000)
    frame = page.frame_locator("#preview iframe")
    frame.get_by_role("button", name="Menu").click()
    expect(frame.get_by_role("navigation", name="Principal")).to_be_visible()
    isolated = page.frames[1].evaluate("() => { try { return parent.document.title; } catch (e) { return 'isolé'; } }")
    assert isolated == "isolé"
    with pytest.raises(PlaywrightError, match="(?i)security|denied|sandbox"):
        page.frames[1].evaluate("() => document.cookie")  # a sandboxed document has no cookie access

    page.get_by_role("button", name="Ordinateur (1280 px)").click()
    expect(page.get_by_role("button", name="Ordinateur (1280 px)")).to_have_attribute("aria-pressed", "true")
    assert frame_element.evaluate("el => el.style.width") == "1280px"

    page.get_by_role("button", name="Soumettre").click()
    result = page.locator("#resultat")
    expect(result.locator(".result-title")).to_contain_text("✓ Réussi", timeout=30_000)
    expect(result.locator(".test-passed")).to_have_count(3)
    shots = result.get_by_role("img", name=re.compile("La page envoyée"))
    expect(shots).to_have_count(2)
    for index in range(2):
        shot = shots.nth(index)
        shot.scroll_into_view_if_needed()  # loading="lazy": an image loads once near the viewport
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=shot.element_handle())
    # The only script error: the learner's own script reading cookies in the preview, refused.
    assert page.context.errors and all(
        "sandboxed and lacks the 'allow-same-origin' flag" in e for e in page.context.errors
    )


def test_preview_and_submission_without_javascript(new_context, learner, card_exercise, eager_celery):
    page = new_context(user=learner, java_script_enabled=False).new_page()
    page.goto(card_exercise.get_absolute_url())
    solution = card_exercise.solution
    page.get_by_role("textbox", name="index.html").fill(solution["index.html"])
    page.get_by_role("textbox", name="style.css").fill(solution["style.css"])
    page.get_by_role("button", name="Actualiser l’aperçu").click()
    expect(page.locator("#preview iframe")).to_have_attribute("srcdoc", re.compile("Samia Benali"))
    expect(page.get_by_role("textbox", name="index.html")).to_have_value(solution["index.html"])  # what was typed stays
    assert not Submission.objects.exists()  # a preview stores nothing
    page.get_by_role("button", name="Soumettre").click()
    expect(page.locator("#resultat .result-title")).to_contain_text("✓ Réussi")
    history = page.get_by_role("table", name="Historique de vos essais")
    expect(history.get_by_role("link", name=re.compile("téléphone"))).to_have_count(1)


def test_web_exercise_page_is_accessible_at_360_px(new_context, learner, card_exercise, eager_celery):
    services.submission_create(
        exercise=card_exercise,
        learner=learner,
        mode=Submission.Mode.SUBMIT,
        files=dict(card_exercise.solution),
        language="fr",
    )
    page = new_context(user=learner).new_page()
    url = card_exercise.get_absolute_url()
    page.goto(url)
    expect(page.locator("#resultat .screenshots img")).to_have_count(2)
    assert_accessible(page, "web exercise", url)
