"""Due dates end to end in Chromium: a trainer sets one for the promo, the learner sees it on the
dashboard (360 px, axe clean), hands the work in after the date and the attempt is marked late."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import Module

from ..exercises.conftest import load_exercise
from .checks import PHONE_WIDTH, assert_accessible

pytestmark = pytest.mark.e2e


def test_a_due_date_reaches_the_dashboard_and_a_late_attempt_is_marked(
    new_context, trainer, trainee, cohort, web_course, eager_celery
):
    exercise = load_exercise(Module.objects.filter(course=web_course).first(), "moyenne")
    staff = new_context(user=trainer).new_page()
    staff.goto(cohort.get_absolute_url())
    staff.get_by_role("link", name="Échéances").click()
    staff.get_by_label(re.compile("^À rendre")).select_option(label=f"— {exercise.title}")
    staff.locator("#id_due_date").fill("2020-01-06")  # long past: the attempt will be late
    staff.locator("#id_due_time").fill("18:00")
    staff.get_by_role("button", name="Enregistrer l’échéance").click()
    expect(staff.locator(".messages")).to_contain_text("Échéance enregistrée.")
    expect(staff.locator("table")).to_contain_text(exercise.title)
    assert_accessible(staff, "a promo's due dates", staff.url)

    page = new_context(user=trainee, viewport={"width": PHONE_WIDTH, "height": 740}).new_page()
    page.goto("/comptes/tableau-de-bord/")
    due = page.locator("section", has=page.get_by_role("heading", name="À rendre"))
    expect(due).to_contain_text(exercise.title)
    expect(due).to_contain_text("en retard")
    assert_accessible(page, "dashboard with due dates", page.url)
    due.get_by_role("link", name=exercise.title).click()
    expect(page.locator("#exercise-meta")).to_contain_text("à rendre avant le")
    page.get_by_role("button", name="Soumettre").click()
    expect(page.locator("#history")).to_contain_text(re.compile(r"Essai 1\s*en retard"))
    page.goto("/exercices/echeances/")
    page.get_by_role("button", name="Obtenir l’adresse de mon agenda").click()
    expect(page.locator("#feed-url")).to_have_value(re.compile(r"/exercices/echeances/[\w-]+\.ics$"))
    assert_accessible(page, "due dates", page.url)
    assert page.context.errors == [] and staff.context.errors == []
