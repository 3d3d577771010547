"""Attendance end to end in Chromium: a trainer plans today's session and shows its code, the learner
signs in on a phone (360 px) with the code, the trainer signs the list, and the learner's monthly
sheet (HTML and PDF) shows the hours. Every page axe clean at desktop width and 360 px."""

import io
import re

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .checks import PHONE_WIDTH, assert_accessible

pytestmark = pytest.mark.e2e


def test_a_learner_signs_in_with_the_code_and_the_monthly_pdf_shows_the_hours(new_context, trainer, trainee, cohort):
    today = timezone.localdate()
    staff = new_context(user=trainer).new_page()
    staff.goto(cohort.get_absolute_url())
    staff.get_by_role("link", name="Émargement").click()
    staff.get_by_label(re.compile("^Date")).fill(today.isoformat())
    staff.get_by_label(re.compile("^Demi-journée")).select_option(label="Matin")
    staff.get_by_role("button", name="Créer").click()
    expect(staff.locator(".messages")).to_contain_text("1 séance créée.")
    assert_accessible(staff, "a promo's attendance month", staff.url)
    staff.set_viewport_size({"width": 1280, "height": 800})
    staff.locator("table").first.get_by_role("link").first.click()
    staff.get_by_role("button", name="Afficher le code de la séance").click()
    digits = staff.locator(".code-digits").inner_text()
    assert re.fullmatch(r"\d{3} \d{3}", digits)
    expect(staff.locator(".qr svg")).to_be_visible()
    assert_accessible(staff, "a session with its code", staff.url)

    page = new_context(user=trainee, viewport={"width": PHONE_WIDTH, "height": 740}).new_page()
    page.goto("/comptes/tableau-de-bord/")
    expect(page.locator(".notice")).to_contain_text("Une séance de votre groupe est ouverte")
    page.get_by_role("link", name="Signer ma présence à une séance").click()
    page.get_by_label(re.compile("^Code de la séance")).fill(digits)
    page.get_by_role("button", name="Je suis présent, je signe").click()
    expect(page.locator(".messages")).to_contain_text("Présence enregistrée : Promo A")
    expect(page.locator("table")).to_contain_text("Présent")
    assert_accessible(page, "my attendance", page.url)

    # The trainer's page refreshes who signed in (htmx, every 10 s) without reloading.
    expect(staff.locator("#signed-in")).to_contain_text("1 personne sur 1 a signé elle-même", timeout=15_000)
    staff.get_by_role("button", name="Je certifie cette liste et je la signe").click()
    expect(staff.locator(".messages")).to_contain_text("Vous avez signé la feuille de cette séance.")

    page.get_by_role("link", name="Ma feuille du mois").click()
    expect(page.locator(".totals")).to_contain_text("3 h 30")
    assert_accessible(page, "my month's attendance sheet", page.url)
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger la feuille (PDF)").click()
    assert download.value.suggested_filename == f"emargement-{trainee.username}-{today:%Y-%m}.pdf"
    with open(download.value.path(), "rb") as handle:
        pdf = pypdf.PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Heures prévues : 3 h 30 · présence : 3 h 30" in text
    assert "Signé à" in text and "Claire, le" in text
    assert page.context.errors == [] and staff.context.errors == []
