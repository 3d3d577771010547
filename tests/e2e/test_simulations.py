"""The demo's simulations in Chromium, as a resident does them: the reference path passes, typical
wrong paths fail with their explanations, the whole path works without JavaScript and by keyboard, at
360 px; every simulator page is accessible (axe), no wider than the phone and under 100 KB."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from exercises.models import Exercise, Submission

from .checks import PHONE_WIDTH, assert_accessible, assert_light

pytestmark = pytest.mark.e2e
PHONE = {"viewport": {"width": PHONE_WIDTH, "height": 740}}
SIMULATION_FOLDER = (
    Path(__file__).resolve().parents[2]
    / "content/premiers-pas-courriel/02-lire-et-ecrire-un-message/06-simulation-repondre"
)


def simulation(slug):
    return Exercise.objects.get(kind="simulation", slug=slug)


def finish(page, exercise):
    page.goto(exercise.get_absolute_url())
    page.get_by_role("button", name="J’ai terminé : envoyer ma démarche").click()
    return page.locator("#resultat")


def test_the_reply_with_its_attachment_without_javascript_at_360_px(new_context, demo_world, trainee):
    exercise = simulation("simulation-repondre")
    page = new_context(user=trainee, java_script_enabled=False, **PHONE).new_page()
    page.goto(exercise.get_absolute_url())
    page.get_by_role("link", name=re.compile("^Ouvrir la simulation")).click()
    expect(page.locator(".sim-banner")).to_contain_text("Simulation — rien n’est envoyé pour de vrai")
    page.get_by_role("link", name=re.compile("Aïcha Diallo")).click()
    page.get_by_role("link", name="Répondre").click()
    expect(page.get_by_label("À")).to_have_value("a.diallo@mairie-exemple.fr")
    page.get_by_label("attestation.pdf").check()
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator(".messages")).to_contain_text("Message envoyé (dans la simulation seulement).")
    page.get_by_role("link", name=re.compile("Service Livraison")).click()
    page.get_by_role("button", name="Signaler comme indésirable").click()
    result = finish(page, exercise)
    expect(result).to_contain_text("Bravo : la démarche est réussie !")
    assert Submission.objects.get(exercise=exercise, learner=trainee).score == 1.0
    assert page.context.errors == []


def test_wrong_paths_are_explained_and_recommencer_starts_again(new_context, demo_world, trainee):
    exercise = simulation("simulation-repondre")
    page = new_context(user=trainee).new_page()
    page.goto(exercise.get_absolute_url())
    page.get_by_role("link", name=re.compile("^Ouvrir la simulation")).click()
    page.get_by_role("link", name=re.compile("Service Livraison")).click()
    page.get_by_role("button", name="Payer les frais de livraison").click()
    expect(page.locator(".sim-address")).to_contain_text("http://livraison-colis-express.top/paiement")
    page.get_by_role("link", name="Écrire un message").click()
    page.get_by_label("À").fill("karim.benali@courriel-exemple.fr")  # the wrong person, the file forgotten
    page.get_by_label("Objet").fill("Attestation")
    page.get_by_role("button", name="Envoyer").click()
    result = finish(page, exercise)
    expect(result).to_contain_text("La démarche n'est pas encore réussie")
    expect(result).to_contain_text("cochez attestation.pdf dans « Mes documents »")
    expect(result).to_contain_text("n'ouvrez jamais son lien")
    page.get_by_role("button", name="Recommencer la simulation du début").click()
    expect(page.locator(".messages")).to_contain_text("La simulation recommence du début.")
    expect(page.get_by_role("link", name=re.compile("^Ouvrir la simulation"))).to_be_visible()
    assert page.context.errors == []


def test_sorting_the_sms_by_keyboard_only(new_context, demo_world, trainee):
    exercise = simulation("simulation-sms")
    page = new_context(user=trainee, **PHONE).new_page()
    page.goto(exercise.get_absolute_url())
    for sender, verdict, report in (
        ("+33 7 56 41 22 90", "C'est une arnaque", True),
        ("AMENDE-INFO", "C'est une arnaque", True),
        ("Votre caisse santé", "C'est une arnaque", True),
        ("Pharmacie des Lilas", "C'est fiable", False),
        ("Leïla (ma sœur)", "C'est fiable", False),
    ):
        page.goto(f"/exercices/{exercise.pk}/simulation/")
        page.get_by_role("link", name=re.compile(re.escape(sender))).focus()
        page.keyboard.press("Enter")
        page.get_by_role("button", name=verdict).focus()
        page.keyboard.press("Enter")
        expect(page.locator(".messages")).to_contain_text("Message classé")
        if report:
            page.get_by_role("link", name=re.compile(re.escape(sender))).first.focus()
            page.keyboard.press("Enter")
            page.get_by_role("button", name="Signaler comme indésirable").focus()
            page.keyboard.press("Enter")
            expect(page.locator(".messages")).to_contain_text("Message signalé comme indésirable")
    expect(finish(page, exercise)).to_contain_text("Bravo : la démarche est réussie !")
    assert page.context.errors == []


def test_a_phishing_link_opened_and_a_wrong_sort_are_explained_without_javascript(new_context, demo_world, trainee):
    exercise = simulation("simulation-sms")
    page = new_context(user=trainee, java_script_enabled=False, **PHONE).new_page()
    page.goto(f"/exercices/{exercise.pk}/simulation/")
    page.get_by_role("link", name=re.compile(re.escape("+33 7 56 41 22 90"))).click()
    page.get_by_role("button", name="colis-suivi-fr.info/regler").click()
    expect(page.locator(".sim-address")).to_contain_text("http://colis-suivi-fr.info/regler")
    page.goto(f"/exercices/{exercise.pk}/simulation/")
    page.get_by_role("link", name=re.compile("Pharmacie des Lilas")).click()
    page.get_by_role("button", name="C'est une arnaque").click()
    result = finish(page, exercise)
    expect(result).to_contain_text("La démarche n'est pas encore réussie")
    expect(result).to_contain_text("N'ouvrez jamais le lien d'un SMS douteux")
    expect(result).to_contain_text("Le SMS de la pharmacie ne demande rien")
    assert page.context.errors == []


def test_booking_then_cancelling_without_javascript_at_360_px(new_context, demo_world, trainee):
    exercise = simulation("simulation-rendez-vous")
    page = new_context(user=trainee, java_script_enabled=False, **PHONE).new_page()
    page.goto(f"/exercices/{exercise.pk}/simulation/")
    page.get_by_label("Nom, spécialité ou ville").fill("généraliste Villeneuve")
    page.get_by_label("Nom, spécialité ou ville").press("Enter")
    page.get_by_role("link", name=re.compile("Dr Claire Martin")).click()
    expect(page.locator(".sim-taken")).to_contain_text("lundi 8 décembre, 9 h 00 — pris")
    page.get_by_role("link", name="mardi 9 décembre, 10 h 15").click()
    page.get_by_role("button", name="Confirmer le rendez-vous").click()
    expect(page.locator(".messages")).to_contain_text("Rendez-vous confirmé")
    page.get_by_role("button", name="Annuler le rendez-vous du jeudi 11 décembre, 16 h 00").click()
    expect(page.locator(".messages")).to_contain_text("Rendez-vous annulé.")
    expect(finish(page, exercise)).to_contain_text("Bravo : la démarche est réussie !")
    assert page.context.errors == []


def test_a_card_typed_on_the_fraudulent_site_is_explained_without_javascript(new_context, demo_world, trainee):
    exercise = simulation("simulation-achat")
    page = new_context(user=trainee, java_script_enabled=False, **PHONE).new_page()
    page.goto(f"/exercices/{exercise.pk}/simulation/")
    page.get_by_role("link", name="MEGA PROMO DESTOCKAGE").click()
    page.get_by_role("button", name="Ajouter au panier : Chargeur USB-C 20 W").click()
    page.get_by_role("link", name="Commander et payer sur MEGA PROMO DESTOCKAGE").click()
    expect(page.locator(".notice")).to_contain_text("1 € de frais de vérification de carte")
    page.get_by_label("Nom et prénom").fill("Nadia Benali")
    page.get_by_label("Adresse de livraison").fill("1 rue de la Paix, Villeneuve")
    page.get_by_label("Numéro de carte").fill("4000 1234 5678 9010")
    page.get_by_label("Date d’expiration (MM/AA)").fill("08/29")
    page.get_by_label("Cryptogramme (3 chiffres au dos)").fill("123")
    page.get_by_role("button", name="Payer").click()
    result = finish(page, exercise)
    expect(result).to_contain_text("La démarche n'est pas encore réussie")
    expect(result).to_contain_text("MEGA PROMO est une arnaque")
    expect(result).to_contain_text("Ajoutez le chargeur au panier sur Électro Villeneuve")
    assert page.context.errors == []


def test_buying_on_the_right_site_and_reporting_the_fraud_by_keyboard(new_context, demo_world, trainee):
    exercise = simulation("simulation-achat")
    page = new_context(user=trainee, **PHONE).new_page()
    page.goto(f"/exercices/{exercise.pk}/simulation/")
    page.get_by_role("link", name="MEGA PROMO DESTOCKAGE").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".sim-address")).to_contain_text("http://mega-promo-destockage.shop-discount.xyz")
    page.get_by_role("button", name="Signaler ce site comme frauduleux").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Site signalé comme frauduleux")
    page.get_by_role("link", name="Électro Villeneuve").click()
    page.get_by_role("button", name="Ajouter au panier : Chargeur USB-C 20 W").click()
    page.get_by_role("link", name="Commander et payer sur Électro Villeneuve").click()
    page.get_by_label("Nom et prénom").fill("Nadia Benali")
    page.get_by_label("Adresse de livraison").fill("1 rue de la Paix, Villeneuve")
    page.get_by_label("Numéro de carte").fill("4000 1234 5678 9010")
    page.get_by_label("Date d’expiration (MM/AA)").fill("08/29")
    page.get_by_label("Cryptogramme (3 chiffres au dos)").fill("123")
    page.get_by_role("button", name="Payer").click()
    expect(page.locator(".messages")).to_contain_text("Paiement accepté")
    expect(finish(page, exercise)).to_contain_text("Bravo : la démarche est réussie !")
    assert page.context.errors == []


def test_a_procedure_through_the_identity_provider_without_javascript_at_360_px(new_context, demo_world, trainee):
    exercise = simulation("simulation-demarche")
    page = new_context(user=trainee, java_script_enabled=False, **PHONE).new_page()
    page.goto(exercise.get_absolute_url())
    page.get_by_role("link", name=re.compile("^Ouvrir la simulation")).click()
    expect(page.locator(".sim-task")).to_contain_text("identifiant aicha.benali@exemple.fr, mot de passe Lilas-2026")
    page.get_by_role("link", name="S’identifier avec Connexion Citoyenne").click()
    expect(page.locator(".sim-address")).to_contain_text("https://connexion-citoyenne.exemple.fr")
    page.get_by_label("Identifiant (adresse électronique)").fill("aicha.benali@exemple.fr")
    page.get_by_label("Mot de passe").fill("lilas-2026")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator(".errorlist")).to_contain_text("Identifiant ou mot de passe incorrect.")
    page.get_by_label("Mot de passe").fill("Lilas-2026")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Continuer vers Portail des démarches de Villeneuve").click()
    page.get_by_role("link", name="Commencer la démarche").click()
    for label, value in (
        ("Nom", "Benali"),
        ("Prénom", "Aïcha"),
        ("Date de naissance (JJ/MM/AAAA)", "14/02/1981"),
        ("Téléphone portable", "06 21 43 65 87"),
        ("Adresse électronique", "aicha.benali@exemple.fr"),
    ):
        page.get_by_label(re.compile("^" + re.escape(label))).fill(value)
    page.get_by_role("button", name="Valider et passer à l’étape suivante").click()
    page.get_by_label("Numéro et rue").fill("12 rue des Lilas")
    page.get_by_label("Code postal").fill("95000")
    page.get_by_label("Ville").fill("Villeneuve")
    page.get_by_label("En recherche d'emploi").check()
    page.get_by_role("button", name="Valider et passer à l’étape suivante").click()
    page.get_by_label(re.compile(r"photo-facture\.heic")).check()
    page.get_by_role("button", name="Valider et voir le récapitulatif").click()
    expect(page.locator(".errorlist")).to_contain_text(
        "Ce format de fichier n'est pas accepté : PDF, JPG, PNG seulement."
    )
    page.get_by_label(re.compile(r"facture-electricite-novembre\.pdf")).check()
    page.get_by_role("button", name="Valider et voir le récapitulatif").click()
    page.get_by_label("Je certifie sur l’honneur que ces informations sont exactes.").check()
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.locator(".messages")).to_contain_text("Demande envoyée (dans la simulation seulement).")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le récépissé (PDF)").click()
    assert re.fullmatch(r"recepisse-CTS-\d{6}\.pdf", download.value.suggested_filename)
    expect(finish(page, exercise)).to_contain_text("Bravo : la démarche est réussie !")
    assert page.context.errors == []


def test_an_account_with_the_wrong_subscription_is_explained_by_keyboard_without_javascript(
    new_context, demo_world, trainee
):
    exercise = simulation("simulation-compte")
    page = new_context(user=trainee, java_script_enabled=False, **PHONE).new_page()
    page.goto(f"/exercices/{exercise.pk}/simulation/")
    page.get_by_role("link", name="Créer un compte sur ce portail").focus()
    page.keyboard.press("Enter")
    page.get_by_label("Adresse électronique").fill("karim.mansouri@exemple.fr")
    page.get_by_label(re.compile("^Mot de passe")).fill("court1")
    page.get_by_label("Le même mot de passe, une deuxième fois").fill("court1")
    page.keyboard.press("Enter")
    expect(page.locator(".errorlist")).to_contain_text("Le mot de passe est trop court : au moins 12 caractères.")
    page.get_by_label(re.compile("^Mot de passe")).fill("Trois-chats-et-1-chien")
    page.get_by_label("Le même mot de passe, une deuxième fois").fill("Trois-chats-et-1-chien")
    page.keyboard.press("Enter")
    expect(page.locator(".sim-site")).to_contain_text("Connecté avec le compte karim.mansouri@exemple.fr")
    page.get_by_role("link", name="Commencer la démarche").click()
    page.get_by_label(re.compile("^Nom")).fill("Mansouri")
    page.get_by_label("Prénom").fill("Karim")
    page.get_by_label("Date de naissance (JJ/MM/AAAA)").fill("03/09/1962")
    page.keyboard.press("Enter")
    page.get_by_label("Hors commune (15 € par an)").check()
    page.keyboard.press("Enter")
    page.get_by_label("Je certifie sur l’honneur que ces informations sont exactes.").check()
    page.get_by_role("button", name="Envoyer ma demande").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Demande envoyée (dans la simulation seulement).")
    result = finish(page, exercise)
    expect(result).to_contain_text("La démarche n'est pas encore réussie")
    expect(result).to_contain_text("l'abonnement « Habitant de Villeneuve » est gratuit pour lui")
    expect(result).to_contain_text("cliquez « Télécharger le récépissé (PDF) »")
    assert page.context.errors == []


def procedure_pages(page, exercise, slug):
    """A procedure's pages, in the order a learner meets them (signed in along the way)."""
    base = f"/exercices/{exercise.pk}/simulation/"
    page.goto(base)
    if slug == "simulation-demarche":
        yield "provider", f"{base}identification/"
        page.goto(f"{base}identification/")
        page.get_by_label("Identifiant (adresse électronique)").fill("aicha.benali@exemple.fr")
        page.get_by_label("Mot de passe").fill("Lilas-2026")
        page.get_by_role("button", name="Se connecter").click()
        yield "consent", f"{base}identification/"
        yield "file", f"{base}formulaire/justificatif/"
    else:
        yield "account", f"{base}creer-un-compte/"
        page.goto(f"{base}creer-un-compte/")
        page.get_by_label("Adresse électronique").fill("karim.mansouri@exemple.fr")
        page.get_by_label(re.compile("^Mot de passe")).fill("Trois-chats-et-1-chien")
        page.get_by_label("Le même mot de passe, une deuxième fois").fill("Trois-chats-et-1-chien")
        page.get_by_role("button", name="Créer mon compte").click()
    yield "home", base
    yield "form", f"{base}formulaire/vous/"
    yield "summary", f"{base}recapitulatif/"


