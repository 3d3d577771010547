import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_mediator_prints_login_cards_and_a_learner_signs_in_with_one(new_context, mediator, mediation_group):
    """Two names give two printable cards (username, password, QR code); the printed password signs in."""
    page = new_context(user=mediator).new_page()
    page.goto(mediation_group.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Atelier du mardi")
    page.get_by_label(re.compile(r"^Noms des apprenants")).fill("Fatou Ndiaye\nJean-Pierre Lefèvre")
    page.get_by_role("button", name="Créer les comptes et imprimer les cartes").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Cartes de connexion")
    cards = page.locator(".login-card")
    expect(cards).to_have_count(2)
    expect(cards.nth(0).get_by_role("heading")).to_have_text("Fatou Ndiaye")
    expect(cards.nth(1).get_by_role("heading")).to_have_text("Jean-Pierre Lefèvre")
    printed = []
    for card in cards.all():
        username, password = (text.strip() for text in card.locator("dd.mono").all_inner_texts())
        assert re.fullmatch(r"[a-z0-9.]+", username)
        assert re.fullmatch(r"[a-z]+-[a-z]+-[a-z]+-\d{3}", password)
        qr = card.locator(".qr svg")
        expect(qr).to_be_visible()
        expect(qr.locator("path")).not_to_have_count(0)
        printed.append((username, password))
    assert [username for username, _ in printed] == ["fatou.ndiaye", "jean.pierre.lefevre"]
    assert page.context.errors == []

    username, password = printed[0]
    learner = new_context().new_page()
    learner.goto("/comptes/connexion/")
    learner.get_by_label(re.compile(r"^Nom d.utilisateur")).fill(username)
    learner.get_by_label(re.compile(r"^Mot de passe")).fill(password)
    learner.get_by_role("button", name="Se connecter").click()

    # A mediator runs the group: at this first login the person is asked whether the mediator may see
    # their progress (once), then goes on to the dashboard.
    expect(learner.get_by_role("heading", level=1)).to_have_text("Avant de continuer")
    learner.get_by_role("button", name="Oui, ils peuvent la voir").click()
    expect(learner).to_have_url(re.compile(r"/comptes/tableau-de-bord/$"))
    expect(learner.get_by_role("heading", level=1)).to_have_text("Bonjour Fatou Ndiaye")
    expect(learner.get_by_text("Vous ne suivez encore aucun cours.")).to_be_visible()
