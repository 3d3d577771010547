"""Progress pages in a real browser: accessible (axe, 360 px), the trainer validates in place with htmx."""

import pytest
from playwright.sync_api import expect

from exercises.models import Submission
from progress import services
from progress.frameworks import default_files, load_framework
from progress.models import Competence, CompetenceProgress

from ..exercises.conftest import load_exercise
from .checks import assert_accessible

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(cohort, trainee, trainer, web_course, resident, basics_course, coordinator):
    for path in default_files():
        load_framework(path)
    services.cohort_follow(cohort=cohort, codes=["RNCP37674", "CRCN"])
    exercise = load_exercise(web_course.modules.first(), "moyenne", competences=["RNCP37674-CP7", "CRCN-3.4"])
    services.sync_links(exercise=exercise)
    submission = Submission.objects.create(
        exercise=exercise, learner=trainee, mode="submit", status="passed", score=1, final_score=1
    )
    services.submission_graded(submission)
    attestation = services.attestation_issue(user=resident, course=basics_course)
    return {
        "cohort": cohort,
        "trainee": trainee,
        "trainer": trainer,
        "resident": resident,
        "coordinator": coordinator,
        "attestation": attestation,
    }


@pytest.mark.parametrize(
    "name", ["my path", "dashboard", "learner", "booklet", "achievements", "attestation", "indicators"]
)
def test_progress_pages_are_accessible(new_context, world, name):
    cohort, trainee = world["cohort"], world["trainee"]
    url, who = {
        "my path": ("/parcours/", "trainee"),
        "dashboard": (f"/parcours/promos/{cohort.pk}/", "trainer"),
        "learner": (f"/parcours/promos/{cohort.pk}/apprenants/{trainee.pk}/", "trainer"),
        "booklet": (f"/parcours/promos/{cohort.pk}/apprenants/{trainee.pk}/livret/", "trainer"),
        "achievements": ("/parcours/reussites/", "resident"),
        "attestation": (world["attestation"].get_absolute_url(), None),
        "indicators": ("/parcours/indicateurs/", "coordinator"),
    }[name]
    page = new_context(user=world[who] if who else None).new_page()
    assert page.goto(url).status == 200
    assert_accessible(page, name, url)


def test_trainer_validates_a_competence_in_place(new_context, world):
    cohort, trainee = world["cohort"], world["trainee"]
    page = new_context(user=world["trainer"]).new_page()
    page.goto(f"/parcours/promos/{cohort.pk}/apprenants/{trainee.pk}/")
    page.evaluate("window.__notReloaded = true")
    competence = Competence.objects.get(code="RNCP37674-CP7")
    item = page.locator(f"#competence-{competence.pk}")
    expect(item.locator(".state")).to_have_text("● Acquise")
    item.get_by_text("Valider, retirer, observer").click()
    item.get_by_label("Commentaire (ce qui a été observé)").fill("Vu en projet")
    item.get_by_role("button", name="Valider la compétence").click()
    expect(page.locator(f"#competence-{competence.pk} .state")).to_have_text("✔ Validée")
    assert page.evaluate("window.__notReloaded") is True
    assert CompetenceProgress.objects.get(user=trainee, competence=competence).validation_comment == "Vu en projet"