@pytest.mark.parametrize("slug", ["simulation-demarche", "simulation-compte"])
def test_every_procedure_page_is_accessible_narrow_and_light(new_context, demo_world, trainee, slug):
    exercise = simulation(slug)
    walker = new_context(user=trainee).new_page()
    for name, url in procedure_pages(walker, exercise, slug):
        page = new_context(user=trainee).new_page()  # a first visit: nothing in the cache
        assert_light(page, f"{slug} {name}", url)
        assert_accessible(page, f"{slug} {name}", url)


def simulator_pages(exercise, message, link_of):
    base = f"/exercices/{exercise.pk}/simulation/"
    return {
        "home": base,
        "message": f"{base}messages/{message}/",
        "link": f"{base}messages/{link_of}/liens/0/",
    }


@pytest.mark.parametrize(
    "slug", ["simulation-repondre", "simulation-sms", "simulation-rendez-vous", "simulation-achat"]
)
def test_every_simulator_page_is_accessible_narrow_and_light(new_context, demo_world, trainee, slug):
    exercise = simulation(slug)
    if slug == "simulation-rendez-vous":
        base = f"/exercices/{exercise.pk}/simulation/"
        pages = {
            "search": f"{base}?q=m%C3%A9decin",
            "practitioner": f"{base}praticiens/dr-martin/",
            "confirm": f"{base}praticiens/dr-martin/confirmer/?creneau=mardi%209%20d%C3%A9cembre%2C%2010%20h%2015",
            "appointments": f"{base}rendez-vous/",
        }
    elif slug == "simulation-achat":
        base = f"/exercices/{exercise.pk}/simulation/"
        pages = {
            "results": base,
            "site": f"{base}sites/mega-promo/",
            "payment": f"{base}sites/mega-promo/paiement/",
            "cart": f"{base}panier/",
        }
    else:
        pages = simulator_pages(exercise, "diallo" if slug == "simulation-repondre" else "pharmacie", "colis")
    pages["exercise"] = exercise.get_absolute_url()
    if slug == "simulation-repondre":
        pages["write"] = f"/exercices/{exercise.pk}/simulation/ecrire/?repondre=diallo"
    for name, url in pages.items():
        page = new_context(user=trainee).new_page()
        assert_light(page, f"{slug} {name}", url)
        assert_accessible(page, f"{slug} {name}", url)


