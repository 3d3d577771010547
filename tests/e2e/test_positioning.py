"""« Par où commencer ? » in Chromium, as a resident on a phone takes it: every question answered from
the keyboard, the advice with its links, and each page accessible (axe), no wider than 360 px, light."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .checks import PHONE_WIDTH, assert_accessible, assert_light

pytestmark = pytest.mark.e2e
PHONE = {"viewport": {"width": PHONE_WIDTH, "height": 740}}
FOLDER = Path(__file__).resolve().parents[2] / "content" / "positionnement"


@pytest.fixture
def positioning_test(demo_world):
    call_command("import_positioning", "content", stdout=io.StringIO())


def test_a_resident_finds_where_to_start_by_keyboard_at_360_px(new_context, positioning_test, resident):
    page = new_context(user=resident, **PHONE).new_page()
    page.goto("/comptes/tableau-de-bord/")
    page.get_by_role("link", name="Faites le test de positionnement (10 à 15 minutes)").click()
    page.get_by_role("link", name="Commencer le test").click()
    groups = page.get_by_role("group")
    expect(groups).to_have_count(12)
    page.get_by_role("button", name="Voir par où commencer").click()  # nothing answered: each question says so
    expect(page.locator(".errorlist-box")).to_contain_text("Il manque des réponses")
    expect(page.locator(".field-error")).to_have_count(12)
    for index in range(12):
        group = groups.nth(index)
        first = group.get_by_role("radio").first
        first.focus()
        page.keyboard.press("Space")  # the first answer: « Oui, facilement » or the first choice
        expect(first).to_be_checked()
    sms = page.get_by_role("group", name=re.compile("Vous recevez ce SMS"))
    sms.get_by_label("Je ne sais pas").check()
    page.get_by_role("button", name="Voir par où commencer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Par où commencer : le résultat")
    advice = page.locator(".advice li")
    expect(advice).to_have_count(2)  # the scams (no SMS answer, the bank e-mail wrong) and the data (a weak password)
    expect(advice.first).to_contain_text("Repérer les arnaques")
    advice.first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/cours/demarches-en-ligne-arnaques/#m-reperer-les-arnaques$"))
    assert page.context.errors == []


def test_the_positioning_pages_are_accessible_narrow_and_light(new_context, positioning_test, resident):
    walker = new_context(user=resident).new_page()
    walker.goto("/parcours/positionnement/positionnement/")
    for group in walker.get_by_role("group").all():
        group.get_by_role("radio").last.check()
    walker.get_by_role("button", name="Voir par où commencer").click()
    expect(walker.get_by_role("heading", level=1)).to_have_text("Par où commencer : le résultat")
    for name, url in (
        ("tests", "/parcours/positionnement/"),
        ("questions", "/parcours/positionnement/positionnement/"),
        ("result", walker.url),
    ):
        page = new_context(user=resident).new_page()
        assert_light(page, f"positioning {name}", url)
        assert_accessible(page, f"positioning {name}", url)


def test_a_mediator_writes_a_test_with_its_preview(new_context, positioning_test, mediator, resident, mediation_group):
    mediation_group.learners.add(resident)
    source = (FOLDER / "positioning.toml").read_text(encoding="utf-8")
    page = new_context(user=mediator, **PHONE).new_page()
    page.goto("/parcours/accompagnement/")
    page.get_by_role("link", name="Écrire un test de positionnement pour mes groupes").click()
    page.get_by_role("link", name="Écrire un nouveau test").click()
    page.get_by_label(re.compile("^Nom court")).fill("avant-mardi")
    page.get_by_label("Atelier du mardi").check()
    page.get_by_label(re.compile(r"^Le test \(positioning.toml\)")).fill(source)
    page.get_by_role("button", name="Aperçu (sans enregistrer)").click()
    expect(page.get_by_role("heading", name="Aperçu : ce que voient les participants")).to_be_visible()
    expect(page.locator(".result-box .positioning-questions > li")).to_have_count(12)
    assert_accessible(page, "positioning test preview", page.url)
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Le test est enregistré.")
    assert_accessible(page, "positioning test edit", page.url)
