import re

import pytest
from playwright.sync_api import expect

from accounts.models import Role, User
from courses.models import LessonCompletion

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_resident_signs_up_enrols_and_completes_a_lesson(new_context, basics_course, javascript):
    """A resident without e-mail signs up, enrols in a Numérique de base course and finishes a lesson."""
    page = new_context(java_script_enabled=javascript).new_page()
    page.goto("/comptes/inscription/")
    page.get_by_label(re.compile(r"^Nom d.utilisateur")).fill("fatou")
    page.get_by_label(re.compile(r"^Mot de passe")).fill("tremplin-e2e-2026")
    page.get_by_label("Confirmation du mot de passe").fill("tremplin-e2e-2026")
    page.get_by_role("button", name="Créer mon compte").click()

    # Her recovery code first, to print or write down (no e-mail address to fall back on).
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre code de secours")
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("dd.mono").nth(1)).to_have_text(re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$"))
    page.get_by_role("link", name="Continuer vers les cours").click()
    expect(page).to_have_url(re.compile(r"/cours/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Catalogue des cours")
    expect(page.locator(".whoami")).to_contain_text("fatou")
    user = User.objects.get(username="fatou")
    assert (user.role, user.email) == (Role.RESIDENT, "")

    page.get_by_role("link", name=basics_course.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(basics_course.title)
    page.get_by_role("button", name="M’inscrire à ce cours").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Leçon 1.1")
    expect(page.locator(".lesson-body")).to_have_text("Texte 1.1")
    expect(page.locator(".messages")).to_contain_text(basics_course.title)
    progress = page.locator("#completion")
    expect(progress.locator(".progress-text")).to_have_text(re.compile(r"^0 activités? terminées? sur 6 \(0 %\)$"))
    expect(progress.locator("progress")).to_have_attribute("value", "0")

    if javascript:
        # A mark on the window survives an htmx swap, not a page load.
        page.evaluate("window.__notReloaded = true")
    progress.get_by_role("button", name="J’ai terminé").click()

    expect(progress.get_by_text("✓ Leçon terminée")).to_be_visible()
    expect(progress.locator(".progress-text")).to_have_text(re.compile(r"^1 activités? terminées? sur 6 \(17 %\)$"))
    expect(progress.locator("progress")).to_have_attribute("value", "1")
    expect(progress.get_by_role("button", name="Marquer comme non terminée")).to_be_visible()
    expect(progress.get_by_role("link", name=re.compile("Suivante : Leçon 1.2"))).to_be_visible()
    if javascript:
        assert page.evaluate("window.__notReloaded") is True
    assert LessonCompletion.objects.filter(user=user, lesson__title="Leçon 1.1").exists()
    assert page.context.errors == []