def test_a_mediator_follows_a_resident_live_with_her_agreement(new_context, demo_world, mediator, resident):
    from accounts.models import Cohort
    from accounts.services import cohort_create
    from courses.models import Enrolment

    exercise = simulation("simulation-demarche")
    Enrolment.objects.create(user=resident, course=exercise.module.course)
    group = cohort_create(name="Atelier", site=resident.site, trainer=mediator, kind=Cohort.Kind.WORKSHOP)
    group.learners.add(resident)
    person = new_context(user=resident, java_script_enabled=False, **PHONE).new_page()
    person.goto(f"/exercices/{exercise.pk}/simulation/identification/")
    person.get_by_label("Identifiant (adresse électronique)").fill("aicha.benali@exemple.fr")
    person.get_by_label("Mot de passe").fill("Lilas-2026")
    person.get_by_role("button", name="Se connecter").click()

    helper = new_context(user=mediator).new_page()
    helper.goto("/exercices/simulations/accompagner/")
    assert_accessible(helper, "simulations to follow", helper.url)
    helper.get_by_role("button", name=re.compile("^Demander à suivre")).click()
    expect(helper.locator("#suivi")).to_contain_text("En attente de l’accord")

    person.goto(f"/exercices/{exercise.pk}/simulation/")
    expect(person.locator(".sim-accompany")).to_contain_text("demande à suivre votre démarche en direct")
    look = new_context(user=resident).new_page()  # axe needs JavaScript
    look.goto(person.url)
    assert_accessible(look, "the question to the resident", look.url)
    person.get_by_role("button", name="Oui, je suis d’accord").click()
    expect(person.locator(".sim-accompany")).to_contain_text("suit votre démarche en direct")

    # The mediator's page updates by itself (htmx, every 5 s): no reload here.
    expect(helper.locator("#suivi ol li")).to_have_text(["S'identifie avec Connexion Citoyenne"], timeout=15_000)
    person.get_by_role("link", name="Commencer la démarche").click()
    for label, value in (("Nom", "Benali"), ("Prénom", "Aïcha"), ("Date de naissance", "14/02/1981")):
        person.get_by_label(re.compile("^" + label)).fill(value)
    person.get_by_label(re.compile("^Téléphone")).fill("06 21 43 65 87")
    person.get_by_label(re.compile("^Adresse électronique")).fill("aicha.benali@exemple.fr")
    person.get_by_role("button", name="Valider et passer à l’étape suivante").click()
    expect(helper.locator("#suivi ol li")).to_have_count(2, timeout=15_000)
    expect(helper.locator(".sim-checks")).to_contain_text("Oui — La date de naissance est juste")
    assert person.context.errors == [] and helper.context.errors == []
    still = new_context(user=mediator).new_page()
    # No swap while axe reads the page: htmx's refreshes are answered « nothing new » (204).
    still.route(
        re.compile(r"/suivre/"),
        lambda route: route.fulfill(status=204) if route.request.headers.get("hx-request") else route.continue_(),
    )
    still.goto(helper.url)
    assert_accessible(still, "following a simulation", still.url)


def test_a_mediator_writes_a_simulation_for_her_group(new_context, demo_world, mediator, mediation_group):
    source = (SIMULATION_FOLDER / "simulation.toml").read_text(encoding="utf-8")
    page = new_context(user=mediator, **PHONE).new_page()
    page.goto(mediation_group.get_absolute_url())
    page.get_by_role("link", name=re.compile("^Simulations écrites pour c")).click()
    assert_accessible(page, "a group's simulations", page.url)
    page.get_by_role("button", name="Écrire une nouvelle simulation").click()
    page.get_by_label(re.compile("^Titre")).fill("Répondre à la mairie")
    page.locator("#id_slug").fill("repondre-mairie")
    page.get_by_label(re.compile("^Simulation : le scénario")).fill(source)
    page.get_by_role("button", name="Tester la correction").click()
    expect(page.locator(".result-box")).to_contain_text("Le parcours de référence remplit toutes les attentes.")
    expect(page.locator("#scenario-preview")).to_be_visible()
    assert_accessible(page, "a mediator's simulation", page.url)
