"""Notebooks in a real browser: a learner answers in the platform and checks (outputs under the
cells), submits; a trainer grades the written answer; a notebook lesson; all accessible at 360 px."""

from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from courses.models import Enrolment, Lesson, Module, Status
from courses.notebook_html import render

from ..exercises.conftest import load_exercise
from .checks import assert_accessible, type_code

pytestmark = pytest.mark.e2e

LESSON = (
    Path(__file__).resolve().parents[2]
    / "content"
    / "technicien-donnees"
    / "01-analyser-des-donnees"
    / "04-nettoyer-regrouper-tracer.ipynb"
)
MOYENNE = "def moyenne(liste):\n    return sum(liste) / len(liste)\n\nprint('moyenne prête')"
TOTAL = "import pandas as pd\ndf = pd.read_csv('data/villes.csv')\ntotal = int(df['pop'].sum())\ndf"


@pytest.fixture
def learner(trainee, cohort, basics_course):
    Enrolment.objects.create(user=trainee, course=basics_course)
    basics_course.cohorts.add(cohort)
    return trainee


@pytest.fixture
def module(basics_course):
    return Module.objects.get(course=basics_course, slug="module-1")


@pytest.fixture
def notebook_exercise(module):
    return load_exercise(module, "notebook-villes", time_limit=10)


def test_a_learner_checks_then_submits_a_notebook_and_the_trainer_grades_it(
    new_context, learner, trainer, notebook_exercise, eager_celery
):
    page = new_context(user=learner).new_page()
    url = notebook_exercise.get_absolute_url()
    page.goto(url)
    assert_accessible(page, "notebook exercise", url)
    page.set_viewport_size({"width": 1280, "height": 900})
    type_code(page, page.get_by_role("textbox", name="Cellule 2 — votre code"), MOYENNE)  # the code editor
    type_code(page, page.get_by_role("textbox", name="Cellule 4 — votre code"), TOTAL)
    page.get_by_role("button", name="Vérifier").click()
    result = page.locator("#resultat")
    expect(result).to_contain_text("Réussi", timeout=30_000)
    expect(result).to_contain_text("moyenne prête")  # the cell's output, under it
    expect(result.locator(".nb-render table")).to_be_visible()  # the DataFrame as a table
    assert "moyenne([1, 2, 3, 6])" not in page.content()  # hidden tests are neither run nor shown
    assert_accessible(page, "notebook exercise with its executed notebook", url)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Cellule 6 — votre réponse rédigée (1 pt)").fill("La population totale est de 30 habitants.")
    page.get_by_role("button", name="Soumettre").click()
    expect(result).to_contain_text("Note provisoire : 3 / 4 points", timeout=30_000)
    expect(result).to_contain_text("à noter par le formateur")

    review = new_context(user=trainer).new_page()
    review.goto("/exercices/suivi/?status=review")
    expect(review.get_by_text("à noter", exact=True)).to_be_visible()
    review.locator("table a").first.click()
    expect(review.get_by_role("heading", name="Noter les réponses rédigées")).to_be_visible()
    expect(review.locator(".nb-render")).to_contain_text("30 habitants")
    assert_accessible(review, "trainer's review of a notebook", review.url)
    review.set_viewport_size({"width": 1280, "height": 900})
    review.get_by_label("Réponse rédigée n° 1 (1 point) : points (sur 1)").fill("1")
    review.get_by_role("button", name="Enregistrer les points").click()
    expect(review.get_by_text("Points enregistrés : la note est définitive.")).to_be_visible()
    page.reload()
    expect(page.locator("#resultat")).to_contain_text("Score : 100 %")


def test_a_notebook_lesson_is_readable_and_downloadable(new_context, learner, module):
    text = LESSON.read_text(encoding="utf-8")
    notebook = nbformat.reads(text, as_version=4)
    images = []
    lesson = Lesson.objects.create(
        module=module,
        slug="nettoyer",
        title="Nettoyer, regrouper, tracer",
        order=50,
        status=Status.PUBLISHED,
        body=render(notebook, images=images),
        notebook=text,
        notebook_images=images,
    )
    page = new_context(user=learner).new_page()
    url = lesson.get_absolute_url()
    page.goto(url)
    chart = page.locator(".nb-render img").first
    chart.scroll_into_view_if_needed()  # loading="lazy"
    expect(chart).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=chart.element_handle())
    assert_accessible(page, "notebook lesson", url)
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le notebook (.ipynb)").click()
    assert download.value.suggested_filename == "nettoyer.ipynb"
